# shellcheck shell=bash
# The deploy scripts with the real AWS CLI against an empty moto account (see emulator.sh).

test_emulated_first_deploy_to_a_fresh_account_runs_in_order() {
  setup_emulator
  export PUBLIC_URL=https://peerprep.example.com
  run_script DEPLOY.sh --auto-approve
  assert_status 0
  assert_output "Deployed release $SHA to prod"

  local service
  for service in "${ALL_SERVICES[@]}"; do
    # ECR: the repository exists before the image is pushed to it.
    assert_order "aws ecr describe-repositories * peerprep/$service" \
      "aws ecr create-repository --region $REGION --repository-name peerprep/$service *" \
      "docker buildx build * --tag $REGISTRY/peerprep/$service:$SHA * --push *"
  done
  [ "$(emulated ecr describe-repositories --query 'length(repositories)')" = "${#ALL_SERVICES[@]}" ] || fail "expected ${#ALL_SERVICES[@]} repositories in ECR"

  # Databases and roles, then every migration, each a one-off task whose exit code is read, all
  # before the first ECS service exists.
  assert_order "terraform * apply *" \
    "aws ecs run-task * --task-definition arn:*:task-definition/peerprep-prod-create-databases:1 *" \
    "aws ecs wait tasks-stopped *" "aws ecs describe-tasks *name=='create-databases'*exitCode*" \
    "aws ecs run-task *peerprep-prod-user-service-migrate:1*" "aws ecs describe-tasks *name=='user-service'*exitCode*" \
    "aws ecs run-task *peerprep-prod-history-service-migrate:1*" "aws ecs describe-tasks *name=='history-service'*exitCode*" \
    "terraform created ECS service user-service" \
    "aws ecs wait services-stable *"
  local first_service
  first_service="$(grep -n 'terraform created ECS service' "$FAKE_LOG" | head -1 | cut -d: -f1)"
  [ "$(grep -n 'aws ecs run-task' "$FAKE_LOG" | tail -1 | cut -d: -f1)" -lt "$first_service" ] ||
    fail "a release task started after the first service was created"
  assert_calls 5 "aws ecs run-task *"
  [ "$(emulated ecs list-tasks --cluster peerprep-prod --started-by peerprep-release --query 'length(taskArns)')" = 5 ] ||
    fail "expected the 5 release tasks in the account"
  [ "$(emulated ecs list-services --cluster peerprep-prod --query 'length(serviceArns)')" = "${#ALL_SERVICES[@]}" ] || fail "expected ${#ALL_SERVICES[@]} services"
  assert_not_called "aws ecs update-service *"
}

test_emulated_second_deploy_reuses_the_repositories() {
  setup_emulator
  run_script 01-build-and-push-images.sh
  assert_status 0
  assert_calls "${#ALL_SERVICES[@]}" "aws ecr create-repository *"
  : >"$FAKE_LOG"
  run_script 01-build-and-push-images.sh --tag v2
  assert_status 0
  assert_not_called "aws ecr create-repository *"
  assert_calls "${#ALL_SERVICES[@]}" "docker buildx build *"
}

test_emulated_release_tasks_fail_on_a_task_definition_that_does_not_exist() {
  setup_emulator
  emulated ecs create-cluster --cluster-name peerprep-prod >/dev/null
  run_script 03-run-migrations.sh --subnets subnet-0a,subnet-0b \
    --task "peerprep-prod-create-databases:1,create-databases,sg-0bootstrap"
  assert_failed
  assert_called "aws ecs run-task *"
  assert_not_called "aws ecs wait *"
}

test_emulated_verification_fails_when_the_services_do_not_exist() {
  setup_emulator
  emulated ecs create-cluster --cluster-name peerprep-prod >/dev/null
  run_script 04-verify-deployment.sh --services user-service --url https://peerprep.example.com
  assert_failed
  assert_called "aws ecs wait services-stable *"
}
