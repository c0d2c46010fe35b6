#!/usr/bin/env bash
# Runs the deploy scripts end to end against fake aws, docker, terraform, git and curl commands,
# and (tests named test_emulated_*) with the real AWS CLI against a moto server.
# Usage: deploy/tests/run.sh [substring of test names]
set -euo pipefail

TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$TESTS_DIR/lib.sh"
# shellcheck source=emulator.sh
source "$TESTS_DIR/emulator.sh"
for file in "$TESTS_DIR"/test_*.sh; do
  # shellcheck source=/dev/null
  source "$file"
done

if [ "${1:-}" = --single ]; then
  setup
  "$2"
  exit 0
fi

filter="${1:-}"
passed=0
failed=0
failures=()
output="$(mktemp)"
trap 'rm -f "$output"' EXIT

while read -r _ _ name; do
  [[ "$name" == test_* ]] || continue
  [[ -z "$filter" || "$name" == *"$filter"* ]] || continue
  if bash "$TESTS_DIR/run.sh" --single "$name" >"$output" 2>&1; then
    passed=$((passed + 1))
    printf 'ok    %s\n' "$name"
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf 'FAIL  %s\n' "$name"
    sed 's/^/      /' "$output"
  fi
done < <(declare -F)

if [ "$failed" -gt 0 ]; then
  printf '\nfailed: %s\n' "${failures[*]}"
fi
printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
