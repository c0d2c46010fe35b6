#!/usr/bin/env bash
# Creates any missing database, then runs each database service's Flyway migrations as a one-off
# ECS task of the service's current task definition, and checks each task's exit code.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'HELP'
Usage: deploy/03-run-migrations.sh [options]

In the cluster peerprep-<env>, with the network configuration of the running services:
  1. runs the task peerprep-<env>-create-databases, which creates every missing database;
  2. for each service with migrations (user-service, question-service, matching-service,
     history-service), runs a one-off task of the service's current task definition with the
     container command overridden to ["migrate"], waits for it to stop and requires exit code 0.
Stops at the first failure and names the task, its exit code and its reason.

Options:
  --services a,b            migrate only these services
  --skip-create-databases   do not run the database-creating task
HELP
  common_options_help
}

CREATE_DATABASES=1

script_option() {
  case "$1" in
    --services)
      [ "$#" -ge 2 ] || die "--services needs a value"
      select_services "$2"
      OPTION_SHIFT=2
      ;;
    --skip-create-databases)
      CREATE_DATABASES=0
      OPTION_SHIFT=1
      ;;
    *) return 1 ;;
  esac
}

parse_options "$@"
require_region
if [ "${#SELECTED_SERVICES[@]}" -eq 0 ]; then
  SELECTED_SERVICES=("${MIGRATION_SERVICES[@]}")
fi
for service in "${SELECTED_SERVICES[@]}"; do
  [[ " ${MIGRATION_SERVICES[*]} " == *" $service "* ]] || die "$service has no database migrations"
done

ecs() {
  aws ecs "$@" --region "$AWS_REGION" --cluster "$CLUSTER"
}

# Runs one task to completion: task definition, container name, optional overrides JSON.
run_to_completion() {
  local task_definition="$1" container="$2" overrides="${3:-}" task code reason
  local args=(run-task --launch-type FARGATE --task-definition "$task_definition"
    --network-configuration "$network" --started-by peerprep-deploy --count 1)
  if [ -n "$overrides" ]; then
    args+=(--overrides "$overrides")
  fi

  if is_dry_run; then
    printf '[dry-run] '
    show aws ecs "${args[@]}" --region "$AWS_REGION" --cluster "$CLUSTER"
    printf '[dry-run] aws ecs wait tasks-stopped, then require exit code 0 of container %s\n' "$container"
    return 0
  fi

  task="$(ecs "${args[@]}" --query 'tasks[0].taskArn' --output text)"
  if [ -z "$task" ] || [ "$task" = None ]; then
    die "ECS did not start a task of $task_definition"
  fi
  log "Started $task; waiting for it to stop"
  ecs wait tasks-stopped --tasks "$task"
  code="$(ecs describe-tasks --tasks "$task" --query "tasks[0].containers[?name=='${container}'].exitCode | [0]" --output text)"
  if [ "$code" != 0 ]; then
    reason="$(ecs describe-tasks --tasks "$task" --query 'tasks[0].stoppedReason' --output text || true)"
    die "$container in $task exited with '$code' (${reason:-no reason given}); its logs are in /ecs/${CLUSTER} under the stream prefix $container"
  fi
  log "$container finished with exit code 0"
}

log "Reading the network configuration of ${SELECTED_SERVICES[0]} in $CLUSTER"
network="$(query '<network configuration>' ecs describe-services --services "${SELECTED_SERVICES[0]}" \
  --query 'services[0].networkConfiguration' --output json)"
if [ -z "$network" ] || [ "$network" = null ]; then
  die "${SELECTED_SERVICES[0]} is not running in $CLUSTER: deploy the infrastructure first"
fi

if [ "$CREATE_DATABASES" = 1 ]; then
  log "Creating missing databases"
  run_to_completion "${CLUSTER}-create-databases" create-databases
fi

for service in "${SELECTED_SERVICES[@]}"; do
  task_definition="$(query "<task definition of ${service}>" ecs describe-services --services "$service" \
    --query 'services[0].taskDefinition' --output text)"
  if [ -z "$task_definition" ] || [ "$task_definition" = None ]; then
    die "$service is not running in $CLUSTER"
  fi
  log "Migrating $service with $task_definition"
  run_to_completion "$task_definition" "$service" \
    "{\"containerOverrides\":[{\"name\":\"${service}\",\"command\":[\"migrate\"]}]}"
done

log "Migrations of ${#SELECTED_SERVICES[@]} service(s) finished"
