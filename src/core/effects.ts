/**
 * Effects: what the core asks the driver to do. The driver performs them through the ports and
 * feeds the answers back as events. Effects name regions and steps, never URLs or tokens: the
 * driver renders templates and talks to GitHub and the metric backends.
 */
import type { DeploymentState } from './values.js';
import type { RunKind } from './events.js';

export type Decision = 'promoted' | 'rolled-back' | 'paused' | 'failed';

export type Effect =
  | { type: 'dispatch-deploy'; region: string; stage: string; step: number; traffic: number; correlationId: string }
  | { type: 'dispatch-rollback'; region: string; stage: string; step: number; traffic: number; correlationId: string }
  /** Stop a run that outlived its timeout, or a deploy run of a release that stopped. */
  | { type: 'cancel-run'; region: string; kind: RunKind; runId: number; reason: string }
  /** One GitHub Deployment per region and release; `key` finds it again if the answer was lost. */
  | { type: 'create-deployment'; region: string; stage: string; key: string; again?: true }
  | { type: 'set-deployment-status'; region: string; step: number; deploymentId: number; state: DeploymentState; description: string; runUrl?: string }
  /** One query round for one region: every gate due at `at` goes out together. */
  | { type: 'query-metric'; region: string; stage: string; step: number; traffic: number; gates: string[]; at: number }
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
export const SAVE_FIRST: ReadonlySet<EffectType> = new Set(['dispatch-deploy', 'dispatch-rollback', 'create-deployment', 'cancel-run', 'request-approval', 'finish']);

/** Of those, the ones never performed when that save failed: they cannot be taken back. */
export const IRREVERSIBLE: ReadonlySet<EffectType> = new Set(['dispatch-deploy', 'dispatch-rollback', 'create-deployment']);

/**
 * The `reason` of a cancel-run for a run that showed up after its region gave up on it: the
 * driver warns when such a deploy run had already succeeded (the region may run the new version).
 */
export const LATE_RUN_CANCEL_REASON = 'no longer wanted';

