/**
 * The records of a stage's approval run (a stage approved by GitHub Environment reviewers): asking
 * for it when the stage is entered, its dispatch, and closing it when the stage no longer waits.
 * Record-keeping only, below stages.ts (which asks) and environment-approval.ts (which decides
 * on its end), so both can use it without importing each other.
 */
import { approvalCorrelationId } from '../plan/ids.js';
import { log, type Ctx } from './decide-context.js';
import type { Effect } from './effects.js';
import type { ApprovalRun, State, StageState } from './state.js';

/** The plan's environment approval of stage `index`, if it has one. */
export function environmentOf(ctx: Ctx, index: number): { name: string; workflow: string } | undefined {
  return ctx.plan.stages[index]?.approval?.environment;
}

/** The approval run a stage waits for (dispatched or being dispatched), if any. */
export function openApprovalRun(st: StageState | undefined): ApprovalRun | undefined {
  const run = st?.approvalRun;
  return run && !run.done ? run : undefined;
}

/** The approval run the driver must poll: the current stage's, dispatched, not finished. */
export function approvalRunInFlight(s: State): { stage: string; runId: number } | undefined {
  const st = s.stages[s.stage];
  const run = openApprovalRun(st);
  return st && run?.runId !== undefined ? { stage: st.name, runId: run.runId } : undefined;
}

export function approvalDispatchEffect(stage: string, environment: string, run: ApprovalRun): Effect {
  return { type: 'dispatch-approval', stage, environment, correlationId: run.correlationId };
}

/**
 * Stage `index` waits for its environment's reviewers: the approval run is recorded (saved before
 * its dispatch goes out, as every dispatch is) and dispatched, once per stage and release.
 */
export function askEnvironmentReviewers(ctx: Ctx, index: number, wait: { requestedAt: number; deadline: number }): void {
  const st = ctx.s.stages[index];
  const env = environmentOf(ctx, index);
  if (!st || !env) return;
  st.phase = 'awaiting-approval';
  st.approval = { requestedAt: wait.requestedAt, deadline: wait.deadline };
  log(ctx, {
    kind: 'stage-awaiting-approval',
    stage: st.name,
    reasonCode: 'environment-approval-required',
    reason: `stage ${st.name} waits for the required reviewers of GitHub environment '${env.name}': they approve or reject it in the run of ${env.workflow} ("Review deployments")`,
  });
  if (st.approvalRun) return; // never dispatched twice (a stage is entered once; this guards a replay)
  const run: ApprovalRun = { correlationId: approvalCorrelationId(ctx.s.releaseId, st.name), dispatchedAt: ctx.at, done: false };
  st.approvalRun = run;
  ctx.fx.push(approvalDispatchEffect(st.name, env.name, run));
}

/**
 * Ends a stage's wait for its approval run: the run is no longer watched, and cancelled if it
 * started (a run still waiting for reviewers would otherwise offer a "Review deployments" button
 * that decides nothing). Returns what happened, for the reason that closes it ('' when nothing was open).
 */
export function closeApprovalRun(ctx: Ctx, st: StageState, why: string): string {
  const run = openApprovalRun(st);
  if (!run) return '';
  run.done = true;
  if (run.runId === undefined) return `; its approval run was not started yet (${why})`;
  ctx.fx.push({ type: 'cancel-approval-run', stage: st.name, runId: run.runId, reason: why });
  // Said as the run's end (its own will not be watched): the summary lists it with the run verdicts.
  log(ctx, {
    kind: 'run-finished',
    stage: st.name,
    reasonCode: 'approval-run-cancelled',
    reason: `approval run ${run.runId} of stage ${st.name} is cancelled: ${why}`,
    numbers: { runId: run.runId },
  });
  return `; approval run ${run.runId} cancelled (${why})`;
}

/**
 * After every event: an approval run whose stage no longer waits for it (a person rejected the
 * stage or aborted, another failure stopped the release, the driver halted) is closed. One place
 * for every path that moves a stage on, so none of them can leave the run waiting.
 */
export function settleApprovalRun(ctx: Ctx): void {
  const st = ctx.s.stages[ctx.s.stage];
  if (st && st.phase !== 'awaiting-approval' && openApprovalRun(st)) closeApprovalRun(ctx, st, `the stage is ${st.phase}`);
}
