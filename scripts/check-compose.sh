#!/usr/bin/env bash
# Checks docker-compose.yml the way a first `docker compose up` would read it: with .env.example
# as the .env (copied to a temporary folder, never into the repo), `docker-compose config -q`
# must pass, and every variable of .env.example must reach each paperbrief service (worker, api,
# watch). Needs docker-compose (Debian package) and python3 with PyYAML (a dependency of it).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp docker-compose.yml "$work/docker-compose.yml"
cp .env.example "$work/.env"
(cd "$work" && docker-compose config -q)
(cd "$work" && docker-compose --profile watch config) >"$work/resolved.yml"
python3 - "$work/resolved.yml" .env.example <<'PY'
import re, sys, yaml
resolved = yaml.safe_load(open(sys.argv[1]))
names = [m.group(1) for m in (re.match(r'^([A-Z][A-Z0-9_]*)=', line) for line in open(sys.argv[2])) if m]
missing = []
for service in ('worker', 'api', 'watch'):
    environment = resolved['services'][service].get('environment') or {}
    missing += [f'{service}: {name}' for name in names if name not in environment]
if missing:
    sys.exit('variables of .env.example not passed to the containers: ' + ', '.join(missing))
print(f'docker-compose.yml: config ok; {len(names)} variables of .env.example reach worker, api and watch')
PY
