/**
 * The other releases on the released commit that are still going: a new release starts only when
 * none shares its regions (core sharedInFlight; the modes read them through the ledger).
 */
import { checkRunName, parseCheckRunName } from '../plan/ids.js';
import { decodeEnvelope } from './envelope.js';
import type { GhContext } from './request-context.js';

/** Another release's ledger on the commit, still going (in progress, or paused for a person). */
export interface OtherRelease {
  releaseId: string;
  checkRunId: number;
  state: unknown;
}

/** Pages of a commit's check runs read when looking for other releases (100 each). */
const OTHER_RELEASE_PAGES = 5;

/** The slice of a check run this reads. */
interface CommitCheckRun {
  id: number;
  name: string;
  status: string;
  conclusion?: string | null;
  output: { text: string | null };
}

/**
 * Other releases' ledgers on the commit that are not over (in progress, or completed
 * action_required: paused for a person). GitHub cannot filter check runs by a name prefix, so
 * the commit's check runs are listed, at most OTHER_RELEASE_PAGES pages; ledgers that do not
 * decode are left out (they are not this driver's to judge).
 */
export async function listOtherReleases(ctx: GhContext, headSha: string, releaseId: string): Promise<OtherRelease[]> {
  const out: OtherRelease[] = [];
  for (let page = 1; page <= OTHER_RELEASE_PAGES; page++) {
    const res = await ctx.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      owner: ctx.owner,
      repo: ctx.repo,
      ref: headSha,
      filter: 'latest',
      per_page: 100,
      page,
    });
    const runs = (res.data as { check_runs: CommitCheckRun[] }).check_runs;
    for (const c of runs) {
      const open = c.status !== 'completed' || c.conclusion === 'action_required';
      if (!open || !parseCheckRunName(c.name).ok || c.name === checkRunName(releaseId) || !c.output.text) continue;
      try {
        const env = decodeEnvelope(c.output.text);
        out.push({ releaseId: env.releaseId, checkRunId: c.id, state: env.state });
      } catch {
        // Not a ledger this version reads: its own driver says so when it loads it.
      }
    }
    if (runs.length < 100) break;
  }
  return out;
}
