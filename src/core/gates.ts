/**
 * Bakes: while a region holds a step's traffic, its gates are measured every interval. One
 * query effect per region and tick carries every gate due then. Verdicts come from verdict.ts;
 * this module only keeps the counters and turns gate statuses into region transitions.
 *
 * A round is every answer the region is waiting for: its verdicts combine once the last one is
 * in, worst first (failed before inconclusive, as Argo's assessRunStatus), so the order answers
 * arrive in never changes the outcome and no gate's answer is dropped.
 */
import { log, setPhase, stageOf, trafficOf, type Ctx } from './decide-context.js';
import type { Event } from './events.js';
import { regionFailed, stepPassed } from './regions.js';
import type { GateCounters, RegionState } from './state.js';
import { assessGate, assessObservation, countVerdict, gateTarget, newCounters, type GateAssessment, type MeasurementVerdict } from './verdict.js';
import { assessSlo } from './slo-gate.js';
import { plural } from '../plan/words.js';
import type { Gate } from '../plan/types.js';
import { lookComparison } from './compare-gate.js';
import type { Observation, SloObservation } from './values.js';
import { formatDuration } from '../plan/duration.js';

/** The deploy run of the step succeeded: start measuring. */
export function startBake(ctx: Ctx, r: RegionState): void {
  const stage = stageOf(ctx, r);
  const bakeMs = stage.steps[r.step]?.bakeMs ?? 0;
  const gates: Record<string, GateCounters> = {};
  const described: string[] = [];
  for (const name of stage.gates) {
    const gate = ctx.plan.gates[name];
    if (!gate) continue;
    const target = gateTarget(gate, bakeMs);
    // A bake shorter than the gate's interval takes no measurement of it: said in the history, never a silent pass.
    if (target === 0) {
      described.push(`${name}: not measured (bake shorter than interval)`);
      continue;
    }
    gates[name] = newCounters(target, ctx.at + gate.initialDelayMs + gate.intervalMs);
    described.push(`${name}: ${plural(target, 'measurement')}`);
  }
  r.bake = { startedAt: ctx.at, endsAt: ctx.at + bakeMs, gates };
  setPhase(ctx, r, 'baking');
  log(ctx, {
    kind: 'bake-started',
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode: 'bake-started',
    reason: `baking ${formatDuration(bakeMs)} at ${trafficOf(ctx, r)}%${described.length ? `; ${described.join(', ')}` : ''}`,
    numbers: { traffic: trafficOf(ctx, r) },
  });
  tickBake(ctx, r);
}

/** Queries gates that are due, settles a round with no answer outstanding, passes the step when the bake is over and every gate passed. */
export function tickBake(ctx: Ctx, r: RegionState): void {
  if (!r.bake || r.phase !== 'baking') return;
  queryDue(ctx, r);
  settleRound(ctx, r);
}

/** A region held for a person: the gates that held it for missing data are still measured. */
export function tickHeld(ctx: Ctx, r: RegionState): void {
  if (r.bake && r.phase === 'awaiting-approval') queryDue(ctx, r);
}

/** Whether the gate is measured in the region's phase: while baking until it has a verdict; while held, if it held the region for missing data. */
function isMeasured(r: RegionState, c: GateCounters): boolean {
  if (r.phase === 'baking') return c.status === 'measuring';
  return r.phase === 'awaiting-approval' && c.measureWhileHeld === true;
}

/** A held region still measures (a gate that held it for missing data): time alone may fail it. */
export function measuresWhileHeld(r: RegionState): boolean {
  if (r.phase !== 'awaiting-approval' || !r.bake) return false;
  for (const c of Object.values(r.bake.gates)) if (c.measureWhileHeld) return true;
  return false;
}

function queryDue(ctx: Ctx, r: RegionState): void {
  const bake = r.bake;
  if (!bake) return;
  ctx.dirty.add(r.name);
  // Each gate is measured at its scheduled time, not at the tick: a reconcile run that wakes up
  // late catches up interval by interval (instant queries evaluated then) instead of stretching
  // the bake. Gates due at the same time go out in one query effect.
  let due: Map<number, string[]> | undefined;
  for (const [name, c] of Object.entries(bake.gates)) {
    if (isMeasured(r, c) && !c.awaiting && c.nextAt <= ctx.at) {
      c.awaiting = true;
      due ??= new Map();
      const list = due.get(c.nextAt);
      if (list) list.push(name);
      else due.set(c.nextAt, [name]);
    }
  }
  if (due) {
    const stage = stageOf(ctx, r);
    for (const [at, gates] of [...due].sort((a, b) => a[0] - b[0])) {
      // A comparison gate's range read starts at the bake's first measurement: the driver needs the bake's start.
      const ranged = gates.some((g) => ctx.plan.gates[g]?.compare !== undefined);
      ctx.fx.push({
        type: 'query-metric',
        region: r.name,
        stage: stage.name,
        step: r.step,
        traffic: trafficOf(ctx, r),
        gates,
        at,
        ...(ranged ? { bakeStartedAt: bake.startedAt } : {}),
      });
    }
  }
}

/** All gates passed and the bake time is over: the step passes (unless a person paused the release). */
export function maybeFinishBake(ctx: Ctx, r: RegionState): void {
  const bake = r.bake;
  if (!bake || r.phase !== 'baking' || ctx.s.hold || ctx.s.stop) return;
  const gates = Object.values(bake.gates);
  // A comparison that passed early (promoteEarly) vouches for the rest of the bake: the step need not wait for its end.
  if (ctx.at < bake.endsAt && !gates.some((c) => c.passedEarly)) return;
  for (const c of gates) if (c.status !== 'passed') return;
  stepPassed(ctx, r);
}

/** When the next measurement of a region held for a person is due (undefined: none). */
export function heldWakeAt(r: RegionState): number | undefined {
  if (r.phase !== 'awaiting-approval' || !r.bake) return undefined;
  let next: number | undefined;
  for (const c of Object.values(r.bake.gates)) {
    if (c.measureWhileHeld && !c.awaiting && (next === undefined || c.nextAt < next)) next = c.nextAt;
  }
  return next;
}

/** When the next measurement or the end of the bake is due (undefined: nothing timed). */
export function bakeWakeAt(r: RegionState, held: boolean): number | undefined {
  const bake = r.bake;
  if (!bake || r.phase !== 'baking') return undefined;
  let next: number | undefined;
  let allPassed = true;
  for (const c of Object.values(bake.gates)) {
    if (c.status !== 'passed') allPassed = false;
    if (c.status === 'measuring' && !c.awaiting && (next === undefined || c.nextAt < next)) next = c.nextAt;
  }
  if (allPassed && !held && (next === undefined || bake.endsAt < next)) next = bake.endsAt;
  return next;
}

function noDataWaitExhausted(c: GateCounters, v: MeasurementVerdict): MeasurementVerdict {
  // `wait` must not wait forever: after as many waits as the gate has measurements, no data is inconclusive.
  if (v.phase !== 'wait' || c.noDataWaits < c.target) return v;
  return { ...v, phase: 'inconclusive', reasonCode: 'no-data-wait-exhausted', reason: `${v.reason}; still no data after ${c.noDataWaits} waits: inconclusive` };
}

/** An slo gate is judged by its burn rates, any other by its thresholds; a plain gate given slo reads is an error, never a value. */
function judge(obs: Observation | SloObservation, gate: Gate): MeasurementVerdict {
  if (gate.slo) return assessSlo(obs, { ...gate, slo: gate.slo });
  if (obs.kind === 'slo')
    return { phase: 'error', reasonCode: 'metric-error', reason: `gate ${gate.name} is not an slo gate but was answered with slo reads`, numbers: {} };
  return assessObservation(obs, gate);
}

/** An instant (or slo) gate's measurement against its thresholds. */
function judgeInstant(
  c: GateCounters,
  gate: Gate,
  obs: Extract<Event, { type: 'measurement' }>['observation'],
): { verdict: MeasurementVerdict; next: GateCounters; status: GateAssessment } {
  // A range read for a gate without compare cannot be judged against min/max: an error, never a pass.
  const observation = obs.kind === 'comparison' ? ({ kind: 'error', message: 'a range read came for a gate without compare' } as const) : obs;
  const verdict = noDataWaitExhausted(c, judge(observation, gate));
  const next = countVerdict(c, verdict);
  const assessed = assessGate(next, gate);
  // A gate verdict names the measurement that tipped it (value, threshold), not only the counts,
  // so the person reading the history or the check run sees "0.034 above max 0.01", not "2 > 1".
  const status =
    assessed.status === 'failed' || assessed.status === 'inconclusive'
      ? { ...assessed, reason: `${assessed.reason} (last: ${verdict.reason})`, numbers: { ...verdict.numbers, ...assessed.numbers } }
      : assessed;
  return { verdict, next, status };
}

export function onMeasurement(ctx: Ctx, r: RegionState, ev: Extract<Event, { type: 'measurement' }>): boolean {
  const c = r.bake?.gates[ev.gate];
  const gate = ctx.plan.gates[ev.gate];
  if (!r.bake || !c || !gate || !isMeasured(r, c) || ev.step !== r.step || !c.awaiting) return false;
  // An answer for a time before the one now asked for is stale (a repeated delivery, an answer to a
  // query made before a hold): counting it again would pass a gate on one observation seen twice.
  // Written as !(>=) so a NaN time is refused too (it would schedule the next measurement at NaN: never).
  if (!(ev.at >= c.nextAt)) return false;
  ctx.dirty.add(r.name);
  const held = r.phase === 'awaiting-approval';
  const { verdict, next, status } = gate.compare ? lookComparison(c, gate, gate.compare, ev.observation, ev.at) : judgeInstant(c, gate, ev.observation);
  next.awaiting = false;
  next.nextAt = ev.at + gate.intervalMs;
  const where = { stage: stageOf(ctx, r).name, region: r.name, step: r.step, gate: ev.gate };
  // While a person is asked, only a failure changes the gate (its inconclusive verdict stands);
  // a value ends the measuring, the region stays held.
  const dataBack = held && status.status !== 'failed' && verdict.phase !== 'error' && !verdict.noData;
  const heldNote = !held
    ? ''
    : dataBack
      ? '; data is back: no longer measured while held, still waiting for a person'
      : '; measured while held for missing data';
  log(ctx, {
    kind: 'measurement',
    ...where,
    reasonCode: verdict.phase === 'wait' ? 'no-data-wait' : verdict.reasonCode,
    reason: `${verdict.phase}: ${verdict.reason}${heldNote}`,
    numbers: { ...verdict.numbers, samples: next.measurements, ...(next.consecutiveNoData ? { consecutiveNoData: next.consecutiveNoData } : {}) },
  });
  if (dataBack) delete next.measureWhileHeld;
  else if (!held || status.status === 'failed') applyGateStatus(ctx, where, next, status, verdict);
  r.bake.gates[ev.gate] = next;
  settleRound(ctx, r);
  return true;
}

/** The gate's new status, with its verdict kept for the round and said in the history. */
function applyGateStatus(
  ctx: Ctx,
  where: { stage: string; region: string; step: number; gate: string },
  next: GateCounters,
  status: GateAssessment,
  last: MeasurementVerdict,
): void {
  next.status = status.status;
  if (status.status === 'passed' && status.reasonCode === 'comparison-passed-early') next.passedEarly = true;
  if (status.status === 'passed') {
    log(ctx, { kind: 'gate-passed', ...where, reasonCode: status.reasonCode, reason: status.reason, numbers: status.numbers });
    return;
  }
  if (status.status !== 'failed' && status.status !== 'inconclusive') return;
  next.verdict = { reasonCode: status.reasonCode, reason: status.reason };
  // Held for missing data: that gate goes on being measured, so data that stays away fails it.
  if (status.status === 'inconclusive' && last.noData) next.measureWhileHeld = true;
  else delete next.measureWhileHeld;
  log(ctx, {
    kind: status.status === 'failed' ? 'gate-failed' : 'gate-inconclusive',
    ...where,
    reasonCode: status.reasonCode,
    reason: status.reason,
    numbers: status.numbers,
  });
}

/**
 * The round is complete (no answer outstanding): the worst verdict decides, failed before
 * inconclusive, the first such gate in plan order naming the reason; the others are named too.
 * A region held for a person is only ever failed here (it is already held).
 */
function settleRound(ctx: Ctx, r: RegionState): void {
  const bake = r.bake;
  if (!bake) return;
  for (const c of Object.values(bake.gates)) if (c.awaiting) return;
  const judged = stageOf(ctx, r).gates.filter((g) => bake.gates[g]?.status === 'failed' || (r.phase === 'baking' && bake.gates[g]?.status === 'inconclusive'));
  // Failed first: a stable sort keeps plan order within each verdict.
  judged.sort((a, b) => Number(bake.gates[b]?.status === 'failed') - Number(bake.gates[a]?.status === 'failed'));
  const [first, ...others] = judged;
  const worst = first !== undefined ? bake.gates[first] : undefined;
  if (first === undefined || !worst) {
    // Nothing failed nor (while baking) inconclusive: the bake goes on, or ends if it is over.
    maybeFinishBake(ctx, r);
    return;
  }
  const also = others.map((g) => `gate ${g} ${bake.gates[g]?.status ?? ''}: ${bake.gates[g]?.verdict?.reason ?? ''}`);
  const reasonCode = worst.verdict?.reasonCode ?? (worst.status === 'failed' ? 'gate-failed' : 'gate-inconclusive');
  const reason = `gate ${first}: ${worst.verdict?.reason ?? worst.status}${also.length ? `; also ${also.join('; ')}` : ''}`;
  if (worst.status === 'failed') regionFailed(ctx, r, reasonCode, reason);
  else awaitPerson(ctx, r, reasonCode, reason);
}

/**
 * An inconclusive gate: the region waits for a person and never promotes by itself. Only the
 * gates that went inconclusive for missing data go on measuring (measureWhileHeld).
 */
function awaitPerson(ctx: Ctx, r: RegionState, reasonCode: string, reason: string): void {
  const deadline = ctx.at + ctx.plan.approvals.timeoutMs;
  r.approval = { requestedAt: ctx.at, deadline, reasonCode, reason };
  setPhase(ctx, r, 'awaiting-approval');
  const stage = stageOf(ctx, r);
  log(ctx, {
    kind: 'region-awaiting-approval',
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode,
    reason: `${reason}; waiting for a person to approve or reject`,
  });
  ctx.fx.push({ type: 'request-approval', stage: stage.name, region: r.name, reason, deadline });
}

/** A person approved a region held by an inconclusive gate: the inconclusive gates count as passed, the bake goes on. */
export function resumeApprovedRegion(ctx: Ctx, r: RegionState): void {
  r.approval = undefined;
  setPhase(ctx, r, 'baking');
  for (const c of Object.values(r.bake?.gates ?? {})) {
    if (c.status === 'inconclusive') c.status = 'passed';
    delete c.measureWhileHeld;
    // Answers that arrived while the region was held were ignored: ask again.
    c.awaiting = false;
  }
  tickBake(ctx, r);
}
