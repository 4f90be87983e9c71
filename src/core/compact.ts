/**
 * History compaction for stores with a size limit (the check-run ledger holds 65,535
 * characters). Decisions never read the history (they read counters), so dropping old entries
 * changes no verdict; what goes first is the bulk that people need least once a gate has spoken:
 * individual measurements. Every verdict, transition and the latest measurements stay.
 */
import type { HistoryEntry, State } from './state.js';

/**
 * A copy of `state` whose history keeps only the last `keep` measurement entries per
 * (region, step, gate), with one `history-compacted` entry (at the place of the first dropped
 * entry) saying how many were dropped. Returns the state itself when nothing would be dropped.
 */
export function compactHistory(state: State, keep: number): State {
  const seen = new Map<string, number>();
  const drop = new Set<number>();
  for (let i = state.history.length - 1; i >= 0; i--) {
    const h = state.history[i] as HistoryEntry;
    if (h.kind !== 'measurement') continue;
    const key = `${h.region ?? ''}\u0000${h.step ?? ''}\u0000${h.gate ?? ''}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > keep) drop.add(i);
  }
  if (drop.size === 0) return state;
  const history: HistoryEntry[] = [];
  let marked = false;
  state.history.forEach((h, i) => {
    if (!drop.has(i)) {
      history.push(h);
      return;
    }
    if (marked) return;
    marked = true;
    history.push({
      at: h.at,
      kind: 'history-compacted',
      reasonCode: 'history-compacted',
      reason: `${drop.size} older measurement entries left out of the saved ledger to fit its size limit (kept the last ${keep} per region, step and gate; every verdict is kept); the job logs have them all`,
      numbers: { samples: drop.size },
    });
  });
  return { ...state, history };
}
