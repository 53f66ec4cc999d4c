#!/usr/bin/env bash
# A private redis-server on a free loopback port, for tests and benchmarks (never the system one).
#   redis.sh start DIR [redis-server args...]   starts it, writes DIR/port and DIR/pid, prints the port
#   redis.sh stop DIR                           stops it (SIGTERM, then SIGKILL)
# No persistence: --save "" --appendonly no; its files stay inside DIR.
set -euo pipefail
action=${1:?usage: redis.sh start|stop DIR [args]}
dir=${2:?usage: redis.sh start|stop DIR [args]}
shift 2

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$action" in
  start)
    mkdir -p "$dir"
    if [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "redis.sh: a server from $dir is already running (pid $(cat "$dir/pid"))" >&2
      exit 1
    fi
    for attempt in 1 2 3 4 5; do
      port=$(free_port)
      /usr/bin/redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
        --daemonize no "$@" > "$dir/redis.log" 2>&1 &
      echo $! > "$dir/pid"
      for _ in $(seq 1 100); do
        if grep -q "Ready to accept connections" "$dir/redis.log"; then
          echo "$port" > "$dir/port"
          echo "$port"
          exit 0
        fi
        kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$(cat "$dir/pid")" 2>/dev/null || true
      grep -q "Address already in use" "$dir/redis.log" || break
    done
    echo "redis.sh: redis-server did not start; its log:" >&2
    cat "$dir/redis.log" >&2
    exit 1
    ;;
  stop)
    [[ -f "$dir/pid" ]] || exit 0
    pid=$(cat "$dir/pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/pid" "$dir/port"
    ;;
  *)
    echo "redis.sh: unknown action '$action' (start or stop)" >&2
    exit 2
    ;;
esac
