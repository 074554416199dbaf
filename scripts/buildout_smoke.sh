#!/usr/bin/env bash
# Prove buildout.cfg builds a working instance: buildout, create the site,
# start the instance, GET the Plone site over HTTP, stop. Exit non-zero on
# any failure. Data goes to var/buildout/ (removed first: a fresh build).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BUILDOUT_PORT:-8081}"
URL="http://127.0.0.1:${PORT}/Plone"

echo "==> [1/4] buildout (pins from versions.cfg, no picked versions)"
rm -rf var/buildout
.venv/bin/buildout -N -q "ports:instance=${PORT}"

echo "==> [2/4] Creating the site with ospa.social and demo content"
bin/instance run scripts/create_site.py > var/buildout-create.log 2>&1 \
  || { cat var/buildout-create.log; exit 1; }
tail -n 1 var/buildout-create.log

echo "==> [3/4] Starting bin/instance on port ${PORT}"
bin/instance start
trap 'bin/instance stop >/dev/null 2>&1 || true' EXIT

status=000
for _ in $(seq 1 90); do
  status=$(curl -s -o var/buildout-page.html -w '%{http_code}' "$URL" || true)
  [ "$status" = 200 ] && break
  sleep 1
done
echo "==> [4/4] GET $URL: HTTP $status"
[ "$status" = 200 ] || { echo "the instance did not serve the site"; exit 1; }
grep -q "Küstensparkasse" var/buildout-page.html \
  || { echo "the site does not show the demo intranet"; exit 1; }
bin/instance stop
trap - EXIT
echo "    buildout smoke check passed"
