/**
 * A region's GitHub Deployment record: one per region and release, its statuses following the
 * region's steps. The state keeps the status each region wants and the last one GitHub
 * confirmed, so a crash loses nothing: creation and resume catch up (repairDeployments).
 */
import { stageOf, type Ctx } from './decide-context.js';
import type { Effect } from './effects.js';
import type { Event } from './events.js';
import { deploymentKey } from '../plan/ids.js';
import { NOT_DISPATCHED, STATUS_DESCRIPTION_MAX, type DeploymentStatusRecord, type RegionState } from './state.js';

/** `step n/N at T%`, as deployment statuses say it. */
export function stepLabel(ctx: Ctx, r: RegionState, step = r.step): string {
  const steps = stageOf(ctx, r).steps;
  return `step ${step + 1}/${steps.length} at ${steps[step]?.traffic ?? 0}%`;
}

const statusKey = (x: { state: string; step: number }): string => `${x.state}@${x.step}`;

/**
 * Sets the status of the region's deployment, speaking for `step` (default: the current one);
 * `runUrl` defaults to that step's deploy run. It is recorded as wanted even when the deployment
 * does not exist yet (its creation answers later, or was lost): creation and resume catch up.
 */
export function deploymentStatus(
  ctx: Ctx,
  r: RegionState,
  state: 'queued' | 'in_progress' | 'success' | 'failure' | 'inactive' | 'error',
  description: string,
  opts: { step?: number; runUrl?: string } = {},
): void {
  const step = opts.step ?? r.step;
  const want: DeploymentStatusRecord = { state, step, description: description.slice(0, STATUS_DESCRIPTION_MAX) };
  // The latest such run: a retried region deployed this step again.
  const runUrl = opts.runUrl ?? [...r.runs].reverse().find((x) => x.kind === 'deploy' && x.step === step)?.htmlUrl;
  if (runUrl !== undefined) want.runUrl = runUrl;
  const confirmed = r.deploymentStatus?.confirmed;
  if (confirmed !== undefined) want.confirmed = confirmed;
  r.deploymentStatus = want;
  emitStatus(ctx, r, want);
}

/** Emits the set-deployment-status effect, when the deployment exists. */
function emitStatus(ctx: Ctx, r: RegionState, want: DeploymentStatusRecord): void {
  const id = r.deploymentId;
  if (id === undefined) return;
  const effect: Extract<Effect, { type: 'set-deployment-status' }> = {
    type: 'set-deployment-status',
    region: r.name,
    step: want.step,
    deploymentId: id,
    state: want.state,
    description: want.description,
  };
  if (want.runUrl !== undefined) effect.runUrl = want.runUrl;
  ctx.fx.push(effect);
}

export function onDeploymentCreated(ctx: Ctx, r: RegionState, ev: Extract<Event, { type: 'deployment-created' }>): boolean {
  if (r.deploymentId !== undefined) return false;
  r.deploymentId = ev.deploymentId;
  // Catch up with where the region already is (the dispatch may have answered first, or the
  // creation was lost in a crash and re-made on resume): queued, then the latest wanted status.
  const want = r.deploymentStatus;
  if (want === undefined || want.state !== 'queued')
    emitStatus(ctx, r, { state: 'queued', step: 0, description: `${stepLabel(ctx, r, 0)}: deploy run requested` });
  if (want !== undefined) emitStatus(ctx, r, want);
  return true;
}

/** GitHub accepted a status: remembered so a resume re-sends only what was not confirmed. */
export function onDeploymentStatusSet(r: RegionState, ev: Extract<Event, { type: 'deployment-status-set' }>): boolean {
  if (r.deploymentId !== ev.deploymentId) return false;
  const want = r.deploymentStatus;
  if (want) want.confirmed = statusKey(ev);
  else r.deploymentStatus = { state: ev.state, step: ev.step, description: '', confirmed: statusKey(ev) };
  return true;
}

/**
 * Resume: re-emits the deployment records a crash may have lost, for every region (finished
 * ones too). A region that was dispatched but has no deployment id gets its create-deployment
 * again (the adapter looks the key up first, so nothing is created twice); a deployment whose
 * latest wanted status is not confirmed gets that status again.
 */
export function repairDeployments(ctx: Ctx, r: RegionState): void {
  // A region whose only deploy was never dispatched (the release halted first) has nothing to record.
  const dispatched = r.runs.some((run) => run.kind === 'deploy' && run.conclusion !== NOT_DISPATCHED);
  if (!dispatched && r.deploymentId === undefined) return;
  if (r.deploymentId === undefined) {
    ctx.fx.push({ type: 'create-deployment', region: r.name, stage: stageOf(ctx, r).name, key: deploymentKey(ctx.s.releaseId, r.name) });
    return;
  }
  const want = r.deploymentStatus;
  if (want && want.confirmed !== statusKey(want)) emitStatus(ctx, r, want);
}
