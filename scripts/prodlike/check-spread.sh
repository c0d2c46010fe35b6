#!/usr/bin/env bash
# After the end-to-end suite on the production-shaped stack: the pair's WebSockets of collaboration and
# chat were served by both tasks of each (HAProxy's log, one line per request), so the two users of a
# session worked through different tasks.
set -euo pipefail
# shellcheck source=scripts/prodlike/lib.sh
source "$(dirname "$0")/lib.sh"

status=0
for service in collaboration-service chat-service; do
  for task in t0 t1; do
    if ! grep -q " $service/$task .* 101 .*/ws\"" "$PL_DIR/logs/haproxy.log"; then
      echo "FAIL no WebSocket of $service was served by task $task" >&2
      status=1
    fi
  done
done
[ "$status" -eq 0 ] && echo "ok   the WebSockets of collaboration and chat were spread over both tasks of each"
exit "$status"
