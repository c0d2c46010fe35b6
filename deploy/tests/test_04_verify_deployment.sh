# shellcheck shell=bash
# deploy/04-verify-deployment.sh

ALB="https://peerprep-prod-1234.ap-southeast-1.elb.amazonaws.com"

test_04_help_and_no_calls() {
  run_script 04-verify-deployment.sh --help
  assert_status 0
  assert_output "Usage: deploy/04-verify-deployment.sh"
  assert_output "/health"
  assert_calls 0 "*"
}

test_04_waits_for_stable_services_then_checks_health_smoke_internal_and_redirect() {
  export PUBLIC_URL=https://peerprep.example.com
  run_script 04-verify-deployment.sh
  assert_status 0
  assert_output "Deployment of prod verified"
  assert_order \
    "aws ecs wait services-stable --region $REGION --cluster peerprep-prod --services ${ALL_SERVICES[*]}" \
    "aws ecs describe-services * --services user-service *runningCount*" \
    "aws ecs describe-task-definition *" \
    "curl *https://peerprep.example.com/user-service-api/health"
  local service
  for service in "${ALL_SERVICES[@]}"; do
    [ "$service" = frontend ] && continue
    assert_called "curl * https://peerprep.example.com/$service-api/health"
    assert_called "curl * https://peerprep.example.com/$service-api/internal/health"
  done
  assert_called "curl * https://peerprep.example.com/health"
  assert_called "curl * https://peerprep.example.com/"
  assert_called "curl * https://peerprep.example.com/user-service-api/.well-known/jwks.json"
  assert_called "curl * https://peerprep.example.com/chat-service-api/openapi.json"
  assert_called "curl * http://peerprep.example.com/"
  assert_not_called "aws elbv2 *"
  assert_not_called "curl *--insecure*"
}

test_04_uses_the_load_balancer_name_without_a_public_url() {
  run_script 04-verify-deployment.sh
  assert_status 0
  assert_called "aws elbv2 describe-load-balancers --region $REGION --names peerprep-prod *"
  assert_called "curl *--insecure $ALB/question-service-api/health"
}

test_04_fails_when_a_service_stays_unhealthy() {
  fake 0 "curl */matching-service-api/health" "503"
  run_script 04-verify-deployment.sh
  assert_status 1
  assert_output "$ALB/matching-service-api/health answered 503, expected 200"
  assert_calls 2 "curl */matching-service-api/health"
}

test_04_fails_when_the_circuit_breaker_rolled_back() {
  fake 0 "aws ecs describe-task-definition *" "$REGISTRY/peerprep/service:0ldc0mm1t"
  run_script 04-verify-deployment.sh
  assert_status 1
  assert_output "not the release $SHA (rolled back?)"
}

test_04_fails_when_a_deployment_is_incomplete() {
  fake 0 "aws ecs describe-services * --services history-service *runningCount*" "1\t2\tIN_PROGRESS\tarn:td"
  run_script 04-verify-deployment.sh
  assert_status 1
  assert_output "history-service: 1 of 2 tasks running, deployment IN_PROGRESS"
}

test_04_fails_when_an_internal_route_is_reachable() {
  fake 0 "curl */collaboration-service-api/internal/health" "200"
  run_script 04-verify-deployment.sh
  assert_status 1
  assert_output "collaboration-service-api/internal/health answered 200, expected 404"
}

test_04_fails_when_http_is_not_redirected() {
  fake 0 "curl *http://*" "200 "
  run_script 04-verify-deployment.sh
  assert_status 1
  assert_output "expected a redirect to https://"
}

test_04_stops_when_the_services_never_stabilise() {
  fake 255 "aws ecs wait services-stable *" "Waiter ServicesStable failed: Max attempts exceeded"
  run_script 04-verify-deployment.sh
  assert_failed
  assert_not_called "curl *"
}

test_04_dry_run_calls_no_aws_or_curl() {
  run_script 04-verify-deployment.sh --dry-run
  assert_status 0
  assert_only_tools git
  assert_output "[dry-run] aws ecs wait services-stable"
  assert_output "(expect 404)"
}
