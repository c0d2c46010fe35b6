#!/usr/bin/env bash
# Container entrypoint of every Java service: waits (bounded) for PostgreSQL and Redis, runs the
# database migrations, then execs the service. `migrate` as the only argument runs migrations and exits.
set -euo pipefail

JAR=/app/app.jar
WAIT_TIMEOUT_SECONDS="${WAIT_TIMEOUT_SECONDS:-60}"
read -r -a JAVA_FLAGS <<< "${JAVA_OPTS:-}"

wait_for() {
  local name="$1" host="$2" port="$3" deadline=$((SECONDS + WAIT_TIMEOUT_SECONDS))
  until (exec 3<>"/dev/tcp/${host}/${port}") 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "{\"level\":\"ERROR\",\"message\":\"${name} at ${host}:${port} not reachable after ${WAIT_TIMEOUT_SECONDS}s\"}" >&2
      exit 1
    fi
    sleep 1
  done
}

host_port_of_url() {
  local rest="${1#*://}"
  rest="${rest#*@}"
  rest="${rest%%/*}"
  echo "${rest%%:*} ${rest##*:}"
}

if [ -n "${DATABASE_URL:-}" ]; then
  read -r h p <<< "$(host_port_of_url "$DATABASE_URL")"
  wait_for PostgreSQL "$h" "${p:-5432}"
elif [ -n "${DB_HOST:-}" ]; then
  wait_for PostgreSQL "$DB_HOST" "${DB_PORT:-5432}"
fi

if [ -n "${REDIS_URL:-}" ]; then
  read -r h p <<< "$(host_port_of_url "$REDIS_URL")"
  wait_for Redis "$h" "${p:-6379}"
fi

if [ "${1:-}" = "migrate" ]; then
  exec java "${JAVA_FLAGS[@]}" -jar "$JAR" migrate
fi

if [ "${RUN_MIGRATIONS:-true}" = "true" ] && { [ -n "${DB_HOST:-}" ] || [ -n "${DATABASE_URL:-}" ]; }; then
  java "${JAVA_FLAGS[@]}" -jar "$JAR" migrate
fi

exec java "${JAVA_FLAGS[@]}" -jar "$JAR" "$@"
