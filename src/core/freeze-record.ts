/**
 * What the state keeps of the release freeze (core/freeze.ts): the stage it reads or holds, and the
 * overrides people gave. Kept apart from the state's shape (state.ts re-exports it), as the history is.
 */

/**
 * The freeze before a stage (core/freeze.ts). A hold keeps the budget it found (`budgetRemaining`
 * of `region`, the lowest read) beside why, so an override given later says what it overrode.
 */
export interface FreezeState {
  stage: number;
  phase: 'reading' | 'held';
  at: number;
  reasonCode?: string;
  reason?: string;
  budgetRemaining?: number;
  region?: string;
  /** A hold reads the budget again by itself at this time (the driver wakes for it): a blip must not wait for a person. */
  retryAt?: number;
  /** Holds in a row before this stage (the backoff of an unreadable budget grows with them). */
  retries?: number;
  /** When the first of those holds began: what "held since" says, however often it was read again. */
  heldSince?: number;
}

/**
 * One override of the freeze. `reasonCode` is what the budget said (error-budget-exhausted,
 * error-budget-unknown when unreadable, or error-budget-ok), with the figure and its region when
 * it was read. An override given while the read was in flight has `readAt` (the read's time)
 * until that read answers; the answer then fills in the rest, so no override stays without a figure.
 */
export interface FreezeOverride {
  by: string;
  at: number;
  stage: string;
  reasonCode?: string;
  budgetRemaining?: number;
  region?: string;
  readAt?: number;
}
