/**
 * Reading and cancelling workflow runs. Polls go through the ETag cache (an unchanged answer
 * costs a 304, not a request); the interpreter decides how often to poll.
 *
 * Many runs of one workflow in flight are watched with conditional list requests per poll
 * (`GET .../workflows/{id}/runs?event=workflow_dispatch&status=completed|waiting&created=>=T`)
 * instead of one GET per run: a page's ETag changes when a run on it changes, so a tick where
 * nothing finished costs 304s, and a tick where five runs finished costs one counted request.
 * A run a full page may hide, or a resumed run whose creation time we do not know yet, is read
 * on its own.
 */
import type { RunInfo, RunStatus } from '../driver/ports.js';
import { statusOf } from './client.js';
import { isoSeconds, type GhContext } from './request-context.js';
import { messageOf } from '../report/message.js';

/** How a run's status reads to people (logs, summary, ledger). */
export function describeRunStatus(status: RunStatus, conclusion: string | null): string {
  switch (status) {
    case 'waiting':
      return 'waiting for environment approval';
    case 'pending':
      return 'pending (held by a concurrency group)';
    case 'requested':
    case 'queued':
      return 'queued';
    case 'in_progress':
      return 'in progress';
    case 'unfinished':
      return 'queued or in progress';
    case 'completed':
      return `completed: ${conclusion ?? 'no conclusion'}`;
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
 * The statuses a watch lists. A list of every status changes when any run on it moves (queued,
 * in progress, completed: about two counted answers per run); these change only when a run
 * completes, or is held by Environment reviewers (docs/benchmarks.md, "GitHub requests").
 */
const WATCHED_STATUSES = ['completed', 'waiting'] as const;

/**
 * Several runs of one workflow: one conditional list request per watched status (completed, and
 * waiting for Environment reviewers) for the runs whose creation time is known, then a GET of its
 * own for each run that a full page may hide or whose creation time is unknown. A run on neither
 * list is `unfinished` (queued, in progress or held by a concurrency group: these lists do not
 * tell them apart, and not telling saves a counted request per run). Answers every id asked for,
 * with its RunInfo or the Error that kept it from being read.
 */
export async function getRunsOfWorkflow(
  ctx: GhContext,
  watch: RunWatch,
  workflow: string,
  runIds: number[],
  skewMs: number,
): Promise<Map<number, RunInfo | Error>> {
  const out = new Map<number, RunInfo | Error>();
  const alone = new Set<number>();
  const listed: number[] = [];
  for (const id of runIds) {
    if (watch.createdAt.has(id)) listed.push(id);
    else alone.add(id);
  }
  if (listed.length > 0) {
    const created = (id: number): number => watch.createdAt.get(id) as number;
    const earliest = Math.min(...listed.map(created)) - skewMs;
    const kept = watch.since.get(workflow);
    const since = kept !== undefined && kept <= earliest ? kept : earliest;
    try {
      const pages = await Promise.all(
        WATCHED_STATUSES.map(async (status) => {
          const res = await ctx.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
            owner: ctx.owner,
            repo: ctx.repo,
            workflow_id: workflow,
            event: 'workflow_dispatch',
            status,
            created: `>=${isoSeconds(since)}`,
            per_page: PER_PAGE,
          });
          return res.data as { total_count: number; workflow_runs: RawRun[] };
        }),
      );
      const byId = new Map(pages.flatMap((p) => p.workflow_runs.map((r) => [r.id, r] as const)));
      // Newest runs come first: a full page hides runs created before the oldest one it shows.
      const hiddenBefore = Math.max(
        ...pages.map((p) =>
          p.total_count > p.workflow_runs.length && p.workflow_runs.length > 0
            ? Math.min(...p.workflow_runs.map((r) => Date.parse(r.created_at ?? '') || 0))
            : Number.NEGATIVE_INFINITY,
        ),
      );
      for (const id of listed) {
        const r = byId.get(id);
        if (r) out.set(id, toInfo(r));
        // created_at has one-second resolution, our estimate milliseconds: a run of the same second may be cut off too.
        else if (created(id) < hiddenBefore + 1_000) alone.add(id);
        else out.set(id, { id, status: 'unfinished', conclusion: null });
      }
      // A page mostly of runs no longer watched (earlier steps' completed runs) is bytes for
      // nothing, and a full page hides runs: narrow the bound to the earliest run in flight for
      // the next lists (their first answers count, being new URLs).
      const unwatched = byId.size - listed.filter((id) => byId.has(id)).length;
      watch.since.set(workflow, hiddenBefore > Number.NEGATIVE_INFINITY || unwatched > PER_PAGE / 2 ? earliest : since);
    } catch (err) {
      ctx.log(`list of ${workflow} runs failed (${messageOf(err)}); reading each run`);
      for (const id of listed) alone.add(id);
    }
  }
  await Promise.all(
    [...alone].map(async (id) => {
      try {
        out.set(id, await getRun(ctx, id, watch));
      } catch (err) {
        out.set(id, err instanceof Error ? err : new Error(String(err)));
      }
    }),
  );
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
