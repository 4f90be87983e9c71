/**
 * The seams between the changes of issue 10: every state a new path writes (held for missing
 * data, held for a changed plan, halted, adopted, a gate failed for persisting no data, a state
 * saved before pins) must come back through the ledger's JSON and the shape check, be consistent
 * with its plan, and resume. A field one change added that the shape check refuses would turn a
 * healthy release into `ledger-corrupt` on its next resume.
 */
import { describe, expect, it } from 'vitest';
import { decide, nextWakeAt } from '../src/core/decide.js';
import { stateMismatchWith } from '../src/core/plan-pin.js';
import { NOT_DISPATCHED, type State } from '../src/core/state.js';
import { parseState } from '../src/core/state-read.js';
import { planDigest } from '../src/plan/pin.js';
import type { Plan } from '../src/plan/types.js';
import type { Observation } from '../src/core/values.js';
import { Harness } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';
import { releaseSummary } from '../src/report/summary.js';

const MIN = 60_000;
const NO_DATA: Observation = { kind: 'no-data', detail: 'empty result' };

function plan(rest = ['b', 'c']): Plan {
  return makePlan({ stages: [stage('canary', ['a']), stage('rest', rest, { maxParallel: 1 })] });
}

/** Through the ledger: JSON (what the check run's text holds) and back. */
function roundTrip(s: State): unknown {
  return JSON.parse(JSON.stringify(s)) as unknown;
}

function heldForNoData(): Harness {
  const h = new Harness(plan());
  h.start();
  h.finishRun('a');
  h.tickNext();
  h.measure('a', 'errors', NO_DATA);
  return h;
}

interface Path {
  name: string;
  make: () => { state: State; plan: Plan };
  /** What the path must have written, so the case cannot pass on a state without it. */
  wrote: (s: State) => void;
}

const paths: Path[] = [
  {
    name: 'held for missing data (measured while held, no-data counter)',
    make: () => ({ state: heldForNoData().state, plan: plan() }),
    wrote: (s) => {
      const g = s.regions.a?.bake?.gates.errors;
      expect(s.regions.a?.phase).toBe('awaiting-approval');
      expect(g?.measureWhileHeld).toBe(true);
      expect(g?.consecutiveNoData).toBe(1);
      expect(g?.verdict?.reasonCode).toBeDefined();
    },
  },
  {
    name: 'missing data that persisted: gate failed (gate-no-data), region rolling back',
    make: () => {
      const h = heldForNoData();
      for (let i = 0; i < 6 && h.region('a').phase === 'awaiting-approval'; i++) {
        h.tickNext();
        h.measure('a', 'errors', NO_DATA);
      }
      return { state: h.state, plan: plan() };
    },
    wrote: (s) => expect(s.regions.a?.failure?.reasonCode).toBe('gate-no-data'),
  },
  {
    name: 'held because the plan changed (planChanged, pause)',
    make: () => {
      const h = new Harness(plan());
      h.start();
      h.finishRun('a');
      const moved = new Harness(plan(['b', 'c', 'd']));
      moved.state = h.state;
      moved.send({ type: 'resumed', at: h.now + MIN });
      return { state: moved.state, plan: moved.plan };
    },
    wrote: (s) => expect(s.planChanged?.reasonCode).toBe('plan-changed'),
  },
  {
    name: 'adopted (a new pin, a region added)',
    make: () => {
      const h = new Harness(plan());
      h.start();
      h.finishRun('a');
      const moved = new Harness(plan(['b', 'c', 'd']));
      moved.state = h.state;
      moved.send({ type: 'resumed', at: h.now + MIN });
      moved.send({ type: 'command', at: h.now + MIN, by: 'alice', name: 'adopt-plan' });
      return { state: moved.state, plan: moved.plan };
    },
    wrote: (s) => expect(s.history.some((x) => x.reasonCode === 'plan-adopted')).toBe(true),
  },
  {
    name: 'halted before a dispatch was answered (run concluded not-dispatched)',
    make: () => {
      const h = new Harness(plan());
      h.start();
      h.send({ type: 'halted', at: h.now, reasonCode: 'missing-permission', reason: 'the token lacks `actions: write`' });
      return { state: h.state, plan: plan() };
    },
    wrote: (s) => {
      expect(s.outcome?.reasonCode).toBe('missing-permission');
      expect(s.regions.a?.runs[0]?.conclusion).toBe(NOT_DISPATCHED);
    },
  },
  {
    name: 'halted while a region baked and another deployed',
    make: () => {
      const h = new Harness(plan());
      h.start();
      h.finishRun('a');
      h.bake('a', () => 0.5);
      h.finishRun('b');
      h.send({ type: 'halted', at: h.now, reasonCode: 'missing-permission', reason: 'the token lacks `deployments: write`' });
      return { state: h.state, plan: plan() };
    },
    wrote: (s) => expect(s.status).toBe('finished'),
  },
  {
    name: 'saved before pins existed (no pin)',
    make: () => {
      const h = new Harness(plan());
      h.start();
      h.finishRun('a');
      const s = structuredClone(h.state);
      delete s.pin;
      return { state: s, plan: plan() };
    },
    wrote: (s) => expect(s.pin).toBeUndefined(),
  },
];

describe('a state written by each new path is read back and resumed, never refused as corrupt', () => {
  for (const p of paths) {
    it(p.name, () => {
      const { state, plan: given } = p.make();
      p.wrote(state);
      const back = parseState(roundTrip(state));
      expect(back).toEqual(roundTrip(state));
      expect(stateMismatchWith(back, given, planDigest(given))).toEqual([]);
      // The resume itself: nothing thrown, and not held as a mismatch.
      const resumed = decide(back, { type: 'resumed', at: back.now + MIN }, given);
      expect(resumed.state.planChanged?.reasonCode).not.toBe('state-plan-mismatch');
    });
  }
});

describe('a pin digest edited into text that is not a digest', () => {
  it('is a mismatch (state.pin), not a digest quoted into the plan-changed and plan-adopted reasons', () => {
    const h = new Harness(plan());
    h.start();
    h.finishRun('a');
    const s = roundTrip(h.state) as State;
    s.pin = { ...(s.pin as NonNullable<State['pin']>), digest: `sha256:\u2028::add-mask::x${'z'.repeat(10_000)}` };
    const changed = plan(['b', 'c', 'd']);
    expect(stateMismatchWith(s, changed, planDigest(changed))).toEqual([expect.stringContaining('state.pin')]);
    const resumed = decide(s, { type: 'resumed', at: s.now + MIN }, changed).state;
    expect(resumed.planChanged?.reasonCode).toBe('state-plan-mismatch');
    for (const e of resumed.history) expect(e.reason).not.toContain('add-mask');
  });
});

describe('fields the new paths added are checked too (a tampered value must not become NaN or a string sum)', () => {
  const cases: Array<[string, (s: any) => void, string]> = [
    ['consecutiveNoData a string', (s) => void (s.regions.a.bake.gates.errors.consecutiveNoData = '4'), 'regions.a.bake.gates.errors.consecutiveNoData'],
    ['noDataWaits missing', (s) => void delete s.regions.a.bake.gates.errors.noDataWaits, 'regions.a.bake.gates.errors.noDataWaits'],
    ['measureWhileHeld a string', (s) => void (s.regions.a.bake.gates.errors.measureWhileHeld = 'yes'), 'regions.a.bake.gates.errors.measureWhileHeld'],
    [
      'a gate verdict without its reason',
      (s) => void (s.regions.a.bake.gates.errors.verdict = { reasonCode: 'gate-no-data' }),
      'regions.a.bake.gates.errors.verdict.reason',
    ],
    [
      'planChanged with a reason-code the engine does not hold for',
      (s) => void (s.planChanged = { reasonCode: 'whatever', digest: 'sha256:x', reason: 'r', at: 1 }),
      'planChanged.reasonCode',
    ],
  ];
  for (const [name, edit, field] of cases) {
    it(name, () => {
      const s = roundTrip(heldForNoData().state) as any;
      edit(s);
      expect(() => parseState(s)).toThrow(expect.objectContaining({ kind: 'shape', field }) as unknown as Error);
    });
  }
});

describe('held for missing data x a plan changed and adopted', () => {
  it('the held gate keeps measuring after the adoption and fails at the no-data limit', () => {
    const h = heldForNoData();
    const changed = new Harness(plan(['b', 'c', 'd']));
    changed.now = h.now + MIN;
    changed.state = parseState(roundTrip(h.state));
    changed.send({ type: 'resumed', at: changed.now });
    expect(changed.state.planChanged?.reasonCode).toBe('plan-changed');
    let out = changed.send({ type: 'command', at: changed.now, by: 'alice', name: 'adopt-plan' });
    expect(changed.state.planChanged).toBeUndefined();
    expect(changed.state.regions.a?.bake?.gates.errors?.measureWhileHeld).toBe(true);
    for (let i = 0; i < 8 && changed.region('a').phase === 'awaiting-approval'; i++) {
      // The adoption itself asks for the measurement that fell due while the plan held the release.
      if (out.some((e) => e.type === 'query-metric' && e.region === 'a')) changed.measure('a', 'errors', NO_DATA);
      if (changed.region('a').phase !== 'awaiting-approval') break;
      out = changed.tickNext();
    }
    expect(changed.state.regions.a?.failure?.reasonCode).toBe('gate-no-data');
  });
});

describe('a tampered ledger whose history and outcome would break or inject into the summary', () => {
  function finishedState(): any {
    const h = new Harness(plan());
    h.start();
    h.send({ type: 'halted', at: h.now, reasonCode: 'missing-permission', reason: 'the token lacks `actions: write`' });
    return roundTrip(h.state);
  }

  it('an outcome whose reason is not text is refused by the shape check (was: "reason.startsWith is not a function")', () => {
    const s = finishedState();
    s.outcome.reason = 5;
    expect(() => parseState(s)).toThrow(expect.objectContaining({ kind: 'shape', field: 'outcome.reason' }) as unknown as Error);
  });

  it('a reason-code with a backtick and HTML, and a time out of range: the summary escapes the one and survives the other', () => {
    const s = finishedState();
    s.outcome.reasonCode = 'x` <img src=x onerror=alert(1)> `';
    s.history.push({ at: 1e20, kind: 'region-failed', region: 'a', reasonCode: 'y` <img src=y> `', reason: 'r' });
    expect(() => parseState(s)).toThrow(/state\.history\.\d+\.at is number 100000000000000000000, expected a count or a time/);
    // The summary does not rely on that check: it is also what the check run shows for any state.
    const text = releaseSummary(s as State, plan());
    expect(text).not.toMatch(/(^|[^\\])<img/);
    expect(text).toContain('\\<img src=y\\>');
  });
});

describe('adopt-plan x the state check of the next resume', () => {
  const withGates = (canaryGates: string[]) =>
    makePlan({
      gates: [gate('errors'), gate('latency', { max: 0.3 })],
      stages: [
        stage('canary', ['a'], {
          gates: canaryGates,
          steps: [
            { traffic: 50, bakeMs: 5 * MIN },
            { traffic: 100, bakeMs: 5 * MIN },
          ],
        }),
        stage('rest', ['b', 'c'], { maxParallel: 1 }),
      ],
    });

  it('a plan that drops a gate a baking region measures is refused for adoption (it would be state-plan-mismatch on every later resume)', () => {
    const h = new Harness(withGates(['errors', 'latency']));
    h.start();
    h.finishRun('a');
    expect(Object.keys(h.region('a').bake?.gates ?? {})).toEqual(['errors', 'latency']);
    const changed = new Harness(withGates(['errors']));
    changed.now = h.now;
    changed.state = parseState(roundTrip(h.state));
    changed.send({ type: 'resumed', at: changed.now });
    changed.send({ type: 'command', at: changed.now, by: 'alice', name: 'adopt-plan' });
    const refused = changed.state.history.find((x) => x.reasonCode === 'adopt-plan-refused');
    expect(refused?.reason).toMatch(/measures gate latency in this step, which stage canary no longer has/);
    expect(changed.state.planChanged?.reasonCode).toBe('plan-changed');
  });

  it('whatever adopt-plan takes, the adopted state is consistent with the plan at the next resume', () => {
    let adopted = 0;
    for (const now of [['errors'], ['latency'], ['errors', 'latency']]) {
      for (const before of [['errors'], ['errors', 'latency']]) {
        const h = new Harness(withGates(before));
        h.start();
        h.finishRun('a');
        const changed = new Harness(withGates(now));
        changed.now = h.now;
        changed.state = parseState(roundTrip(h.state));
        changed.send({ type: 'resumed', at: changed.now });
        changed.send({ type: 'command', at: changed.now, by: 'alice', name: 'adopt-plan' });
        if (changed.state.planChanged) continue; // refused: nothing to check
        if (changed.state.history.some((x) => x.reasonCode === 'plan-adopted')) adopted++;
        expect(stateMismatchWith(changed.state, changed.plan, planDigest(changed.plan)), `${before} -> ${now}`).toEqual([]);
        // And it goes on: the step's bake ends on the gates it started with, the next step measures the new ones.
        changed.bake('a', () => 0.1);
        changed.finishRun('a');
        expect(Object.keys(changed.region('a').bake?.gates ?? {}), `${before} -> ${now}`).toEqual(now);
        changed.bake('a', () => 0.1);
        expect(changed.region('a').phase, `${before} -> ${now}`).toBe('promoted');
      }
    }
    expect(adopted).toBeGreaterThan(0);
  });
});

describe('times a Date cannot hold', () => {
  it('a timer at 1e20 is refused by the shape check (the driver printed it as a date and threw "Invalid time value")', () => {
    const s = roundTrip(heldForNoData().state) as any;
    s.timers = [[1e20, 'a']];
    expect(() => parseState(s)).toThrow(expect.objectContaining({ kind: 'shape', field: 'timers.0.0' }) as unknown as Error);
  });
});

describe('held for missing data x a halt', () => {
  it('the held region is left as it is (failed, named), nothing measured or timed after, and the state reads back', () => {
    const h = heldForNoData();
    const out = h.send({ type: 'halted', at: h.now, reasonCode: 'missing-permission', reason: 'the token lacks `deployments: write`' });
    expect(out.some((e) => e.type === 'query-metric' || e.type === 'dispatch-rollback')).toBe(false);
    expect(h.state.status).toBe('finished');
    expect(h.region('a').phase).toBe('failed');
    expect(h.region('a').bake).toBeUndefined();
    expect(h.region('a').approval).toBeUndefined();
    expect(h.state.outcome?.reason).toMatch(/a/);
    expect(nextWakeAt(h.state)).toBeUndefined();
    expect(parseState(roundTrip(h.state))).toEqual(roundTrip(h.state));
  });
});
