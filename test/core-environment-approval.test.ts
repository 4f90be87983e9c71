/**
 * A stage approved by GitHub Environment reviewers (plan `approval.environment`), in the core:
 * its approval run is dispatched exactly once (saved first, polled on resume, never re-sent unless
 * it can be found by correlation), its end decides the stage (success: approved by the reviewer
 * GitHub names; anything else: rejected, the release stops and every touched region is rolled
 * back), its deadline cancels it, and a person's approve cannot go around the environment.
 */
import { describe, expect, it } from 'vitest';
import { approvalRunInFlight } from '../src/core/approval-run.js';
import { stateShapeProblem } from '../src/core/state-shape.js';
import type { EnvironmentReview, Event } from '../src/core/events.js';
import type { Plan } from '../src/plan/types.js';
import { Harness } from './support/harness.js';
import { makePlan, stage } from './support/plans.js';

const MIN = 60_000;
const URL = 'https://github.example.test/acme/shop/actions/runs/901';

function envPlan(opts: { correlated?: boolean } = {}): Plan {
  const quick = { gates: [], steps: [{ traffic: 100, bakeMs: 0 }] };
  const plan = makePlan({
    stages: [
      stage('canary', ['a'], quick),
      stage('europe', ['b', 'c'], {
        ...quick,
        approval: { timeoutMs: 60 * MIN, users: [], teams: [], environment: { name: 'release-approval', workflow: 'approve.yml' } },
      }),
    ],
  });
  if (opts.correlated) plan.deploy.correlationInput = 'correlation_id';
  return plan;
}

/** A release whose canary is promoted: stage europe waits for its environment's reviewers. */
function atApproval(opts: { correlated?: boolean } = {}): Harness {
  const h = new Harness(envPlan(opts));
  h.start();
  h.finishRun('a');
  expect(h.state.stages[1]?.phase).toBe('awaiting-approval');
  return h;
}

function dispatched(h: Harness, runId = 901): void {
  h.send({ type: 'approval-run-dispatched', at: h.now, stage: 'europe', runId, htmlUrl: URL });
}

function finished(h: Harness, conclusion: string | null, reviews?: EnvironmentReview[]): void {
  const ev: Event = { type: 'approval-run-finished', at: h.now, stage: 'europe', runId: 901, conclusion, ...(reviews ? { reviews } : {}) };
  h.send(ev);
  h.answerDispatches();
}

const lastOf = (h: Harness, kind: string) => [...h.state.history].reverse().find((x) => x.kind === kind);

describe('an environment approval is asked for once', () => {
  it('entering the stage records the approval run and dispatches it once, saved first; the release keeps running', () => {
    const h = new Harness(envPlan());
    h.start();
    const out = h.finishRun('a');
    const asks = out.filter((e) => e.type === 'dispatch-approval');
    expect(asks).toEqual([{ type: 'dispatch-approval', stage: 'europe', environment: 'release-approval', correlationId: 'app-1.0.0:europe:approval' }]);
    expect(out[0]?.type).toBe('save-state');
    expect(out.some((e) => e.type === 'request-approval')).toBe(false);
    // Not paused: the driver keeps polling the run (it is not waiting for a command).
    expect(h.state.status).toBe('running');
    expect(h.state.stages[1]?.approvalRun).toMatchObject({ correlationId: 'app-1.0.0:europe:approval', done: false });
    dispatched(h);
    h.tick(h.now + 10 * MIN);
    h.tick(h.now + 10 * MIN);
    expect(h.of('dispatch-approval')).toHaveLength(1);
    expect(approvalRunInFlight(h.state)).toEqual({ stage: 'europe', runId: 901 });
  });

  const resumes: Array<{ name: string; correlated: boolean; answered: boolean; dispatches: number; status: string; reasonCode?: string }> = [
    { name: 'run in flight (id recorded): polled, not dispatched again', correlated: false, answered: true, dispatches: 0, status: 'running' },
    { name: 'run in flight, correlated plan: polled, not dispatched again', correlated: true, answered: true, dispatches: 0, status: 'running' },
    {
      name: 'dispatch in doubt, correlated: sent again with the same correlation id (the adapter finds it first)',
      correlated: true,
      answered: false,
      dispatches: 1,
      status: 'running',
    },
    {
      name: 'dispatch in doubt, no correlation input: never sent again, the release stops',
      correlated: false,
      answered: false,
      dispatches: 0,
      status: 'stopping',
      reasonCode: 'dispatch-in-doubt',
    },
  ];
  it.each(resumes)('resume: $name', ({ correlated, answered, dispatches, status, reasonCode }) => {
    const h = atApproval({ correlated });
    if (answered) dispatched(h);
    const before = h.of('dispatch-approval').length;
    h.send({ type: 'resumed', at: h.now + MIN });
    const again = h.of('dispatch-approval').slice(before);
    expect(again).toHaveLength(dispatches);
    for (const e of again) expect(e.correlationId).toBe('app-1.0.0:europe:approval');
    expect(h.state.status).toBe(status);
    if (reasonCode) expect(h.state.stop?.reasonCode).toBe(reasonCode);
    if (reasonCode) expect(h.state.stop?.reason).toMatch(/DISPATCH IN DOUBT.*check the runs of approve\.yml started since/);
    expect(h.of('request-approval')).toHaveLength(0);
  });
});

describe('the approval run decides the stage', () => {
  const ends: Array<{ name: string; conclusion: string | null; reviews?: EnvironmentReview[]; by?: string; stop?: string; reason: RegExp }> = [
    {
      name: 'success, approved by alice',
      conclusion: 'success',
      reviews: [{ user: 'alice', state: 'approved', comment: 'go' }],
      by: 'alice',
      reason: /alice approved stage europe in GitHub environment 'release-approval' \(approval run 901\)$/,
    },
    {
      name: 'success, reviews unreadable: approved by the environment reviewers',
      conclusion: 'success',
      by: 'environment reviewers',
      reason: /environment reviewers approved stage europe .*its reviews could not be read/,
    },
    {
      name: 'success, nobody listed: approved, saying to check the environment',
      conclusion: 'success',
      reviews: [],
      by: 'environment reviewers',
      reason: /no reviewer is listed: check that 'release-approval' has required reviewers/,
    },
    {
      name: 'failure, bob rejected with a comment',
      conclusion: 'failure',
      reviews: [{ user: 'bob', state: 'rejected', comment: 'error budget spent' }],
      stop: 'approval-rejected',
      reason: /^bob rejected stage europe in GitHub environment 'release-approval' \(approval run 901\): error budget spent$/,
    },
    {
      name: 'cancelled, nobody named',
      conclusion: 'cancelled',
      reviews: [],
      stop: 'approval-run-failed',
      reason: /the approval run of stage europe ended cancelled .*nobody is named/,
    },
    {
      name: 'timed_out, reviews unreadable',
      conclusion: 'timed_out',
      stop: 'approval-run-failed',
      reason: /ended timed_out .*\(its reviews could not be read\)/,
    },
    { name: 'no conclusion', conclusion: null, reviews: [], stop: 'approval-run-failed', reason: /ended without a conclusion/ },
  ];
  it.each(ends)('$name', ({ conclusion, reviews, by, stop, reason }) => {
    const h = atApproval();
    dispatched(h);
    finished(h, conclusion, reviews);
    if (by !== undefined) {
      const approved = lastOf(h, 'stage-approved');
      expect(approved).toMatchObject({ stage: 'europe', by, reasonCode: 'environment-approved' });
      expect(approved?.reason).toMatch(reason);
      expect(h.state.stages[1]).toMatchObject({ phase: 'running', approval: { by, decision: 'approve' } });
      expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['a', 'b', 'c']);
      return;
    }
    // Rejected: the release stops and every touched region is rolled back, as a person's rejection does.
    expect(h.state.stop?.reasonCode).toBe(stop);
    expect(h.state.stop?.reason).toMatch(reason);
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['a']);
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['a']);
    h.finishRun('a');
    expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: stop });
  });

  it('the deadline cancels the run still waiting and stops the release approval-timeout', () => {
    const h = atApproval();
    dispatched(h);
    const out = h.tick(h.now + 60 * MIN);
    expect(out).toContainEqual({ type: 'cancel-approval-run', stage: 'europe', runId: 901, reason: 'timed out' });
    expect(h.state.stop?.reasonCode).toBe('approval-timeout');
    expect(h.state.stop?.reason).toMatch(/not approved within 1h; approval run 901 cancelled \(timed out\)/);
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['a']);
    // Its end, when it comes, changes nothing more.
    finished(h, 'cancelled', []);
    expect(h.of('cancel-approval-run')).toHaveLength(1);
    expect(h.state.stages[1]?.phase).toBe('stopped');
  });

  it('a dispatch that failed stops the release (nobody else could approve the stage)', () => {
    const h = atApproval();
    h.send({ type: 'approval-dispatch-failed', at: h.now, stage: 'europe', message: 'HTTP 422 Unexpected inputs' });
    expect(h.state.stop).toMatchObject({ reasonCode: 'approval-dispatch-failed' });
    expect(h.state.stop?.reason).toMatch(/approve\.yml could not be dispatched \(HTTP 422 Unexpected inputs\)/);
  });

  it('a second run for the stage is cancelled; the first stays the one watched', () => {
    const h = atApproval();
    dispatched(h, 901);
    const out = h.send({ type: 'approval-run-dispatched', at: h.now, stage: 'europe', runId: 902 });
    expect(out).toContainEqual({ type: 'cancel-approval-run', stage: 'europe', runId: 902, reason: 'duplicate run for one stage approval' });
    expect(approvalRunInFlight(h.state)).toEqual({ stage: 'europe', runId: 901 });
  });
});

describe('people and an environment approval', () => {
  const approvals: Array<{ name: string; ev: (at: number) => Event }> = [
    { name: 'command approve', ev: (at) => ({ type: 'command', at, by: 'carol', name: 'approve' }) },
    { name: 'command approve naming the stage', ev: (at) => ({ type: 'command', at, by: 'carol', name: 'approve', stage: 'europe' }) },
    { name: 'command promote', ev: (at) => ({ type: 'command', at, by: 'carol', name: 'promote' }) },
    { name: 'approval event', ev: (at) => ({ type: 'approval', at, by: 'carol', decision: 'approve', stage: 'europe' }) },
  ];
  it.each(approvals)('a person cannot approve it ($name): refused, saying where to approve', ({ ev }) => {
    const h = atApproval();
    dispatched(h);
    h.send(ev(h.now));
    const refused = lastOf(h, 'command-refused');
    expect(refused).toMatchObject({ by: 'carol', stage: 'europe', reasonCode: 'environment-approval' });
    expect(refused?.reason).toContain(URL);
    expect(h.state.stages[1]?.phase).toBe('awaiting-approval');
    expect(h.of('dispatch-deploy').map((e) => e.region)).toEqual(['a']);
    // The run still decides.
    finished(h, 'success', [{ user: 'alice', state: 'approved', comment: '' }]);
    expect(h.state.stages[1]?.approval?.by).toBe('alice');
  });

  const stops: Array<{ name: string; ev: (at: number) => Event; reasonCode: string }> = [
    { name: 'command reject', ev: (at) => ({ type: 'command', at, by: 'carol', name: 'reject' }), reasonCode: 'approval-rejected' },
    {
      name: 'approval event reject',
      ev: (at) => ({ type: 'approval', at, by: 'carol', decision: 'reject', stage: 'europe' }),
      reasonCode: 'approval-rejected',
    },
    { name: 'command abort', ev: (at) => ({ type: 'command', at, by: 'carol', name: 'abort' }), reasonCode: 'aborted' },
  ];
  it.each(stops)('$name still works, and cancels the approval run', ({ ev, reasonCode }) => {
    const h = atApproval();
    dispatched(h);
    const out = h.send(ev(h.now));
    expect(h.state.stop?.reasonCode).toBe(reasonCode);
    expect(out).toContainEqual({ type: 'cancel-approval-run', stage: 'europe', runId: 901, reason: 'the stage is stopped' });
    expect(h.of('dispatch-rollback').map((e) => e.region)).toEqual(['a']);
    expect(approvalRunInFlight(h.state)).toBeUndefined();
  });

  it('an abort before the run is recorded: the late run is cancelled when its id arrives, even after the end', () => {
    const plan = envPlan();
    plan.stages = [plan.stages[1] as Plan['stages'][number]];
    const h = new Harness(plan);
    h.start();
    expect(h.of('dispatch-approval')).toHaveLength(1);
    h.send({ type: 'command', at: h.now, by: 'carol', name: 'abort' });
    expect(h.state.status).toBe('finished');
    const out = h.send({ type: 'approval-run-dispatched', at: h.now, stage: 'europe', runId: 903 });
    expect(out).toContainEqual({ type: 'cancel-approval-run', stage: 'europe', runId: 903, reason: 'no longer wanted' });
  });
});

describe('a saved approval run', () => {
  it('is shape-checked on load: a tampered run id is refused, naming the field', () => {
    const h = atApproval();
    dispatched(h);
    const saved = JSON.parse(JSON.stringify(h.state)) as { stages: Array<{ approvalRun?: { runId?: unknown } }> };
    expect(stateShapeProblem(saved)).toBeUndefined();
    const run = saved.stages[1]?.approvalRun;
    if (run) run.runId = '901; rm -rf';
    expect(stateShapeProblem(saved)).toEqual({ field: 'stages.1.approvalRun.runId', problem: 'is a string, expected number' });
  });
});
