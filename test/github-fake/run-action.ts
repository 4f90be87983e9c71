/**
 * A child-process runner for the crash/resume and fault tests: runs mode run/reconcile through
 * runMode with the runner's environment and prints the outcome as one JSON line. Bundled with
 * scripts/build.mjs --entry by the tests (fast start), or run with `node --import tsx`.
 */
import { runMode } from '../../src/modes/drive-release.js';

const outcome = await runMode(
  {
    plan: process.env.PR_PLAN ?? '',
    token: process.env.GITHUB_TOKEN ?? '',
    mode: process.env.PR_MODE === 'reconcile' ? 'reconcile' : 'run',
    version: process.env.PR_VERSION ?? '1.0.0',
  },
  { log: () => undefined, writeSummary: async () => undefined },
);
process.stdout.write(JSON.stringify(outcome) + '\n');
