#!/usr/bin/env bash
# Starts a fresh rolling deployment of each ECS service (new tasks from the current task definition,
# with the secrets read again) and waits until the services are stable.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'HELP'
Usage: deploy/05-force-service-update.sh [options]

Runs `aws ecs update-service --force-new-deployment` for each service of peerprep-<env>, so
every task is replaced by the rolling deploy (50% minimum healthy, 200% maximum, circuit
breaker with rollback): after migrations, after a secret was rotated, or to pick up a moved
`latest` tag. Then waits until the services are stable.

Options:
  --services a,b     update only these services (default: all)
  --no-wait          return once the deployments have started
HELP
  common_options_help
}

WAIT=1

script_option() {
  case "$1" in
    --services)
      [ "$#" -ge 2 ] || die "--services needs a value"
      select_services "$2"
      OPTION_SHIFT=2
      ;;
    --no-wait)
      WAIT=0
      OPTION_SHIFT=1
      ;;
    *) return 1 ;;
  esac
}

parse_options "$@"
require_region
if [ "${#SELECTED_SERVICES[@]}" -eq 0 ]; then
  SELECTED_SERVICES=("${SERVICES[@]}")
fi

for service in "${SELECTED_SERVICES[@]}"; do
  log "Starting a new deployment of $service"
  run aws ecs update-service --region "$AWS_REGION" --cluster "$CLUSTER" --service "$service" \
    --force-new-deployment --query 'service.deployments[0].id' --output text
done

if [ "$WAIT" = 1 ]; then
  log "Waiting for ${#SELECTED_SERVICES[@]} service(s) to be stable"
  run aws ecs wait services-stable --region "$AWS_REGION" --cluster "$CLUSTER" --services "${SELECTED_SERVICES[@]}"
fi
log "Rolling deployment of ${DEPLOY_ENV} done"
