/**
 * The fake's workflow runs: dispatched through the API (they progress per observation, or on the
 * fake's clock), or made by a test the way a person's dispatch or re-run would (`add`, `rerun`:
 * held where they are until the test moves them, as the run of a live driver stays in progress).
 * Split from server.ts (routing, auth, faults).
 */
import type { FakeReview } from './records.js';
import { workflowRun, type RepoRef, type RunRecord } from './entities.js';
import type { Answer } from './records.js';

/**
 * How a run progresses: it stays in each status for that many observations (GETs of the run, or
 * lists showing it), so no test waits on a clock; or, with `timed`, for that many milliseconds of
 * the fake's clock (`now`), as runs on GitHub do: what a poller sees then depends on how often it
 * looks (the request benchmark uses this, on a virtual clock shared with the driver).
 */
export interface RunScript {
  queuedPolls: number;
  waitingPolls: number;
  inProgressPolls: number;
  conclusion: 'success' | 'failure' | 'cancelled' | 'timed_out' | 'startup_failure';
  timed?: { queuedMs: number; waitingMs?: number; inProgressMs: number };
  /** Who reviewed the run once it stopped waiting (`GET .../runs/{id}/approvals`); `fake.setReviews` replaces them. */
  reviews?: FakeReview[];
}

export interface FakeRun extends RunRecord {
  script: RunScript;
  observed: number;
  cancelled: boolean;
  listed: number;
  /** Made by a test (addRun/rerun): its status moves only when the test says (setRunStatus). */
  held: boolean;
}

/** A run as a person's dispatch makes it (see GitHubFake.addRun). */
export interface AddRunOptions {
  /** The workflow file name, e.g. `release.yml`. */
  workflow: string;
  /** Default `workflow_dispatch`. */
  event?: string;
  actor: string;
  /** Who started this attempt; default `actor`. */
  triggeringActor?: string;
  /** The run's title as its `run-name:` made it (e.g. plan/ids.ts commandTitle). */
  title: string;
  /** run_attempt; default 1. */
  attempt?: number;
  /** Default: the fake's clock now. */
  createdAt?: number;
  /** Default `in_progress`: the run that carries a command is running while its driver runs. */
  status?: 'queued' | 'in_progress' | 'waiting' | 'completed';
  conclusion?: string;
  /** The branch it runs on; default `main`. */
  ref?: string;
}

export const DEFAULT_SCRIPT: RunScript = { queuedPolls: 1, waitingPolls: 0, inProgressPolls: 1, conclusion: 'success' };

export class FakeRuns {
  readonly list: FakeRun[] = [];
  private nextRunId = 9_000_001;

  constructor(
    private readonly repoRef: RepoRef,
    private readonly clock: () => number,
    /** A new run is missing from the first N list answers of its workflow. */
    private readonly lag: (workflow: string) => number,
  ) {}

  /** Records a dispatched run; answers its id. */
  dispatched(run: { workflow: string; title: string; ref: string; inputs: Record<string, string>; script: RunScript; actor: string }): number {
    return this.push({ ...run, event: 'workflow_dispatch', triggeringActor: run.actor, attempt: 1, createdAt: this.clock(), status: 'queued', held: false });
  }

  /** A run a person started (a command run of the release workflow, say); answers its id. */
  add(o: AddRunOptions): number {
    return this.push({
      workflow: o.workflow,
      title: o.title,
      ref: o.ref ?? 'main',
      inputs: {},
      script: DEFAULT_SCRIPT,
      actor: o.actor,
      event: o.event ?? 'workflow_dispatch',
      triggeringActor: o.triggeringActor ?? o.actor,
      attempt: o.attempt ?? 1,
      createdAt: o.createdAt ?? this.clock(),
      status: o.status ?? 'in_progress',
      held: true,
      ...(o.conclusion !== undefined ? { conclusion: o.conclusion } : {}),
    });
  }

  private push(r: {
    workflow: string;
    title: string;
    ref: string;
    inputs: Record<string, string>;
    script: RunScript;
    actor: string;
    event: string;
    triggeringActor: string;
    attempt: number;
    createdAt: number;
    status: string;
    held: boolean;
    conclusion?: string;
  }): number {
    const id = this.nextRunId++;
    this.list.push({
      id,
      workflow: r.workflow,
      runNumber: this.list.length + 1,
      displayTitle: r.title,
      event: r.event,
      status: r.status,
      conclusion: r.status === 'completed' ? (r.conclusion ?? 'success') : null,
      headBranch: r.ref,
      headSha: 'a'.repeat(40),
      createdAt: r.createdAt,
      updatedAt: r.createdAt,
      startedAt: r.createdAt,
      inputs: r.inputs,
      actor: r.actor,
      triggeringActor: r.triggeringActor,
      attempt: r.attempt,
      script: r.script,
      observed: 0,
      cancelled: false,
      listed: 0,
      held: r.held,
    });
    return id;
  }

  /**
   * The next attempt of a completed run, as "Re-run jobs" makes it: GitHub keeps the run id and
   * its created_at, raises run_attempt, names who re-ran it as triggering_actor and queues it again.
   */
  rerun(runId: number, triggeringActor: string): void {
    const run = this.find(runId);
    if (run.status !== 'completed') throw new Error(`run ${runId} is ${run.status}: GitHub re-runs only completed runs`);
    const now = this.clock();
    Object.assign(run, {
      attempt: run.attempt + 1,
      triggeringActor,
      status: 'queued',
      conclusion: null,
      updatedAt: now,
      startedAt: now,
      observed: 0,
      cancelled: false,
    });
  }

  /** Moves a run (a held one, mostly) to a status; `completed` takes a conclusion (default success). */
  setStatus(runId: number, status: 'queued' | 'in_progress' | 'waiting' | 'completed', conclusion?: string): void {
    const run = this.find(runId);
    Object.assign(run, { status, conclusion: status === 'completed' ? (conclusion ?? 'success') : null, updatedAt: this.clock() });
  }

  private find(runId: number): FakeRun {
    const run = this.list.find((x) => x.id === runId);
    if (!run) throw new Error(`the fake has no run ${runId}`);
    return run;
  }

  /** Status of a run at its current observation count. */
  private advance(run: FakeRun): void {
    if (run.status === 'completed' || run.held) return;
    const s = run.script;
    const t = s.timed;
    // Observations, or milliseconds since the run was created.
    const n = t ? this.clock() - run.createdAt : run.observed;
    const [queued, waiting, inProgress] = t ? [t.queuedMs, t.waitingMs ?? 0, t.inProgressMs] : [s.queuedPolls, s.waitingPolls, s.inProgressPolls];
    let status: string;
    if (run.cancelled) status = 'completed';
    else if (n < queued) status = 'queued';
    else if (n < queued + waiting) status = 'waiting';
    else if (n < queued + waiting + inProgress) status = 'in_progress';
    else status = 'completed';
    if (status !== run.status) {
      run.status = status;
      run.updatedAt = this.clock();
      if (status === 'completed') run.conclusion = run.cancelled ? 'cancelled' : s.conclusion;
    }
  }

  get(id: number): Answer {
    const run = this.list.find((x) => x.id === id);
    if (!run) return { status: 404, body: { message: 'Not Found' } };
    this.advance(run);
    run.observed++;
    return { status: 200, body: workflowRun(this.repoRef, run) };
  }

  /** `GET .../runs` (file undefined) or `GET .../workflows/{file}/runs`: filters, newest first, pages. */
  listRuns(q: URLSearchParams, file: string | undefined, errors: string[]): Answer {
    const created = q.get('created');
    let since = -Infinity;
    if (created) {
      const m = /^>=(.+)$/.exec(created);
      if (!m) errors.push(`runs list: fake only understands created=>=DATE, got '${created}'`);
      else since = Date.parse(m[1] ?? '');
    }
    const candidates = this.list
      .filter(
        (run) =>
          (file === undefined || run.workflow === file) &&
          (!q.get('event') || run.event === q.get('event')) &&
          (!q.get('branch') || run.headBranch === q.get('branch')) &&
          Math.floor(run.createdAt / 1000) * 1000 >= since,
      )
      .filter((run) => run.listed++ >= this.lag(run.workflow));
    // Being looked at through a list is an observation too (as a GET of the run is), whatever the
    // status filter: per-observation runs move on, so a client watching runs through lists (of
    // completed runs only, say) sees them progress. Timed runs move with the clock anyway.
    for (const run of candidates) {
      this.advance(run);
      run.observed++;
    }
    const status = q.get('status');
    const matching = candidates.filter((run) => !status || run.status === status || run.conclusion === status).sort((a, b) => b.id - a.id);
    // Pages as GitHub serves them: per_page default 30, at most 100.
    const perPage = Math.min(100, Number(q.get('per_page') ?? 30));
    const page = Number(q.get('page') ?? 1);
    const slice = matching.slice((page - 1) * perPage, page * perPage);
    // The answer's ETag is over the whole page (see server.ts handle): 304 only when no run on it changed.
    return { status: 200, body: { total_count: matching.length, workflow_runs: slice.map((x) => workflowRun(this.repoRef, x)) } };
  }

  cancel(id: number): Answer {
    const run = this.list.find((x) => x.id === id);
    if (!run) return { status: 404, body: { message: 'Not Found' } };
    if (run.status === 'completed') return { status: 409, body: { message: 'Cannot cancel a workflow run that is completed.' } };
    run.cancelled = true;
    // A held run has nobody to finish it: it ends now, as a cancelled run on GitHub does soon after.
    if (run.held) Object.assign(run, { status: 'completed', conclusion: 'cancelled', updatedAt: this.clock() });
    return { status: 202, body: {} };
  }
}
