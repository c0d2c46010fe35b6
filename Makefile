# PeerPrep: thin wrappers over scripts/ and the build tools.
.DEFAULT_GOAL := help
SHELL := /bin/bash

.PHONY: help run prodlike test test-java test-infra test-containers build bootstrap clean dev dev-down dev-logs image deploy loadtest bench

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: ## Build, then run the whole stack on this machine (Ctrl-C stops it)
	@bash scripts/run.sh

prodlike: ## Build, then run the ECS topology on this machine: task processes, TLS Redis, SSL PostgreSQL, DNS, HAProxy, nginx (root; Ctrl-C stops it)
	@bash scripts/prodlike/run.sh

test: ## Every test of the project (installs what a fresh machine lacks)
	@bash scripts/test.sh

build: ## Compile and package every service (no tests)
	@bash scripts/bootstrap.sh java
	mvn -B -q install -DskipTests

test-java: ## Only the Java services' tests
	@bash scripts/bootstrap.sh java
	mvn -B install

test-infra: ## Only the Terraform, deploy-script and workflow checks
	@bash scripts/test-infra.sh

test-containers: ## Only the compose, Dockerfile, env and nginx checks (no Docker engine needed)
	@bash scripts/test-containers.sh

dev: ## Start the whole stack in Docker (needs Docker and a .env copied from .env.sample)
	@bash scripts/dev.sh up

dev-down: ## Stop the Docker stack (volumes are kept)
	@bash scripts/dev.sh down

dev-logs: ## Follow the Docker stack's logs
	@bash scripts/dev.sh logs

image: ## Build one image: make image SERVICE=user (or question, matching, history, collab, chat, execution, web)
	@bash scripts/dev.sh image "$(SERVICE)"

bench: ## One benchmark: make bench SERVICE=user|question|collab|chat|matching|execution [ARGS='...']
	@bash scripts/bench.sh "$(SERVICE)" $(ARGS)

deploy: ## Deploy to AWS ECS with the numbered scripts (ARGS='--dry-run' to only show what would run)
	@bash deploy/DEPLOY.sh $(ARGS)

loadtest: ## Gatling load test: make loadtest SIM=rest|matching|sessions|mixed SCALE=<n> [BASE_URL=...]
	@bash scripts/loadtest.sh

bootstrap: ## Install what this machine lacks for building and testing
	@bash scripts/bootstrap.sh all

clean: ## Remove build output (keeps the devstack's data in .devstack/)
	mvn -B -q clean
