/**
 * A comparison gate seen without a backend (issue 15), through the shipped bundle: the simulated
 * canary at 1.5x its baseline is rolled back with the numbers, an equal one is promoted, and a
 * quiet region (below minVolume) is never a pass.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const PLAN = 'test/fixtures/simulate-compare-plan.yml';

function simulate(...scenarios: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli/index.js', 'simulate', PLAN, ...scenarios.flatMap((s) => ['--scenario', s])], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('simulate: a comparison gate', () => {
  it('rolls back a canary at 1.5x its baseline, saying so with the numbers', () => {
    const r = simulate('regression=eu-west-1');
    expect(r.err).not.toMatch(/error/i);
    expect(r.code).toBe(5);
    expect(r.out).toMatch(
      /gate-failed \[error-ratio\]\s+canary 0\.0\d+ vs baseline 0\.0\d+ \(1\.\d+x, n=\d+\/\d+\): above the 1\.2x \+ 0\.001 tolerance \(99\.8% always-valid interval of the excess [\d.e-]+ to [\d.e-]+\); shown at look \d+ of 30/,
    );
    expect(r.out).toMatch(/ROLLED-BACK \(comparison-failed\)/);
    expect(r.out).toMatch(/us-east-1\s+rest\s+skipped/);
  });

  it('promotes a canary equal to its baseline after the whole bake', () => {
    const r = simulate('healthy');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/PROMOTED \(all-regions-promoted\)/);
    expect(r.out).toMatch(/T\+00:3\d:\d\d\s+canary\s+eu-west-1\s+step 1\s+gate-passed \[error-ratio\]\s+canary .* within the 1\.2x \+ 0\.001 tolerance/);
  });

  it('a quiet canary is no data, never a pass: it fails once the data stays away', () => {
    const r = simulate('quiet=eu-west-1');
    expect(r.code).toBe(5);
    expect(r.out).toMatch(/ROLLED-BACK \(gate-no-data\)/);
    expect(r.out).toContain('below minVolume');
  });
});
