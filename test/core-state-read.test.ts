/**
 * A saved state read back from the ledger is checked before the engine uses it: each way a
 * (tampered or damaged) state can be mis-shaped is refused naming the field, instead of a
 * JavaScript error deep in the engine ("r.runs is not iterable").
 */
import { describe, expect, it } from 'vitest';
import { parseState, StateUnreadableError } from '../src/core/state-read.js';
import { Harness } from './support/harness.js';
import { makePlan, stage } from './support/plans.js';

function saved(): Record<string, unknown> {
  const h = new Harness(makePlan({ stages: [stage('one', ['a', 'b'])] }));
  h.start();
  h.answerDispatches();
  return JSON.parse(JSON.stringify(h.state)) as Record<string, unknown>;
}

type Edit = (s: Record<string, any>) => void;

const cases: Array<[string, Edit, string, RegExp]> = [
  ['runs is a number', (s) => void (s.regions.a.runs = 5), 'regions.a.runs', /number 5, expected array/],
  ['a run without its correlation id', (s) => void delete s.regions.a.runs[0].correlationId, 'regions.a.runs.0.correlationId', /missing/],
  ['a phase the engine does not know', (s) => void (s.regions.b.phase = 'exploded'), 'regions.b.phase', /expected one of/],
  ['regions is a list', (s) => void (s.regions = []), 'regions', /a list/],
  ['history missing', (s) => void delete s.history, 'history', /missing/],
  ['a stage that is a string', (s) => void (s.stages = ['one']), 'stages.0', /a string/],
  ['a timer that is not [at, region]', (s) => void (s.timers = [[1]]), 'timers.0', /./],
  ['status a string the engine does not know', (s) => void (s.status = 'whatever'), 'status', /expected one of/],
  ['active holding false', (s) => void (s.active = { a: false }), 'active.a', /./],
];

describe('parseState refuses a mis-shaped state, naming the field', () => {
  for (const [name, edit, field, says] of cases) {
    it(name, () => {
      const s = saved();
      edit(s);
      let err: unknown;
      try {
        parseState(s);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StateUnreadableError);
      expect((err as StateUnreadableError).kind).toBe('shape');
      expect((err as StateUnreadableError).field).toBe(field);
      expect((err as Error).message).toContain(`state.${field}`);
      expect((err as Error).message).toMatch(says);
    });
  }

  it('a state of another schema version is refused as a version, not as damage', () => {
    const s = saved();
    s.schemaVersion = 3;
    expect(() => parseState(s)).toThrow(expect.objectContaining({ kind: 'version' }) as unknown as Error);
  });

  it('not an object at all', () => {
    for (const v of [null, 5, 'x', []]) expect(() => parseState(v)).toThrow(StateUnreadableError);
  });

  it('a well-shaped state passes unchanged (extra fields too)', () => {
    const s = { ...saved(), writtenBy: 'a later version' };
    expect(parseState(s)).toBe(s);
  });
});
