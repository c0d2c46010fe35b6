#!/usr/bin/env bash
# Runs one benchmark command (they print their numbers; docs/benchmarks.md records them).
# Usage: scripts/bench.sh user|question|collab|chat|matching
set -euo pipefail
cd "$(dirname "$0")/.."

run() {
  local module="$1" main="$2"
  mvn -B -q install -DskipTests -pl "$module" -am
  mvn -B -q -pl "$module" test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass="$main"
}

case "${1:-}" in
  user) run user peerprep.user.bench.AuthBenchmark ;;
  *)
    echo "usage: $0 user" >&2
    exit 2
    ;;
esac
