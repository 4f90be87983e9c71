/**
 * An override given while the freeze's budget read is still in flight: the stage starts at once
 * (nobody sends the command again), and when the answer comes its figure, or that it was
 * unreadable, is recorded against that override, in the state and in the history. The late
 * answer never starts the stage a second time and never holds it again, in whatever order the
 * events around it come.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event } from '../src/core/events.js';
import type { Observation } from '../src/core/values.js';
import { Harness } from './support/harness.js';
import { budgetAnswer, dispatched, freezePlan, type BudgetReadEvent } from './support/freeze.js';

const override = (h: Harness, by = 'sre-lead'): Event => ({ type: 'command', at: h.now, by, name: 'override-freeze', reason: 'hotfix' });
const entries = (h: Harness, kind: string) => h.state.history.filter((e) => e.kind === kind);

/** Started, its budget read asked for and not answered, then overridden a minute later. */
function overriddenWhileReading(freeze = {}): { h: Harness; read: BudgetReadEvent } {
  const h = new Harness(freezePlan(freeze));
  h.start();
  const read = budgetAnswer(h, 0);
  h.now += 60_000;
  h.send(override(h));
  return { h, read };
}

describe('an override while the budget is read', () => {
  it('starts the stage at once and says the budget was still being read; the record waits for the answer', () => {
    const { h, read } = overriddenWhileReading();
    expect(dispatched(h)).toEqual(['us-east-1']);
    expect(h.state.status).toBe('running');
    expect(h.state.freezeOverrides).toEqual([{ by: 'sre-lead', at: h.now, stage: 'canary', readAt: read.at }]);
    expect(entries(h, 'freeze-lifted').at(-1)?.reason).toMatch(/was being read: its answer is recorded against this override when it comes/);
    expect(entries(h, 'command').at(-1)?.reason).toContain('(its error budget still being read)');
  });

  const no = (detail: string): Observation => ({ kind: 'no-data', detail });
  const cases: Array<[string, number | Observation, string, number | undefined, RegExp]> = [
    ['4% left: it overrode a spent budget', 0.96, 'error-budget-exhausted', 0.04, /came back: .* over 30d .*: 4% left in us-east-1, below the floor 10%/],
    ['overspent', 1.5, 'error-budget-exhausted', -0.5, /-50% left in us-east-1, below the floor 10%/],
    ['63% left: it overrode a budget that would have passed', 0.37, 'error-budget-ok', 0.63, /63% left in us-east-1, at or above the floor 10%/],
    [
      'no data: unreadable, said so',
      no('empty result'),
      'error-budget-unknown',
      undefined,
      /could not be read against the floor 10% \(us-east-1: .*empty result\)/,
    ],
    ['a backend error: unreadable', { kind: 'error', message: 'HTTP 503' }, 'error-budget-unknown', undefined, /could not be read .*HTTP 503/],
  ];
  it.each(cases)('%s', (_name, spent, code, left, reason) => {
    const { h, read } = overriddenWhileReading();
    const answer = { ...budgetAnswer(h, spent), at: read.at };
    h.send(answer);
    const [o] = h.state.freezeOverrides ?? [];
    expect(o).toMatchObject({ by: 'sre-lead', stage: 'canary', reasonCode: code });
    expect(o?.readAt).toBeUndefined();
    const recorded = entries(h, 'freeze-override-read');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ stage: 'canary', by: 'sre-lead', reasonCode: code, region: 'us-east-1' });
    expect(recorded[0]?.reason).toMatch(reason);
    expect(recorded[0]?.reason).toMatch(/sre-lead overrode the freeze came back: .*the override stands/);
    expect(recorded[0]?.numbers).toMatchObject({ floor: 0.1, objective: 0.999 });
    if (left === undefined) {
      expect(o?.budgetRemaining).toBeUndefined();
      expect(recorded[0]?.numbers?.budgetRemaining).toBeUndefined();
    } else {
      expect(o?.budgetRemaining).toBeCloseTo(left, 9);
      expect(o?.region).toBe('us-east-1');
      expect(recorded[0]?.numbers?.budgetRemaining).toBeCloseTo(left, 9);
    }
    // A record only: started once, never held again.
    expect(dispatched(h)).toEqual(['us-east-1']);
    expect(entries(h, 'stage-started')).toHaveLength(1);
    expect(entries(h, 'release-frozen')).toEqual([]);
    expect(h.state.status).toBe('running');
    expect(h.state.freeze).toBeUndefined();
  });

  it('the same answer twice is recorded once; an answer to no read of an override is ignored', () => {
    const { h, read } = overriddenWhileReading();
    h.send({ ...budgetAnswer(h, 0.96), at: read.at });
    h.send({ ...budgetAnswer(h, 0.2), at: read.at });
    expect(entries(h, 'freeze-override-read')).toHaveLength(1);
    expect(h.state.freezeOverrides?.[0]?.budgetRemaining).toBeCloseTo(0.04, 9);
    expect(h.state.history.at(-1)?.kind).toBe('ignored');
  });

  it('an override of a held stage keeps the figure that held it', () => {
    const h = new Harness(freezePlan());
    h.start();
    h.send(budgetAnswer(h, 0.96));
    h.send(override(h));
    const [o] = h.state.freezeOverrides ?? [];
    expect(o).toMatchObject({ reasonCode: 'error-budget-exhausted', region: 'us-east-1' });
    expect(o?.budgetRemaining).toBeCloseTo(0.04, 9);
    expect(o?.readAt).toBeUndefined();
    expect(entries(h, 'freeze-lifted').at(-1)).toMatchObject({ region: 'us-east-1', reasonCode: 'freeze-overridden' });
  });

  it('overridden while a held stage is read again: the answer replaces what the earlier hold found', () => {
    const h = new Harness(freezePlan());
    h.start();
    h.send(budgetAnswer(h, 0.96));
    h.now += 60_000;
    h.send({ type: 'resumed', at: h.now });
    const reread = budgetAnswer(h, 0.5);
    h.send(override(h));
    expect(h.state.freezeOverrides?.[0]).toMatchObject({ reasonCode: 'error-budget-exhausted', readAt: reread.at });
    h.send(reread);
    expect(h.state.freezeOverrides?.[0]).toMatchObject({ reasonCode: 'error-budget-ok', region: 'us-east-1' });
    expect(h.state.freezeOverrides?.[0]?.budgetRemaining).toBeCloseTo(0.5, 9);
    expect(dispatched(h)).toEqual(['us-east-1']);
  });

  it('a resumed driver asks again for a read an override never got; the lost read is stale then', () => {
    const { h, read } = overriddenWhileReading();
    h.now += 60_000;
    h.send({ type: 'resumed', at: h.now });
    expect(h.of('read-budget').map((e) => [e.stage, e.at])).toEqual([
      ['canary', read.at],
      ['canary', h.now],
    ]);
    expect(h.state.freezeOverrides?.[0]?.readAt).toBe(h.now);
    h.send({ ...budgetAnswer(h, 0.3), at: read.at });
    expect(h.state.history.at(-1)?.kind).toBe('ignored');
    h.send(budgetAnswer(h, 0.96));
    expect(h.state.freezeOverrides?.[0]).toMatchObject({ reasonCode: 'error-budget-exhausted' });
    expect(dispatched(h)).toEqual(['us-east-1']);
  });

  it('beforeEachStage: the late answer for an overridden stage is told apart from the next stage read', () => {
    const h = new Harness(freezePlan({ beforeEachStage: true }));
    h.start();
    h.send(budgetAnswer(h, 0));
    h.finishRun('us-east-1');
    h.bake('us-east-1', () => 0.5);
    const read = budgetAnswer(h, 0.96); // stage main, both regions, in flight
    h.send(override(h));
    expect(dispatched(h).slice(1).sort()).toEqual(['eu-central-1', 'eu-west-1']);
    h.send({ ...read, reads: [read.reads[0]!, { ...read.reads[1]!, good: { kind: 'value', value: 1_000_000 - 990 } }] });
    const [o] = h.state.freezeOverrides ?? [];
    expect(o).toMatchObject({ stage: 'main', reasonCode: 'error-budget-exhausted', region: 'eu-central-1' });
    expect(o?.budgetRemaining).toBeCloseTo(0.01, 9);
    expect(dispatched(h)).toHaveLength(3);
  });
});

describe('the late answer, in any order with what comes around it', () => {
  it('never starts a stage twice, never holds it again, and leaves the override with its figure once answered', () => {
    const noise = fc.constantFrom('timer', 'resumed', 'answer-again', 'override-again', 'run-finished');
    let overtakenRuns = 0;
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom(0, 0.37, 0.96, 1.5, -1),
        fc.array(noise, { maxLength: 6 }),
        fc.array(noise, { maxLength: 6 }),
        (each, spent, before, after) => {
          const h = new Harness(freezePlan({ beforeEachStage: each }));
          h.start();
          const answerOf = (e: BudgetReadEvent): BudgetReadEvent => ({ ...budgetAnswer(h, spent < 0 ? { kind: 'error', message: '503' } : spent), at: e.at });
          const play = (what: string) => {
            h.now += 1000;
            if (what === 'timer') h.send({ type: 'timer-fired', at: h.now });
            else if (what === 'resumed') h.send({ type: 'resumed', at: h.now });
            else if (what === 'answer-again') h.send(answerOf(budgetAnswer(h, 0)));
            else if (what === 'override-again') h.send(override(h, 'other-lead'));
            else if (h.region('us-east-1').phase === 'deploying' && h.region('us-east-1').runs.some((r) => r.runId !== undefined)) h.finishRun('us-east-1');
          };
          before.forEach(play);
          // The override overtakes the read only while the stage is still read for.
          const overtaken = h.state.freeze?.phase === 'reading';
          h.send(override(h));
          h.answerDispatches();
          after.forEach(play);
          h.send(answerOf(budgetAnswer(h, 0)));
          const started = entries(h, 'stage-started').filter((e) => e.stage === 'canary');
          expect(started.length).toBeLessThanOrEqual(1);
          const deploys = h.of('dispatch-deploy').filter((e) => e.region === 'us-east-1' && e.step === 0);
          expect(deploys.length).toBeLessThanOrEqual(1);
          // Once lifted for canary, the freeze never holds canary again.
          const lifted = h.state.history.findIndex((e) => e.kind === 'freeze-lifted' && e.stage === 'canary');
          if (lifted >= 0) expect(h.state.history.slice(lifted).some((e) => e.kind === 'release-frozen' && e.stage === 'canary')).toBe(false);
          if (overtaken) {
            overtakenRuns += 1;
            expect(started).toHaveLength(1);
            const o = h.state.freezeOverrides?.find((x) => x.stage === 'canary');
            expect(o?.readAt, 'the last read asked was answered: the override has its figure').toBeUndefined();
            expect(o?.reasonCode).toBeDefined();
            expect(entries(h, 'freeze-override-read').filter((e) => e.stage === 'canary')).toHaveLength(1);
          }
        },
      ),
      { numRuns: 150 },
    );
    // Not vacuous: most runs give the override while the read is in flight.
    expect(overtakenRuns).toBeGreaterThanOrEqual(50);
  });
});
