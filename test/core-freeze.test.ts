/**
 * The release freeze in the core: no stage the freeze covers starts until the error budget read
 * for it is at or above the floor, or a person overrides it (recorded with who and when); a
 * budget that cannot be read holds the release too (never a pass).
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../src/core/events.js';
import type { Observation } from '../src/core/values.js';
import type { Freeze, Gate } from '../src/plan/types.js';
import { adoptionProblems } from '../src/core/plan-pin.js';
import { nextWakeAt } from '../src/core/decide.js';
import { freezeWakeAt } from '../src/core/freeze.js';
import { Harness } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';

const DAY = 86_400_000;
const SLO_GATE: Gate = {
  ...gate('availability', { query: undefined, max: undefined }),
  slo: { good: 'good[{{ window }}]', total: 'total[{{ window }}]', objective: 0.999, shortMs: 300_000, longMs: 3_600_000, factor: 14.4 },
};

function plan(freeze: Partial<Freeze> = {}) {
  const p = makePlan({ gates: [gate('errors'), SLO_GATE], stages: [stage('canary', ['us-east-1']), stage('main', ['eu-west-1', 'eu-central-1'])] });
  p.freeze = { slo: 'availability', periodMs: 30 * DAY, floor: 0.1, beforeEachStage: false, ...freeze };
  return p;
}

const v = (value: number): Observation => ({ kind: 'value', value });
/** Reads where `spent` of the budget is gone: bad = spent x 0.001 x total. */
function budget(h: Harness, spent: number | Observation, regions?: string[]): Event {
  const e = [...h.of('read-budget')].pop();
  if (!e) throw new Error('no read-budget asked');
  const read = (region: string) =>
    typeof spent === 'number' ? { region, good: v(1_000_000 - spent * 1000), total: v(1_000_000) } : { region, good: spent, total: spent };
  return { type: 'budget-read', at: h.now, stage: e.stage, reads: (regions ?? e.regions).map(read) };
}

const dispatched = (h: Harness) => h.of('dispatch-deploy').map((e) => e.region);

describe('the release freeze', () => {
  it('asks for the budget before the first dispatch, over the period, for the regions of the first stage', () => {
    const h = new Harness(plan());
    h.start();
    expect(dispatched(h)).toEqual([]);
    expect(h.of('read-budget')).toEqual([{ type: 'read-budget', stage: 'canary', regions: ['us-east-1'], at: h.now }]);
  });

  const cases: Array<[string, number | Observation, string | undefined, RegExp]> = [
    ['63% left, above the 10% floor: starts', 0.37, undefined, /63% left in us-east-1, at or above the floor 10%/],
    ['exactly at the floor: starts', 0.9, undefined, /10% left/],
    ['4% left, below the floor: held', 0.96, 'error-budget-exhausted', /4% left in us-east-1, below the floor 10%/],
    ['overspent: held', 1.5, 'error-budget-exhausted', /-50% left/],
    ['no data: held, never a pass', { kind: 'no-data', detail: 'empty result' }, 'error-budget-unknown', /could not be read .*missing data is never a pass/],
    ['a backend error: held', { kind: 'error', message: 'HTTP 503' }, 'error-budget-unknown', /HTTP 503/],
    ['nothing spent: starts', 0, undefined, /100% left in us-east-1, at or above/],
  ];
  it.each(cases)('%s', (_name, spent, code, reason) => {
    const h = new Harness(plan());
    h.start();
    h.send(budget(h, spent));
    const entry = h.state.history.find((e) => e.kind === 'release-frozen' || e.kind === 'freeze-lifted');
    expect(entry?.reason).toMatch(reason);
    expect(entry?.numbers).toMatchObject({ floor: 0.1, objective: 0.999 });
    if (code === undefined) {
      expect(dispatched(h)).toEqual(['us-east-1']);
      expect(h.state.status).toBe('running');
    } else {
      expect(dispatched(h)).toEqual([]);
      expect(h.state.status).toBe('paused');
      expect(h.state.pause?.reasonCode).toBe(code);
      expect(entry?.reasonCode).toBe(code);
    }
  });

  it('a period with no events at all is no data: held', () => {
    const h = new Harness(plan());
    h.start();
    h.send({ type: 'budget-read', at: h.now, stage: 'canary', reads: [{ region: 'us-east-1', good: v(0), total: v(0) }] });
    expect(h.state.pause?.reasonCode).toBe('error-budget-unknown');
    expect(dispatched(h)).toEqual([]);
  });

  it('the lowest budget of the regions read decides; a region not answered holds', () => {
    const h = new Harness(plan({ regions: ['us-east-1', 'eu-west-1'] }));
    h.start();
    const e = budget(h, 0.2) as Extract<Event, { type: 'budget-read' }>;
    h.send({ ...e, reads: [e.reads[0]!, { region: 'eu-west-1', good: v(1_000_000 - 950), total: v(1_000_000) }] });
    expect(h.state.pause?.reason).toContain('5% left in eu-west-1');
    const h2 = new Harness(plan({ regions: ['us-east-1', 'eu-west-1'] }));
    h2.start();
    h2.send(budget(h2, 0.2, ['us-east-1']));
    expect(h2.state.pause?.reason).toContain('no answer for eu-west-1');
  });

  it('an authorized override starts the stage, recorded with who and when; the stage is not read again', () => {
    const h = new Harness(plan());
    h.start();
    h.send(budget(h, 0.99));
    expect(h.state.status).toBe('paused');
    h.now += 60_000;
    h.send({ type: 'command', at: h.now, by: 'sre-lead', name: 'override-freeze', reason: 'hotfix for the outage' });
    expect(dispatched(h)).toEqual(['us-east-1']);
    expect(h.state.status).toBe('running');
    // The record says what was overridden: the code, the budget left and whose it was.
    expect(h.state.freezeOverrides).toEqual([
      { by: 'sre-lead', at: h.now, stage: 'canary', reasonCode: 'error-budget-exhausted', budgetRemaining: expect.closeTo(0.01, 9), region: 'us-east-1' },
    ]);
    const cmd = h.state.history.find((e) => e.kind === 'command');
    expect(cmd).toMatchObject({ by: 'sre-lead', reasonCode: 'override-freeze', at: h.now });
    const lifted = h.state.history.find((e) => e.kind === 'freeze-lifted');
    expect(lifted?.reason).toContain('hotfix for the outage');
    expect(h.of('read-budget')).toHaveLength(1);
  });

  it('an unauthorized override is refused and recorded; the release stays frozen', () => {
    const h = new Harness(plan());
    h.start();
    h.send(budget(h, 0.99));
    h.send({ type: 'command', at: h.now, by: 'mallory', name: 'override-freeze', denied: 'needs write permission', deniedCode: 'permission-denied' });
    expect(dispatched(h)).toEqual([]);
    expect(h.state.status).toBe('paused');
    expect(h.state.freezeOverrides).toBeUndefined();
    expect(h.state.history.find((e) => e.kind === 'command-refused')).toMatchObject({ by: 'mallory', reasonCode: 'permission-denied' });
  });

  it('an override with nothing frozen is refused', () => {
    const h = new Harness(plan());
    h.start();
    h.send(budget(h, 0));
    h.send({ type: 'command', at: h.now, by: 'sre-lead', name: 'override-freeze' });
    expect(h.state.history.find((e) => e.kind === 'command-refused')?.reasonCode).toBe('not-frozen');
  });

  it('a resume reads the budget again: one that recovered lets the release go on by itself', () => {
    const h = new Harness(plan());
    h.start();
    h.send(budget(h, 0.99));
    h.now += DAY;
    h.send({ type: 'resumed', at: h.now });
    expect(h.of('read-budget')).toHaveLength(2);
    // Still paused while it reads again (a held freeze stays the pause through its re-read).
    expect(h.state.status).toBe('paused');
    h.send(budget(h, 0.5));
    expect(dispatched(h)).toEqual(['us-east-1']);
  });

  it('an answer to an earlier read is stale', () => {
    const h = new Harness(plan());
    h.start();
    const old = budget(h, 0);
    h.now += 1000;
    h.send({ type: 'resumed', at: h.now });
    h.send(old);
    expect(dispatched(h)).toEqual([]);
    expect(h.state.history.at(-1)?.kind).toBe('ignored');
  });

  it('beforeEachStage reads it again before the next stage; without it only the start is checked', () => {
    for (const each of [true, false]) {
      const h = new Harness(plan({ beforeEachStage: each }));
      h.start();
      h.send(budget(h, 0));
      h.finishRun('us-east-1');
      h.bake('us-east-1', () => 0.5);
      expect(h.region('us-east-1').phase).toBe('promoted');
      if (each) {
        expect(h.of('read-budget').map((e) => [e.stage, e.regions])).toEqual([
          ['canary', ['us-east-1']],
          ['main', ['eu-west-1', 'eu-central-1']],
        ]);
        expect(dispatched(h)).toEqual(['us-east-1']);
        h.send(budget(h, 0.95));
        expect(h.state.pause?.reasonCode).toBe('error-budget-exhausted');
        expect(dispatched(h)).toEqual(['us-east-1']);
      } else {
        expect(h.of('read-budget')).toHaveLength(1);
        expect(dispatched(h)).toEqual(['us-east-1', 'eu-west-1', 'eu-central-1']);
      }
    }
  });

  it('abort ends a frozen release without dispatching anything', () => {
    const h = new Harness(plan());
    h.start();
    h.send(budget(h, 0.99));
    h.send({ type: 'command', at: h.now, by: 'sre-lead', name: 'abort' });
    expect(dispatched(h)).toEqual([]);
    expect(h.state.status).toBe('finished');
  });
});

describe('a stage behind an approval', () => {
  it('reads the budget when the approval is given, not when it is asked for (a read days old is stale)', () => {
    const p = makePlan({
      gates: [gate('errors'), SLO_GATE],
      stages: [stage('canary', ['us-east-1'], { approval: { timeoutMs: 7 * DAY, users: [], teams: [] } })],
    });
    p.freeze = { slo: 'availability', periodMs: 30 * DAY, floor: 0.1, beforeEachStage: false };
    const h = new Harness(p);
    h.start();
    expect(h.of('read-budget')).toEqual([]);
    expect(h.of('request-approval')).toHaveLength(1);
    h.send({ type: 'command', at: h.now + 6 * DAY, by: 'sre-lead', name: 'approve', stage: 'canary', origin: { runId: 7, attempt: 1 } });
    expect(h.of('read-budget')).toEqual([{ type: 'read-budget', stage: 'canary', regions: ['us-east-1'], at: h.now + 6 * DAY }]);
    expect(dispatched(h)).toEqual([]);
    h.send({ ...budget(h, 0.95), at: h.now + 6 * DAY });
    expect(h.state.pause?.reasonCode).toBe('error-budget-exhausted');
    expect(dispatched(h)).toEqual([]);
  });
});

describe('adopting a plan while the freeze holds a stage', () => {
  it('refuses a plan without the freeze (the stage would wait for an answer nobody judges)', () => {
    const h = new Harness(plan());
    h.start();
    h.send(budget(h, 0.99));
    expect(h.state.freeze?.phase).toBe('held');
    const without = plan();
    delete without.freeze;
    expect(adoptionProblems(h.state, without).join('; ')).toMatch(/the release freeze holds stage canary: a plan without the freeze .* cannot be adopted now/);
    expect(adoptionProblems(h.state, plan())).toEqual([]);
  });
});

describe('a budget answer after an abort', () => {
  it('starts no stage and records no start (the release is stopping, its first stage rolling back)', () => {
    const h = new Harness(plan({ beforeEachStage: true }));
    h.start();
    h.send(budget(h, 0));
    h.finishRun('us-east-1');
    h.bake('us-east-1', () => 0.5);
    const read = budget(h, 0); // the read for stage main, in flight
    h.send({ type: 'command', at: h.now, by: 'sre-lead', name: 'abort' });
    h.send(read);
    expect(dispatched(h)).toEqual(['us-east-1']);
    expect(h.state.history.some((e) => e.kind === 'stage-started' && e.stage === 'main')).toBe(false);
  });
});

describe('a budget read where good exceeds total', () => {
  it('holds (error-budget-unknown): swapped queries are not a full budget', () => {
    const h = new Harness(plan());
    h.start();
    h.send({ type: 'budget-read', at: h.now, stage: 'canary', reads: [{ region: 'us-east-1', good: v(2_000_000), total: v(1_000_000) }] });
    expect(dispatched(h)).toEqual([]);
    const frozen = h.state.history.find((e) => e.kind === 'release-frozen');
    expect(frozen?.reasonCode).toBe('error-budget-unknown');
    expect(frozen?.reason).toMatch(/do not fit/);
  });
});

describe('the freeze under a plan without its slo gate', () => {
  it('holds (error-budget-unknown) rather than waiting for nothing or starting', () => {
    const p = plan();
    const h = new Harness(p);
    h.start();
    // A copy without the slo block: the shared gate stays as it is for the other tests.
    p.gates.availability = gate('availability');
    h.send(budget(h, 0));
    expect(h.state.pause?.reasonCode).toBe('error-budget-unknown');
    expect(dispatched(h)).toEqual([]);
  });
});

describe('a held freeze reads the budget again by itself', () => {
  const MIN = 60_000;
  const reads = (h: Harness) => h.of('read-budget').length;

  it('an unreadable budget (a blip) is read again after 1, 2, 4 ... minutes, at most 15; the stage starts once it reads', () => {
    const h = new Harness(plan());
    h.start();
    const t0 = h.now;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      h.send(budget(h, { kind: 'error', message: 'HTTP 503' }));
      expect(h.state.pause?.reasonCode).toBe('error-budget-unknown');
      const at = h.state.freeze?.retryAt ?? NaN;
      waits.push((at - h.now) / MIN);
      // Nothing before it is due: a tick a second early reads nothing.
      const before = reads(h);
      h.tick(at - 1000);
      expect(reads(h)).toBe(before);
      h.tickNext();
      expect(reads(h)).toBe(before + 1);
    }
    expect(waits).toEqual([1, 2, 4, 8, 15, 15]);
    // Paused once, and still held since the first hold: a re-read does not resume and re-pause the release.
    expect(h.state.history.filter((e) => e.kind === 'release-paused')).toHaveLength(1);
    expect(h.state.freeze?.heldSince).toBe(t0);
    expect(h.state.history.filter((e) => e.kind === 'release-frozen').pop()?.reason).toMatch(/read again in 15m, and on resume/);
    // The check run is told once for a hold that only repeats itself.
    expect(h.of('report').filter((e) => e.headline === 'release frozen: error-budget-unknown')).toHaveLength(1);
    h.send(budget(h, 0.37));
    expect(dispatched(h)).toEqual(['us-east-1']);
    expect(h.state.freeze).toBeUndefined();
    expect(h.now - t0).toBe((1 + 2 + 4 + 8 + 15 + 15) * MIN);
  });

  it('an exhausted budget is read again every 15 minutes, and goes on by itself once it has recovered', () => {
    const h = new Harness(plan());
    h.start();
    h.send(budget(h, 0.96));
    expect(h.state.freeze).toMatchObject({ phase: 'held', reasonCode: 'error-budget-exhausted', retryAt: h.now + 15 * MIN });
    h.tickNext();
    h.send(budget(h, 0.95));
    expect(h.state.freeze?.retryAt).toBe(h.now + 15 * MIN);
    expect(dispatched(h)).toEqual([]);
    h.tickNext();
    h.send(budget(h, 0.5));
    expect(dispatched(h)).toEqual(['us-east-1']);
  });

  it('the wake-up is the next deadline the driver waits for while held, and an abort stops the re-reads', () => {
    const h = new Harness(plan());
    h.start();
    h.send(budget(h, { kind: 'no-data', detail: 'empty' }));
    expect(nextWakeAt(h.state)).toBe(h.state.freeze?.retryAt);
    h.send({ type: 'command', at: h.now, by: 'sre-lead', name: 'abort' });
    expect(h.state.status).toBe('finished');
    const before = reads(h);
    h.tick(h.now + 60 * MIN);
    expect(reads(h)).toBe(before);
  });

  it('a hold under an abort wakes nobody: the next wake-up is the rollback deadline, not a re-read in the past', () => {
    const p = plan({ beforeEachStage: true });
    for (const st of p.stages) st.gates = [];
    const h = new Harness(p);
    h.start();
    h.send(budget(h, 0.37));
    h.finishRun('us-east-1');
    for (let i = 0; i < 5 && h.state.stage === 0; i++) h.tickNext();
    expect(h.state.stage).toBe(1);
    h.send(budget(h, { kind: 'error', message: 'HTTP 503' }));
    expect(h.state.pause?.reasonCode).toBe('error-budget-unknown');
    h.send({ type: 'command', at: h.now, by: 'sre-lead', name: 'abort' });
    expect(h.state.stop).toBeDefined();
    const reads = h.of('read-budget').length;
    const wake = nextWakeAt(h.state);
    expect(wake).toBeGreaterThan(h.now);
    h.tick((h.state.freeze?.retryAt ?? 0) + 1);
    expect(h.of('read-budget')).toHaveLength(reads);
    // Past the retry time, the wake-up is still ahead (a past one would read to the driver as nothing left to wait for).
    expect(nextWakeAt(h.state)).toBeGreaterThan(h.now);
  });

  it('a pause by a person that outlasts the freeze is what the pause then says', () => {
    const h = new Harness(plan());
    h.start();
    h.send(budget(h, 0.96));
    h.send({ type: 'command', at: h.now, by: 'sre-lead', name: 'pause', reason: 'incident 42' });
    h.tickNext();
    h.send(budget(h, 0.5));
    expect(h.state.freeze).toBeUndefined();
    expect(dispatched(h)).toEqual([]);
    expect(h.state.status).toBe('paused');
    expect(h.state.pause?.reasonCode).toBe('held');
  });

  it('wakes only while the freeze is what holds the release (not stopping, not held for its plan)', () => {
    const held = { phase: 'held' as const, stage: 0, at: 0, retryAt: 60_000 };
    const base = { status: 'paused' as const, stop: undefined, planChanged: undefined, freeze: held };
    expect(freezeWakeAt(base)).toBe(60_000);
    expect(freezeWakeAt({ ...base, stop: { reasonCode: 'aborted', reason: 'x', at: 1 } as never })).toBeUndefined();
    expect(freezeWakeAt({ ...base, planChanged: { reasonCode: 'plan-changed', digest: 'd', reason: 'x', at: 1 } })).toBeUndefined();
    expect(freezeWakeAt({ ...base, status: 'running' })).toBeUndefined();
    expect(freezeWakeAt({ ...base, freeze: { ...held, phase: 'reading' } })).toBeUndefined();
  });
});
