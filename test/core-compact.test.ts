import { describe, expect, it } from 'vitest';
import { compactHistory } from '../src/core/compact.js';
import type { HistoryEntry, State } from '../src/core/state.js';

const m = (at: number, region: string, gate: string, step = 0): HistoryEntry => ({
  at,
  kind: 'measurement',
  region,
  gate,
  step,
  reasonCode: 'within-threshold',
  reason: `value ${at}`,
});
const v = (at: number, kind: HistoryEntry['kind'], region: string): HistoryEntry => ({ at, kind, region, reasonCode: kind, reason: kind });

function stateWith(history: HistoryEntry[]): State {
  return { schemaVersion: 1, releaseId: 'r', version: '1', planName: 'p', status: 'running', history } as unknown as State;
}

describe('compactHistory', () => {
  const history = [
    v(0, 'step-started', 'a'),
    m(1, 'a', 'errors'),
    m(2, 'a', 'latency'),
    m(3, 'a', 'errors'),
    m(4, 'a', 'errors'),
    m(5, 'b', 'errors'),
    v(6, 'gate-failed', 'a'),
    m(7, 'a', 'errors', 1),
    m(8, 'a', 'errors', 1),
    v(9, 'region-failed', 'a'),
  ];

  const cases: Array<[string, number, number[], number]> = [
    // name, keep, `at` of the entries kept (the marker stands where the first dropped one was), dropped
    ['keep 1 per region, step and gate', 1, [0, 1, 2, 4, 5, 6, 8, 9], 3],
    ['keep 2', 2, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 1],
    ['keep 0: only verdicts and transitions', 0, [0, 1, 6, 9], 7],
  ];
  it.each(cases)('%s', (_name, keep, kept, dropped) => {
    const out = compactHistory(stateWith(history), keep);
    expect(out.history.map((h) => h.at)).toEqual(kept);
    const marker = out.history.filter((h) => h.kind === 'history-compacted');
    expect(marker).toHaveLength(1);
    expect(marker[0]?.numbers?.samples).toBe(dropped);
    expect(marker[0]?.reason).toContain(`${dropped} older measurement entries`);
    // Every verdict and transition is still there.
    for (const h of history.filter((e) => e.kind !== 'measurement')) expect(out.history).toContain(h);
  });

  it('returns the same state when nothing would be dropped, and never changes its input', () => {
    const s = stateWith(history);
    const copy = structuredClone(s);
    expect(compactHistory(s, 3)).toBe(s);
    compactHistory(s, 0);
    expect(s).toEqual(copy);
  });
});
