#!/usr/bin/env bash
# Tests the web app: typecheck, unit tests (Vitest), production build, then the end-to-end suite, which
# drives Chromium through nginx in front of the whole backend (the devstack, started here on ports
# 18001-18006 with a fresh state and stopped at the end, even on failure).
# Needs devstack/target/devstack-fat.jar (`mvn install` builds it; `make test` runs Maven first).
# PEERPREP_E2E_PORT_OFFSET moves the backend's ports (default 10000) if that range is taken.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/bootstrap.sh web

jar=devstack/target/devstack-fat.jar
if [ ! -f "$jar" ]; then
  echo "Missing $jar: build the services first (mvn -B install -DskipTests)." >&2
  exit 1
fi

cd web
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi

echo "== API types (src/api/generated) against the services' OpenAPI documents"
npm run --silent api:check

echo "== typecheck"
npm run --silent typecheck

echo "== unit tests (Vitest)"
npx vitest run

echo "== production build"
npx vite build

offset="${PEERPREP_E2E_PORT_OFFSET:-10000}"
ports=()
for port in 8001 8002 8003 8004 8005 8006 8007; do
  ports+=("$((port + offset))")
done
for port in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use; stop what listens there or set PEERPREP_E2E_PORT_OFFSET." >&2
    exit 1
  fi
done

mkdir -p test-results
state=$(mktemp -d "${TMPDIR:-/tmp}/peerprep-e2e-XXXXXX")
stack_log="$root/web/test-results/devstack.log"
stack_pid=""

stop_stack() {
  if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
    kill "$stack_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$stack_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$stack_pid" 2>/dev/null || true
  fi
  rm -rf "$state"
}
trap stop_stack EXIT

echo "== starting the backend (ports ${ports[0]}-${ports[5]}, log in web/test-results/devstack.log)"
# matching relaxes after 4 s, gives up after 12 s and forgets a match result after 5 s here (20 s, 60 s and
# 120 s by default), so the scenario can wait for the first two and rejoins without the third
MATCH_RELAX_AFTER_MS=4000 MATCH_TIMEOUT_MS=12000 MATCH_RESULT_TTL_MS=5000 \
  java -Dpeerprep.portOffset="$offset" -Dpeerprep.state="$state" -jar "$root/$jar" > "$stack_log" 2>&1 &
stack_pid=$!

deadline=$((SECONDS + 240))
for port in "${ports[@]}"; do
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = "200" ]; do
    if ! kill -0 "$stack_pid" 2>/dev/null; then
      echo "The backend stopped while starting; the end of its log:" >&2
      tail -n 30 "$stack_log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "The backend did not become healthy within 240 s (port $port); the end of its log:" >&2
      tail -n 30 "$stack_log" >&2
      exit 1
    fi
    sleep 1
  done
done

echo "== end-to-end suite (screenshots in web/test-results/screenshots)"
node e2e/run.mjs --state "$state" --backend-port-offset "$offset"
