/**
 * SLO arithmetic (SRE Workbook ch. 5, docs/judging.md §4): the burn rate of a window is its error
 * ratio over the error budget (1 − objective); the remaining budget of a period is the share of
 * (1 − objective)·valid events not yet spent.
 */

export interface EventCounts {
  good: number;
  total: number;
}

/** (bad/total) ÷ (1 − objective); NaN when there were no events (no data, never a pass). */
export function burnRate(counts: EventCounts, objective: number): number {
  if (!(counts.total > 0)) return NaN;
  const bad = Math.max(0, counts.total - counts.good);
  return bad / counts.total / (1 - objective);
}

/** 1 − bad ÷ ((1 − objective)·total): 1 untouched, 0 spent, below 0 overspent; NaN with no events. */
export function budgetRemaining(counts: EventCounts, objective: number): number {
  if (!(counts.total > 0)) return NaN;
  const bad = Math.max(0, counts.total - counts.good);
  return 1 - bad / ((1 - objective) * counts.total);
}

/** The burn rate that spends `fraction` of a `periodMs` budget in `windowMs` (b = f·P/w). */
export function burnRateFor(fraction: number, periodMs: number, windowMs: number): number {
  return (fraction * periodMs) / windowMs;
}
