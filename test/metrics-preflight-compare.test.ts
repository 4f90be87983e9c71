/**
 * The pre-flight of a comparison gate: its baseline and volume queries are rendered and run as
 * checks of their own (a read without a number is not ready), and one value of the gate's own
 * query is not judged against a threshold it does not have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsPort } from '../src/metrics/registry.js';
import { startRecordedServer, type RecordedServer } from './support/recorded-server.js';
import { formatPreflight, preflight } from '../src/metrics/preflight-report.js';
import { loadPlanText } from '../src/plan/load.js';
import type { MetricsPort, MeasureRequest } from '../src/driver/ports.js';
import type { Observation } from '../src/core/values.js';

const PLAN = `name: app
deploy:
  workflow: deploy.yml
providers:
  prom:
    type: prometheus
    url: https://prom.example.com
gates:
  error-ratio:
    provider: prom
    query: errors{region="{{ region }}"}
    compare:
      baselineQuery: errors{region="stable",v="{{ version }}"}
      max: baseline * 1.2
    minVolume:
      query: requests{region="{{ region }}"}
      min: 1
stages:
  - name: one
    regions: [eu-west-1]
    steps: [{traffic: 10, bake: 30m}]
    gates: [error-ratio]
`;

describe('pre-flight of a comparison gate', () => {
  it('renders the baseline and volume queries beside the gate query, and says it is judged over the bake', async () => {
    const plan = loadPlanText(PLAN, 'plan.yml', { workflowsDir: false }).plan!;
    const metrics: MetricsPort = { measure: async () => ({ kind: 'value', value: 0.02 }), measureRange: async () => ({ kind: 'error', message: 'not used' }) };
    const report = await preflight(plan, { version: 'v2', releaseId: 'app-v2', ref: 'main', metrics, at: Date.UTC(2026, 10, 23) });
    expect(report.checks.map((c) => c.request)).toEqual(['errors{region="eu-west-1"}', 'errors{region="stable",v="v2"}', 'requests{region="eu-west-1"}']);
    expect(report.checks.slice(1).map((c) => c.verdict)).toEqual([
      { phase: 'read', reasonCode: 'comparison-read', reason: 'baselineQuery: 0.02' },
      { phase: 'read', reasonCode: 'comparison-read', reason: 'minVolume of the canary: 0.02' },
    ]);
    expect(report.checks[0]?.verdict).toMatchObject({ phase: 'look', reason: 'compared with its baselineQuery over the bake, not judged on one value' });
    expect(report.ok).toBe(true);
    expect(formatPreflight(report)).toContain('today:   look: compared with its baselineQuery over the bake');
  });

  // us-east-1 is the baseline: a later stage's region, still on the old version while stage one bakes.
  const REGION_PLAN = `${PLAN.replace('      baselineQuery: errors{region="stable",v="{{ version }}"}\n', '      baseline: us-east-1\n')}  - name: two
    regions: [us-east-1]
    steps: [{traffic: 100, bake: 1m}]
    gates: []
`;

  /** Answers by the rendered query: `answers` for the ones it names, a value for the rest; every request it was sent. */
  function port(answers: Record<string, Observation> = {}) {
    const sent: string[] = [];
    const metrics: MetricsPort = {
      measure: async (req: MeasureRequest) => {
        const q = (req.gate.query ?? '').replace('{{ region }}', req.context.region);
        sent.push(q);
        return answers[q] ?? { kind: 'value', value: 5 };
      },
      measureRange: async () => ({ kind: 'error', message: 'not used' }),
    };
    return { metrics, sent };
  }

  it('a baseline region: the gate query rendered for it, and the volume of both regions, each read once as a check', async () => {
    const loaded = loadPlanText(REGION_PLAN, 'plan.yml', { workflowsDir: false });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const plan = loaded.plan!;
    const { metrics, sent } = port();
    const report = await preflight(plan, { version: 'v2', releaseId: 'app-v2', ref: 'main', metrics, at: Date.UTC(2026, 10, 23) });
    const eu = report.checks.filter((c) => c.region === 'eu-west-1');
    expect(eu.map((c) => [c.request, c.verdict.reason])).toEqual([
      ['errors{region="eu-west-1"}', 'compared with baseline us-east-1 over the bake, not judged on one value'],
      ['errors{region="us-east-1"}', 'baseline us-east-1: 5'],
      ['requests{region="eu-west-1"}', 'minVolume of the canary: 5'],
      ['requests{region="us-east-1"}', 'minVolume of baseline us-east-1: 5'],
    ]);
    expect(report.ok).toBe(true);
    // Each read once, now, as an instant read (the range port is never asked).
    expect(sent.sort()).toEqual(['errors{region="eu-west-1"}', 'errors{region="us-east-1"}', 'requests{region="eu-west-1"}', 'requests{region="us-east-1"}']);
  });

  it.each([
    ['no data', { kind: 'no-data', detail: 'empty vector' } as Observation, /baseline us-east-1: no data \(empty vector\); never a pass/],
    ['an error', { kind: 'error', message: 'HTTP 500' } as Observation, /baseline us-east-1: HTTP 500/],
    ['a value that is not a number', { kind: 'value', value: Number.NaN } as Observation, /value is NaN/],
  ])('a baseline read answering %s is not ready, whatever onNoData says', async (_name, answer, reason) => {
    // validate refuses onNoData: pass on a comparison gate; the pre-flight must not lean on that.
    const plan = loadPlanText(REGION_PLAN, 'plan.yml', { workflowsDir: false }).plan!;
    plan.gates['error-ratio']!.onNoData = 'pass';
    // Only the baseline read says no: the canary's own read and the volumes answer a value.
    const { metrics } = port({ 'errors{region="us-east-1"}': answer });
    const report = await preflight(plan, { version: 'v2', releaseId: 'app-v2', ref: 'main', metrics, at: Date.UTC(2026, 10, 23) });
    const bad = report.checks.find((c) => c.request === 'errors{region="us-east-1"}');
    expect(report.checks.filter((c) => !c.evaluable)).toEqual([bad]);
    expect(bad?.evaluable).toBe(false);
    expect(bad?.verdict.reason).toMatch(reason);
    expect(report.ok).toBe(false);
    expect(formatPreflight(report)).toMatch(/NOT READY/);
  });

  it('a volume read without a number is not ready', async () => {
    const plan = loadPlanText(PLAN, 'plan.yml', { workflowsDir: false }).plan!;
    const { metrics } = port({ 'requests{region="eu-west-1"}': { kind: 'no-data', detail: 'empty vector' } });
    const report = await preflight(plan, { version: 'v2', releaseId: 'app-v2', ref: 'main', metrics, at: Date.UTC(2026, 10, 23) });
    expect(report.checks.map((c) => c.evaluable)).toEqual([true, true, false]);
    expect(report.ok).toBe(false);
  });

  it('http-json: the baseline and volume reads are URL templates, read where the gate reads its url', async () => {
    const text = PLAN.replace('type: prometheus\n    url: https://prom.example.com', 'type: http-json\n    url: https://metrics.example.com')
      .replace('    query: errors{region="{{ region }}"}\n', "    url: '/errors?region={{ region }}'\n    path: $.value\n")
      .replace('baselineQuery: errors{region="stable",v="{{ version }}"}', "baselineQuery: '/errors?region=stable&v={{ version }}'")
      .replace('query: requests{region="{{ region }}"}', "query: '/requests?region={{ region }}'");
    const loaded = loadPlanText(text, 'plan.yml', { workflowsDir: false });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const urls: Array<string | undefined> = [];
    const metrics: MetricsPort = {
      measure: async (req: MeasureRequest) => {
        urls.push(req.gate.query ?? req.gate.url);
        return { kind: 'value', value: 1 };
      },
      measureRange: async () => ({ kind: 'error', message: 'not used' }),
    };
    const report = await preflight(loaded.plan!, { version: 'v2', releaseId: 'app-v2', ref: 'main', metrics, at: Date.UTC(2026, 10, 23) });
    expect(report.checks.map((c) => c.request)).toEqual([
      'url: /errors?region=eu-west-1',
      'url: /errors?region=stable&v=v2',
      'url: /requests?region=eu-west-1',
    ]);
    expect(urls).toEqual(['/errors?region={{ region }}', '/errors?region=stable&v={{ version }}', '/requests?region={{ region }}']);
    expect(report.ok).toBe(true);
  });
});

describe('pre-flight requests against a backend (a loopback Prometheus)', () => {
  let server: RecordedServer;
  beforeAll(async () => {
    server = await startRecordedServer(() => ({ body: { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [0, '0.5'] }] } } }));
  });
  afterAll(async () => server.close());

  // us-east-1 is the canary's baseline and has gates of its own on the same queries: the baseline
  // read and the region's own read are one request, and so are the two volume reads of us-east-1.
  const plan = () => `name: app
deploy:
  workflow: deploy.yml
providers:
  prom:
    type: prometheus
    url: ${server.url}
gates:
  error-ratio:
    provider: prom
    query: errors{region="{{ region }}"}
    interval: 1m
    window: 1m
    compare:
      baseline: us-east-1
      max: baseline * 1.2 + 0.001
    minVolume:
      query: requests{region="{{ region }}"}
      min: 1
  errors-max:
    provider: prom
    query: errors{region="{{ region }}"}
    interval: 1m
    window: 1m
    max: 0.05
  traffic:
    provider: prom
    query: requests{region="{{ region }}"}
    interval: 1m
    window: 1m
    min: 0.1
stages:
  - name: canary
    regions: [eu-west-1]
    steps: [{traffic: 10, bake: 30m}, {traffic: 50, bake: 30m}]
    gates: [error-ratio]
  - name: rest
    regions: [us-east-1]
    steps: [{traffic: 100, bake: 30m}]
    gates: [errors-max, traffic]
`;

  it('sends each distinct (provider, rendered query, range) once, whichever checks share it', async () => {
    const loaded = loadPlanText(plan(), 'plan.yml', { workflowsDir: false });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const metrics = createMetricsPort(loaded.plan!, {}, { setSecret: () => {} });
    const report = await preflight(loaded.plan!, { version: 'v2', releaseId: 'app-v2', ref: 'main', metrics, at: Date.UTC(2026, 10, 23) });
    // 2 steps x (own, baseline, 2 volumes) in eu-west-1, 2 gates in us-east-1: 10 checks, 4 queries.
    expect(report.checks).toHaveLength(10);
    expect(report.ok).toBe(true);
    expect(server.requests.map((r) => r.url.searchParams.get('query')).sort()).toEqual([
      'errors{region="eu-west-1"}',
      'errors{region="us-east-1"}',
      'requests{region="eu-west-1"}',
      'requests{region="us-east-1"}',
    ]);
    // Each check still says which read it is.
    expect(report.checks.filter((c) => c.request === 'errors{region="us-east-1"}').map((c) => [c.gate, c.region, c.verdict.reason])).toEqual([
      ['error-ratio', 'eu-west-1', 'baseline us-east-1: 0.5'],
      ['error-ratio', 'eu-west-1', 'baseline us-east-1: 0.5'],
      ['errors-max', 'us-east-1', expect.stringContaining('0.5')],
    ]);
  });

  it('but never shares an answer between reads that differ in what shapes it (here the reducer)', async () => {
    server.requests.length = 0;
    const loaded = loadPlanText(plan().replace('    max: 0.05\n', '    max: 0.05\n    reduce: max\n'), 'plan.yml', { workflowsDir: false });
    const metrics = createMetricsPort(loaded.plan!, {}, { setSecret: () => {} });
    await preflight(loaded.plan!, { version: 'v2', releaseId: 'app-v2', ref: 'main', metrics, at: Date.UTC(2026, 10, 23) });
    // errors-max reduces its series with max, the baseline read does not: two requests of the same text.
    expect(server.requests.map((r) => r.url.searchParams.get('query')).filter((q) => q === 'errors{region="us-east-1"}')).toHaveLength(2);
  });
});
