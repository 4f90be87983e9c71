/**
 * Resume with a dispatch in doubt: an open run without a run id (the driver stopped between the
 * save that asked for the dispatch and the save of its answer). With a correlation input the
 * dispatch goes out again (the adapter finds the run first); without one it never does: a deploy
 * fails its region (`dispatch-in-doubt`) and rolls back per plan, a rollback fails the release.
 * And the answer that closes that window: a run id is saved as soon as it arrives.
 */
import { describe, expect, it } from 'vitest';
import type { Effect } from '../src/core/effects.js';
import { Harness } from './support/harness.js';
import { makePlan, stage } from './support/plans.js';

const MIN = 60_000;

interface Case {
  name: string;
  /** The plan declares correlation inputs. */
  correlated: boolean;
  /** Failure budget of the stage. */
  budget?: number;
  /** null: no rollback workflow. */
  scope?: 'region' | 'touched' | null;
  /** Where the driver stopped: `deploy` after dispatching a's first step, `rollback` after dispatching a's rollback. */
  open: 'deploy' | 'rollback';
  /** Dispatches the resume emits, as `kind region`. */
  dispatched: string[];
  phaseOfA: string;
  failureOfA?: string;
  status: string;
  outcome?: string;
}

const cases: Case[] = [
  {
    name: 'deploy, correlated: dispatched again (same correlation id)',
    correlated: true,
    open: 'deploy',
    dispatched: ['deploy a'],
    phaseOfA: 'deploying',
    status: 'running',
  },
  {
    name: 'deploy, no correlation input: region fails dispatch-in-doubt, release stops and rolls it back',
    correlated: false,
    open: 'deploy',
    dispatched: ['rollback a'],
    phaseOfA: 'rolling-back',
    failureOfA: 'dispatch-in-doubt',
    status: 'stopping',
  },
  {
    name: 'deploy, no correlation input, within budget: a alone is rolled back, b goes on',
    correlated: false,
    budget: 1,
    open: 'deploy',
    dispatched: ['rollback a'],
    phaseOfA: 'rolling-back',
    failureOfA: 'dispatch-in-doubt',
    status: 'running',
  },
  {
    name: 'deploy, no correlation input, no rollback workflow: failed, nothing dispatched',
    correlated: false,
    scope: null,
    open: 'deploy',
    dispatched: [],
    phaseOfA: 'failed',
    failureOfA: 'dispatch-in-doubt',
    status: 'finished',
    outcome: 'failed/no-rollback-workflow',
  },
  {
    name: 'rollback, correlated: dispatched again (same correlation id)',
    correlated: true,
    budget: 1,
    open: 'rollback',
    dispatched: ['rollback a'],
    phaseOfA: 'rolling-back',
    failureOfA: 'deploy-failed',
    status: 'running',
  },
  {
    name: 'rollback, no correlation input: not repeated, the release fails for a person to check',
    correlated: false,
    budget: 1,
    open: 'rollback',
    dispatched: [],
    phaseOfA: 'failed',
    failureOfA: 'deploy-failed',
    status: 'finished',
    outcome: 'failed/rollback-failed',
  },
];

function harness(c: Case): Harness {
  const plan = makePlan({
    stages: [
      stage('one', ['a', 'b'], {
        maxParallel: 1,
        failureBudget: c.budget ?? 0,
        steps: [
          { traffic: 50, bakeMs: 2 * MIN },
          { traffic: 100, bakeMs: 2 * MIN },
        ],
      }),
    ],
    rollbackScope: c.scope === undefined ? 'touched' : c.scope,
  });
  if (c.correlated) {
    plan.deploy.correlationInput = 'correlation_id';
    if (plan.rollback) plan.rollback.correlationInput = 'correlation_id';
  }
  return new Harness(plan);
}

const dispatches = (effects: Effect[]): string[] =>
  effects.flatMap((e) => (e.type === 'dispatch-deploy' ? [`deploy ${e.region}`] : e.type === 'dispatch-rollback' ? [`rollback ${e.region}`] : []));

describe('resume with a dispatch in doubt', () => {
  it.each(cases)('$name', (c) => {
    const h = harness(c);
    h.start(); // a's first step is dispatched, its answer never recorded
    if (c.open === 'rollback') {
      h.answerDispatches();
      const run = h.region('a').runs[0];
      h.send({ type: 'run-finished', at: h.now, region: 'a', kind: 'deploy', step: 0, runId: run?.runId ?? 0, conclusion: 'failure' }); // rollback dispatched, not answered
    }
    const before = h.region('a').runs.at(-1);
    expect(before?.runId).toBeUndefined();
    h.now += 5 * MIN;
    const out = h.send({ type: 'resumed', at: h.now });
    expect(dispatches(out)).toEqual(c.dispatched);
    const again = out.find((e) => e.type === `dispatch-${c.open}`);
    if (again && 'correlationId' in again) expect(again.correlationId).toBe(before?.correlationId);
    const a = h.region('a');
    expect(a.phase).toBe(c.phaseOfA);
    expect(a.failure?.reasonCode).toBe(c.failureOfA);
    expect(h.state.status).toBe(c.status);
    expect(h.state.outcome ? `${h.state.outcome.decision}/${h.state.outcome.reasonCode}` : undefined).toBe(c.outcome);
    const doubt = h.state.history.find((e) => e.reasonCode === 'dispatch-in-doubt' && e.kind === 'dispatch-failed');
    if (c.correlated) {
      expect(doubt).toBeUndefined();
      return;
    }
    // The person is told which runs to check, since when, and that nothing was dispatched again.
    const workflow = c.open === 'deploy' ? 'deploy.yml' : 'rollback.yml';
    expect(doubt?.reason).toContain(`check the runs of ${workflow} started since ${new Date(before?.dispatchedAt ?? 0).toISOString()} for a`);
    expect(doubt?.reason).toContain('not dispatched again');
    expect(doubt?.region).toBe('a');
    if (c.open === 'rollback') expect(h.state.outcome?.reason).toMatch(/rollback FAILED for a/);
    // Never dispatched again later either (the in-doubt run is done).
    expect(before?.done).toBe(false);
    expect(a.runs.find((r) => r.correlationId === before?.correlationId)?.done).toBe(true);
    expect(dispatches(h.send({ type: 'resumed', at: h.now + MIN })).filter((d) => d === `${c.open} a`)).toEqual([]);
  });

  it('two regions in doubt at once: both said, the stop that the first causes rolls back both, no rollback taken for a doubt', () => {
    const plan = makePlan({ stages: [stage('one', ['a', 'b'], { maxParallel: 2 })] });
    const h = new Harness(plan);
    h.start(); // a and b dispatched together, neither answer recorded
    const out = h.send({ type: 'resumed', at: h.now + MIN });
    expect(h.state.history.filter((e) => e.reasonCode === 'dispatch-in-doubt' && e.kind === 'dispatch-failed').map((e) => e.region)).toEqual(['a', 'b']);
    expect(h.state.history.some((e) => e.kind === 'rollback-failed')).toBe(false);
    expect(dispatches(out)).toEqual(['rollback b']); // newest first, one at a time
    expect(h.state.stop?.queue).toEqual(['a']);
    expect(h.state.stop?.reasonCode).toBe('dispatch-in-doubt');
  });

  it.each([
    { correlated: false, saved: true },
    // A resume finds the run by its correlation id: the id waits for the next save.
    { correlated: true, saved: false },
  ])('a run id without a way to find its run again is saved as soon as it arrives (correlated: $correlated)', ({ correlated, saved }) => {
    const h = harness({ ...(cases[1] as Case), correlated });
    h.start();
    const out = h.send({ type: 'run-dispatched', at: h.now, region: 'a', kind: 'deploy', step: 0, runId: 7 });
    expect(out[0]?.type === 'save-state').toBe(saved);
    expect(out.filter((e) => e.type === 'save-state')).toHaveLength(saved ? 1 : 0);
    // An answer that does not fit changes nothing and asks for nothing.
    expect(h.send({ type: 'run-dispatched', at: h.now, region: 'a', kind: 'deploy', step: 0, runId: 7 })).toEqual([]);
  });

  it('a run whose id was saved is polled on resume, never dispatched again nor in doubt', () => {
    const h = harness(cases[1] as Case);
    h.start();
    h.answerDispatches();
    const out = h.send({ type: 'resumed', at: h.now + MIN });
    expect(dispatches(out)).toEqual([]);
    expect(h.region('a').phase).toBe('deploying');
    expect(h.state.history.some((e) => e.reasonCode === 'dispatch-in-doubt')).toBe(false);
  });
});
