/**
 * SLO gates in the core: a measurement is four reads (good/total over the short and long
 * windows); it fails only when both windows burn the error budget faster than the factor, and a
 * window without events or without an answer is never a pass.
 */
import { describe, expect, it } from 'vitest';
import { assessSlo } from '../src/core/slo-gate.js';
import type { Observation, SloObservation } from '../src/core/values.js';
import type { Gate, SloSpec } from '../src/plan/types.js';
import { Harness } from './support/harness.js';
import { gate, makePlan } from './support/plans.js';

const SLO: SloSpec = { good: 'good[{{ window }}]', total: 'total[{{ window }}]', objective: 0.999, shortMs: 300_000, longMs: 3_600_000, factor: 14.4 };

function sloGate(over: Partial<Gate> = {}): Gate & { slo: SloSpec } {
  return { ...gate('errors', { query: undefined, max: undefined, ...over }), slo: SLO } as Gate & { slo: SloSpec };
}

const v = (value: number): Observation => ({ kind: 'value', value });
/** Error ratios per window, over 1,000 events each: burn = ratio / 0.001. */
function reads(shortRatio: number | Observation, longRatio: number | Observation): SloObservation {
  const win = (r: number | Observation) => (typeof r === 'number' ? { good: v(1000 * (1 - r)), total: v(1000) } : { good: r, total: r });
  return { kind: 'slo', short: win(shortRatio), long: win(longRatio) };
}
const NO_DATA: Observation = { kind: 'no-data', detail: 'empty result' };
const ERR: Observation = { kind: 'error', message: 'HTTP 503' };

describe('assessSlo: one measurement', () => {
  const cases: Array<[string, SloObservation, string, string, RegExp]> = [
    [
      'both windows above the factor: failed',
      reads(0.0213, 0.015),
      'failed',
      'burn-rate-above-factor',
      /^burn rate 21\.3x over 5m and 15\.0x over 1h, both above 14\.4x \(objective 99\.9%\)$/,
    ],
    [
      'only the short window above: passes (a blip)',
      reads(0.05, 0.002),
      'successful',
      'burn-rate-within-factor',
      /50\.0x over 5m and 2x over 1h: only the short window above 14\.4x/,
    ],
    ['only the long window above: passes (it is over)', reads(0.001, 0.02), 'successful', 'burn-rate-within-factor', /only the long window above/],
    ['both at the factor exactly: passes (fail when faster)', reads(0.0144, 0.0144), 'successful', 'burn-rate-within-factor', /neither above/],
    [
      'no events in the short window: no data, inconclusive',
      { kind: 'slo', short: { good: v(0), total: v(0) }, long: reads(0, 0.5).long },
      'inconclusive',
      'no-data',
      /no events over 5m \(total 0\)/,
    ],
    ['a read without series: no data', reads(NO_DATA, 0.02), 'inconclusive', 'no-data', /good events over 5m: empty result/],
    ['NaN events: no data', { kind: 'slo', short: { good: v(NaN), total: v(NaN) }, long: reads(0, 0).long }, 'inconclusive', 'no-data', /is NaN/],
    ['a backend error: an error, never a value', reads(0.5, ERR), 'error', 'metric-error', /over 1h: HTTP 503/],
    // Swapped or double-counted queries must not read as a perfect window (burn rate 0).
    [
      'more good events than total: an error, never a burn of 0',
      { kind: 'slo', short: { good: v(200), total: v(100) }, long: reads(0, 0).long },
      'error',
      'metric-error',
      /good events 200 and total events 100 over 5m do not fit/,
    ],
    ['negative good events: an error', { kind: 'slo', short: reads(0, 0).short, long: { good: v(-1), total: v(100) } }, 'error', 'metric-error', /do not fit/],
  ];
  it.each(cases)('%s', (_name, obs, phase, code, reason) => {
    const verdict = assessSlo(obs, sloGate());
    expect(verdict).toMatchObject({ phase, reasonCode: code });
    expect(verdict.reason).toMatch(reason);
    expect(verdict.numbers).toMatchObject({ factor: 14.4, objective: 0.999 });
    if (phase === 'failed' || phase === 'successful') expect(verdict.numbers.burnRateShort).toBeTypeOf('number');
  });

  it('the burn rates go into the numbers', () => {
    const n = assessSlo(reads(0.0213, 0.015), sloGate()).numbers;
    expect(n.burnRateShort).toBeCloseTo(21.3, 9);
    expect(n.burnRateLong).toBeCloseTo(15, 9);
    expect(n.threshold).toBe(14.4);
  });

  it('onNoData: pass never passes an slo gate without events', () => {
    const verdict = assessSlo(reads(NO_DATA, NO_DATA), sloGate({ onNoData: 'pass' }));
    expect(verdict.phase).toBe('inconclusive');
    expect(verdict.reason).toContain('onNoData: pass does not pass an slo gate without events');
  });

  it('onNoData: fail fails it', () => {
    expect(assessSlo(reads(NO_DATA, 0), sloGate({ onNoData: 'fail' })).phase).toBe('failed');
  });

  it('a plain value for an slo gate is an error, never a pass', () => {
    expect(assessSlo({ kind: 'value', value: 0 }, sloGate()).phase).toBe('error');
  });
});

describe('an slo gate over a bake', () => {
  function bake(next: () => SloObservation) {
    const h = new Harness(makePlan({ gates: [sloGate()] }));
    h.start();
    h.finishRun('us-east-1');
    h.bake('us-east-1', next);
    return h;
  }

  it('burning fast in both windows rolls the region back, the verdict naming the burn rates', () => {
    const h = bake(() => reads(0.0213, 0.015));
    expect(h.region('us-east-1').phase).toBe('rolling-back');
    const failed = h.state.history.find((e) => e.kind === 'gate-failed');
    expect(failed?.reason).toContain('burn rate 21.3x over 5m and 15.0x over 1h, both above 14.4x (objective 99.9%)');
    expect(failed?.numbers).toMatchObject({ factor: 14.4, threshold: 14.4 });
    const region = h.state.history.find((e) => e.kind === 'region-failed');
    expect(region?.reason).toContain('burn rate 21.3x');
  });

  it('a short blip that the long window does not confirm promotes', () => {
    const h = bake(() => reads(0.05, 0.002));
    expect(h.state.outcome?.decision).toBe('promoted');
  });

  it('no events at all never promotes', () => {
    const h = bake(() => reads(NO_DATA, NO_DATA));
    expect(h.state.outcome?.decision).not.toBe('promoted');
    expect(h.region('us-east-1').phase).toBe('awaiting-approval');
  });

  it('a plain gate answered with slo reads is an error', () => {
    const h = new Harness(makePlan());
    h.start();
    h.finishRun('us-east-1');
    h.bake('us-east-1', () => reads(0, 0));
    expect(h.state.outcome?.decision).not.toBe('promoted');
    expect(h.state.history.find((e) => e.kind === 'gate-failed')?.reasonCode).toBe('gate-errors');
  });
});
