# shellcheck shell=bash
# deploy/01-build-and-push-images.sh

test_01_help_and_no_calls() {
  run_script 01-build-and-push-images.sh -h
  assert_status 0
  assert_output "Usage: deploy/01-build-and-push-images.sh"
  assert_output "linux/amd64"
  assert_calls 0 "*"
}

test_01_logs_in_then_builds_and_pushes_every_service_for_amd64_with_sha_and_latest() {
  run_script 01-build-and-push-images.sh
  assert_status 0
  # The password is piped from aws into docker login, so those two start together.
  assert_order "aws sts get-caller-identity *" "docker login --username AWS --password-stdin $REGISTRY"
  assert_called "aws ecr get-login-password --region $REGION"
  assert_called "docker stdin: fake-registry-password"
  local service module
  for service in "${ALL_SERVICES[@]}"; do
    [ "$service" = frontend ] && continue
    case "$service" in
      collaboration-service) module=collab ;;
      *) module="${service%-service}" ;;
    esac
    assert_called "docker buildx build --platform linux/amd64 --provenance=false --tag $REGISTRY/peerprep/$service:$SHA --tag $REGISTRY/peerprep/$service:latest --push --file $module/Dockerfile ."
  done
  assert_called "docker buildx build --platform linux/amd64 --provenance=false --tag $REGISTRY/peerprep/frontend:$SHA --tag $REGISTRY/peerprep/frontend:latest --push --file web/Dockerfile --target nginx web"
  assert_calls "${#ALL_SERVICES[@]}" "docker buildx build *"
  assert_order "docker login *" "*peerprep/user-service:*" "*peerprep/question-service:*" "*peerprep/frontend:*"
  assert_not_called "aws ecr create-repository *"
}

test_01_creates_a_missing_repository_with_scan_on_push() {
  fake 254 "aws ecr describe-repositories * peerprep/chat-service" "RepositoryNotFoundException"
  run_script 01-build-and-push-images.sh
  assert_status 0
  assert_calls 1 "aws ecr create-repository *"
  assert_order "aws ecr describe-repositories * peerprep/chat-service" \
    "aws ecr create-repository --region $REGION --repository-name peerprep/chat-service --image-scanning-configuration scanOnPush=true *" \
    "docker buildx build *peerprep/chat-service:$SHA*"
}

test_01_stops_at_the_first_failing_build() {
  fake 1 "docker buildx build *peerprep/matching-service:*" "ERROR: failed to solve"
  run_script 01-build-and-push-images.sh
  assert_failed
  assert_called "docker buildx build *peerprep/question-service:*"
  assert_not_called "docker buildx build *peerprep/history-service:*"
  assert_not_called "aws ecr describe-repositories * peerprep/history-service"
}

test_01_stops_when_the_registry_login_fails() {
  fake 1 "docker login *" "denied"
  run_script 01-build-and-push-images.sh
  assert_failed
  assert_not_called "docker buildx *"
}

test_01_builds_only_the_services_asked_for_with_the_tag_given() {
  run_script 01-build-and-push-images.sh --services user-service,frontend --tag v1.2.3
  assert_status 0
  assert_calls 2 "docker buildx build *"
  assert_called "docker buildx build *--tag $REGISTRY/peerprep/user-service:v1.2.3 *"
  assert_called "docker buildx build *--tag $REGISTRY/peerprep/frontend:v1.2.3 *"
  assert_not_called "git * rev-parse HEAD"
}

test_01_rejects_an_unknown_service() {
  run_script 01-build-and-push-images.sh --services user-service,payment-service
  assert_status 1
  assert_output "unknown service 'payment-service'"
  assert_calls 0 "*"
}

test_01_dry_run_prints_the_builds_and_calls_no_aws_or_docker() {
  run_script 01-build-and-push-images.sh --dry-run
  assert_status 0
  assert_only_tools git
  assert_output "[dry-run] docker buildx build --platform linux/amd64"
  assert_output "peerprep/frontend:$SHA"
  assert_output "docker login --username AWS --password-stdin"
}
