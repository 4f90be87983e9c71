/**
 * People: stage approvals, regions held by an inconclusive gate, and commands (approve, reject,
 * abort, pause, resume, promote). Who may decide is checked by the driver/adapter before the
 * event reaches the core; the core records `by` with every decision.
 */
import { ignore, log, type Ctx } from './decide-context.js';
import { refusesPersonApproval } from './environment-approval.js';
import type { Event } from './events.js';
import { resumeApprovedRegion, tickBake } from './gates.js';
import { regionFailed } from './regions.js';
import { stopRelease } from './rollback.js';
import { fillStage, startStage } from './stages.js';

type Verdict = 'approve' | 'reject';

/** Applies a person's decision to what waits for one. Returns false when nothing matched. */
function decideFor(ctx: Ctx, by: string, decision: Verdict, stageName: string | undefined, regionName: string | undefined): boolean {
  const { s } = ctx;
  if (s.status === 'finished' || s.status === 'pending' || s.stop) return false;
  if (regionName !== undefined) {
    const r = s.regions[regionName];
    if (!r || r.phase !== 'awaiting-approval') return false;
    if (decision === 'approve') {
      log(ctx, {
        kind: 'region-approved',
        region: r.name,
        step: r.step,
        by,
        reasonCode: 'approved',
        reason: `${by} approved ${r.name} (${r.approval?.reason ?? 'held'})`,
      });
      resumeApprovedRegion(ctx, r);
      fillStage(ctx, r.stage);
    } else {
      regionFailed(ctx, r, 'approval-rejected', `${by} rejected ${r.name} (${r.approval?.reason ?? 'held'})`);
    }
    return true;
  }
  const index = s.stage;
  const st = s.stages[index];
  if (!st || st.phase !== 'awaiting-approval' || (stageName !== undefined && stageName !== st.name)) return false;
  if (decision === 'approve' && refusesPersonApproval(ctx, by)) return true; // its Environment reviewers approve it, in GitHub
  st.approval = { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at, by, at: ctx.at, decision };
  if (decision === 'approve') {
    log(ctx, { kind: 'stage-approved', stage: st.name, by, reasonCode: 'approved', reason: `${by} approved stage ${st.name}` });
    startStage(ctx, index);
  } else {
    stopRelease(ctx, 'approval-rejected', `${by} rejected stage ${st.name}`, 'touched');
  }
  return true;
}

export function onApproval(ctx: Ctx, ev: Extract<Event, { type: 'approval' }>): void {
  if (!decideFor(ctx, ev.by, ev.decision, ev.stage, ev.region)) ignore(ctx, ev, 'nothing is waiting for this approval');
}

export function onCommand(ctx: Ctx, ev: Extract<Event, { type: 'command' }>): void {
  const { s } = ctx;
  if (s.status === 'finished' || s.status === 'pending') {
    ignore(ctx, ev, `the release is ${s.status === 'finished' ? 'finished' : 'not started'}`);
    return;
  }
  const why = ev.reason ? `: ${ev.reason}` : '';
  switch (ev.name) {
    case 'approve':
    case 'reject':
      if (!decideFor(ctx, ev.by, ev.name, ev.stage, ev.region)) ignore(ctx, ev, 'nothing is waiting for this decision');
      return;
    case 'promote': {
      // Approves everything that waits for a person: the current stage and every held region.
      let any = decideFor(ctx, ev.by, 'approve', undefined, undefined);
      for (const name of Object.keys(s.active))
        if (s.regions[name]?.phase === 'awaiting-approval') any = decideFor(ctx, ev.by, 'approve', undefined, name) || any;
      if (!any) ignore(ctx, ev, 'nothing is waiting for a person');
      return;
    }
    case 'abort':
      if (s.stop) {
        ignore(ctx, ev, 'the release is already stopping');
        return;
      }
      log(ctx, { kind: 'command', by: ev.by, reasonCode: 'abort', reason: `${ev.by} aborted the release${why}` });
      stopRelease(ctx, 'aborted', `aborted by ${ev.by}${why}`, 'touched');
      return;
    case 'pause':
      if (s.hold || s.stop) {
        ignore(ctx, ev, s.hold ? 'already paused' : 'the release is stopping');
        return;
      }
      s.hold = { by: ev.by, at: ctx.at, reason: ev.reason ?? 'paused by a person' };
      log(ctx, { kind: 'release-held', by: ev.by, reasonCode: 'held', reason: `${ev.by} paused the release${why}; no new step or region starts` });
      return;
    case 'adopt-plan':
      // Routed to plan-pin.ts by decide; here only if that routing is ever lost.
      ignore(ctx, ev, 'adopt-plan is decided with the plan (src/core/plan-pin.ts)');
      return;
    case 'resume':
      if (!s.hold) {
        ignore(ctx, ev, 'the release is not paused by a person');
        return;
      }
      s.hold = undefined;
      log(ctx, { kind: 'release-continued', by: ev.by, reasonCode: 'resumed', reason: `${ev.by} resumed the release${why}` });
      for (const name of Object.keys(s.active)) {
        const r = s.regions[name];
        if (r) tickBake(ctx, r);
      }
      fillStage(ctx, s.stage);
      return;
  }
}
