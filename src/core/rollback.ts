/**
 * Failures, the failure budget and rollback.
 *
 * - Within the stage's budget (failed regions <= failureBudget) the failed region alone is
 *   rolled back and the release goes on.
 * - Beyond it the release stops: regions never started are skipped (and say why); then
 *   `rollback.scope` decides: 'region' rolls back the failed regions, 'touched' every region the
 *   release touched. Rollbacks run one at a time, newest touched first, each dispatched exactly
 *   once. Under 'region', regions caught mid-step are halted (their runs cancelled) and left as
 *   they are: the plan said to roll back failed regions only.
 * - `abort` and a rejected stage approval roll back every touched region, whatever the scope:
 *   a person asked for the release to be undone. The `rollback` command does the same to a
 *   release that finished promoted (rollBackPromoted): it opens again, stopping, and ends
 *   `rolled-back` (rollback-command). Each rollback is one per region and attempt: a region
 *   rolled back within budget and then retried is rolled back again under its new attempt.
 * - No rollback workflow: failed regions stay failed and the outcome is `failed`
 *   (reasonCode no-rollback-workflow). A rollback run that fails is `failed` (rollback-failed): loud.
 *
 * stages.ts calls in here (processStop), so a settled region goes back to it through
 * `ctx.transitions` (decide-context.ts), not an import.
 */
import { log, setPhase, stageOf, trafficOf, type Ctx } from './decide-context.js';
import { deploymentStatus } from './deployment-records.js';
import { addRun, attemptOf, dispatchEffect, finish, stopRegionWork } from './record-keeping.js';
import { isInStep, type RegionState } from './state.js';
import { plural } from '../plan/words.js';

/** Called once a region is marked failed. */
export function onRegionFailed(ctx: Ctx, r: RegionState): void {
  const { s, plan } = ctx;
  if (s.stop) {
    // Already stopping: a late failure joins the queue if the scope covers it.
    if (plan.rollback && !r.rollbackDispatched && !s.stop.queue.includes(r.name)) enqueueNewestFirst(ctx, r.name);
    processStop(ctx);
    return;
  }
  const stage = stageOf(ctx, r);
  const failed = s.stages[r.stage]?.failed ?? 0;
  if (failed > stage.failureBudget) {
    stopRelease(
      ctx,
      r.failure?.reasonCode ?? 'region-failed',
      `stage ${stage.name}: ${plural(failed, 'failed region')} ${failed === 1 ? 'exceeds' : 'exceed'} failureBudget ${stage.failureBudget} (last: ${r.name}: ${r.failure?.reason ?? 'failed'})`,
    );
    return;
  }
  if (plan.rollback) dispatchRollback(ctx, r);
  ctx.transitions.regionSettled(ctx, r);
}

function enqueueNewestFirst(ctx: Ctx, name: string): void {
  const stop = ctx.s.stop;
  if (!stop) return;
  stop.queue.push(name);
  const seq = (n: string) => ctx.s.regions[n]?.touchedSeq ?? 0;
  stop.queue.sort((a, b) => seq(b) - seq(a));
}

/** Stops the release: skip what never started, halt or queue what is in flight, then roll back. */
export function stopRelease(ctx: Ctx, reasonCode: string, reason: string, scopeOverride?: 'touched'): void {
  const { s, plan } = ctx;
  if (s.stop || s.status === 'finished') return;
  const scope = scopeOverride ?? plan.rollback?.scope ?? 'touched';
  s.status = 'stopping';
  s.pause = undefined;
  s.stop = { reasonCode, reason, at: ctx.at, queue: [] };
  log(ctx, { kind: 'release-stopped', reasonCode, reason: `${reason}; rollback scope: ${plan.rollback ? scope : 'none configured'}` });
  ctx.fx.push({ type: 'report', headline: `release stopped: ${reasonCode}` });
  for (const st of s.stages) if (st.phase === 'pending' || st.phase === 'awaiting-approval' || st.phase === 'running') st.phase = 'stopped';
  const queue: RegionState[] = [];
  for (const stage of plan.stages) {
    for (const name of stage.regions) {
      const r = s.regions[name];
      if (!r) continue;
      if (r.phase === 'pending') {
        // A retried region waiting for its slot ran before: its earlier attempt was rolled back
        // (or, without a rollback workflow, left failed), and its retry never started.
        const retried = attemptOf(r) > 0;
        r.skippedReason = `${retried ? 'retry never started' : 'never started'}: the release stopped (${reasonCode})`;
        setPhase(ctx, r, 'skipped');
        log(ctx, {
          kind: 'region-skipped',
          stage: stage.name,
          region: r.name,
          reasonCode: retried ? 'retry-not-started' : 'never-started',
          reason: r.skippedReason,
        });
        continue;
      }
      if (isInStep(r.phase)) haltInFlight(ctx, r, scope);
      const wanted = scope === 'touched' ? r.touchedSeq !== undefined : r.failure !== undefined;
      if (wanted && !r.rollbackDispatched && r.phase !== 'skipped') queue.push(r);
    }
  }
  if (!plan.rollback) {
    finish(ctx, 'failed', 'no-rollback-workflow', `${reason}; no rollback workflow is configured, nothing was rolled back`);
    return;
  }
  queue.sort((a, b) => (b.touchedSeq ?? 0) - (a.touchedSeq ?? 0));
  s.stop.queue = queue.map((r) => r.name);
  processStop(ctx);
}

/** A region caught mid-step when the release stops: its run is cancelled; under 'region' it is left as it is. */
function haltInFlight(ctx: Ctx, r: RegionState, scope: 'region' | 'touched'): void {
  stopRegionWork(ctx, r, 'release-stopped');
  if (scope === 'touched' && ctx.plan.rollback) {
    // Queued for rollback: shown as rolling back from now on, dispatched in its turn.
    setPhase(ctx, r, 'rolling-back');
    return;
  }
  r.skippedReason = `halted at step ${r.step + 1} (${trafficOf(ctx, r)}%) when the release stopped; not rolled back (${ctx.plan.rollback ? 'rollback.scope: region' : 'no rollback workflow'})`;
  setPhase(ctx, r, 'skipped');
  log(ctx, { kind: 'region-skipped', stage: stageOf(ctx, r).name, region: r.name, step: r.step, reasonCode: 'halted', reason: r.skippedReason });
}

/** Dispatches the next queued rollback when none is running; finishes when all are done. */
export function processStop(ctx: Ctx): void {
  const { s } = ctx;
  const stop = s.stop;
  if (!stop || s.status === 'finished') return;
  // One rollback at a time, also when one started within budget before the stop is still running.
  // (The rollback in flight is read off the phases: every queued region is dispatched exactly once.)
  if (stop.queue.length > 0 && s.counts['rolling-back'] > 0 && Object.values(s.regions).some((r) => r.phase === 'rolling-back' && r.rollbackDispatched)) return;
  const next = stop.queue.shift();
  if (next !== undefined) {
    const r = s.regions[next];
    if (r) {
      dispatchRollback(ctx, r);
      return;
    }
  }
  // Rollbacks started within budget before the stop must finish too.
  if (s.counts['rolling-back'] > 0) return;
  const failedRollbacks = Object.values(s.regions).filter((r) => r.rollbackFailed);
  if (failedRollbacks.length > 0) {
    finish(
      ctx,
      'failed',
      'rollback-failed',
      `${stop.reason}; rollback FAILED for ${failedRollbacks.map((r) => r.name).join(', ')}: these regions need a person now`,
    );
    return;
  }
  finish(ctx, 'rolled-back', stop.reasonCode === ROLLED_BACK_BY_COMMAND ? 'rollback-command' : stop.reasonCode, stop.reason);
}

/** The stop of a promoted release a person rolls back (command rollback); it finishes `rollback-command`. */
export const ROLLED_BACK_BY_COMMAND = 'rolled-back-by-command';

/**
 * The `rollback` command on a release that finished promoted: the release opens again, stopping,
 * and every region its last attempt deployed is rolled back through the stop's queue, newest
 * first, one at a time, each dispatched once (a region rolled back within budget and never
 * retried is rolled back already). Checked by commands.ts: finished promoted, a rollback workflow.
 */
export function rollBackPromoted(ctx: Ctx, reason: string): void {
  const { s } = ctx;
  const queue = Object.values(s.regions)
    .filter((r) => r.touchedSeq !== undefined && r.phase === 'promoted' && !r.rollbackDispatched)
    .sort((a, b) => (b.touchedSeq ?? 0) - (a.touchedSeq ?? 0))
    .map((r) => r.name);
  s.status = 'stopping';
  s.pause = undefined;
  delete s.outcome;
  s.stop = { reasonCode: ROLLED_BACK_BY_COMMAND, reason, at: ctx.at, queue };
  const which =
    queue.length > 0 ? `rolling back ${plural(queue.length, 'region')}, newest first: ${queue.join(', ')}` : 'no promoted region is left to roll back';
  log(ctx, { kind: 'release-stopped', reasonCode: ROLLED_BACK_BY_COMMAND, reason: `${reason}; ${which}` });
  ctx.fx.push({ type: 'report', headline: `release reopened to roll back: ${ROLLED_BACK_BY_COMMAND}` });
  processStop(ctx);
}

/** One dispatch-rollback per region, ever. */
export function dispatchRollback(ctx: Ctx, r: RegionState): void {
  const rb = ctx.plan.rollback;
  if (!rb || r.rollbackDispatched) return;
  r.rollbackDispatched = true;
  setPhase(ctx, r, 'rolling-back');
  const run = addRun(ctx, r, 'rollback', r.step, rb.timeoutMs);
  const stage = stageOf(ctx, r);
  log(ctx, {
    kind: 'rollback-dispatched',
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode: 'rollback-dispatched',
    reason: r.failure ? `rolling back: ${r.failure.reason}` : `rolling back: the release stopped (${ctx.s.stop?.reasonCode ?? 'stopped'})`,
  });
  ctx.fx.push(dispatchEffect(ctx, r, run));
}

/** The rollback run of a region ended (or could not be dispatched, or timed out). */
export function onRollbackFinished(ctx: Ctx, r: RegionState, ok: boolean, reason: string): void {
  if (r.phase !== 'rolling-back') return;
  const stage = stageOf(ctx, r);
  r.finishedAt = ctx.at;
  if (ok) {
    setPhase(ctx, r, 'rolled-back');
    log(ctx, { kind: 'region-rolled-back', stage: stage.name, region: r.name, step: r.step, reasonCode: 'rolled-back', reason });
    // Recorded even when the deployment is not created yet (resume creates it, then sets this).
    const run = [...r.runs].reverse().find((x) => x.kind === 'rollback');
    deploymentStatus(
      ctx,
      r,
      'inactive',
      `rolled back${run?.runId !== undefined ? ` by run ${run.runId}` : ''}`,
      run?.htmlUrl !== undefined ? { runUrl: run.htmlUrl } : {},
    );
  } else {
    r.rollbackFailed = true;
    setPhase(ctx, r, 'failed');
    log(ctx, { kind: 'rollback-failed', stage: stage.name, region: r.name, step: r.step, reasonCode: 'rollback-failed', reason: `ROLLBACK FAILED: ${reason}` });
    ctx.fx.push({ type: 'report', headline: `rollback failed in ${r.name}` });
    if (!ctx.s.stop) {
      stopRelease(ctx, 'rollback-failed', `rollback of ${r.name} failed: ${reason}`);
      return;
    }
  }
  ctx.transitions.regionSettled(ctx, r);
}
