# syntax=docker/dockerfile:1
# paperbrief: one image for every role. The default command runs a worker on all queues;
# docker-compose.yml also runs it as the HTTP API (`serve`). Not built by the tests or CI.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Compilers only for the case better-sqlite3 has no prebuilt binary for this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
COPY test/support ./test/support
COPY prompts ./prompts
COPY schema ./schema
COPY examples ./examples
# `npm ci` runs the `prepare` script, which builds dist/; then the dev dependencies go.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prompts ./prompts
COPY --from=build /app/schema ./schema
COPY --from=build /app/examples ./examples
# The SQLite default (./data) must be writable when no DATABASE_URL is given.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# node handles SIGTERM itself (graceful shutdown); run with an init (compose `init: true`) so
# zombies are reaped and signals reach it.
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["worker"]
