#!/bin/sh
# Renders nginx.conf from its template with only PeerPrep's variables, so nginx's own ($host,
# $http_upgrade…) survive, then hands over to nginx. Runs as the unprivileged nginx user, which
# cannot bind a port below 1024: NGINX_PORT is 8080 in the image.
set -eu

if [ "$(id -u)" != 0 ] && [ "${NGINX_PORT:-0}" -lt 1024 ]; then
  echo "Malformed configuration: NGINX_PORT=${NGINX_PORT} needs root; the image runs as nginx, use 8080" >&2
  exit 1
fi

for name in USER QUESTION MATCHING HISTORY COLLABORATION CHAT EXECUTION; do
  var="${name}_SERVICE_UPSTREAM"
  eval "value=\${$var:-}"
  if [ -z "$value" ]; then
    echo "Missing required configuration: set the environment variable $var (host:port of the service)" >&2
    exit 1
  fi
done

# shellcheck disable=SC2016 # the list names variables for envsubst; it must not expand here
envsubst '${NGINX_PORT} ${NGINX_ROOT} ${NGINX_RESOLVER} ${NGINX_CONNECT_SRC} ${USER_SERVICE_UPSTREAM} ${QUESTION_SERVICE_UPSTREAM} ${MATCHING_SERVICE_UPSTREAM} ${HISTORY_SERVICE_UPSTREAM} ${COLLABORATION_SERVICE_UPSTREAM} ${CHAT_SERVICE_UPSTREAM} ${EXECUTION_SERVICE_UPSTREAM}' \
  < /etc/nginx/peerprep/nginx.conf.template > /etc/nginx/nginx.conf
nginx -t -q
exec "$@"
