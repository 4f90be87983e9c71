/**
 * Reading and cancelling workflow runs. Polls go through the ETag cache (an unchanged answer
 * costs a 304, not a request); the interpreter decides how often to poll.
 *
 * Many runs of one workflow in flight are watched with ONE conditional list request per poll
 * (`GET .../workflows/{id}/runs?event=workflow_dispatch&created=>=T&per_page=100`) instead of
 * one GET per run: the page's ETag changes when any run on it changes, so a tick where nothing
 * moved costs a 304, and a tick where five runs moved costs one counted request, not five.
 * A run the list does not show (it lags behind dispatches; a full page hides older runs; a
 * resumed run whose creation time we do not know yet) is read on its own, as before.
 */
import type { RunInfo, RunStatus } from '../run/ports.js';
import { statusOf } from './client.js';
import { isoSeconds, type GhContext } from './context.js';

/** How a run's status reads to people (logs, summary, ledger). */
export function describeRunStatus(status: RunStatus, conclusion: string | null): string {
  switch (status) {
    case 'waiting': return 'waiting for environment approval';
    case 'pending': return 'pending (held by a concurrency group)';
    case 'requested':
    case 'queued': return 'queued';
    case 'in_progress': return 'in progress';
    case 'completed': return `completed: ${conclusion ?? 'no conclusion'}`;
  }
}

interface RawRun {
  id: number;
  status: RunStatus | null;
  conclusion: string | null;
  html_url: string;
  created_at?: string;
}

function toInfo(d: RawRun): RunInfo {
  return { id: d.id, status: d.status ?? 'queued', conclusion: d.conclusion, htmlUrl: d.html_url };
}

/**
 * What the adapter remembers to batch its polls: when each run was created (from our own
 * dispatch, or the run's `created_at` once read), and per workflow the `created>=` bound of the
 * last list. The bound is kept while it still covers every run watched, because a new bound is
 * a new URL, and a new URL has no ETag: its first answer always counts.
 */
export interface RunWatch {
  createdAt: Map<number, number>;
  since: Map<string, number>;
}

/** An empty watch: nothing dispatched or read yet. */
export function newRunWatch(): RunWatch {
  return { createdAt: new Map(), since: new Map() };
}

/** One run, as the port reports it (and its creation time, for later lists). */
export async function getRun(ctx: GhContext, runId: number, watch?: RunWatch): Promise<RunInfo> {
  const res = await ctx.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: ctx.owner, repo: ctx.repo, run_id: runId });
  const d = res.data as RawRun;
  const created = d.created_at ? Date.parse(d.created_at) : NaN;
  if (watch && Number.isFinite(created)) watch.createdAt.set(runId, created);
  return toInfo(d);
}

const PER_PAGE = 100;

/**
 * Several runs of one workflow: one conditional list request for the runs whose creation time is
 * known, then a GET of its own for each run the list did not show. Answers every id asked for,
 * with its RunInfo or the Error that kept it from being read.
 */
export async function getRunsOfWorkflow(ctx: GhContext, watch: RunWatch, workflow: string, runIds: number[], skewMs: number): Promise<Map<number, RunInfo | Error>> {
  const out = new Map<number, RunInfo | Error>();
  const alone = new Set<number>();
  const listed: number[] = [];
  for (const id of runIds) {
    if (watch.createdAt.has(id)) listed.push(id);
    else alone.add(id);
  }
  if (listed.length > 0) {
    const earliest = Math.min(...listed.map((id) => watch.createdAt.get(id) as number)) - skewMs;
    const kept = watch.since.get(workflow);
    const since = kept !== undefined && kept <= earliest ? kept : earliest;
    try {
      const res = await ctx.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
        owner: ctx.owner, repo: ctx.repo, workflow_id: workflow, event: 'workflow_dispatch', created: `>=${isoSeconds(since)}`, per_page: PER_PAGE,
      });
      const data = res.data as { total_count: number; workflow_runs: RawRun[] };
      const byId = new Map(data.workflow_runs.map((r) => [r.id, r]));
      for (const id of listed) {
        const r = byId.get(id);
        if (r) out.set(id, toInfo(r));
        else alone.add(id);
      }
      // Newest runs come first: a full page hides the oldest, which are the ones still watched
      // longest; and a page mostly of runs no longer watched is bytes for nothing (a run is
      // several KB). Either way, narrow the bound to the earliest run in flight for the next list
      // (its first answer counts, being a new URL).
      const unwatched = data.workflow_runs.length - listed.filter((id) => byId.has(id)).length;
      watch.since.set(workflow, data.total_count > data.workflow_runs.length || unwatched > PER_PAGE / 2 ? earliest : since);
    } catch (err) {
      ctx.log(`list of ${workflow} runs failed (${err instanceof Error ? err.message : String(err)}); reading each run`);
      for (const id of listed) alone.add(id);
    }
  }
  await Promise.all([...alone].map(async (id) => {
    try {
      out.set(id, await getRun(ctx, id, watch));
    } catch (err) {
      out.set(id, err instanceof Error ? err : new Error(String(err)));
    }
  }));
  return out;
}

/** Cancels a run; a run that already completed (409) is fine. */
export async function cancelRun(ctx: GhContext, runId: number): Promise<void> {
  try {
    await ctx.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', { owner: ctx.owner, repo: ctx.repo, run_id: runId });
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
  }
}
