import { describe, expect, it } from 'vitest';
import { simulateCommand } from '../src/cli/simulate.js';

const EXAMPLE = 'workflows-examples/release-plan.yml';
const FIXTURE = 'test/fixtures/simulate-plan.yml';

interface Outcome {
  code: number;
  out: string;
  err: string;
  json?: {
    decision: string;
    reasonCode: string;
    state: {
      regions: Record<string, { phase: string; touchedSeq?: number; skippedReason?: string; failure?: { reasonCode: string } }>;
      history: Array<{ kind: string; region?: string; reasonCode: string }>;
    };
  };
}

async function sim(...argv: string[]): Promise<Outcome> {
  let out = '';
  let err = '';
  const code = await simulateCommand(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  const res: Outcome = { code, out, err };
  if (argv.includes('--json') && code !== 1) res.json = JSON.parse(out) as NonNullable<Outcome['json']>;
  return res;
}

/** Regions in the order their rollback was dispatched. */
function rollbacks(o: Outcome): string[] {
  return (o.json?.state.history ?? []).filter((h) => h.kind === 'rollback-dispatched').map((h) => h.region ?? '');
}

describe('simulate scenarios end to end', () => {
  it('healthy: every region promoted, exit 0, progress lines, table and timeline', async () => {
    const started = performance.now();
    const o = await sim(EXAMPLE);
    expect(performance.now() - started).toBeLessThan(2000); // hours of bake in virtual time
    expect(o.code).toBe(0);
    expect(o.out).toMatch(/^T\+00:00:00 +- +- +- +release-started/m);
    expect(o.out).toContain('Regions\nREGION');
    expect(o.out).toContain('Timeline');
    expect(o.out).toMatch(/PROMOTED \(all-regions-promoted\)/);
    expect(o.out).not.toContain('rollback-dispatched');
    // A first run says that nothing real happens, labels the columns, and suggests a next step that works.
    expect(o.out).toMatch(/^Simulating checkout-1\.0\.0: 4 stages, 10 regions, 3 gates; .*Nothing is deployed\.\nTIME +STAGE +REGION +STEP +EVENT +WHY\n/);
    expect(o.out).toContain('Next: watch a gate fail and a rollback with --scenario regression=us-west-2@2;');
    expect(o.out).toMatch(/after \d+h(\d+m)?(\d+s)? of simulated time/); // a duration, not a clock reading
  });

  it('regression beyond the budget (scope touched): every touched region rolled back once, newest first; later stages skipped', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'regression=eu-west-1', '--json');
    expect(o.code).toBe(2);
    expect(o.json?.reasonCode).toBe('gate-failed');
    const regions = o.json?.state.regions ?? {};
    const touched = Object.entries(regions)
      .filter(([, r]) => r.touchedSeq !== undefined)
      .sort((a, b) => (b[1].touchedSeq ?? 0) - (a[1].touchedSeq ?? 0))
      .map(([n]) => n);
    expect(rollbacks(o)).toEqual(touched);
    expect(touched).toContain('us-east-1');
    for (const name of ['ap-southeast-1', 'ap-northeast-1', 'ap-south-1'])
      expect(regions[name]).toMatchObject({ phase: 'skipped', skippedReason: expect.stringContaining('never started') });
    for (const name of touched) expect(regions[name]?.phase).toBe('rolled-back');
  });

  it('regression at a later step within the budget: only that region rolled back, release promoted (exit 0)', async () => {
    // @2 is the 1-based step number printed as "step 2"; the state keeps the 0-based index 1.
    const o = await sim(EXAMPLE, '--scenario', 'regression=us-west-2@2', '--json');
    expect(o.code).toBe(0);
    expect(o.json?.reasonCode).toBe('promoted-within-budget');
    expect(rollbacks(o)).toEqual(['us-west-2']);
    const failedAt = o.json?.state.history.find((h) => h.kind === 'gate-failed');
    expect(failedAt).toMatchObject({ region: 'us-west-2', step: 1 });
  });

  it('human output: the scenario step is the printed step; gate verdicts carry observed values and limits', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'regression=us-west-2@2');
    expect(o.out).toMatch(/us-west-2 +step 2 +gate-failed \[error-rate\] +\d+ failed measurement/);
    expect(o.out).not.toMatch(/us-west-2 +step 1 +gate-failed/);
    // A passed gate names what was seen and the limit it was held to, not just "within limits".
    expect(o.out).toMatch(/gate-passed \[error-rate\] +5\/5 successful within limits \(observed 0\.\d+\.\.0\.\d+ vs max 0\.01\)/);
    expect(o.out).toMatch(/gate-passed \[health-score\] .*vs min 0\.95, max 1\)/);
    // The simulated approver is named as such; the internal resume line stays out of the default view.
    expect(o.out).toContain('alice approved stage americas (simulated approver; --no-auto-approve stops here instead)');
    expect(o.out).not.toContain('release-resumed');
  });

  it('a scenario that never comes into play says so on stderr', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'rollback-failure=us-west-2', '--quiet');
    expect(o.code).toBe(0);
    expect(o.err).toContain('--scenario rollback-failure=us-west-2 had no effect: no rollback of us-west-2 was needed');
    const skipped = await sim(EXAMPLE, '--scenario', 'deploy-failure=us-east-1', '--scenario', 'regression=eu-west-1', '--json');
    expect(skipped.code).toBe(2);
    expect(skipped.err).toContain('--scenario regression=eu-west-1 had no effect: eu-west-1 never started');
  });

  it('--help answers on stdout with exit 0 and explains the 1-based STEP', async () => {
    const o = await sim('--help');
    expect(o.code).toBe(0);
    expect(o.err).toBe('');
    expect(o.out).toContain('STEP is 1-based');
  });

  it('deploy failure in the canary (budget 0): the canary is rolled back, everything else skipped (exit 2)', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'deploy-failure=us-east-1', '--json');
    expect(o.code).toBe(2);
    expect(o.json?.reasonCode).toBe('deploy-failed');
    expect(rollbacks(o)).toEqual(['us-east-1']);
    expect(Object.values(o.json?.state.regions ?? {}).filter((r) => r.phase === 'skipped')).toHaveLength(9);
  });

  it('deploy failure within the budget: only that region rolled back', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'deploy-failure=sa-east-1', '--json');
    expect(o.code).toBe(0);
    expect(rollbacks(o)).toEqual(['sa-east-1']);
    expect(o.json?.state.regions['sa-east-1']?.failure?.reasonCode).toBe('deploy-failed');
  });

  it('no data that persists under the default policy is held, still measured, then rolled back (gate-no-data, exit 2)', async () => {
    const o = await sim(FIXTURE, '--scenario', 'no-data=eu-central-1', '--json');
    expect(o.code).toBe(2);
    expect(o.json?.decision).toBe('rolled-back');
    expect(o.json?.reasonCode).toBe('gate-no-data');
    const history = o.json?.state.history ?? [];
    const held = history.findIndex((h) => h.kind === 'region-awaiting-approval' && h.region === 'eu-central-1');
    const failed = history.findIndex((h) => h.kind === 'gate-failed' && h.region === 'eu-central-1');
    expect(held).toBeGreaterThanOrEqual(0);
    expect(failed).toBeGreaterThan(held);
    expect(history[failed]?.reasonCode).toBe('gate-no-data');
    expect(rollbacks(o)).toContain('eu-central-1');
  });

  it('a gap in the data under the default policy pauses for a person (exit 3), nothing rolled back', async () => {
    const o = await sim(FIXTURE, '--scenario', 'no-data-gap=eu-central-1', '--json');
    expect(o.code).toBe(3);
    expect(o.json?.decision).toBe('paused');
    expect(o.json?.state.regions['eu-central-1']?.phase).toBe('awaiting-approval');
    expect(rollbacks(o)).toEqual([]);
  });

  it('a pause names what the person decides: a stage approval is not a held bake', async () => {
    const stage = await sim(EXAMPLE, '--no-auto-approve', '--quiet');
    expect(stage.code).toBe(3);
    expect(stage.out).toContain('PAUSED (stage-approval-required)');
    expect(stage.out).toContain('approve (the stage starts) or reject (the release stops and every touched region is rolled back)');
    const held = await sim(FIXTURE, '--scenario', 'no-data-gap=eu-central-1', '--quiet');
    expect(held.code).toBe(3);
    expect(held.out).toContain('approve (the bake goes on) or reject (the region fails');
    // The timeline says why the region waits, not just that it does.
    expect(held.out).toMatch(/region-awaiting-approval main \/ eu-central-1: .*inconclusive/);
  });

  it('no data where the plan says onNoData: fail fails the region', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'no-data=us-east-1', '--json');
    expect(o.code).toBe(2);
    expect(o.json?.state.history.some((h) => h.kind === 'measurement' && h.reasonCode === 'no-data-fail')).toBe(true);
  });

  it('flaky metrics: a passed gate line says how many backend errors were retried', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'flaky-metrics');
    expect(o.out).toMatch(/gate-passed \[[a-z0-9-]+\] +\d+\/\d+ successful within limits \(observed [^)]*; \d+ backend errors? retried\)/);
  });

  it('flaky metrics: errors are recorded and retried, the release still promotes', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'flaky-metrics', '--json');
    expect(o.code).toBe(0);
    expect(o.json?.state.history.filter((h) => h.reasonCode === 'metric-error').length).toBeGreaterThan(5);
  });

  it('a rollback that fails is loud: exit 4', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'regression=eu-west-1', '--scenario', 'rollback-failure=eu-central-1', '--json');
    expect(o.code).toBe(4);
    expect(o.json?.reasonCode).toBe('rollback-failed');
    const human = await sim(EXAMPLE, '--scenario', 'regression=eu-west-1', '--scenario', 'rollback-failure=eu-central-1', '--quiet');
    expect(human.code).toBe(4);
    // The table row says what failed (the rollback run), not an empty "rollback failed;".
    expect(human.out).toMatch(/eu-central-1 +europe +failed .*ROLLBACK FAILED: rollback run \d+ concluded failure; needs a person\n/);
  });

  it('a deploy run that hangs times out and fails the region', async () => {
    const o = await sim(FIXTURE, '--scenario', 'deploy-timeout=us-east-1', '--json');
    expect(o.code).toBe(2);
    expect(o.json?.reasonCode).toBe('deploy-timeout');
  });

  it('the same seed gives the same release; another seed may differ in timing only', async () => {
    const a = await sim(EXAMPLE, '--seed', '7', '--scenario', 'flaky-metrics');
    const b = await sim(EXAMPLE, '--seed', '7', '--scenario', 'flaky-metrics');
    expect(a.out).toBe(b.out);
  });

  it.each([
    [['--scenario', 'healthy'], 'missing <plan>'],
    [[EXAMPLE, '--scenario', 'explode=us-east-1'], "invalid --scenario 'explode=us-east-1'"],
    [[EXAMPLE, '--scenario', 'regression=mars-1'], "region 'mars-1' is not in the plan"],
    [[EXAMPLE, '--seed', 'abc'], 'invalid --seed'],
    [[EXAMPLE, '--scenario', 'regression=us-east-1@4'], 'us-east-1 has no step 4; its steps are 1 to 3'],
    [[EXAMPLE, '--scenario', 'regression=us-east-1@0'], 'us-east-1 has no step 0; its steps are 1 to 3'],
    [[EXAMPLE, '--scenario', 'no-data=us-east-1@2'], 'only regression takes @STEP'],
    [[EXAMPLE, '--scenario', 'deploy-failure'], 'needs a region: deploy-failure=REGION'],
    [[EXAMPLE, '--scenario', 'explode=mars-1'], "invalid --scenario 'explode=mars-1'"],
    [[EXAMPLE, '--frobnicate'], "unknown option '--frobnicate'"],
    [[EXAMPLE, '--version', '--json'], '--version needs a value'],
    [[EXAMPLE, '--seed'], '--seed needs a value'],
    [['test/fixtures/does-not-exist.yml'], 'file not found'],
  ])('bad usage %j exits 1 naming the problem', async (argv, message) => {
    const o = await sim(...argv);
    expect(o.code).toBe(1);
    expect(o.err).toContain(message);
  });
});
