/**
 * The driver cannot go on (the token lacks a permission, GitHub refuses the token): the release
 * ends `failed` with the driver's reason, and nothing more is dispatched — not even rollbacks,
 * which would fail the same way and, for a region never deployed, have nothing to undo.
 *
 * - A run that was never dispatched is marked so (`not-dispatched`): it is not in doubt.
 * - A region that never ran a deploy is skipped, and a deployment made for it is closed with
 *   `error` ("not deployed"), so nothing stays queued.
 * - A region that was deployed (a run of it started) is left as it is, said in its failure, in
 *   its deployment's `failure` status and in the outcome: a person decides what to do with it.
 */
import { log, setPhase, stageOf, type Ctx } from './decide-context.js';
import { deploymentStatus } from './deployment-records.js';
import { finish, openRun } from './record-keeping.js';
import { isActivePhase, NOT_DISPATCHED, type RegionState } from './state.js';

export function haltRelease(ctx: Ctx, reasonCode: string, reason: string): void {
  const { s } = ctx;
  log(ctx, { kind: 'release-halted', reasonCode, reason: `${reason}; nothing more is dispatched` });
  for (const st of s.stages) if (st.phase === 'pending' || st.phase === 'awaiting-approval' || st.phase === 'running') st.phase = 'stopped';
  const leftAsIs: string[] = [];
  for (const name in s.regions) {
    const r = s.regions[name];
    if (!r) continue;
    if (r.phase === 'pending') {
      r.skippedReason = `never started: the release halted (${reasonCode})`;
      setPhase(ctx, r, 'skipped');
      log(ctx, { kind: 'region-skipped', stage: stageOf(ctx, r).name, region: r.name, reasonCode: 'never-started', reason: r.skippedReason });
      continue;
    }
    if (!isActivePhase(r.phase)) continue;
    if (haltRegion(ctx, r, reasonCode)) leftAsIs.push(r.name);
  }
  s.stop = undefined;
  const after =
    leftAsIs.length > 0
      ? `; ${leftAsIs.join(', ')} had deploy or rollback runs and ${leftAsIs.length === 1 ? 'is' : 'are'} left as ${leftAsIs.length === 1 ? 'it is' : 'they are'}: check ${leftAsIs.length === 1 ? 'it' : 'them'}`
      : '; no region was deployed';
  // A finished release is only re-read by later drivers: going on needs a new release.
  finish(ctx, 'failed', reasonCode, `${reason}${after}. This release is finished; once that is fixed, start a new one (another version or release id)`);
}

/** Ends one region's work without dispatching; true when it was deployed (left as it is). */
function haltRegion(ctx: Ctx, r: RegionState, reasonCode: string): boolean {
  const run = openRun(r);
  let running: number | undefined;
  if (run) {
    run.done = true;
    if (run.runId === undefined) run.conclusion = NOT_DISPATCHED;
    else running = run.runId;
  }
  r.bake = undefined;
  r.approval = undefined;
  r.finishedAt = ctx.at;
  const stage = stageOf(ctx, r).name;
  const deployed = r.runs.some((x) => x.runId !== undefined);
  if (!deployed) {
    r.skippedReason = `not deployed: the release halted (${reasonCode}) before its deploy run was dispatched`;
    setPhase(ctx, r, 'skipped');
    log(ctx, { kind: 'region-skipped', stage, region: r.name, step: r.step, reasonCode: 'not-deployed', reason: r.skippedReason });
    deploymentStatus(ctx, r, 'error', `not deployed: the release halted (${reasonCode})`);
    return false;
  }
  const reason = `halted at step ${r.step + 1} (${reasonCode})${running !== undefined ? `; run ${running} was still going and is no longer watched` : ''}; left as it is`;
  r.failure = { reasonCode, reason, at: ctx.at };
  setPhase(ctx, r, 'failed');
  log(ctx, {
    kind: 'region-failed',
    stage,
    region: r.name,
    step: r.step,
    reasonCode,
    reason,
    ...(running !== undefined ? { numbers: { runId: running } } : {}),
  });
  deploymentStatus(ctx, r, 'failure', reason);
  return true;
}
