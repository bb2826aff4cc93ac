#!/usr/bin/env bash
# CI step (run by .ci/run with DATABASE_URL / REDIS_URL of the real servers): the compose topology as
# real processes — migrate, app, worker, MCP over HTTP — see scripts/topology-test.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run test:topology
