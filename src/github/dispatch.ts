/**
 * workflow_dispatch with the run id: `return_run_details: true` (GitHub since 2026-02-19).
 * Where the server refuses that field (GHES 3.20 and older answer 400/422 naming it), fall
 * back once, for the rest of the process, to correlation: the correlation id travels in a
 * declared input that the workflow's `run-name` shows, and the run is found by `display_title`
 * among workflow_dispatch runs created since the dispatch (minus clock skew). Never "the latest
 * run": concurrent dispatches would steal each other's runs.
 */
import { titleCarries } from '../plan/ids.js';
import { FatalPortError, type DispatchRequest } from '../driver/ports.js';
import { isTransient, statusOf } from './client.js';
import { guardedWrite, isoSeconds, NO_RETRY, type GhContext } from './request-context.js';
import { messageOf } from '../report/message.js';

const ROUTE = 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';

export interface DispatchMemo {
  /** undefined: not known yet; false: the server refused return_run_details once. */
  runDetails?: boolean;
}

export interface DispatchOptions {
  /** Allowed difference between our clock and GitHub's, for the `created>=` filter. */
  skewMs: number;
  /** A previous process may have dispatched this already (resume): look before dispatching. */
  mayExist: boolean;
  /** For that look: the release's start (an earlier driver may have dispatched hours ago). */
  releaseStartedAt?: number;
  /**
   * Told when this dispatch may have made a run that will not be tracked: an answer lost on the
   * way back, or a run not found by its correlation id in time (lists lag). The port keeps
   * looking for such runs (src/github/strays.ts) so they can be cancelled, never left to deploy.
   */
  onDoubt?: (since: number) => void;
}

export interface Dispatched {
  runId: number;
  htmlUrl?: string;
  /** Found made by an earlier driver (resume): its creation time is not now. */
  preexisting?: boolean;
}

/** True when an error is the server refusing `return_run_details`. */
function refusesRunDetails(err: unknown): boolean {
  const s = statusOf(err);
  return (
    (s === 400 || s === 422) &&
    /return_run_details/.test(String((err as Error).message) + JSON.stringify((err as { response?: { data?: unknown } }).response?.data ?? ''))
  );
}

/** Dispatches one run and returns its id; never dispatches twice for one correlation id. */
export async function dispatchWorkflow(ctx: GhContext, req: DispatchRequest, memo: DispatchMemo, opts: DispatchOptions): Promise<Dispatched> {
  const inputs = { ...req.inputs };
  const corr = req.correlationInput;
  if (corr !== undefined && !(corr in inputs)) inputs[corr] = req.correlationId;
  const canFind = corr !== undefined && (inputs[corr] ?? '').includes(req.correlationId);
  const since = ctx.serverNow() - opts.skewMs;
  const what = `dispatch ${req.workflow} [${req.correlationId}]`;
  const find = canFind ? () => findRunByCorrelation(ctx, req.workflow, req.correlationId, since) : undefined;

  if (opts.mayExist && canFind) {
    const since0 = Math.min(since, (opts.releaseStartedAt ?? since) - opts.skewMs);
    const found = await findRunsByCorrelation(ctx, req.workflow, req.correlationId, since0);
    const first = found[0];
    if (first) {
      ctx.log(`${what}: already dispatched as run ${first.runId} (resumed)`);
      // More than one run for the id (an earlier duplicate): the others go to the stray watch.
      if (found.length > 1) opts.onDoubt?.(since0);
      return { ...first, preexisting: true };
    }
  }
  const base = { owner: ctx.owner, repo: ctx.repo, workflow_id: req.workflow, ref: req.ref, inputs, request: NO_RETRY };

  const afterPlainDispatch = async (): Promise<Dispatched> => {
    // Only after a 204 (the server ignored return_run_details): the run was made, and cannot be found.
    if (!find)
      throw new Error(
        `${what}: dispatched, but the server did not return its run id and the plan declares no correlationInput for ${req.workflow}, so the run cannot be found: check that workflow's runs and cancel it; declare a correlation input shown in the workflow's run-name`,
      );
    for (const delay of [0, ...ctx.findDelaysMs]) {
      if (delay > 0) await ctx.sleep(delay);
      const found = await find();
      if (found) return found;
    }
    opts.onDoubt?.(since);
    throw new Error(`${what}: dispatched, but no run titled with the correlation id appeared; check that the workflow's run-name shows input '${corr ?? ''}'`);
  };

  // Without run details a run is found only by its correlation id: one that could not be is never
  // dispatched (it would deploy, or roll back, unwatched while the release records a failure).
  const untrackable = (): FatalPortError =>
    new FatalPortError(
      'run-not-trackable',
      `${what}: not dispatched: this GitHub does not return run ids (return_run_details) and the plan declares no correlationInput for ${req.workflow}, so its run could not be tracked; declare one and show it in the workflow's run-name (docs/github.md, "Correlation input")`,
    );

  const attempt = async (): Promise<Dispatched> => {
    if (memo.runDetails !== false) {
      try {
        const res = await ctx.request(ROUTE, { ...base, return_run_details: true });
        const data = res.data as { workflow_run_id?: number | bigint; html_url?: string } | undefined;
        if (res.status === 200 && data?.workflow_run_id !== undefined) {
          memo.runDetails = true;
          return { runId: Number(data.workflow_run_id), ...(data.html_url ? { htmlUrl: data.html_url } : {}) };
        }
        // 204: the field was ignored; the run exists but we must find it.
        memo.runDetails = false;
        return await afterPlainDispatch();
      } catch (err) {
        if (!refusesRunDetails(err)) throw err;
        memo.runDetails = false;
        ctx.log(`${what}: the server refused return_run_details; finding runs by correlation id from now on`);
      }
    }
    if (!find) throw untrackable();
    await ctx.request(ROUTE, base);
    return afterPlainDispatch();
  };
  const watched = async (): Promise<Dispatched> => {
    try {
      return await attempt();
    } catch (err) {
      // The dispatch may have taken effect although its answer was lost.
      if (isTransient(err)) opts.onDoubt?.(since);
      // Nothing can look that run up: a person must, or it may deploy unwatched (after a rollback).
      if (isTransient(err) && !find) {
        throw new Error(
          `${what}: DISPATCH IN DOUBT: its answer was lost (${messageOf(err)}) and without a correlationInput for ${req.workflow} the run cannot be found, so it cannot be checked and is not repeated; check the runs of ${req.workflow} started since ${new Date(since).toISOString()} and cancel a deploy run still queued or in progress (it could deploy after the rollback)`,
          { cause: err },
        );
      }
      throw err;
    }
  };
  return guardedWrite(ctx, what, watched, find);
}

/** A workflow_dispatch run as the runs list shows it. */
export interface ListedRun {
  id: number;
  display_title: string;
  html_url: string;
  created_at?: string;
}

/** The run whose title carries the correlation id (as a whole word), dispatched since `since`. */
export async function findRunByCorrelation(ctx: GhContext, workflow: string, correlationId: string, since: number): Promise<Dispatched | undefined> {
  const matches = await findRunsByCorrelation(ctx, workflow, correlationId, since);
  if (matches.length === 0) return undefined;
  // Two runs with one id means an earlier duplicate: keep the first, say so.
  if (matches.length > 1) ctx.log(`correlation id ${correlationId}: ${matches.length} runs (${matches.map((m) => m.runId).join(', ')}); using the first`);
  return matches[0];
}

/** Every run whose title carries the correlation id (as a whole word), dispatched since `since`, oldest first. */
export async function findRunsByCorrelation(ctx: GhContext, workflow: string, correlationId: string, since: number): Promise<Dispatched[]> {
  return matchCorrelation(await listDispatchedRuns(ctx, workflow, since), correlationId);
}

/** The workflow_dispatch runs of a workflow created since `since` (GitHub's `created>=`, in seconds), up to 500. */
export async function listDispatchedRuns(ctx: GhContext, workflow: string, since: number): Promise<ListedRun[]> {
  const runs: ListedRun[] = [];
  for (let page = 1; page <= 5; page++) {
    const res = await ctx.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
      owner: ctx.owner,
      repo: ctx.repo,
      workflow_id: workflow,
      event: 'workflow_dispatch',
      created: `>=${isoSeconds(since)}`,
      per_page: 100,
      page,
    });
    const listed = (res.data as { workflow_runs: ListedRun[] }).workflow_runs;
    runs.push(...listed);
    if (listed.length < 100) break;
  }
  return runs;
}

/** The runs among `runs` whose title carries the correlation id (as a whole word), oldest first. */
export function matchCorrelation(runs: readonly ListedRun[], correlationId: string): Dispatched[] {
  const carries = titleCarries(correlationId);
  const matches = runs.filter((r) => carries(r.display_title)).sort((a, b) => a.id - b.id);
  return matches.map((m) => ({ runId: m.id, htmlUrl: m.html_url }));
}
