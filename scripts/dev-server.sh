#!/usr/bin/env bash
# Starts, stops or reports a local Temporal dev server for Continuity: SQLite persistence (state
# survives a restart), the Web UI, and the search attributes the workflows keep current.
#
# Usage: scripts/dev-server.sh start|stop|status|restart
# Environment: CONTINUITY_HOME (state dir, default ./.continuity), TEMPORAL_PORT (7233),
#              TEMPORAL_UI_PORT (8233), TEMPORAL_NAMESPACE (default)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${CONTINUITY_HOME:-$root/.continuity}"
port="${TEMPORAL_PORT:-7233}"
ui_port="${TEMPORAL_UI_PORT:-8233}"
namespace="${TEMPORAL_NAMESPACE:-default}"
pidfile="$state/dev-server.pid"
log="$state/dev-server.log"
mkdir -p "$state"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

ready() {
  # The gRPC port accepting connections is the signal that the frontend is up.
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

start() {
  if running; then echo "dev server already running (pid $(cat "$pidfile")) on 127.0.0.1:$port, Web UI http://127.0.0.1:$ui_port"; return 0; fi
  local bin; bin="$("$root/scripts/temporal-cli.sh")"
  nohup "$bin" server start-dev \
    --ip 127.0.0.1 --port "$port" --ui-port "$ui_port" --namespace "$namespace" \
    --db-filename "$state/temporal.db" --log-level warn \
    --search-attribute DrStamp=Keyword --search-attribute DrOperation=Keyword \
    --search-attribute DrPhase=Keyword --search-attribute DrAwaitingApproval=Bool \
    >"$log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 120); do
    if ready; then echo "dev server up on 127.0.0.1:$port (pid $(cat "$pidfile")), Web UI http://127.0.0.1:$ui_port, data $state/temporal.db"; return 0; fi
    if ! running; then echo "dev server exited; its log ($log):" >&2; tail -20 "$log" >&2; return 1; fi
    sleep 0.5
  done
  echo "dev server did not accept connections on port $port within 60 s; see $log" >&2
  return 1
}

stop() {
  if running; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    for _ in $(seq 1 40); do running || break; sleep 0.25; done
    running && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
    echo "dev server stopped"
  else
    echo "dev server not running"
  fi
  rm -f "$pidfile"
}

case "${1:-status}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if running; then echo "running (pid $(cat "$pidfile")) on 127.0.0.1:$port, Web UI http://127.0.0.1:$ui_port"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: scripts/dev-server.sh start|stop|status|restart" >&2; exit 2 ;;
esac
