# shellcheck shell=bash
# deploy/05-force-service-update.sh

test_05_help_and_no_calls() {
  run_script 05-force-service-update.sh --help
  assert_status 0
  assert_output "Usage: deploy/05-force-service-update.sh"
  assert_output "--force-new-deployment"
  assert_calls 0 "*"
}

test_05_forces_a_new_deployment_of_every_service_then_waits() {
  run_script 05-force-service-update.sh
  assert_status 0
  local patterns=() service
  for service in "${ALL_SERVICES[@]}"; do
    patterns+=("aws ecs update-service --region $REGION --cluster peerprep-prod --service $service --force-new-deployment *")
  done
  assert_order "${patterns[@]}" "aws ecs wait services-stable --region $REGION --cluster peerprep-prod --services ${ALL_SERVICES[*]}"
  assert_calls "${#ALL_SERVICES[@]}" "aws ecs update-service *"
}

test_05_stops_at_the_first_failing_update() {
  fake 254 "aws ecs update-service * --service chat-service *" "ServiceNotFoundException"
  run_script 05-force-service-update.sh
  assert_failed
  assert_not_called "aws ecs update-service * --service frontend *"
  assert_not_called "aws ecs wait *"
}

test_05_updates_only_the_services_asked_for_without_waiting() {
  run_script 05-force-service-update.sh --services chat-service,collaboration-service --no-wait --env dev
  assert_status 0
  assert_calls 2 "aws ecs update-service * --cluster peerprep-dev *"
  assert_not_called "aws ecs wait *"
}

test_05_dry_run_calls_no_aws() {
  run_script 05-force-service-update.sh --dry-run
  assert_status 0
  assert_calls 0 "*"
  assert_output "[dry-run] aws ecs update-service"
}
