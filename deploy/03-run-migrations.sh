#!/usr/bin/env bash
# Runs the release tasks, one after another, each as a one-off ECS Fargate task: the database
# bootstrap (every database and the role that owns it), then each service's Flyway migrations.
# Waits for each to stop and requires exit code 0 before starting the next. `terraform apply` runs
# this (terraform_data.release_tasks in terraform/modules/stack/release.tf) before it creates or
# updates any ECS service; `terraform output -raw release_command` prints the same command.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'HELP'
Usage: deploy/03-run-migrations.sh [options] --subnets a,b --task TASK [--task TASK ...]

In the cluster peerprep-<env>, for each --task in the order given: runs one Fargate task in the
private subnets, waits for it to stop and requires exit code 0 from its container. Stops at
the first failure and names the task, its exit code, its reason and where its logs are.

TASK is "<task definition>,<container>,<security group>": the task definition's ARN or
family[:revision], the container whose exit code counts, the task's security group.

Terraform runs this during apply before any ECS service is created or updated, with the
bootstrap task first and a migration task per service with a database after it; see
`terraform -chdir=terraform/envs/<env> output -raw release_command`.

Options:
  --subnets a,b      private subnets the tasks run in (no public IP)
  --task TASK        a task to run; repeat, in order
HELP
  common_options_help
}

SUBNETS=""
TASKS=()

script_option() {
  [ "$#" -ge 2 ] || return 1
  case "$1" in
    --subnets) SUBNETS="$2" ;;
    --task) TASKS+=("$2") ;;
    *) return 1 ;;
  esac
  OPTION_SHIFT=2
}

parse_options "$@"
require_region
[ -n "$SUBNETS" ] || die "--subnets is required: the private subnets of the tasks"
[[ "$SUBNETS" =~ ^subnet-[0-9a-zA-Z]+(,subnet-[0-9a-zA-Z]+)*$ ]] || die "--subnets '$SUBNETS' is not a comma-separated list of subnet IDs"
[ "${#TASKS[@]}" -gt 0 ] || die "no --task given; nothing to run"
for task in "${TASKS[@]}"; do
  IFS=, read -r definition container group extra <<<"$task"
  if [ -z "$definition" ] || [ -z "$container" ] || [[ ! "$group" =~ ^sg-[0-9a-zA-Z]+$ ]] || [ -n "${extra:-}" ]; then
    die "--task '$task' is not '<task definition>,<container>,<security group>'"
  fi
done

ecs() {
  aws ecs "$@" --region "$AWS_REGION" --cluster "$CLUSTER"
}

# The awsvpc network configuration of a task: private subnets, one security group, no public IP.
network_configuration() {
  local subnets
  subnets="\"${SUBNETS//,/\",\"}\""
  printf '{"awsvpcConfiguration":{"subnets":[%s],"securityGroups":["%s"],"assignPublicIp":"DISABLED"}}' "$subnets" "$1"
}

# Runs one task to completion: task definition, container name, security group.
run_to_completion() {
  local definition="$1" container="$2" group="$3" task code reason
  local args=(run-task --launch-type FARGATE --task-definition "$definition"
    --network-configuration "$(network_configuration "$group")" --started-by peerprep-release --count 1)

  if is_dry_run; then
    printf '[dry-run] '
    show aws ecs "${args[@]}" --region "$AWS_REGION" --cluster "$CLUSTER"
    printf '[dry-run] aws ecs wait tasks-stopped, then require exit code 0 of container %s\n' "$container"
    return 0
  fi

  task="$(ecs "${args[@]}" --query 'tasks[0].taskArn' --output text)"
  if [ -z "$task" ] || [ "$task" = None ]; then
    die "ECS did not start a task of $definition"
  fi
  log "Started $task ($container); waiting for it to stop"
  ecs wait tasks-stopped --tasks "$task"
  code="$(ecs describe-tasks --tasks "$task" --query "tasks[0].containers[?name=='${container}'].exitCode | [0]" --output text)"
  if [ "$code" != 0 ]; then
    reason="$(ecs describe-tasks --tasks "$task" --query 'tasks[0].stoppedReason' --output text || true)"
    die "$container in $task exited with '$code' (${reason:-no reason given}); its logs are in the log group /ecs/${CLUSTER}"
  fi
  log "$container finished with exit code 0"
}

for task in "${TASKS[@]}"; do
  IFS=, read -r definition container group <<<"$task"
  run_to_completion "$definition" "$container" "$group"
done

log "${#TASKS[@]} release task(s) of ${DEPLOY_ENV} finished"
