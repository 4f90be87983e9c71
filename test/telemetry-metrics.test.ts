/**
 * The release's own metrics, fed through the telemetry port with states the real core made
 * (test/support/harness.ts) and request records as the GitHub client reports them; read back
 * from the metrics file the sink writes (and checked by promtool).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitHubRequestRecord, InvocationContext } from '../src/driver/telemetry.js';
import type { State } from '../src/core/state.js';
import type { Plan } from '../src/plan/types.js';
import { createMetricsSink } from '../src/telemetry/metrics-sink.js';
import { Harness, T0 } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';
import { parseSamples, promtoolProblems, sample, seriesKey, type Sample } from './support/prometheus.js';

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

function ctxOf(plan: Plan, over: Partial<InvocationContext> = {}): InvocationContext {
  return { releaseId: 'app-1.0.0', plan, version: '1.0.0', kind: 'run', runId: '424242', runAttempt: '1', job: 'release', startedAt: T0, ...over };
}

/** One invocation: opened with `first`, every entry after it as a transition, finished with `last`; the file it writes. */
async function invocation(plan: Plan, first: State, last: State, requests: GitHubRequestRecord[] = [], over: Partial<InvocationContext> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'pr-metrics-')), 'out', 'release.prom');
  const warnings: string[] = [];
  const sink = createMetricsSink({ metricsFile: file, env: {}, warn: (m) => warnings.push(m), setSecret: () => undefined, now: () => T0 + 90_000 });
  sink.opened(ctxOf(plan, over), first);
  for (const h of last.history.slice(first.history.length)) sink.transition(h, last);
  for (const r of requests) sink.request(r);
  sink.finished({ decision: last.outcome?.decision ?? 'paused', reasonCode: '', reason: '', state: last, at: T0 + 90_000 });
  await sink.flush(AbortSignal.timeout(5_000));
  const text = readFileSync(file, 'utf8');
  return { text, samples: parseSamples(text), warnings };
}

const twoStages = () =>
  makePlan({ stages: [stage('canary', ['c1']), stage('main', ['m1', 'm2'], { approval: { timeoutMs: 600 * MIN, users: [], teams: [] } })] });

/** canary promoted (its deploy run found 7 s after the dispatch), stage main waited 30 min for alice, then promoted. */
function promotedRelease(): { plan: Plan; start: State; paused: State; end: State } {
  const plan = twoStages();
  const h = new Harness(plan);
  h.start('bob');
  const start = h.state;
  h.now += 7_000;
  h.answerDispatches();
  walk(h, 'c1');
  const paused = h.state;
  h.now += 30 * MIN;
  h.send({ type: 'approval', at: h.now, by: 'alice', decision: 'approve', stage: 'main' });
  walk(h, 'm1');
  walk(h, 'm2');
  return { plan, start, paused, end: h.state };
}

function rolledBackRelease(): { plan: Plan; end: State } {
  const plan = makePlan({ stages: [stage('one', ['us-east-1'])], gates: [gate('errors', { max: 0.01 })] });
  const h = new Harness(plan);
  h.start();
  h.finishRun('us-east-1');
  h.bake('us-east-1', () => 0.2);
  h.finishRun('us-east-1'); // the rollback run
  return { plan, end: h.state };
}

/** A region held by missing data for 20 min, then approved by carol; stage main of a second release rejected by bob after 5 min. */
function decidedWaits(): { plan: Plan; end: State } {
  const h = new Harness(makePlan());
  h.start();
  h.finishRun('us-east-1');
  h.bake('us-east-1', () => ({ kind: 'no-data', detail: 'none' }));
  h.now += 20 * MIN;
  h.send({ type: 'approval', at: h.now, by: 'carol', decision: 'approve', region: 'us-east-1' });
  h.bake('us-east-1', GOOD);
  return { plan: h.plan, end: h.state };
}

function rejectedStage(): { plan: Plan; end: State } {
  const h = new Harness(twoStages());
  h.start();
  walk(h, 'c1');
  h.now += 5 * MIN;
  h.send({ type: 'approval', at: h.now, by: 'bob', decision: 'reject', stage: 'main' });
  h.finishRun('c1');
  return { plan: h.plan, end: h.state };
}

function heldRelease(): { plan: Plan; end: State } {
  const plan = makePlan();
  const h = new Harness(plan);
  h.start();
  h.finishRun('us-east-1');
  h.bake('us-east-1', () => ({ kind: 'no-data', detail: 'none' }));
  return { plan, end: h.state };
}

describe('release series rendered from the state', () => {
  const promoted = promotedRelease();
  const rolled = rolledBackRelease();
  const held = heldRelease();
  const P = 'progressive_release_';
  it.each<[string, () => { plan: Plan; end: State }, Array<[string, Record<string, string>, number | ((v: number) => boolean)]>]>([
    [
      'promoted after a stage approval',
      () => promoted,
      [
        [`${P}status`, { status: 'finished' }, 1],
        [`${P}status`, { status: 'running' }, 0],
        [`${P}outcome`, { outcome: 'promoted', reason_code: 'all-regions-promoted' }, 1],
        [`${P}regions`, { phase: 'promoted' }, 3],
        [`${P}regions`, { phase: 'failed' }, 0],
        [`${P}region_traffic_percent`, { region: 'm2', stage: 'main' }, 100],
        [`${P}region_step`, { region: 'c1' }, 1],
        [`${P}approval_wait_seconds_sum`, { scope: 'stage', stage: 'main', resolution: 'approved' }, 1800],
        [`${P}approval_wait_seconds_count`, { scope: 'stage', stage: 'main', resolution: 'approved' }, 1],
        [`${P}dispatch_latency_seconds_sum`, { stage: 'canary', kind: 'deploy' }, 7],
        [`${P}dispatch_latency_seconds_count`, { stage: 'main', kind: 'deploy' }, 2],
        [`${P}gate_value`, { region: 'm1', gate: 'errors' }, 0.5],
        [`${P}gate_threshold`, { gate: 'errors', bound: 'max' }, 1],
        [`${P}gate_verdicts`, { stage: 'main', gate: 'errors', verdict: 'passed' }, 2],
        [`${P}gate_measurements`, { stage: 'canary', gate: 'errors', reason_code: 'within-threshold' }, 5],
        [`${P}step_duration_seconds_count`, { stage: 'main', step: '1' }, 2],
        // A step is its bake (5 min) and the polls around it; never less than the bake.
        [`${P}step_duration_seconds_sum`, { stage: 'canary', step: '1' }, (v) => v >= 300 && v < 600],
        [`${P}stage_duration_seconds_count`, { stage: 'main' }, 1],
        [`${P}region_duration_seconds_count`, { stage: 'main', outcome: 'promoted' }, 2],
        [`${P}awaiting_people`, { scope: 'stage' }, 0],
        [`${P}started_timestamp_seconds`, {}, T0 / 1000],
      ],
    ],
    [
      'rolled back by a gate',
      () => rolled,
      [
        [`${P}outcome`, { outcome: 'rolled-back' }, 1],
        [`${P}rollbacks`, { stage: 'one', reason_code: 'gate-failed' }, 1],
        [`${P}region_traffic_percent`, { region: 'us-east-1' }, 0],
        [`${P}gate_verdicts`, { gate: 'errors', verdict: 'failed' }, 1],
        [`${P}gate_value`, { region: 'us-east-1', gate: 'errors' }, 0.2],
        [`${P}region_duration_seconds_count`, { outcome: 'rolled-back' }, 1],
        [`${P}dispatch_latency_seconds_count`, { kind: 'rollback' }, 1],
      ],
    ],
    [
      'held for a person by missing data',
      () => held,
      [
        // A region held for a person leaves the release running (the other regions go on).
        [`${P}status`, { status: 'running' }, 1],
        [`${P}awaiting_people`, { scope: 'region' }, 1],
        [`${P}regions`, { phase: 'awaiting-approval' }, 1],
        [`${P}region_traffic_percent`, { region: 'us-east-1' }, 100],
        [`${P}gate_measurements`, { gate: 'errors', reason_code: 'no-data' }, 1],
      ],
    ],
    [
      'a region approved after 20 minutes',
      decidedWaits,
      [
        [`${P}approval_wait_seconds_sum`, { scope: 'region', stage: 'one', resolution: 'approved' }, 1200],
        [`${P}awaiting_people`, { scope: 'region' }, 0],
        [`${P}regions`, { phase: 'promoted' }, 1],
      ],
    ],
    [
      'a stage rejected after 5 minutes',
      rejectedStage,
      [
        [`${P}approval_wait_seconds_sum`, { scope: 'stage', stage: 'main', resolution: 'approval-rejected' }, 300],
        [`${P}outcome`, { outcome: 'rolled-back', reason_code: 'approval-rejected' }, 1],
        [`${P}rollbacks`, { stage: 'canary', reason_code: 'approval-rejected' }, 1],
        [`${P}region_traffic_percent`, { region: 'm1' }, 0],
      ],
    ],
  ])('%s', async (_name, release, expected) => {
    const { plan, end } = release();
    const { samples, text, warnings } = await invocation(plan, end, end);
    expect(warnings).toEqual([]);
    expect(promtoolProblems(text)).toBe('');
    for (const [name, labels, want] of expected) {
      const got = sample(samples, name, labels);
      if (typeof want === 'function') expect(want(got), `${name}${JSON.stringify(labels)} = ${got}`).toBe(true);
      else expect(got, `${name}${JSON.stringify(labels)}`).toBe(want);
    }
    // The file has no Pushgateway group to say whose metrics they are: every series names its plan.
    expect(samples.every((s) => s.labels.plan === 'app')).toBe(true);
  });

  it('a failed gate has no rollback cause it did not have: the rolled-back region names its own', async () => {
    const { plan, end } = rolledBackRelease();
    expect(end.regions['us-east-1']?.failure?.reasonCode).toBe('gate-failed');
    const { samples } = await invocation(plan, end, end);
    expect(samples.filter((s) => s.name === 'progressive_release_rollbacks').map((s) => s.labels.reason_code)).toEqual(['gate-failed']);
  });
});

describe('across invocations', () => {
  const releaseSeries = (s: Sample[]) => s.filter((x) => !x.name.includes('github') && !x.name.includes('invocation'));

  it('a second invocation renders the first one`s values plus its own: the same state renders the same series', async () => {
    const { plan, start, paused, end } = promotedRelease();
    const run = await invocation(plan, start, paused);
    const reconcile = await invocation(plan, paused, end, [], { kind: 'reconcile' });
    const again = await invocation(plan, end, end, [], { kind: 'reconcile' });
    // Idempotent: pushing the finished state again says exactly what the reconcile said.
    expect(releaseSeries(again.samples)).toEqual(releaseSeries(reconcile.samples));
    // The run saw the canary (one dispatch, 7 s); the reconcile keeps it and adds stage main's two.
    expect(sample(run.samples, 'progressive_release_dispatch_latency_seconds_count', { stage: 'canary' })).toBe(1);
    expect(sample(reconcile.samples, 'progressive_release_dispatch_latency_seconds_count', { stage: 'canary' })).toBe(1);
    expect(sample(reconcile.samples, 'progressive_release_dispatch_latency_seconds_sum', { stage: 'canary' })).toBe(7);
    expect(sample(run.samples, 'progressive_release_awaiting_people', { scope: 'stage' })).toBe(1);
    expect(sample(run.samples, 'progressive_release_status', { status: 'paused' })).toBe(1);
    expect(run.samples.some((s) => s.name === 'progressive_release_outcome')).toBe(false);
  });

  it('rendering again (a live push, then the final one) counts nothing twice', async () => {
    const { plan, end } = promotedRelease();
    const file = join(mkdtempSync(join(tmpdir(), 'pr-metrics-')), 'release.prom');
    const sink = createMetricsSink({ metricsFile: file, env: {}, warn: () => undefined, setSecret: () => undefined, now: () => T0 });
    sink.opened(ctxOf(plan), end);
    await sink.flush(AbortSignal.timeout(5_000));
    const first = readFileSync(file, 'utf8');
    await sink.flush(AbortSignal.timeout(5_000));
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(sample(parseSamples(first), 'progressive_release_dispatch_latency_seconds_count', { stage: 'main' })).toBe(2);
  });

  it('a thousand releases (versions, run ids) of one plan make the series of one', async () => {
    const plan = twoStages();
    const keys = new Set<string>();
    let one = 0;
    for (let i = 0; i < 1000; i++) {
      const h = new Harness(plan);
      const version = `1.${i}.0`;
      h.state = { ...h.state, version, releaseId: `app-${version}` };
      h.start();
      walk(h, 'c1');
      const { samples } = await invocation(plan, h.state, h.state, [], { releaseId: `app-${version}`, version, runId: String(9_000 + i) });
      if (i === 0) one = new Set(samples.map(seriesKey)).size;
      for (const s of samples) {
        keys.add(seriesKey(s));
        expect(Object.values(s.labels).some((v) => v.includes(version) || v.includes(String(9_000 + i)))).toBe(false);
      }
    }
    expect(one).toBeGreaterThan(50);
    expect(keys.size).toBe(one);
  }, 60_000);
});

describe('GitHub requests of the invocation', () => {
  const rec = (over: Partial<GitHubRequestRecord>): GitHubRequestRecord => ({
    method: 'GET',
    route: '/repos/{owner}/{repo}/actions/runs/{run_id}',
    status: 200,
    startedAt: T0,
    durationMs: 120,
    notModified: false,
    ...over,
  });

  it.each<[string, GitHubRequestRecord[], Array<[string, Record<string, string>, number]>]>([
    [
      'counted by method, route template and status class; 304s apart',
      [
        rec({ rateLimitRemaining: 990 }),
        rec({ status: 304, notModified: true, rateLimitRemaining: 990 }),
        rec({ status: 304, notModified: true }),
        rec({ method: 'POST', route: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', status: 204, rateLimitRemaining: 987 }),
        rec({ status: 0, durationMs: 10_000 }),
        rec({ status: 502 }),
        // A pagination link handed to the client whole: its ids and page never become a series.
        rec({ route: 'https://api.github.com/repositories/123456/actions/runs?page=2&per_page=100' }),
        rec({ route: 'https://api.github.com/repositories/654321/actions/runs?page=3' }),
        rec({ route: '/repos/{owner}/{repo}/x\ny', method: 'get\n' }),
      ],
      [
        ['progressive_release_github_requests_total', { method: 'GET', route: '/repos/{owner}/{repo}/actions/runs/{run_id}', status_class: '2xx' }, 1],
        ['progressive_release_github_requests_total', { method: 'GET', status_class: '3xx' }, 2],
        ['progressive_release_github_requests_total', { method: 'GET', status_class: 'error' }, 1],
        ['progressive_release_github_requests_total', { method: 'GET', status_class: '5xx' }, 1],
        ['progressive_release_github_requests_total', { method: 'POST', status_class: '2xx' }, 1],
        ['progressive_release_github_requests_not_modified_total', { method: 'GET' }, 2],
        ['progressive_release_github_requests_total', { method: 'GET', route: '/repositories/{id}/actions/runs' }, 2],
        ['progressive_release_github_requests_total', { method: 'other', route: 'other' }, 1],
        // The last answer that carried the header, not the lowest nor the first.
        ['progressive_release_github_rate_limit_remaining', {}, 987],
        ['progressive_release_github_request_duration_seconds_count', { method: 'GET' }, 7],
        ['progressive_release_github_request_duration_seconds_sum', { method: 'GET' }, 10.72],
        ['progressive_release_invocation_duration_seconds', {}, 90],
      ],
    ],
  ])('%s', async (_name, requests, expected) => {
    const { plan, end } = heldRelease();
    const { samples, text } = await invocation(plan, end, end, requests);
    expect(promtoolProblems(text)).toBe('');
    for (const [name, labels, want] of expected) expect(sample(samples, name, labels), `${name}${JSON.stringify(labels)}`).toBeCloseTo(want, 6);
  });
});

describe('names the plan does not have (a hand-edited ledger, a replaced plan)', () => {
  it('a verdict under a name the plan lacks still counts, as other; a value under it is left out', async () => {
    const plan = makePlan({ stages: [stage('one', ['us-east-1'])], gates: [gate('errors', { max: 0.01 })] });
    const h = new Harness(plan);
    h.start();
    h.finishRun('us-east-1');
    const at = h.now;
    const forged = [
      { at, kind: 'gate-failed', stage: 'one', region: 'us-east-1', step: 0, gate: 'latency', reasonCode: 'above-max', reason: 'forged' },
      {
        at,
        kind: 'measurement',
        stage: 'gone',
        region: 'us-east-1',
        step: 0,
        gate: 'errors',
        reasonCode: 'above-max',
        reason: 'forged',
        numbers: { value: 9 },
      },
      { at, kind: 'step-started', stage: 'one', region: 'us-east-1', step: 41, reasonCode: 'step-started', reason: 'forged' },
      { at: at + 1_000, kind: 'step-passed', stage: 'one', region: 'us-east-1', step: 41, reasonCode: 'step-passed', reason: 'forged' },
    ] as State['history'];
    const state: State = { ...h.state, history: [...h.state.history, ...forged] };
    const { samples, text } = await invocation(plan, state, state);
    expect(sample(samples, 'progressive_release_gate_verdicts', { stage: 'one', gate: 'other', verdict: 'failed' })).toBe(1);
    expect(sample(samples, 'progressive_release_gate_measurements', { stage: 'other', gate: 'errors', reason_code: 'above-max' })).toBe(1);
    expect(samples.some((s) => s.name === 'progressive_release_gate_value' && s.value === 9)).toBe(false);
    expect(sample(samples, 'progressive_release_step_duration_seconds_count', { stage: 'one', step: 'other' })).toBe(1);
    expect(text).not.toMatch(/"latency"|"gone"|step="42"/);
  });
});

describe('the metrics file in a job', () => {
  it('carries the repository beside the plan (a file has no group)', async () => {
    const plan = makePlan();
    const h = new Harness(plan);
    h.start();
    const file = join(mkdtempSync(join(tmpdir(), 'pr-metrics-')), 'release.prom');
    const sink = createMetricsSink({
      metricsFile: file,
      env: {},
      repository: 'acme/shop',
      warn: () => undefined,
      setSecret: () => undefined,
      now: () => T0,
    });
    sink.opened(ctxOf(plan), h.state);
    await sink.flush(AbortSignal.timeout(5_000));
    const samples = parseSamples(readFileSync(file, 'utf8'));
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.labels.repository === 'acme/shop' && s.labels.plan === plan.name)).toBe(true);
  });
});
