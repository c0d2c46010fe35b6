#!/usr/bin/env bash
# Initialises Terraform against the environment's S3 state, plans, stops for approval, then applies
# exactly the plan that was shown; or applies a plan saved and reviewed earlier (--apply-plan).
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
  4. terraform apply of the saved plan. Before any ECS service is created or updated, the apply
     runs the release tasks (deploy/03-run-migrations.sh): databases and a role per service,
     then each service's migrations, as one-off ECS tasks whose exit codes are checked.
The other Terraform variables come from TF_VAR_* (certificate_arn and admin_email are required).

Options:
  --tag TAG          image tag to deploy instead of the git SHA; also IMAGE_TAG
  --plan-only        stop after the plan (saved to terraform/envs/<env>/tfplan)
  --no-refresh       plan against the recorded state without reading the live resources
                     (the CI plan role may not read secret values, which a refresh would)
  --apply-plan FILE  apply this saved plan (relative to terraform/envs/<env>) instead of
                     planning: the plan a reviewer approved, nothing else
  --auto-approve     apply without asking (the approval happened elsewhere, e.g. a protected
                     GitHub environment)
HELP
  common_options_help
}

PLAN_ONLY=0
AUTO_APPROVE=0
REFRESH=1
SAVED_PLAN=""

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
    --no-refresh)
      REFRESH=0
      OPTION_SHIFT=1
      ;;
    --apply-plan)
      [ "$#" -ge 2 ] || die "--apply-plan needs a plan file"
      SAVED_PLAN="$2"
      OPTION_SHIFT=2
      ;;
    *) return 1 ;;
  esac
}

parse_options "$@"
require_region
[ -n "${TF_STATE_BUCKET:-}" ] || is_dry_run || die "TF_STATE_BUCKET is not set: the S3 bucket holding the Terraform state"
if [ -n "$SAVED_PLAN" ] && [ "$PLAN_ONLY" = 1 ]; then
  die "--apply-plan and --plan-only exclude each other"
fi

tag="$(image_tag)"
plan_file="${SAVED_PLAN:-tfplan}"
cd "$REPO_ROOT"
if [ -n "$SAVED_PLAN" ] && ! is_dry_run && [ ! -f "$TF_DIR/$SAVED_PLAN" ]; then
  die "no saved plan at $TF_DIR/$SAVED_PLAN"
fi

log "Initialising $TF_DIR"
run terraform -chdir="$TF_DIR" init -input=false -reconfigure \
  -backend-config="bucket=${TF_STATE_BUCKET:-<state-bucket>}" \
  -backend-config="key=peerprep/${DEPLOY_ENV}/terraform.tfstate" \
  -backend-config="region=${AWS_REGION}"

if [ -n "$SAVED_PLAN" ]; then
  log "Applying the reviewed plan $TF_DIR/$SAVED_PLAN"
else
  plan_args=(-input=false -out="$plan_file")
  if [ "$REFRESH" = 0 ]; then
    plan_args+=(-refresh=false)
  fi
  log "Planning ${DEPLOY_ENV} with image tag $tag"
  run terraform -chdir="$TF_DIR" plan "${plan_args[@]}" -var "image_tag=${tag}" -var "region=${AWS_REGION}"
fi

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

log "Applying (release tasks first, then the services)"
run terraform -chdir="$TF_DIR" apply -input=false "$plan_file"
if ! is_dry_run; then
  rm -f "$TF_DIR/$plan_file"
fi
log "Infrastructure of ${DEPLOY_ENV} is up to date"
