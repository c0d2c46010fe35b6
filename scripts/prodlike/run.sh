#!/usr/bin/env bash
# make prodlike: the ECS topology on this machine, without Docker. Ctrl-C (or any exit) stops every
# process it started and removes its network. Needs root for the per-task network namespaces.
#   PRODLIKE_PORT (8080)      the load balancer (HAProxy standing in for the ALB): open http://localhost:8080
#   PRODLIKE_WEB_PORT (8088)  nginx from web/nginx.conf.template, in front of HAProxy
#   PRODLIKE_SKIP_BUILD=1     reuse the built jars and web/dist
#   PRODLIKE_DIR (.prodlike)  state: certificates, secrets, data, logs
set -euo pipefail
# shellcheck source=scripts/prodlike/lib.sh
source "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
  echo "make prodlike needs root: each task runs in its own network namespace, as on ECS (awsvpc)" >&2
  exit 2
fi
bash "$PL_ROOT/scripts/bootstrap.sh" prodlike

if [ "${PRODLIKE_SKIP_BUILD:-0}" != "1" ]; then
  pl_log "building the service jars and the web app"
  (cd "$PL_ROOT" && mvn -B -q package -DskipTests -pl user,question,history,matching,collab,chat -am)
  (cd "$PL_ROOT/web" && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; } && npm run -s build)
fi

stop_all() {
  trap - EXIT INT TERM
  pl_log "stopping"
  local f
  for f in "$PL_DIR"/pids/*; do
    case "$f" in */postgres) pl_stop_pid_file "$f" INT ;; *) pl_stop_pid_file "$f" ;; esac
  done
  wait 2>/dev/null || true
  pl_network_down
}
trap stop_all EXIT
trap 'exit 130' INT TERM

rm -rf "$PL_DIR/pids" "$PL_DIR/env" "$PL_DIR/logs" "$PL_DIR/pgdata"
mkdir -p "$PL_DIR/pids" "$PL_DIR/env" "$PL_DIR/logs"
pl_certs
pl_secrets
pl_secret_value SECRET_ADMIN_PASSWORD > "$PL_DIR/admin-password"
pl_network_down
pl_network_up
pl_dns
pl_postgres
pl_redis
pl_log "PostgreSQL 16 (SSL required, verify-full) and Redis $(redis-server --version | grep -o 'v=[0-9.]*') (TLS, AUTH) up"

for line in "${PL_SERVICES[@]}"; do
  read -r service module tasks first _ <<< "$line"
  for ((i = 0; i < tasks; i++)); do
    pl_task_start "$service" "$module" "$((first + i))"
  done
done
for line in "${PL_SERVICES[@]}"; do
  read -r service _ tasks first _ <<< "$line"
  for ((i = 0; i < tasks; i++)); do
    n=$((first + i))
    pl_wait "$service task $PL_NET.$n" 240 pl_task_ready "$n"
    pl_dns_add "$service" "$PL_NET.$n"
  done
done
pl_nginx
pl_haproxy
pl_wait "HAProxy" 30 curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$PL_ALB_PORT/user-service-api/health"
pl_log "up: load balancer http://localhost:$PL_ALB_PORT, nginx http://localhost:$PL_WEB_PORT (admin password in $PL_DIR/secrets.env)"
echo "ready" > "$PL_DIR/state"

if [ -n "${PRODLIKE_RUN:-}" ]; then
  bash -c "$PRODLIKE_RUN"
else
  wait
fi
