/** The pre-flight report without a network: a counting MetricsPort stands in for the backends. */
import { describe, expect, it, vi } from 'vitest';
import { formatPreflight, preflight } from '../src/metrics/preflight-report.js';
import { planCommand } from '../src/cli/plan.js';
import { loadPlanText } from '../src/plan/load.js';
import type { MeasureRequest, MetricsPort } from '../src/driver/ports.js';
import type { Observation } from '../src/core/values.js';
import { edit } from './fixtures/base-plan.js';

function planFrom(text: string) {
  const loaded = loadPlanText(text, 'plan.yml', { workflowsDir: false });
  if (!loaded.plan) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.plan;
}

function port(answer: (req: MeasureRequest) => Observation): MetricsPort & { calls: MeasureRequest[] } {
  const calls: MeasureRequest[] = [];
  return { calls, measure: async (req) => (calls.push(req), answer(req)), measureRange: async () => ({ kind: 'error', message: 'not used' }) };
}

const TWO_STEPS = edit(
  ['regions: [us-east-1]', 'regions: [us-east-1, eu-west-1]'],
  ['steps: [{traffic: 100, bake: 5m}]', 'steps: [{traffic: 10, bake: 5m}, {traffic: 100, bake: 5m}]'],
);
const opts = (metrics: MetricsPort) => ({ version: 'v2', releaseId: 'app-v2', ref: 'main', metrics, at: Date.UTC(2026, 10, 23) });

describe('preflight', () => {
  it('queries each distinct rendered request once and judges each check with the core verdict', async () => {
    const metrics = port((req) => ({ kind: 'value', value: req.context.region === 'eu-west-1' ? 3 : 0.5 }));
    const report = await preflight(planFrom(TWO_STEPS), opts(metrics));
    // 2 regions x 2 steps = 4 checks, but the query does not depend on the step: 2 requests.
    expect(report.checks).toHaveLength(4);
    expect(metrics.calls).toHaveLength(2);
    expect(metrics.calls.every((c) => c.at === Date.UTC(2026, 10, 23))).toBe(true);
    expect(report.ok).toBe(true);
    const eu = report.checks.find((c) => c.region === 'eu-west-1');
    expect(eu).toMatchObject({ request: 'up{region="eu-west-1"}', evaluable: true, verdict: { phase: 'failed', reasonCode: 'above-max' } });
    expect(report.dispatches).toHaveLength(4);
    expect(report.dispatches[1]).toMatchObject({
      region: 'us-east-1',
      step: 1,
      traffic: 100,
      workflow: 'deploy.yml',
      ref: 'main',
      inputs: { region: 'us-east-1' },
    });
    expect(formatPreflight(report)).toContain('ready: all 4 gate checks can be evaluated');
  });

  it('no data and errors are not evaluable, unless onNoData decides', async () => {
    const noData = port(() => ({ kind: 'no-data', detail: 'empty vector' }));
    expect((await preflight(planFrom(TWO_STEPS), opts(noData))).ok).toBe(false);
    const decided = await preflight(planFrom(TWO_STEPS.replace('max: 1', 'max: 1\n    onNoData: fail')), opts(noData));
    expect(decided.ok).toBe(true);
    const failing = await preflight(planFrom(TWO_STEPS), opts(port(() => ({ kind: 'error', message: 'HTTP 503' }))));
    expect(failing.ok).toBe(false);
    expect(formatPreflight(failing)).toMatch(
      /FAIL errors @ one\/us-east-1 step 1 \(10%\) \[prom\]\n\s+request: up\{region="us-east-1"\}\n\s+answer:\s+error: HTTP 503/,
    );
    // One cause failing every check is said once at the end, with the count.
    const text = formatPreflight(failing);
    const why = text.slice(text.indexOf('WHY (each distinct answer once)'));
    expect(why.split('\n').filter((l) => l.includes('checks:'))).toEqual(['   4 checks: [prom] error: HTTP 503 (first: errors @ one/us-east-1 step 1)']);
  });

  it('an unsafe value makes the plan not ready even when the backend answers', async () => {
    const text = TWO_STEPS.replace('query: up{region="{{ region }}"}', 'query: up{region="{{ region }}"} > {{ version }}');
    const report = await preflight(planFrom(text), { ...opts(port(() => ({ kind: 'value', value: 0 }))), version: '1 or vector(1)' });
    expect(report.ok).toBe(false);
    expect(report.unsafe[0]?.message).toContain('{{ version }}');
    expect(report.checks[0]?.request).toContain('<cannot render');
  });

  it('the CLI answers bad usage with 2 and an invalid plan with 1', async () => {
    const out: string[] = [];
    const io = { out: (t: unknown) => out.push(String(t)), err: (t: unknown) => out.push(String(t)), env: {} };
    expect(await planCommand([], io)).toBe(2);
    expect(await planCommand(['a.yml', '--bogus'], io)).toBe(2);
    expect(await planCommand(['/nonexistent/plan.yml'], io)).toBe(1);
    expect(out.join('')).toContain('file not found');
  });
});

describe('planMode (the action)', () => {
  it('reports ready with the checks in details, and fails the step when a gate cannot be evaluated', async () => {
    const { startRecordedServer } = await import('./support/recorded-server.js');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { planMode } = await import('../src/modes/plan.js');
    // core.info writes the report to stdout (the runner log); keep the test output clean.
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let value = '0.5';
    const server = await startRecordedServer(() => ({ body: { status: 'success', data: { resultType: 'scalar', result: [1, value] } } }));
    const dir = mkdtempSync(join(tmpdir(), 'pr-planmode-'));
    try {
      const file = join(dir, 'release-plan.yml');
      writeFileSync(file, TWO_STEPS.replace('https://prom.example.com', server.url));
      const settings = { plan: file, token: '', mode: 'plan' as const, version: 'v3' };
      const ready = await planMode(settings, { env: {} });
      expect(ready).toMatchObject({ decision: 'ready', reasonCode: 'preflight-ok', releaseId: 'app-v3' });
      expect(ready.failed).toBeUndefined();
      expect((ready.details?.checks as unknown[]).length).toBe(4);
      value = 'NaN';
      const notReady = await planMode(settings, { env: {} });
      expect(notReady).toMatchObject({ decision: 'not-ready', reasonCode: 'gate-not-evaluable', failed: 'pre-flight: 4 gate checks cannot be evaluated' });
    } finally {
      quiet.mockRestore();
      rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  });
});
