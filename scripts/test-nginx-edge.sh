#!/usr/bin/env bash
# Runs the real nginx from web/nginx.conf.template in front of a stub upstream that records every path it
# receives, and checks the gateway's edge: encoded climbs out of a prefix are refused before any service
# sees them, /internal/ is never proxied, errors are problem+json, the access log holds no query string,
# and the security headers are sent.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  [ -n "${KEEP_NGINX_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}
upstream_port=$(free_port)
nginx_port=$(free_port)

node -e '
const fs = require("fs");
require("http").createServer((req, res) => {
  fs.appendFileSync(process.argv[1], req.url + "\n");
  res.setHeader("Content-Type", "text/plain");
  res.end("upstream saw " + req.url);
}).listen(Number(process.argv[2]), "127.0.0.1");
' "$work/upstream.log" "$upstream_port" &
pids+=("$!")

mkdir -p "$work/html/assets"
echo '<!doctype html><title>PeerPrep</title>' > "$work/html/index.html"
echo 'console.log(1)' > "$work/html/assets/app.js"
echo '{"version":3}' > "$work/html/assets/app.js.map"
names=$(grep -o '[$][{][A-Z_]*[}]' web/nginx.conf.template | sort -u | tr '\n' ' ')
up="127.0.0.1:$upstream_port"
NGINX_PORT="127.0.0.1:$nginx_port" NGINX_ROOT="$work/html" NGINX_RESOLVER=127.0.0.1 NGINX_CONNECT_SRC="" \
USER_SERVICE_UPSTREAM=$up QUESTION_SERVICE_UPSTREAM=$up MATCHING_SERVICE_UPSTREAM=$up \
HISTORY_SERVICE_UPSTREAM=$up COLLABORATION_SERVICE_UPSTREAM=$up CHAT_SERVICE_UPSTREAM=$up EXECUTION_SERVICE_UPSTREAM=$up \
  envsubst "$names" < web/nginx.conf.template > "$work/nginx.conf"
sed -i -e "s#/tmp/nginx#$work/nginx#g" -e "s#access_log /dev/stdout#access_log $work/access.log#" "$work/nginx.conf"
nginx -c "$work/nginx.conf" -e "$work/error.log" -g 'daemon off;' &
pids+=("$!")

base="http://127.0.0.1:$nginx_port"
for _ in $(seq 1 100); do
  if curl -s -o /dev/null "$base/health" && [ -s "$work/upstream.log" ] || curl -s -o /dev/null "http://$up/ready"; then
    break
  fi
  sleep 0.1
done
curl -s -o /dev/null "$base/health"

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# expect STATUS PATH [extra curl arguments...]: the status, and a problem+json body for an error
expect() {
  local status=$1 path=$2
  shift 2
  local got
  got=$(curl -s --path-as-is -o "$work/body" -D "$work/headers" -w '%{http_code}' "$@" "$base$path")
  if [ "$got" != "$status" ]; then
    fail "$path answered $got, expected $status: $(head -c 300 "$work/body")"
  elif [ "$status" -ge 400 ] && ! grep -qi '^content-type: application/problem+json' "$work/headers"; then
    fail "$path answered $status without a problem+json body"
  fi
}

echo "-- encoded climbs out of a public prefix are refused by nginx"
for prefix in collaboration-service-api user-service-api; do
  for climb in '%2e%2e' '%2E%2E' '.%2e' '%2e.' '%252e%252e' '..%2f..' '..%5c..' '..\..' '..' '.'; do
    for target in 'internal/sessions' '%69nternal/sessions'; do
      expect 400 "/$prefix/$climb/$target"
    done
  done
  expect 400 "/$prefix/%69nternal/sessions"
  expect 404 "/$prefix/internal/sessions"
  expect 404 "/$prefix/internal"
done
if grep -qi 'internal' "$work/upstream.log" 2>/dev/null; then
  fail "an internal path reached the upstream: $(grep -i internal "$work/upstream.log" | head -3)"
fi

echo "-- ordinary API paths are proxied with their prefix stripped"
expect 200 "/user-service-api/users/me?x=1"
grep -qx '/users/me?x=1' "$work/upstream.log" || fail "the upstream did not see /users/me?x=1"

echo "-- 414 and 431 are problems"
expect 414 "/user-service-api/$(head -c 9000 /dev/zero | tr '\0' a)"
expect 431 "/user-service-api/users/me" -H "X-Big: $(head -c 9000 /dev/zero | tr '\0' b)"

echo "-- the access log holds no query string"
expect 200 "/chat-service-api/sessions/s1/ws?access_token=secret-token-value"
sleep 0.2
if grep -q 'secret-token-value\|access_token' "$work/access.log"; then
  fail "the access log records the query string: $(grep 'access_token' "$work/access.log" | head -1)"
fi
grep -q '"GET /chat-service-api/sessions/s1/ws HTTP/1.1"' "$work/access.log" || fail "the access log lost the request path"

echo "-- security headers, and no source maps"
expect 200 "/"
grep -qi '^strict-transport-security: max-age=' "$work/headers" || fail "no HSTS header"
csp=$(grep -i '^content-security-policy:' "$work/headers" || true)
for part in "connect-src 'self'" "base-uri 'none'" "form-action 'self'" "object-src 'none'" "frame-ancestors 'none'"; do
  case "$csp" in *"$part"*) ;; *) fail "CSP lacks $part: $csp" ;; esac
done
case "$csp" in *"ws:"*|*"wss:"*) fail "CSP allows WebSockets to any host: $csp" ;; esac
expect 200 "/assets/app.js"
grep -qi '^strict-transport-security: max-age=' "$work/headers" || fail "no HSTS header on assets"
expect 404 "/assets/app.js.map"

if [ "$failures" -gt 0 ]; then
  echo "$failures nginx edge check(s) failed" >&2
  exit 1
fi
echo "nginx edge checks passed"
