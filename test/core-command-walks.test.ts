/**
 * Operator commands over a whole release, through decide: a command run is taken once, time
 * comes first, abort rolls back newest first, pause holds until resume, a retried region deploys
 * again under a new correlation id, and a promoted release is rolled back region by region.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../src/core/decide.js';
import type { Effect } from '../src/core/effects.js';
import type { Event } from '../src/core/events.js';
import type { Plan } from '../src/plan/types.js';
import { Harness } from './support/harness.js';
import { makePlan, stage } from './support/plans.js';

const MIN = 60_000;
const GOOD = () => 0.5;

function walk(h: Harness, region: string): void {
  for (let guard = 0; guard < 20; guard++) {
    const r = h.region(region);
    if (r.phase === 'deploying') h.finishRun(region);
    else if (r.phase === 'baking') h.bake(region, GOOD);
    else return;
  }
}

function started(plan: Plan): Harness {
  const h = new Harness(plan);
  h.start();
  h.answerDispatches();
  return h;
}

const approvalPlan = (): Plan =>
  makePlan({ stages: [stage('canary', ['c1']), stage('main', ['m1'], { approval: { timeoutMs: 60 * MIN, users: [], teams: [] } })] });

/** Each dispatch as (kind, region, step, attempt): the key no dispatch may repeat. */
function dispatchKeys(h: Harness): string[] {
  return h.effects
    .filter((e): e is Extract<Effect, { type: 'dispatch-deploy' | 'dispatch-rollback' }> => e.type === 'dispatch-deploy' || e.type === 'dispatch-rollback')
    .map((e) => `${e.type}:${e.region}:${e.step}:${e.attempt ?? 0}`);
}

function expectNoDispatchTwice(h: Harness): void {
  const keys = dispatchKeys(h);
  expect(new Set(keys).size, keys.join(' ')).toBe(keys.length);
}

const last = (h: Harness) => h.state.history.filter((e) => e.kind === 'command' || e.kind === 'command-refused').at(-1);

describe('a command run is taken once', () => {
  it('the same run twice: the second changes nothing at all; a re-run attempt is judged anew and names who re-ran it', () => {
    const h = started(approvalPlan());
    walk(h, 'c1');
    const ev: Event = { type: 'command', at: h.now, by: 'bob', name: 'approve', stage: 'main', origin: { runId: 7, attempt: 1 } };
    h.send(ev);
    expect(last(h)).toMatchObject({ kind: 'command', reasonCode: 'approve', numbers: { runId: 7 } });
    const before = structuredClone(h.state);
    // Read again from another driver's inbox, later: no entry, no effect, not even the clock.
    const again = decide(h.state, { ...ev, at: h.now + 5 * MIN }, h.plan);
    expect(again.effects).toEqual([]);
    expect(again.state).toEqual(before);
    const rerun = h.send({ ...ev, at: h.now + MIN, origin: { runId: 7, attempt: 2, triggeredBy: 'carol' } });
    expect(rerun).toEqual([{ type: 'save-state' }]);
    expect(last(h)).toMatchObject({ kind: 'command-refused', reasonCode: 'already-approved', by: 'bob' });
    expect(last(h)?.reason).toMatch(/^bob \(re-run by carol\) asked to approve stage main; refused: stage main was approved by bob at /);
    expect(h.state.commandRuns).toEqual(['7.1', '7.2']);
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['c1', 'm1']);
  });

  it('a refused or denied run is taken once too', () => {
    const h = started(makePlan());
    const denied: Event = { type: 'command', at: h.now, by: 'mallory', name: 'abort', denied: 'no write access', origin: { runId: 8, attempt: 1 } };
    h.send(denied);
    const before = structuredClone(h.state);
    expect(decide(h.state, denied, h.plan)).toEqual({ state: before, effects: [] });
    expect(h.state.history.filter((e) => e.kind === 'command-refused')).toHaveLength(1);
  });
});

describe('time first', () => {
  it('an approval after its deadline finds the release stopped by approval-timeout and is refused', () => {
    const h = started(approvalPlan());
    walk(h, 'c1');
    const out = h.send({ type: 'approval', at: h.now + 61 * MIN, by: 'alice', decision: 'approve', stage: 'main', origin: { runId: 9, attempt: 1 } });
    const kinds = h.state.history.map((e) => `${e.kind}:${e.reasonCode}`);
    expect(kinds.at(-1)).toBe('command-refused:release-stopping');
    expect(kinds.indexOf('release-stopped:approval-timeout')).toBeGreaterThan(kinds.indexOf('stage-awaiting-approval:approval-required'));
    expect(last(h)?.reason).toMatch(/stopping \(approval-timeout: stage main was not approved within 1h\)/);
    // What the timeout does goes out with it: the canary is rolled back, nothing of main starts.
    expect(out.filter((e) => e.type === 'dispatch-rollback').map((e) => e.region)).toEqual(['c1']);
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['c1']);
  });

  it('an approval of a held region after its deadline: the region failed first, and the release stops', () => {
    const h = started(makePlan({ approvalTimeoutMs: 30 * MIN }));
    h.finishRun('us-east-1');
    h.bake('us-east-1', () => ({ kind: 'no-data', detail: 'none' }));
    expect(h.region('us-east-1').phase).toBe('awaiting-approval');
    h.send({ type: 'command', at: h.now + 31 * MIN, by: 'alice', name: 'approve', region: 'us-east-1' });
    expect(h.region('us-east-1').failure?.reasonCode).toBe('approval-timeout');
    expect(last(h)).toMatchObject({ kind: 'command-refused', reasonCode: 'release-stopping' });
  });
});

describe('abort, pause, resume', () => {
  it('abort mid-bake rolls back every touched region, newest first, each once', () => {
    const plan = makePlan({ rollbackScope: 'region', stages: [stage('canary', ['c1']), stage('main', ['m1', 'm2', 'm3'], { maxParallel: 2 })] });
    const h = started(plan);
    walk(h, 'c1');
    h.finishRun('m1');
    expect(h.region('m1').phase).toBe('baking');
    h.send({ type: 'command', at: h.now, by: 'dave', name: 'abort', reason: 'customer reports' });
    expect(h.state.stop).toMatchObject({ reasonCode: 'aborted', reason: 'aborted by dave (reason: "customer reports")' });
    for (const r of ['m2', 'm1', 'c1']) {
      h.answerDispatches();
      expect(h.of('dispatch-rollback').at(-1)?.region).toBe(r);
      h.finishRun(r);
    }
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['m2', 'm1', 'c1']);
    expect(h.region('m3').phase).toBe('skipped');
    expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: 'aborted' });
    expectNoDispatchTwice(h);
  });

  it('pause holds the next step and promote does not lift it; resume lets it go on', () => {
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
    const h = started(plan);
    h.send({ type: 'command', at: h.now, by: 'erin', name: 'pause', reason: 'watching a dashboard' });
    h.finishRun('us-east-1');
    h.bake('us-east-1', GOOD, 5);
    expect(h.of('dispatch-deploy')).toHaveLength(1);
    expect(h.state.pause).toMatchObject({ reasonCode: 'held', reason: 'paused by erin: watching a dashboard' });
    h.send({ type: 'command', at: h.now, by: 'frank', name: 'promote' });
    expect(last(h)).toMatchObject({ kind: 'command-refused', reasonCode: 'nothing-waiting' });
    expect(h.of('dispatch-deploy')).toHaveLength(1);
    h.send({ type: 'command', at: h.now, by: 'erin', name: 'resume' });
    expect(h.of('dispatch-deploy').map((e) => e.step)).toEqual([0, 1]);
    walk(h, 'us-east-1');
    expect(h.state.outcome?.decision).toBe('promoted');
  });

  it('a person aborting a release held for its changed plan: it stops once the plan is restored, and rolls back', () => {
    const plan = makePlan();
    const h = started(plan);
    const moved = new Harness(makePlan({ stages: [stage('one', ['us-east-1', 'eu-west'])] }));
    moved.state = h.state;
    moved.send({ type: 'resumed', at: h.now });
    expect(moved.state.planChanged?.reasonCode).toBe('plan-changed');
    const out = moved.send({ type: 'command', at: h.now, by: 'alice', name: 'abort' });
    expect(out.filter((e) => e.type !== 'save-state' && e.type !== 'report')).toEqual([]);
    expect(moved.state.abortRequested?.by).toBe('alice');
    // The plan it started with is back: the hold lifts, and the abort given during it stops the release.
    h.state = moved.state;
    h.send({ type: 'resumed', at: h.now + MIN });
    expect(h.state.stop).toMatchObject({ reasonCode: 'aborted', reason: 'aborted by alice' });
    h.answerDispatches();
    h.finishRun('us-east-1');
    expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: 'aborted' });
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['us-east-1']);
  });
});

describe('retry', () => {
  const pair = (maxParallel = 2) => makePlan({ stages: [stage('one', ['a', 'b'], { failureBudget: 1, maxParallel })] });

  it('a failed region deploys again under a new correlation id, once; the stage budget is restored; the release is promoted', () => {
    const h = started(pair());
    h.finishRun('a', 'failure');
    h.finishRun('a'); // its rollback
    expect(h.region('a').phase).toBe('rolled-back');
    expect(h.state.stages[0]?.failed).toBe(1);
    const out = h.send({ type: 'command', at: h.now, by: 'alice', name: 'retry', region: 'a', reason: 'flaky runner' });
    expect(out[0]).toEqual({ type: 'save-state' });
    expect(out.filter((e) => e.type === 'dispatch-deploy')).toEqual([
      expect.objectContaining({ region: 'a', step: 0, attempt: 1, correlationId: 'app-1.0.0:a:deploy:0:retry1' }),
    ]);
    expect(h.state.stages[0]?.failed).toBe(0);
    expect(h.region('a')).toMatchObject({ attempt: 1, phase: 'deploying', rollbackDispatched: false });
    expect(h.region('a').failure).toBeUndefined();
    h.answerDispatches();
    walk(h, 'a');
    walk(h, 'b');
    expect(h.state.outcome).toMatchObject({ decision: 'promoted', reasonCode: 'all-regions-promoted' });
    // The history keeps the first failure.
    expect(h.state.history.some((e) => e.kind === 'region-failed' && e.region === 'a')).toBe(true);
    expect(dispatchKeys(h).filter((k) => k.startsWith('dispatch-deploy:a:'))).toEqual(['dispatch-deploy:a:0:0', 'dispatch-deploy:a:0:1']);
    expectNoDispatchTwice(h);
  });

  it('a retried region waits for a free slot, and for resume after a pause', () => {
    const h = started(pair(1));
    h.finishRun('a', 'failure');
    h.finishRun('a');
    expect(h.region('b').phase).toBe('deploying');
    h.send({ type: 'command', at: h.now, by: 'alice', name: 'pause' });
    h.send({ type: 'command', at: h.now, by: 'alice', name: 'retry' });
    expect(h.region('a').phase).toBe('pending');
    walk(h, 'b');
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['a', 'b']);
    expect(h.state.status).toBe('paused');
    h.send({ type: 'command', at: h.now, by: 'alice', name: 'resume' });
    expect(h.of('dispatch-deploy').map((e) => `${e.region}:${e.attempt ?? 0}`)).toEqual(['a:0', 'b:0', 'a:1']);
    h.answerDispatches();
    walk(h, 'a');
    expect(h.state.outcome?.decision).toBe('promoted');
  });
});

describe('rollback of a promoted release', () => {
  it('reopens it and rolls back every region, newest first, each dispatched once; it ends rolled-back by the person', () => {
    const plan = makePlan({ stages: [stage('canary', ['c1']), stage('main', ['m1', 'm2'], { maxParallel: 1 })] });
    const h = started(plan);
    for (const r of ['c1', 'm1', 'm2']) walk(h, r);
    expect(h.state.outcome?.decision).toBe('promoted');
    h.send({ type: 'command', at: h.now, by: 'alice', name: 'rollback', reason: 'bad build', origin: { runId: 31, attempt: 1 } });
    expect(h.state.status).toBe('stopping');
    expect(h.state.stop).toMatchObject({ reasonCode: 'rolled-back-by-command', queue: ['m1', 'c1'] });
    for (const r of ['m2', 'm1', 'c1']) {
      h.answerDispatches();
      expect(h.state.counts['rolling-back']).toBe(1);
      expect(h.of('dispatch-rollback').at(-1)?.region).toBe(r);
      h.finishRun(r);
    }
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['m2', 'm1', 'c1']);
    expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: 'rollback-command', reason: 'rolled back by alice (reason: "bad build")' });
    expect(h.of('finish').map((e) => e.decision)).toEqual(['promoted', 'rolled-back']);
    expect(Object.values(h.state.regions).map((r) => r.phase)).toEqual(['rolled-back', 'rolled-back', 'rolled-back']);
    expectNoDispatchTwice(h);
  });

  it('a region rolled back within budget and retried is rolled back again, under its own correlation id', () => {
    const h = started(makePlan({ stages: [stage('one', ['a', 'b'], { failureBudget: 1 })] }));
    h.finishRun('a', 'failure');
    h.finishRun('a');
    h.send({ type: 'command', at: h.now, by: 'alice', name: 'retry', region: 'a' });
    h.answerDispatches();
    walk(h, 'a');
    walk(h, 'b');
    expect(h.state.outcome?.decision).toBe('promoted');
    h.send({ type: 'command', at: h.now, by: 'alice', name: 'rollback' });
    for (let i = 0; i < 2; i++) {
      h.answerDispatches();
      const open = Object.values(h.state.regions).find((r) => r.phase === 'rolling-back');
      if (open) h.finishRun(open.name);
    }
    const ids = h.of('dispatch-rollback').map((e) => e.correlationId);
    expect(ids).toEqual(['app-1.0.0:a:rollback:0', 'app-1.0.0:a:rollback:0:retry1', 'app-1.0.0:b:rollback:0']);
    expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: 'rollback-command' });
  });

  it('is refused under a plan other than the one the release ran with', () => {
    const h = started(makePlan());
    walk(h, 'us-east-1');
    const other = makePlan({ stages: [stage('one', ['us-east-1', 'eu-west'])] });
    const out = decide(h.state, { type: 'command', at: h.now, by: 'alice', name: 'rollback' }, other);
    expect(out.effects).toEqual([]);
    expect(out.state.history.at(-1)).toMatchObject({ kind: 'command-refused', reasonCode: 'plan-changed' });
    expect(out.state.outcome?.decision).toBe('promoted');
  });
});

describe('what a person writes', () => {
  it('their reason stays one line in the history, quoted, whatever it holds', () => {
    const h = started(makePlan());
    h.send({ type: 'command', at: h.now, by: 'alice', name: 'pause', reason: 'ok\n::error::boom\u202e\u0007' + 'x'.repeat(500) });
    const entry = last(h);
    expect(entry?.reason).not.toMatch(/[\n\r\u202e\u0007]/);
    expect(entry?.reason).toMatch(/\(reason: "ok ::error::boom x+\.\.\."\)$/);
    expect(entry?.reason.length).toBeLessThan(300);
    expect(h.state.hold?.reason).not.toMatch(/\n/);
  });

  it('a login that is not one is quoted', () => {
    const h = started(makePlan());
    h.send({ type: 'command', at: h.now, by: 'x\ny', name: 'resume' });
    expect(last(h)?.reason).toMatch(/^"x\\ny" asked to resume the release/);
  });
});
