/**
 * The summary's line for a stage waiting for GitHub Environment reviewers: where to approve it
 * (its approval run, linked) and how that run reads now, the way a deploy run held by reviewers
 * reads in the region table ("waiting for environment approval").
 */
import type { State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { markdownText, safeLinkTarget } from './untrusted.js';

/** Undefined unless the current stage waits for its environment's reviewers. */
export function environmentApprovalLine(state: State, plan: Plan, runStatus: (runId: number) => string | undefined): string | undefined {
  const st = state.stages[state.stage];
  const env = plan.stages[state.stage]?.approval?.environment;
  const run = st?.approvalRun;
  if (!st || !env || !run || run.done || st.phase !== 'awaiting-approval') return undefined;
  const label = run.runId !== undefined ? `approval run #${run.runId}` : `approval run (${env.workflow}, dispatching)`;
  const href = safeLinkTarget(run.htmlUrl);
  const live = run.runId !== undefined ? runStatus(run.runId) : undefined;
  const linked = href ? `[${markdownText(label)}](${href})` : markdownText(label);
  return `Stage ${markdownText(st.name)} waits for the required reviewers of GitHub environment ${markdownText(env.name)}: ${linked}${live ? markdownText(` (${live})`) : ''}`;
}
