/**
 * Effects: what the core asks the driver to do. The driver performs them through the ports and
 * feeds the answers back as events. Effects name regions and steps, never URLs or tokens: the
 * driver renders templates and talks to GitHub and the metric backends.
 */
import type { DeploymentState } from './values.js';
import type { RunKind } from './events.js';

export type Decision = 'promoted' | 'rolled-back' | 'paused' | 'failed';

export type Effect =
  /** `attempt` (absent: 0) goes back in the answer's event, so a retried region's runs are told from its earlier ones. */
  | { type: 'dispatch-deploy'; region: string; stage: string; step: number; attempt?: number; traffic: number; correlationId: string }
  | { type: 'dispatch-rollback'; region: string; stage: string; step: number; attempt?: number; traffic: number; correlationId: string }
  /**
   * Stop a run that outlived its timeout, or a deploy run of a release that stopped. `cause` is
   * what the driver may act on; `reason` is its text for people (cancelEffect writes both).
   */
  | { type: 'cancel-run'; region: string; kind: RunKind; runId: number; reason: string; cause: CancelCause }
  /**
   * The approval run of a stage approved by Environment reviewers: once per stage and release (a
   * resume re-sends it only when its run can be found by `correlationId`, the adapter looking first).
   */
  | { type: 'dispatch-approval'; stage: string; environment: string; correlationId: string }
  /** Stop an approval run the stage no longer waits for (rejected, aborted, timed out, the release stopped). */
  | { type: 'cancel-approval-run'; stage: string; runId: number; reason: string }
  /** One GitHub Deployment per region and release; `key` finds it again if the answer was lost. */
  | { type: 'create-deployment'; region: string; stage: string; key: string; again?: true }
  | { type: 'set-deployment-status'; region: string; step: number; deploymentId: number; state: DeploymentState; description: string; runUrl?: string }
  /**
   * One query round for one region: every gate due at `at` goes out together. `bakeStartedAt`: when
   * the bake began, so a comparison gate's range read starts at its first measurement.
   */
  | { type: 'query-metric'; region: string; stage: string; step: number; traffic: number; gates: string[]; at: number; bakeStartedAt?: number }
  /** The freeze: read good and total events over the SLO period for these regions, before `stage` starts (core/freeze.ts). */
  | { type: 'read-budget'; stage: string; regions: string[]; at: number }
  /** The core has nothing to do before `at` (unless a run finishes or a person acts). */
  | { type: 'wait-until'; at: number; reason: string }
  | { type: 'request-approval'; stage: string; region?: string; reason: string; deadline: number }
  /** Persist the state before any effect that follows it in the same batch. */
  | { type: 'save-state' }
  /** A transition worth telling people about now (the summary/check run is refreshed). */
  | { type: 'report'; headline: string }
  | { type: 'finish'; decision: Decision; reasonCode: string; reason: string };

export type EffectType = Effect['type'];

/**
 * Effects the state that asked for them is saved before (one save-state at the head of their
 * batch): a crash after one of them and before the save would resume from an older state and
 * ask for it again.
 */
const SAVE_FIRST: ReadonlySet<EffectType> = new Set([
  'dispatch-deploy',
  'dispatch-rollback',
  'dispatch-approval',
  'create-deployment',
  'cancel-run',
  'cancel-approval-run',
  'request-approval',
  'finish',
]);

/** Of those, the ones never performed when that save failed: they cannot be taken back. */
const IRREVERSIBLE_TYPES: ReadonlySet<EffectType> = new Set(['dispatch-deploy', 'dispatch-rollback', 'dispatch-approval', 'create-deployment']);

/**
 * Whether the state that asked for `effect` must be on record before it is performed: the core
 * puts a save-state at the head of any batch holding one (decide.ts), and the driver saves before
 * performing the batch. The one writer of that list, for the core and the driver alike.
 */
export function needsSavedState(effect: Effect): boolean {
  return SAVE_FIRST.has(effect.type);
}

/**
 * Whether `effect` cannot be taken back (a dispatch, a deployment made): the driver never
 * performs one when the save before it failed, nor after a halt. Every such effect also
 * needs a saved state.
 */
export function isIrreversible(effect: Effect): boolean {
  return IRREVERSIBLE_TYPES.has(effect.type);
}

/**
 * Whether the driver drops `effect` once the release halted (a permission the token lacks,
 * credentials GitHub refuses): nothing irreversible, and no cancel either. A region that was
 * deployed is left as it is for a person to decide (core/halt.ts); the requests would fail the
 * same way anyway.
 */
export function barredAfterHalt(effect: Effect): boolean {
  return isIrreversible(effect) || effect.type === 'cancel-run' || effect.type === 'cancel-approval-run';
}

/**
 * Why the core cancels a run. The driver decides by the cause, never by the text: a late run
 * (one that showed up after its region gave up on it) that had already succeeded is warned about,
 * since the region may run the new version. The text is what the effect always said.
 */
export type CancelCause = 'late-run' | 'duplicate-run' | 'timed-out' | 'region-failed' | 'release-stopped';

const CANCEL_REASON: Readonly<Record<CancelCause, string>> = {
  'late-run': 'no longer wanted',
  'duplicate-run': 'duplicate run for one step',
  'timed-out': 'timed out',
  'region-failed': 'region failed',
  'release-stopped': 'release stopped',
};

/** The cancel-run effect for a cause, with the reason text that cause has always had. */
export function cancelEffect(region: string, kind: RunKind, runId: number, cause: CancelCause): Extract<Effect, { type: 'cancel-run' }> {
  return { type: 'cancel-run', region, kind, runId, reason: CANCEL_REASON[cause], cause };
}
