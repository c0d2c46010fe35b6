# shellcheck shell=bash
# deploy/03-run-migrations.sh

# The network configuration the fake returns for the services, as a glob ('?' stands for the
# brackets, which a glob would read as character classes).
NETWORK_GLOB='{"awsvpcConfiguration":{"subnets":?"subnet-a","subnet-b"?,"securityGroups":?"sg-services"?,"assignPublicIp":"DISABLED"}}'
TASK="arn:aws:ecs:ap-southeast-1:123456789012:task/peerprep-prod/0f1e2d3c"

test_03_help_and_no_calls() {
  run_script 03-run-migrations.sh --help
  assert_status 0
  assert_output "Usage: deploy/03-run-migrations.sh"
  assert_output '["migrate"]'
  assert_calls 0 "*"
}

test_03_creates_databases_then_migrates_each_database_service_in_a_one_off_task() {
  run_script 03-run-migrations.sh
  assert_status 0
  assert_order \
    "aws ecs describe-services --services user-service --query services?0?.networkConfiguration --output json --region $REGION --cluster peerprep-prod" \
    "aws ecs run-task --launch-type FARGATE --task-definition peerprep-prod-create-databases --network-configuration $NETWORK_GLOB --started-by peerprep-deploy --count 1 --query *" \
    "aws ecs wait tasks-stopped --tasks $TASK *" \
    "aws ecs describe-tasks --tasks $TASK --query tasks?0?.containers?\?name==\'create-databases\'?.exitCode | ?0? *"
  local service
  for service in "${MIGRATED[@]}"; do
    assert_order \
      "aws ecs describe-services --services $service --query services?0?.taskDefinition *" \
      "aws ecs run-task --launch-type FARGATE --task-definition arn:aws:ecs:*:task-definition/peerprep-prod-service:7 --network-configuration $NETWORK_GLOB --started-by peerprep-deploy --count 1 --overrides {\"containerOverrides\":?{\"name\":\"$service\",\"command\":?\"migrate\"?}?} *" \
      "aws ecs wait tasks-stopped *" \
      "aws ecs describe-tasks *name==\'$service\'*exitCode*"
  done
  assert_order "*\"name\":\"user-service\"*" "*\"name\":\"question-service\"*" \
    "*\"name\":\"matching-service\"*" "*\"name\":\"history-service\"*"
  assert_calls 5 "aws ecs run-task *"
  assert_not_called "*collaboration-service*"
  assert_not_called "*frontend*"
}

test_03_stops_at_the_first_failing_migration_and_says_why() {
  fake 0 "aws ecs describe-tasks *name=='matching-service'*exitCode*" "1"
  fake 0 "aws ecs describe-tasks *stoppedReason*" "Essential container in task exited"
  run_script 03-run-migrations.sh
  assert_status 1
  assert_output "matching-service in $TASK exited with '1' (Essential container in task exited)"
  assert_output "/ecs/peerprep-prod"
  assert_not_called "*\"name\":\"history-service\"*"
}

test_03_fails_when_the_database_task_fails() {
  fake 0 "aws ecs describe-tasks *name=='create-databases'*exitCode*" "2"
  run_script 03-run-migrations.sh
  assert_status 1
  assert_output "create-databases in $TASK exited with '2'"
  assert_calls 1 "aws ecs run-task *"
}

test_03_fails_when_no_task_could_be_started() {
  fake 0 "aws ecs run-task *" "None"
  run_script 03-run-migrations.sh
  assert_status 1
  assert_output "ECS did not start a task of peerprep-prod-create-databases"
  assert_not_called "aws ecs wait *"
}

test_03_fails_when_a_task_never_stops_in_time() {
  fake 255 "aws ecs wait tasks-stopped *" "Waiter TasksStopped failed: Max attempts exceeded"
  run_script 03-run-migrations.sh
  assert_failed
  assert_calls 1 "aws ecs run-task *"
}

test_03_fails_when_the_services_do_not_exist_yet() {
  fake 0 "aws ecs describe-services *networkConfiguration*" "null"
  run_script 03-run-migrations.sh
  assert_status 1
  assert_output "deploy the infrastructure first"
  assert_not_called "aws ecs run-task *"
}

test_03_migrates_only_the_services_asked_for() {
  run_script 03-run-migrations.sh --services question-service --skip-create-databases
  assert_status 0
  assert_calls 1 "aws ecs run-task *"
  assert_called "aws ecs run-task *\"name\":\"question-service\"*"
  assert_called "aws ecs describe-services --services question-service --query services?0?.networkConfiguration *"
}

test_03_refuses_a_service_without_migrations() {
  run_script 03-run-migrations.sh --services chat-service
  assert_status 1
  assert_output "chat-service has no database migrations"
  assert_calls 0 "aws *"
}

test_03_dry_run_calls_no_aws() {
  run_script 03-run-migrations.sh --dry-run
  assert_status 0
  assert_calls 0 "*"
  assert_output "[dry-run] aws ecs run-task --launch-type FARGATE --task-definition peerprep-prod-create-databases"
  assert_output '\"command\":\[\"migrate\"\]'
}
