#!/usr/bin/env bash
# Where a Docker engine exists (the CI workflow): builds every image, brings the whole compose stack
# up with generated local secrets, and checks each service's /health through nginx. Cleans up after.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v docker >/dev/null 2>&1 || { echo "smoke-compose needs a Docker engine" >&2; exit 1; }

env_file=$(mktemp)
trap 'docker compose --env-file "$env_file" -f docker-compose.yml down -v >/dev/null 2>&1 || true; rm -f "$env_file"' EXIT
random() { head -c 24 /dev/urandom | base64 | tr -d '/+=' ; }
{
  grep -v '^SECRET_' .env.sample
  echo "SECRET_DB_PASSWORD=$(random)"
  echo "SECRET_INTERNAL_TOKEN=$(random)"
  echo "SECRET_ADMIN_PASSWORD=$(random)"
  echo "SECRET_JWT_PRIVATE_KEY=$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | base64 -w0)"
} > "$env_file"

docker network inspect peerprep >/dev/null 2>&1 || docker network create peerprep >/dev/null
docker compose --env-file "$env_file" -f docker-compose.yml up --build -d --wait --wait-timeout 300

failed=0
for svc in user question matching history collaboration chat; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost/${svc}-service-api/health")
  echo "${svc}-service through nginx: ${code}"
  [ "$code" = "200" ] || failed=$((failed + 1))
done
internal=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost/history-service-api/internal/users/x/attempted-question-ids")
echo "internal route through nginx: ${internal} (expected 404)"
[ "$internal" = "404" ] || failed=$((failed + 1))
echo "$((7 - failed)) passed, ${failed} failed"
[ "$failed" -eq 0 ]
