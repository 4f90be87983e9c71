/**
 * Time passing, region by region: each region keeps one timer (its run deadline, next
 * measurement, end of bake or approval deadline) in the heap of core/timers.ts, so a tick looks
 * only at the regions whose timer is due, and decide reschedules only the regions an event touched.
 */
import { closeApprovalRun } from './approval-run.js';
import type { Ctx } from './decide-context.js';
import { bakeWakeAt, heldWakeAt, tickBake, tickHeld } from './gates.js';
import { openRun } from './record-keeping.js';
import { checkRunDeadline, regionFailed } from './regions.js';
import { stopRelease } from './rollback.js';
import type { RegionState, State } from './state.js';
import { peekTimer, popTimer, pushTimer } from './timers.js';
import { formatDuration } from '../plan/duration.js';

/** Time passed: deadlines, due measurements, finished bakes, approval timeouts. Only regions whose timer is due are looked at. */
export function tick(ctx: Ctx): void {
  const { s } = ctx;
  const st = s.stages[s.stage];
  if (st?.phase === 'awaiting-approval' && st.approval && ctx.at >= st.approval.deadline) {
    // An approval run still waiting for its environment's reviewers is cancelled first (timed out).
    const closed = closeApprovalRun(ctx, st, 'timed out');
    stopRelease(ctx, 'approval-timeout', `stage ${st.name} was not approved within ${formatDuration(st.approval.deadline - st.approval.requestedAt)}${closed}`);
    return;
  }
  for (let top = peekTimer(s.timers); top !== undefined && top[0] <= ctx.at; top = peekTimer(s.timers)) {
    popTimer(s.timers);
    const r = s.regions[top[1]];
    if (!r || r.wakeAt !== top[0]) continue; // stale entry
    r.wakeAt = undefined;
    ctx.dirty.add(r.name);
    if (s.status !== 'finished') tickRegion(ctx, r);
  }
}

export function tickRegion(ctx: Ctx, r: RegionState): void {
  if (r.phase === 'deploying' || r.phase === 'rolling-back') checkRunDeadline(ctx, r);
  else if (r.phase === 'baking') tickBake(ctx, r);
  else if (r.phase === 'awaiting-approval' && r.approval && ctx.at >= r.approval.deadline) {
    regionFailed(ctx, r, 'approval-timeout', `nobody decided on ${r.name} within ${formatDuration(ctx.plan.approvals.timeoutMs)} (${r.approval.reason})`);
  } else if (r.phase === 'awaiting-approval') tickHeld(ctx, r);
}

/** When a region's next timer is due: run deadline, next measurement or end of bake, approval deadline (or, held for missing data, its next measurement). */
function regionWakeAt(s: State, r: RegionState): number | undefined {
  if (r.phase === 'deploying' || r.phase === 'rolling-back') return openRun(r)?.deadline;
  if (r.phase === 'baking') return bakeWakeAt(r, s.hold !== undefined || s.stop !== undefined);
  if (r.phase === 'awaiting-approval') {
    const measure = heldWakeAt(r);
    const deadline = r.approval?.deadline;
    return measure !== undefined && (deadline === undefined || measure < deadline) ? measure : deadline;
  }
  return undefined;
}

/** Pushes new timers for regions that changed, then drops stale entries off the top so peeking is exact. */
export function reschedule(ctx: Ctx): void {
  const { s } = ctx;
  for (const name of ctx.dirty) {
    const r = s.regions[name];
    if (!r) continue;
    const wake = s.status === 'finished' ? undefined : regionWakeAt(s, r);
    if (wake === r.wakeAt) continue;
    r.wakeAt = wake;
    if (wake !== undefined) pushTimer(s.timers, [wake, name]);
  }
  for (let top = peekTimer(s.timers); top !== undefined; top = peekTimer(s.timers)) {
    if (s.regions[top[1]]?.wakeAt === top[0]) break;
    popTimer(s.timers);
  }
}
