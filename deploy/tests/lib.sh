# shellcheck shell=bash
# Set-up and assertions of the deploy script tests. Each test runs in its own process with a fresh
# work directory, fakes first on PATH and the happy-path answers loaded.

TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPLOY_DIR="$(cd "$TESTS_DIR/.." && pwd)"
SHA=0123456789abcdef0123456789abcdef01234567
ACCOUNT=123456789012
REGION=ap-southeast-1
REGISTRY="${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com"
# The arrays below are read by the test files.
# shellcheck disable=SC2034
ALL_SERVICES=(user-service question-service matching-service history-service execution-service collaboration-service chat-service frontend)
# shellcheck disable=SC2034
MIGRATED=(user-service question-service matching-service history-service)
STATUS=0

setup() {
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  mkdir -p "$WORK/bin"
  for tool in aws docker terraform git curl; do
    ln -s "$TESTS_DIR/fakes/fake-command" "$WORK/bin/$tool"
  done
  export PATH="$WORK/bin:$PATH"
  export FAKE_LOG="$WORK/calls.log"
  export FAKE_RULES="$WORK/rules"
  OUT="$WORK/output"
  : >"$FAKE_LOG"

  unset IMAGE_TAG DEPLOY_ENV DRY_RUN PUBLIC_URL AWS_DEFAULT_REGION EXPECTED_AWS_ACCOUNT_ID
  export AWS_REGION="$REGION"
  export TF_STATE_BUCKET=peerprep-test-state
  export TF_VAR_certificate_arn="arn:aws:acm:${REGION}:${ACCOUNT}:certificate/test"
  export TF_VAR_admin_email=admin@example.com
  export TF_VAR_github_repository=peerprep/peerprep
  export TF_VAR_state_bucket_name=peerprep-test-state
  export VERIFY_DELAY=0 VERIFY_RETRIES=2

  local task_definition="arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/peerprep-prod-service:7"
  cat >"$FAKE_RULES" <<RULES
0	git * rev-parse HEAD	${SHA}
0	git * rev-parse --short HEAD	${SHA:0:7}
0	git * status --porcelain
0	terraform version	Terraform v1.11.4\non linux_amd64
0	aws sts get-caller-identity *	${ACCOUNT}
0	aws ecr get-login-password *	fake-registry-password
0	aws ecr create-repository *	${REGISTRY}/peerprep/created
0	aws ecs describe-services *networkConfiguration*	{"awsvpcConfiguration":{"subnets":["subnet-a","subnet-b"],"securityGroups":["sg-services"],"assignPublicIp":"DISABLED"}}
0	aws ecs describe-services --services * --query services?0?.taskDefinition *	${task_definition}
0	aws ecs describe-services *runningCount*	2\t2\tCOMPLETED\t${task_definition}
0	aws ecs describe-task-definition *	${REGISTRY}/peerprep/service:${SHA}
0	aws ecs run-task *	arn:aws:ecs:${REGION}:${ACCOUNT}:task/peerprep-prod/0f1e2d3c
0	aws ecs describe-tasks *exitCode*	0
0	aws elbv2 describe-load-balancers *	peerprep-prod-1234.${REGION}.elb.amazonaws.com
0	docker info *	28.2.2
0	docker buildx version	github.com/docker/buildx v0.23.0
0	docker login *	Login Succeeded
0	curl *http://*	301 https://peerprep-prod-1234.${REGION}.elb.amazonaws.com/
0	curl */internal/health	404
0	curl *	200
RULES
}

# Makes calls matching the glob answer with the exit code and output given, ahead of every other rule.
fake() {
  local code="$1" pattern="$2" output="${3:-}"
  printf '%s\t%s\t%s\n' "$code" "$pattern" "$output" | cat - "$FAKE_RULES" >"$WORK/rules.new"
  mv "$WORK/rules.new" "$FAKE_RULES"
}

# Runs a deploy script with the arguments given, stdin from $STDIN (default: nothing), recording
# its exit status in STATUS and its output in $OUT.
run_script() {
  local script="$1"
  shift
  if bash "$DEPLOY_DIR/$script" "$@" <"${STDIN:-/dev/null}" >"$OUT" 2>&1; then
    STATUS=0
  else
    STATUS=$?
  fi
}

fail() {
  printf 'assertion failed: %s\n' "$*"
  printf -- '--- output of the script:\n'
  cat "$OUT" 2>/dev/null || true
  printf -- '--- calls:\n'
  cat "$FAKE_LOG" 2>/dev/null || true
  exit 1
}

assert_status() {
  [ "$STATUS" = "$1" ] || fail "exit status $STATUS, expected $1"
}

assert_failed() {
  [ "$STATUS" != 0 ] || fail "the script succeeded, expected it to fail"
}

assert_output() {
  grep -qF -- "$1" "$OUT" || fail "output lacks: $1"
}

assert_no_output() {
  if grep -qF -- "$1" "$OUT"; then
    fail "output should not contain: $1"
  fi
}

# Counts the logged calls matching a glob.
count_calls() {
  local pattern="$1" n=0 line
  while IFS= read -r line; do
    # shellcheck disable=SC2053
    if [[ "$line" == $pattern ]]; then
      n=$((n + 1))
    fi
  done <"$FAKE_LOG"
  printf '%s\n' "$n"
}

assert_called() {
  [ "$(count_calls "$1")" -gt 0 ] || fail "no call matches: $1"
}

assert_not_called() {
  [ "$(count_calls "$1")" = 0 ] || fail "unexpected call matching: $1"
}

assert_calls() {
  local expected="$1" pattern="$2" actual
  actual="$(count_calls "$pattern")"
  [ "$actual" = "$expected" ] || fail "$actual calls match '$pattern', expected $expected"
}

# Requires calls matching the globs, in this order (other calls may come between them).
assert_order() {
  local patterns=("$@") i=0 line
  while IFS= read -r line && [ "$i" -lt "${#patterns[@]}" ]; do
    # shellcheck disable=SC2053
    if [[ "$line" == ${patterns[$i]} ]]; then
      i=$((i + 1))
    fi
  done <"$FAKE_LOG"
  [ "$i" = "${#patterns[@]}" ] || fail "calls out of order or missing from: ${patterns[$i]}"
}

# Only calls to the named tools happened.
assert_only_tools() {
  local line tool allowed
  while IFS= read -r line; do
    tool="${line%% *}"
    allowed=0
    for name in "$@"; do
      if [ "$tool" = "$name" ]; then
        allowed=1
      fi
    done
    [ "$allowed" = 1 ] || fail "a dry run must not call $tool: $line"
  done <"$FAKE_LOG"
}

# Requires the strings to appear in the output in this order.
assert_order_in_output() {
  local rest
  rest="$(cat "$OUT")"
  for text in "$@"; do
    [[ "$rest" == *"$text"* ]] || fail "output lacks, in order: $text"
    rest="${rest#*"$text"}"
  done
}
