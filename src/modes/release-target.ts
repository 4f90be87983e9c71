/**
 * What modes `run` and `reconcile` drive, read from the settings and the runner's environment:
 * the plan, the repository, the commit and ref, this driver's lease holder and the release id.
 * A missing variable is an EnvironmentError (reported as `bad-environment`, naming the variable).
 */
import type { ModeOutcome, Settings } from '../action-io.js';
import { holderId } from '../github/holder.js';
import { releaseIdOf } from '../plan/ids.js';
import { loadPlanFile } from '../plan/load.js';
import { annotationPath } from '../plan/repo-path.js';
import type { Plan } from '../plan/types.js';

/** The runner's environment is missing something: reported as `bad-environment`, not an internal error. */
export class EnvironmentError extends Error {}

function need(env: NodeJS.ProcessEnv, name: string, form: string): string {
  const v = env[name];
  if (!v) throw new EnvironmentError(`Environment variable ${name} is not set. Expected ${form} (the runner sets it).`);
  return v;
}

export function fail(reasonCode: string, message: string, releaseId?: string, details: Record<string, unknown> = {}): ModeOutcome {
  return { decision: 'error', reasonCode, ...(releaseId ? { releaseId } : {}), details: { error: message, ...details }, failed: message };
}

export interface ReleaseTarget {
  plan: Plan;
  owner: string;
  repo: string;
  headSha: string;
  /** This driver's id for the lease. */
  holder: string;
  ref: string;
  /** The driving workflow run, linked from the check run. */
  detailsUrl: string | undefined;
  /** The release id asked for (a ledger found may name it otherwise: see openRelease). */
  releaseId: string;
}

/** The target, or the outcome that says why there is none. Throws EnvironmentError for a missing variable. */
export function readTarget(settings: Settings, env: NodeJS.ProcessEnv): { ok: true; target: ReleaseTarget } | { ok: false; outcome: ModeOutcome } {
  const loaded = loadPlanFile(settings.plan, settings.workflowsDir ? { workflowsDir: settings.workflowsDir } : {});
  if (!loaded.plan) {
    const first = loaded.diagnostics.find((d) => d.severity === 'error');
    return { ok: false, outcome: fail('plan-invalid', `the release plan is invalid: ${first ? `${first.file}:${first.line}: ${first.message}` : 'unknown error'}`) };
  }
  // Check-run annotations name the plan relative to the checkout, as validate mode's do.
  const plan: Plan = { ...loaded.plan, file: annotationPath(loaded.plan.file, env.GITHUB_WORKSPACE) };
  const [owner, repo] = need(env, 'GITHUB_REPOSITORY', 'owner/repo').split('/');
  if (!owner || !repo) return { ok: false, outcome: fail('bad-environment', `GITHUB_REPOSITORY '${env.GITHUB_REPOSITORY ?? ''}' is not owner/repo`) };
  const headSha = settings.sha ?? need(env, 'GITHUB_SHA', 'the commit SHA being released');
  // One holder per driver process: jobs and matrix legs of one run share GITHUB_RUN_ID.
  const holder = holderId(env);
  const ref = settings.ref ?? env.GITHUB_REF_NAME ?? need(env, 'GITHUB_REF', 'the ref that started the workflow');
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const detailsUrl = env.GITHUB_RUN_ID ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const releaseId = settings.release ?? (settings.version !== undefined ? releaseIdOf(plan.name, settings.version) : undefined);
  if (releaseId === undefined) return { ok: false, outcome: fail('bad-input', "Input 'version' (or 'release') is required. Expected what is being released, such as v1.4.2.") };
  return { ok: true, target: { plan, owner, repo, headSha, holder, ref, detailsUrl, releaseId } };
}
