/**
 * Who approved or rejected a run held by Environment reviewers: `GET .../actions/runs/{id}/approvals`
 * (the reviews GitHub recorded behind its "Review deployments" button, with their comments). Read
 * once when a stage's approval run completed, to name the reviewer in the release's history.
 */
import type { EnvironmentReview } from '../core/events.js';
import type { GhContext } from './request-context.js';

/** One entry of GitHub's answer (an `environment-approvals` object), as far as it is read. */
interface RawReview {
  state?: string;
  comment?: string | null;
  user?: { login?: string } | null;
}

/** The reviews of a run, in GitHub's order; entries without a login or a decision are left out (never guessed). */
export async function reviewsOf(ctx: GhContext, runId: number): Promise<EnvironmentReview[]> {
  const res = await ctx.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', { owner: ctx.owner, repo: ctx.repo, run_id: runId });
  const list = Array.isArray(res.data) ? (res.data as RawReview[]) : [];
  const out: EnvironmentReview[] = [];
  for (const r of list) {
    const user = r.user?.login;
    if (typeof user !== 'string' || user === '' || (r.state !== 'approved' && r.state !== 'rejected')) continue;
    out.push({ user, state: r.state, comment: typeof r.comment === 'string' ? r.comment : '' });
  }
  return out;
}
