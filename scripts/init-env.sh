#!/bin/sh
# Creates .env for docker compose from .env.example, with a random PAPERBRIEF_API_TOKEN, once:
# an existing .env is kept as it is, so `docker compose down`, `logs` and your own curl keep
# working with the same token. Read the token with: grep ^PAPERBRIEF_API_TOKEN= .env
set -eu
cd "$(dirname "$0")/.."
if [ -e .env ]; then
  echo ".env exists: kept as it is"
  exit 0
fi
token=$(openssl rand -hex 32 2>/dev/null || node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('hex'))")
umask 077
sed "s/^PAPERBRIEF_API_TOKEN=.*/PAPERBRIEF_API_TOKEN=${token}/" .env.example >.env
echo "wrote .env with a new PAPERBRIEF_API_TOKEN (grep ^PAPERBRIEF_API_TOKEN= .env)"
