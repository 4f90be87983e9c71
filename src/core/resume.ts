/**
 * Picking a saved release up again (a resumed driver, an adopted plan): what may have been asked
 * for and not done is asked for again, and nothing already dispatched is dispatched twice.
 */
import { stageOf, type Ctx } from './decide-context.js';
import { repairDeployments } from './deployment-records.js';
import { resumeEnvironmentApproval } from './environment-approval.js';
import { resumeFreeze } from './freeze.js';
import { tickHeld } from './gates.js';
import { dispatchEffect, openRun } from './record-keeping.js';
import { dispatchInDoubt, runCanBeFound } from './regions.js';
import type { RegionState, RunRecord } from './state.js';
import { tickRegion } from './ticks.js';

/**
 * A driver picked the state up again (or a person adopted its changed plan): re-emit what may not
 * have been done. An open run without a run id is a dispatch in doubt (the earlier driver stopped
 * between saving the state that asked for it and saving its answer): with a correlation input the
 * dispatch goes out again and the adapter finds the run first if it was made; without one it is
 * never sent again (regions.ts).
 */
export function resume(ctx: Ctx): void {
  const { s } = ctx;
  repairAllDeployments(ctx);
  // Every dispatch in doubt is found before any is handled: one that fails its region may stop the
  // release, which dispatches rollbacks (new runs without ids, not in doubt) and halts other regions.
  const unrecorded: Array<[RegionState, RunRecord]> = [];
  for (const name of Object.keys(s.active)) {
    const r = s.regions[name];
    const run = r ? openRun(r) : undefined;
    if (r && run && run.runId === undefined && (run.kind === 'rollback' || r.phase === 'deploying')) unrecorded.push([r, run]);
  }
  for (const [r, run] of unrecorded) {
    if (!runCanBeFound(ctx.plan, run.kind)) dispatchInDoubt(ctx, r, run);
    else if (!run.done) ctx.fx.push(dispatchEffect(ctx, r, run));
  }
  // A stage its environment's reviewers approve has its approval run polled, never dispatched twice.
  // After the scan: one in doubt stops the release, whose new rollbacks are not in doubt.
  const st = s.stages[s.stage];
  if (st?.phase === 'awaiting-approval' && st.approval && !resumeEnvironmentApproval(ctx))
    ctx.fx.push({ type: 'request-approval', stage: st.name, reason: `stage ${st.name} is ready to start`, deadline: st.approval.deadline });
  for (const name of Object.keys(s.active)) {
    const r = s.regions[name];
    if (!r) continue;
    ctx.dirty.add(name);
    // Rollbacks queued by a stop but not yet dispatched stay queued (processStop dispatches them).
    if (r.bake) for (const c of Object.values(r.bake.gates)) c.awaiting = false;
    if (r.phase === 'awaiting-approval' && r.approval) {
      ctx.fx.push({ type: 'request-approval', stage: stageOf(ctx, r).name, region: r.name, reason: r.approval.reason, deadline: r.approval.deadline });
      tickHeld(ctx, r);
    } else tickRegion(ctx, r);
  }
  resumeFreeze(ctx);
}

/** Deployment records and statuses lost in a crash, for every region (finished ones too). */
export function repairAllDeployments(ctx: Ctx): void {
  for (const name in ctx.s.regions) {
    const r = ctx.s.regions[name];
    if (r) repairDeployments(ctx, r);
  }
}
