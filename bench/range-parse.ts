/**
 * Range-read parsing: a Prometheus `query_range` answer of S series x P points, parsed (JSON.parse,
 * as the provider does) and laid onto the grid with a reducer (rangeObservationOf), at several
 * sizes of one million points and less. Prints the median of RUNS timings per size and the time per
 * point, which stays flat when the work is linear in the points. The figures go to
 * docs/benchmarks.md by hand (the lead's file), as medians and ratios from one run.
 *
 *   node --import tsx bench/range-parse.ts
 */
import { performance } from 'node:perf_hooks';
import { rangeObservationOf } from '../src/metrics/prometheus.js';
import { MAX_RANGE_STEPS } from '../src/metrics/series.js';

const RUNS = 9;
const SIZES: Array<[series: number, points: number]> = [
  [1, MAX_RANGE_STEPS],
  [10, MAX_RANGE_STEPS],
  [100, MAX_RANGE_STEPS],
  [1000, 1000],
];
const START = 1_790_000_000;

function answer(series: number, points: number): string {
  const result = [];
  for (let s = 0; s < series; s++) {
    const values: Array<[number, string]> = [];
    for (let k = 0; k < points; k++) values.push([START + k * 15, k % 97 === 0 ? 'NaN' : String((s + k) / 1000)]);
    result.push({ metric: { __name__: 'http_requests', pod: `pod-${s}` }, values });
  }
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const rows = [];
for (const [series, points] of SIZES) {
  const text = answer(series, points);
  const grid = { start: START * 1000, end: (START + (points - 1) * 15) * 1000, stepMs: 15_000, steps: points };
  const parse: number[] = [];
  const lay: number[] = [];
  for (let r = 0; r < RUNS + 2; r++) {
    const t0 = performance.now();
    const body = JSON.parse(text) as { data: unknown };
    const t1 = performance.now();
    const obs = rangeObservationOf(body.data, grid, 'sum');
    const t2 = performance.now();
    if (obs.kind !== 'series') throw new Error(`unexpected ${obs.kind}`);
    if (r >= 2) {
      parse.push(t1 - t0);
      lay.push(t2 - t1);
    }
  }
  rows.push({
    series,
    points,
    bodyMiB: +(text.length / 2 ** 20).toFixed(1),
    'JSON.parse ms': +median(parse).toFixed(1),
    'grid ms': +median(lay).toFixed(1),
    'grid ns/point': Math.round((median(lay) * 1e6) / (series * points)),
  });
}
console.table(rows);
