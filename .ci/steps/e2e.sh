#!/usr/bin/env bash
# CI step: build the dashboard, then drive it in Debian's Chromium against a real
# `maang serve` on the embedded defaults (the suite starts its own server with a temp DATA_DIR and no
# DATABASE_URL/REDIS_URL). Writes vitest JSON to .ci/out/e2e.json for the final pass/fail count.
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .ci/out artifacts/screenshots
if [ -z "${CHROMIUM_PATH:-}" ]; then
  CHROMIUM_PATH=$(bash ../shared/ci/ensure-chromium.sh 2>/dev/null | tail -n 1) || CHROMIUM_PATH=""
fi
export CHROMIUM_PATH
status=0
# (the dashboard's type check is `npm run typecheck`'s second half, which .ci/run runs before this step)
node node_modules/vite/bin/vite.js build --config web/vite.config.ts --logLevel warn || {
  echo "dashboard build failed"
  echo '{"numPassedTests":0,"numFailedTests":1}' > .ci/out/e2e.json
  exit 1
}
# the suite spawns the embedded server itself: keep the real servers' URLs away from it
env -u DATABASE_URL -u REDIS_URL E2E_SKIP_BUILD=1 npm run test:e2e -- \
  --reporter=default --reporter=json --outputFile.json=.ci/out/e2e.json || status=1
exit $status
