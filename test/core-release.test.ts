import { describe, expect, it } from 'vitest';
import { decide } from '../src/core/decide.js';
import { Harness } from './support/harness.js';
import { makePlan, stage } from './support/plans.js';

const MIN = 60_000;
const GOOD = () => 0.5;

/** Deploys and bakes a region to its end (all good), finishing every step. */
function walk(h: Harness, region: string): void {
  for (let guard = 0; guard < 20; guard++) {
    const r = h.region(region);
    if (r.phase === 'deploying') h.finishRun(region);
    else if (r.phase === 'baking') h.bake(region, GOOD);
    else return;
  }
}

function twoStages(scope: 'region' | 'touched' | null, budget = 0) {
  return makePlan({
    rollbackScope: scope,
    stages: [stage('canary', ['c1']), stage('main', ['m1', 'm2', 'm3', 'm4'], { maxParallel: 2, failureBudget: budget })],
  });
}

describe('stages and regions', () => {
  it('runs stages in order and at most maxParallel regions at once', () => {
    const h = new Harness(twoStages('touched'));
    h.start();
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['c1']);
    walk(h, 'c1');
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['c1', 'm1', 'm2']);
    walk(h, 'm1');
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['c1', 'm1', 'm2', 'm3']);
    for (const r of ['m2', 'm3', 'm4']) walk(h, r);
    expect(h.state.outcome).toMatchObject({ decision: 'promoted', reasonCode: 'all-regions-promoted' });
  });

  it('walks every step: one dispatch per step, one deployment per region whose statuses follow the steps', () => {
    const plan = makePlan({
      stages: [
        stage('one', ['us-east-1'], {
          steps: [
            { traffic: 10, bakeMs: 2 * MIN },
            { traffic: 100, bakeMs: 2 * MIN },
          ],
        }),
      ],
    });
    const h = new Harness(plan);
    h.start();
    h.send({ type: 'deployment-created', at: h.now, region: 'us-east-1', deploymentId: 77 });
    walk(h, 'us-east-1');
    expect(h.of('dispatch-deploy').map((e) => [e.step, e.traffic])).toEqual([
      [0, 10],
      [1, 100],
    ]);
    expect(h.of('create-deployment').map((e) => e.key)).toEqual(['app-1.0.0:us-east-1']);
    const statuses = h.of('set-deployment-status').filter((e) => e.deploymentId === 77);
    expect(statuses.map((e) => [e.state, e.step])).toEqual([
      ['queued', 0],
      ['in_progress', 0],
      ['in_progress', 1],
      ['success', 1],
    ]);
    // Each step's status links that step's run.
    const [first, second] = h.region('us-east-1').runs.map((r) => `https://github.example.test/acme/shop/actions/runs/${r.runId}`);
    expect(statuses.map((e) => e.runUrl)).toEqual([undefined, first, second, second]);
    expect(statuses.map((e) => e.description)).toEqual([
      'step 1/2 at 10%: deploy run requested',
      `step 1/2 at 10%: deploy run ${h.region('us-east-1').runs[0]?.runId}`,
      `step 2/2 at 100%: deploy run ${h.region('us-east-1').runs[1]?.runId}`,
      '1.0.0 at 100%: all 2 steps passed',
    ]);
  });

  it('saves the state before dispatching', () => {
    const h = new Harness(twoStages('touched'));
    const out = h.start();
    expect(out[0]?.type).toBe('save-state');
    expect(out.findIndex((e) => e.type === 'save-state')).toBeLessThan(out.findIndex((e) => e.type === 'dispatch-deploy'));
  });
});

describe('approvals', () => {
  const plan = () => makePlan({ stages: [stage('canary', ['c1']), stage('main', ['m1'], { approval: { timeoutMs: 60 * MIN, users: [], teams: [] } })] });

  it('a stage with approval waits before it starts; approve starts it and records who', () => {
    const h = new Harness(plan());
    h.start();
    walk(h, 'c1');
    expect(h.state.status).toBe('paused');
    expect(h.state.pause?.reasonCode).toBe('stage-approval-required');
    expect(h.of('request-approval')).toHaveLength(1);
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['c1']);
    h.send({ type: 'approval', at: h.now, by: 'alice', decision: 'approve', stage: 'main' });
    expect(h.state.stages[1]?.approval).toMatchObject({ by: 'alice', decision: 'approve' });
    expect(h.state.history.find((e) => e.kind === 'stage-approved')?.by).toBe('alice');
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['c1', 'm1']);
    walk(h, 'm1');
    expect(h.state.outcome?.decision).toBe('promoted');
  });

  it('reject stops the release and rolls back what was touched', () => {
    const h = new Harness(plan());
    h.start();
    walk(h, 'c1');
    h.send({ type: 'approval', at: h.now, by: 'bob', decision: 'reject', stage: 'main' });
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['c1']);
    h.finishRun('c1');
    expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: 'approval-rejected' });
    expect(h.region('m1')).toMatchObject({ phase: 'skipped' });
  });

  it('an approval that nobody gives in time stops the release', () => {
    const h = new Harness(plan());
    h.start();
    walk(h, 'c1');
    h.tick(h.now + 61 * MIN);
    expect(h.state.stop?.reasonCode).toBe('approval-timeout');
  });

  it('an inconclusive region is approved by a person and goes on; rejected, it fails', () => {
    for (const decision of ['approve', 'reject'] as const) {
      const h = new Harness(makePlan());
      h.start();
      h.finishRun('us-east-1');
      h.bake('us-east-1', () => ({ kind: 'no-data', detail: 'none' }));
      expect(h.region('us-east-1').phase).toBe('awaiting-approval');
      h.send({ type: 'approval', at: h.now, by: 'carol', decision, region: 'us-east-1' });
      if (decision === 'approve') {
        h.bake('us-east-1', GOOD);
        expect(h.region('us-east-1').phase).toBe('promoted');
      } else {
        expect(h.region('us-east-1').failure?.reasonCode).toBe('approval-rejected');
      }
    }
  });
});

describe('more timeouts and late answers', () => {
  it('a region held for a person fails when nobody decides within approvals.timeout', () => {
    const h = new Harness(makePlan({ approvalTimeoutMs: 60 * MIN }));
    h.start();
    h.finishRun('us-east-1');
    h.bake('us-east-1', () => ({ kind: 'no-data', detail: 'none' }));
    expect(h.region('us-east-1').phase).toBe('awaiting-approval');
    h.tick(h.now + 60 * MIN);
    expect(h.region('us-east-1').failure?.reasonCode).toBe('approval-timeout');
  });

  it('a run whose id arrives after its region gave up on it is cancelled', () => {
    const h = new Harness(makePlan({ deployTimeoutMs: 10 * MIN }));
    h.start();
    h.now += 10 * MIN;
    h.send({ type: 'timer-fired', at: h.now }); // times out before the dispatch answered
    expect(h.region('us-east-1').failure?.reasonCode).toBe('deploy-timeout');
    const out = h.send({ type: 'run-dispatched', at: h.now, region: 'us-east-1', kind: 'deploy', step: 0, runId: 99 });
    expect(out).toContainEqual(expect.objectContaining({ type: 'cancel-run', runId: 99 }));
  });

  it('a decision marked denied by the driver is recorded with who and why, and not applied', () => {
    const h = new Harness(makePlan({ stages: [stage('canary', ['c1']), stage('main', ['m1'], { approval: { timeoutMs: MIN * 60, users: [], teams: [] } })] }));
    h.start();
    walk(h, 'c1');
    const out = h.send({ type: 'approval', at: h.now, by: 'mallory', decision: 'approve', stage: 'main', denied: 'not in the approvers list' });
    expect(out).toEqual([]);
    expect(h.state.history.at(-1)).toMatchObject({
      kind: 'command-refused',
      by: 'mallory',
      reasonCode: 'permission-denied',
      reason: expect.stringContaining('not in the approvers list'),
    });
    expect(h.state.stages[1]?.phase).toBe('awaiting-approval');
  });
});

describe('failures, budget and rollback', () => {
  it('deploy failure (any conclusion but success) fails the region; deployment marked failure, then inactive after rollback', () => {
    const h = new Harness(makePlan());
    h.start();
    h.send({ type: 'deployment-created', at: h.now, region: 'us-east-1', deploymentId: 9 });
    h.finishRun('us-east-1', 'cancelled');
    expect(h.region('us-east-1').failure?.reasonCode).toBe('deploy-failed');
    h.finishRun('us-east-1');
    expect(h.region('us-east-1').phase).toBe('rolled-back');
    expect(h.of('set-deployment-status').map((e) => e.state)).toEqual(['queued', 'in_progress', 'failure', 'inactive']);
    expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: 'deploy-failed' });
  });

  it('a run past its timeout is cancelled and fails the region', () => {
    const h = new Harness(makePlan({ deployTimeoutMs: 20 * MIN }));
    h.start();
    h.answerDispatches();
    h.tick(h.now + 20 * MIN - 1);
    expect(h.region('us-east-1').phase).toBe('deploying');
    const out = h.tick(h.now + 1);
    expect(out.some((e) => e.type === 'cancel-run' && e.runId === 1)).toBe(true);
    expect(h.region('us-east-1').failure?.reasonCode).toBe('deploy-timeout');
  });

  it('a dispatch that fails fails the region', () => {
    const h = new Harness(makePlan());
    h.start();
    h.answerDispatches(new Set(['us-east-1']));
    expect(h.region('us-east-1').failure?.reasonCode).toBe('dispatch-failed');
  });

  it('within the budget only the failed region is rolled back and the release goes on', () => {
    const h = new Harness(twoStages('touched', 1));
    h.start();
    walk(h, 'c1');
    h.finishRun('m1', 'failure');
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['m1']);
    h.finishRun('m1');
    for (const r of ['m2', 'm3', 'm4']) walk(h, r);
    expect(h.state.outcome).toMatchObject({ decision: 'promoted', reasonCode: 'promoted-within-budget' });
    expect(h.region('m1').phase).toBe('rolled-back');
  });

  it('beyond the budget the release stops: scope touched rolls back every touched region, newest first, once each', () => {
    const h = new Harness(twoStages('touched', 1));
    h.start();
    walk(h, 'c1');
    h.finishRun('m1', 'failure'); // within budget: m1 rolled back alone, m3 starts
    h.finishRun('m1');
    h.finishRun('m2', 'failure'); // second failure: budget exceeded
    expect(h.state.stop?.reasonCode).toBe('deploy-failed');
    for (let i = 0; i < 10 && h.state.status !== 'finished'; i++) {
      const open = Object.values(h.state.regions).find((r) => r.phase === 'rolling-back' && r.runs.some((x) => x.kind === 'rollback' && !x.done));
      if (!open) break;
      h.finishRun(open.name);
    }
    // m3 (touched last) first, then m2, then c1; m1 was already rolled back within budget.
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['m1', 'm3', 'm2', 'c1']);
    expect(h.region('m4')).toMatchObject({ phase: 'skipped', skippedReason: expect.stringContaining('never started') });
    expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: 'deploy-failed' });
  });

  it('scope region rolls back only failed regions; regions in flight are halted and say so', () => {
    const h = new Harness(twoStages('region'));
    h.start();
    walk(h, 'c1');
    h.finishRun('m2');
    h.finishRun('m1', 'failure');
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['m1']);
    h.finishRun('m1');
    expect(h.region('c1').phase).toBe('promoted');
    expect(h.region('m2')).toMatchObject({ phase: 'skipped', skippedReason: expect.stringContaining('halted') });
    expect(h.state.outcome?.decision).toBe('rolled-back');
  });

  it('no rollback workflow: the outcome is failed and says why', () => {
    const h = new Harness(twoStages(null));
    h.start();
    h.finishRun('c1', 'failure');
    expect(h.state.outcome).toMatchObject({ decision: 'failed', reasonCode: 'no-rollback-workflow' });
    expect(h.of('dispatch-rollback')).toHaveLength(0);
  });

  it('a failed rollback is loud: outcome failed, rollback-failed', () => {
    const h = new Harness(makePlan());
    h.start();
    h.finishRun('us-east-1', 'failure');
    h.finishRun('us-east-1', 'failure');
    expect(h.state.outcome).toMatchObject({ decision: 'failed', reasonCode: 'rollback-failed' });
    expect(h.state.history.some((e) => e.kind === 'rollback-failed' && e.reason.includes('ROLLBACK FAILED'))).toBe(true);
  });
});

describe('commands', () => {
  it('abort rolls back every touched region, whatever the scope', () => {
    const h = new Harness(twoStages('region'));
    h.start();
    walk(h, 'c1');
    h.send({ type: 'command', at: h.now, by: 'dave', name: 'abort', reason: 'customer reports' });
    h.answerDispatches();
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['m2']);
    h.finishRun('m2');
    h.finishRun('m1');
    h.finishRun('c1');
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['m2', 'm1', 'c1']);
    expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: 'aborted' });
  });

  it('pause holds at the next step boundary; resume continues', () => {
    const plan = makePlan({
      stages: [
        stage('one', ['us-east-1'], {
          steps: [
            { traffic: 10, bakeMs: 2 * MIN },
            { traffic: 100, bakeMs: 2 * MIN },
          ],
        }),
      ],
    });
    const h = new Harness(plan);
    h.start();
    h.send({ type: 'command', at: h.now, by: 'erin', name: 'pause' });
    h.finishRun('us-east-1');
    h.bake('us-east-1', GOOD, 5);
    expect(h.of('dispatch-deploy')).toHaveLength(1);
    expect(h.state.status).toBe('paused');
    h.send({ type: 'command', at: h.now, by: 'erin', name: 'resume' });
    expect(h.of('dispatch-deploy')).toHaveLength(2);
    walk(h, 'us-east-1');
    expect(h.state.outcome?.decision).toBe('promoted');
  });

  it('promote approves whatever waits for a person', () => {
    const h = new Harness(makePlan({ stages: [stage('canary', ['c1']), stage('main', ['m1'], { approval: { timeoutMs: MIN * 60, users: [], teams: [] } })] }));
    h.start();
    walk(h, 'c1');
    h.send({ type: 'command', at: h.now, by: 'frank', name: 'promote' });
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['c1', 'm1']);
  });
});

describe('events that do not fit are recorded and ignored', () => {
  const cases: Array<[string, (h: Harness) => void, ((h: Harness) => void)?]> = [
    ['unknown region', (h) => h.send({ type: 'run-finished', at: h.now, region: 'nowhere', kind: 'deploy', step: 0, runId: 5, conclusion: 'success' })],
    ['unknown run id', (h) => h.send({ type: 'run-finished', at: h.now, region: 'us-east-1', kind: 'deploy', step: 0, runId: 999, conclusion: 'success' })],
    [
      'measurement nobody asked for',
      (h) => h.send({ type: 'measurement', at: h.now, region: 'us-east-1', step: 0, gate: 'errors', observation: { kind: 'value', value: 9 } }),
    ],
    ['second start', (h) => h.send({ type: 'started', at: h.now })],
    [
      'a second deployment id for the same region',
      (h) => h.send({ type: 'deployment-created', at: h.now, region: 'us-east-1', deploymentId: 2 }),
      (h) => h.send({ type: 'deployment-created', at: h.now, region: 'us-east-1', deploymentId: 1 }),
    ],
    [
      'rollback run finishing for a region never rolled back',
      (h) => h.send({ type: 'run-finished', at: h.now, region: 'us-east-1', kind: 'rollback', step: 0, runId: 1, conclusion: 'success' }),
    ],
  ];
  it.each(cases)('%s', (_name, act, setup) => {
    const h = new Harness(makePlan());
    h.start();
    h.answerDispatches();
    setup?.(h);
    const before = structuredClone(h.state);
    act(h);
    const last = h.state.history[h.state.history.length - 1];
    expect(last?.kind).toBe('ignored');
    expect(h.state.regions).toEqual(before.regions);
  });

  it('before the start and after the end', () => {
    const h = new Harness(makePlan());
    const out = h.send({ type: 'timer-fired', at: h.now });
    expect(out).toEqual([]);
    expect(h.state.history.map((e) => e.kind)).toEqual(['ignored']);
    h.start();
    h.finishRun('us-east-1', 'failure');
    h.finishRun('us-east-1');
    expect(h.state.status).toBe('finished');
    // A command is never ignored silently: refused, and why (test/core-commands.test.ts has them all).
    const after = decide(h.state, { type: 'command', at: h.now, by: 'x', name: 'abort' }, h.plan);
    expect(after.effects).toEqual([]);
    expect(after.state.history.at(-1)).toMatchObject({ kind: 'command-refused', reasonCode: 'release-finished' });
  });
});

describe('resume', () => {
  it('re-emits a dispatch whose run id was never recorded (same correlation id), and never one that was', () => {
    const plan = makePlan({ stages: [stage('one', ['a', 'b'])] });
    // The adapter can find an earlier run only by its correlation input (without one: core-resume-dispatch.test.ts).
    plan.deploy.correlationInput = 'correlation_id';
    const h = new Harness(plan);
    h.start();
    const first = h.of('dispatch-deploy');
    h.send({ type: 'run-dispatched', at: h.now, region: 'a', kind: 'deploy', step: 0, runId: 41 });
    const out = h.send({ type: 'resumed', at: h.now + 1000 });
    const again = out.filter((e) => e.type === 'dispatch-deploy');
    expect(again.map((e) => e.type === 'dispatch-deploy' && e.region)).toEqual(['b']);
    expect(again[0]).toMatchObject({ correlationId: first.find((e) => e.region === 'b')?.correlationId });
  });
});
