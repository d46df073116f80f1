#!/usr/bin/env bash
# Body of `make test`: quality gates, then the whole suite on PostgreSQL against a real search
# engine (with Redis and Varnish for the serving tests), then the SQLite run that keeps the
# embedded default working. Services this script started are stopped at the end.
# Extra arguments go to both pytest runs (e.g. `make test ARGS=-x` is not needed: run
# scripts/run-tests.sh tests/home -x).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=portal_site.settings.test
# Tests that need PostgreSQL, Redis or Varnish fail here instead of skipping.
export PORTAL_REQUIRE_SERVICES=1
SECONDS=0

# browser: Debian's chromium for tests/browser (Playwright drives it; nothing downloads a browser).
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
scripts/system-packages.sh postgres redis varnish browser || exit 1

started_engine=0 started_pg=0 started_redis=0
out=$(scripts/search-engine.sh start) || { echo "$out"; exit 1; }
echo "$out"
case "$out" in *started*) started_engine=1 ;; esac
out=$(scripts/services.sh start postgres) || { echo "$out"; exit 1; }
echo "$out"
case "$out" in *started*) started_pg=1 ;; esac
out=$(scripts/services.sh start redis) || { echo "$out"; exit 1; }
echo "$out"
case "$out" in *started*) started_redis=1 ;; esac

# Each run gets its own index prefix and database name; the test session removes its indices.
RUN="$$-$(date +%s)"
export ELASTICSEARCH_INDEX_PREFIX="test-$RUN"
export PORTAL_TEST_REDIS_URL="redis://127.0.0.1:${PORTAL_REDIS_PORT:-6380}/15"
PG_URL="postgres://portal@127.0.0.1:${PORTAL_PG_PORT:-5433}/portal_$RUN"

# Two pytest-xdist workers by default (whole files per worker; each has its own test database,
# index prefix and Redis database), about 20 minutes here; PORTAL_TEST_WORKERS=1 runs one process.
WORKERS=${PORTAL_TEST_WORKERS:-2}
PARALLEL=()
[ "$WORKERS" -gt 1 ] && PARALLEL=(-n "$WORKERS" --dist loadfile)

status=0
$BIN/ruff check . && $BIN/ruff format --check . || status=1
if [ $status -eq 0 ]; then
  $BIN/python manage.py makemigrations --check --dry-run >/dev/null \
    || { echo "makemigrations --check: model changes without a migration"; status=1; }
fi
if [ $status -eq 0 ]; then
  echo "== the whole suite on PostgreSQL 15 =="
  DATABASE_URL="$PG_URL" $BIN/pytest "${PARALLEL[@]}" "$@" || status=$?
fi
if [ $status -eq 0 ]; then
  # SQLite stays the embedded default of `make run`: the pages, import and agency tests run on it
  # too (the PostgreSQL-only tests skip themselves there).
  echo "== the embedded default: SQLite =="
  DATABASE_URL="sqlite:///$(mktemp -d)/portal.sqlite3" PORTAL_REQUIRE_SERVICES=0 \
    $BIN/pytest "${PARALLEL[@]}" tests/home tests/procedures tests/news tests/portal_site "$@" || status=$?
fi
echo "make test: $((SECONDS / 60)) min $((SECONDS % 60)) s"

[ $started_redis -eq 1 ] && scripts/services.sh stop redis
[ $started_pg -eq 1 ] && scripts/services.sh stop postgres
[ $started_engine -eq 1 ] && scripts/search-engine.sh stop
exit $status
