/**
 * The slo scenarios through the shipped bundle (dist/cli/index.js, as `npx progressive-release`
 * runs it): slo-burn rolls a region back naming the burn rates; budget-exhausted holds the
 * release before anything is deployed until override-freeze@T. Needs dist/ built.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'dist', 'cli', 'index.js');
const plan = join(repo, 'test', 'fixtures', 'slo-plan.yml');

function simulate(...scenarios: string[]) {
  const r = spawnSync(process.execPath, [cli, 'simulate', plan, ...scenarios.flatMap((s) => ['--scenario', s])], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('simulate: slo gates and the freeze (bundle)', () => {
  it('healthy: the freeze reads the budget before each stage and everything promotes', () => {
    const r = simulate();
    expect(r.out).toMatch(/canary .*freeze-lifted .*70% left in us-east-1, at or above the floor 10%/);
    expect(r.out).toMatch(/main .*freeze-lifted /);
    expect(r.out).toMatch(/gate-passed \[availability\] .*\(burn rate, lower of both windows, observed 0\.\d+\.\.0\.\d+ vs factor 14\.4\)/);
    expect(r.out).toContain('PROMOTED');
  });

  it('slo-burn: the slo gate fails on both windows and the region is rolled back, the verdict naming the burn rates', () => {
    const r = simulate('slo-burn=us-east-1');
    expect(r.out).toMatch(/gate-failed \[availability\] .*burn rate \d+\.\dx over 5m and \d+\.\dx over 1h, both above 14\.4x \(objective 99\.9%\)/);
    expect(r.out).toMatch(/region-rolled-back/);
    expect(r.out).not.toMatch(/main .*run-dispatched/);
  });

  it('budget-exhausted: nothing is dispatched; the release is paused with error-budget-exhausted and what to do', () => {
    const r = simulate('budget-exhausted');
    // The exit code of a release paused for a person.
    expect(r.code).toBe(3);
    expect(r.out).not.toContain('run-dispatched');
    expect(r.out).toMatch(/PAUSED \(error-budget-exhausted\).*3% left in us-east-1, below the floor 10%/);
    expect(r.out).toContain('override-freeze');
  });

  it('budget-exhausted with override-freeze@10m: the override is recorded and the release goes on', () => {
    const r = simulate('budget-exhausted', 'override-freeze@10m');
    expect(r.out).toMatch(/T\+00:10:00 .*command .*overrode the freeze of stage canary \(error-budget-exhausted\)/);
    expect(r.out).toMatch(/T\+00:10:00 .*canary .*run-dispatched/);
  });

  it('a bad slo-burn region names the form', () => {
    const r = simulate('slo-burn=');
    expect(r.code).toBe(2);
    expect(r.err).toContain('slo-burn=REGION[@STEP]');
  });
});
