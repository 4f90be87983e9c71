import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateCommand } from '../src/cli/simulate.js';
import { relTime } from '../src/cli/simulate-format.js';
import { advance } from '../src/core/decide.js';
import { initialState, type State } from '../src/core/state.js';
import { loadPlanFile } from '../src/plan/load.js';
import { commandEntries } from '../src/report/commands.js';
import { SIMULATION_START, simulateRelease } from '../src/simulate/run.js';
import { addScenario, emptyScenario } from '../src/simulate/scenario.js';

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
  if (argv.includes('--json') && code !== 1 && code !== 2) res.json = JSON.parse(out) as NonNullable<Outcome['json']>;
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
    expect(o.out).toMatch(/^Simulating checkout-1\.0\.0: 4 stages, 10 regions, 5 gates; .*Nothing is deployed\.\nTIME +STAGE +REGION +STEP +EVENT +WHY\n/);
    expect(o.out).toContain('Next: watch a gate fail and a rollback with --scenario regression=us-west-2@2;');
    expect(o.out).toMatch(/after \d+h(\d+m)?(\d+s)? of simulated time/); // a duration, not a clock reading
  });

  it('regression beyond the budget (scope touched): every touched region rolled back once, newest first; later stages skipped', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'regression=eu-west-1', '--json');
    expect(o.code).toBe(5);
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
    expect(skipped.code).toBe(5);
    expect(skipped.err).toContain('--scenario regression=eu-west-1 had no effect: eu-west-1 never started');
  });

  it('--help answers on stdout with exit 0 and explains the 1-based STEP', async () => {
    const o = await sim('--help');
    expect(o.code).toBe(0);
    expect(o.err).toBe('');
    expect(o.out).toContain('STEP is 1-based');
    for (const form of ['reject=STAGE', 'abort@T', 'pause@T', 'resume@T', 'retry=REGION']) expect(o.out).toMatch(new RegExp(`^ +${form} +\\S`, 'm'));
  });

  it('deploy failure in the canary (budget 0): the canary is rolled back, everything else skipped (exit 5)', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'deploy-failure=us-east-1', '--json');
    expect(o.code).toBe(5);
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

  it('no data that persists under the default policy is held, still measured, then rolled back (gate-no-data, exit 5)', async () => {
    const o = await sim(FIXTURE, '--scenario', 'no-data=eu-central-1', '--json');
    expect(o.code).toBe(5);
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
    // The fixture with its first gate (every minute) under onNoData: fail, so it speaks before the others.
    const dir = mkdtempSync(join(tmpdir(), 'pr-sim-nodata-'));
    const plan = join(dir, 'plan.yml');
    writeFileSync(plan, readFileSync(FIXTURE, 'utf8').replace('    max: 0.01\n', '    max: 0.01\n    onNoData: fail\n'));
    const o = await sim(plan, '--scenario', 'no-data=us-east-1', '--json');
    expect(o.code).toBe(5);
    expect(o.json?.state.history.some((h) => h.kind === 'measurement' && h.reasonCode === 'no-data-fail')).toBe(true);
  });

  it("the example's freeze: a region whose budget answers no data holds its stage before anything is dispatched; overridden, its gates fail it", async () => {
    const held = await sim(EXAMPLE, '--scenario', 'no-data=us-east-1', '--json');
    expect(held.code).toBe(3);
    expect(held.json?.reasonCode).toBe('error-budget-unknown');
    expect(held.json?.state.history.some((h) => h.kind === 'run-dispatched')).toBe(false);
    // The missing data had its effect (the budget read), so no note says otherwise.
    expect(held.err).not.toContain('no-data=us-east-1 had no effect');
    const overridden = await sim(EXAMPLE, '--scenario', 'no-data=us-east-1', '--scenario', 'override-freeze@1m', '--json');
    expect(overridden.code).toBe(5);
    expect(overridden.json?.reasonCode).toBe('gate-no-data');
    expect(overridden.json?.state.regions['us-east-1']?.phase).toBe('rolled-back');
  });

  it('flaky metrics: a passed gate line says how many backend errors were retried', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'flaky-metrics');
    expect(o.out).toMatch(/gate-passed \[[a-z0-9-]+\] +\d+\/\d+ successful within limits \(observed [^)]*; \d+ backend errors? retried\)/);
  });

  it('flaky metrics: errors are recorded and retried, the release still promotes', async () => {
    // Not the example: its freeze holds a stage whose budget read meets a backend error (never a pass).
    const o = await sim(FIXTURE, '--scenario', 'flaky-metrics', '--json');
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
    expect(o.code).toBe(5);
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
    [[EXAMPLE, '--scenario', 'no-data=us-east-1@2'], 'only regression and slo-burn take @STEP'],
    [[EXAMPLE, '--scenario', 'deploy-failure'], 'needs a region: deploy-failure=REGION'],
    [[EXAMPLE, '--scenario', 'explode=mars-1'], "invalid --scenario 'explode=mars-1'"],
    [[EXAMPLE, '--frobnicate'], "unknown option '--frobnicate'"],
    [[EXAMPLE, '--version', '--json'], '--version needs a value'],
    [[EXAMPLE, '--seed'], '--seed needs a value'],
  ])('bad usage %j exits 2 naming the problem', async (argv, message) => {
    const o = await sim(...argv);
    expect(o.code).toBe(2);
    expect(o.err).toContain(message);
  });

  it('a plan that cannot be read is an invalid plan: exit 1, nothing simulated', async () => {
    const o = await sim('test/fixtures/does-not-exist.yml');
    expect(o.code).toBe(1);
    expect(o.err).toContain('file not found');
  });
});

interface PersonEntry {
  kind: string;
  at: number;
  by?: string;
  stage?: string;
  region?: string;
  reasonCode: string;
  reason: string;
  numbers?: { runId?: number };
}

/** The person's entries (commandEntries reads the older and the newer forms alike) as [command or code, by, T+]. */
function personLog(o: Outcome): Array<[string, string | undefined, string]> {
  const state = o.json?.state as unknown as State;
  return commandEntries(state).map((h: PersonEntry) => [
    h.kind === 'command' ? h.reasonCode : h.kind === 'command-refused' ? `refused:${h.reasonCode}` : h.kind,
    h.by,
    relTime(h.at - SIMULATION_START),
  ]);
}

describe('simulate: what a person does', () => {
  it('reject=STAGE: the simulated person rejects that stage; the release stops and every touched region rolls back (exit 5)', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'reject=europe', '--json');
    expect(o.code).toBe(5);
    expect(o.json?.reasonCode).toBe('approval-rejected');
    const history = (o.json?.state.history ?? []) as PersonEntry[];
    expect(history.find((h) => h.kind === 'release-stopped')?.reason).toMatch(/^alice rejected stage europe/);
    expect(rollbacks(o)).toEqual(['sa-east-1', 'ca-central-1', 'us-west-2', 'us-east-1']);
    // americas was approved as before, five minutes after it was asked.
    expect(history.some((h) => h.kind === 'stage-approved' && h.stage === 'americas' && h.by === 'alice')).toBe(true);
    expect(personLog(o)).toContainEqual(['reject', 'alice', 'T+03:00:15']);
    const human = await sim(EXAMPLE, '--scenario', 'reject=europe', '--quiet');
    expect(human.out).toMatch(/us-east-1 +canary +rolled-back .*rolled back: the release stopped \(approval-rejected\): alice rejected stage europe/);
    // --no-auto-approve stops at the first approval; a reject of that stage still comes.
    const first = await sim(EXAMPLE, '--scenario', 'reject=americas', '--no-auto-approve', '--json');
    expect(first.code).toBe(5);
    expect(first.json?.reasonCode).toBe('approval-rejected');
  });

  it('abort@T: at exactly T the person aborts; touched regions roll back, the rest never start (exit 5)', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'abort@25m', '--json');
    expect(o.code).toBe(5);
    expect(o.json?.reasonCode).toBe('aborted');
    expect(personLog(o)).toEqual([['abort', 'alice', 'T+00:25:00']]);
    expect(rollbacks(o)).toEqual(['us-east-1']);
    const human = await sim(EXAMPLE, '--scenario', 'abort@25m');
    expect(human.out).toMatch(/^T\+00:25:00 +- +- +- +command +alice aborted the release \(reason: "simulated: --scenario abort@25m"\)$/m);
    // The driver's hand-over (simulate/run.ts) stays out of the default view.
    expect(human.out).not.toMatch(/ cancelled | release-resumed /);
    expect(human.out).toMatch(/T\+00:25:00 +command +alice aborted the release/); // timeline
    expect(human.out).toContain('ROLLED-BACK (aborted)');
  });

  it('pause@T: the release holds (exit 3, held) and the table says who paused; with resume@T it goes on to promoted (exit 0)', async () => {
    const held = await sim(EXAMPLE, '--scenario', 'pause@20m', '--quiet');
    expect(held.code).toBe(3);
    expect(held.out).toContain('PAUSED (held)');
    expect(held.out).toMatch(/us-east-1 +canary +baking .*held: paused by alice/);
    expect(held.out).toContain('The release is held by a pause command; resume lets new steps start again.');
    const o = await sim(EXAMPLE, '--scenario', 'pause@20m', '--scenario', 'resume@2h', '--json');
    expect(o.code).toBe(0);
    expect(o.json?.reasonCode).toBe('all-regions-promoted');
    const log = personLog(o).filter(([what]) => what !== 'stage-approved' && what !== 'approve');
    expect(log).toEqual([
      ['pause', 'alice', 'T+00:20:00'],
      ['resume', 'alice', 'T+02:00:00'],
    ]);
  });

  it('retry=REGION: the person retries the failed region 5 minutes after its rollback, with an event of its own run', async () => {
    const plan = loadPlanFile(EXAMPLE, { workflowsDir: false }).plan!;
    const scenario = emptyScenario();
    scenario.deployFailures.add('us-west-2');
    scenario.retries.add('us-west-2');
    const res = await simulateRelease({ plan, version: '1.0.0', releaseId: 'checkout-1.0.0', scenario, seed: 1 });
    const rolledBack = res.state.history.find((h) => h.kind === 'region-rolled-back' && h.region === 'us-west-2')!;
    const retry = res.person.fed.find((f) => f.action.name === 'retry')?.event;
    expect(retry).toMatchObject({ type: 'command', name: 'retry', region: 'us-west-2', by: 'alice', at: rolledBack.at + 5 * 60_000 });
    expect(retry).toHaveProperty('origin.attempt', 1);
    // The caller's scenario is untouched: the failure ended in the simulation's own copy.
    expect(scenario.deployFailures.has('us-west-2')).toBe(true);
  });

  it('retry=REGION with deploy-failure=REGION: the retry deploys again (a new run) and the release promotes every region (exit 0)', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'deploy-failure=us-west-2', '--scenario', 'retry=us-west-2', '--json');
    expect(o.code).toBe(0);
    expect(o.json?.state.regions['us-west-2']?.phase).toBe('promoted');
    expect(personLog(o)).toContainEqual(['retry', 'alice', expect.stringMatching(/^T\+01:3\d:\d\d$/)]);
    const deploys = ((o.json?.state.history ?? []) as PersonEntry[]).filter(
      (h) => h.kind === 'run-dispatched' && h.region === 'us-west-2' && h.reasonCode === 'deploy-dispatched',
    );
    expect(new Set(deploys.map((h) => h.numbers?.runId)).size).toBe(deploys.length);
  });

  it('two commands at the same time come in the order written', async () => {
    const o = await sim(EXAMPLE, '--scenario', 'abort@20m', '--scenario', 'pause@20m', '--json');
    expect(o.code).toBe(5);
    const [first, second] = personLog(o);
    expect(first).toEqual(['abort', 'alice', 'T+00:20:00']);
    // The pause finds the release stopping: refused (an older core: ignored), by the same person at the same time.
    expect(second).toEqual([expect.stringMatching(/^(ignored|refused:release-stopping)$/), 'alice', 'T+00:20:00']);
  });

  it('a scripted command that never came into play, or that the release refused, says so on stderr', async () => {
    const late = await sim(EXAMPLE, '--scenario', 'abort@20h', '--quiet');
    expect(late.code).toBe(0);
    expect(late.err).toMatch(/--scenario abort@20h had no effect: the release finished \(promoted\) at T\+\d\d:\d\d:\d\d, before its time T\+20:00:00/);
    const refused = await sim(EXAMPLE, '--scenario', 'resume@10m', '--quiet');
    expect(refused.code).toBe(0);
    expect(refused.err).toMatch(/--scenario resume@10m was refused \([a-z-]+\): .*not paused/);
    const never = await sim(EXAMPLE, '--scenario', 'retry=us-west-2', '--scenario', 'reject=canary', '--quiet');
    expect(never.err).toContain('--scenario retry=us-west-2 had no effect: us-west-2 never failed');
    expect(never.err).toContain('--scenario reject=canary had no effect: stage canary never waited for an approval');
  });

  it.each([['abort@25m'], ['pause@20m', 'resume@1h'], ['deploy-failure=us-west-2', 'retry=us-west-2']])(
    'across the hand-overs (%s): replaying the events gives the state, and no run is dispatched twice',
    async (...texts) => {
      const plan = loadPlanFile(EXAMPLE, { workflowsDir: false }).plan!;
      const scenario = emptyScenario();
      const regions = new Map(plan.stages.flatMap((s) => s.regions.map((r) => [r, s.steps.length] as const)));
      for (const t of texts) expect(addScenario(scenario, t, regions, new Set(plan.stages.map((s) => s.name)))).toBeUndefined();
      const res = await simulateRelease({ plan, version: '1.0.0', releaseId: 'checkout-1.0.0', scenario, seed: 3 });
      let replayed = initialState(plan, 'checkout-1.0.0', '1.0.0');
      for (const ev of res.events) replayed = advance(replayed, ev, plan).state;
      expect(replayed).toEqual(res.state);
      const correlations = res.github.runs.map((r) => r.request.correlationId);
      expect(new Set(correlations).size).toBe(correlations.length);
      const dispatched = res.state.history.filter((h) => h.kind === 'run-dispatched').map((h) => h.numbers?.runId);
      expect(new Set(dispatched).size).toBe(dispatched.length);
    },
  );

  it.each([
    ['abort@soon', "'soon' is not a duration; write abort@T with T such as 25m"],
    ['pause@', "'' is not a duration"],
    ['reject', 'needs a stage: reject=STAGE'],
    ['reject=mars', "stage 'mars' is not in the plan (stages: canary, americas, europe, apac)"],
    ['retry', 'needs a region: retry=REGION'],
    ['retry=mars-1', "region 'mars-1' is not in the plan"],
    ['retry=us-east-1@2', 'only regression and slo-burn take @STEP'],
    ['abort', "invalid --scenario 'abort'. Expected one of: "],
  ])('bad usage --scenario %s exits 2 naming the form', async (text, message) => {
    const o = await sim(EXAMPLE, '--scenario', text);
    expect(o.code).toBe(2);
    expect(o.err).toContain(message);
  });
});
