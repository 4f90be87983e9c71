/**
 * The GitHub adapter behind the driver's GitHub ports (src/driver/ports.ts): dispatch and track
 * runs and the dispatches in doubt, who reviewed a run held by Environment reviewers, deployments
 * and statuses, the check-run ledger, permissions, the inbox of command runs. All requests go
 * through one Octokit (or a plain request function in tests), but team membership, which only the
 * org token may read (a client of its own); writes that could repeat are guarded by lookups.
 */
import type {
  CommandRun,
  DeploymentRequest,
  DeploymentsPort,
  DispatchRequest,
  DoubtsPort,
  InboxPort,
  LedgerPort,
  LedgerRecord,
  LedgerWrite,
  PermissionsPort,
  ReviewsPort,
  RunInfo,
  RunsPort,
} from '../driver/ports.js';
import type { DeploymentState } from '../core/values.js';
import { readRunsByWorkflow } from '../driver/read-runs.js';
import type { GhContext, RequestFn } from './request-context.js';
import { createDeployment, findReleaseCommit, setDeploymentStatus } from './deployments.js';
import { dispatchWorkflow, type DispatchMemo } from './dispatch.js';
import { parseHolder } from './holder.js';
import { Ledger } from './check-run-ledger.js';
import { StrayWatch } from './strays.js';
import { parseCorrelationId } from '../plan/ids.js';
import { permissionOf } from './permissions.js';
import { reviewsOf } from './reviews.js';
import { cancelRun, describeRunStatus, getRun, getRunsOfWorkflow, newRunWatch } from './runs.js';
import { createClient, statusOf, type ClientTiming } from './client.js';
import { installEtagCache } from './etag.js';
import { getCommandRun, listCommandRuns } from './inbox.js';
import { isTeamMember } from './teams.js';
import { checkedRequest } from './errors.js';

export interface GitHubPortOptions {
  /** An Octokit (only `request` is used). */
  octokit: { request: unknown };
  owner: string;
  repo: string;
  /** The released commit: the ledger check run is attached to it. */
  headSha: string;
  /** This driver's id for the lease (GITHUB_RUN_ID). */
  holder: string;
  /** How long a lease lasts without renewal (default 10 min). */
  leaseMs?: number;
  /** The API's base URL (GITHUB_API_URL), for errors that say where GitHub could not be used. */
  apiUrl?: string;
  /** Link from the check run (the driving workflow run). */
  detailsUrl?: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Delays before re-trying a guarded write (default 2, 5, 10 s). */
  writeRetryDelaysMs?: number[];
  /** Delays between looks for a dispatched run in the runs list (default 2, 3, 5, 8, 13 s). */
  findDelaysMs?: number[];
  /** Clock skew allowed in `created>=` (default 2 min). */
  skewMs?: number;
  log?: (message: string) => void;
  /** Told when a run's status reads differently (e.g. "waiting for environment approval"), for summaries. */
  onRunStatus?: (runId: number, described: string) => void;
  /**
   * Input org-token: reads team membership (the repository's token cannot), through a client of
   * its own made on first use. Never logged; the entry masks it as it masks `token`.
   */
  orgToken?: string;
  /** Timing of that client (the main one's, so tests and virtual time do not wait). */
  orgClientTiming?: Partial<ClientTiming>;
  /**
   * The workflow whose runs carry commands to this driver (GITHUB_WORKFLOW_REF's path,
   * `.github/workflows/release.yml`); undefined: no inbox (a local driver has none).
   */
  inboxWorkflow?: string;
}

/** The ports plus what the modes' composition (src/modes/drive-release.ts) needs around them. */
export interface GitHubAdapter extends RunsPort, ReviewsPort, DoubtsPort, DeploymentsPort, LedgerPort, PermissionsPort, InboxPort {
  readonly ledger: Ledger;
  /** Set once a ledger was found: earlier drivers may have made things, so look before creating. */
  resumed: boolean;
  /**
   * The release being resumed started at `at` (its saved state says so): the look for runs an
   * earlier driver dispatched goes back to then. Told by whoever reads the state (the adapter
   * does not look inside it).
   */
  releaseStarted(at: number): void;
  /** One run, read on its own. */
  getRun(runId: number): Promise<RunInfo>;
  /** Several runs of one workflow in one conditional list request: every id asked for, with its RunInfo or the Error that kept it from being read. */
  getRuns(workflow: string, runIds: number[]): Promise<Map<number, RunInfo | Error>>;
  /** The commit earlier deployments of this release were made on, if any (see findReleaseCommit). */
  releaseCommit(environment: string, releaseId: string): Promise<string | undefined>;
  /** One run as the inbox would hand it on (a command run reads its own title, and the lease holder's run). */
  commandRun(runId: number): Promise<CommandRun>;
}

/** Clock skew allowed in the inbox's `created>=`: a command run is created after the release started, by GitHub's clock. */
const INBOX_SKEW_MS = 60_000;

/** The request function of the org-token client, made on first use (undefined: no org token). */
function orgRequester(opts: GitHubPortOptions): () => RequestFn | undefined {
  let made: RequestFn | undefined;
  return () => {
    if (opts.orgToken === undefined || opts.orgToken === '') return undefined;
    if (made === undefined) {
      const octokit = createClient({
        token: opts.orgToken,
        ...(opts.apiUrl !== undefined ? { baseUrl: opts.apiUrl } : {}),
        ...(opts.orgClientTiming !== undefined ? { timing: opts.orgClientTiming } : {}),
        ...(opts.log !== undefined ? { log: opts.log } : {}),
      });
      // The same person asked about again (every look at a held approval) costs a 304.
      installEtagCache(octokit);
      made = octokit.request as unknown as RequestFn;
    }
    return made;
  };
}

/** Builds the port. */
export function createGitHubPort(opts: GitHubPortOptions): GitHubAdapter {
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? Date.now;
  // GitHub's clock minus ours, from the `date` header of the latest answer. Run lists are
  // filtered by `created>=` in GitHub's time: a runner clock that is off by more than the skew
  // allowance would otherwise hide the runs it watches (and a watch that lists only completed
  // runs takes a run it cannot see for one still going).
  let serverOffsetMs = 0;
  // Permissions the token lacks, refused credentials and pages instead of answers become failures naming what to do.
  const raw = checkedRequest(opts.octokit.request as RequestFn, opts.apiUrl ?? 'https://api.github.com');
  const request: RequestFn = async (route, params) => {
    const res = await raw(route, params);
    const date = Date.parse(String(res.headers.date ?? ''));
    if (Number.isFinite(date)) serverOffsetMs = date - now();
    return res;
  };
  const ctx: GhContext = {
    request,
    owner: opts.owner,
    repo: opts.repo,
    now,
    serverNow: () => now() + serverOffsetMs,
    sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    writeRetryDelaysMs: opts.writeRetryDelaysMs ?? [2_000, 5_000, 10_000],
    findDelaysMs: opts.findDelaysMs ?? [2_000, 3_000, 5_000, 8_000, 13_000],
    log,
  };
  const memo: DispatchMemo = {};
  const strays = new StrayWatch();
  let releaseStartedAt: number | undefined;
  const lastStatus = new Map<number, string>();
  const watch = newRunWatch();
  const skewMs = opts.skewMs ?? 120_000;
  const orgRequest = orgRequester(opts);
  const noteStatus = (info: RunInfo): void => {
    const said = describeRunStatus(info.status, info.conclusion);
    if (lastStatus.get(info.id) === said) return;
    lastStatus.set(info.id, said);
    log(`run ${info.id}: ${said}`);
    opts.onRunStatus?.(info.id, said);
  };
  const isHolderAlive = async (holder: string): Promise<boolean> => {
    // A holder without a run id (a local driver, or a form we cannot read) is taken as alive.
    const runId = parseHolder(holder)?.runId;
    if (runId === undefined) return true;
    try {
      return (await getRun(ctx, runId)).status !== 'completed';
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  };
  const ledger = new Ledger(ctx, {
    headSha: opts.headSha,
    holder: opts.holder,
    leaseMs: opts.leaseMs ?? 10 * 60_000,
    isHolderAlive,
    ...(opts.detailsUrl ? { detailsUrl: opts.detailsUrl } : {}),
  });
  const adapter: GitHubAdapter = {
    ledger,
    resumed: false,
    async dispatch(req: DispatchRequest) {
      // The run is created after this moment (within clock skew): the bound of later lists.
      const before = ctx.serverNow();
      const answer = await dispatchWorkflow(ctx, req, memo, {
        skewMs,
        mayExist: adapter.resumed,
        ...(releaseStartedAt !== undefined ? { releaseStartedAt } : {}),
        onDoubt: (since) => strays.doubt(req.correlationId, req.workflow, since, ctx.now()),
      });
      strays.known(req.correlationId, answer.runId);
      // The dispatch's own answer tells GitHub's clock if no earlier one did: the run was created
      // before that answer, so the earlier of the two bounds it. A run an earlier driver made
      // (resume) is older: it is left out, so its first poll reads it on its own and learns when.
      if (!answer.preexisting && !watch.createdAt.has(answer.runId)) watch.createdAt.set(answer.runId, Math.min(before, ctx.serverNow()));
      return { runId: answer.runId, ...(answer.htmlUrl !== undefined ? { htmlUrl: answer.htmlUrl } : {}) };
    },
    async getRun(runId: number): Promise<RunInfo> {
      const info = await getRun(ctx, runId, watch);
      noteStatus(info);
      return info;
    },
    async getRuns(workflow: string, runIds: number[]): Promise<Map<number, RunInfo | Error>> {
      const answers = await getRunsOfWorkflow(ctx, watch, workflow, runIds, skewMs);
      for (const a of answers.values()) if (!(a instanceof Error)) noteStatus(a);
      return answers;
    },
    // One request per workflow per poll, rather than a GET per run.
    readRuns: readRunsByWorkflow(
      (workflow, runIds) => adapter.getRuns(workflow, runIds),
      (runId) => adapter.getRun(runId),
    ),
    async strayRuns() {
      const found = await strays.find(ctx);
      const out = [];
      for (const f of found) {
        const parsed = parseCorrelationId(f.correlationId);
        if (!parsed.ok) continue;
        log(`run ${f.runId} carries correlation id ${f.correlationId} but is not the run the release tracks: handing it to the engine`);
        out.push({
          region: parsed.region,
          kind: parsed.kind,
          step: parsed.step,
          ...(parsed.attempt > 0 ? { attempt: parsed.attempt } : {}),
          runId: f.runId,
          ...(f.htmlUrl !== undefined ? { htmlUrl: f.htmlUrl } : {}),
        });
      }
      return out;
    },
    openDoubts: () => strays.open(ctx.now()),
    watchFor(correlationId: string, workflow: string, dispatchedAt: number) {
      strays.doubt(correlationId, workflow, dispatchedAt - skewMs, dispatchedAt);
    },
    async cancelRun(runId: number) {
      // The watch lists do not tell queued from in progress (or held by a concurrency group): a
      // run being cancelled (a timeout, mostly) is read first, so the log says where it was stuck,
      // and the caller learns whether it had already finished.
      const last = await getRun(ctx, runId, watch).catch(() => undefined);
      if (last) log(`cancelling run ${runId} (${describeRunStatus(last.status, last.conclusion)})`);
      if (last?.status === 'completed') return last;
      await cancelRun(ctx, runId);
      return last;
    },
    reviewsOf: (runId: number) => reviewsOf(ctx, runId),
    createDeployment: (req: DeploymentRequest) => createDeployment(ctx, req, { mayExist: adapter.resumed || req.lookFirst === true }),
    releaseCommit: (environment: string, releaseId: string) => findReleaseCommit(ctx, environment, releaseId),
    setDeploymentStatus: (id: number, state: DeploymentState, description: string, logUrl?: string) => setDeploymentStatus(ctx, id, state, description, logUrl),
    async loadLedger(releaseId: string): Promise<LedgerRecord | undefined> {
      const record = await ledger.load(releaseId);
      // Even a ledger without state means an earlier driver got as far as creating it.
      if (record) adapter.resumed = true;
      return record;
    },
    releaseStarted(at: number) {
      releaseStartedAt = at;
    },
    saveLedger: (releaseId: string, write: LedgerWrite) => ledger.save(releaseId, write),
    permissionOf: (user: string) => permissionOf(ctx, user),
    isTeamMember: (team: string, user: string) => isTeamMember(orgRequest(), team, user),
    async commandRuns() {
      if (opts.inboxWorkflow === undefined) return [];
      // Until the release's start is known, every run of the workflow (a command run looking for its release).
      return listCommandRuns(ctx, opts.inboxWorkflow, releaseStartedAt !== undefined ? releaseStartedAt - INBOX_SKEW_MS : undefined);
    },
    commandRun: (runId: number) => getCommandRun(ctx, runId),
  };
  return adapter;
}
