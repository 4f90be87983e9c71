/**
 * How the verdicts of one round combine, and what persisting missing data does, replayed from
 * Argo Rollouts' analysis cases (issue 10, items 5 and 6):
 * - RS10: an inconclusive metric and a failed metric in one round -> failed, whatever the order.
 * - RS11: an inconclusive metric and an error-limit trip in one round -> error (here: failed).
 * - ND2: a canary that stops emitting metrics -> empty results counted as errors -> aborted after
 *   more than consecutiveErrorLimit in a row; here: rolled back (`gate-no-data`) unless a person
 *   approved first, whatever onNoData says for a single answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextWakeAt } from '../src/core/decide.js';
import type { Gate } from '../src/plan/types.js';
import type { Observation } from '../src/core/values.js';
import { Harness, T0 } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';

const MIN = 60_000;
const GOOD = 0.1;
const NO_DATA: Observation = { kind: 'no-data', detail: 'empty result' };
const ERR: Observation = { kind: 'error', message: 'HTTP 503' };
type Answer = Observation | number;

const REGION = 'us-east-1';

/** Two gates measured together: `errors` (max 1) and `latency` (max 0.3), in `order` in the plan. */
function twoGatePlan(order: readonly string[], over: Record<string, Partial<Gate>> = {}) {
  const gates = [gate('errors', over.errors), gate('latency', { max: 0.3, ...over.latency })];
  return makePlan({ gates, stages: [stage('one', [REGION], { gates: [...order] })] });
}

/**
 * Drives the region's bake: every query is answered gate by gate in `answerOrder`, with the
 * answer `rounds[i][gate]` for round i (GOOD once the rounds run out). `onRound` may act after a
 * round (an approval). Stops when nothing is timed any more or the release is finished.
 */
function drive(h: Harness, answerOrder: readonly string[], rounds: Array<Record<string, Answer>>, onRound?: (round: number) => void, maxRounds = 40): number {
  let round = 0;
  for (let i = 0; i < maxRounds && h.state.status !== 'finished'; i++) {
    const phase = h.region(REGION).phase;
    if (phase === 'rolling-back' || phase === 'deploying') {
      h.finishRun(REGION);
      continue;
    }
    if (nextWakeAt(h.state) === undefined) break;
    const out = h.tickNext();
    const queries = out.filter((e) => e.type === 'query-metric' && e.region === REGION);
    for (const q of queries) {
      if (q.type !== 'query-metric') continue;
      const gates = [...q.gates].sort((a, b) => answerOrder.indexOf(a) - answerOrder.indexOf(b));
      for (const g of gates) h.measure(REGION, g, rounds[round]?.[g] ?? GOOD);
      round++;
      onRound?.(round);
    }
  }
  return round;
}

function started(plan: ReturnType<typeof makePlan>): Harness {
  const h = new Harness(plan);
  h.start();
  h.finishRun(REGION);
  return h;
}

describe('one round, several gates: the worst verdict wins, whatever the order (Argo RS10, RS11)', () => {
  const orders = [
    ['errors', 'latency'],
    ['latency', 'errors'],
  ] as const;
  // [case, gate options, rounds, reasonCode of the failure, gate that failed]
  const cases: Array<[string, Record<string, Partial<Gate>>, Array<Record<string, Answer>>, string, string]> = [
    ['RS10: inconclusive (no data) + failed value', {}, [{ errors: NO_DATA, latency: 0.9 }], 'gate-failed', 'latency'],
    ['RS10: failed value + inconclusive (no data), the other way round', {}, [{ errors: 5, latency: NO_DATA }], 'gate-failed', 'errors'],
    [
      'RS11: inconclusive + consecutive errors over the limit',
      {},
      [
        { errors: GOOD, latency: ERR },
        { errors: GOOD, latency: ERR },
        { errors: GOOD, latency: ERR },
        { errors: GOOD, latency: ERR },
        { errors: NO_DATA, latency: ERR },
      ],
      'gate-errors',
      'latency',
    ],
    [
      'RS11: error limit 0 trips on the first error next to an inconclusive',
      { errors: { consecutiveErrorLimit: 0 } },
      [{ errors: ERR, latency: NO_DATA }],
      'gate-errors',
      'errors',
    ],
  ];
  for (const planOrder of orders) {
    for (const answerOrder of orders) {
      it.each(cases)(`%s (plan ${planOrder.join(', ')}; answers ${answerOrder.join(', ')})`, (_name, over, rounds, code, failedGate) => {
        // latency is measured every minute here too, so both gates share every round.
        const h = started(twoGatePlan(planOrder, over));
        drive(h, answerOrder, rounds);
        const r = h.region(REGION);
        expect(r.failure?.reasonCode).toBe(code);
        expect(r.failure?.reason).toContain(`gate ${failedGate}:`);
        expect(r.phase).toBe('rolled-back');
        expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: code });
        // Never held for a person on the way: the failure was not dropped for the inconclusive.
        expect(h.historyKinds()).not.toContain('region-awaiting-approval');
        expect(h.of('request-approval')).toHaveLength(0);
        // Every gate's answer of the last round is in the history, with its verdict and numbers.
        const last = rounds.length - 1;
        const at = T0 + (last + 1) * MIN;
        for (const g of ['errors', 'latency']) {
          const m = h.state.history.filter((e) => e.kind === 'measurement' && e.gate === g && e.at === at);
          expect(m, `${g} measured at round ${last + 1}`).toHaveLength(1);
          const answer = rounds[last]?.[g];
          if (typeof answer === 'number') expect(m[0]?.numbers).toMatchObject({ value: answer, threshold: g === 'errors' ? 1 : 0.3 });
        }
        const failed = h.state.history.find((e) => e.kind === 'gate-failed');
        expect(failed).toMatchObject({ gate: failedGate, reasonCode: code });
        const other = failedGate === 'errors' ? 'latency' : 'errors';
        expect(h.state.history.find((e) => e.kind === 'gate-inconclusive')).toMatchObject({ gate: other });
        // The reason people read (log, summary, `result`) names the failure with its numbers and the other gate too.
        expect(r.failure?.reason).toContain(other);
        if (code === 'gate-failed') expect(r.failure?.reason).toMatch(/value [0-9.]+ is above max/);
      });
    }
  }

  it('two gates failing in one round: the first in plan order decides, both are recorded', () => {
    for (const answerOrder of orders) {
      const h = started(twoGatePlan(['errors', 'latency']));
      drive(h, answerOrder, [{ errors: 5, latency: 0.9 }]);
      expect(h.region(REGION).failure?.reason).toMatch(/^gate errors: /);
      expect(
        h.state.history
          .filter((e) => e.kind === 'gate-failed')
          .map((e) => e.gate)
          .sort(),
      ).toEqual(['errors', 'latency']);
    }
  });

  it('two inconclusive gates in one round: held once, both recorded', () => {
    const h = started(twoGatePlan(['errors', 'latency']));
    drive(h, ['latency', 'errors'], [{ errors: NO_DATA, latency: NO_DATA }], undefined, 1);
    expect(h.region(REGION).phase).toBe('awaiting-approval');
    expect(
      h.state.history
        .filter((e) => e.kind === 'gate-inconclusive')
        .map((e) => e.gate)
        .sort(),
    ).toEqual(['errors', 'latency']);
    expect(h.of('request-approval')).toHaveLength(1);
  });
});

describe('missing data that persists rolls back (Argo ND2)', () => {
  /** One gate `errors` on a 5-minute bake (5 measurements), default consecutiveErrorLimit 4. */
  const onePlan = (over: Partial<Gate> = {}) =>
    makePlan({
      gates: [gate('errors', over)],
      stages: [
        stage('one', [REGION], {
          steps: [
            { traffic: 10, bakeMs: 5 * MIN },
            { traffic: 100, bakeMs: 5 * MIN },
          ],
        }),
      ],
    });
  const seq = (answers: Answer[]) => answers.map((a) => ({ errors: a }));
  const nd = (n: number) => Array.from({ length: n }, () => NO_DATA);

  // [case, gate options, answers, answers after which the region fails]
  const rollbacks: Array<[string, Partial<Gate>, Answer[], number]> = [
    ['onNoData inconclusive (default): held at the first, failed at the fifth', {}, nd(8), 5],
    ['onNoData wait: waits, then fails at the fifth in a row', { onNoData: 'wait' }, nd(8), 5],
    ['onNoData wait with count 2: waits exhausted, held, then fails', { onNoData: 'wait', count: 2 }, nd(8), 5],
    ['inconclusiveLimit 2: held at the third, failed at the fifth', { inconclusiveLimit: 2 }, nd(8), 5],
    ['consecutiveErrorLimit 1: failed at the second', { consecutiveErrorLimit: 1 }, nd(8), 2],
    ['consecutiveErrorLimit 0: failed at the first', { consecutiveErrorLimit: 0, inconclusiveLimit: 3 }, nd(8), 1],
    ['backend errors and no data mixed: still no data, failed at the fifth', {}, [NO_DATA, ERR, NO_DATA, ERR, NO_DATA, NO_DATA], 5],
    [
      'part of the data counts as no data',
      {},
      Array.from({ length: 8 }, () => ({ kind: 'no-data', detail: '1 of 2 series', answered: [0.1] }) as Observation),
      5,
    ],
    ['a value before the run does not count: fails at the fifth of the run', { inconclusiveLimit: 1 }, [GOOD, ...nd(8)], 6],
  ];
  it.each(rollbacks)('%s', (_name, over, answers, failsAt) => {
    const h = started(onePlan(over));
    const answered = drive(h, ['errors'], seq(answers));
    const r = h.region(REGION);
    expect(r.failure?.reasonCode).toBe('gate-no-data');
    expect(answered).toBe(failsAt);
    // Failed at the measurement that tipped it, not at the approval timeout 24 h later.
    expect(r.failure?.at).toBe(T0 + failsAt * MIN);
    expect(r.phase).toBe('rolled-back');
    expect(h.state.outcome).toMatchObject({ decision: 'rolled-back', reasonCode: 'gate-no-data' });
    const verdict = h.state.history.find((e) => e.kind === 'gate-failed');
    expect(verdict).toMatchObject({ gate: 'errors', reasonCode: 'gate-no-data', numbers: { limit: over.consecutiveErrorLimit ?? 4 } });
    expect(verdict?.reason).toMatch(/in a row without data/);
  });

  it('a region held for missing data keeps measuring (and the release is not left paused meanwhile)', () => {
    const h = started(onePlan());
    drive(h, ['errors'], seq([NO_DATA]), undefined, 1);
    expect(h.region(REGION).phase).toBe('awaiting-approval');
    // The next measurement is timed: the driver keeps going, so a crashed canary is rolled back in minutes.
    expect(nextWakeAt(h.state)).toBe(T0 + 2 * MIN);
    expect(h.state.status).toBe('running');
  });

  it('an approval before the limit keeps the region going', () => {
    const h = started(onePlan());
    drive(h, ['errors'], seq([NO_DATA, NO_DATA, NO_DATA]), (round) => {
      if (round === 3) h.send({ type: 'approval', at: h.now, by: 'alice', decision: 'approve', region: REGION });
    });
    const r = h.region(REGION);
    expect(r.failure).toBeUndefined();
    expect(r.phase).toBe('promoted');
    expect(h.state.outcome?.decision).toBe('promoted');
  });

  it('onNoData wait: an approval while held keeps it going too', () => {
    const h = started(onePlan({ onNoData: 'wait', count: 2 }));
    drive(h, ['errors'], seq(nd(4)), (round) => {
      if (round === 4) h.send({ type: 'approval', at: h.now, by: 'alice', decision: 'approve', region: REGION });
    });
    expect(h.region(REGION).phase).toBe('promoted');
  });

  it('data back while held: the run resets, measuring stops, the region stays held for a person', () => {
    const h = started(onePlan());
    drive(h, ['errors'], seq([NO_DATA, NO_DATA, GOOD, NO_DATA]), undefined, 3);
    const r = h.region(REGION);
    expect(r.phase).toBe('awaiting-approval');
    expect(r.bake?.gates.errors?.consecutiveNoData).toBe(0);
    expect(h.state.status).toBe('paused');
    // Nothing timed but the approval deadline: no more queries, no rollback before it.
    expect(nextWakeAt(h.state)).toBe(r.approval?.deadline);
    const queries = h.of('query-metric').length;
    expect(queries).toBe(3);
  });

  it('a failed value while held for missing data fails the region', () => {
    const h = started(onePlan());
    drive(h, ['errors'], seq([NO_DATA, 5]));
    expect(h.region(REGION).failure?.reasonCode).toBe('gate-failed');
    expect(h.region(REGION).failure?.at).toBe(T0 + 2 * MIN);
  });

  it('onNoData pass is not missing data: it never trips the no-data limit', () => {
    const h = started(onePlan({ onNoData: 'pass' }));
    drive(h, ['errors'], seq(nd(20)));
    expect(h.state.outcome?.decision).toBe('promoted');
  });

  it('a resume while held for missing data measures again', () => {
    const h = started(onePlan());
    drive(h, ['errors'], seq([NO_DATA]), undefined, 1);
    h.now = T0 + 2 * MIN;
    const out = h.send({ type: 'resumed', at: h.now });
    expect(out.filter((e) => e.type === 'query-metric')).toHaveLength(1);
  });
});

describe('the order a round answers in never changes the outcome (property)', () => {
  it('random limits, policies and answers: both answer orders end the same, with the same history', () => {
    const answerArb = fc.oneof(
      fc.constant<Answer>(GOOD),
      fc.constant<Answer>(5),
      fc.constant<Answer>(0.9),
      fc.constant<Answer>(NO_DATA),
      fc.constant<Answer>(ERR),
    );
    const gateArb = fc.record({
      failureLimit: fc.integer({ min: 0, max: 2 }),
      inconclusiveLimit: fc.integer({ min: 0, max: 2 }),
      consecutiveErrorLimit: fc.integer({ min: 0, max: 4 }),
      onNoData: fc.constantFrom<Gate['onNoData']>('inconclusive', 'fail', 'pass', 'wait'),
    });
    fc.assert(
      fc.property(
        gateArb,
        gateArb,
        fc.array(fc.record({ errors: answerArb, latency: answerArb }), { minLength: 1, maxLength: 12 }),
        (errors, latency, rounds) => {
          const play = (answerOrder: readonly string[]) => {
            const h = started(twoGatePlan(['errors', 'latency'], { errors, latency }));
            drive(h, answerOrder, rounds);
            return h;
          };
          const a = play(['errors', 'latency']);
          const b = play(['latency', 'errors']);
          expect(b.state.outcome).toEqual(a.state.outcome);
          expect(b.state.status).toBe(a.state.status);
          expect(b.region(REGION).phase).toBe(a.region(REGION).phase);
          expect(b.region(REGION).failure).toEqual(a.region(REGION).failure);
          const entries = (h: Harness) => h.state.history.map((e) => JSON.stringify(e)).sort();
          expect(entries(b)).toEqual(entries(a));
        },
      ),
      { numRuns: 300 },
    );
  });
});
