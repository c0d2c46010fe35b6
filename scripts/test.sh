#!/usr/bin/env bash
# Runs every test of the project; the entry point of `make test` and of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh all

echo "== Question bank"
python3 scripts/check-bank.py

echo "== Java services (unit and integration tests on embedded PostgreSQL and Redis)"
mvn -B install

if [ -x scripts/test-infra.sh ] || [ -f scripts/test-infra.sh ]; then
  echo "== Terraform, deploy scripts and workflows"
  bash scripts/test-infra.sh
fi

for extra in scripts/test-containers.sh scripts/test-web.sh; do
  if [ -f "$extra" ]; then
    echo "== $extra"
    bash "$extra"
  fi
done
