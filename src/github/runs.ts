/**
 * Reading and cancelling workflow runs. Polls go through the ETag cache (an unchanged run costs
 * a 304, not a request); the interpreter decides how often to poll.
 */
import type { RunInfo, RunStatus } from '../run/ports.js';
import { statusOf } from './client.js';
import type { GhContext } from './context.js';

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

/** One run, as the port reports it. */
export async function getRun(ctx: GhContext, runId: number): Promise<RunInfo> {
  const res = await ctx.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: ctx.owner, repo: ctx.repo, run_id: runId });
  const d = res.data as { id: number; status: RunStatus | null; conclusion: string | null; html_url: string };
  return { id: d.id, status: d.status ?? 'queued', conclusion: d.conclusion, htmlUrl: d.html_url };
}

/** Cancels a run; a run that already completed (409) is fine. */
export async function cancelRun(ctx: GhContext, runId: number): Promise<void> {
  try {
    await ctx.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', { owner: ctx.owner, repo: ctx.repo, run_id: runId });
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
  }
}
