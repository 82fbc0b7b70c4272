# syntax=docker/dockerfile:1
# paperbrief: one image for every role. The default command runs a worker on all queues;
# docker-compose.yml also runs it as the HTTP API (`serve`) and `watch`. Only what runs is copied:
# no tests, no test/support (see .dockerignore). NODE_IMAGE: any Node 22 or 24 on Debian.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Compilers only for the case better-sqlite3 has no prebuilt binary for this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# Dependencies first (their own layer, cached until the lock file changes); `prepare` (the build)
# waits for the sources, the native modules are built now.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && npm rebuild better-sqlite3 msgpackr-extract
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/workers ./dist/workers
COPY prompts ./prompts
COPY schema ./schema
COPY examples ./examples
# The SQLite default (./data) must be writable when no DATABASE_URL is given; ./custom is where
# compose mounts your own prompts, taxonomy and webhooks file.
RUN mkdir -p /app/data /app/custom && chown node:node /app/data
USER node
EXPOSE 8080
# node handles SIGTERM itself (graceful shutdown); run with an init (compose `init: true`) so
# zombies are reaped and signals reach it.
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["worker"]
