#!/usr/bin/env bash
# Fault tests on the running production-shaped stack (run by scripts/prodlike/test.sh through
# PRODLIKE_RUN, inside the stack's shell so the lib functions and state are at hand).
#   - Redis restart and PostgreSQL restart: readiness (/health) goes red, then green by itself; liveness
#     (/health/live, what the load balancer and ECS check) stays green throughout, so no task is replaced.
#   - SIGTERM of a chat task, then kill -9 of a collaboration task, while two users (each stuck to another
#     task) chat and type through the load balancer (content-faults.mjs): the user of the stopped task
#     reconnects to the other one; no acknowledged message or edit is lost or doubled; the session's end
#     gives the history service exactly one attempt, with the final code and the whole transcript.
#     The chat task stops within its stop timeout; the load balancer keeps answering from the other task,
#     also for a browser whose cookie names the dead one; the replacement tasks are registered again.
#   - DNS: a removed record disappears from a task's resolver and an added one appears within the TTL.
set -euo pipefail
# shellcheck source=scripts/prodlike/lib.sh
source "$(dirname "$0")/lib.sh"

failures=0
pass() { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; failures=$((failures + 1)); }
check() { local name="$1"; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }

health_code() { curl -s -o /dev/null -m 4 -w '%{http_code}' "http://$PL_NET.$1:8000$2" || true; }
is_code() { [ "$(health_code "$1" "$2")" = "$3" ]; }
alb_ok() { [ "$(curl -s -o /dev/null -m 4 -w '%{http_code}' "http://127.0.0.1:$PL_ALB_PORT$1")" = "200" ]; }
all_code() {
  local code="$1" path="$2" n
  shift 2
  for n in "$@"; do is_code "$n" "$path" "$code" || return 1; done
}
always_live() { all_code 200 /health/live "$@"; }

# Readiness red then green around a restart, liveness green at both ends and while it is down.
restart_store() {
  local what="$1" stop="$2" start="$3"
  shift 3
  local tasks=("$@")
  $stop
  check "$what down: readiness of every task that uses it goes red (503)" pl_wait "$what red" 30 all_code 503 /health "${tasks[@]}"
  check "$what down: liveness stays 200 on every task, so neither the load balancer nor ECS replaces them" always_live "${tasks[@]}"
  $start
  check "$what back: readiness of every task turns green by itself" pl_wait "$what green" 90 all_code 200 /health "${tasks[@]}"
}

stop_redis() { pl_stop_pid_file "$PL_DIR/pids/redis"; }
start_redis() { pl_redis; }
stop_postgres() { pl_stop_pid_file "$PL_DIR/pids/postgres" INT; }
start_postgres() { pl_start_postgres; }

echo "== Redis restart"
restart_store Redis stop_redis start_redis 10 40 41 50 51 60 61
echo "== PostgreSQL restart"
restart_store PostgreSQL stop_postgres start_postgres 10 20 30 40 41

echo "== SIGTERM of a chat task, then kill -9 of a collaboration task, while two users chat and type"
collab_pid=$(cat "$PL_DIR/pids/task-${PL_ID}-collaboration-service-50")
chat_pid=$(cat "$PL_DIR/pids/task-${PL_ID}-chat-service-60")
# the fault commands run in a shell of their own, which sources lib.sh with this stack's settings
export PRODLIKE_DIR="$PL_DIR" PRODLIKE_ID="$PL_ID" PRODLIKE_SUBNET="$PL_NET" PRODLIKE_NAMESPACE="$PL_NAMESPACE"
lib="$PL_ROOT/scripts/prodlike/lib.sh"
check "no acknowledged chat message or edit is lost, and history holds exactly one attempt of the session" \
  node "$PL_ROOT/scripts/prodlike/content-faults.mjs" --alb "http://127.0.0.1:$PL_ALB_PORT" \
  --collab-task "http://$PL_NET.51:8000" --secrets-file "$PL_DIR/secrets.env" \
  --chat-fault "source '$lib' && pl_dns_remove $PL_NET.60 && kill -TERM $chat_pid" \
  --collab-fault "source '$lib' && kill -9 $collab_pid && pl_dns_remove $PL_NET.50"
gone() { ! kill -0 "$chat_pid" 2>/dev/null; }
check "the chat task stopped within its 30 s stop timeout" pl_wait "chat stop" 30 gone
check "chat answers through the load balancer from the other task" pl_wait "chat via lb" 20 alb_ok /chat-service-api/health/live
check "the load balancer keeps answering for collaboration from the other task" \
  pl_wait "collaboration through the load balancer" 20 alb_ok /collaboration-service-api/health/live
pinned_ok() { [ "$(curl -s -o /dev/null -m 4 -w '%{http_code}' -b AWSALB=t0 "http://127.0.0.1:$PL_ALB_PORT/collaboration-service-api/health/live")" = "200" ]; }
check "a browser stuck to the killed task by its cookie is served by the other task once the health checks mark it down" \
  pl_wait "collaboration pinned to the dead task" 20 pinned_ok
pl_task_start collaboration-service collab 50
pl_task_start chat-service chat 60
check "the replacement collaboration task becomes ready" pl_wait "collaboration replacement" 240 pl_task_ready 50
pl_dns_add collaboration-service "$PL_NET.50"
check "the restarted chat task becomes ready" pl_wait "chat restart" 240 pl_task_ready 60
pl_dns_add chat-service "$PL_NET.60"

echo "== DNS records follow tasks"
resolves() { ip netns exec "${PL_ID}-matching-service-40" getent ahostsv4 "$1.$PL_NAMESPACE" | grep -c "^$2 " | grep -q "^[1-9]"; }
unresolved() { ! resolves "$1" "$2"; }
pl_dns_remove "$PL_NET.61"
check "a removed chat record is gone from a task's resolver within the TTL" pl_wait "dns remove" 15 unresolved chat-service "$PL_NET.61"
check "the other chat record still resolves" resolves chat-service "$PL_NET.60"
pl_dns_add chat-service "$PL_NET.61"
check "an added chat record resolves within the TTL" pl_wait "dns add" 15 resolves chat-service "$PL_NET.61"

if [ "$failures" -gt 0 ]; then
  echo "$failures fault check(s) failed; logs in $PL_DIR/logs" >&2
  exit 1
fi
echo "all fault checks passed"
