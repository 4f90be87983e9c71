import { describe, expect, it } from 'vitest';
import { decide } from '../src/core/decide.js';
import { initialState } from '../src/core/state.js';
import { runRelease } from '../src/driver/interpreter.js';
import type { GitHubPorts, MeasureRequest, MetricsPort } from '../src/driver/ports.js';
import type { Observation } from '../src/core/values.js';
import { readRunsOneByOne } from '../src/driver/read-runs.js';
import { NO_DOUBTS, NO_INBOX, NO_REVIEWS, rolesOf } from '../src/driver/roles.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { SyntheticMetrics } from '../src/simulate/metrics.js';
import { emptyScenario } from '../src/simulate/scenario.js';
import { makePlan, stage } from './support/plans.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

function setup(plan = makePlan({ stages: [stage('one', ['a', 'b'])] })) {
  const clock = new VirtualClock(T0);
  const scenario = emptyScenario();
  const github = new EmulatedGitHub({ clock, scenario, seed: 1 });
  const metrics = new SyntheticMetrics(plan, scenario, 1);
  return { plan, clock, scenario, github, metrics, ports: { ...rolesOf(github, NO_DOUBTS), metrics, clock } };
}

describe('runRelease', () => {
  it('renders dispatch inputs from the templates and dispatches on the release ref', async () => {
    const s = setup();
    const res = await runRelease({ plan: s.plan, version: '2.0.1', releaseId: 'app-2.0.1', ref: 'refs/tags/v2.0.1', ports: s.ports, mode: 'run' });
    expect(res.decision).toBe('promoted');
    const first = s.github.runs[0]?.request;
    expect(first).toMatchObject({
      workflow: 'deploy.yml',
      ref: 'refs/tags/v2.0.1',
      inputs: { region: 'a', version: '2.0.1', traffic: '100' },
      correlationId: 'app-2.0.1:a:deploy:0',
    });
    expect(s.github.deployments.map((d) => d.request.environment)).toEqual(['production/a', 'production/b']);
    expect(s.github.deployments[0]?.statuses).toEqual(['queued', 'in_progress', 'success']);
  });

  it('saves the ledger before dispatching, and the final save is completed with a conclusion', async () => {
    const s = setup();
    const order: string[] = [];
    const gh = bind(s.github);
    gh.runs.dispatch = async (r) => {
      order.push('dispatch');
      return s.github.dispatch(r);
    };
    gh.ledger.saveLedger = async (id, w) => {
      order.push(`save:${w.status}`);
      return s.github.saveLedger(id, w);
    };
    await runRelease({ plan: s.plan, version: '1', releaseId: 'app-1', ref: 'main', ports: { ...s.ports, ...gh }, mode: 'run' });
    expect(order[0]).toBe('save:in_progress');
    expect(order.indexOf('save:in_progress')).toBeLessThan(order.indexOf('dispatch'));
    expect(order.at(-1)).toBe('save:completed');
    expect(s.github.ledger?.conclusion).toBe('success');
  });

  it('a final save that fails (the text too large for GitHub) is in the result, not swallowed', async () => {
    const s = setup();
    const gh = bind(s.github);
    gh.ledger.saveLedger = async (id, w) => {
      if (w.status === 'completed') throw new Error('check run text exceeds 65535 bytes even compacted');
      return s.github.saveLedger(id, w);
    };
    const res = await runRelease({ plan: s.plan, version: '1', releaseId: 'app-1', ref: 'main', ports: { ...s.ports, ...gh }, mode: 'run' });
    expect(res.decision).toBe('promoted');
    expect(res.ledgerSaved).toBe(false);
    expect(res.ledgerError).toMatch(/exceeds 65535 bytes/);
    const ok = setup();
    const good = await runRelease({ plan: ok.plan, version: '1', releaseId: 'app-1', ref: 'main', ports: ok.ports, mode: 'run' });
    expect(good).toMatchObject({ decision: 'promoted', ledgerSaved: true });
    expect(good.ledgerError).toBeUndefined();
  });

  it('runs the regions of a wave concurrently and queries the gates of one region together', async () => {
    const plan = makePlan({
      stages: [stage('one', ['a', 'b'], { gates: ['errors', 'latency'] })],
      gates: [
        { ...makePlan().gates.errors!, name: 'errors' },
        { ...makePlan().gates.errors!, name: 'latency', max: 0.3 },
      ],
    });
    const s = setup(plan);
    let inFlight = 0;
    let maxDispatch = 0;
    const gh = bind(s.github);
    gh.runs.dispatch = async (r) => {
      inFlight++;
      maxDispatch = Math.max(maxDispatch, inFlight);
      await Promise.resolve();
      await Promise.resolve();
      inFlight--;
      return s.github.dispatch(r);
    };
    let measuring = 0;
    let maxMeasuring = 0;
    const metrics: MetricsPort = {
      measureRange: async () => ({ kind: 'error', message: 'not used' }),
      measure: async (req: MeasureRequest): Promise<Observation> => {
        measuring++;
        maxMeasuring = Math.max(maxMeasuring, measuring);
        await Promise.resolve();
        measuring--;
        return s.metrics.measure(req);
      },
    };
    const res = await runRelease({ plan, version: '1', releaseId: 'app-1', ref: 'main', ports: { ...gh, metrics, clock: s.clock }, mode: 'run' });
    expect(res.decision).toBe('promoted');
    expect(maxDispatch).toBe(2);
    expect(maxMeasuring).toBeGreaterThanOrEqual(2);
  });

  it('reconcile mode advances what needs no waiting and returns continue without sleeping', async () => {
    const s = setup();
    let slept = 0;
    const clock = {
      now: () => s.clock.now(),
      sleepUntil: async (t: number) => {
        slept++;
        await s.clock.sleepUntil(t);
      },
    };
    const res = await runRelease({ plan: s.plan, version: '1', releaseId: 'app-1', ref: 'main', ports: { ...s.ports, clock }, mode: 'reconcile' });
    expect(res.decision).toBe('continue');
    expect(slept).toBe(0);
    expect(s.github.runs).toHaveLength(2);
    expect(res.state.regions.a?.phase).toBe('deploying');
  });

  it('resumes from a saved state without re-dispatching runs in flight, and replays to the same state', async () => {
    const s = setup();
    const first = await runRelease({ plan: s.plan, version: '1', releaseId: 'app-1', ref: 'main', ports: s.ports, mode: 'reconcile' });
    const saved = JSON.parse(JSON.stringify(s.github.ledger?.state)) as typeof first.state;
    s.clock.advance(10 * MIN);
    const second = await runRelease({ plan: s.plan, version: '1', releaseId: 'app-1', ref: 'main', ports: s.ports, mode: 'run', state: saved });
    expect(second.decision).toBe('promoted');
    expect(s.github.runs).toHaveLength(2); // one run per region and step, none repeated
    let state = initialState(s.plan, 'app-1', '1');
    for (const ev of [...first.events, ...second.events]) state = decide(state, ev, s.plan).state;
    expect(state).toEqual(second.state);
  });

  it('reconcile invocations every few minutes carry a release to the end, never dispatching a step twice', async () => {
    const plan = makePlan({
      stages: [
        stage('one', ['a', 'b'], {
          maxParallel: 1,
          steps: [
            { traffic: 10, bakeMs: 10 * MIN },
            { traffic: 100, bakeMs: 10 * MIN },
          ],
        }),
      ],
    });
    const s = setup(plan);
    let invocations = 0;
    let last: Awaited<ReturnType<typeof runRelease>> | undefined;
    do {
      const saved = s.github.ledger ? (JSON.parse(JSON.stringify(s.github.ledger.state)) as NonNullable<typeof last>['state']) : undefined;
      last = await runRelease({ plan, version: '1', releaseId: 'app-1', ref: 'main', ports: s.ports, mode: 'reconcile', ...(saved ? { state: saved } : {}) });
      invocations++;
      s.clock.advance(5 * MIN);
    } while (last.decision === 'continue' && invocations < 100);
    expect(last.decision).toBe('promoted');
    expect(s.github.runs.map((r) => r.request.correlationId)).toEqual(['app-1:a:deploy:0', 'app-1:a:deploy:1', 'app-1:b:deploy:0', 'app-1:b:deploy:1']);
    // A late wake-up catches up: every bake is measured once a minute, at the scheduled times.
    const bakes = last.state.history.filter((h) => h.kind === 'bake-started');
    const measured = last.state.history.filter((h) => h.kind === 'measurement');
    expect(measured).toHaveLength(40);
    for (const [i, b] of bakes.entries()) {
      const times = measured.filter((m) => m.region === b.region && m.step === b.step).map((m) => m.at - b.at);
      expect(times, `bake ${i}`).toEqual(Array.from({ length: 10 }, (_, k) => (k + 1) * MIN));
    }
    expect(invocations).toBeLessThan(30); // without catching up, each bake would take one invocation per measurement (~50)
  });

  it('a stage approval from the inbox starts a paused release again', async () => {
    const plan = makePlan({ stages: [stage('one', ['a'], { approval: { timeoutMs: 60 * MIN, users: [], teams: [] } })] });
    const s = setup(plan);
    const paused = await runRelease({ plan, version: '1', releaseId: 'app-1', ref: 'main', ports: s.ports, mode: 'run', initiator: 'alice' });
    expect(paused).toMatchObject({ decision: 'paused', reasonCode: 'stage-approval-required' });
    const done = await runRelease({
      plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports: s.ports,
      mode: 'run',
      state: paused.state,
      inbox: [{ type: 'approval', at: s.clock.now(), by: 'bob', decision: 'approve', stage: 'one' }],
    });
    expect(done.decision).toBe('promoted');
    expect(done.state.stages[0]?.approval?.by).toBe('bob');
  });

  it('port failures become events: a dispatch that throws fails the region, a measure that throws is an error measurement', async () => {
    const s = setup(makePlan({ stages: [stage('one', ['a'])] }));
    const boom = bind(s.github);
    boom.runs.dispatch = async () => Promise.reject(new Error('HTTP 502 from GitHub'));
    const res = await runRelease({ plan: s.plan, version: '1', releaseId: 'app-1', ref: 'main', ports: { ...s.ports, ...boom }, mode: 'run' });
    expect(res.state.regions.a?.failure).toMatchObject({ reasonCode: 'dispatch-failed', reason: expect.stringContaining('HTTP 502') });

    const t = setup(makePlan({ stages: [stage('one', ['a'])] }));
    const throwing: MetricsPort = {
      measure: async () => Promise.reject(new Error('socket hang up')),
      measureRange: async () => Promise.reject(new Error('socket hang up')),
    };
    const res2 = await runRelease({ plan: t.plan, version: '1', releaseId: 'app-1', ref: 'main', ports: { ...t.ports, metrics: throwing }, mode: 'run' });
    expect(res2.state.history.some((h) => h.kind === 'measurement' && h.reason.includes('socket hang up'))).toBe(true);
    expect(res2.decision).toBe('rolled-back');
    expect(res2.reasonCode).toBe('gate-errors');
  });

  it('polls a long run at the base interval for its first minute, then backs off to twice that; back to the base once a run finishes', async () => {
    const plan = makePlan({
      stages: [
        stage('one', ['a'], {
          steps: [
            { traffic: 50, bakeMs: 0 },
            { traffic: 100, bakeMs: 0 },
          ],
        }),
      ],
    });
    const clock = new VirtualClock(T0);
    const scenario = emptyScenario();
    // Runs of 20 minutes (+-30 %, seeded).
    const emulator = new EmulatedGitHub({ clock, scenario, seed: 1, runMs: 20 * MIN });
    const polls: number[] = [];
    const github = bind(emulator);
    github.runs.readRuns = readRunsOneByOne(async (id) => {
      polls.push(clock.now());
      return emulator.getRun(id);
    });
    const res = await runRelease({
      plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports: { ...github, metrics: new SyntheticMetrics(plan, scenario, 1), clock },
      mode: 'run',
    });
    expect(res.decision).toBe('promoted');
    const [first, second] = emulator.runs;
    const gaps = (from: number, to: number) =>
      polls
        .filter((t) => t >= from && t <= to)
        .map((t, i, all) => (i ? t - (all[i - 1] as number) : 0))
        .slice(1);
    const endOfFirst = res.state.regions.a?.runs[0]?.dispatchedAt as number;
    const firstGaps = gaps(endOfFirst, (second?.startedAt ?? 0) - 1);
    // Four polls at the base interval (the first as the run is dispatched), four at 1.5x, then 2x.
    expect(firstGaps.slice(0, 3)).toEqual([15_000, 15_000, 15_000]);
    expect(firstGaps.slice(3, 7)).toEqual([22_500, 22_500, 22_500, 22_500]);
    expect(new Set(firstGaps.slice(7))).toEqual(new Set([30_000]));
    // The second run (dispatched after the first finished) starts again at the base interval.
    const secondGaps = gaps(second?.startedAt ?? 0, Number.POSITIVE_INFINITY);
    expect(secondGaps.slice(0, 3)).toEqual([15_000, 15_000, 15_000]);
    // A finished run is seen within one (backed-off) interval.
    for (const run of [first, second]) {
      const seen = polls.find((t) => t >= (run?.endsAt ?? 0)) as number;
      expect(seen - (run?.endsAt ?? 0)).toBeLessThanOrEqual(30_000);
    }
    // About half the polls of a fixed 15 s interval.
    const total = (emulator.runs.at(-1)?.endsAt ?? 0) - T0;
    expect(polls.length).toBeLessThan((total / 15_000) * 0.6);
  });

  it('a driver that stops with dispatches still in doubt says which, so a person can look for their runs', async () => {
    const s = setup();
    const warnings: string[] = [];
    const github = bind(s.github);
    github.doubts = { ...NO_DOUBTS, openDoubts: () => ['app-1:a:deploy:0'] };
    const res = await runRelease({
      plan: s.plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports: { ...s.ports, ...github },
      mode: 'run',
      onWarning: (m) => warnings.push(m),
    });
    expect(res.decision).toBe('promoted');
    expect(warnings).toEqual([
      "dispatches whose runs were never seen (app-1:a:deploy:0) may still start a run: check the workflow's runs and cancel any that carry these ids",
    ]);
  });

  it('a late deploy run that finished before it could be cancelled is a loud warning (the region may run the new version)', async () => {
    const s = setup(makePlan({ stages: [stage('one', ['a'])] }));
    const warnings: string[] = [];
    let dispatched = 0;
    const github = bind(s.github);
    // The first deploy dispatch cannot be confirmed; its run shows up later, already finished.
    github.runs.dispatch = async (req) => {
      if (req.correlationId.includes(':deploy:') && dispatched++ === 0) throw new Error('no run titled with the correlation id appeared');
      return s.github.dispatch(req);
    };
    github.runs.cancelRun = async (runId) => ({ id: runId, status: 'completed' as const, conclusion: 'success' });
    github.doubts = { ...NO_DOUBTS, strayRuns: async () => (dispatched > 0 ? [{ region: 'a', kind: 'deploy' as const, step: 0, runId: 4242 }] : []) };
    let reported = false;
    const strays = github.doubts.strayRuns;
    github.doubts.strayRuns = async () => (reported ? [] : ((reported = true), strays()));
    await runRelease({
      plan: s.plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports: { ...s.ports, ...github },
      mode: 'run',
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings).toContain(
      'deploy run 4242 of a showed up late and had already finished (success) before it could be cancelled: a may run the new version although the release recorded otherwise; check it and roll it back by hand if so',
    );
  });

  it('reports every history entry through onTransition, in order', async () => {
    const s = setup();
    const seen: string[] = [];
    const res = await runRelease({
      plan: s.plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports: s.ports,
      mode: 'run',
      onTransition: (e) => seen.push(e.kind),
    });
    expect(seen).toEqual(res.state.history.map((e) => e.kind));
  });
});

describe('a run id that must be saved (no correlation input)', () => {
  it('is saved again before the run is polled when its save failed: a kill during the run would leave it in doubt', async () => {
    const s = setup(makePlan({ stages: [stage('one', ['a'])] }));
    const order: string[] = [];
    let failed = false;
    const gh = bind(s.github);
    gh.runs.readRuns = readRunsOneByOne(async (id) => {
      order.push('poll');
      return s.github.getRun(id);
    });
    gh.ledger.saveLedger = async (id, w) => {
      const st = w.state as { regions: Record<string, { runs: Array<{ runId?: number }> }> };
      const hasId = st.regions.a?.runs[0]?.runId !== undefined;
      // The save that carries the run id fails once (GitHub answered 5xx through the retries).
      if (hasId && !failed) {
        failed = true;
        order.push('save failed');
        throw new Error('502 Bad Gateway');
      }
      order.push(hasId ? 'saved with the run id' : 'saved');
      return s.github.saveLedger(id, w);
    };
    const warnings: string[] = [];
    const res = await runRelease({
      plan: s.plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports: { ...s.ports, ...gh },
      mode: 'run',
      onWarning: (m) => warnings.push(m),
    });
    expect(res.decision).toBe('promoted');
    const at = order.indexOf('save failed');
    expect(at).toBeGreaterThan(0);
    expect(order.slice(at + 1, order.indexOf('poll', at) + 1)).toEqual(['saved with the run id', 'poll']);
    expect(warnings.some((w) => w.includes('could not save the ledger: 502'))).toBe(true);
  });
});

/** The emulator's methods bound to it, so a test can override one of them. */
describe('runRelease stopped (the job is being cancelled)', () => {
  it('starts nothing after the stop: the answer in flight is recorded, no other effect, save or poll follows', async () => {
    const s = setup(makePlan({ stages: [stage('one', ['a', 'b'], { maxParallel: 2 })] }));
    const stop = new AbortController();
    const calls: string[] = [];
    const gh = bind(s.github);
    gh.runs.dispatch = async (r) => {
      calls.push(`dispatch ${r.inputs.region ?? ''}`);
      // The signal lands while the first dispatch is on its way.
      if (!stop.signal.aborted) stop.abort('SIGTERM');
      return s.github.dispatch(r);
    };
    gh.runs.readRuns = readRunsOneByOne(async (id) => {
      calls.push('poll');
      return s.github.getRun(id);
    });
    gh.deployments.setDeploymentStatus = async (id, state) => {
      calls.push('status');
      return s.github.setDeploymentStatus(id, state);
    };
    gh.ledger.saveLedger = async (id, w) => {
      calls.push('save');
      return s.github.saveLedger(id, w);
    };
    let live: unknown;
    const res = await runRelease({
      plan: s.plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports: { ...s.ports, ...gh },
      mode: 'run',
      stop: stop.signal,
      onState: (st) => void (live = st),
    });
    expect(res).toMatchObject({ decision: 'continue', reasonCode: 'cancelled' });
    expect(live).toBe(res.state);
    // a's dispatch was in flight (recorded); b's had started in the same batch; nothing after.
    expect(calls.filter((c) => c !== 'dispatch a' && c !== 'dispatch b')).toEqual(['save']);
    expect(calls.indexOf('save')).toBe(0);
    expect(res.state.regions.a?.runs[0]?.runId).toBeDefined();
    const cancelled = res.state.history.find((h) => h.kind === 'cancelled');
    expect(cancelled?.reason).toContain('SIGTERM');
    expect(calls).not.toContain('dispatch b'); // b's deployment was being created: its dispatch never started
  });
});

function bind(gh: EmulatedGitHub): GitHubPorts {
  return {
    runs: { dispatch: gh.dispatch.bind(gh), readRuns: gh.readRuns.bind(gh), cancelRun: gh.cancelRun.bind(gh) },
    doubts: NO_DOUBTS,
    deployments: { createDeployment: gh.createDeployment.bind(gh), setDeploymentStatus: gh.setDeploymentStatus.bind(gh) },
    ledger: { loadLedger: gh.loadLedger.bind(gh), saveLedger: gh.saveLedger.bind(gh) },
    permissions: { permissionOf: gh.permissionOf.bind(gh), isTeamMember: gh.isTeamMember.bind(gh) },
    inbox: NO_INBOX,
    reviews: NO_REVIEWS,
  };
}

describe('who may decide', () => {
  const plan = () => {
    const p = makePlan({ stages: [stage('one', ['a'], { approval: { timeoutMs: 60 * MIN, users: [], teams: [] } })] });
    p.approvals = { ...p.approvals, minPermission: 'maintain', users: ['alice', 'bob'] };
    return p;
  };
  it.each([
    ['a listed maintainer approves', 'alice', 'maintain', 'promoted', undefined],
    ['permission below the minimum', 'bob', 'write', 'paused', "repository permission 'write', below the required 'maintain'"],
    ['not in the approvers list', 'mallory', 'admin', 'paused', 'is not an approver (users alice, bob)'],
    ['the initiator approving their own release', 'alice', 'admin', 'paused', 'started the release and may not approve it'],
  ])('%s', async (_name, by, permission, decision, denial) => {
    const s = setup(plan());
    const github = bind(s.github);
    github.permissions = { permissionOf: async () => permission, isTeamMember: async () => false };
    const initiator = _name.includes('initiator') ? 'alice' : 'carol';
    const first = await runRelease({ plan: s.plan, version: '1', releaseId: 'app-1', ref: 'main', ports: { ...s.ports, ...github }, mode: 'run', initiator });
    const res = await runRelease({
      plan: s.plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports: { ...s.ports, ...github },
      mode: 'run',
      state: first.state,
      inbox: [{ type: 'approval', at: s.clock.now(), by, decision: 'approve', stage: 'one' }],
    });
    expect(res.decision).toBe(decision);
    if (denial) expect(res.state.history.find((h) => h.kind === 'command-refused' && h.by === by)?.reason).toContain(denial);
  });
});

describe('ledger writes', () => {
  it('annotates the plan line of a gate that failed, and concludes failure', async () => {
    const plan = makePlan({ stages: [stage('one', ['a'])] });
    plan.gates.errors = { ...plan.gates.errors!, pos: { line: 12, col: 3 } };
    const s = setup(plan);
    s.scenario.regressions.set('a', 0);
    const res = await runRelease({ plan, version: '1', releaseId: 'app-1', ref: 'main', ports: s.ports, mode: 'run' });
    expect(res.decision).toBe('rolled-back');
    expect(s.github.ledger?.conclusion).toBe('failure');
    expect(s.github.ledger?.annotations).toEqual([
      expect.objectContaining({ path: 'release-plan.yml', line: 12, level: 'failure', title: 'gate errors failed in a step 1' }),
    ]);
    expect(s.github.ledger?.summary).toContain('rolled-back');
  });

  it('annotates the stage line of a region that failed its deploy run (not a gate)', async () => {
    const plan = makePlan({ stages: [stage('one', ['a'])] });
    plan.stages[0]!.pos = { line: 30, col: 5 };
    plan.gates.errors = { ...plan.gates.errors!, pos: { line: 12, col: 3 } };
    const s = setup(plan);
    s.scenario.deployFailures.add('a');
    const res = await runRelease({ plan, version: '1', releaseId: 'app-1', ref: 'main', ports: s.ports, mode: 'run' });
    expect(res.reasonCode).toBe('deploy-failed');
    expect(s.github.ledger?.annotations).toEqual([
      expect.objectContaining({ line: 30, level: 'failure', title: 'a step 1 failed in stage one (deploy-failed)' }),
    ]);
  });

  it('a release paused for a person ends the driver with a completed, action_required check run and a warning on the inconclusive gate', async () => {
    const plan = makePlan({ stages: [stage('one', ['a'])] });
    plan.gates.errors = { ...plan.gates.errors!, pos: { line: 12, col: 3 } };
    const s = setup(plan);
    // A gap, not missing data that persists (that now rolls back: issue 10 item 6).
    s.scenario.noDataGaps.add('a');
    const writes: Array<{ status: string; conclusion?: string }> = [];
    const gh = bind(s.github);
    gh.ledger.saveLedger = async (id, w) => {
      writes.push({ status: w.status, ...(w.conclusion ? { conclusion: w.conclusion } : {}) });
      return s.github.saveLedger(id, w);
    };
    const res = await runRelease({ plan, version: '1', releaseId: 'app-1', ref: 'main', ports: { ...s.ports, ...gh }, mode: 'run' });
    expect(res).toMatchObject({ decision: 'paused', reasonCode: 'awaiting-approval' });
    // The writes before the pause are in progress; from the pause on, completed with action_required.
    expect(writes.at(-1)).toEqual({ status: 'completed', conclusion: 'action_required' });
    const firstPaused = writes.findIndex((w) => w.status === 'completed');
    expect(writes.slice(0, firstPaused).every((w) => w.status === 'in_progress')).toBe(true);
    expect(writes.slice(firstPaused).every((w) => w.status === 'completed' && w.conclusion === 'action_required')).toBe(true);
    expect(s.github.ledger?.annotations).toEqual([expect.objectContaining({ line: 12, level: 'warning', title: 'gate errors inconclusive in a step 1' })]);
  });

  it('a dispatch input naming an unknown template value fails the region with the template error', async () => {
    const plan = makePlan({ stages: [stage('one', ['a'])], rollbackScope: null });
    plan.deploy.inputs.extra = '{{ vars.nope }}';
    const s = setup(plan);
    const res = await runRelease({ plan, version: '1', releaseId: 'app-1', ref: 'main', ports: s.ports, mode: 'run' });
    expect(res.state.regions.a?.failure?.reason).toContain("unknown template variable '{{ vars.nope }}'");
    expect(s.github.runs).toHaveLength(0);
    expect(res).toMatchObject({ decision: 'failed', reasonCode: 'no-rollback-workflow' });
  });
});
