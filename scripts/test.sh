#!/usr/bin/env bash
# Runs every test of the project; the entry point of `make test` and of CI. Stops at the first failing
# suite; the last line counts the suites.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh all

passed=0
suite() {
  local name="$1"
  shift
  echo "== $name"
  if ! "$@"; then
    echo "suites: $passed passed, 1 failed ($name)"
    exit 1
  fi
  passed=$((passed + 1))
}

suite "Question bank" python3 scripts/check-bank.py
suite "Java services: unit and integration tests on embedded PostgreSQL and Redis" mvn -B install
suite "Terraform, deploy scripts and workflows (infra-tests ran with the Java suite)" bash scripts/test-infra.sh --no-maven
suite "Compose files, Dockerfiles, environment docs and the nginx template" bash scripts/test-containers.sh
suite "Web app: typecheck, Vitest, build, end-to-end in Chromium through nginx" bash scripts/test-web.sh
suite "Production-shaped stack: end-to-end through nginx, HAProxy and two tasks; fault tests" bash scripts/prodlike/test.sh

echo "suites: $passed passed, 0 failed"
