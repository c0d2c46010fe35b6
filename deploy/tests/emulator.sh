# shellcheck shell=bash
# The emulated deploy tests: the real AWS CLI against a fresh moto server (an empty account), the
# terraform stub in emulator/, and the fakes for docker, git and curl. Sourced by run.sh.

# Starts a moto server for this test on a free port and points the AWS CLI at it. Every service
# the stub creates reports two running tasks, as a healthy deployment would.
setup_emulator() {
  local real_aws port attempt
  real_aws="$(PATH="${PATH#"$WORK/bin:"}" command -v aws || true)"
  [ -n "$real_aws" ] || fail "the AWS CLI is not installed (scripts/test-infra.sh installs it)"
  python3 -c "import moto.server, flask" 2>/dev/null || fail "moto[server] is not installed (scripts/test-infra.sh installs it)"
  export REAL_AWS="$real_aws"
  ln -sf "$TESTS_DIR/emulator/aws" "$WORK/bin/aws"
  ln -sf "$TESTS_DIR/emulator/terraform" "$WORK/bin/terraform"
  export EMULATOR_STATE="$WORK/emulator" EMULATOR_REPO="$DEPLOY_DIR/.."
  mkdir -p "$EMULATOR_STATE"

  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  MOTO_ECS_SERVICE_RUNNING=2 python3 "$TESTS_DIR/emulator/moto_server.py" "$port" >"$WORK/moto.log" 2>&1 &
  EMULATOR_PID=$!
  trap 'kill "$EMULATOR_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
  export AWS_ENDPOINT_URL="http://127.0.0.1:${port}" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
  unset AWS_PROFILE AWS_SESSION_TOKEN
  # The server is up when it answers its own API; it takes a second or two to import its services.
  for ((attempt = 0; attempt < 150; attempt++)); do
    if curl_real --silent --fail --output /dev/null "${AWS_ENDPOINT_URL}/moto-api/"; then
      return 0
    fi
    kill -0 "$EMULATOR_PID" 2>/dev/null || fail "moto_server exited: $(cat "$WORK/moto.log")"
    sleep 0.1
  done
  fail "moto_server did not answer on port $port within 15 s"
}

# curl itself, not the fake the tests put first on PATH.
curl_real() {
  PATH="${PATH#"$WORK/bin:"}" curl "$@"
}

# Queries the emulated account with the real CLI, without recording the call.
emulated() {
  "$REAL_AWS" "$@" --region "$REGION" --output text
}
