#!/usr/bin/env bash
# `make serve` / `make serve-stop`: the production-like stack on one machine (contracts.md §6).
#   PostgreSQL 15 :5433, Redis 7 :6380, the search engine :9200, gunicorn with the production
#   settings on 127.0.0.1:8001, Varnish 7 on 127.0.0.1:8080 in front.
# Writes .cache/serve.env (export lines) so that `manage.py` can run against the same stack:
#   . .cache/serve.env && .venv/bin/python manage.py shell
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=.venv/bin
STATE=.cache/serve
ENV_FILE=.cache/serve.env
PIDFILE=$STATE/gunicorn.pid
PORT="${PORTAL_VARNISH_PORT:-8080}"
BACKEND=127.0.0.1:8001  # gunicorn, where deploy/varnish/default.vcl sends Varnish's misses

write_env() {
  mkdir -p "$STATE/media"
  # One secret per checkout, kept between runs so that sessions survive a restart.
  [ -s "$STATE/secret" ] || { head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$STATE/secret"; chmod 600 "$STATE/secret"; }
  cat >"$ENV_FILE" <<EOF
export DJANGO_SETTINGS_MODULE=portal_site.settings.production
export SECRET_KEY=$(cat "$STATE/secret")
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL=postgres://portal@127.0.0.1:${PORTAL_PG_PORT:-5433}/portal
export REDIS_URL=redis://127.0.0.1:${PORTAL_REDIS_PORT:-6380}/0
export FRONT_CACHE_URL=http://127.0.0.1:$PORT
export ELASTICSEARCH_URL=${ELASTICSEARCH_URL:-http://127.0.0.1:9200}
export ELASTICSEARCH_INDEX_PREFIX=${SERVE_INDEX_PREFIX:-portal}
export MEDIA_ROOT=$ROOT/$STATE/media
export WAGTAILADMIN_BASE_URL=http://127.0.0.1:$PORT
export SECURE_SSL_REDIRECT=false
export SECURE_COOKIES=false
export PORTAL_PROXY_COUNT=1  # Varnish appends the client to X-Forwarded-For
export SECURE_HSTS_SECONDS=0
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
export GUNICORN_ERROR_LOG=$ROOT/$STATE/gunicorn.log
EOF
}

gunicorn_running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

start() {
  scripts/system-packages.sh postgres redis varnish
  scripts/services.sh start postgres redis
  scripts/search-engine.sh start
  write_env
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  echo "serve: migrating and collecting static files ..."
  $BIN/python manage.py migrate --noinput -v 0
  $BIN/python manage.py collectstatic --noinput -v 0
  # The demo content goes into an empty portal only; an existing one is left as it is.
  if [ "$($BIN/python manage.py shell --no-imports -c 'from news.models import NewsPage; print(NewsPage.objects.exists())')" = False ]; then
    echo "serve: loading the demo content ..."
    $BIN/python manage.py load_demo
    $BIN/python manage.py rebuild_search_index
  fi
  if gunicorn_running; then
    # The master preloads the code (deploy/gunicorn.conf.py), so a SIGHUP would not load new code.
    echo "serve: gunicorn already running (pid $(cat "$PIDFILE")); restarting it"
    stop_gunicorn
  fi
  $BIN/gunicorn -c deploy/gunicorn.conf.py --daemon --pid "$PIDFILE" portal_site.wsgi:application
  scripts/services.sh start varnish
  # gunicorn first: Varnish may answer from what it holds while gunicorn is still loading the app.
  for _ in $(seq 1 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$BACKEND/" || true)
    [ "$code" = 200 ] && code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/" || true)
    if [ "$code" = 200 ]; then
      echo ""
      echo "serve: the portal answers on http://127.0.0.1:$PORT/ (Varnish) and http://$BACKEND/ (gunicorn)"
      echo "       environment for manage.py: . $ENV_FILE; stop everything with: make serve-stop"
      return 0
    fi
    sleep 0.3
  done
  echo "serve: no 200 from gunicorn and Varnish (last status $code); see $STATE/gunicorn.log" >&2
  exit 1
}

stop_gunicorn() {
  if gunicorn_running; then
    pid=$(cat "$PIDFILE")
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    echo "gunicorn: stopped"
  fi
  rm -f "$PIDFILE"
}

stop() {
  stop_gunicorn
  scripts/services.sh stop varnish redis postgres
  scripts/search-engine.sh stop
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
