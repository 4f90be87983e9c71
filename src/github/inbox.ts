/**
 * The inbox: the runs of the driving workflow that may carry an operator command (a person
 * dispatched the release workflow with `command`, and its run-name wrote the command into the
 * title). GitHub writes every field read here when the run is created, and nobody can change
 * them afterwards; what they say is judged by the driver (src/driver/), never here.
 */
import type { CommandRun } from '../driver/ports.js';
import { isoSeconds, type GhContext } from './request-context.js';

interface RawUser {
  login?: string;
}

/** The fields of a workflow run a command is read from. */
interface RawCommandRun {
  id: number;
  run_attempt?: number;
  event: string;
  path: string;
  display_title: string;
  actor?: RawUser | null;
  triggering_actor?: RawUser | null;
  created_at: string;
  html_url?: string;
  conclusion?: string | null;
}

/** `.github/workflows/release.yml@refs/heads/main` -> `.github/workflows/release.yml`; a path without a workflow file is kept as it is. */
export function workflowPathOf(path: string): string {
  return path.replace(/(\.ya?ml)@.*$/s, '$1');
}

/**
 * A run as the inbox hands it on. A login GitHub does not name comes out empty, which no rule
 * accepts: a missing `triggering_actor` (older GitHub Enterprise Server) is the actor only for
 * the first attempt, since a re-run may have been started by anybody.
 */
export function toCommandRun(d: RawCommandRun): CommandRun {
  const attempt = typeof d.run_attempt === 'number' ? d.run_attempt : 1;
  const actor = d.actor?.login ?? '';
  const created = Date.parse(d.created_at);
  return {
    runId: d.id,
    attempt,
    event: d.event,
    workflowPath: workflowPathOf(d.path),
    title: d.display_title,
    actor,
    triggeringActor: d.triggering_actor?.login ?? (attempt === 1 ? actor : ''),
    createdAt: Number.isFinite(created) ? created : 0,
    ...(d.html_url ? { htmlUrl: d.html_url } : {}),
    ...(d.conclusion !== undefined ? { conclusion: d.conclusion } : {}),
  };
}

/** One run, read on its own (a command run reads its own title, and the lease holder's run). */
export async function getCommandRun(ctx: GhContext, runId: number): Promise<CommandRun> {
  const res = await ctx.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: ctx.owner, repo: ctx.repo, run_id: runId });
  return toCommandRun(res.data as RawCommandRun);
}

const PER_PAGE = 100;
/** GitHub answers at most 1,000 runs to a list filtered by `event` or `created` (its REST docs). */
const MAX_PAGES = 10;

/**
 * The runs of one workflow created since `since` (every event: the driver refuses the ones that are not workflow_dispatch, on the record) (undefined: all of them),
 * oldest first. Each page is a conditional request (the ETag cache, etag.ts): asking again while
 * no run was added or changed costs 304s, not rate limit. Pages go newest first, so a new run
 * shifts every page: a release with more than 100 command runs since it started pays one counted
 * request per page (ceil(n / 100)) for each new run, and as many 304s for each quiet ask.
 */
export async function listCommandRuns(ctx: GhContext, workflowPath: string, since: number | undefined): Promise<CommandRun[]> {
  // The route takes the workflow's file name, not its path.
  const file = workflowPath.split('/').pop() ?? workflowPath;
  const byId = new Map<number, CommandRun>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await ctx.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
      owner: ctx.owner,
      repo: ctx.repo,
      workflow_id: file,
      // No event filter: a run of another event whose title mimics a command (a crafted commit
      // message in a run-name) reaches the driver, which refuses it on the record (run-unverified).
      ...(since !== undefined ? { created: `>=${isoSeconds(since)}` } : {}),
      per_page: PER_PAGE,
      page,
    });
    const runs = (res.data as { workflow_runs: RawCommandRun[] }).workflow_runs;
    // A run added between two page requests pushes one onto the next page: it is seen twice, once kept.
    for (const r of runs) if (!byId.has(r.id)) byId.set(r.id, toCommandRun(r));
    if (runs.length < PER_PAGE) break;
    if (page === MAX_PAGES) ctx.log(`the runs of ${file} fill ${MAX_PAGES} pages, as many as GitHub lists: commands in older runs are not seen`);
  }
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.runId - b.runId);
}
