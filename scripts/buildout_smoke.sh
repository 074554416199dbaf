#!/usr/bin/env bash
# Prove buildout.cfg builds a working instance: buildout, create the site,
# start the instance, GET the Plone site over HTTP, stop. Exit non-zero on
# any failure. Data goes to var/buildout/ (removed first: a fresh build).
# The demo intranet is closed (intranet_workflow): anonymous visitors are sent
# to the login form, so the page is fetched as admin and the anonymous answer
# is checked to be that redirect.
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
  status=$(curl -s -u admin:admin -o var/buildout-page.html -w '%{http_code}' "$URL" || true)
  [ "$status" = 200 ] && break
  sleep 1
done
echo "==> [4/4] GET $URL: HTTP $status"
[ "$status" = 200 ] || { echo "the instance did not serve the site"; exit 1; }
grep -q "Warnow" var/buildout-page.html \
  || { echo "the site does not show the demo intranet"; exit 1; }
anon=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$URL" || true)
echo "    anonymous: HTTP $anon"
case "$anon" in
  "302 "*login*|"302 "*require_login*) ;;
  *) echo "anonymous visitors are not sent to the login form"; exit 1 ;;
esac
bin/instance stop
trap - EXIT
echo "    buildout smoke check passed"
