#!/usr/bin/env bash
# A 60-second mixed load (pages, search, the search API, feeds, newsletter sign-ups) on the site
# as in production (production settings, gunicorn, PostgreSQL, Redis), while one gunicorn worker
# is killed (at 20 s) and PostgreSQL is restarted (at 35 s). Prints what failed and when.
#
#   bench/load.sh            (as root: it starts its own PostgreSQL and Redis with deploy/services)
#
# Everything runs in a scratch folder with its own PostgreSQL cluster and Redis on other ports
# (LOAD_PG_PORT, LOAD_REDIS_PORT), so a PostgreSQL in use by anything else is never restarted.
# LOAD_SECONDS (60), LOAD_USERS (8), LOAD_WORKERS (2), LOAD_PORT (8100) change the run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
SECONDS_OF_LOAD=${LOAD_SECONDS:-60}
KILL_AT=$((SECONDS_OF_LOAD / 3))
RESTART_AT=$((SECONDS_OF_LOAD * 7 / 12))
work=$(mktemp -d /tmp/kennisplatform-load.XXXXXX)
chmod 755 "$work"  # the PostgreSQL server runs as the postgres user
export SERVICES_DIR=$work/services SERVICES_PG_PORT=${LOAD_PG_PORT:-5442}
export SERVICES_REDIS_PORT=${LOAD_REDIS_PORT:-6389}
port=${LOAD_PORT:-8100}
services() { deploy/services "$@" >>"$work/services.log" 2>&1; }

cleanup() {
    if [ -f "$work/gunicorn.pid" ]; then kill "$(cat "$work/gunicorn.pid")" 2>/dev/null || true; fi
    services stop postgres redis || true
}
trap cleanup EXIT

echo "scratch folder: $work"
services start postgres redis
export DJANGO_SETTINGS_MODULE=config.settings.production
export DATABASE_URL=postgres://postgres@127.0.0.1:$SERVICES_PG_PORT/kennisplatform
export REDIS_URL=redis://127.0.0.1:$SERVICES_REDIS_PORT/0
export SECRET_KEY=load-test-secret-key-that-is-long-enough-for-the-deploy-checks-0123456789
export ALLOWED_HOSTS=127.0.0.1 BASE_URL=http://127.0.0.1 SECURE_SSL_REDIRECT=0 NUM_PROXIES=1
export MEDIA_ROOT=$work/media STATIC_ROOT=$work/static
unset ELASTICSEARCH_URL EMAIL_HOST
$PY manage.py migrate --noinput -v 0
$PY manage.py load_demo_content >/dev/null
$PY manage.py collectstatic --noinput -v 0

.venv/bin/gunicorn config.wsgi --workers "${LOAD_WORKERS:-2}" --bind "127.0.0.1:$port" \
    --pid "$work/gunicorn.pid" --access-logfile /dev/null --error-logfile "$work/gunicorn.log" \
    --capture-output --daemon
for _ in $(seq 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
    sleep 0.2
done

began=$EPOCHREALTIME
$PY -m bench.load run "http://127.0.0.1:$port" "$SECONDS_OF_LOAD" "${LOAD_USERS:-8}" \
    >"$work/results.json" &
load=$!
at() { awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $began }"; }

sleep "$KILL_AT"
worker=$(pgrep -P "$(cat "$work/gunicorn.pid")" | head -n 1)
kill -9 "$worker"
killed=$(at)
sleep $((RESTART_AT - KILL_AT))
restart=$(at)
services stop postgres
services start postgres
restarted=$(at)
wait "$load"

$PY -m bench.load report "$work/results.json" "worker-killed=$killed" \
    "postgres-restart-begins=$restart" "postgres-back=$restarted"
