#!/usr/bin/env bash
# Initialises Terraform against the environment's S3 state, plans, stops for approval, then applies
# exactly the plan that was shown.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'HELP'
Usage: deploy/02-deploy-infrastructure.sh [options]

Runs in terraform/envs/<env>:
  1. terraform init with the S3 state bucket TF_STATE_BUCKET
     (key peerprep/<env>/terraform.tfstate, locked with a lock file);
  2. terraform plan with image_tag set to the release tag, saved to a plan file;
  3. asks "Apply this plan?" and waits for "yes" on standard input;
  4. terraform apply of the saved plan.
The other Terraform variables come from TF_VAR_* (certificate_arn and admin_email are required).

Options:
  --tag TAG          image tag to deploy instead of the git SHA; also IMAGE_TAG
  --plan-only        stop after the plan
  --auto-approve     apply without asking (the approval happened elsewhere, e.g. a protected
                     GitHub environment)
HELP
  common_options_help
}

PLAN_ONLY=0
AUTO_APPROVE=0

script_option() {
  case "$1" in
    --tag)
      [ "$#" -ge 2 ] || die "--tag needs a value"
      IMAGE_TAG="$2"
      OPTION_SHIFT=2
      ;;
    --plan-only)
      PLAN_ONLY=1
      OPTION_SHIFT=1
      ;;
    --auto-approve)
      AUTO_APPROVE=1
      OPTION_SHIFT=1
      ;;
    *) return 1 ;;
  esac
}

parse_options "$@"
require_region
[ -n "${TF_STATE_BUCKET:-}" ] || is_dry_run || die "TF_STATE_BUCKET is not set: the S3 bucket holding the Terraform state"

tag="$(image_tag)"
plan_file="tfplan"
cd "$REPO_ROOT"

log "Initialising $TF_DIR"
run terraform -chdir="$TF_DIR" init -input=false -reconfigure \
  -backend-config="bucket=${TF_STATE_BUCKET:-<state-bucket>}" \
  -backend-config="key=peerprep/${DEPLOY_ENV}/terraform.tfstate" \
  -backend-config="region=${AWS_REGION}"

log "Planning ${DEPLOY_ENV} with image tag $tag"
run terraform -chdir="$TF_DIR" plan -input=false -out="$plan_file" \
  -var "image_tag=${tag}" -var "region=${AWS_REGION}"

if [ "$PLAN_ONLY" = 1 ]; then
  log "Plan saved to $TF_DIR/$plan_file; not applied (--plan-only)"
  exit 0
fi

if [ "$AUTO_APPROVE" = 1 ]; then
  log "Applying without a prompt (--auto-approve)"
elif is_dry_run; then
  log "[dry-run] would ask: Apply this plan to ${DEPLOY_ENV}? Type yes to continue"
else
  printf 'Apply this plan to %s? Type yes to continue: ' "$DEPLOY_ENV"
  answer=""
  read -r answer || true
  [ "$answer" = yes ] || die "not approved; nothing was applied"
fi

log "Applying"
run terraform -chdir="$TF_DIR" apply -input=false "$plan_file"
if ! is_dry_run; then
  rm -f "$TF_DIR/$plan_file"
fi
log "Infrastructure of ${DEPLOY_ENV} is up to date"
