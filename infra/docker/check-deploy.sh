#!/usr/bin/env bash
# What the images would run, checked without Docker: builds dist/ (pnpm build), runs the
# Dockerfile's own `pnpm deploy --prod --legacy` lines into a temporary folder (one per target,
# as the images' /app), and runs the compose-as-processes test with `node dist/main.js` from those
# folders instead of the sources. Needs the servers of `bash infra/dev.sh` and the pnpm store of
# an install (deploy runs --offline). Not part of `pnpm test`, which does not build.
#   bash infra/dev.sh bash infra/docker/check-deploy.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
pnpm build
DYAD_COMPOSE_DEPLOY=1 pnpm vitest run --project e2e -t 'compose: runs every service'
