/**
 * An slo gate against the REAL Prometheus (Debian package) scraping the demo service: the four
 * reads go through the prometheus provider as plain queries ({{ window }} = 5s and 10s), and the
 * core's judge fails a region whose errors burn the budget in both windows and passes a healthy
 * one; the freeze's budget read sees the spent budget. Wall clock: a few seconds of scrapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoService, type DemoService } from '../demo/service.js';
import { assessSlo, countsOf } from '../src/core/slo-gate.js';
import { budgetRemaining } from '../src/core/stats/burn-rate.js';
import { measureSlo, readEvents } from '../src/driver/measure-slo.js';
import { createMetricsPort } from '../src/metrics/registry.js';
import type { Gate, SloSpec } from '../src/plan/types.js';
import { context, prometheus } from './support/metrics-fixtures.js';
import { gate } from './support/plans.js';
import { pollUntil, promQuery, startPrometheus, type PrometheusServer } from './support/prometheus.js';

let demo: DemoService;
let prom: PrometheusServer;

beforeAll(async () => {
  demo = await startDemoService({ regions: ['eu-west-1', 'us-east-1'] });
  // From the start, so both windows see the same error ratio.
  demo.setFault('us-east-1', { errorRate: 0.2 });
  prom = await startPrometheus({ targets: [`127.0.0.1:${demo.port}`] });
  // The long window needs its 10s of scrapes for both regions.
  await pollUntil(
    'a 10s request rate in both regions',
    async () => ((await promQuery(prom.url, 'count(sum by (region) (rate(demo_requests_total[10s])) > 0) == 2')).length > 0 ? true : undefined),
    30_000,
    200,
  );
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  await demo?.stop();
});

const SLO: SloSpec = {
  good: 'sum(rate(demo_requests_total{region="{{ region }}",code!~"5.."}[{{ window }}])) or vector(0)',
  total: 'sum(rate(demo_requests_total{region="{{ region }}"}[{{ window }}]))',
  objective: 0.99,
  shortMs: 5_000,
  longMs: 10_000,
  factor: 5,
};
const GATE = { ...gate('availability', { query: undefined, max: undefined }), slo: SLO } as Gate & { slo: SloSpec };
const port = () => createMetricsPort({ providers: {} }, {}, { setSecret: () => {} });

function target(region: string) {
  return { gate: GATE, provider: prometheus(prom.url), context: context({ region }), at: Date.now() };
}

describe('an slo gate against the real Prometheus', () => {
  it('20% errors burn 20x the 1% budget in both windows: failed, naming the burn rates', async () => {
    const verdict = assessSlo(await measureSlo(port(), target('us-east-1')), GATE);
    expect(verdict.phase).toBe('failed');
    expect(verdict.reason).toMatch(/^burn rate \d+\.\dx over 5s and \d+\.\dx over 10s, both above 5x \(objective 99%\)$/);
    expect(verdict.numbers.burnRateShort).toBeGreaterThan(10);
    expect(verdict.numbers.burnRateLong).toBeGreaterThan(10);
  });

  it('a healthy region burns nothing: successful', async () => {
    const verdict = assessSlo(await measureSlo(port(), target('eu-west-1')), GATE);
    expect(verdict).toMatchObject({ phase: 'successful', reasonCode: 'burn-rate-within-factor' });
    expect(verdict.numbers.burnRateLong).toBe(0);
  });

  it('a region without traffic is no data, never a pass', async () => {
    const verdict = assessSlo(await measureSlo(port(), target('ap-south-1')), GATE);
    expect(verdict.phase).toBe('inconclusive');
    expect(verdict.noData).toBe(true);
  });

  it("the freeze's read over a period sees the spent budget", async () => {
    const reads = await readEvents(port(), target('us-east-1'), 10_000);
    const c = countsOf(reads, '10s');
    if (!('counts' in c)) throw new Error(JSON.stringify(c));
    // 20% bad against a 1% budget: spent many times over.
    expect(budgetRemaining(c.counts, SLO.objective)).toBeLessThan(-10);
  });
});
