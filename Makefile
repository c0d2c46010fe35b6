# PeerPrep: thin wrappers over scripts/ and the build tools.
.DEFAULT_GOAL := help
SHELL := /bin/bash

.PHONY: help run test test-java test-infra build bootstrap clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: ## Build, then run the whole stack on this machine (Ctrl-C stops it)
	@bash scripts/run.sh

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

bootstrap: ## Install what this machine lacks for building and testing
	@bash scripts/bootstrap.sh all

clean: ## Remove build output (keeps the devstack's data in .devstack/)
	mvn -B -q clean
