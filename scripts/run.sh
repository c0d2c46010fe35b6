#!/usr/bin/env bash
# Builds PeerPrep and runs the whole stack in the foreground; Ctrl-C stops every part of it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh java
echo "Building PeerPrep (tests skipped; 'make test' runs them)..."
mvn -B -q install -DskipTests

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# The web app's packages are installed before anything starts, so that when the stack says it is up
# the web app answers too.
if [ -f web/package.json ]; then
  bash scripts/bootstrap.sh node
  [ -d web/node_modules ] || (cd web && npm ci --no-audit --no-fund)
fi

java -jar devstack/target/devstack-fat.jar &
pids+=("$!")

if [ -f web/package.json ]; then
  (cd web && exec ./node_modules/.bin/vite --host 127.0.0.1 --port 5173 --strictPort) &
  pids+=("$!")
fi

wait -n "${pids[@]}"
