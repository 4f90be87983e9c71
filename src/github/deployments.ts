/**
 * One GitHub Deployment per region and release, created at most once: the payload carries a key
 * (release, region) and a lookup by that key comes before any create that could repeat an
 * earlier one (after a resume, or after an answer that was lost). The steps are statuses on it.
 */
import type { DeploymentRequest } from '../driver/ports.js';
import type { DeploymentState } from '../core/values.js';
import { guardedWrite, NO_RETRY, type GhContext } from './request-context.js';

const TASK = 'deploy';

/** GitHub refuses a deployment or deployment-status description longer than 140 characters. */
export const DESCRIPTION_MAX = 140;

/**
 * A description GitHub takes: cut to DESCRIPTION_MAX UTF-16 units, then on one line. A hard cut,
 * without an ellipsis, because that is what every earlier version sent: a status re-sent on
 * resume from an older ledger (whose description the core cut the same way) says the same.
 */
export function deploymentDescription(text: string): string {
  return text.slice(0, DESCRIPTION_MAX).replace(/\s+/g, ' ').trim();
}

interface ListedDeployment {
  id: number;
  payload: Record<string, unknown> | string;
}

/** A deployment's payload as an object (GitHub may hand it back as a JSON string); undefined when unreadable. */
function payloadOf(d: ListedDeployment): Record<string, unknown> | undefined {
  if (typeof d.payload !== 'string') return d.payload;
  try {
    return JSON.parse(d.payload) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The deployment whose payload carries `key`, if any. */
export async function findDeployment(
  ctx: GhContext,
  req: Pick<DeploymentRequest, 'environment' | 'ref' | 'key'>,
): Promise<{ deploymentId: number } | undefined> {
  const res = await ctx.request('GET /repos/{owner}/{repo}/deployments', {
    owner: ctx.owner,
    repo: ctx.repo,
    environment: req.environment,
    ref: req.ref,
    task: TASK,
    per_page: 100,
  });
  for (const d of res.data as ListedDeployment[]) {
    if (payloadOf(d)?.key === req.key) return { deploymentId: d.id };
  }
  return undefined;
}

/**
 * The commit an earlier deployment of this release was made on (looked up in one environment the
 * release deploys to), if any. A new release id on another commit than its deployments means a
 * driver is looking for the ledger on the wrong commit: starting over there would deploy twice.
 */
export async function findReleaseCommit(ctx: GhContext, environment: string, releaseId: string): Promise<string | undefined> {
  const res = await ctx.request('GET /repos/{owner}/{repo}/deployments', {
    owner: ctx.owner,
    repo: ctx.repo,
    environment,
    task: TASK,
    per_page: 100,
  });
  for (const d of res.data as Array<ListedDeployment & { sha: string }>) {
    if (payloadOf(d)?.releaseId === releaseId) return d.sha;
  }
  return undefined;
}

/**
 * Creates the deployment. `auto_merge: false` (the default would merge the default branch into
 * an older ref) and `required_contexts: []` (the default demands every status check pass first).
 */
export async function createDeployment(ctx: GhContext, req: DeploymentRequest, opts: { mayExist: boolean }): Promise<{ deploymentId: number }> {
  if (opts.mayExist) {
    const found = await findDeployment(ctx, req);
    if (found) return found;
  }
  const what = `create deployment ${req.environment} [${req.key}]`;
  return guardedWrite(
    ctx,
    what,
    async () => {
      const res = await ctx.request('POST /repos/{owner}/{repo}/deployments', {
        owner: ctx.owner,
        repo: ctx.repo,
        ref: req.ref,
        task: TASK,
        environment: req.environment,
        description: deploymentDescription(req.description),
        auto_merge: false,
        required_contexts: [],
        payload: { ...req.payload, key: req.key },
        transient_environment: false,
        request: NO_RETRY,
      });
      if (res.status !== 201) throw new Error(`${what}: GitHub answered ${res.status}: ${JSON.stringify(res.data).slice(0, 200)}`);
      return { deploymentId: (res.data as { id: number }).id };
    },
    () => findDeployment(ctx, req),
  );
}

/** Adds a status; repeating one after a lost answer only repeats a line in the history, so the client may retry. */
export async function setDeploymentStatus(ctx: GhContext, deploymentId: number, state: DeploymentState, description: string, logUrl?: string): Promise<void> {
  await ctx.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
    owner: ctx.owner,
    repo: ctx.repo,
    deployment_id: deploymentId,
    state,
    description: deploymentDescription(description),
    ...(logUrl ? { log_url: logUrl } : {}),
  });
}
