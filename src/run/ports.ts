/**
 * The narrow interfaces between the interpreter and the outside world. The core never sees
 * these; the interpreter calls them to perform effects and turns their answers into events.
 * Tests and `simulate` pass in-memory implementations; `run`/`reconcile` pass the GitHub and
 * metrics adapters. Keep them narrow: a fake only implements what is listed here. The values
 * they carry that the core or the plan judge (observations, deployment states, the template
 * context) live in core/values.ts and plan/template.ts: imports point from here down, never up.
 */
import type { DeploymentState, Observation } from '../core/values.js';
import type { TemplateContext } from '../plan/template.js';
import type { Gate, Provider } from '../plan/types.js';

export interface MeasureRequest {
  gate: Gate;
  provider: Provider;
  context: TemplateContext;
  /** Measurement time (epoch ms): instant queries are evaluated at this time. */
  at: number;
}

/** Reads one value for one gate; never throws (errors come back as `{kind: 'error'}`). */
export interface MetricsPort {
  measure(request: MeasureRequest): Promise<Observation>;
}

/** GitHub's run statuses, and `unfinished`: not completed nor waiting (a watch that lists only those cannot tell queued from in progress). */
export type RunStatus = 'requested' | 'queued' | 'pending' | 'waiting' | 'in_progress' | 'completed' | 'unfinished';

export interface RunInfo {
  id: number;
  status: RunStatus;
  conclusion: string | null;
  htmlUrl?: string;
}

export interface DispatchRequest {
  workflow: string;
  ref: string;
  inputs: Record<string, string>;
  /** Unique per (release, region, step, kind): used to find a run whose dispatch answer was lost. */
  correlationId: string;
  /** Input that carries correlationId into the run-name (fallback where run details are not returned). */
  correlationInput?: string;
}

export interface DeploymentRequest {
  ref: string;
  environment: string;
  description: string;
  /** Unique per (release, region): used to find a deployment whose creation answer was lost. */
  key: string;
  payload: Record<string, unknown>;
  /** An earlier attempt may have made it: look it up by key before creating. */
  lookFirst?: boolean;
}

export interface Annotation {
  path: string;
  line: number;
  level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface LedgerRecord {
  /** Serialized engine state (versioned JSON). */
  state: unknown;
  checkRunId?: number;
}

export interface LedgerWrite {
  state: unknown;
  summary: string;
  status: 'in_progress' | 'completed';
  conclusion?: 'success' | 'failure' | 'action_required' | 'cancelled' | 'neutral';
  annotations: Annotation[];
}

/** The slice of GitHub the interpreter needs. */
export interface GitHubPort {
  dispatch(request: DispatchRequest): Promise<{ runId: number; htmlUrl?: string }>;
  getRun(runId: number): Promise<RunInfo>;
  /**
   * Optional batch read of several runs of one workflow (the GitHub adapter: one conditional list
   * request instead of a GET per run). Answers every id asked for, with its RunInfo or the Error
   * that kept it from being read. Without it the driver calls getRun per run.
   */
  getRuns?(workflow: string, runIds: number[]): Promise<Map<number, RunInfo | Error>>;
  /** Cancels a run; may answer what the run was when asked (a run already completed is not cancelled). */
  cancelRun(runId: number): Promise<RunInfo | void>;
  /**
   * Runs found for a dispatch that was in doubt (its answer lost, or its run not found in time)
   * and that the release does not track; each is reported once. Optional: only a port that can
   * lose answers needs it.
   */
  strayRuns?(): Promise<Array<{ region: string; kind: 'deploy' | 'rollback'; step: number; runId: number; htmlUrl?: string }>>;
  /** Correlation ids of dispatches still in doubt (a driver stopping says so). */
  openDoubts?(): string[];
  /** A resumed driver hands over dispatches an earlier one could not confirm (done, no run id), to be looked for. */
  watchFor?(correlationId: string, workflow: string, dispatchedAt: number): void;
  createDeployment(request: DeploymentRequest): Promise<{ deploymentId: number }>;
  setDeploymentStatus(deploymentId: number, state: DeploymentState, description: string, logUrl?: string): Promise<void>;
  loadLedger(releaseId: string): Promise<LedgerRecord | undefined>;
  saveLedger(releaseId: string, write: LedgerWrite): Promise<void>;
  /** Repository permission of a user: admin | maintain | write | triage | read | none. */
  permissionOf(user: string): Promise<string>;
}

/** Time, injected so tests and `simulate` run on a virtual clock and never sleep. */
export interface Clock {
  now(): number;
  sleepUntil(epochMs: number): Promise<void>;
}

/**
 * A port failure after which the driver must not go on: performing more would dispatch what
 * cannot be recorded (a permission the token lacks, credentials GitHub refuses). The driver
 * performs nothing more and hands the core one `halted` event with `reasonCode` and the message.
 */
export class FatalPortError extends Error {
  override name = 'FatalPortError';
  constructor(readonly reasonCode: string, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
  }
}
