/**
 * A person's command or approval, from the run it came in to the one history entry it leaves
 * (command-record.ts). In order:
 *
 * 1. Each command run attempt is taken once: one the release took already changes nothing at
 *    all (`takenAlready`, checked by decide before anything else); a new one is added to
 *    `state.commandRuns` first, whatever comes of it, and saved with the batch.
 * 2. What the release is: not started, finished (only `rollback` fits one that was promoted),
 *    held for a changed plan (only adopt-plan, abort and pause fit), and whether the driver
 *    found the person may not (`denied`, decided before the core: src/driver/authorize.ts).
 * 3. Time first: timers due at the command's time fire as a timer-fired would, so an approval
 *    that comes after its deadline finds the release stopped and is refused.
 * 4. The command itself: approvals.ts (approve, reject, promote), retry.ts, rollback.ts
 *    (rollback of a promoted release), plan-pin.ts (adopt-plan), and here abort, pause, resume.
 */
import { commandRunKey } from '../plan/ids.js';
import { planPin } from '../plan/pin.js';
import { onDecision, onPromote } from './approvals.js';
import { accepted, because, commandOf, login, personLine, refused, when, who, type PersonEvent } from './command-record.js';
import { log, type Ctx } from './decide-context.js';
import type { Event } from './events.js';
import { tickBake } from './gates.js';
import { onAdoptPlan, stateMismatchWith } from './plan-pin.js';
import { resume } from './resume.js';
import { onRetry } from './retry.js';
import { rollBackPromoted, stopRelease } from './rollback.js';
import { onOverrideFreeze } from './freeze.js';
import { enterStage, fillStage } from './stages.js';
import type { State } from './state.js';
import { tick } from './ticks.js';

/** The command run attempt an event came in, as state.commandRuns keeps it (undefined: not from a run). */
export function commandRunOf(ev: Event): string | undefined {
  if ((ev.type !== 'command' && ev.type !== 'approval') || ev.origin === undefined) return undefined;
  return commandRunKey(ev.origin.runId, ev.origin.attempt);
}

/** The release took this command run already: the event must change nothing at all. */
export function takenAlready(s: State, ev: Event): boolean {
  const key = commandRunOf(ev);
  return key !== undefined && (s.commandRuns?.includes(key) ?? false);
}

/** A command run taken now: the state that took it must be saved, so no driver takes it again. */
export function takesCommandRun(ev: Event): boolean {
  return commandRunOf(ev) !== undefined;
}

export function onPersonEvent(ctx: Ctx, ev: PersonEvent): void {
  const { s } = ctx;
  const key = commandRunOf(ev);
  if (key !== undefined) (s.commandRuns ??= []).push(key);
  if (s.status === 'pending') {
    refused(ctx, ev, 'release-not-started', 'the release has not started');
    return;
  }
  if (ev.denied !== undefined) {
    refused(ctx, ev, ev.deniedCode ?? 'permission-denied', `${login(ev.by)} may not: ${ev.denied}`);
    return;
  }
  const name = commandOf(ev);
  if (s.status === 'finished') {
    if (name === 'rollback') onRollback(ctx, ev);
    else refused(ctx, ev, 'release-finished', finishedText(s));
    return;
  }
  if (s.planChanged) {
    underPlanHold(ctx, ev);
    return;
  }
  tick(ctx);
  if (finished(s)) {
    // The timers just fired ended it (an approval timeout without a rollback workflow).
    refused(ctx, ev, 'release-finished', finishedText(s));
    return;
  }
  if (s.stop) {
    refused(ctx, ev, 'release-stopping', `the release is stopping (${s.stop.reasonCode}: ${s.stop.reason})`);
    return;
  }
  onCommand(ctx, ev);
}

function finished(s: State): boolean {
  return s.status === 'finished';
}

function finishedText(s: State): string {
  return `the release is finished (${s.outcome?.decision ?? 'done'}: ${s.outcome?.reasonCode ?? 'finished'})`;
}

/** The release goes on: neither pending, finished, stopping nor held for its plan. */
function onCommand(ctx: Ctx, ev: PersonEvent): void {
  const name = commandOf(ev);
  switch (name) {
    case 'approve':
    case 'reject':
      onDecision(ctx, ev, name);
      return;
    case 'promote':
      onPromote(ctx, ev);
      return;
    case 'retry':
      onRetry(ctx, ev);
      return;
    case 'rollback':
      refused(ctx, ev, 'release-running', `the release is still ${ctx.s.status}; to stop it and roll back what it touched, use abort`);
      return;
    case 'adopt-plan':
      // The plan has not changed: plan-pin.ts says so, as it says every adoption refused.
      if (ev.type === 'command') onAdoptPlan(ctx, ev);
      return;
    case 'abort':
      accepted(ctx, ev, 'abort', 'aborted the release');
      stopRelease(ctx, 'aborted', `aborted by ${who(ev)}${because(ev)}`, 'touched');
      return;
    case 'pause':
      pause(ctx, ev);
      return;
    case 'resume':
      onResume(ctx, ev);
      return;
    case 'override-freeze':
      onOverrideFreeze(ctx, ev, (index) => enterStage(ctx, index));
      return;
  }
}

function pause(ctx: Ctx, ev: PersonEvent): void {
  const { s } = ctx;
  if (s.hold) {
    refused(ctx, ev, 'already-paused', `the release was paused by ${login(s.hold.by)} at ${when(s.hold.at)} (${s.hold.reason})`);
    return;
  }
  const text = ev.type === 'command' && ev.reason !== undefined ? personLine(ev.reason) : '';
  s.hold = { by: ev.by, at: ctx.at, reason: text !== '' ? text : 'paused by a person' };
  accepted(ctx, ev, 'pause', 'paused the release: no new step or region starts until resume');
  log(ctx, { kind: 'release-held', by: ev.by, reasonCode: 'held', reason: `${who(ev)} paused the release${because(ev)}; no new step or region starts` });
}

function onResume(ctx: Ctx, ev: PersonEvent): void {
  const { s } = ctx;
  if (!s.hold) {
    const waits = s.status === 'paused' && s.pause ? `; it waits for something else: ${s.pause.reason}` : '';
    refused(ctx, ev, 'not-paused', `the release is not paused by a person${waits}`);
    return;
  }
  s.hold = undefined;
  accepted(ctx, ev, 'resume', 'resumed the release');
  log(ctx, { kind: 'release-continued', by: ev.by, reasonCode: 'resumed', reason: `${who(ev)} resumed the release${because(ev)}` });
  for (const name of Object.keys(s.active)) {
    const r = s.regions[name];
    if (r) tickBake(ctx, r);
  }
  fillStage(ctx, s.stage);
}

/**
 * Held for a changed plan (or a ledger that does not match it): nothing is driven under a plan
 * the regions were not deployed with, so only adopt-plan, abort and pause are taken, and an
 * abort waits for the hold to lift (goOn) before it stops and rolls back.
 */
function underPlanHold(ctx: Ctx, ev: PersonEvent): void {
  const { s } = ctx;
  const name = commandOf(ev);
  if (name === 'adopt-plan') {
    if (ev.type === 'command' && onAdoptPlan(ctx, ev)) goOn(ctx, true);
    return;
  }
  if (s.stop && (name === 'abort' || name === 'pause')) {
    refused(ctx, ev, 'release-stopping', `the release is stopping (${s.stop.reasonCode}: ${s.stop.reason})`);
    return;
  }
  if (name === 'pause') {
    pause(ctx, ev);
    return;
  }
  const held = `the release is held: ${s.planChanged?.reasonCode === 'plan-changed' ? 'its plan changed (adopt it with adopt-plan, or restore it)' : 'its ledger does not match its plan'}`;
  if (name !== 'abort') {
    refused(ctx, ev, 'plan-held', `${held}; only adopt-plan, abort and pause are taken now`);
    return;
  }
  if (s.abortRequested) {
    refused(ctx, ev, 'release-stopping', `${login(s.abortRequested.by)} aborted the release at ${when(s.abortRequested.at)} already`);
    return;
  }
  s.abortRequested = { by: ev.by, at: ctx.at, reason: `aborted by ${who(ev)}${because(ev)}` };
  accepted(ctx, ev, 'abort', `aborted the release; ${held}, so it stops and rolls back once the plan is restored or adopted`);
}

/**
 * What a lifted hold lets go on (a resume under a plan that fits, an adopted plan): what was
 * asked and not done is asked again, then an abort given during the hold stops the release,
 * or else due timers fire and (adopted) the stage fills with the regions the plan added.
 */
export function goOn(ctx: Ctx, fill: boolean): void {
  const { s } = ctx;
  resume(ctx);
  const abort = s.abortRequested;
  if (abort) {
    s.abortRequested = undefined;
    stopRelease(ctx, 'aborted', abort.reason, 'touched');
    return;
  }
  tick(ctx);
  if (fill) fillStage(ctx, s.stage);
}

/** rollback: only a release that finished promoted, under the plan it ran with, with a rollback workflow. */
function onRollback(ctx: Ctx, ev: PersonEvent): void {
  const { s, plan } = ctx;
  const decision = s.outcome?.decision ?? 'done';
  if (decision !== 'promoted') {
    refused(
      ctx,
      ev,
      'not-promoted',
      `the release ended ${decision} (${s.outcome?.reasonCode ?? 'finished'}); only a promoted release is rolled back by command`,
    );
    return;
  }
  if (!plan.rollback) {
    refused(ctx, ev, 'no-rollback-workflow', 'the plan has no rollback workflow');
    return;
  }
  // A finished release is never checked against its plan on resume: a rollback is driven under
  // the plan its regions were deployed with, or not at all.
  const digest = planPin(plan).digest;
  if ((s.pin !== undefined && s.pin.digest !== digest) || stateMismatchWith(s, plan, digest).length > 0) {
    refused(ctx, ev, 'plan-changed', 'the plan is not the one the release ran under; restore that plan to roll the release back');
    return;
  }
  accepted(ctx, ev, 'rollback', 'rolled back the release: every region it promoted is rolled back, newest first');
  rollBackPromoted(ctx, `rolled back by ${who(ev)}${because(ev)}`);
}
