# shellcheck shell=bash
# deploy/03-run-migrations.sh

TASK="arn:aws:ecs:ap-southeast-1:123456789012:task/peerprep-prod/0f1e2d3c"
BOOTSTRAP="arn:aws:ecs:ap-southeast-1:123456789012:task-definition/peerprep-prod-create-databases:3,create-databases,sg-0bootstrap"
MIGRATE_USER="arn:aws:ecs:ap-southeast-1:123456789012:task-definition/peerprep-prod-user-service-migrate:9,user-service,sg-0user"
MIGRATE_HISTORY="arn:aws:ecs:ap-southeast-1:123456789012:task-definition/peerprep-prod-history-service-migrate:9,history-service,sg-0history"

run_release() {
  run_script 03-run-migrations.sh --subnets subnet-a,subnet-b --task "$BOOTSTRAP" --task "$MIGRATE_USER" --task "$MIGRATE_HISTORY" "$@"
}

test_03_help_and_no_calls() {
  run_script 03-run-migrations.sh --help
  assert_status 0
  assert_output "Usage: deploy/03-run-migrations.sh"
  assert_output "release_command"
  assert_calls 0 "*"
}

test_03_runs_each_task_to_completion_in_order_in_its_own_security_group() {
  run_release
  assert_status 0
  assert_order \
    "aws ecs run-task --launch-type FARGATE --task-definition arn:*:task-definition/peerprep-prod-create-databases:3 --network-configuration {\"awsvpcConfiguration\":{\"subnets\":?\"subnet-a\",\"subnet-b\"?,\"securityGroups\":?\"sg-0bootstrap\"?,\"assignPublicIp\":\"DISABLED\"}} --started-by peerprep-release --count 1 --query tasks?0?.taskArn --output text --region $REGION --cluster peerprep-prod" \
    "aws ecs wait tasks-stopped --tasks $TASK *" \
    "aws ecs describe-tasks --tasks $TASK --query tasks?0?.containers?\?name==\'create-databases\'?.exitCode | ?0? *" \
    "aws ecs run-task * --task-definition arn:*:task-definition/peerprep-prod-user-service-migrate:9 *\"securityGroups\":?\"sg-0user\"?*" \
    "aws ecs wait tasks-stopped *" \
    "aws ecs describe-tasks *name==\'user-service\'*exitCode*" \
    "aws ecs run-task * --task-definition arn:*:task-definition/peerprep-prod-history-service-migrate:9 *" \
    "aws ecs describe-tasks *name==\'history-service\'*exitCode*"
  assert_calls 3 "aws ecs run-task *"
  assert_output "3 release task(s) of prod finished"
}

test_03_stops_at_the_first_failing_task_and_says_why() {
  fake 0 "aws ecs describe-tasks *name=='user-service'*exitCode*" "1"
  fake 0 "aws ecs describe-tasks *stoppedReason*" "Essential container in task exited"
  run_release
  assert_status 1
  assert_output "user-service in $TASK exited with '1' (Essential container in task exited)"
  assert_output "/ecs/peerprep-prod"
  assert_not_called "aws ecs run-task *history-service-migrate*"
}

test_03_fails_when_the_bootstrap_fails_and_migrates_nothing() {
  fake 0 "aws ecs describe-tasks *name=='create-databases'*exitCode*" "2"
  run_release
  assert_status 1
  assert_output "create-databases in $TASK exited with '2'"
  assert_calls 1 "aws ecs run-task *"
}

test_03_fails_when_a_container_never_reported_an_exit_code() {
  fake 0 "aws ecs describe-tasks *name=='create-databases'*exitCode*" "None"
  run_release
  assert_status 1
  assert_output "create-databases in $TASK exited with 'None'"
}

test_03_fails_when_no_task_could_be_started() {
  fake 0 "aws ecs run-task *" "None"
  run_release
  assert_status 1
  assert_output "ECS did not start a task of arn:aws:ecs:ap-southeast-1:123456789012:task-definition/peerprep-prod-create-databases:3"
  assert_not_called "aws ecs wait *"
}

test_03_fails_when_a_task_never_stops_in_time() {
  fake 255 "aws ecs wait tasks-stopped *" "Waiter TasksStopped failed: Max attempts exceeded"
  run_release
  assert_failed
  assert_calls 1 "aws ecs run-task *"
}

test_03_refuses_missing_or_malformed_arguments() {
  run_script 03-run-migrations.sh --task "$BOOTSTRAP"
  assert_status 1
  assert_output "--subnets is required"
  run_script 03-run-migrations.sh --subnets subnet-a
  assert_status 1
  assert_output "no --task given"
  run_script 03-run-migrations.sh --subnets subnet-a --task "peerprep-prod-create-databases,create-databases"
  assert_status 1
  assert_output "is not '<task definition>,<container>,<security group>'"
  assert_calls 0 "*"
}

test_03_dry_run_calls_no_aws() {
  run_release --dry-run
  assert_status 0
  assert_calls 0 "*"
  assert_output "[dry-run] aws ecs run-task --launch-type FARGATE --task-definition arn:aws:ecs:ap-southeast-1:123456789012:task-definition/peerprep-prod-create-databases:3"
  assert_output "exit code 0 of container history-service"
}
