/**
 * Gates against the REAL Prometheus (Debian package) scraping the demo service every second,
 * and a Pushgateway as a second path. Provider-level queries first, then whole releases on the
 * wall clock (short intervals: each release takes ~10 s of real time), then Prometheus stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPlanText, planOf, runDemoRelease, verdictLines } from '../demo/release.js';
import { startDemoService, type DemoService } from '../demo/service.js';
import { createMetricsPort } from '../src/metrics/registry.js';
import { planCommand } from '../src/cli/plan.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry } from '../src/core/state.js';
import type { Provider } from '../src/plan/types.js';
import { request } from './support/metrics-fixtures.js';
import { promQuery, startPrometheus, startPushgateway, pollUntil, type ManagedProcess, type PrometheusServer } from './support/prometheus.js';

let demo: DemoService;
let prom: PrometheusServer;
let pushgw: ManagedProcess & { push(job: string, text: string): Promise<void> };

beforeAll(async () => {
  demo = await startDemoService({ regions: ['eu-west-1', 'us-east-1'] });
  pushgw = await startPushgateway();
  await pushgw.push('release_checks', 'release_gate_value{region="eu-west-1"} 0.42');
  prom = await startPrometheus({ targets: [`127.0.0.1:${demo.port}`], pushgateway: `127.0.0.1:${pushgw.port}` });
  // rate() over the window needs a few scrapes of the demo service: wait for a real rate, not a timer.
  await pollUntil(
    'a request rate',
    async () => ((await promQuery(prom.url, 'sum(rate(demo_requests_total[5s])) > 0')).length > 0 ? true : undefined),
    20_000,
    200,
  );
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  await pushgw?.stop();
  await demo?.stop();
});

const port = () => createMetricsPort({ providers: {} }, {}, { setSecret: () => {} });
const provider = (): Provider => ({ type: 'prometheus', name: 'prom', url: prom.url, timeoutMs: 2000 }) as Provider;
const measureNow = (query: string, g: Parameters<typeof request>[1] = {}) => port().measure(request(provider(), { query, ...g }, {}, Date.now()));

describe('provider against the real Prometheus', () => {
  it('reads a value', async () => {
    const obs = await measureNow('sum(demo_requests_total{region="{{ region }}"})');
    expect(obs.kind).toBe('value');
    expect((obs as { value: number }).value).toBeGreaterThan(0);
  });

  it('reads the error ratio of a healthy region as 0', async () => {
    expect(
      await measureNow(
        '(sum(rate(demo_requests_total{region="{{ region }}",code=~"5.."}[5s])) or vector(0)) / sum(rate(demo_requests_total{region="{{ region }}"}[5s]))',
      ),
    ).toMatchObject({ kind: 'value', value: 0 });
  });

  it('reads a gauge pushed through the Pushgateway', async () => {
    const obs = await pollUntil(
      'the pushed gauge',
      async () => {
        const o = await measureNow('release_gate_value{region="{{ region }}"}');
        return o.kind === 'value' ? o : undefined;
      },
      10_000,
    );
    expect(obs.value).toBe(0.42);
  });

  it('reports no data for a query matching nothing', async () => {
    expect(await measureNow('demo_requests_total{region="{{ region }}",code="418"}')).toMatchObject({ kind: 'no-data' });
  });

  it('reports 0/0 (NaN) as no data', async () => {
    expect(await measureNow('vector(0) / vector(0)')).toMatchObject({ kind: 'no-data' });
  });

  it('refuses two series, naming them', async () => {
    const obs = await measureNow('demo_requests_total{region="{{ region }}"}');
    expect(obs.kind).toBe('error');
    const message = (obs as { message: string }).message;
    expect(message).toContain('code="200"');
    expect(message).toContain('code="500"');
  });

  it("carries Prometheus' own message for a bad query", async () => {
    const obs = await measureNow('sum(rate(demo_requests_total{region="{{ region }}"}[5s])');
    expect(obs).toMatchObject({ kind: 'error', message: expect.stringMatching(/Prometheus: HTTP 400 \(bad_data\): .*parse error/) });
  });

  it('reads injected latency through the histogram', async () => {
    const p99 = 'histogram_quantile(0.99, sum by (le) (rate(demo_request_duration_seconds_bucket{region="{{ region }}"}[3s])))';
    const healthy = await measureNow(p99);
    expect(healthy.kind).toBe('value');
    expect((healthy as { value: number }).value).toBeLessThan(0.05);
    demo.setFault('eu-west-1', { latencyMs: 400 });
    try {
      const slow = await pollUntil(
        'p99 above 250 ms',
        async () => {
          const o = await measureNow(p99);
          return o.kind === 'value' && o.value > 0.25 ? o : undefined;
        },
        15_000,
        250,
      );
      expect(slow.value).toBeLessThanOrEqual(0.5);
    } finally {
      demo.reset();
    }
  });

  it('refuses a range vector', async () => {
    expect(await measureNow('demo_requests_total{region="{{ region }}",code="200"}[5s]')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('matrix'),
    });
  });
});

describe('plan (pre-flight) against the real Prometheus', () => {
  async function preflightOf(extraGates: string, stageGates: string[], args: string[] = []) {
    const dir = mkdtempSync(join(tmpdir(), 'pr-preflight-'));
    try {
      const text = demoPlanText({ promUrl: prom.url, regions: ['eu-west-1', 'us-east-1'] })
        .replace('stages:\n', `${extraGates}stages:\n`)
        .replace('gates: [error-ratio]', `gates: [${stageGates.join(', ')}]`);
      const file = join(dir, 'release-plan.yml');
      writeFileSync(file, text);
      const out: string[] = [];
      const code = await planCommand([file, '--no-workflows', ...args], { out: (t) => out.push(String(t)), err: (t) => out.push(String(t)), env: {} });
      return { code, text: out.join('') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  it('reports values, verdicts today and dispatch inputs; exit 0 when every gate can be evaluated', async () => {
    const { code, text } = await preflightOf('', ['error-ratio'], ['--version', 'v9.9.9', '--json']);
    expect(code, text).toBe(0);
    const report = JSON.parse(text) as {
      ok: boolean;
      checks: Array<{ gate: string; region: string; observation: { kind: string; value?: number }; verdict: { phase: string }; request: string }>;
      dispatches: Array<{ region: string; inputs: Record<string, string> }>;
    };
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
    for (const c of report.checks) {
      expect(c.observation).toMatchObject({ kind: 'value', value: 0 });
      expect(c.verdict.phase).toBe('successful');
      expect(c.request).toContain(`region="${c.region}"`);
      expect(c.request).toContain('[5s]');
    }
    expect(report.dispatches).toEqual(
      expect.arrayContaining([expect.objectContaining({ region: 'eu-west-1', inputs: { region: 'eu-west-1', version: 'v9.9.9', traffic: '50' } })]),
    );
  });

  it('exits 1 naming the gates that return no data or several series', async () => {
    const gates = `  teapots:\n    provider: prom\n    query: 'sum(demo_requests_total{region="{{ region }}",code="418"})'\n    max: 1\n    interval: 2s\n  by-code:\n    provider: prom\n    query: 'demo_requests_total{region="{{ region }}"}'\n    max: 1000000\n    interval: 2s\n`;
    const { code, text } = await preflightOf(gates, ['error-ratio', 'teapots', 'by-code']);
    expect(code, text).toBe(1);
    expect(text).toMatch(/FAIL teapots @ canary\/eu-west-1 step 1 \(50%\) \[prom\]\n.*\n\s+answer:\s+no data/);
    expect(text).toMatch(
      /FAIL by-code @ canary\/us-east-1 step 1[^\n]*\n.*\n\s+answer:\s+error: the query returned 2 series, expected one: demo_requests_total\{code="200"/,
    );
    expect(text).toMatch(/ok {3}error-ratio @ canary\/eu-west-1/);
    expect(text).toContain('NOT READY: 4 of 6 gate checks cannot be evaluated');
  });
});

describe('releases against the real Prometheus', () => {
  it('promotes when the service is healthy', async () => {
    const result = await runDemoRelease({ plan: planOf(demoPlanText({ promUrl: prom.url })) });
    expect(result.decision, verdictLines(result).join('\n')).toBe('promoted');
    const values = result.state.history.filter((e) => e.kind === 'measurement' && e.numbers?.value !== undefined);
    // 2 regions x 5 measurements (10 s bake / 2 s interval), every one a real value within the threshold.
    expect(values.length).toBeGreaterThanOrEqual(10);
    for (const m of values) expect(m.numbers?.value).toBeLessThanOrEqual(0.05);
  }, 40_000);

  it('rolls back when errors are injected in one region mid-bake, naming gate, value and threshold', async () => {
    let injectedAt: number | undefined;
    const onTransition = (e: HistoryEntry) => {
      // After the first successful measurement of eu-west-1: the bake is under way and was healthy.
      if (injectedAt === undefined && e.kind === 'measurement' && e.region === 'eu-west-1' && e.reasonCode === 'within-threshold') {
        demo.setFault('eu-west-1', { errorRate: 0.5 });
        injectedAt = Date.now();
      }
    };
    try {
      const result = await runDemoRelease({ plan: planOf(demoPlanText({ promUrl: prom.url })), onTransition });
      expect(injectedAt).toBeDefined();
      expect(result.decision, verdictLines(result).join('\n')).toBe('rolled-back');
      const failed = result.state.history.find((e) => e.kind === 'gate-failed');
      expect(failed).toMatchObject({ gate: 'error-ratio', region: 'eu-west-1' });
      const breach = result.state.history.find((e) => e.kind === 'measurement' && e.region === 'eu-west-1' && e.reasonCode === 'above-max');
      expect(breach?.numbers?.threshold).toBe(0.05);
      expect(breach?.numbers?.value).toBeGreaterThan(0.05);
      const verdict = verdictLines(result).join('\n');
      expect(verdict).toMatch(/gate error-ratio failed in eu-west-1: failed: value 0\.\d+ is above max 0\.05/);
      expect(result.state.regions['eu-west-1']?.phase).toBe('rolled-back');
      expect(result.github.runs.some((r) => r.kind === 'rollback' && r.region === 'eu-west-1')).toBe(true);
    } finally {
      demo.reset();
    }
  }, 40_000);

  it('a gate whose query keeps returning no data is held for a person, still measured, then rolled back; never promotes', async () => {
    const plan = planOf(
      demoPlanText({ promUrl: prom.url, regions: ['eu-west-1'], bake: '4s', query: 'sum(demo_requests_total{region="{{ region }}",code="418"})' }),
    );
    const result = await runDemoRelease({ plan });
    // Issue 10 item 6: more than consecutiveErrorLimit (1 here) answers in a row without data fail the gate.
    expect(result.decision).toBe('rolled-back');
    expect(result.state.history.find((e) => e.kind === 'gate-failed')).toMatchObject({ gate: 'error-ratio', region: 'eu-west-1', reasonCode: 'gate-no-data' });
    expect(result.state.history.find((e) => e.kind === 'gate-inconclusive')).toMatchObject({
      gate: 'error-ratio',
      region: 'eu-west-1',
      reasonCode: 'gate-inconclusive',
    });
    expect(result.state.history.find((e) => e.kind === 'measurement')?.reason).toContain('no data');
  }, 30_000);

  it('a gate whose query returns two series fails on consecutive errors naming them', async () => {
    const plan = planOf(demoPlanText({ promUrl: prom.url, regions: ['eu-west-1'], bake: '6s', query: 'demo_requests_total{region="{{ region }}"}' }));
    const result = await runDemoRelease({ plan });
    expect(result.decision).toBe('rolled-back');
    expect(result.state.history.find((e) => e.kind === 'gate-failed')).toMatchObject({ gate: 'error-ratio', reasonCode: 'gate-errors' });
    expect(result.state.history.find((e) => e.kind === 'measurement')?.reason).toMatch(/2 series, expected one: .*code="200".*code="500"/);
  }, 30_000);

  it('never promotes when Prometheus stops mid-bake: consecutive errors fail the gate', async () => {
    let stopped = false;
    const onTransition = (e: HistoryEntry) => {
      if (!stopped && e.kind === 'measurement' && e.reasonCode === 'within-threshold') {
        stopped = true;
        void prom.stop();
      }
    };
    const result = await runDemoRelease({ plan: planOf(demoPlanText({ promUrl: prom.url })), onTransition });
    expect(stopped).toBe(true);
    expect(result.decision).not.toBe('promoted');
    expect(result.decision).toBe('rolled-back');
    const failed = result.state.history.filter((e) => e.kind === 'gate-failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f.reasonCode).toBe('gate-errors');
    const errors = result.state.history.filter((e) => e.kind === 'measurement' && e.reasonCode === 'metric-error');
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]?.reason).toMatch(/ECONNREFUSED|failed/);
  }, 40_000);

  it('a stopped Prometheus is an error observation, not an exception', async () => {
    await prom.stop();
    expect(await measureNow('up')).toMatchObject({ kind: 'error', message: expect.stringContaining('ECONNREFUSED') });
  });
});
