# shellcheck shell=bash
# Shared by the numbered deploy scripts: the service list, options, configuration, logging and the
# dry-run switch. Sourced, never run.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT

# The globals below are read by the scripts that source this file.
# shellcheck disable=SC2034
# Every ECS service, in deploy order; the name is also the Cloud Map name and peerprep/<name> the
# image repository.
SERVICES=(user-service question-service matching-service history-service execution-service collaboration-service chat-service frontend)
# Services whose jar runs Flyway with the `migrate` command.
# shellcheck disable=SC2034
MIGRATION_SERVICES=(user-service question-service matching-service history-service)

DEPLOY_ENV="${DEPLOY_ENV:-prod}"
DRY_RUN="${DRY_RUN:-0}"
AWS_REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
# shellcheck disable=SC2034
SELECTED_SERVICES=()

# Module directory of a service (its Dockerfile lives there).
service_module() {
  case "$1" in
    user-service) echo user ;;
    question-service) echo question ;;
    matching-service) echo matching ;;
    history-service) echo history ;;
    collaboration-service) echo collab ;;
    chat-service) echo chat ;;
    execution-service) echo execution ;;
    frontend) echo web ;;
    *) return 1 ;;
  esac
}

# Public path prefix of a service behind the load balancer; empty for the web app.
service_prefix() {
  if [ "$1" = frontend ]; then
    echo ""
  else
    echo "/$1-api"
  fi
}

log() {
  printf '==> %s\n' "$*"
}

warn() {
  printf 'warning: %s\n' "$*" >&2
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

is_dry_run() {
  [ "$DRY_RUN" = 1 ]
}

# Prints a command as it would be typed.
show() {
  local quoted
  printf -v quoted '%q ' "$@"
  printf '%s\n' "${quoted% }"
}

# Runs a command that changes something, or only prints it in dry-run mode.
run() {
  if is_dry_run; then
    printf '[dry-run] '
    show "$@"
    return 0
  fi
  printf '+ '
  show "$@"
  "$@"
}

# Runs a command whose output the script needs and prints that output; in dry-run mode prints the
# command on stderr and the placeholder $1 instead of running it.
query() {
  local placeholder="$1"
  shift
  if is_dry_run; then
    {
      printf '[dry-run] '
      show "$@"
    } >&2
    printf '%s\n' "$placeholder"
    return 0
  fi
  "$@"
}

# Handles the options every script shares. A script may define script_option, which handles its own
# options: it returns 0 and sets OPTION_SHIFT to the number of arguments it used, or returns 1.
parse_options() {
  while [ "$#" -gt 0 ]; do
    case "$1" in
      -h | --help)
        usage
        exit 0
        ;;
      -n | --dry-run) DRY_RUN=1 ;;
      -e | --env)
        [ "$#" -ge 2 ] || die "$1 needs a value"
        DEPLOY_ENV="$2"
        shift
        ;;
      --env=*) DEPLOY_ENV="${1#*=}" ;;
      -r | --region)
        [ "$#" -ge 2 ] || die "$1 needs a value"
        AWS_REGION="$2"
        shift
        ;;
      --region=*) AWS_REGION="${1#*=}" ;;
      *)
        OPTION_SHIFT=0
        if declare -F script_option >/dev/null && script_option "$@"; then
          shift "$OPTION_SHIFT"
          continue
        fi
        die "unknown option: $1 (see --help)"
        ;;
    esac
    shift
  done
  case "$DEPLOY_ENV" in
    prod | dev) ;;
    *) die "unknown environment '$DEPLOY_ENV': use prod or dev" ;;
  esac
  CLUSTER="peerprep-${DEPLOY_ENV}"
  TF_DIR="terraform/envs/${DEPLOY_ENV}"
  export DEPLOY_ENV DRY_RUN AWS_REGION CLUSTER TF_DIR
}

# Parses a comma-separated --services value into SELECTED_SERVICES, checking every name.
select_services() {
  local name
  IFS=, read -r -a SELECTED_SERVICES <<<"$1"
  [ "${#SELECTED_SERVICES[@]}" -gt 0 ] || die "--services needs at least one service"
  for name in "${SELECTED_SERVICES[@]}"; do
    service_module "$name" >/dev/null || die "unknown service '$name'; known: ${SERVICES[*]}"
  done
}

require_region() {
  [ -n "$AWS_REGION" ] || die "no AWS region: set AWS_REGION or pass --region"
}

# The image tag of this release: IMAGE_TAG if set, otherwise the commit checked out.
image_tag() {
  if [ -n "${IMAGE_TAG:-}" ]; then
    printf '%s\n' "$IMAGE_TAG"
  else
    git -C "$REPO_ROOT" rev-parse HEAD
  fi
}

common_options_help() {
  cat <<'HELP'
Common options:
  -e, --env ENV      environment to deploy: prod (default) or dev; also DEPLOY_ENV
  -r, --region NAME  AWS region; defaults to AWS_REGION or AWS_DEFAULT_REGION
  -n, --dry-run      print every AWS, Docker and Terraform command instead of running it;
                     also DRY_RUN=1
  -h, --help         show this help
HELP
}
