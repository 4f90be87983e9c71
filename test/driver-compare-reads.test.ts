/**
 * The range reads of a comparison gate's look (src/driver/perform-compare.ts): from the bake's first
 * measurement to this one at the gate's interval, the baseline rendered for its own region (or its
 * own query), the volumes beside them, and the port's answers taken as they are (the port keeps
 * its own promise: bounded text, never a throw).
 */
import { describe, expect, it } from 'vitest';
import { readComparison } from '../src/driver/perform-compare.js';
import type { MetricsPort, RangeRequest } from '../src/driver/ports.js';
import { initialState } from '../src/core/state.js';
import { compareGate, comparePlan } from './support/comparison.js';

const T = 1_700_000_000_000;
const MIN = 60_000;

function recording(answer: (r: RangeRequest) => Promise<never> | ReturnType<MetricsPort['measureRange']>) {
  const calls: RangeRequest[] = [];
  const port: MetricsPort = {
    measure: () => Promise.resolve({ kind: 'error', message: 'not used' }),
    measureRange: (r) => {
      calls.push(r);
      return answer(r);
    },
  };
  return { calls, port };
}

const effect = {
  type: 'query-metric' as const,
  region: 'eu-west-1',
  stage: 'canary',
  step: 0,
  traffic: 10,
  gates: ['error-ratio'],
  at: T + 7 * MIN,
  bakeStartedAt: T,
};

describe('a comparison look reads', () => {
  it('canary, baseline and both volumes over the bake so far, the baseline with its own region', async () => {
    const plan = comparePlan(compareGate({}, { initialDelayMs: 2 * MIN, minVolume: { query: 'req{region="{{ region }}"}', min: 1 } }));
    const { calls, port } = recording(() => Promise.resolve({ kind: 'series', points: [{ at: T + 3 * MIN, value: 1 }], missing: 0 }));
    const obs = await readComparison({ plan, state: initialState(plan, 'app-1.0.0', '1.0.0') }, effect, 'error-ratio', port);
    expect(obs.kind).toBe('comparison');
    expect(calls.map((c) => [c.query, c.context.region, c.start, c.end, c.stepMs])).toEqual([
      ['metric{region="{{ region }}"}', 'eu-west-1', T + 3 * MIN, T + 7 * MIN, MIN],
      ['metric{region="{{ region }}"}', 'us-east-1', T + 3 * MIN, T + 7 * MIN, MIN],
      ['req{region="{{ region }}"}', 'eu-west-1', T + 3 * MIN, T + 7 * MIN, MIN],
      ['req{region="{{ region }}"}', 'us-east-1', T + 3 * MIN, T + 7 * MIN, MIN],
    ]);
    // The baseline keeps what the release is doing (stage, step, window); only its region differs.
    expect(calls[1]?.context).toMatchObject({ stage: 'canary', step: { index: 0, traffic: 10 }, window: '1m' });
  });

  it("a baseline query of its own: read with the canary's context, and no baseline volume (it has no region)", async () => {
    const plan = comparePlan(compareGate({ baseline: { query: 'stable_errors' } }, { minVolume: { query: 'req', min: 1 } }));
    const { calls, port } = recording(() => Promise.resolve({ kind: 'no-data', detail: 'none' }));
    const obs = await readComparison({ plan, state: initialState(plan, 'app-1.0.0', '1.0.0') }, effect, 'error-ratio', port);
    expect(calls.map((c) => c.query)).toEqual(['metric{region="{{ region }}"}', 'stable_errors', 'req']);
    expect(obs).not.toHaveProperty('baselineVolume');
  });

  it("takes the port's answers as they are: an error read stays an error, never data", async () => {
    // The port bounds the backend's text and never throws (test/metrics-range-providers.test.ts,
    // "the registry"); the driver repeats neither rule.
    const plan = comparePlan();
    const error = { kind: 'error' as const, message: 'Datadog: HTTP 500: upstream timeout' };
    const { port } = recording((r) =>
      Promise.resolve(r.context.region === 'us-east-1' ? error : { kind: 'series', points: [{ at: T + 3 * MIN, value: 1 }], missing: 0 }),
    );
    const obs = await readComparison({ plan, state: initialState(plan, 'app-1.0.0', '1.0.0') }, effect, 'error-ratio', port);
    expect(obs).toMatchObject({ kind: 'comparison', canary: { kind: 'series' }, baseline: error });
  });

  it('a port that breaks its promise and throws is an error read (never a pass, and the batch of effects goes on)', async () => {
    const plan = comparePlan();
    const { port } = recording(() => Promise.reject(new Error('socket hang up')));
    const obs = await readComparison({ plan, state: initialState(plan, 'app-1.0.0', '1.0.0') }, effect, 'error-ratio', port);
    expect(obs).toMatchObject({ kind: 'comparison', canary: { kind: 'error', message: 'socket hang up' }, baseline: { kind: 'error' } });
  });
});
