/**
 * Range reads against the REAL Prometheus (Debian package): samples at times we chose, written
 * into its TSDB before it starts (promtool backfill), so every point of a `query_range` answer can
 * be checked at its time, gaps and NaN included. The queries use `last_over_time(x[30s])` so a
 * step sees only a sample taken at that step: Prometheus' 5-minute lookback would otherwise carry
 * a value over a short gap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsPort } from '../src/metrics/registry.js';
import type { Provider } from '../src/plan/types.js';
import type { SeriesObservation } from '../src/core/values.js';
import { rangeRequest } from './support/metrics-fixtures.js';
import { startPrometheus, type PrometheusServer } from './support/prometheus.js';

const STEP = 60_000;
const STEPS = 31;
// Whole hours, three hours ago: inside the retention, and a block of its own beside the (empty) head.
const BASE = (Math.floor(Date.now() / 3_600_000) - 3) * 3_600_000;
const at = (k: number) => BASE + k * STEP;
const seconds = (k: number) => (at(k) / 1000).toFixed(0);

/** The OpenMetrics lines of one series: `value(k)` at each step k (undefined: no sample). */
function samples(series: string, value: (k: number) => string | undefined): string[] {
  const out: string[] = [];
  for (let k = 0; k < STEPS; k++) {
    const v = value(k);
    if (v !== undefined) out.push(`${series} ${v} ${seconds(k)}`);
  }
  return out;
}

const OPEN_METRICS = [
  '# TYPE pr_range_value gauge',
  // k/10 at every step but a NaN at 5 and nothing from 11 to 19.
  ...samples('pr_range_value{region="eu-west-1"}', (k) => (k === 5 ? 'NaN' : k > 10 && k < 20 ? undefined : String(k / 10))),
  '# TYPE pr_range_requests gauge',
  // Two series: code 200 answers k (NaN at 3), code 500 answers 10k (no sample at 7).
  ...samples('pr_range_requests{code="200",region="us-east-1"}', (k) => (k === 3 ? 'NaN' : String(k))),
  ...samples('pr_range_requests{code="500",region="us-east-1"}', (k) => (k === 7 ? undefined : String(10 * k))),
  '# TYPE pr_range_odd gauge',
  // Label values a backend may hold: a quote and a line break (which must not start a new log line).
  ...samples('pr_range_odd{note="a \\"quoted\\"\\n::error::line",region="x"}', () => '1'),
  ...samples('pr_range_odd{note="plain",region="x"}', () => '2'),
  '# TYPE pr_range_inf gauge',
  ...samples('pr_range_inf{region="x"}', (k) => (k === 0 ? '+Inf' : '1')),
  '# EOF',
].join('\n');

let prom: PrometheusServer;
beforeAll(async () => {
  prom = await startPrometheus({ targets: [], backfill: OPEN_METRICS, readyQuery: 'vector(1)' });
}, 60_000);
afterAll(async () => prom?.stop());

const provider = (): Provider => ({ type: 'prometheus', name: 'prom', url: prom.url, timeoutMs: 5000 }) as Provider;
const port = () => createMetricsPort({ providers: {} }, {}, { setSecret: () => {} });
const range = { start: at(0), end: at(STEPS - 1), stepMs: STEP };
const read = (query: string, g: Parameters<typeof rangeRequest>[3] = {}): Promise<SeriesObservation> =>
  port().measureRange(rangeRequest(provider(), query, range, g));
const points = (obs: SeriesObservation) => (obs.kind === 'series' ? obs.points : []);

describe('query_range against the real Prometheus', () => {
  it('reads a known series point by point, at the step times, a gap and a NaN counted in missing', async () => {
    const obs = await read('last_over_time(pr_range_value{region="{{ region }}"}[30s])');
    expect(obs.kind, JSON.stringify(obs)).toBe('series');
    const want = Array.from({ length: STEPS }, (_, k) => k)
      .filter((k) => k !== 5 && !(k > 10 && k < 20))
      .map((k) => ({ at: at(k), value: k / 10 }));
    expect(points(obs)).toEqual(want);
    expect(obs).toMatchObject({ missing: 10, detail: expect.stringContaining('10 of 31 steps missing (1 NaN or infinite, 9 without a value)') });
  });

  it('never turns a NaN or an infinite sample into a value', async () => {
    const nan = await read('last_over_time(pr_range_value{region="{{ region }}"}[30s])');
    expect(points(nan).map((p) => p.at)).not.toContain(at(5));
    expect(points(nan).every((p) => Number.isFinite(p.value))).toBe(true);
    const inf = await read('last_over_time(pr_range_inf[30s])');
    expect(inf).toMatchObject({ kind: 'series', missing: 1 });
    expect(points(inf)[0]).toEqual({ at: at(1), value: 1 });
  });

  it('refuses several series without a reducer, naming them', async () => {
    const obs = await read('last_over_time(pr_range_requests[30s])');
    expect(obs.kind).toBe('error');
    const message = (obs as { message: string }).message;
    expect(message).toContain('2 series');
    expect(message).toContain('pr_range_requests{code="200", region="us-east-1"}');
    expect(message).toContain('pr_range_requests{code="500", region="us-east-1"}');
    expect(await read('last_over_time(pr_range_requests[30s])', { reduce: 'last' })).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('reduce: last needs one series'),
    });
  });

  it('combines several series per step with the reducer: a NaN in one makes the step missing, a series without a sample is left out', async () => {
    const obs = await read('last_over_time(pr_range_requests[30s])', { reduce: 'sum' });
    expect(obs).toMatchObject({ kind: 'series', missing: 1 });
    const byStep = new Map(points(obs).map((p) => [p.at, p.value]));
    expect(byStep.has(at(3))).toBe(false);
    expect(byStep.get(at(2))).toBe(2 + 20);
    // At 7 only code 200 has a sample: the instant query at that time would have returned that series alone.
    expect(byStep.get(at(7))).toBe(7);
    expect(byStep.get(at(30))).toBe(30 + 300);
    const max = await read('last_over_time(pr_range_requests[30s])', { reduce: 'max' });
    expect(points(max).find((p) => p.at === at(4))?.value).toBe(40);
    const avg = await read('last_over_time(pr_range_requests[30s])', { reduce: 'avg' });
    expect(points(avg).find((p) => p.at === at(4))?.value).toBe(22);
  });

  it('quotes label values in messages: a quote or a line break from the backend stays inside its value', async () => {
    const obs = await read('last_over_time(pr_range_odd[30s])');
    const message = (obs as { message: string }).message;
    expect(message).toContain('note="a \\"quoted\\"\\n::error::line"');
    expect(message).not.toMatch(/[\r\n]/);
  });

  it('says no data for a query that matches nothing, and carries Prometheus’ message for a bad query', async () => {
    expect(await read('last_over_time(pr_range_missing[30s])')).toMatchObject({ kind: 'no-data', detail: 'the query returned no series' });
    expect(await read('sum(rate(pr_range_value[30s])')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/Prometheus: HTTP 400 \(bad_data\): .*parse error/),
    });
  });

  it('sends the same range by POST when the gate says so', async () => {
    const obs = await read('last_over_time(pr_range_value{region="{{ region }}"}[30s])', { method: 'POST' });
    expect(points(obs)).toHaveLength(STEPS - 10);
  });
});
