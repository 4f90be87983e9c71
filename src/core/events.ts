/**
 * Events: everything the core learns about the world. Time arrives only inside events (`at`,
 * epoch ms); the core never reads a clock. The driver records every event it feeds, so
 * replaying them from the initial state reproduces the final state.
 */
import type { ComparisonObservation, DeploymentState, EventReads, Observation, SloObservation } from './values.js';

export type RunKind = 'deploy' | 'rollback';

export type CommandName = 'approve' | 'reject' | 'abort' | 'pause' | 'resume' | 'promote' | 'retry' | 'rollback' | 'adopt-plan' | 'override-freeze';

/**
 * The workflow run a person's command came in (a command run): the release takes each run attempt
 * once (state.commandRuns, keyed by plan/ids.ts commandRunKey), and the history names it.
 * `triggeredBy`: GITHUB_TRIGGERING_ACTOR of that attempt (a re-run's), when it differs from `by`.
 */
export interface CommandOrigin {
  runId: number;
  attempt: number;
  triggeredBy?: string;
  htmlUrl?: string;
  /** When GitHub created the run (epoch ms): the command was given then, which decides whether it came in time. */
  createdAt?: number;
}

/** A reviewer's answer to a run held by Environment reviewers, as GitHub lists it (`GET .../runs/{id}/approvals`). */
export interface EnvironmentReview {
  user: string;
  state: 'approved' | 'rejected';
  comment: string;
}

export type Event =
  /** The release begins (first invocation). */
  | { type: 'started'; at: number; by?: string }
  /** A driver picked up a saved state (reconcile, or a restarted job): outstanding effects are re-emitted. */
  | { type: 'resumed'; at: number }
  /** `attempt`: the region's attempt the dispatch was for (absent: 0), as its effect or correlation id says. */
  | { type: 'run-dispatched'; at: number; region: string; kind: RunKind; step: number; attempt?: number; runId: number; htmlUrl?: string }
  /** The dispatch call itself failed (after the adapter's retries). */
  | { type: 'dispatch-failed'; at: number; region: string; kind: RunKind; step: number; attempt?: number; message: string }
  | { type: 'run-finished'; at: number; region: string; kind: RunKind; step: number; runId: number; conclusion: string | null }
  /** A stage's approval run (Environment reviewers) was dispatched, or its dispatch failed. */
  | { type: 'approval-run-dispatched'; at: number; stage: string; runId: number; htmlUrl?: string }
  | { type: 'approval-dispatch-failed'; at: number; stage: string; message: string }
  /** It ended; `reviews`: who approved or rejected it (absent when they could not be read: the conclusion alone decides). */
  | { type: 'approval-run-finished'; at: number; stage: string; runId: number; conclusion: string | null; reviews?: EnvironmentReview[] }
  /** The region's deployment exists (one per region and release). */
  | { type: 'deployment-created'; at: number; region: string; deploymentId: number }
  /** GitHub accepted a deployment status (the one wanted for `step`): recorded so a resume does not set it again. */
  | { type: 'deployment-status-set'; at: number; region: string; step: number; deploymentId: number; state: DeploymentState }
  /**
   * One gate's observation for one region at one step; `at` is the time the query was evaluated for.
   * A comparison gate's is the range read of the bake so far (`comparison`); an slo gate's, its four reads.
   */
  | { type: 'measurement'; at: number; region: string; step: number; gate: string; observation: Observation | ComparisonObservation | SloObservation }
  /** The freeze's budget reads (good/total over the SLO period) for the stage about to start, one per region read. */
  | { type: 'budget-read'; at: number; stage: string; reads: Array<EventReads & { region: string }> }
  /** Time has passed: the core checks deadlines, due measurements and finished bakes at `at`. */
  | { type: 'timer-fired'; at: number }
  /** A person's decision on a stage (before it starts) or on a region held by an inconclusive gate. */
  | {
      type: 'approval';
      at: number;
      by: string;
      decision: 'approve' | 'reject';
      stage?: string;
      region?: string;
      comment?: string;
      denied?: string;
      /** Stable code of the denial, as for a command. */
      deniedCode?: string;
      origin?: CommandOrigin;
    }
  /**
   * `denied`: the driver found `by` may not do this (permission, allow-list, self-approval); recorded, never applied.
   * `digest` (adopt-plan): the plan digest, or its leading hex digits, the person means to adopt.
   */
  | {
      type: 'command';
      at: number;
      by: string;
      name: CommandName;
      stage?: string;
      region?: string;
      reason?: string;
      denied?: string;
      /** Stable code of the denial (permission-denied, self-approval, not-approver, team-unverifiable, run-unverified, ...). */
      deniedCode?: string;
      digest?: string;
      origin?: CommandOrigin;
    }
  /**
   * The driver cannot go on (the token lacks a permission, GitHub refuses the token): the release
   * ends `failed` with this reason, and nothing more is dispatched (core/halt.ts).
   */
  | { type: 'halted'; at: number; reasonCode: string; reason: string }
  /** The job is being cancelled (SIGINT): nothing is decided, the state is saved. */
  | { type: 'cancelled'; at: number; reason?: string };

export type EventType = Event['type'];
