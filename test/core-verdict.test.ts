import { describe, expect, it } from 'vitest';
import { assessGate, assessObservation, gateTarget, newCounters } from '../src/core/verdict.js';
import type { GateCounters } from '../src/core/state.js';
import type { Observation } from '../src/core/values.js';
import { gate } from './support/plans.js';

describe('assessObservation', () => {
  const cases: Array<[string, Partial<Parameters<typeof gate>[1]>, Observation, string, string]> = [
    ['value under max', { max: 1 }, { kind: 'value', value: 0.5 }, 'successful', 'within-threshold'],
    ['value equal to max', { max: 1 }, { kind: 'value', value: 1 }, 'successful', 'within-threshold'],
    ['value above max', { max: 1 }, { kind: 'value', value: 1.0001 }, 'failed', 'above-max'],
    ['value equal to min', { min: 0.9, max: undefined }, { kind: 'value', value: 0.9 }, 'successful', 'within-threshold'],
    ['value below min', { min: 0.9, max: undefined }, { kind: 'value', value: 0.89 }, 'failed', 'below-min'],
    ['value between min and max', { min: 0.9, max: 1 }, { kind: 'value', value: 0.95 }, 'successful', 'within-threshold'],
    ['no threshold at all', { min: undefined, max: undefined }, { kind: 'value', value: 3 }, 'inconclusive', 'no-threshold'],
    ['backend error', {}, { kind: 'error', message: 'HTTP 503' }, 'error', 'metric-error'],
    ['no data, default policy', {}, { kind: 'no-data', detail: 'empty' }, 'inconclusive', 'no-data'],
    ['no data, onNoData fail', { onNoData: 'fail' }, { kind: 'no-data', detail: 'empty' }, 'failed', 'no-data-fail'],
    ['no data, onNoData pass', { onNoData: 'pass' }, { kind: 'no-data', detail: 'empty' }, 'successful', 'no-data-pass'],
    ['no data, onNoData wait', { onNoData: 'wait' }, { kind: 'no-data', detail: 'empty' }, 'wait', 'no-data-wait'],
    ['NaN is no data, never a pass', {}, { kind: 'value', value: Number.NaN }, 'inconclusive', 'no-data'],
    ['Infinity is no data', { onNoData: 'fail' }, { kind: 'value', value: Number.POSITIVE_INFINITY }, 'failed', 'no-data-fail'],
    // Part of the series answered (the others NaN or empty): a breach among them still fails; otherwise never a pass.
    [
      'part of the data, reduce max, one series above max: failed even with onNoData pass',
      { reduce: 'max', max: 0.05, onNoData: 'pass' },
      { kind: 'no-data', detail: '1 of 2 series', answered: [0.9] },
      'failed',
      'above-max',
    ],
    [
      'part of the data, reduce max, all within: onNoData pass does not apply',
      { reduce: 'max', max: 0.05, onNoData: 'pass' },
      { kind: 'no-data', detail: '1 of 2 series', answered: [0.01] },
      'inconclusive',
      'partial-data',
    ],
    [
      'part of the data, reduce min, one series below min',
      { reduce: 'min', min: 0.95, max: undefined },
      { kind: 'no-data', detail: '1 of 3 series', answered: [0.99, 0.5] },
      'failed',
      'below-min',
    ],
    [
      'part of the data, reduce sum, non-negative partial sum above max',
      { reduce: 'sum', max: 0.05, onNoData: 'wait' },
      { kind: 'no-data', detail: '1 of 3 series', answered: [0.03, 0.04] },
      'failed',
      'above-max',
    ],
    [
      'part of the data, reduce sum with a negative value: no bound, the policy decides',
      { reduce: 'sum', max: 0.05, onNoData: 'wait' },
      { kind: 'no-data', detail: '1 of 3 series', answered: [0.09, -0.5] },
      'wait',
      'no-data-wait',
    ],
    [
      'part of the data, reduce avg: no bound, the policy decides',
      { reduce: 'avg', max: 0.05, onNoData: 'fail' },
      { kind: 'no-data', detail: '1 of 2 series', answered: [0.9] },
      'failed',
      'no-data-fail',
    ],
    [
      'part of the data, reduce avg, default policy',
      { reduce: 'avg', max: 0.05 },
      { kind: 'no-data', detail: '1 of 2 series', answered: [0.01] },
      'inconclusive',
      'no-data',
    ],
  ];
  it.each(cases)('%s', (_name, over, obs, phase, code) => {
    const v = assessObservation(obs, gate('g', over));
    expect(v.phase).toBe(phase);
    expect(v.reasonCode).toBe(code);
    expect(v.reason.length).toBeGreaterThan(5);
  });

  it('carries the value and the threshold that was crossed', () => {
    const v = assessObservation({ kind: 'value', value: 2 }, gate('g', { max: 1 }));
    expect(v.numbers).toMatchObject({ value: 2, max: 1, threshold: 1 });
    expect(v.reason).toContain('above max 1');
  });
});

describe('assessGate: limits trip when exceeded (>), not when reached', () => {
  const counters = (over: Partial<GateCounters>): GateCounters => ({ ...newCounters(5, 0), ...over });
  const cases: Array<[string, Partial<GateCounters>, Partial<Parameters<typeof gate>[1]>, string, string]> = [
    ['failures at failureLimit keep measuring', { measurements: 2, successful: 1, failed: 1 }, { failureLimit: 1 }, 'measuring', 'gate-measuring'],
    ['failures at failureLimit+1 fail', { measurements: 2, failed: 2 }, { failureLimit: 1 }, 'failed', 'gate-failed'],
    ['default failureLimit 0: first failure fails', { measurements: 1, failed: 1 }, {}, 'failed', 'gate-failed'],
    ['inconclusive at limit keep measuring', { measurements: 2, successful: 1, inconclusive: 1 }, { inconclusiveLimit: 1 }, 'measuring', 'gate-measuring'],
    ['inconclusive at limit+1 pause', { measurements: 2, inconclusive: 2 }, { inconclusiveLimit: 1 }, 'inconclusive', 'gate-inconclusive'],
    ['consecutive errors at limit keep measuring', { errors: 4, consecutiveErrors: 4 }, { consecutiveErrorLimit: 4 }, 'measuring', 'gate-measuring'],
    ['consecutive errors at limit+1 fail', { errors: 5, consecutiveErrors: 5 }, { consecutiveErrorLimit: 4 }, 'failed', 'gate-errors'],
    ['consecutiveErrorLimit 0: first error fails', { errors: 1, consecutiveErrors: 1 }, { consecutiveErrorLimit: 0 }, 'failed', 'gate-errors'],
    ['all measurements in and successful: passed', { measurements: 5, successful: 5 }, {}, 'passed', 'gate-passed'],
    ['all in, one tolerated failure: passed', { measurements: 5, successful: 4, failed: 1 }, { failureLimit: 1 }, 'passed', 'gate-passed'],
    [
      'all in but none successful: inconclusive, never a pass',
      { measurements: 5, inconclusive: 5 },
      { inconclusiveLimit: 5 },
      'inconclusive',
      'gate-no-success',
    ],
    ['a failure beats an inconclusive', { measurements: 3, failed: 1, inconclusive: 2 }, { inconclusiveLimit: 1 }, 'failed', 'gate-failed'],
  ];
  it.each(cases)('%s', (_name, c, over, status, code) => {
    const a = assessGate(counters(c), gate('g', over));
    expect(a.status).toBe(status);
    expect(a.reasonCode).toBe(code);
  });
});

describe('gateTarget', () => {
  it.each([
    ['count wins', { count: 3 }, 600_000, 3],
    ['as many intervals as fit', {}, 600_000, 10],
    ['initial delay is taken off first', { initialDelayMs: 30_000 }, 600_000, 9],
    ['a bake shorter than an interval measures nothing', {}, 30_000, 0],
  ] as const)('%s', (_n, over, bake, want) => {
    expect(gateTarget(gate('g', over), bake)).toBe(want);
  });
});
