#!/usr/bin/env bash
# THE test command (README, .ci/run): installs what the tests need, type-checks, lints, checks the
# formatting, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund

# Integration tests run the real Prometheus and Pushgateway (Debian packages).
if ! command -v prometheus >/dev/null 2>&1 || ! command -v prometheus-pushgateway >/dev/null 2>&1; then
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y prometheus prometheus-pushgateway
fi

npx tsc --noEmit
mkdir -p .tmp
status=0
# Lint and formatting findings fail the command but do not hide the test results behind them.
checks=""
npm run --silent lint || { status=1; checks="$checks, lint failed"; }
npm run --silent format:check || { status=1; checks="$checks, format:check failed"; }
rm -f .tmp/vitest-report.json
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-report.json || status=$?
# One plain closing line ("N passed, N failed") that any CI log reader understands.
CHECKS="$checks" node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest-report.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : "") + process.env.CHECKS);
' || echo "no test report${checks}"
exit "$status"
