#!/usr/bin/env bash
# Checks that a deployment can start: tools, AWS credentials and region, a clean work tree and the
# configuration the later steps need. Reports every problem, then fails if there was any.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'HELP'
Usage: deploy/00-pre-deployment-check.sh [options]

Checks, before anything is deployed:
  - aws, terraform (1.11 or newer), git and curl are installed, and docker with buildx
    unless --no-docker;
  - the AWS region is set and valid, and the AWS credentials work (and belong to
    EXPECTED_AWS_ACCOUNT_ID when that is set);
  - the git work tree has no uncommitted changes (the images are tagged with the commit);
  - TF_STATE_BUCKET, TF_VAR_certificate_arn and TF_VAR_admin_email are set;
  - for prod, TF_VAR_github_repository and TF_VAR_state_bucket_name are set (without them a
    plan would destroy the GitHub OIDC provider and the CI, plan and deploy roles), and the
    state bucket named to Terraform is TF_STATE_BUCKET.

Options:
  --no-docker        skip the Docker checks (when the images are already in ECR)
  --allow-dirty      accept uncommitted changes
HELP
  common_options_help
}

CHECK_DOCKER=1
ALLOW_DIRTY=0

script_option() {
  case "$1" in
    --no-docker) CHECK_DOCKER=0 ;;
    --allow-dirty) ALLOW_DIRTY=1 ;;
    *) return 1 ;;
  esac
  OPTION_SHIFT=1
}

parse_options "$@"

problems=()

pass() {
  printf '  ok    %s\n' "$*"
}

fail() {
  printf '  FAIL  %s\n' "$*"
  problems+=("$*")
}

log "Pre-deployment checks for ${DEPLOY_ENV}"

tools=(aws terraform git curl)
if [ "$CHECK_DOCKER" = 1 ]; then
  tools+=(docker)
fi
for tool in "${tools[@]}"; do
  if command -v "$tool" >/dev/null 2>&1; then
    pass "$tool is installed"
  else
    fail "$tool is not installed"
  fi
done

if command -v terraform >/dev/null 2>&1; then
  version="$(query "Terraform v1.11.0" terraform version || true)"
  version="${version%%$'\n'*}"
  version="${version#Terraform v}"
  major="${version%%.*}"
  minor="${version#*.}"
  minor="${minor%%.*}"
  if [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] && { [ "$major" -gt 1 ] || [ "$minor" -ge 11 ]; }; then
    pass "terraform $version"
  else
    fail "terraform 1.11 or newer is needed, found '$version'"
  fi
fi

if [ "$CHECK_DOCKER" = 1 ] && command -v docker >/dev/null 2>&1; then
  if query "" docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; then
    pass "the Docker engine answers"
  else
    fail "the Docker engine does not answer (is it running?)"
  fi
  if query "" docker buildx version >/dev/null 2>&1; then
    pass "docker buildx is available"
  else
    fail "docker buildx is not available (needed for linux/amd64 images)"
  fi
fi

if [ -z "$AWS_REGION" ]; then
  fail "no AWS region: set AWS_REGION or pass --region"
elif [[ ! "$AWS_REGION" =~ ^[a-z]{2}(-gov)?-[a-z]+-[0-9]+$ ]]; then
  fail "'$AWS_REGION' is not an AWS region name"
else
  pass "region $AWS_REGION"
fi

if command -v aws >/dev/null 2>&1 && [ -n "$AWS_REGION" ]; then
  if account="$(query "<account-id>" aws sts get-caller-identity --region "$AWS_REGION" --query Account --output text 2>/dev/null)" && [ -n "$account" ]; then
    if [ -n "${EXPECTED_AWS_ACCOUNT_ID:-}" ] && ! is_dry_run && [ "$account" != "$EXPECTED_AWS_ACCOUNT_ID" ]; then
      fail "the credentials belong to account $account, not EXPECTED_AWS_ACCOUNT_ID=$EXPECTED_AWS_ACCOUNT_ID"
    else
      pass "AWS credentials work (account $account)"
    fi
  else
    fail "AWS credentials do not work (aws sts get-caller-identity failed)"
  fi
fi

if command -v git >/dev/null 2>&1; then
  if ! changes="$(git -C "$REPO_ROOT" status --porcelain 2>/dev/null)"; then
    fail "$REPO_ROOT is not a git work tree"
  elif [ -n "$changes" ] && [ "$ALLOW_DIRTY" = 0 ]; then
    fail "the work tree has uncommitted changes; commit them or pass --allow-dirty"
  else
    pass "work tree at $(git -C "$REPO_ROOT" rev-parse --short HEAD)${changes:+ (uncommitted changes allowed)}"
  fi
fi

required=(TF_STATE_BUCKET TF_VAR_certificate_arn TF_VAR_admin_email)
if [ "$DEPLOY_ENV" = prod ]; then
  required+=(TF_VAR_github_repository TF_VAR_state_bucket_name)
fi
for name in "${required[@]}"; do
  if [ -n "${!name:-}" ]; then
    pass "$name is set"
  elif [[ "$name" == TF_VAR_github_repository || "$name" == TF_VAR_state_bucket_name ]]; then
    fail "$name is not set: prod's plan would destroy the GitHub OIDC provider and the CI, plan and deploy roles"
  else
    fail "$name is not set"
  fi
done
if [ "$DEPLOY_ENV" = prod ] && [ -n "${TF_VAR_state_bucket_name:-}" ] && [ -n "${TF_STATE_BUCKET:-}" ] &&
  [ "$TF_VAR_state_bucket_name" != "$TF_STATE_BUCKET" ]; then
  fail "TF_VAR_state_bucket_name ($TF_VAR_state_bucket_name) is not TF_STATE_BUCKET ($TF_STATE_BUCKET): the plan role would lock the wrong bucket"
fi
if [ -n "${TF_VAR_github_repository:-}" ] && [[ ! "$TF_VAR_github_repository" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]]; then
  fail "TF_VAR_github_repository '$TF_VAR_github_repository' is not owner/name"
fi

if [ "${#problems[@]}" -gt 0 ]; then
  printf '%s check(s) failed; nothing was deployed.\n' "${#problems[@]}" >&2
  exit 1
fi
log "All checks passed"
