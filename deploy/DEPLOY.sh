#!/usr/bin/env bash
# The whole deployment: checks, images, infrastructure (whose apply runs the database bootstrap and
# the migrations before any service starts), a rolling restart when asked, and verification, in
# that order, stopping at the first step that fails.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'HELP'
Usage: deploy/DEPLOY.sh [options]          (or: make deploy ARGS="...")

Runs, stopping at the first step that fails:
  00-pre-deployment-check.sh    tools, credentials, region, clean work tree, configuration
  01-build-and-push-images.sh   ECR repositories created when missing, then linux/amd64 images
                                tagged with the git SHA and latest pushed to them
  02-deploy-infrastructure.sh   terraform init, plan, approval, apply; the apply runs
                                03-run-migrations.sh (databases and a role per service, then
                                Flyway migrations, as one-off ECS tasks whose exit codes are
                                checked) before it creates or updates any ECS service
  05-force-service-update.sh    only with --force-update: roll every task again
  04-verify-deployment.sh       stable services, /health through the load balancer, smoke requests

Options:
  --auto-approve     apply the Terraform plan without asking
  --skip-build       deploy images already in ECR under the release tag (skips 01)
  --allow-dirty      deploy although the work tree has uncommitted changes
  --force-update     run 05 before verifying, replacing every task even when its task definition
                     did not change
  --tag TAG          release tag instead of the git SHA; also IMAGE_TAG
  --url URL          public base URL for the verification; also PUBLIC_URL
HELP
  common_options_help
}

SKIP_BUILD=0
ALLOW_DIRTY=0
FORCE_UPDATE=0
APPLY_ARGS=()
VERIFY_ARGS=()

script_option() {
  case "$1" in
    --auto-approve)
      APPLY_ARGS+=(--auto-approve)
      OPTION_SHIFT=1
      ;;
    --skip-build)
      SKIP_BUILD=1
      OPTION_SHIFT=1
      ;;
    --allow-dirty)
      ALLOW_DIRTY=1
      OPTION_SHIFT=1
      ;;
    --force-update)
      FORCE_UPDATE=1
      OPTION_SHIFT=1
      ;;
    --tag)
      [ "$#" -ge 2 ] || die "--tag needs a value"
      IMAGE_TAG="$2"
      export IMAGE_TAG
      OPTION_SHIFT=2
      ;;
    --url)
      [ "$#" -ge 2 ] || die "--url needs a value"
      VERIFY_ARGS+=(--url "$2")
      OPTION_SHIFT=2
      ;;
    *) return 1 ;;
  esac
}

parse_options "$@"
require_region

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
common=(--env "$DEPLOY_ENV" --region "$AWS_REGION")
if is_dry_run; then
  common+=(--dry-run)
fi
# Every step deploys the same commit, even if HEAD moves while the deployment runs.
if [ -z "${IMAGE_TAG:-}" ]; then
  IMAGE_TAG="$(image_tag)"
  export IMAGE_TAG
fi

check_args=()
if [ "$SKIP_BUILD" = 1 ]; then
  check_args+=(--no-docker)
fi
if [ "$ALLOW_DIRTY" = 1 ]; then
  check_args+=(--allow-dirty)
fi

steps=("00-pre-deployment-check.sh ${check_args[*]}")
if [ "$SKIP_BUILD" = 0 ]; then
  steps+=("01-build-and-push-images.sh")
fi
steps+=("02-deploy-infrastructure.sh ${APPLY_ARGS[*]}")
if [ "$FORCE_UPDATE" = 1 ]; then
  steps+=("05-force-service-update.sh")
fi
steps+=("04-verify-deployment.sh ${VERIFY_ARGS[*]}")

started=$SECONDS
for step in "${steps[@]}"; do
  read -r -a words <<<"$step"
  script="${words[0]}"
  printf '\n==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$script"
  if ! bash "$here/$script" "${common[@]}" "${words[@]:1}"; then
    die "$script failed; stopping the deployment of ${DEPLOY_ENV} (release ${IMAGE_TAG})"
  fi
done
log "Deployed release ${IMAGE_TAG} to ${DEPLOY_ENV} in $((SECONDS - started))s"
