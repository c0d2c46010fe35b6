#!/usr/bin/env bash
# The Docker development stack: up, down, logs, and building one service's image.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: $0 up|down|logs|image <user|question|matching|history|collab|chat|execution|web>" >&2
  exit 2
}

command -v docker >/dev/null 2>&1 || { echo "Docker is not installed; 'make run' starts the stack without it." >&2; exit 1; }

compose() {
  docker compose --env-file .env -f docker-compose.yml "$@"
}

case "${1:-}" in
  up)
    [ -f .env ] || { echo "Copy .env.sample to .env and replace its change-me values first." >&2; exit 1; }
    docker network inspect peerprep >/dev/null 2>&1 || docker network create peerprep >/dev/null
    compose up --build -d --wait
    echo "PeerPrep is up at http://localhost (services on 127.0.0.1:8001-8006)"
    ;;
  down)
    compose down
    ;;
  logs)
    compose logs -f --tail=100
    ;;
  image)
    svc="${2:-}"
    case "$svc" in
      user | question | matching | history | collab | chat | execution)
        docker build -f "$svc/Dockerfile" -t "peerprep/$svc:${IMAGE_TAG:-latest}" .
        ;;
      web)
        docker build --target nginx -t "peerprep/frontend:${IMAGE_TAG:-latest}" web
        ;;
      *) usage ;;
    esac
    ;;
  *) usage ;;
esac
