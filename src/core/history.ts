/**
 * The history's vocabulary: every entry a release appends (state.history, append-only), its kind,
 * and the numbers a verdict carries. Kept apart from the state's shape (state.ts re-exports it):
 * summaries, the simulator and the driver read entries without the rest of the state.
 */

export type HistoryKind =
  | 'release-started'
  | 'history-compacted'
  | 'release-resumed'
  | 'stage-awaiting-approval'
  | 'stage-approved'
  | 'stage-started'
  | 'stage-completed'
  | 'step-started'
  | 'run-dispatched'
  | 'run-finished'
  | 'run-timeout'
  | 'dispatch-failed'
  | 'bake-started'
  | 'measurement'
  | 'gate-passed'
  | 'gate-failed'
  | 'gate-inconclusive'
  | 'step-passed'
  | 'region-promoted'
  | 'region-awaiting-approval'
  | 'region-approved'
  | 'region-failed'
  | 'region-skipped'
  | 'rollback-dispatched'
  | 'region-rolled-back'
  | 'rollback-failed'
  | 'release-stopped'
  | 'release-halted'
  | 'release-paused'
  | 'release-held'
  | 'release-continued'
  | 'release-finished'
  /** A person's command or approval that took effect (reasonCode: the command's name; `numbers.runId`: the run it came in). */
  | 'command'
  /** One that changed nothing: not allowed, or not fitting the release (reasonCode says which, e.g. permission-denied, nothing-waiting). */
  | 'command-refused'
  /** The freeze holds the release: the error budget is below the floor, or could not be read. */
  | 'release-frozen'
  /** The freeze let a stage start: the budget is above the floor, or a person overrode it. */
  | 'freeze-lifted'
  /**
   * The budget read in flight when a person overrode the freeze came back: what the override
   * overrode (reasonCode: error-budget-ok, -exhausted or -unknown; by: who overrode). A record
   * only: the stage started with the override and is neither started nor held again.
   */
  | 'freeze-override-read'
  | 'plan-pinned'
  | 'plan-changed'
  | 'cancelled'
  | 'ignored';

export interface HistoryNumbers {
  value?: number;
  min?: number;
  max?: number;
  threshold?: number;
  samples?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  errors?: number;
  consecutiveErrors?: number;
  consecutiveNoData?: number;
  limit?: number;
  traffic?: number;
  runId?: number;
  budget?: number;
  /** A comparison: the window means, their ratio, the test's p, the paired samples, and an interval of the excess over the tolerance. */
  canaryMean?: number;
  baselineMean?: number;
  ratio?: number;
  p?: number;
  /** Mann-Whitney U of the canary against the tolerated baseline. */
  u?: number;
  canaryN?: number;
  baselineN?: number;
  tolerance?: number;
  lower?: number;
  upper?: number;
  /** An slo gate's burn rates (error ratio over the error budget) over its short and long windows, and the factor both must exceed to fail. */
  burnRateShort?: number;
  burnRateLong?: number;
  factor?: number;
  /** The SLO as a fraction (0.999). */
  objective?: number;
  /** The freeze: the share of the period's error budget left, and the floor it must not be below. */
  budgetRemaining?: number;
  floor?: number;
}

export interface HistoryEntry {
  at: number;
  kind: HistoryKind;
  stage?: string;
  region?: string;
  step?: number;
  gate?: string;
  by?: string;
  reason: string;
  reasonCode: string;
  numbers?: HistoryNumbers;
}
