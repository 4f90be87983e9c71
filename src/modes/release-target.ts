/**
 * What modes `run` and `reconcile` drive, read from the settings and the runner's environment:
 * the plan, the repository, the commit and ref, this driver's lease holder and the release id.
 * A missing variable is a RunnerEnvError (reported as `bad-environment`, naming the variable).
 */
import type { ModeOutcome, Settings } from '../action-io.js';
import { holderId } from '../github/holder.js';
import { releaseIdOf } from '../plan/ids.js';
import { loadPlanFile } from '../plan/load.js';
import { annotationPath } from '../plan/repo-path.js';
import type { Plan } from '../plan/types.js';
import type { PeopleOptions } from '../report/waiting.js';
import { requireRunnerValue, runUrl, type RunnerEnv } from '../runner/env.js';

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

/** The target, or the outcome that says why there is none. Throws RunnerEnvError for a missing variable. */
export function readTarget(settings: Settings, runner: RunnerEnv): { ok: true; target: ReleaseTarget } | { ok: false; outcome: ModeOutcome } {
  const loaded = loadPlanFile(settings.plan, settings.workflowsDir ? { workflowsDir: settings.workflowsDir } : {});
  if (!loaded.plan) {
    const first = loaded.diagnostics.find((d) => d.severity === 'error');
    return {
      ok: false,
      outcome: fail('plan-invalid', `the release plan is invalid: ${first ? `${first.file}:${first.line}: ${first.message}` : 'unknown error'}`),
    };
  }
  // Check-run annotations name the plan relative to the checkout, as validate mode's do.
  const plan: Plan = { ...loaded.plan, file: annotationPath(loaded.plan.file, runner.workspace) };
  const { owner, repo } = requireRunnerValue(runner, 'repository');
  const headSha = settings.sha ?? requireRunnerValue(runner, 'sha');
  // One holder per driver process: jobs and matrix legs of one run share GITHUB_RUN_ID.
  const holder = holderId(runner);
  const ref = settings.ref ?? runner.refName ?? requireRunnerValue(runner, 'ref');
  const detailsUrl = runUrl(runner, { owner, repo });
  const releaseId = settings.release ?? (settings.version !== undefined ? releaseIdOf(plan.name, settings.version) : undefined);
  if (releaseId === undefined)
    return { ok: false, outcome: fail('bad-input', "Input 'version' (or 'release') is required. Expected what is being released, such as v1.4.2.") };
  return { ok: true, target: { plan, owner, repo, headSha, holder, ref, detailsUrl, releaseId } };
}

/** Where people give commands: the workflow that drives the release (its page), and links to runs. */
export function peopleOf(runner: RunnerEnv, target: ReleaseTarget): PeopleOptions {
  const workflowFile = runner.workflowPath?.split('/').pop() ?? 'release.yml';
  const base = `${runner.serverUrl}/${target.owner}/${target.repo}/actions`;
  return { workflowFile, workflowUrl: `${base}/workflows/${workflowFile}`, runUrl: (runId) => `${base}/runs/${runId}` };
}
