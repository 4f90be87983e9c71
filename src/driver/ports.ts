/**
 * The narrow interfaces between the interpreter and the outside world. The core never sees
 * these; the interpreter calls them to perform effects and turns their answers into events.
 * Tests and `simulate` pass in-memory implementations; `run`/`reconcile` pass the GitHub and
 * metrics adapters. Keep them narrow: a fake only implements what is listed here. The values
 * they carry that the core or the plan judge (observations, deployment states, the template
 * context) live in core/values.ts and plan/template.ts: imports point from here down, never up.
 */
import type { EnvironmentReview } from '../core/events.js';
import type { DeploymentState, Observation, SeriesObservation } from '../core/values.js';
import type { TemplateContext } from '../plan/template.js';
import type { Gate, Provider } from '../plan/types.js';

export interface MeasureRequest {
  gate: Gate;
  provider: Provider;
  context: TemplateContext;
  /** Measurement time (epoch ms): instant queries are evaluated at this time. */
  at: number;
  /**
   * The query counts events over the window (an slo gate's good/total, the freeze's budget): a
   * backend that answers a window as buckets (Datadog) sums every bucket of every series.
   */
  counts?: true;
}

/**
 * A range read of one query template (the gate's own, its baseline's or its volume query): the
 * values from `start` to `end` (epoch ms, inclusive) every `stepMs`, as Prometheus `query_range`
 * evaluates them. The query is rendered with `context` (for a baseline: the baseline region's).
 */
export interface RangeRequest {
  provider: Provider;
  /** The gate the range is read for (its reducer, http-json path, method and body apply). */
  gate: Gate;
  /** The query template to render (PromQL, Datadog query, or for http-json the URL template). */
  query: string;
  context: TemplateContext;
  start: number;
  end: number;
  stepMs: number;
}

/**
 * Reads one value for one gate, or a range of values. Never throws (errors, timeouts included, come
 * back as `{kind: 'error'}`) and cuts a backend's text to a bounded length: the driver relies on
 * both and repeats neither (metrics/registry.ts keeps them for the real backends).
 */
export interface MetricsPort {
  measure(request: MeasureRequest): Promise<Observation>;
  measureRange(request: RangeRequest): Promise<SeriesObservation>;
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
  /**
   * Keep this driver's lease although the write is `completed` (a paused release): the driver
   * waits for people in the job (wait-for-people) and reads their commands itself, so a command
   * run must hand its command over, not drive the release beside it.
   */
  holdLease?: true;
}

/** A run to read, with the workflow that made it (undefined: its kind has none in the plan). */
export interface RunRef {
  runId: number;
  workflow: string | undefined;
}

/** What reading one run gave: its RunInfo, or the Error that kept it from being read. */
export interface RunRead<R extends RunRef> {
  run: R;
  info: RunInfo | Error;
}

/** Reads the runs of one poll; answers every run asked for (see RunsPort.readRuns). */
export type RunsReader = <R extends RunRef>(runs: readonly R[]) => Promise<Array<RunRead<R>>>;

/** Workflow runs: start them, read them, cancel them. */
export interface RunsPort {
  dispatch(request: DispatchRequest): Promise<{ runId: number; htmlUrl?: string }>;
  /**
   * Reads the runs in flight for one poll, in whatever grouping costs the port least (the GitHub
   * adapter: one conditional list request per workflow; a fake: one read per run, see
   * src/driver/read-runs.ts). Answers every run asked for, in the order the port read them: the
   * driver feeds their ends to the core in that order.
   */
  readRuns: RunsReader;
  /** Cancels a run; may answer what the run was when asked (a run already completed is not cancelled). */
  cancelRun(runId: number): Promise<RunInfo | void>;
}

/** A run a dispatch in doubt made that the release does not track. */
export interface StrayRun {
  region: string;
  kind: 'deploy' | 'rollback';
  step: number;
  /** The region's attempt its correlation id names (absent: 0). */
  attempt?: number;
  runId: number;
  htmlUrl?: string;
}

/**
 * Dispatches in doubt (an answer lost, a run not found in time) and the runs they may have made.
 * A port that cannot lose answers has nothing to track: NO_DOUBTS (src/driver/read-runs.ts).
 */
export interface DoubtsPort {
  /** Runs found for dispatches in doubt that the release does not track; each is reported once. */
  strayRuns(): Promise<StrayRun[]>;
  /** Correlation ids of dispatches still in doubt (a driver stopping says so). */
  openDoubts(): string[];
  /** A resumed driver hands over dispatches an earlier one could not confirm (done, no run id), to be looked for. */
  watchFor(correlationId: string, workflow: string, dispatchedAt: number): void;
}

/** The deployment records people see in each environment. */
export interface DeploymentsPort {
  createDeployment(request: DeploymentRequest): Promise<{ deploymentId: number }>;
  setDeploymentStatus(deploymentId: number, state: DeploymentState, description: string, logUrl?: string): Promise<void>;
}

/** Where the release's state is kept between drivers. */
export interface LedgerPort {
  loadLedger(releaseId: string): Promise<LedgerRecord | undefined>;
  saveLedger(releaseId: string, write: LedgerWrite): Promise<void>;
}

/** Who may decide. */
export interface PermissionsPort {
  /** Repository permission of a user: admin | maintain | write | triage | read | none. */
  permissionOf(user: string): Promise<string>;
  /**
   * Whether `user` is an active member of `team` (`org/slug`). Throws TeamsUnreadableError when
   * the port has no token that can read the organisation's teams (input org-token): a team rule
   * then refuses, it never allows.
   */
  isTeamMember(team: string, user: string): Promise<boolean>;
}

/** Team membership cannot be read (no org-token given, or the token may not read the org). */
export class TeamsUnreadableError extends Error {
  override name = 'TeamsUnreadableError';
}

/**
 * A workflow run that may carry an operator command, as GitHub lists it: the command is read from
 * its title (plan/ids.ts parseCommandTitle), its author from `actor`/`triggeringActor`, and its
 * origin (event, workflow file) is checked before anything it says is applied (driver/inbox.ts).
 */
export interface CommandRun {
  runId: number;
  /** run_attempt: a re-run is the same run with a higher attempt. */
  attempt: number;
  /** workflow_dispatch for a person's command; anything else is refused. */
  event: string;
  /** The workflow file, as GitHub's `path` says it (`.github/workflows/release.yml`, no `@ref`). */
  workflowPath: string;
  title: string;
  actor: string;
  triggeringActor: string;
  createdAt: number;
  htmlUrl?: string;
  /** The run's conclusion once completed (a run its person cancelled carries no command). */
  conclusion?: string | null;
}

/**
 * Commands that arrive while a driver holds the release (the inbox): the runs of the driving
 * workflow created since the release started. GitHub writes them; nobody can forge one. The
 * GitHub adapter asks with a conditional request, so asking while nothing changed costs no rate limit.
 */
export interface InboxPort {
  commandRuns(): Promise<CommandRun[]>;
}

/**
 * Who decided on a run held by Environment reviewers (a stage's approval run): GitHub's
 * `GET .../actions/runs/{id}/approvals`, in GitHub's order. Asked once, when the run completed; a
 * failure only leaves the reviewer unnamed (the run's conclusion decides).
 */
export interface ReviewsPort {
  reviewsOf(runId: number): Promise<EnvironmentReview[]>;
}

/** The roles GitHub plays for the driver, each its own port (one adapter may play them all). */
export interface GitHubPorts {
  runs: RunsPort;
  reviews: ReviewsPort;
  doubts: DoubtsPort;
  deployments: DeploymentsPort;
  ledger: LedgerPort;
  permissions: PermissionsPort;
  inbox: InboxPort;
}

/** Everything the driver performs effects through. */
export interface DriverPorts extends GitHubPorts {
  metrics: MetricsPort;
  clock: Clock;
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
  constructor(
    readonly reasonCode: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
