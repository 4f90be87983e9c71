/**
 * decide(state, event, plan) -> { state, effects }: the whole engine, with no I/O, no clock and
 * no randomness. It never throws on an event that does not fit the state: such an event is
 * recorded in the history as ignored and produces no effect (a person's command that does not
 * fit is recorded as refused instead: commands.ts).
 */
import type { Plan } from '../plan/types.js';
import { ignore, log, type Ctx } from './decide-context.js';
import { needsSavedState, type Effect } from './effects.js';
import type { Event } from './events.js';
import { goOn, onPersonEvent, takenAlready, takesCommandRun } from './commands.js';
import { openApprovalRun, settleApprovalRun } from './approval-run.js';
import { afterTheEndApproval, onApprovalRunEvent } from './environment-approval.js';
import { onDeploymentCreated, onDeploymentStatusSet } from './deployment-records.js';
import { bakeWakeAt, measuresWhileHeld, onMeasurement } from './gates.js';
import { haltRelease } from './halt.js';
import { checkPlanOnResume, heldForPlan } from './plan-pin.js';
import { openRun } from './record-keeping.js';
import { answerMustBeSaved, onDispatchFailed, onRunDispatched, onRunFinished } from './regions.js';
import { repairAllDeployments } from './resume.js';
import { freezePause, freezeWakeAt, onBudgetRead, onOverrideRead, retryFreeze } from './freeze.js';
import { enterStage, startRelease } from './stages.js';
import type { RegionState, State } from './state.js';
import { reschedule, tick } from './ticks.js';
import { peekTimer } from './timers.js';
import { TRANSITIONS } from './transitions.js';

export interface DecideResult {
  state: State;
  effects: Effect[];
}

/**
 * Pure: returns a new state and leaves `state` untouched (it is cloned first). Use `advance`
 * when the caller owns the state and wants to skip the copy.
 */
export function decide(state: State, event: Event, plan: Plan): DecideResult {
  return advance(structuredClone(state), event, plan);
}

/**
 * Same as `decide`, but updates `state` in place. The driver uses it because copying the whole
 * state for every event makes a release quadratic in its size (5,000 regions x every
 * measurement); the driver owns its state and never shares it, so nothing observes the mutation.
 */
export function advance(state: State, event: Event, plan: Plan): DecideResult {
  // A command run the release took already (another driver's inbox, a repeated read): nothing at all.
  if (takenAlready(state, event)) return { state, effects: [] };
  const ctx: Ctx = { plan, s: state, fx: [], at: Number.isFinite(event.at) ? event.at : state.now, dirty: new Set(), transitions: TRANSITIONS };
  if (ctx.at > state.now) state.now = ctx.at;
  const before = state.history.length;
  apply(ctx, event);
  settleApprovalRun(ctx);
  let ignored = state.history.length > before;
  for (let i = before; i < state.history.length && ignored; i++) if (state.history[i]?.kind !== 'ignored') ignored = false;
  if (ignored) return { state, effects: [] };
  updateStatus(ctx);
  reschedule(ctx);
  if ((event.type === 'started' || event.type === 'resumed' || event.type === 'timer-fired') && state.status !== 'finished') {
    const wake = nextWakeAt(state);
    if (wake !== undefined) ctx.fx.push({ type: 'wait-until', at: wake, reason: 'next deadline, measurement or end of bake' });
  }
  // Persist before anything that cannot be taken back (dispatches, deployments, approvals, the
  // end), and at once after a run id that a resume could not find again (regions.ts).
  // A command run taken is saved too: the run that carried it waits for the ledger to say so.
  if (answerMustBeSaved(ctx, event) || takesCommandRun(event) || ctx.fx.some(needsSavedState)) ctx.fx.unshift({ type: 'save-state' });
  return { state, effects: ctx.fx };
}

type ReleaseEvent = Extract<Event, { type: 'resumed' | 'timer-fired' | 'halted' | 'cancelled' }>;
type RegionEvent = Extract<Event, { type: 'run-dispatched' | 'dispatch-failed' | 'run-finished' | 'deployment-created' | 'measurement' }>;
type StageRunEvent = Extract<Event, { type: 'approval-run-dispatched' | 'approval-dispatch-failed' | 'approval-run-finished' }>;

/** Which events the release takes in its status (pending, finished, held for its plan), then whose they are: the release's or a region's. */
function apply(ctx: Ctx, event: Event): void {
  const { s } = ctx;
  if (event.type === 'started') {
    if (s.status !== 'pending') ignore(ctx, event, 'the release has already started');
    else startRelease(ctx, event.by);
    return;
  }
  if (event.type === 'approval' || event.type === 'command') {
    // A person's word is judged in every status (commands.ts), and always leaves one entry.
    onPersonEvent(ctx, event);
    return;
  }
  if (s.status === 'pending') {
    ignore(ctx, event, 'the release has not started');
    return;
  }
  if (event.type === 'deployment-status-set' || (event.type === 'deployment-created' && s.status === 'finished')) {
    // Deployment records are accepted even after the end: the last statuses go out in the same
    // batch as the finish, and a resume may re-create records a crash lost after the final save.
    const r = regionNamed(s, event.region);
    const fits = r !== undefined && (event.type === 'deployment-status-set' ? onDeploymentStatusSet(r, event) : onDeploymentCreated(ctx, r, event));
    if (!fits) ignore(ctx, event, `it does not match the deployment of ${event.region}`);
    return;
  }
  if (s.status === 'finished' && event.type !== 'cancelled') {
    afterTheEnd(ctx, event);
    return;
  }
  if (heldForPlan(s, event)) {
    ignore(
      ctx,
      event,
      `the release is held: ${s.planChanged?.reasonCode === 'plan-changed' ? 'its plan changed (adopt it or restore it)' : 'its ledger does not match its plan'}`,
    );
    return;
  }
  switch (event.type) {
    case 'resumed':
    case 'timer-fired':
    case 'halted':
    case 'cancelled':
      onReleaseEvent(ctx, event);
      return;
    case 'approval-run-dispatched':
    case 'approval-dispatch-failed':
    case 'approval-run-finished':
      if (!onApprovalRunEvent(ctx, event)) ignore(ctx, event, `it does not match the approval run of stage ${String(event.stage)}`);
      return;
    case 'budget-read':
      if (!onBudgetRead(ctx, event, (index) => enterStage(ctx, index))) ignore(ctx, event, 'the release is not reading an error budget for that stage');
      return;
    default:
      onRegionEvent(ctx, event);
  }
}

/** A finished release decides nothing more, but still owes what a crash may have lost. */
function afterTheEnd(ctx: Ctx, event: Event): void {
  const { s } = ctx;
  if (isStageRunEvent(event)) {
    afterTheEndApproval(ctx, event);
    return;
  }
  if (event.type === 'resumed') {
    // Nothing left to decide, but records a crash lost after the final save are still owed.
    repairAllDeployments(ctx);
    return;
  }
  if (event.type === 'run-dispatched') {
    // A run that shows up after the end (a doubtful dispatch found late): a deploy run is
    // cancelled, a rollback run left to finish (regions.ts); either way the history says so.
    const r = regionNamed(s, event.region);
    if (!r || !onRunDispatched(ctx, r, event)) ignore(ctx, event, `the release is finished (${s.outcome?.decision ?? 'done'})`);
    return;
  }
  // The answer to a budget read an override overtook is still owed to that override's record.
  if (event.type === 'budget-read' && onOverrideRead(ctx, event)) return;
  ignore(ctx, event, `the release is finished (${s.outcome?.decision ?? 'done'})`);
}

function isStageRunEvent(event: Event): event is StageRunEvent {
  return event.type === 'approval-run-dispatched' || event.type === 'approval-dispatch-failed' || event.type === 'approval-run-finished';
}

function onReleaseEvent(ctx: Ctx, event: ReleaseEvent): void {
  switch (event.type) {
    case 'resumed':
      // A plan other than the pinned one holds the release before anything is re-emitted.
      if (!checkPlanOnResume(ctx)) return;
      log(ctx, { kind: 'release-resumed', reasonCode: 'resumed', reason: 'state loaded; continuing without re-dispatching runs already recorded' });
      goOn(ctx, false);
      return;
    case 'timer-fired':
      retryFreeze(ctx);
      tick(ctx);
      return;
    case 'halted':
      haltRelease(ctx, event.reasonCode, event.reason);
      return;
    case 'cancelled':
      log(ctx, {
        kind: 'cancelled',
        reasonCode: 'cancelled',
        reason: `the job was cancelled${event.reason ? `: ${event.reason}` : ''}; state saved, nothing decided`,
      });
      ctx.fx.push({ type: 'save-state' });
      return;
  }
}

function onRegionEvent(ctx: Ctx, event: RegionEvent): void {
  const r = regionNamed(ctx.s, event.region);
  if (!r) {
    ignore(ctx, event, `unknown region '${String(event.region)}'`);
    return;
  }
  let fits = false;
  switch (event.type) {
    case 'run-dispatched':
      fits = onRunDispatched(ctx, r, event);
      break;
    case 'dispatch-failed':
      fits = onDispatchFailed(ctx, r, event);
      break;
    case 'run-finished':
      fits = onRunFinished(ctx, r, event);
      break;
    case 'deployment-created':
      fits = onDeploymentCreated(ctx, r, event);
      break;
    case 'measurement':
      fits = onMeasurement(ctx, r, event);
      break;
  }
  if (!fits) ignore(ctx, event, `it does not match region ${r.name} (phase ${r.phase}, step ${r.step + 1})`);
}

/**
 * The region an event names, own properties only: `s.regions` is a plain object, so a name such as
 * 'constructor' or '__proto__' would otherwise find Object's members and make decide throw.
 */
function regionNamed(s: State, name: unknown): RegionState | undefined {
  return typeof name === 'string' && Object.hasOwn(s.regions, name) ? s.regions[name] : undefined;
}

/** Keeps `status` in step: paused when nothing moves and something waits for a person. */
function updateStatus(ctx: Ctx): void {
  const { s } = ctx;
  if (s.status !== 'running' && s.status !== 'paused') return;
  // Counts first: the scan below runs only when nothing is in flight or a person holds the release.
  const c = s.counts;
  let busy = c.deploying + c.baking + c['rolling-back'] > 0;
  let heldRegion: string | undefined;
  if (!busy || s.hold) {
    busy = false;
    for (const name in s.active) {
      const r = s.regions[name];
      if (!r) continue;
      // A held region that still measures is not only waiting: time alone may fail it.
      if (r.phase === 'awaiting-approval' && !measuresWhileHeld(r)) heldRegion ??= `${r.name}: ${r.approval?.reason ?? 'held'}`;
      else if (!(r.phase === 'baking' && s.hold && bakeWakeAt(r, true) === undefined)) {
        busy = true;
        break;
      }
    }
  }
  // A stage waiting for its environment's reviewers has a run in flight: the driver keeps polling
  // it (it is not waiting for a command), so the release is not paused.
  if (openApprovalRun(s.stages[s.stage])) busy = true;
  const st = s.stages[s.stage];
  let pause: { reasonCode: string; reason: string } | undefined;
  if (s.planChanged) {
    // Held whatever is in flight: nothing is polled or measured under a plan it was not started with.
    if (s.status === 'running' || s.pause?.reasonCode !== s.planChanged.reasonCode) {
      s.status = 'paused';
      s.pause = { reasonCode: s.planChanged.reasonCode, reason: s.planChanged.reason };
      ctx.fx.push({ type: 'report', headline: `release paused: ${s.planChanged.reasonCode}` });
    }
    return;
  }
  if (s.status === 'paused' && (s.pause?.reasonCode === 'plan-changed' || s.pause?.reasonCode === 'state-plan-mismatch')) {
    // The hold was lifted (plan restored or adopted): the pause, if any, is recomputed below.
    s.status = 'running';
    s.pause = undefined;
  }
  if (!busy) {
    if (heldRegion) pause = { reasonCode: 'awaiting-approval', reason: `waiting for a person: ${heldRegion}` };
    else if (st?.phase === 'awaiting-approval') pause = { reasonCode: 'stage-approval-required', reason: `stage ${st.name} waits for an approval` };
    else if (s.hold) pause = { reasonCode: 'held', reason: `paused by ${s.hold.by}: ${s.hold.reason}` };
    else pause = freezePause(s);
  }
  if (pause && s.status === 'running') {
    s.status = 'paused';
    s.pause = pause;
    log(ctx, { kind: 'release-paused', reasonCode: pause.reasonCode, reason: pause.reason });
    ctx.fx.push({ type: 'report', headline: `release paused: ${pause.reason}` });
  } else if (pause && s.status === 'paused' && s.pause?.reasonCode !== pause.reasonCode) {
    // Still paused, for another reason now (a freeze lifted under a person's pause): say the one that holds.
    s.pause = pause;
  } else if (!pause && s.status === 'paused') {
    s.status = 'running';
    s.pause = undefined;
  }
}

/** The next time at which a timer tick would change something (undefined: nothing timed is pending). */
export function nextWakeAt(s: State): number | undefined {
  if (s.status === 'finished' || s.status === 'pending') return undefined;
  let next: number | undefined;
  const consider = (t: number | undefined) => {
    if (t !== undefined && (next === undefined || t < next)) next = t;
  };
  const st = s.stages[s.stage];
  if (st?.phase === 'awaiting-approval') consider(st.approval?.deadline);
  consider(peekTimer(s.timers)?.[0]);
  consider(freezeWakeAt(s));
  return next;
}

/** Runs the driver must poll: dispatched, with a run id, not finished. */
export function runsInFlight(s: State): Array<{ region: string; kind: 'deploy' | 'rollback'; step: number; runId: number }> {
  const out: Array<{ region: string; kind: 'deploy' | 'rollback'; step: number; runId: number }> = [];
  for (const name in s.active) {
    const r = s.regions[name];
    const run = r ? openRun(r) : undefined;
    if (r && run && run.runId !== undefined) out.push({ region: r.name, kind: run.kind, step: run.step, runId: run.runId });
  }
  return out;
}
