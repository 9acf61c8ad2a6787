#!/usr/bin/env bash
# Installs the system packages the test suite drives for real: Debian's Chromium (browser
# tests), PostgreSQL (the real-Postgres storage suite) and Redis (the edge's shared rate
# limits). No-op when all are present.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing ${need[*]}: install them (Debian/Ubuntu: sudo apt-get install -y ${need[*]})." >&2
  exit 1
fi
echo "Installing ${need[*]} from Debian's packages…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
