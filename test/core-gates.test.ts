import { describe, expect, it } from 'vitest';
import type { Observation } from '../src/core/values.js';
import { Harness } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';

const GOOD = 0.5;
const BAD = 2;
const NO_DATA: Observation = { kind: 'no-data', detail: 'empty result' };
const ERR: Observation = { kind: 'error', message: 'HTTP 503' };

/** One region, one step with a 5-minute bake, one gate `errors` (interval 1m: 5 measurements). */
function bakeSequence(over: Parameters<typeof gate>[1], seq: Array<Observation | number>, fill: Observation | number = GOOD) {
  const h = new Harness(makePlan({ gates: [gate('errors', over)] }));
  h.start();
  h.finishRun('us-east-1');
  let i = 0;
  const sent = h.bake('us-east-1', () => (i < seq.length ? (seq[i++] as Observation | number) : fill));
  if (h.region('us-east-1').phase === 'rolling-back') h.finishRun('us-east-1');
  return { h, sent, region: h.region('us-east-1') };
}

describe('gate rules over a bake', () => {
  const cases: Array<[string, Parameters<typeof gate>[1], Array<Observation | number>, string, string | undefined]> = [
    ['all good: promoted', {}, [GOOD, GOOD, GOOD, GOOD, GOOD], 'promoted', undefined],
    ['failureLimit 1, one failure (at limit): promoted', { failureLimit: 1 }, [BAD], 'promoted', undefined],
    ['failureLimit 1, two failures (limit+1): failed', { failureLimit: 1 }, [BAD, GOOD, BAD], 'rolled-back', 'gate-failed'],
    ['failureLimit 0, one failure: failed', {}, [GOOD, BAD], 'rolled-back', 'gate-failed'],
    ['inconclusiveLimit 1, one no-data (at limit): promoted', { inconclusiveLimit: 1 }, [NO_DATA], 'promoted', undefined],
    ['inconclusiveLimit 1, two no-data (limit+1): held for a person', { inconclusiveLimit: 1 }, [NO_DATA, NO_DATA], 'awaiting-approval', 'gate-inconclusive'],
    ['consecutiveErrorLimit 2, two errors in a row (at limit): promoted', { consecutiveErrorLimit: 2 }, [ERR, ERR], 'promoted', undefined],
    ['consecutiveErrorLimit 2, three errors in a row (limit+1): failed', { consecutiveErrorLimit: 2 }, [ERR, ERR, ERR], 'rolled-back', 'gate-errors'],
    ['errors that are not consecutive do not add up', { consecutiveErrorLimit: 1 }, [ERR, GOOD, ERR, GOOD, ERR], 'promoted', undefined],
    ['onNoData inconclusive (default): held, never promoted', {}, [NO_DATA], 'awaiting-approval', 'gate-inconclusive'],
    ['onNoData fail: failed', { onNoData: 'fail' }, [NO_DATA], 'rolled-back', 'gate-failed'],
    ['onNoData pass (explicit): promoted', { onNoData: 'pass' }, [NO_DATA, NO_DATA], 'promoted', undefined],
    ['onNoData wait: measured again, not counted', { onNoData: 'wait' }, [NO_DATA, NO_DATA, NO_DATA], 'promoted', undefined],
    // Issue 10 item 6: no data that persists fails the gate after consecutiveErrorLimit (4) + 1 answers, wait included.
    ['onNoData wait: all no-data never passes', { onNoData: 'wait' }, [], 'rolled-back', 'gate-no-data'],
    ['onNoData pass with no data at all: still a success', { onNoData: 'pass' }, [], 'promoted', undefined],
  ];
  it.each(cases)('%s', (_name, over, seq, phase, code) => {
    const fill = _name.includes('all no-data') || _name.includes('no data at all') ? NO_DATA : GOOD;
    const { h, region } = bakeSequence(over, seq, fill);
    expect(region.phase).toBe(phase);
    if (code) {
      const verdict = h.state.history.find((e) => e.kind === 'gate-failed' || e.kind === 'gate-inconclusive');
      expect(verdict?.reasonCode).toBe(code);
      expect(verdict?.gate).toBe('errors');
      expect(verdict?.numbers?.samples).toBeTypeOf('number');
      // The verdict names the measurement that tipped it, with its numbers.
      expect(verdict?.reason).toMatch(/\(last: /);
      if (code === 'gate-failed' && !_name.includes('onNoData')) {
        expect(verdict?.reason).toContain(`value ${BAD} is above max 1`);
        expect(verdict?.numbers).toMatchObject({ value: BAD, threshold: 1 });
      }
    }
    if (phase === 'promoted') expect(h.state.outcome?.decision).toBe('promoted');
    if (phase === 'awaiting-approval') {
      // Held for missing data, the gate is still measured (issue 10 item 6); data coming back
      // ends that, and then the release waits for a person.
      expect(h.state.status).toBe('running');
      for (const e of h.tickNext()) if (e.type === 'query-metric') for (const g of e.gates) h.measure('us-east-1', g, GOOD);
      expect(h.region('us-east-1').phase).toBe('awaiting-approval');
      expect(h.state.status).toBe('paused');
      expect(h.of('request-approval').some((e) => e.region === 'us-east-1')).toBe(true);
    }
  });

  it('takes as many measurements as fit in the bake by default, and `count` when given', () => {
    expect(bakeSequence({}, []).sent).toBe(5);
    expect(bakeSequence({ count: 2 }, []).sent).toBe(2);
    expect(bakeSequence({ count: 8 }, []).sent).toBe(8); // count beyond the bake: the step waits for all
  });

  it('a wait answer does not count: the gate needs its full count of real measurements', () => {
    const { sent, region } = bakeSequence({ onNoData: 'wait' }, [NO_DATA, NO_DATA]);
    expect(region.phase).toBe('promoted');
    expect(sent).toBe(7);
  });

  it('stops measuring as soon as a gate fails (no further queries for the region)', () => {
    const { h } = bakeSequence({}, [BAD]);
    const queries = h.of('query-metric').filter((e) => e.region === 'us-east-1');
    expect(queries).toHaveLength(1);
  });

  it('records every measurement with value, threshold and samples', () => {
    const { h } = bakeSequence({ failureLimit: 1 }, [BAD]);
    const m = h.state.history.filter((e) => e.kind === 'measurement');
    expect(m).toHaveLength(5);
    expect(m[0]).toMatchObject({ gate: 'errors', region: 'us-east-1', reasonCode: 'above-max', numbers: { value: BAD, threshold: 1, samples: 1 } });
  });

  it('queries every gate due at the same time in one effect', () => {
    const plan = makePlan({ gates: [gate('errors'), gate('latency', { max: 0.3 })], stages: [stage('one', ['us-east-1'], { gates: ['errors', 'latency'] })] });
    const h = new Harness(plan);
    h.start();
    h.finishRun('us-east-1');
    const out = h.tickNext();
    const q = out.filter((e) => e.type === 'query-metric');
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ region: 'us-east-1', gates: ['errors', 'latency'] });
  });

  it('a bake of 0s with no count promotes once the deploy run succeeds', () => {
    const h = new Harness(makePlan({ stages: [stage('one', ['us-east-1'], { steps: [{ traffic: 100, bakeMs: 0 }] })] }));
    h.start();
    h.finishRun('us-east-1');
    expect(h.region('us-east-1').phase).toBe('promoted');
    expect(h.state.history.find((e) => e.kind === 'bake-started')?.reason).toContain('not measured');
  });
});
