/**
 * Record-keeping shared by the concern modules (regions, rollback, stages, halt): a region's runs
 * (the one it waits for, a new one, its dispatch, its end) and the release's end. These only
 * write records and effects and call no concern back, so every concern may use them and none
 * has to import another for them.
 */
import { correlationId } from '../plan/ids.js';
import { log, stageOf, trafficOf, type Ctx } from './decide-context.js';
import { cancelEffect, type CancelCause, type Decision, type Effect } from './effects.js';
import type { RunKind } from './events.js';
import type { RegionState, RunRecord } from './state.js';

/** The run the region is waiting for, if any. */
export function openRun(r: RegionState): RunRecord | undefined {
  const last = r.runs[r.runs.length - 1];
  return last && !last.done ? last : undefined;
}

/** The region's attempt (absent: 0): a retry command raises it, and every run records the attempt it belongs to. */
export function attemptOf(x: { attempt?: number | undefined }): number {
  return x.attempt ?? 0;
}

/** Records a run about to be dispatched (its correlation id, deadline); the effect comes from dispatchEffect. */
export function addRun(ctx: Ctx, r: RegionState, kind: RunKind, step: number, timeoutMs: number): RunRecord {
  const attempt = attemptOf(r);
  const run: RunRecord = {
    kind,
    step,
    ...(attempt > 0 ? { attempt } : {}),
    correlationId: correlationId(ctx.s.releaseId, r.name, kind, step, attempt),
    dispatchedAt: ctx.at,
    deadline: ctx.at + timeoutMs,
    done: false,
  };
  r.runs.push(run);
  return run;
}

/** The dispatch of a region's run: first time, or again on resume (the adapter finds a run already made by its correlation id). */
export function dispatchEffect(ctx: Ctx, r: RegionState, run: RunRecord): Effect {
  const attempt = attemptOf(run);
  return {
    type: run.kind === 'deploy' ? 'dispatch-deploy' : 'dispatch-rollback',
    region: r.name,
    stage: stageOf(ctx, r).name,
    step: run.step,
    ...(attempt > 0 ? { attempt } : {}),
    traffic: trafficOf(ctx, r),
    correlationId: run.correlationId,
  };
}

/** Ends whatever a region is doing: its open run is cancelled (`cause` goes with the effect), bake and hold cleared. */
export function stopRegionWork(ctx: Ctx, r: RegionState, cause: CancelCause): void {
  const run = openRun(r);
  if (run) {
    run.done = true;
    if (run.runId !== undefined) ctx.fx.push(cancelEffect(r.name, run.kind, run.runId, cause));
  }
  r.bake = undefined;
  r.approval = undefined;
}

/** Ends the release: outcome recorded, history closed, the driver told. */
export function finish(ctx: Ctx, decision: Decision, reasonCode: string, reason: string): void {
  const { s } = ctx;
  s.status = 'finished';
  s.pause = undefined;
  s.outcome = { decision, reasonCode, reason, at: ctx.at };
  log(ctx, { kind: 'release-finished', reasonCode, reason: `${decision}: ${reason}` });
  ctx.fx.push({ type: 'report', headline: `release ${decision}` });
  ctx.fx.push({ type: 'finish', decision, reasonCode, reason });
}
