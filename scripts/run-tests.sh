#!/usr/bin/env bash
# Body of `make test`: quality gates, then pytest against a real search engine.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=portal_site.settings.test

started=0
out=$(scripts/search-engine.sh start) || { echo "$out"; exit 1; }
echo "$out"
case "$out" in *started*) started=1 ;; esac
# Each run gets its own index prefix; the test session removes its indices.
export ELASTICSEARCH_INDEX_PREFIX="test-$$-$(date +%s)"

status=0
$BIN/ruff check . && $BIN/ruff format --check . || status=1
if [ $status -eq 0 ]; then
  $BIN/python manage.py makemigrations --check --dry-run >/dev/null \
    || { echo "makemigrations --check: model changes without a migration"; status=1; }
fi
if [ $status -eq 0 ]; then
  $BIN/pytest "$@" || status=$?
fi

if [ $started -eq 1 ]; then
  scripts/search-engine.sh stop
fi
exit $status
