/**
 * A stage approved by GitHub's own Environment reviewers (plan `approval.environment`): the
 * approval run's dispatch, its end (the stage's decision), its resume, and the refusal of a
 * person's `approve` that would go around the environment. GitHub keeps the audit, enforces
 * `prevent_self_review` and holds the run without a runner while it waits; the core only reads
 * how the run ended and who the approvals API names.
 *
 * The run is recorded and dispatched by approval-run.ts (stages.ts asks for it on entering the
 * stage); this module is above stages.ts and rollback.ts, which it hands the decision to.
 */
import { ignore, log, type Ctx } from './decide-context.js';
import type { EnvironmentReview, Event } from './events.js';
import { approvalDispatchEffect, askEnvironmentReviewers, environmentOf, openApprovalRun } from './approval-run.js';
import { stopRelease } from './rollback.js';
import { startStage } from './stages.js';
import type { StageState } from './state.js';

type StageRunEvent = Extract<Event, { type: 'approval-run-dispatched' | 'approval-dispatch-failed' | 'approval-run-finished' }>;

/** An approval run's event: true when it fits the stage it names (else it is ignored, by the caller). */
export function onApprovalRunEvent(ctx: Ctx, ev: StageRunEvent): boolean {
  const index = ctx.s.stages.findIndex((x) => x.name === ev.stage);
  const st = ctx.s.stages[index];
  if (!st?.approvalRun) return false;
  if (ev.type === 'approval-run-dispatched') return onDispatched(ctx, st, ev);
  if (ev.type === 'approval-dispatch-failed') return onDispatchFailed(ctx, index, st, ev.message);
  return onFinished(ctx, index, st, ev);
}

function onDispatched(ctx: Ctx, st: StageState, ev: Extract<Event, { type: 'approval-run-dispatched' }>): boolean {
  const run = st.approvalRun;
  if (!run) return false;
  const base = { kind: 'run-dispatched' as const, stage: st.name, numbers: { runId: ev.runId } };
  if (run.runId !== undefined) {
    if (run.runId === ev.runId) return false;
    // One stage, one approval run: a second (a dispatch repeated after a lost answer) is cancelled
    // before a reviewer approves the run nobody watches.
    log(ctx, {
      ...base,
      reasonCode: 'duplicate-run-cancelled',
      reason: `approval run ${ev.runId} is a second run for stage ${st.name} (run ${run.runId} has it); cancelling it`,
    });
    ctx.fx.push({ type: 'cancel-approval-run', stage: st.name, runId: ev.runId, reason: 'duplicate run for one stage approval' });
    return true;
  }
  run.runId = ev.runId;
  if (ev.htmlUrl !== undefined) run.htmlUrl = ev.htmlUrl;
  if (run.done) {
    log(ctx, {
      ...base,
      reasonCode: 'late-run-cancelled',
      reason: `approval run ${ev.runId} started after stage ${st.name} stopped waiting for it; cancelling it`,
    });
    ctx.fx.push({ type: 'cancel-approval-run', stage: st.name, runId: ev.runId, reason: 'no longer wanted' });
    return true;
  }
  log(ctx, {
    ...base,
    reasonCode: 'approval-dispatched',
    reason: `approval run ${ev.runId} started: stage ${st.name} waits for the reviewers to approve it there`,
  });
  return true;
}

function onDispatchFailed(ctx: Ctx, index: number, st: StageState, message: string): boolean {
  const run = openApprovalRun(st);
  const env = environmentOf(ctx, index);
  if (!run || run.runId !== undefined) return false;
  run.done = true;
  const workflow = env?.workflow ?? 'the approval workflow';
  log(ctx, { kind: 'dispatch-failed', stage: st.name, reasonCode: 'approval-dispatch-failed', reason: `could not dispatch ${workflow}: ${message}` });
  // Nobody can approve the stage any more (a command may not stand in for the environment): it stops.
  if (st.phase === 'awaiting-approval')
    stopRelease(
      ctx,
      'approval-dispatch-failed',
      `stage ${st.name} could not ask the reviewers of GitHub environment '${env?.name ?? '?'}': ${workflow} could not be dispatched (${message})`,
    );
  return true;
}

function onFinished(ctx: Ctx, index: number, st: StageState, ev: Extract<Event, { type: 'approval-run-finished' }>): boolean {
  const run = openApprovalRun(st);
  if (!run || run.runId !== ev.runId) return false;
  run.done = true;
  run.conclusion = ev.conclusion;
  const ok = ev.conclusion === 'success';
  const ended = ev.conclusion ?? 'without a conclusion';
  log(ctx, {
    kind: 'run-finished',
    stage: st.name,
    reasonCode: ok ? 'approval-run-succeeded' : 'approval-run-failed',
    reason: `approval run ${ev.runId} finished: ${ended}`,
    numbers: { runId: ev.runId },
  });
  if (st.phase !== 'awaiting-approval') return true; // the stage moved on (stopped): recorded only
  const env = environmentOf(ctx, index)?.name ?? '?';
  const where = `in GitHub environment '${env}' (approval run ${ev.runId})`;
  if (ok) {
    const by = named(ev.reviews, 'approved') ?? 'environment reviewers';
    st.approval = { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at, by, at: ctx.at, decision: 'approve' };
    const unnamed =
      ev.reviews === undefined
        ? '; its reviews could not be read'
        : ev.reviews.length === 0
          ? `; no reviewer is listed: check that '${env}' has required reviewers`
          : '';
    log(ctx, { kind: 'stage-approved', stage: st.name, by, reasonCode: 'environment-approved', reason: `${by} approved stage ${st.name} ${where}${unnamed}` });
    startStage(ctx, index);
    return true;
  }
  const rejection = [...(ev.reviews ?? [])].reverse().find((x) => x.state === 'rejected');
  const by = rejection?.user ?? named(ev.reviews, 'rejected');
  st.approval = {
    requestedAt: st.approval?.requestedAt ?? ctx.at,
    deadline: st.approval?.deadline ?? ctx.at,
    ...(by !== undefined ? { by } : {}),
    at: ctx.at,
    decision: 'reject',
  };
  if (rejection) {
    const comment = rejection.comment.trim();
    stopRelease(ctx, 'approval-rejected', `${rejection.user} rejected stage ${st.name} ${where}${comment !== '' ? `: ${comment}` : ''}`, 'touched');
  } else {
    const unread = ev.reviews === undefined ? ' (its reviews could not be read)' : '';
    stopRelease(
      ctx,
      'approval-run-failed',
      `the approval run of stage ${st.name} ended ${ended} ${where}; nobody is named as rejecting it${unread}`,
      'touched',
    );
  }
  return true;
}

/** The reviewers who gave `state`, in the order GitHub lists them (undefined: none). */
function named(reviews: readonly EnvironmentReview[] | undefined, state: EnvironmentReview['state']): string | undefined {
  const users = [...new Set((reviews ?? []).filter((x) => x.state === state).map((x) => x.user))];
  return users.length > 0 ? users.join(', ') : undefined;
}

/**
 * Why a person may not approve the waiting stage with a command (undefined: they may): its
 * approval belongs to the required reviewers of a GitHub Environment, who approve it in GitHub
 * ("Review deployments"), with GitHub's own audit and prevent_self_review.
 */
export function environmentApprovalRefusal(ctx: Ctx): string | undefined {
  const { s } = ctx;
  const st = s.stages[s.stage];
  const env = environmentOf(ctx, s.stage);
  if (!env || st?.phase !== 'awaiting-approval') return undefined;
  const url = st.approvalRun?.htmlUrl;
  const where = url !== undefined ? `in its approval run ${url}` : `in the run of ${env.workflow} once it starts`;
  return `stage ${st.name} is approved by the required reviewers of GitHub environment '${env.name}', ${where} ("Review deployments"), not by a command`;
}

/**
 * Resume: the approval run a stage waits for is polled once it has an id (the driver's watcher
 * picks it up from the state), never dispatched again. One without an id is a dispatch in doubt:
 * with a correlation input the adapter finds the run before dispatching; without one it is never
 * sent again and the release stops (nobody else could approve the stage). True for a stage
 * approved by its environment (the caller asks a person otherwise).
 */
export function resumeEnvironmentApproval(ctx: Ctx): boolean {
  const { s, plan } = ctx;
  const st = s.stages[s.stage];
  const env = environmentOf(ctx, s.stage);
  if (!env || !st) return false;
  const run = st.approvalRun;
  if (!run) {
    // Entered waiting for a person under a plan that now names an environment (adopted): asked
    // now, within the wait the stage already had.
    askEnvironmentReviewers(ctx, s.stage, { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at });
    return true;
  }
  if (run.done || run.runId !== undefined) return true;
  if (plan.deploy.correlationInput !== undefined) {
    ctx.fx.push(approvalDispatchEffect(st.name, env.name, run));
    return true;
  }
  run.done = true;
  const since = new Date(run.dispatchedAt).toISOString();
  const reason = `DISPATCH IN DOUBT: the approval run of stage ${st.name} was requested by a driver that stopped before recording it, and without deploy.correlationInput it cannot be found, so it is not dispatched again; check the runs of ${env.workflow} started since ${since} and cancel one still waiting`;
  log(ctx, { kind: 'dispatch-failed', stage: st.name, reasonCode: 'dispatch-in-doubt', reason });
  if (st.phase === 'awaiting-approval') stopRelease(ctx, 'dispatch-in-doubt', reason);
  return true;
}

/** An approval run's event after the release finished: a run that shows up late is cancelled; anything else is ignored. */
export function afterTheEndApproval(ctx: Ctx, ev: StageRunEvent): void {
  if (ev.type === 'approval-run-dispatched' && onApprovalRunEvent(ctx, ev)) return;
  ignore(ctx, ev, `the release is finished (${ctx.s.outcome?.decision ?? 'done'})`);
}
