#!/usr/bin/env bash
# Verifies a deployment: every ECS service stable on its newest deployment, every /health answering
# 200 through the load balancer, one smoke request per service, /internal/ closed and HTTP redirected.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'HELP'
Usage: deploy/04-verify-deployment.sh [options]

  1. waits until every ECS service of peerprep-<env> is stable, then requires each one's
     primary deployment to be COMPLETED, as many tasks running as desired, and the image to
     carry the release tag (a deployment the circuit breaker rolled back fails here);
  2. through the load balancer, requires 200 from every service's <prefix>/health and from the
     web app's /health, retrying while tasks register;
  3. one smoke request per service: /.well-known/jwks.json of user-service, /openapi.json of
     every other backend service and / of the web app, each 200;
  4. requires 404 from every service's <prefix>/internal/ (the load balancer never routes them)
     and a redirect from http:// to https://.

Options:
  --url URL          public base URL, e.g. https://peerprep.example.com; also PUBLIC_URL.
                     Without it the load balancer's own DNS name is used, with certificate
                     verification off (the certificate names the public domain).
  --services a,b     verify only these services
  --tag TAG          release tag the services must run (default: the git SHA; also IMAGE_TAG)
  --retries N        attempts per health check (default 10; also VERIFY_RETRIES)
  --delay SECONDS    pause between attempts (default 6; also VERIFY_DELAY)
HELP
  common_options_help
}

BASE_URL="${PUBLIC_URL:-}"
RETRIES="${VERIFY_RETRIES:-10}"
DELAY="${VERIFY_DELAY:-6}"

script_option() {
  [ "$#" -ge 2 ] || return 1
  case "$1" in
    --url) BASE_URL="$2" ;;
    --services) select_services "$2" ;;
    --tag) IMAGE_TAG="$2" ;;
    --retries) RETRIES="$2" ;;
    --delay) DELAY="$2" ;;
    *) return 1 ;;
  esac
  OPTION_SHIFT=2
}

parse_options "$@"
require_region
if [ "${#SELECTED_SERVICES[@]}" -eq 0 ]; then
  SELECTED_SERVICES=("${SERVICES[@]}")
fi
[[ "$RETRIES" =~ ^[1-9][0-9]*$ ]] || die "--retries must be a positive number"
[[ "$DELAY" =~ ^[0-9]+$ ]] || die "--delay must be a number of seconds"

tag="$(image_tag)"
failures=()

check_failed() {
  printf '  FAIL  %s\n' "$*"
  failures+=("$*")
}

log "Waiting for the services of $CLUSTER to be stable"
run aws ecs wait services-stable --region "$AWS_REGION" --cluster "$CLUSTER" --services "${SELECTED_SERVICES[@]}"

for service in "${SELECTED_SERVICES[@]}"; do
  state="$(query "2 2 COMPLETED <task definition>" aws ecs describe-services --region "$AWS_REGION" \
    --cluster "$CLUSTER" --services "$service" \
    --query "services[0].[runningCount, desiredCount, deployments[?status=='PRIMARY'].rolloutState | [0], taskDefinition]" \
    --output text)"
  read -r running desired rollout task_definition <<<"$state"
  image="$(query "<image>:${tag}" aws ecs describe-task-definition --region "$AWS_REGION" \
    --task-definition "${task_definition:-none}" --query 'taskDefinition.containerDefinitions[0].image' --output text)"
  if [ "${rollout:-}" != COMPLETED ] || [ "${running:-0}" != "${desired:-}" ] || [ "${running:-0}" = 0 ]; then
    check_failed "$service: ${running:-?} of ${desired:-?} tasks running, deployment ${rollout:-unknown}"
  elif [ "${image##*:}" != "$tag" ]; then
    check_failed "$service runs $image, not the release $tag (rolled back?)"
  else
    printf '  ok    %s: %s of %s tasks, deployment %s, image %s\n' "$service" "$running" "$desired" "$rollout" "$image"
  fi
done

insecure=()
if [ -z "$BASE_URL" ]; then
  dns="$(query "<load balancer DNS name>" aws elbv2 describe-load-balancers --region "$AWS_REGION" \
    --names "$CLUSTER" --query 'LoadBalancers[0].DNSName' --output text)"
  BASE_URL="https://${dns}"
  insecure=(--insecure)
  warn "no PUBLIC_URL: checking $BASE_URL without certificate verification"
fi
BASE_URL="${BASE_URL%/}"

# Prints the HTTP status of a GET, or 000 when there was no answer.
status_of() {
  curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 "${insecure[@]}" "$1" || true
}

# Requires the expected status from a URL, retrying while it differs.
expect_status() {
  local expected="$1" url="$2" attempts="${3:-1}" attempt status=""
  if is_dry_run; then
    printf '[dry-run] curl %s  (expect %s)\n' "$url" "$expected"
    return 0
  fi
  for ((attempt = 1; attempt <= attempts; attempt++)); do
    status="$(status_of "$url")"
    if [ "$status" = "$expected" ]; then
      printf '  ok    %s %s\n' "$status" "$url"
      return 0
    fi
    if [ "$attempt" -lt "$attempts" ]; then
      sleep "$DELAY"
    fi
  done
  check_failed "$url answered $status, expected $expected"
}

log "Checking $BASE_URL"
for service in "${SELECTED_SERVICES[@]}"; do
  prefix="$(service_prefix "$service")"
  expect_status 200 "$BASE_URL$prefix/health" "$RETRIES"
  case "$service" in
    frontend) expect_status 200 "$BASE_URL/" ;;
    user-service) expect_status 200 "$BASE_URL$prefix/.well-known/jwks.json" ;;
    *) expect_status 200 "$BASE_URL$prefix/openapi.json" ;;
  esac
  if [ -n "$prefix" ]; then
    expect_status 404 "$BASE_URL$prefix/internal/health"
  fi
done

http_url="http://${BASE_URL#https://}/"
if is_dry_run; then
  printf '[dry-run] curl %s  (expect a redirect to https://)\n' "$http_url"
else
  redirect="$(curl --silent --output /dev/null --write-out '%{http_code} %{redirect_url}' --max-time 10 "${insecure[@]}" "$http_url" || true)"
  if [[ "$redirect" =~ ^30[178]\ https:// ]]; then
    printf '  ok    %s redirects to HTTPS\n' "$http_url"
  else
    check_failed "$http_url answered '$redirect', expected a redirect to https://"
  fi
fi

if [ "${#failures[@]}" -gt 0 ]; then
  printf '%s check(s) failed\n' "${#failures[@]}" >&2
  exit 1
fi
log "Deployment of ${DEPLOY_ENV} verified"
