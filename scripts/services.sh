#!/usr/bin/env bash
# Start or stop the project's own PostgreSQL 15, Redis 7 and Varnish 7 instances under .cache/
# (contracts.md §6). Usage: scripts/services.sh start|stop|status SERVICE...
#   services: postgres redis varnish
#
#   PORTAL_PG_PORT        PostgreSQL port (default 5433, so that a system cluster on 5432 is left alone)
#   PORTAL_REDIS_PORT     Redis port (default 6380)
#   PORTAL_VARNISH_PORT   Varnish port (default 8080); its backend is deploy/varnish/default.vcl's (8001)
#
# `start` is idempotent and prints "already running" or "started"; `stop` stops only what this
# script started (by its pid file). The PostgreSQL cluster is for development and tests: it
# trusts local connections and does not fsync. Its text search default is English, as on most
# clusters initialised in an English locale, so that the tests see what provinces' clusters do.
# Production runs its own, configured cluster.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE="$ROOT/.cache"
PG_PORT="${PORTAL_PG_PORT:-5433}"
REDIS_PORT="${PORTAL_REDIS_PORT:-6380}"
VARNISH_PORT="${PORTAL_VARNISH_PORT:-8080}"
PG_BIN=/usr/lib/postgresql/15/bin

# --- PostgreSQL -------------------------------------------------------------------------
# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user that
# Debian's package creates. When that user cannot reach .cache/ (a checkout under /root), the
# cluster lives in /var/tmp instead, one per checkout.
pg_dir() {
  local dir="$CACHE/postgres"
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$CACHE"
    if ! runuser -u postgres -- test -x "$CACHE" 2>/dev/null; then
      dir="/var/tmp/portal-postgres-$(printf '%s' "$ROOT" | md5sum | cut -c1-10)"
    fi
  fi
  echo "$dir"
}

as_pg() {
  # From /: the postgres user may not be allowed into the checkout.
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }

postgres_start() {
  if pg_ready; then echo "postgres: already running on 127.0.0.1:$PG_PORT"; return 0; fi
  scripts/system-packages.sh postgres
  local dir; dir=$(pg_dir)
  mkdir -p "$dir/run"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    echo "postgres: creating a cluster in $dir/data"
    as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$dir/run \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
        -c default_text_search_config=pg_catalog.english" \
    start >/dev/null
  touch "$dir/started-by-project"
  # The portal's role and database; the test runner creates and drops its own test database.
  local psql=("$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1)
  if ! "${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname='portal'" | grep -q 1; then
    "${psql[@]}" -c "CREATE ROLE portal LOGIN SUPERUSER"
  fi
  if ! "${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname='portal'" | grep -q 1; then
    "${psql[@]}" -c "CREATE DATABASE portal OWNER portal"
  fi
  echo "postgres: started on 127.0.0.1:$PG_PORT (data $dir/data)"
}

postgres_stop() {
  local dir; dir=$(pg_dir)
  if [ ! -f "$dir/started-by-project" ] || ! pg_ready; then
    echo "postgres: not running (or not started by this project)"; return 0
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  rm -f "$dir/started-by-project"
  echo "postgres: stopped"
}

# --- Redis ------------------------------------------------------------------------------
redis_ready() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

redis_start() {
  if redis_ready; then echo "redis: already running on 127.0.0.1:$REDIS_PORT"; return 0; fi
  scripts/system-packages.sh redis
  local dir="$CACHE/redis"
  mkdir -p "$dir"
  # A cache, not a store: no persistence, bounded memory, least recently used keys go first.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
    --pidfile "$dir/redis-$REDIS_PORT.pid" --logfile "$dir/redis-$REDIS_PORT.log" --dir "$dir" \
    --save "" --appendonly no --maxmemory 256mb --maxmemory-policy allkeys-lru
  for _ in $(seq 1 50); do redis_ready && break; sleep 0.1; done
  redis_ready || { echo "redis: did not answer; see $dir/redis-$REDIS_PORT.log" >&2; exit 1; }
  echo "redis: started on 127.0.0.1:$REDIS_PORT"
}

redis_stop() {
  local pidfile="$CACHE/redis/redis-$REDIS_PORT.pid"
  if [ ! -f "$pidfile" ]; then echo "redis: not started by this project"; return 0; fi
  kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
  for _ in $(seq 1 50); do [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.1; done
  rm -f "$pidfile"
  echo "redis: stopped"
}

# --- Varnish ----------------------------------------------------------------------------
varnish_ready() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$VARNISH_PORT/" 2>/dev/null; }

varnish_start() {
  local dir="$CACHE/varnish-$VARNISH_PORT"
  if [ -f "$dir/varnishd.pid" ] && kill -0 "$(cat "$dir/varnishd.pid")" 2>/dev/null; then
    echo "varnish: already running on 127.0.0.1:$VARNISH_PORT"; return 0
  fi
  scripts/system-packages.sh varnish
  mkdir -p "$dir"
  /usr/sbin/varnishd -a "127.0.0.1:$VARNISH_PORT" -T "127.0.0.1:$((VARNISH_PORT + 2000))" \
    -f "$ROOT/deploy/varnish/default.vcl" -s malloc,256m -n "$dir" -P "$dir/varnishd.pid"
  for _ in $(seq 1 50); do varnish_ready && break; sleep 0.1; done
  echo "varnish: started on 127.0.0.1:$VARNISH_PORT"
}

varnish_stop() {
  local pidfile="$CACHE/varnish-$VARNISH_PORT/varnishd.pid"
  if [ ! -f "$pidfile" ]; then echo "varnish: not started by this project"; return 0; fi
  local pid; pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$pidfile"
  echo "varnish: stopped"
}

action="${1:-}"; shift || true
[ $# -gt 0 ] || { echo "usage: $0 start|stop|status postgres|redis|varnish ..." >&2; exit 2; }
for service in "$@"; do
  case "$action:$service" in
    start:postgres|stop:postgres|start:redis|stop:redis|start:varnish|stop:varnish) "${service}_${action}" ;;
    status:postgres) pg_ready && echo "postgres: running" || echo "postgres: not running" ;;
    status:redis) redis_ready && echo "redis: running" || echo "redis: not running" ;;
    status:varnish) varnish_ready && echo "varnish: running" || echo "varnish: not running" ;;
    *) echo "usage: $0 start|stop|status postgres|redis|varnish ..." >&2; exit 2 ;;
  esac
done
