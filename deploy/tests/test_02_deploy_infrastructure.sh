# shellcheck shell=bash
# deploy/02-deploy-infrastructure.sh

test_02_help_and_no_calls() {
  run_script 02-deploy-infrastructure.sh --help
  assert_status 0
  assert_output "Usage: deploy/02-deploy-infrastructure.sh"
  assert_output "--auto-approve"
  assert_calls 0 "*"
}

test_02_inits_plans_and_applies_the_saved_plan_when_auto_approved() {
  run_script 02-deploy-infrastructure.sh --auto-approve
  assert_status 0
  assert_order \
    "terraform -chdir=terraform/envs/prod init -input=false -reconfigure -backend-config=bucket=peerprep-test-state -backend-config=key=peerprep/prod/terraform.tfstate -backend-config=region=$REGION" \
    "terraform -chdir=terraform/envs/prod plan -input=false -out=tfplan -var image_tag=$SHA -var region=$REGION" \
    "terraform -chdir=terraform/envs/prod apply -input=false tfplan"
  assert_calls 3 "terraform *"
}

test_02_applies_after_a_yes() {
  STDIN="$WORK/answer"
  printf 'yes\n' >"$STDIN"
  run_script 02-deploy-infrastructure.sh
  assert_status 0
  assert_output "Apply this plan to prod? Type yes to continue"
  assert_called "terraform * apply -input=false tfplan"
}

test_02_applies_nothing_without_approval() {
  STDIN="$WORK/answer"
  printf 'no\n' >"$STDIN"
  run_script 02-deploy-infrastructure.sh
  assert_status 1
  assert_output "not approved; nothing was applied"
  assert_called "terraform * plan *"
  assert_not_called "terraform * apply *"

  STDIN=/dev/null
  run_script 02-deploy-infrastructure.sh
  assert_status 1
  assert_not_called "terraform * apply *"
}

test_02_plan_only_stops_after_the_plan() {
  run_script 02-deploy-infrastructure.sh --plan-only --tag abc1234
  assert_status 0
  assert_called "terraform * plan * -var image_tag=abc1234 *"
  assert_not_called "terraform * apply *"
}

test_02_stops_when_the_plan_fails() {
  fake 1 "terraform * plan *" "Error: Invalid reference"
  run_script 02-deploy-infrastructure.sh --auto-approve
  assert_failed
  assert_not_called "terraform * apply *"
}

test_02_stops_when_init_fails() {
  fake 1 "terraform * init *" "Error: Failed to get existing workspaces"
  run_script 02-deploy-infrastructure.sh --auto-approve
  assert_failed
  assert_not_called "terraform * plan *"
}

test_02_needs_the_state_bucket() {
  unset TF_STATE_BUCKET
  run_script 02-deploy-infrastructure.sh --auto-approve
  assert_status 1
  assert_output "TF_STATE_BUCKET is not set"
  assert_calls 0 "terraform *"
}

test_02_deploys_dev_from_its_own_directory_and_state() {
  run_script 02-deploy-infrastructure.sh --env dev --auto-approve
  assert_status 0
  assert_called "terraform -chdir=terraform/envs/dev init * -backend-config=key=peerprep/dev/terraform.tfstate *"
  assert_called "terraform -chdir=terraform/envs/dev apply -input=false tfplan"
}

test_02_dry_run_calls_no_terraform() {
  run_script 02-deploy-infrastructure.sh --dry-run
  assert_status 0
  assert_only_tools git
  assert_output "[dry-run] terraform -chdir=terraform/envs/prod init"
  assert_output "[dry-run] terraform -chdir=terraform/envs/prod apply -input=false tfplan"
}

test_02_applies_a_reviewed_plan_without_planning_again() {
  local plan="reviewed-$$.tfplan"
  local path="$DEPLOY_DIR/../terraform/envs/prod/$plan"
  : >"$path"
  run_script 02-deploy-infrastructure.sh --apply-plan "$plan" --auto-approve
  rm -f "$path"
  assert_status 0
  assert_order "terraform -chdir=terraform/envs/prod init *" "terraform -chdir=terraform/envs/prod apply -input=false $plan"
  assert_not_called "terraform * plan *"
}

test_02_refuses_a_reviewed_plan_that_is_not_there() {
  run_script 02-deploy-infrastructure.sh --apply-plan reviewed.tfplan --auto-approve
  assert_status 1
  assert_output "no saved plan at terraform/envs/prod/reviewed.tfplan"
  assert_calls 0 "terraform *"
}

test_02_plans_without_refresh_when_asked() {
  run_script 02-deploy-infrastructure.sh --plan-only --no-refresh
  assert_status 0
  assert_called "terraform -chdir=terraform/envs/prod plan -input=false -out=tfplan -refresh=false -var image_tag=$SHA *"
}
