/**
 * A region walking its steps: dispatch the deploy -> the run finishes -> bake (gates.ts) ->
 * next step -> promoted. Failures hand over to rollback.ts; a settled region hands its slot
 * back to stages.ts. Those three are above this module (they call into it), so the handovers go
 * through `ctx.transitions`, wired once by decide.ts (core/transitions.ts), never an import.
 */
import { log, setPhase, stageOf, trafficOf, type Ctx } from './decide-context.js';
import { deploymentKey } from '../plan/ids.js';
import { deploymentStatus, stepLabel } from './deployment-records.js';
import { cancelEffect } from './effects.js';
import type { Plan } from '../plan/types.js';
import type { Event, RunKind } from './events.js';
import { addRun, attemptOf, dispatchEffect, openRun, stopRegionWork } from './record-keeping.js';
import { isInStep, type RegionState, type RunRecord } from './state.js';
import { plural } from '../plan/words.js';
import { formatDuration } from '../plan/duration.js';

/**
 * Starts step `index` of a region: one dispatch, exactly once per step and attempt (a retry is a
 * new attempt: its runs have their own correlation ids). The first step also creates the region's
 * deployment (one per region and release; later steps and attempts are statuses on it).
 */
export function startStep(ctx: Ctx, r: RegionState, index: number): void {
  const { s, plan, at } = ctx;
  const stage = stageOf(ctx, r);
  const step = stage.steps[index];
  if (!step) return;
  const attempt = attemptOf(r);
  const ofAttempt = r.runs.filter((run) => run.kind === 'deploy' && attemptOf(run) === attempt);
  if (ofAttempt.some((run) => run.step === index)) return; // never dispatch one step of one attempt twice
  // The first deploy of an attempt touches the region anew: a stop rolls back the newest first.
  if (ofAttempt.length === 0) {
    r.startedAt = at;
    s.touchCount += 1;
    r.touchedSeq = s.touchCount;
  }
  r.step = index;
  r.bake = undefined;
  setPhase(ctx, r, 'deploying');
  const run = addRun(ctx, r, 'deploy', index, plan.deploy.timeoutMs);
  log(ctx, {
    kind: 'step-started',
    stage: stage.name,
    region: r.name,
    step: index,
    reasonCode: 'step-started',
    reason: `deploying at ${step.traffic}% traffic`,
    numbers: { traffic: step.traffic },
  });
  // The first step creates the region's deployment; a later step whose region still has none
  // (its creation failed) tries again, looking it up first.
  if (r.deploymentId === undefined)
    ctx.fx.push({
      type: 'create-deployment',
      region: r.name,
      stage: stage.name,
      key: deploymentKey(ctx.s.releaseId, r.name),
      ...(index > 0 ? { again: true as const } : {}),
    });
  ctx.fx.push(dispatchEffect(ctx, r, run));
}

/** Records the run id of a dispatch. Returns false when the event does not fit. */
export function onRunDispatched(ctx: Ctx, r: RegionState, ev: Extract<Event, { type: 'run-dispatched' }>): boolean {
  const attempt = attemptOf(ev);
  const sameRun = (x: RunRecord) => x.kind === ev.kind && x.step === ev.step && attemptOf(x) === attempt;
  const run = r.runs.find((x) => sameRun(x) && x.runId === undefined);
  if (!run) {
    // A second run for a step that already has one (a dispatch repeated after a lost answer): one
    // step is deployed by one run, so the newcomer is cancelled rather than left to deploy unwatched.
    const other = r.runs.find((x) => sameRun(x) && x.runId !== undefined);
    if (!other || other.runId === ev.runId) return false;
    log(ctx, {
      kind: 'run-dispatched',
      stage: stageOf(ctx, r).name,
      region: r.name,
      step: ev.step,
      reasonCode: 'duplicate-run-cancelled',
      reason: `${ev.kind} run ${ev.runId} is a second run for step ${ev.step + 1} (run ${other.runId} has it); cancelling it`,
      numbers: { runId: ev.runId },
    });
    ctx.fx.push(cancelEffect(r.name, ev.kind, ev.runId, 'duplicate-run'));
    return true;
  }
  run.runId = ev.runId;
  if (ev.htmlUrl !== undefined) run.htmlUrl = ev.htmlUrl;
  if (run.done && ev.kind === 'rollback') {
    // A rollback run the region gave up on showed up late: rolling back is the safe direction, so
    // it is not cancelled halfway; its result is not watched, which the history says.
    log(ctx, {
      kind: 'run-dispatched',
      stage: stageOf(ctx, r).name,
      region: r.name,
      step: ev.step,
      reasonCode: 'late-rollback-run',
      reason: `rollback run ${ev.runId} started after its dispatch was given up on; not cancelled (rolling back is the safe direction), its result is not watched: check it`,
      numbers: { runId: ev.runId },
    });
    return true;
  }
  if (run.done) {
    // The region gave up on this run before its id arrived (timeout, stop): the run must not go on.
    log(ctx, {
      kind: 'run-dispatched',
      stage: stageOf(ctx, r).name,
      region: r.name,
      step: ev.step,
      reasonCode: 'late-run-cancelled',
      reason: `${ev.kind} run ${ev.runId} started after the region moved on; cancelling it`,
      numbers: { runId: ev.runId },
    });
    ctx.fx.push(cancelEffect(r.name, ev.kind, ev.runId, 'late-run'));
    return true;
  }
  log(ctx, {
    kind: 'run-dispatched',
    stage: stageOf(ctx, r).name,
    region: r.name,
    step: ev.step,
    reasonCode: `${ev.kind}-dispatched`,
    reason: `${ev.kind} run ${ev.runId} started`,
    numbers: { runId: ev.runId },
  });
  if (ev.kind === 'deploy' && r.phase === 'deploying') deploymentStatus(ctx, r, 'in_progress', `${stepLabel(ctx, r)}: deploy run ${ev.runId}`);
  return true;
}

/** Whether a run of this kind can be found by its correlation id (the plan declares the input that carries it). */
export function runCanBeFound(plan: Plan, kind: RunKind): boolean {
  return (kind === 'deploy' ? plan.deploy : plan.rollback)?.correlationInput !== undefined;
}

/**
 * A run id the state must be saved with at once: without a correlation input, a run id known
 * only in memory dies with the process, and a resumed driver could not tell that run from one
 * never dispatched (a dispatch in doubt). With one, a resume finds the run by its correlation id,
 * so the id waits for the next save (one ledger write less per dispatch: docs/benchmarks.md).
 * One save covers every answer the driver feeds before its next batch.
 */
export function answerMustBeSaved(ctx: Ctx, ev: Event): boolean {
  return ev.type === 'run-dispatched' && !runCanBeFound(ctx.plan, ev.kind);
}

/**
 * Resume: an open run without a run id whose run cannot be found (no correlation input). It may
 * have been dispatched, so it is never dispatched again: a deploy fails its region (which then
 * rolls back per plan, the safe direction), a rollback counts as failed (the release stops
 * `failed`: a person must check that rollback run). The reason says which runs to check since when.
 */
export function dispatchInDoubt(ctx: Ctx, r: RegionState, run: RunRecord): void {
  const spec = run.kind === 'deploy' ? ctx.plan.deploy : ctx.plan.rollback;
  const since = new Date(run.dispatchedAt).toISOString();
  const check = `check the runs of ${spec?.workflow ?? `the ${run.kind} workflow`} started since ${since} for ${r.name}`;
  const reason =
    run.kind === 'deploy'
      ? `DISPATCH IN DOUBT: the deploy of step ${run.step + 1} was requested by a driver that stopped before recording its run, and without deploy.correlationInput that run cannot be found, so it is not dispatched again; ${check} and cancel one still queued or in progress (it could deploy after the rollback)`
      : `DISPATCH IN DOUBT: the rollback was requested by a driver that stopped before recording its run, and without rollback.correlationInput that run cannot be found, so it is not dispatched again; ${check}: whether it ran and succeeded is unknown`;
  log(ctx, { kind: 'dispatch-failed', stage: stageOf(ctx, r).name, region: r.name, step: run.step, reasonCode: 'dispatch-in-doubt', reason });
  // Closed already (halted by a stop another doubt caused): said, nothing more to decide.
  if (run.done) return;
  run.done = true;
  if (run.kind === 'deploy') regionFailed(ctx, r, 'dispatch-in-doubt', reason);
  else ctx.transitions.onRollbackFinished(ctx, r, false, reason);
}

export function onDispatchFailed(ctx: Ctx, r: RegionState, ev: Extract<Event, { type: 'dispatch-failed' }>): boolean {
  const run = r.runs.find((x) => x.kind === ev.kind && x.step === ev.step && attemptOf(x) === attemptOf(ev) && !x.done && x.runId === undefined);
  if (!run) return false;
  run.done = true;
  log(ctx, {
    kind: 'dispatch-failed',
    stage: stageOf(ctx, r).name,
    region: r.name,
    step: ev.step,
    reasonCode: `${ev.kind}-dispatch-failed`,
    reason: `could not dispatch the ${ev.kind} workflow: ${ev.message}`,
  });
  if (ev.kind === 'deploy') regionFailed(ctx, r, 'dispatch-failed', `deploy dispatch failed: ${ev.message}`);
  else ctx.transitions.onRollbackFinished(ctx, r, false, `rollback dispatch failed: ${ev.message}`);
  return true;
}

export function onRunFinished(ctx: Ctx, r: RegionState, ev: Extract<Event, { type: 'run-finished' }>): boolean {
  const run = r.runs.find((x) => x.runId === ev.runId && x.kind === ev.kind && !x.done);
  if (!run) return false;
  run.done = true;
  run.conclusion = ev.conclusion;
  const ok = ev.conclusion === 'success';
  log(ctx, {
    kind: 'run-finished',
    stage: stageOf(ctx, r).name,
    region: r.name,
    step: run.step,
    reasonCode: ok ? `${ev.kind}-succeeded` : `${ev.kind}-failed`,
    reason: `${ev.kind} run ${ev.runId} finished: ${ev.conclusion ?? 'no conclusion'}`,
    numbers: { runId: ev.runId },
  });
  if (ev.kind === 'rollback') {
    ctx.transitions.onRollbackFinished(
      ctx,
      r,
      ok,
      ok ? `rollback run ${ev.runId} succeeded` : `rollback run ${ev.runId} concluded ${ev.conclusion ?? 'without a conclusion'}`,
    );
    return true;
  }
  if (r.phase !== 'deploying' || run.step !== r.step) return true; // the release moved on (stopped): recorded only
  if (ok) ctx.transitions.startBake(ctx, r);
  else regionFailed(ctx, r, 'deploy-failed', `deploy run ${ev.runId} concluded ${ev.conclusion ?? 'without a conclusion'} at step ${r.step + 1}`);
  return true;
}

/** Deadlines of runs in flight: a run past its timeout is cancelled and counts as failed. */
export function checkRunDeadline(ctx: Ctx, r: RegionState): void {
  const run = openRun(r);
  if (!run || ctx.at < run.deadline) return;
  run.done = true;
  run.conclusion = 'timed_out';
  const limitMs = run.deadline - run.dispatchedAt;
  const reason = `${run.kind} run ${run.runId ?? '(not yet seen)'} did not finish within ${formatDuration(limitMs)}`;
  log(ctx, {
    kind: 'run-timeout',
    stage: stageOf(ctx, r).name,
    region: r.name,
    step: run.step,
    reasonCode: `${run.kind}-timeout`,
    reason,
    ...(run.runId !== undefined ? { numbers: { runId: run.runId } } : {}),
  });
  if (run.runId !== undefined) ctx.fx.push(cancelEffect(r.name, run.kind, run.runId, 'timed-out'));
  if (run.kind === 'deploy') regionFailed(ctx, r, 'deploy-timeout', reason);
  else ctx.transitions.onRollbackFinished(ctx, r, false, reason);
}

/** The step's bake passed: next step, or the region is promoted. */
export function stepPassed(ctx: Ctx, r: RegionState): void {
  const stage = stageOf(ctx, r);
  log(ctx, {
    kind: 'step-passed',
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode: 'step-passed',
    reason: `step ${r.step + 1} at ${trafficOf(ctx, r)}% passed`,
    numbers: { traffic: trafficOf(ctx, r) },
  });
  if (r.step + 1 < stage.steps.length) {
    startStep(ctx, r, r.step + 1);
    return;
  }
  r.bake = undefined;
  r.finishedAt = ctx.at;
  setPhase(ctx, r, 'promoted');
  log(ctx, {
    kind: 'region-promoted',
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode: 'region-promoted',
    reason: `all ${plural(stage.steps.length, 'step')} passed`,
  });
  deploymentStatus(ctx, r, 'success', `${ctx.s.version} at ${trafficOf(ctx, r)}%: all ${plural(stage.steps.length, 'step')} passed`);
  ctx.transitions.regionSettled(ctx, r);
}

/** Marks a region failed (deploy, timeout, gate, rejection) and lets the failure budget decide what follows. */
export function regionFailed(ctx: Ctx, r: RegionState, reasonCode: string, reason: string): void {
  if (!isInStep(r.phase)) return;
  const stage = stageOf(ctx, r);
  stopRegionWork(ctx, r, 'region-failed');
  r.failure = { reasonCode, reason, at: ctx.at };
  r.finishedAt = ctx.at;
  setPhase(ctx, r, 'failed');
  const st = ctx.s.stages[r.stage];
  if (st) st.failed += 1;
  log(ctx, {
    kind: 'region-failed',
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode,
    reason,
    numbers: { failed: st?.failed ?? 0, budget: stage.failureBudget },
  });
  deploymentStatus(ctx, r, 'failure', reason);
  ctx.transitions.onRegionFailed(ctx, r);
}
