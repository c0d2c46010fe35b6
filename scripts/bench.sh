#!/usr/bin/env bash
# Runs one benchmark command (they print their numbers; docs/benchmarks.md records them).
# Usage: scripts/bench.sh user|question|collab|chat|matching|execution
set -euo pipefail
cd "$(dirname "$0")/.."

# Extra arguments after the service name are passed to the benchmark (see docs/benchmarks.md).
run() {
  local module="$1" main="$2"
  shift 2
  mvn -B -q install -DskipTests -pl "$module" -am
  MAVEN_OPTS="${MAVEN_OPTS:--Xmx2g}" mvn -B -q -pl "$module" test-compile exec:java \
    -Dexec.classpathScope=test -Dexec.mainClass="$main" ${1:+-Dexec.args="$*"}
}

service="${1:-}"
shift || true
case "$service" in
  user) run user peerprep.user.bench.AuthBenchmark "$@" ;;
  question) run question peerprep.question.bench.QuestionBenchmark "$@" ;;
  collab) run collab peerprep.collab.CollabBenchmark "$@" ;;
  chat) run chat peerprep.chat.ChatBenchmark "$@" ;;
  matching) run matching peerprep.matching.MatchBenchmark "$@" ;;
  execution) run execution peerprep.execution.bench.ExecutionBenchmark "$@" ;;
  *)
    echo "usage: $0 user|question|collab|chat|matching|execution [benchmark arguments]" >&2
    exit 2
    ;;
esac
