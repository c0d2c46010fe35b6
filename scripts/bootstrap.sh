#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for building and testing PeerPrep.
# Usage: scripts/bootstrap.sh [java|node|web|prodlike|all]  (java includes what the execution service's sandbox needs)
set -euo pipefail

what="${1:-all}"

need_cmd() { ! command -v "$1" >/dev/null 2>&1; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

java_tools() {
  if need_cmd java || need_cmd mvn; then
    apt_install openjdk-17-jdk-headless maven
  fi
  # Redis 7 for the tests and `make run` (the services load Redis Functions); they start their own servers.
  apt_install redis-server
  quiet_daemons redis-server
}

# Debian's packages start their daemons as system services: stop and disable them, PeerPrep runs its own.
quiet_daemons() {
  local svc
  for svc in "$@"; do
    if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled "$svc" >/dev/null 2>&1; then
      systemctl disable --now "$svc" >/dev/null 2>&1 || true
    elif command -v service >/dev/null 2>&1 && service "$svc" status >/dev/null 2>&1; then
      service "$svc" stop >/dev/null 2>&1 || true
    fi
  done
}

node_tools() {
  if need_cmd node || need_cmd npm; then
    apt_install nodejs npm
  fi
}

# What the execution service runs programs with: the bubblewrap sandbox, GNU time for their usage,
# and the four languages' interpreters and compilers (the JDK comes with java_tools).
sandbox_tools() {
  apt_install bubblewrap time util-linux procps python3 g++
  node_tools
}

web_tools() {
  node_tools
  apt_install nginx chromium chromium-driver shellcheck
}

# The production-shaped stack (make prodlike): Redis 7, HAProxy, dnsmasq, nginx, psql, openssl, jq.
prodlike_tools() {
  java_tools
  node_tools
  apt_install redis-server redis-tools haproxy dnsmasq nginx postgresql-client openssl jq iproute2 gettext-base
  quiet_daemons redis-server haproxy dnsmasq nginx
}

case "$what" in
  java) java_tools; sandbox_tools ;;
  node) node_tools ;;
  web) web_tools ;;
  prodlike) prodlike_tools ;;
  all) java_tools; sandbox_tools; web_tools; prodlike_tools ;;
  *) echo "usage: $0 [java|node|web|prodlike|all]" >&2; exit 2 ;;
esac
