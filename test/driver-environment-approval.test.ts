/**
 * The driver and a stage approved by GitHub Environment reviewers, against the emulated GitHub:
 * the approval run is dispatched with the approval workflow's inputs, saved first, polled while
 * it waits (mode run stays, mode reconcile leaves it), and a reviews lookup that fails does not
 * block (the conclusion decides, nobody is named, a warning says so). And the GitHub adapter's
 * reviews call against the HTTP fake, checked against the API description.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runRelease } from '../src/driver/interpreter.js';
import { NO_DOUBTS, rolesOf } from '../src/driver/roles.js';
import { createClient, TEST_TIMING } from '../src/github/client.js';
import { createGitHubPort } from '../src/github/port.js';
import type { Plan } from '../src/plan/types.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub, SIMULATED_REVIEWER } from '../src/simulate/github.js';
import { SyntheticMetrics } from '../src/simulate/metrics.js';
import { emptyScenario } from '../src/simulate/scenario.js';
import { GitHubFake } from './github-fake/server.js';
import { makePlan, stage } from './support/plans.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

function envPlan(): Plan {
  const quick = { gates: [], steps: [{ traffic: 100, bakeMs: 0 }] };
  const plan = makePlan({
    stages: [
      stage('canary', ['a'], quick),
      stage('europe', ['b'], {
        ...quick,
        approval: { timeoutMs: 60 * MIN, users: [], teams: [], environment: { name: 'release-approval', workflow: 'approve.yml' } },
      }),
    ],
  });
  plan.deploy.correlationInput = 'correlation_id';
  return plan;
}

function setup() {
  const plan = envPlan();
  const clock = new VirtualClock(T0);
  const scenario = emptyScenario();
  const github = new EmulatedGitHub({ clock, scenario, seed: 1 });
  const metrics = new SyntheticMetrics(plan, scenario, 1);
  const warnings: string[] = [];
  return { plan, clock, github, warnings, ports: { ...rolesOf(github, NO_DOUBTS), metrics, clock } };
}

const release = { version: '1', releaseId: 'app-1', ref: 'main' };

describe('the driver and an environment approval', () => {
  it('mode run: dispatches the approval workflow once, saved first, keeps polling while it waits, and the stage starts', async () => {
    const s = setup();
    const order: string[] = [];
    const dispatch = s.github.dispatch.bind(s.github);
    const save = s.github.saveLedger.bind(s.github);
    const gh = s.github;
    s.ports.runs = {
      dispatch: async (r) => (order.push(`dispatch ${r.workflow}`), dispatch(r)),
      readRuns: (r) => gh.readRuns(r),
      cancelRun: (id) => gh.cancelRun(id),
    };
    s.ports.ledger = { loadLedger: () => gh.loadLedger(), saveLedger: async (id, w) => (order.push('save'), save(id, w)) };
    const res = await runRelease({ plan: s.plan, ...release, ports: s.ports, mode: 'run' });
    expect(res.decision).toBe('promoted');
    const approvals = s.github.runs.filter((r) => r.kind === 'approval');
    expect(approvals).toHaveLength(1);
    expect(approvals[0]?.request).toMatchObject({
      workflow: 'approve.yml',
      ref: 'main',
      inputs: { environment: 'release-approval', release_id: 'app-1', stage: 'europe', correlation_id: 'app-1:europe:approval' },
      correlationId: 'app-1:europe:approval',
      correlationInput: 'correlation_id',
    });
    const at = order.indexOf('dispatch approve.yml');
    expect(order[at - 1]).toBe('save');
    expect(res.state.history.find((h) => h.kind === 'stage-approved')).toMatchObject({ by: SIMULATED_REVIEWER, reasonCode: 'environment-approved' });
  });

  it('mode reconcile: leaves the approval run waiting (continue, not paused)', async () => {
    const s = setup();
    const res = await runRelease({ plan: s.plan, ...release, ports: s.ports, mode: 'reconcile' });
    // The canary's deploy run takes a few simulated minutes; reconcile returns at once each time.
    expect(res.decision).toBe('continue');
    let state = res.state;
    for (let i = 0; i < 20 && state.stages[1]?.phase !== 'awaiting-approval'; i++) {
      s.clock.advance(MIN);
      state = (await runRelease({ plan: s.plan, ...release, ports: s.ports, mode: 'reconcile', state })).state;
    }
    expect(state.stages[1]?.phase).toBe('awaiting-approval');
    s.clock.advance(MIN);
    const again = await runRelease({ plan: s.plan, ...release, ports: s.ports, mode: 'reconcile', state });
    expect(again.decision).toBe('continue');
    expect(again.state.status).toBe('running');
    expect(s.github.runs.filter((r) => r.kind === 'approval')).toHaveLength(1);
  });

  it('a reviews lookup that fails does not block: the conclusion decides, nobody is named, a warning says so', async () => {
    const s = setup();
    s.ports.reviews = {
      reviewsOf: async () => {
        throw new Error('HTTP 502');
      },
    };
    const res = await runRelease({ plan: s.plan, ...release, ports: s.ports, mode: 'run', onWarning: (m) => s.warnings.push(m) });
    expect(res.decision).toBe('promoted');
    expect(res.state.history.find((h) => h.kind === 'stage-approved')?.by).toBe('environment reviewers');
    expect(
      s.warnings.some((w) => /could not read who reviewed approval run \d+ of stage europe \(HTTP 502\); the stage is decided by how the run ended/.test(w)),
    ).toBe(true);
  });
});

let fake: GitHubFake | undefined;
afterEach(async () => fake?.stop());

describe('the GitHub adapter reads who reviewed a run', () => {
  it('GET .../runs/{id}/approvals, answered only once the run stopped waiting, checked against the API description', async () => {
    fake = new GitHubFake({
      workflows: { 'approve.yml': { inputs: ['environment', 'release_id', 'stage'] } },
      script: () => ({ queuedPolls: 0, waitingPolls: 2, inProgressPolls: 0, conclusion: 'failure' }),
    });
    await fake.start();
    const octokit = createClient({ token: 'test-token', baseUrl: fake.url, timing: TEST_TIMING, log: () => undefined });
    const port = createGitHubPort({ octokit, owner: 'acme', repo: 'shop', headSha: 'a'.repeat(40), holder: '1', sleep: async () => undefined });
    const { runId } = await port.dispatch({
      workflow: 'approve.yml',
      ref: 'main',
      inputs: { environment: 'release-approval', release_id: 'app-1', stage: 'europe' },
      correlationId: 'app-1:europe:approval',
    });
    fake.setReviews(runId, [{ user: 'erin', state: 'rejected', comment: 'not today' }]);
    expect(await port.reviewsOf(runId)).toEqual([]);
    await port.getRun(runId);
    await port.getRun(runId);
    expect((await port.getRun(runId)).status).toBe('completed');
    expect(await port.reviewsOf(runId)).toEqual([{ user: 'erin', state: 'rejected', comment: 'not today' }]);
    expect(fake.errors).toEqual([]);
  });
});
