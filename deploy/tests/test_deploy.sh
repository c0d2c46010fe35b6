# shellcheck shell=bash
# deploy/DEPLOY.sh

test_deploy_help_lists_the_steps_and_calls_nothing() {
  run_script DEPLOY.sh --help
  assert_status 0
  assert_output "Usage: deploy/DEPLOY.sh"
  assert_output "03-run-migrations.sh"
  assert_calls 0 "*"
}

test_deploy_runs_every_step_in_order() {
  run_script DEPLOY.sh --auto-approve
  assert_status 0
  assert_order \
    "aws sts get-caller-identity *" \
    "git * status --porcelain" \
    "docker buildx build *peerprep/user-service:$SHA*" \
    "docker buildx build *peerprep/frontend:$SHA*" \
    "terraform * init *" \
    "terraform * plan * -var image_tag=$SHA *" \
    "terraform * apply -input=false tfplan" \
    "aws ecs wait services-stable *" \
    "curl *"
  assert_not_called "aws ecs update-service *"
  assert_not_called "aws ecs run-task *"
  assert_output "Deployed release $SHA to prod"
}

test_deploy_stops_at_the_first_failing_step() {
  fake 1 "terraform * plan *" "Error: Unsupported argument"
  run_script DEPLOY.sh --auto-approve
  assert_status 1
  assert_output "02-deploy-infrastructure.sh failed; stopping the deployment of prod (release $SHA)"
  assert_called "docker buildx build *"
  assert_not_called "terraform * apply *"
  assert_not_called "aws ecs run-task *"
  assert_not_called "aws ecs wait *"
  assert_not_called "curl *"
}

test_deploy_stops_before_building_when_the_checks_fail() {
  fake 0 "git * status --porcelain" "?? notes.txt"
  run_script DEPLOY.sh --auto-approve
  assert_status 1
  assert_output "00-pre-deployment-check.sh failed"
  assert_not_called "docker buildx build *"
  assert_not_called "terraform * init *"
}

test_deploy_allow_dirty_passes_on_to_the_checks() {
  fake 0 "git * status --porcelain" " M web/src/App.tsx"
  run_script DEPLOY.sh --auto-approve --allow-dirty
  assert_status 0
  assert_output "uncommitted changes allowed"
}

test_deploy_without_approval_applies_nothing_and_stops() {
  run_script DEPLOY.sh
  assert_status 1
  assert_output "not approved"
  assert_not_called "terraform * apply *"
  assert_not_called "aws ecs run-task *"
}

test_deploy_skip_build_deploys_existing_images_without_docker() {
  fake 0 "aws ecs describe-task-definition *" "$REGISTRY/peerprep/service:v2.0.0"
  run_script DEPLOY.sh --auto-approve --skip-build --tag v2.0.0
  assert_status 0
  assert_not_called "docker *"
  assert_called "terraform * plan * -var image_tag=v2.0.0 *"
}

test_deploy_force_update_rolls_every_service_before_verifying() {
  run_script DEPLOY.sh --auto-approve --force-update --env dev
  assert_status 0
  assert_order "terraform * apply *" "aws ecs update-service * --cluster peerprep-dev --service user-service *" \
    "aws ecs update-service * --service frontend *" "aws ecs wait services-stable *" "curl *"
}

test_deploy_dry_run_walks_every_step_calling_only_git() {
  run_script DEPLOY.sh --dry-run
  assert_status 0
  assert_only_tools git
  assert_order_in_output "00-pre-deployment-check.sh" "01-build-and-push-images.sh" "02-deploy-infrastructure.sh" \
    "04-verify-deployment.sh"
}
