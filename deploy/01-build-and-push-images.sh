#!/usr/bin/env bash
# Builds every service's image for linux/amd64 and pushes it to ECR tagged with the git SHA and
# `latest`, creating a missing repository first.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'HELP'
Usage: deploy/01-build-and-push-images.sh [options]

Builds each service's image for linux/amd64 with docker buildx and pushes it to
<account>.dkr.ecr.<region>.amazonaws.com/peerprep/<service>, tagged with the release tag
(the git SHA of HEAD, or IMAGE_TAG) and with `latest`. A missing repository is created with
scan on push; Terraform adopts it on the next apply. Java services build from
<module>/Dockerfile with the repository root as context, the web app from web/Dockerfile
(stage nginx) with web/ as context.

Options:
  --services a,b     build only these services (default: all)
  --tag TAG          release tag instead of the git SHA; also IMAGE_TAG
HELP
  common_options_help
}

script_option() {
  case "$1" in
    --services)
      [ "$#" -ge 2 ] || die "--services needs a value"
      select_services "$2"
      OPTION_SHIFT=2
      ;;
    --tag)
      [ "$#" -ge 2 ] || die "--tag needs a value"
      IMAGE_TAG="$2"
      OPTION_SHIFT=2
      ;;
    *) return 1 ;;
  esac
}

parse_options "$@"
require_region
if [ "${#SELECTED_SERVICES[@]}" -eq 0 ]; then
  SELECTED_SERVICES=("${SERVICES[@]}")
fi

tag="$(image_tag)"
[ -n "$tag" ] || die "no image tag"

account="$(query "<account-id>" aws sts get-caller-identity --region "$AWS_REGION" --query Account --output text)"
registry="${account}.dkr.ecr.${AWS_REGION}.amazonaws.com"

log "Logging in to $registry"
if is_dry_run; then
  printf '[dry-run] aws ecr get-login-password --region %s | docker login --username AWS --password-stdin %s\n' \
    "$AWS_REGION" "$registry"
else
  aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "$registry"
fi

for service in "${SELECTED_SERVICES[@]}"; do
  module="$(service_module "$service")"
  repository="peerprep/${service}"
  log "Building $service ($module/Dockerfile) as $repository:$tag"

  if is_dry_run || ! aws ecr describe-repositories --region "$AWS_REGION" --repository-names "$repository" >/dev/null 2>&1; then
    if is_dry_run; then
      printf '[dry-run] aws ecr describe-repositories --region %s --repository-names %s || create it:\n' "$AWS_REGION" "$repository"
    fi
    run aws ecr create-repository --region "$AWS_REGION" --repository-name "$repository" \
      --image-scanning-configuration scanOnPush=true --encryption-configuration encryptionType=AES256 \
      --output text --query repository.repositoryUri
  fi

  if [ "$service" = frontend ]; then
    build_args=(--file "$module/Dockerfile" --target nginx "$module")
  else
    build_args=(--file "$module/Dockerfile" .)
  fi
  (
    cd "$REPO_ROOT"
    run docker buildx build --platform linux/amd64 --provenance=false \
      --tag "$registry/$repository:$tag" --tag "$registry/$repository:latest" \
      --push "${build_args[@]}"
  )
done

log "Pushed ${#SELECTED_SERVICES[@]} image(s) tagged $tag"
