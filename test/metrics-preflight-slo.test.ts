/**
 * `plan` mode renders and runs an slo gate's reads (good/total over its short and long windows)
 * and the freeze's (over the SLO period), each once, as the driver would read them.
 */
import { describe, expect, it } from 'vitest';
import type { MeasureRequest, MetricsPort } from '../src/driver/ports.js';
import { formatPreflight, preflight } from '../src/metrics/preflight-report.js';
import { loadPlanText } from '../src/plan/load.js';
import { BASE_PLAN } from './fixtures/base-plan.js';

const TEXT = `${BASE_PLAN.replace(
  'stages:\n',
  `  availability:
    provider: prom
    slo:
      good: sum(rate(ok{region="{{ region }}"}[{{ window }}]))
      total: sum(rate(all{region="{{ region }}"}[{{ window }}]))
      objective: 99.9%
stages:
`,
).replace('gates: [errors]', 'gates: [availability]')}freeze: { slo: availability, period: 30d, floor: 10% }
`;

function fake(answer: (window: string | undefined) => number | undefined): MetricsPort & { asked: MeasureRequest[] } {
  const asked: MeasureRequest[] = [];
  return {
    asked,
    async measure(req) {
      asked.push(req);
      const v = answer(req.context.window);
      return v === undefined ? { kind: 'no-data', detail: 'empty result' } : { kind: 'value', value: v };
    },
    async measureRange() {
      return { kind: 'error', message: 'not used' };
    },
  };
}

describe('pre-flight of slo gates and the freeze', () => {
  const loaded = loadPlanText(TEXT, 'plan.yml', { workflowsDir: false });
  const plan = loaded.plan;
  if (!plan) throw new Error(JSON.stringify(loaded.diagnostics));

  it('runs each read with {{ window }} set to its window: 5m, 1h, and the 30d period', async () => {
    const metrics = fake(() => 10);
    const r = await preflight(plan, { version: '1.0.0', releaseId: 'app-1.0.0', ref: 'main', metrics, at: 0 });
    expect(r.checks.map((c) => c.request)).toEqual([
      'sum(rate(ok{region="us-east-1"}[5m]))',
      'sum(rate(all{region="us-east-1"}[5m]))',
      'sum(rate(ok{region="us-east-1"}[1h]))',
      'sum(rate(all{region="us-east-1"}[1h]))',
      'sum(rate(ok{region="us-east-1"}[30d]))',
      'sum(rate(all{region="us-east-1"}[30d]))',
    ]);
    // The adapter is asked through a plain gate: the read's query, no slo block.
    expect(metrics.asked.every((q) => q.gate.slo === undefined && q.gate.query !== undefined)).toBe(true);
    // As the release reads them (driver/measure-slo.ts sloReadRequest): event counts, every Datadog bucket summed.
    expect(metrics.asked.every((q) => q.counts === true)).toBe(true);
    expect(metrics.asked.map((q) => q.context.window)).toEqual(['5m', '5m', '1h', '1h', '30d', '30d']);
    expect(r.ok).toBe(true);
    expect(formatPreflight(r)).toContain('today:   read: good events over 5m: 10');
    expect(formatPreflight(r)).toMatch(/freeze:availability @ one\/us-east-1/);
  });

  it('a read without data is not ready: the gate and the freeze would never pass on it', async () => {
    const r = await preflight(plan, {
      version: '1.0.0',
      releaseId: 'app-1.0.0',
      ref: 'main',
      metrics: fake((w) => (w === '30d' ? undefined : 1)),
      at: 0,
    });
    expect(r.ok).toBe(false);
    expect(formatPreflight(r)).toContain('freeze good events over 30d: no data (empty result); never a pass');
  });
});
