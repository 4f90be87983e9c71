/**
 * Stages in order; inside a stage, regions start up to `maxParallel` at once. A stage with an
 * `approval` waits for a person before any of its regions starts. When the last stage is done
 * the release finishes. A stage approved by GitHub Environment reviewers asks them through its
 * approval run instead (approval-run.ts, environment-approval.ts).
 */
import { askEnvironmentReviewers } from './approval-run.js';
import { log, type Ctx } from './decide-context.js';
import { frozenBefore } from './freeze.js';
import { finish } from './record-keeping.js';
import { processStop } from './rollback.js';
import { startStep } from './regions.js';
import type { RegionState } from './state.js';
import { plural } from '../plan/words.js';

export function startRelease(ctx: Ctx, by: string | undefined): void {
  const { s } = ctx;
  s.status = 'running';
  s.startedAt = ctx.at;
  if (by !== undefined) s.initiator = by;
  log(ctx, {
    kind: 'release-started',
    reasonCode: 'release-started',
    reason: `release ${s.releaseId} (version ${s.version}) started`,
    ...(by !== undefined ? { by } : {}),
  });
  ctx.fx.push({ type: 'report', headline: `release ${s.releaseId} started` });
  enterStage(ctx, 0);
}

/** Moves to stage `index`: ask for its approval, or start it. */
export function enterStage(ctx: Ctx, index: number): void {
  const { s, plan } = ctx;
  const stage = plan.stages[index];
  const st = s.stages[index];
  if (!stage || !st) return;
  s.stage = index;
  if (stage.approval && st.approval?.decision !== 'approve') {
    const deadline = ctx.at + stage.approval.timeoutMs;
    if (stage.approval.environment) {
      askEnvironmentReviewers(ctx, index, { requestedAt: ctx.at, deadline });
      return;
    }
    st.phase = 'awaiting-approval';
    st.approval = { requestedAt: ctx.at, deadline };
    log(ctx, {
      kind: 'stage-awaiting-approval',
      stage: stage.name,
      reasonCode: 'approval-required',
      reason: `stage ${stage.name} needs an approval before it starts`,
    });
    ctx.fx.push({ type: 'request-approval', stage: stage.name, reason: `stage ${stage.name} is ready to start`, deadline });
    return;
  }
  startStage(ctx, index);
}

export function startStage(ctx: Ctx, index: number): void {
  const stage = ctx.plan.stages[index];
  const st = ctx.s.stages[index];
  if (!stage || !st) return;
  // The freeze reads the error budget when the stage would start, after its approval (a budget read
  // before an approval that takes days would be stale); it enters the stage again once cleared.
  if (frozenBefore(ctx, index)) {
    // Approved, it no longer waits for a person: what holds it now is the freeze (its pause says so).
    if (st.phase === 'awaiting-approval') st.phase = 'pending';
    return;
  }
  st.phase = 'running';
  log(ctx, {
    kind: 'stage-started',
    stage: stage.name,
    reasonCode: 'stage-started',
    reason: `${plural(stage.regions.length, 'region')}, up to ${stage.maxParallel} at once, ${plural(stage.steps.length, 'step')}`,
  });
  ctx.fx.push({ type: 'report', headline: `stage ${stage.name} started` });
  fillStage(ctx, index);
}

/** Starts pending regions while the stage has free slots, then checks whether the stage is done. */
export function fillStage(ctx: Ctx, index: number): void {
  const { s, plan } = ctx;
  const stage = plan.stages[index];
  const st = s.stages[index];
  if (!stage || !st || st.phase !== 'running' || s.stop) return;
  // Only the current stage has regions in flight (a stage ends when none of its regions is), so the
  // global counts are this stage's: no scan over the regions in flight on every settle.
  const c = s.counts;
  let inFlight = c.deploying + c.baking + c['awaiting-approval'] + c['rolling-back'];
  const heldForPerson = c['awaiting-approval'] > 0;
  // No new region starts while a person is asked about one, or the release is held.
  if (!s.hold && !heldForPerson) {
    while (inFlight < stage.maxParallel && st.cursor < stage.regions.length) {
      const r = s.regions[stage.regions[st.cursor] ?? ''];
      st.cursor += 1;
      if (!r || r.phase !== 'pending') continue;
      // A retried region starts again at the step it failed in (a new region's step is 0).
      startStep(ctx, r, r.step);
      inFlight += 1;
    }
  }
  if (inFlight === 0 && st.cursor >= stage.regions.length) completeStage(ctx, index);
}

function completeStage(ctx: Ctx, index: number): void {
  const { s, plan } = ctx;
  const stage = plan.stages[index];
  const st = s.stages[index];
  if (!stage || !st) return;
  st.phase = 'done';
  log(ctx, {
    kind: 'stage-completed',
    stage: stage.name,
    reasonCode: 'stage-completed',
    reason: `${plural(st.failed, 'region')} failed, budget ${stage.failureBudget}`,
    numbers: { failed: st.failed, budget: stage.failureBudget },
  });
  if (index + 1 < plan.stages.length) enterStage(ctx, index + 1);
  else finishPromoted(ctx);
}

function finishPromoted(ctx: Ctx): void {
  const regions = Object.values(ctx.s.regions);
  const unrecovered = regions.filter((r) => r.failure && r.phase !== 'rolled-back');
  const recovered = regions.filter((r) => r.failure && r.phase === 'rolled-back');
  if (unrecovered.length > 0) {
    const code = ctx.plan.rollback ? 'rollback-failed' : 'no-rollback-workflow';
    const why = ctx.plan.rollback ? 'rollback failed for' : 'no rollback workflow configured; left failed:';
    finish(ctx, 'failed', code, `${why} ${unrecovered.map((r) => r.name).join(', ')}`);
    return;
  }
  if (recovered.length > 0) {
    finish(
      ctx,
      'promoted',
      'promoted-within-budget',
      `promoted; ${plural(recovered.length, 'region')} failed within the failure budget and were rolled back: ${recovered.map((r) => r.name).join(', ')}`,
    );
    return;
  }
  finish(ctx, 'promoted', 'all-regions-promoted', `all ${plural(regions.length, 'region')} promoted`);
}

/** A region stopped occupying its slot (promoted, failed, rolled back). */
export function regionSettled(ctx: Ctx, r: RegionState): void {
  if (ctx.s.stop) {
    processStop(ctx);
    return;
  }
  if (ctx.s.status === 'finished') return;
  if (r.stage === ctx.s.stage) fillStage(ctx, r.stage);
}
