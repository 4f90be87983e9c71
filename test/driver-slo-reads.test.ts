/**
 * The driver's side of slo gates and the freeze: the reads go through the ordinary measure port
 * as plain gates ({{ window }} set per read), and a port that throws is an error read, never a value.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from '../src/core/state.js';
import { performEffect, type EffectEnv } from '../src/driver/perform.js';
import type { DriverPorts, MeasureRequest } from '../src/driver/ports.js';
import type { Gate } from '../src/plan/types.js';
import { gate, makePlan } from './support/plans.js';

const SLO_GATE: Gate = {
  ...gate('availability', { query: undefined, max: undefined }),
  slo: { good: 'good[{{ window }}]', total: 'total[{{ window }}]', objective: 0.999, shortMs: 300_000, longMs: 3_600_000, factor: 14.4 },
};

function env(measure: (req: MeasureRequest) => Promise<number>): { env: EffectEnv; asked: MeasureRequest[] } {
  const plan = makePlan({ gates: [SLO_GATE] });
  plan.freeze = { slo: 'availability', periodMs: 30 * 86_400_000, floor: 0.1, beforeEachStage: false };
  const asked: MeasureRequest[] = [];
  const metrics = {
    measure: async (req: MeasureRequest) => {
      asked.push(req);
      return { kind: 'value' as const, value: await measure(req) };
    },
    measureRange: async () => ({ kind: 'error' as const, message: 'not used' }),
  };
  const ports = { metrics, clock: { now: () => 5 } } as unknown as Pick<DriverPorts, 'runs' | 'deployments' | 'metrics' | 'clock'>;
  return { env: { plan, ports, ref: 'main', state: initialState(plan, 'app-1', '1'), warn: () => undefined }, asked };
}

describe('slo reads in the driver', () => {
  it('a query round of an slo gate is four reads, good/total over 5m and 1h, as plain gates', async () => {
    const { env: e, asked } = env(async (req) => (req.gate.query?.startsWith('good') ? 990 : 1000));
    const events = await performEffect(e, { type: 'query-metric', region: 'us-east-1', stage: 'one', step: 0, traffic: 100, gates: ['availability'], at: 7 });
    expect(asked.map((q) => [q.gate.query, q.context.window, q.gate.windowMs])).toEqual([
      ['good[{{ window }}]', '5m', 300_000],
      ['total[{{ window }}]', '5m', 300_000],
      ['good[{{ window }}]', '1h', 3_600_000],
      ['total[{{ window }}]', '1h', 3_600_000],
    ]);
    expect(asked.every((q) => q.gate.slo === undefined && q.at === 7 && q.counts === true)).toBe(true);
    expect(events).toEqual([
      {
        type: 'measurement',
        at: 7,
        region: 'us-east-1',
        step: 0,
        gate: 'availability',
        observation: {
          kind: 'slo',
          short: { good: { kind: 'value', value: 990 }, total: { kind: 'value', value: 1000 } },
          long: { good: { kind: 'value', value: 990 }, total: { kind: 'value', value: 1000 } },
        },
      },
    ]);
  });

  it('the freeze reads good/total over the period for each region; a port that throws is an error read', async () => {
    const { env: e, asked } = env(async (req) => {
      if (req.context.region === 'eu-west-1') throw new Error('boom');
      return 1;
    });
    const [ev] = await performEffect(e, { type: 'read-budget', stage: 'one', regions: ['us-east-1', 'eu-west-1'], at: 3 });
    expect(asked.every((q) => q.context.window === '30d')).toBe(true);
    expect(ev).toEqual({
      type: 'budget-read',
      at: 3,
      stage: 'one',
      reads: [
        { region: 'us-east-1', good: { kind: 'value', value: 1 }, total: { kind: 'value', value: 1 } },
        { region: 'eu-west-1', good: { kind: 'error', message: 'boom' }, total: { kind: 'error', message: 'boom' } },
      ],
    });
  });
});
