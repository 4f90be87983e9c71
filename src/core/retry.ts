/**
 * `retry`: a person gives a failed region of the current, still running stage another attempt.
 * Its failure leaves the stage's count (the history keeps it), its attempt goes up by one, and it
 * starts its current step again as any region starts: when the stage has a free slot, no region
 * waits for a person and the release is not paused (a retry during a pause waits for resume).
 * The new attempt's runs carry their own correlation ids (plan/ids.ts), so nothing of the earlier
 * attempt is dispatched again, and a later rollback of the region is a new run too.
 */
import { accepted, refused, type PersonEvent } from './command-record.js';
import { setPhase, type Ctx } from './decide-context.js';
import { shownName } from './ledger-text.js';
import { attemptOf } from './record-keeping.js';
import { fillStage } from './stages.js';
import type { RegionState } from './state.js';

/** A region of the current stage whose last attempt failed (rolled back, or left failed without a rollback workflow). */
function failedHere(ctx: Ctx, r: RegionState): boolean {
  return r.stage === ctx.s.stage && r.failure !== undefined && (r.phase === 'failed' || r.phase === 'rolled-back' || r.phase === 'rolling-back');
}

/** Why `r` cannot be retried now (undefined: it can). */
function notRetryable(ctx: Ctx, r: RegionState): string | undefined {
  const { s } = ctx;
  const st = s.stages[r.stage];
  const current = s.stages[s.stage];
  if (r.stage !== s.stage)
    return `region ${r.name} is in stage ${st?.name ?? '?'} (${st?.phase ?? '?'}); only a region of the current stage ${current?.name ?? '?'} is retried`;
  if (current?.phase !== 'running') return `stage ${current?.name ?? '?'} is ${current?.phase ?? '?'}, not running`;
  if (r.phase === 'rolling-back') return `region ${r.name} is still rolling back; retry it once its rollback has ended`;
  if (!failedHere(ctx, r)) return `region ${r.name} is ${r.phase}, not failed`;
  if (r.rollbackFailed) return `the rollback of region ${r.name} failed: a person must look at it first`;
  return undefined;
}

export function onRetry(ctx: Ctx, ev: PersonEvent): void {
  const { s } = ctx;
  const stageName = s.stages[s.stage]?.name ?? '?';
  let r: RegionState | undefined;
  if (ev.region !== undefined) {
    r = Object.hasOwn(s.regions, ev.region) ? s.regions[ev.region] : undefined;
    if (!r) {
      refused(ctx, ev, 'unknown-region', `this release has no region ${shownName(ev.region)}`);
      return;
    }
  } else {
    const failed = Object.values(s.regions).filter((x) => failedHere(ctx, x));
    if (failed.length !== 1) {
      const why = failed.length
        ? `regions ${failed.map((x) => x.name).join(', ')} of stage ${stageName} failed; name the one to retry (input region)`
        : `no region of stage ${stageName} has failed; name the region to retry (input region)`;
      refused(ctx, ev, 'region-required', why, { stage: stageName });
      return;
    }
    r = failed[0];
  }
  if (!r) return;
  const target = { stage: s.stages[r.stage]?.name ?? '?', region: r.name };
  const why = notRetryable(ctx, r);
  if (why !== undefined) {
    refused(ctx, ev, 'not-retryable', why, target);
    return;
  }
  const attempt = attemptOf(r) + 1;
  accepted(ctx, ev, 'retry', `retried region ${r.name} from step ${r.step + 1} (attempt ${attempt + 1}; it failed: ${r.failure?.reason ?? 'failed'})`, target);
  restart(ctx, r, attempt);
}

/** The region waits for a slot to deploy its current step again, as its new attempt. */
function restart(ctx: Ctx, r: RegionState, attempt: number): void {
  const st = ctx.s.stages[r.stage];
  if (st) st.failed = Math.max(0, st.failed - 1);
  r.attempt = attempt;
  delete r.failure;
  delete r.finishedAt;
  r.rollbackDispatched = false;
  r.rollbackFailed = false;
  r.bake = undefined;
  r.approval = undefined;
  setPhase(ctx, r, 'pending');
  // fillStage starts pending regions from its cursor: it must come back to this one.
  const index = ctx.plan.stages[r.stage]?.regions.indexOf(r.name) ?? -1;
  if (st && index >= 0) st.cursor = Math.min(st.cursor, index);
  fillStage(ctx, r.stage);
}
