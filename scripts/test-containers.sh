#!/usr/bin/env bash
# Checks the container setup without a Docker engine: compose files against the compose schema,
# Dockerfiles with a linter, compose/env/doc consistency, and the nginx template through `nginx -t` and
# a real nginx in front of a stub upstream.
set -euo pipefail
cd "$(dirname "$0")/.."

lint=tools/container-lint
if [ ! -x "$lint/node_modules/.bin/dclint" ] || [ ! -x "$lint/node_modules/.bin/dockerfilelint" ]; then
  (cd "$lint" && npm install --no-audit --no-fund --silent)
fi

compose_files=(docker-compose.yml docker-compose.prod.yml ./*/docker-compose.yml)
echo "-- dclint: ${compose_files[*]}"
"$lint/node_modules/.bin/dclint" "${compose_files[@]}"

echo "-- dockerfilelint"
"$lint/node_modules/.bin/dockerfilelint" ./*/Dockerfile

echo "-- shellcheck: container entrypoints"
shellcheck docker/entrypoint.sh
shellcheck -s sh web/docker-entrypoint.sh

echo "-- nginx -t on the template rendered as compose renders it"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/html"
echo '<!doctype html><title>PeerPrep</title>' > "$work/html/index.html"
names=$(grep -o '[$][{][A-Z_]*[}]' web/nginx.conf.template | sort -u | tr '\n' ' ')
NGINX_PORT=18080 NGINX_ROOT="$work/html" NGINX_RESOLVER=127.0.0.11 \
USER_SERVICE_UPSTREAM=user-service:8000 QUESTION_SERVICE_UPSTREAM=question-service:8000 \
MATCHING_SERVICE_UPSTREAM=matching-service:8000 HISTORY_SERVICE_UPSTREAM=history-service:8000 \
COLLABORATION_SERVICE_UPSTREAM=collaboration-service:8000 CHAT_SERVICE_UPSTREAM=chat-service:8000 \
EXECUTION_SERVICE_UPSTREAM=execution-service:8000 \
  envsubst "$names" < web/nginx.conf.template > "$work/nginx.conf"
if grep -q '[$][{]' "$work/nginx.conf"; then
  echo "nginx.conf still holds an unrendered variable" >&2
  exit 1
fi
grep -q 'connection_upgrade' "$work/nginx.conf"
nginx -t -q -c "$work/nginx.conf" -e "$work/error.log"

echo "-- real nginx from the template: encoded paths, /internal/, problem pages, access log, headers"
scripts/test-nginx-edge.sh

echo "-- compose, env samples and ENVIRONMENT_VARIABLES.md agree"
node --test docker/tests/
