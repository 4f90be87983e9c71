/**
 * An in-process GitHub for `simulate` and tests: a dispatch becomes a run that completes after
 * a simulated duration on the (virtual) clock, with the outcome the scenario scripts. Dispatches
 * are idempotent by correlation id, as the real adapter must be, and always answer: nothing is
 * ever in doubt (the driver is handed NO_DOUBTS with it).
 */
import type { EnvironmentReview } from '../core/events.js';
import { parseApprovalCorrelationId, parseCorrelationId } from '../plan/ids.js';
import type {
  Clock,
  DeploymentRequest,
  DeploymentsPort,
  DispatchRequest,
  LedgerPort,
  LedgerRecord,
  LedgerWrite,
  PermissionsPort,
  ReviewsPort,
  RunInfo,
  RunRead,
  RunRef,
  RunsPort,
} from '../driver/ports.js';
import type { DeploymentState } from '../core/values.js';
import { readRunsOneByOne } from '../driver/read-runs.js';
import { randomFor } from './random.js';
import type { Scenario } from './scenario.js';

interface EmulatedRun {
  id: number;
  request: DispatchRequest;
  region: string;
  kind: 'deploy' | 'rollback' | 'approval';
  step: number;
  startedAt: number;
  /** undefined: never finishes by itself (a hung run). */
  endsAt: number | undefined;
  conclusion: string;
  cancelled: boolean;
}

export interface EmulatorOptions {
  clock: Clock;
  scenario: Scenario;
  seed: number;
  /** Typical run duration (default 3 min); each run varies by up to +-30 % (seeded). */
  runMs?: number;
}

/** Who approves a simulated stage held by Environment reviewers. */
export const SIMULATED_REVIEWER = 'simulated-reviewer';

export class EmulatedGitHub implements RunsPort, ReviewsPort, DeploymentsPort, LedgerPort, PermissionsPort {
  readonly runs: EmulatedRun[] = [];
  readonly deployments: Array<{ id: number; request: DeploymentRequest; statuses: DeploymentState[] }> = [];
  private readonly deploymentByKey = new Map<string, number>();
  /** Last ledger write (kept by reference: serialising thousands of regions per save would dominate the simulation). */
  ledger: LedgerWrite | undefined;
  ledgerWrites = 0;
  private readonly byCorrelation = new Map<string, EmulatedRun>();

  constructor(private readonly opts: EmulatorOptions) {}

  async dispatch(request: DispatchRequest): Promise<{ runId: number; htmlUrl?: string }> {
    const existing = this.byCorrelation.get(request.correlationId);
    if (existing) return { runId: existing.id, htmlUrl: this.url(existing.id) };
    const parsed = parseCorrelationId(request.correlationId);
    // An approval run (Environment reviewers) waits for the simulated reviewer, who approves.
    const approval = parseApprovalCorrelationId(request.correlationId).ok;
    const region = parsed.ok ? parsed.region : 'unknown';
    const kind = approval ? 'approval' : parsed.ok ? parsed.kind : 'deploy';
    const now = this.opts.clock.now();
    const base = this.opts.runMs ?? 180_000;
    const duration = Math.round(base * (0.7 + 0.6 * randomFor(this.opts.seed, `run|${request.correlationId}`)));
    const sc = this.opts.scenario;
    const hung = kind === 'deploy' && sc.deployTimeouts.has(region);
    const failed = kind === 'deploy' ? sc.deployFailures.has(region) : sc.rollbackFailures.has(region);
    const run: EmulatedRun = {
      id: 1000 + this.runs.length,
      request,
      region,
      kind,
      step: parsed.ok ? parsed.step : 0,
      startedAt: now,
      endsAt: hung ? undefined : now + duration,
      conclusion: failed ? 'failure' : 'success',
      cancelled: false,
    };
    this.runs.push(run);
    this.byCorrelation.set(request.correlationId, run);
    return { runId: run.id, htmlUrl: this.url(run.id) };
  }

  async getRun(runId: number): Promise<RunInfo> {
    const run = this.runs[runId - 1000];
    if (!run) throw new Error(`run ${runId} not found`);
    const done = run.cancelled || (run.endsAt !== undefined && this.opts.clock.now() >= run.endsAt);
    return {
      id: run.id,
      status: done ? 'completed' : run.kind === 'approval' ? 'waiting' : 'in_progress',
      conclusion: done ? (run.cancelled ? 'cancelled' : run.conclusion) : null,
      htmlUrl: this.url(run.id),
    };
  }

  /** Run by run, through getRun (which a test may replace on an object made from this one). */
  readRuns<R extends RunRef>(runs: readonly R[]): Promise<Array<RunRead<R>>> {
    return readRunsOneByOne((runId) => this.getRun(runId))(runs);
  }

  /** The simulated reviewer approves every approval run (the scenario has no rejections). */
  async reviewsOf(runId: number): Promise<EnvironmentReview[]> {
    const run = this.runs[runId - 1000];
    return run?.kind === 'approval' && !run.cancelled ? [{ user: SIMULATED_REVIEWER, state: 'approved', comment: 'simulated approval' }] : [];
  }

  async cancelRun(runId: number): Promise<void> {
    const run = this.runs[runId - 1000];
    if (run && !(run.endsAt !== undefined && this.opts.clock.now() >= run.endsAt)) run.cancelled = true;
  }

  async createDeployment(request: DeploymentRequest): Promise<{ deploymentId: number }> {
    const found = this.deploymentByKey.get(request.key);
    if (found !== undefined) return { deploymentId: found };
    const id = 5000 + this.deployments.length;
    this.deployments.push({ id, request, statuses: [] });
    this.deploymentByKey.set(request.key, id);
    return { deploymentId: id };
  }

  async setDeploymentStatus(deploymentId: number, state: DeploymentState): Promise<void> {
    this.deployments[deploymentId - 5000]?.statuses.push(state);
  }

  async loadLedger(): Promise<LedgerRecord | undefined> {
    return this.ledger ? { state: this.ledger.state } : undefined;
  }

  async saveLedger(_releaseId: string, write: LedgerWrite): Promise<void> {
    this.ledger = write;
    this.ledgerWrites += 1;
  }

  async permissionOf(): Promise<string> {
    return 'admin';
  }

  /** The simulated approver is on every team. */
  async isTeamMember(): Promise<boolean> {
    return true;
  }

  private url(id: number): string {
    return `https://github.example/simulate/actions/runs/${id}`;
  }
}
