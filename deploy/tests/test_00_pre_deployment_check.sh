# shellcheck shell=bash
# deploy/00-pre-deployment-check.sh

test_00_help_describes_the_checks_and_calls_nothing() {
  run_script 00-pre-deployment-check.sh --help
  assert_status 0
  assert_output "Usage: deploy/00-pre-deployment-check.sh"
  assert_output "--dry-run"
  assert_calls 0 "*"
}

test_00_passes_when_everything_is_in_place() {
  run_script 00-pre-deployment-check.sh
  assert_status 0
  assert_output "AWS credentials work (account $ACCOUNT)"
  assert_output "All checks passed"
  assert_called "aws sts get-caller-identity --region $REGION --query Account --output text"
  assert_called "git * status --porcelain"
  assert_called "docker info *"
  assert_called "docker buildx version"
  assert_called "terraform version"
}

test_00_reports_every_problem_then_fails() {
  fake 0 "git * status --porcelain" " M user/src/Main.java"
  fake 255 "aws sts get-caller-identity *" "Unable to locate credentials"
  unset TF_STATE_BUCKET
  run_script 00-pre-deployment-check.sh
  assert_status 1
  assert_output "FAIL  the work tree has uncommitted changes"
  assert_output "FAIL  AWS credentials do not work"
  assert_output "FAIL  TF_STATE_BUCKET is not set"
  assert_output "3 check(s) failed; nothing was deployed."
}

test_00_refuses_prod_without_the_github_repository_or_the_state_bucket_name() {
  unset TF_VAR_github_repository TF_VAR_state_bucket_name
  run_script 00-pre-deployment-check.sh
  assert_status 1
  assert_output "FAIL  TF_VAR_github_repository is not set: prod's plan would destroy the GitHub OIDC provider"
  assert_output "FAIL  TF_VAR_state_bucket_name is not set"
  assert_output "2 check(s) failed; nothing was deployed."
}

test_00_refuses_a_state_bucket_name_other_than_the_backend_bucket() {
  export TF_VAR_state_bucket_name=another-bucket
  run_script 00-pre-deployment-check.sh
  assert_status 1
  assert_output "TF_VAR_state_bucket_name (another-bucket) is not TF_STATE_BUCKET (peerprep-test-state)"
}

test_00_does_not_ask_dev_for_the_github_roles() {
  unset TF_VAR_github_repository TF_VAR_state_bucket_name
  run_script 00-pre-deployment-check.sh --env dev
  assert_status 0
}

test_00_accepts_uncommitted_changes_when_allowed() {
  fake 0 "git * status --porcelain" " M README.md"
  run_script 00-pre-deployment-check.sh --allow-dirty
  assert_status 0
  assert_output "uncommitted changes allowed"
}

test_00_rejects_credentials_of_another_account() {
  export EXPECTED_AWS_ACCOUNT_ID=999999999999
  run_script 00-pre-deployment-check.sh
  assert_status 1
  assert_output "not EXPECTED_AWS_ACCOUNT_ID=999999999999"
}

test_00_requires_a_valid_region() {
  unset AWS_REGION
  run_script 00-pre-deployment-check.sh
  assert_status 1
  assert_output "no AWS region"
  run_script 00-pre-deployment-check.sh --region moon-base
  assert_status 1
  assert_output "'moon-base' is not an AWS region name"
}

test_00_fails_when_the_docker_engine_is_down_unless_docker_is_not_needed() {
  fake 1 "docker info *" "Cannot connect to the Docker daemon"
  run_script 00-pre-deployment-check.sh
  assert_status 1
  assert_output "the Docker engine does not answer"
  : >"$FAKE_LOG"
  run_script 00-pre-deployment-check.sh --no-docker
  assert_status 0
  assert_not_called "docker *"
}

test_00_fails_on_an_old_terraform() {
  fake 0 "terraform version" "Terraform v1.5.7"
  run_script 00-pre-deployment-check.sh
  assert_status 1
  assert_output "terraform 1.11 or newer is needed, found '1.5.7'"
}

test_00_dry_run_calls_no_aws_docker_or_terraform() {
  run_script 00-pre-deployment-check.sh --dry-run
  assert_status 0
  assert_only_tools git
  assert_output "[dry-run] terraform version"
  assert_output "AWS credentials work (account <account-id>)"
}

test_00_rejects_an_unknown_environment_or_option() {
  run_script 00-pre-deployment-check.sh --env staging
  assert_status 1
  assert_output "unknown environment 'staging'"
  run_script 00-pre-deployment-check.sh --frobnicate
  assert_status 1
  assert_output "unknown option: --frobnicate"
  assert_calls 0 "*"
}
