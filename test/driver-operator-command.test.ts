/** The command words input `command` takes, and the outcome read back from the one entry a command leaves. */
import { describe, expect, it } from 'vitest';
import { decide } from '../src/core/decide.js';
import type { HistoryEntry } from '../src/core/state.js';
import { commandOutcome, parseOperatorCommand } from '../src/driver/operator-command.js';
import { Harness } from './support/harness.js';
import { makePlan } from './support/plans.js';

describe('parseOperatorCommand', () => {
  it.each([
    ['approve', { name: 'approve' }],
    ['reject', { name: 'reject' }],
    ['abort', { name: 'abort' }],
    ['pause', { name: 'pause' }],
    ['resume', { name: 'resume' }],
    ['promote', { name: 'promote' }],
    ['retry', { name: 'retry' }],
    ['rollback', { name: 'rollback' }],
    ['adopt-plan', { name: 'adopt-plan' }],
    ['adopt-plan:0123abcdef', { name: 'adopt-plan', digest: '0123abcdef' }],
  ])('%s', (text, want) => {
    expect(parseOperatorCommand(text)).toEqual(want);
  });

  it.each(['', 'Approve', 'approve ', 'approve:abcdef', 'adopt-plan:abc', 'adopt-plan:XYZ123', 'deploy', 'roll-back', 'adopt-plan:'])('refuses %j', (text) => {
    expect(parseOperatorCommand(text)).toBeUndefined();
  });
});

describe('commandOutcome', () => {
  const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({ at: 1, kind: 'command', reasonCode: 'approve', reason: 'x', ...over });

  it.each<[string, HistoryEntry[], Parameters<typeof commandOutcome>[1], ReturnType<typeof commandOutcome>]>([
    ['accepted, found by its run', [entry({ by: 'a', numbers: { runId: 7 } })], { runId: 7 }, { accepted: true, reasonCode: 'approve', message: 'x' }],
    [
      'refused, found by its run among others by the same person',
      [
        entry({ by: 'a', numbers: { runId: 6 } }),
        entry({ kind: 'stage-approved', by: 'a', reasonCode: 'approved' }),
        entry({ kind: 'command-refused', by: 'a', reasonCode: 'nothing-waiting', reason: 'a asked to approve; refused: nothing waits', numbers: { runId: 7 } }),
      ],
      { runId: 7 },
      { accepted: false, reasonCode: 'nothing-waiting', message: 'a asked to approve; refused: nothing waits' },
    ],
    [
      'found by who gave it (no run)',
      [entry({ kind: 'command-refused', by: 'b', reasonCode: 'adopt-plan-refused', reason: 'why' })],
      { by: 'b' },
      { accepted: false, reasonCode: 'adopt-plan-refused', message: 'why' },
    ],
    [
      'a deploy run with the same id is not the command',
      [entry({ kind: 'run-dispatched', reasonCode: 'deploy-dispatched', numbers: { runId: 7 } })],
      { runId: 7 },
      expect.objectContaining({ accepted: false, reasonCode: 'command-not-taken' }),
    ],
    ['nothing added (taken already)', [], { by: 'a' }, expect.objectContaining({ accepted: false, reasonCode: 'command-not-taken' })],
  ])('%s', (_name, added, of, want) => {
    expect(commandOutcome(added, of)).toEqual(want);
  });

  it('reads what the core wrote', () => {
    const h = new Harness(makePlan());
    h.start();
    const before = h.state.history.length;
    const out = decide(h.state, { type: 'command', at: h.now, by: 'alice', name: 'pause', origin: { runId: 41, attempt: 1 } }, h.plan);
    expect(commandOutcome(out.state.history.slice(before), { runId: 41 })).toMatchObject({ accepted: true, reasonCode: 'pause' });
    const again = decide(out.state, { type: 'command', at: h.now, by: 'alice', name: 'pause', origin: { runId: 42, attempt: 1 } }, h.plan);
    expect(commandOutcome(again.state.history.slice(out.state.history.length), { runId: 42 })).toMatchObject({ accepted: false, reasonCode: 'already-paused' });
  });
});
