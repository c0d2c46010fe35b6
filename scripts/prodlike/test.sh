#!/usr/bin/env bash
# The production-shaped suite of `make test`: builds the jars and the web app, starts the stack of
# `make prodlike` inside a private network namespace (so its fixed ports collide with nothing), runs the
# browser end-to-end suite through nginx -> HAProxy -> two tasks, then the fault tests, and stops it all.
# Needs root (network namespaces). Logs stay in .prodlike-test/logs.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "The production-shaped suite needs root (network namespaces); skipped." >&2
  exit 0
fi
bash scripts/bootstrap.sh prodlike
bash scripts/bootstrap.sh web
if [ "${PRODLIKE_SKIP_BUILD:-0}" != "1" ]; then
  mvn -B -q package -DskipTests -pl user,question,history,matching,collab,chat -am
  (cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npx vite build)
fi

export PRODLIKE_DIR="$root/.prodlike-test" PRODLIKE_ID="plt" PRODLIKE_SKIP_BUILD=1
# matching relaxes after 4 s and gives up after 12 s, as in the devstack end-to-end run
# the browser contexts take turns on the two tasks of matching, collaboration and chat
export PEERPREP_E2E_TASK_COOKIES="AWSALB=t0,AWSALB=t1"
export PRODLIKE_EXTRA_ENV="MATCH_RELAX_AFTER_MS=4000 MATCH_TIMEOUT_MS=12000"
export PRODLIKE_RUN="cd '$root/web' && node e2e/run.mjs --state '$PRODLIKE_DIR' --backend-port-offset 1000 && bash '$root/scripts/prodlike/check-spread.sh' && bash '$root/scripts/prodlike/faults.sh'"
unshare -n bash -c 'ip link set lo up; bash scripts/prodlike/run.sh'
