#!/usr/bin/env bash
# Runs one Gatling simulation against PeerPrep and prints where its HTML report is.
#   SIM=rest|matching-storm|sessions|mixed-day  SCALE=<n>  make loadtest
# Targets BASE_URL (a gateway with the public prefixes) when set, else each service on its development
# port of HOST (127.0.0.1) shifted by PORT_OFFSET. When nothing answers there and no BASE_URL is given,
# it builds and starts a development stack of its own (state in loadtest/target/stack) and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

sim="${SIM:-rest}"
case "${sim,,}" in
  rest | restsimulation) class=RestSimulation ;;
  storm | matching | matching-storm | matchingstormsimulation) class=MatchingStormSimulation ;;
  sessions | sessionssimulation) class=SessionsSimulation ;;
  mixed | mixed-day | mixeddaysimulation) class=MixedDaySimulation ;;
  *)
    echo "SIM must be one of rest, matching-storm, sessions, mixed-day (got '$sim')" >&2
    exit 2
    ;;
esac

host="${HOST:-127.0.0.1}"
offset="${PORT_OFFSET:-0}"
export HOST="$host" PORT_OFFSET="$offset"

health_urls() {
  if [ -n "${BASE_URL:-}" ]; then
    for prefix in user question matching history collaboration chat; do
      echo "${BASE_URL%/}/${prefix}-service-api/health"
    done
  else
    for port in 8001 8002 8003 8004 8005 8006; do
      echo "http://${host}:$((port + offset))/health"
    done
  fi
}

stack_up() {
  local url
  while read -r url; do
    curl -fsS -o /dev/null --max-time 3 "$url" 2>/dev/null || return 1
  done < <(health_urls)
}

stack_pid=""
sampler_pid=""

sample_usage() {
  local pid=$1 hz prev ticks rss
  hz=$(getconf CLK_TCK)
  prev=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || return 0
  while sleep 5; do
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || return 0
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null) || return 0
    echo "$(date +%T) cpu=$(((ticks - prev) * 100 / (hz * 5)))% rss=${rss}MiB load=$(cut -d' ' -f1 /proc/loadavg)"
    prev=$ticks
  done
}
# shellcheck disable=SC2317 # called through the trap
stop() {
  trap - EXIT INT TERM
  if [ -n "$sampler_pid" ]; then
    kill "$sampler_pid" 2>/dev/null || true
  fi
  if [ -n "$stack_pid" ]; then
    echo "Stopping the stack this run started (pid $stack_pid)"
    kill -TERM "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
  fi
}
trap stop EXIT INT TERM

bash scripts/bootstrap.sh java
mkdir -p loadtest/target

if stack_up; then
  echo "Using the stack that answers at $(health_urls | head -1 | sed 's#/[a-z-]*/\?health$##')"
  export STATE_DIR="${STATE_DIR:-$root/.devstack}"
elif [ -n "${BASE_URL:-}" ]; then
  echo "Nothing answers at $BASE_URL; start the stack behind it first (or leave BASE_URL unset)." >&2
  exit 1
else
  if [ -z "${LOADTEST_SKIP_BUILD:-}" ] || [ ! -f devstack/target/devstack-fat.jar ]; then
    echo "Building PeerPrep (tests skipped)..."
    mvn -B -q install -DskipTests
  fi
  export STATE_DIR="${STATE_DIR:-$root/loadtest/target/stack}"
  echo "Starting a development stack on ports $((8001 + offset))-$((8006 + offset)) (log: loadtest/target/stack.log)"
  # shellcheck disable=SC2086 # STACK_JAVA_OPTS holds several options on purpose
  java ${STACK_JAVA_OPTS:-} -Dpeerprep.state="$STATE_DIR" -Dpeerprep.portOffset="$offset" \
    -jar devstack/target/devstack-fat.jar > loadtest/target/stack.log 2>&1 &
  stack_pid=$!
  for _ in $(seq 1 120); do
    stack_up && break
    kill -0 "$stack_pid" 2>/dev/null || { echo "The stack exited; see loadtest/target/stack.log" >&2; stack_pid=""; exit 1; }
    sleep 2
  done
  stack_up || { echo "The stack did not become healthy in 4 minutes; see loadtest/target/stack.log" >&2; exit 1; }
  # CPU (% of one core over the last 5 s) and resident memory of the stack's JVM, for the benchmark notes
  sample_usage "$stack_pid" > loadtest/target/stack-usage.log &
  sampler_pid=$!
fi

echo "Running $class (SCALE=${SCALE:-default}) against ${BASE_URL:-$host, port offset $offset}"
rc=0
mvn -B -q -f loadtest/pom.xml gatling:test -Dgatling.simulationClass="peerprep.loadtest.$class" || rc=$?

report="$(find loadtest/target/gatling -maxdepth 1 -type d -name "${class,,}-*" -printf '%T@ %p\n' 2>/dev/null \
  | sort -rn | head -1 | cut -d' ' -f2-)"
if [ -n "$report" ] && [ -f "$report/index.html" ]; then
  echo
  python3 loadtest/summarize.py "$report" 2>/dev/null || true
  echo
  echo "Gatling report: $root/$report/index.html"
fi
if [ -n "$stack_pid" ]; then
  echo "Stack CPU and memory samples: $root/loadtest/target/stack-usage.log"
fi
if [ "$rc" -ne 0 ]; then
  echo "The simulation failed its assertions or could not run (exit $rc); the report says which." >&2
fi
exit "$rc"
