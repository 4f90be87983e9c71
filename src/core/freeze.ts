/**
 * The release freeze: before the release starts (and before each stage, with beforeEachStage) the
 * core asks for the error budget of the plan's SLO over its period, and refuses to begin while
 * less than the floor remains (`error-budget-exhausted`) or while the budget cannot be read
 * (`error-budget-unknown`: missing data is never a pass). The release is then paused for a
 * person: `override-freeze` (authorized as an approval, recorded with who and when) starts it
 * anyway, `abort` ends it, and every resume (a reconcile run) reads the budget again, so a budget
 * that recovered lets it go on by itself.
 */
import { formatDuration } from '../plan/duration.js';
import { formatPercent } from '../plan/percent.js';
import type { Freeze, Gate, SloSpec } from '../plan/types.js';
import { accepted, because, login, refused, who, type PersonEvent } from './command-record.js';
import { log, type Ctx } from './decide-context.js';
import type { Event } from './events.js';
import type { State } from './state.js';
import { countsOf } from './slo-gate.js';
import { budgetRemaining } from './stats/burn-rate.js';

export type BudgetReadEvent = Extract<Event, { type: 'budget-read' }>;

function sloOf(ctx: Ctx, f: Freeze): (Gate & { slo: SloSpec }) | undefined {
  const gate = ctx.plan.gates[f.slo];
  return gate?.slo ? { ...gate, slo: gate.slo } : undefined;
}

/** The regions whose budget is read before stage `index`. */
export function freezeRegions(ctx: Ctx, f: Freeze, index: number): string[] {
  return f.regions ?? ctx.plan.stages[index]?.regions ?? [];
}

/**
 * Whether stage `index` must wait for the budget: true while it is read or held (the stage is
 * entered again once it is cleared). A stage cleared already (read above the floor, or
 * overridden) is not read again in this release.
 */
export function frozenBefore(ctx: Ctx, index: number): boolean {
  const { s, plan } = ctx;
  const f = plan.freeze;
  if (!f || (index > 0 && !f.beforeEachStage) || s.freezeCleared?.includes(index)) return false;
  if (s.freeze?.stage === index) return true;
  askBudget(ctx, index);
  return true;
}

function askBudget(ctx: Ctx, index: number): void {
  const f = ctx.plan.freeze;
  const stage = ctx.plan.stages[index];
  if (!f || !stage) return;
  // A re-read keeps why the stage was held and what it found, so an override given meanwhile says what it overrode.
  const prev = ctx.s.freeze?.stage === index ? ctx.s.freeze : undefined;
  ctx.s.freeze = {
    stage: index,
    phase: 'reading',
    at: ctx.at,
    ...(prev?.reasonCode !== undefined ? { reasonCode: prev.reasonCode } : {}),
    ...(prev?.reason !== undefined ? { reason: prev.reason } : {}),
    ...figureOf(prev ?? {}),
    ...(prev?.retries !== undefined ? { retries: prev.retries } : {}),
    ...(prev?.heldSince !== undefined ? { heldSince: prev.heldSince } : {}),
  };
  ctx.fx.push({ type: 'read-budget', stage: stage.name, regions: freezeRegions(ctx, f, index), at: ctx.at });
}

/**
 * A resumed driver reads the budget again: the request may have been lost, and a held budget may
 * have recovered. An override whose read never answered is given a read of its own again, so it
 * still gets its figure (the stage it started is not read, held or started again).
 */
export function resumeFreeze(ctx: Ctx): void {
  const fr = ctx.s.freeze;
  // A stopping release starts no stage: its budget is not read again.
  if (fr && !ctx.s.stop) askBudget(ctx, fr.stage);
  const f = ctx.plan.freeze;
  for (const o of ctx.s.freezeOverrides ?? []) {
    const index = ctx.plan.stages.findIndex((st) => st.name === o.stage);
    if (o.readAt === undefined || !f || index < 0) continue;
    o.readAt = ctx.at;
    ctx.fx.push({ type: 'read-budget', stage: o.stage, regions: freezeRegions(ctx, f, index), at: ctx.at });
  }
}

/** The lowest remaining budget over the regions read, or why it cannot be told (and of which region, when one is to blame). */
function judgeBudget(
  ev: BudgetReadEvent,
  objective: number,
  window: string,
  regions: readonly string[],
): { remaining: number; region: string } | { why: string; region?: string } {
  let worst: { remaining: number; region: string } | undefined;
  for (const region of regions) {
    const read = ev.reads.find((x) => x.region === region);
    if (!read) return { why: `no answer for ${region}`, region };
    const c = countsOf(read, window);
    if ('error' in c) return { why: `${region}: ${c.error}`, region };
    if ('noData' in c) return { why: `${region}: ${c.noData}`, region };
    const remaining = budgetRemaining(c.counts, objective);
    if (!worst || remaining < worst.remaining) worst = { remaining, region };
  }
  return worst ?? { why: 'no region to read' };
}

type BudgetCode = 'error-budget-ok' | 'error-budget-exhausted' | 'error-budget-unknown';

/** What one budget read says of a stage: the code, the words with every number in them, and the figure with its region. */
interface BudgetVerdict {
  reasonCode: BudgetCode;
  reason: string;
  numbers: Record<string, number>;
  budgetRemaining?: number;
  region?: string;
}

/** The figure a hold or an override keeps: the budget left and the region it is of, those it has. */
function figureOf(x: { budgetRemaining?: number | undefined; region?: string | undefined }): { budgetRemaining?: number; region?: string } {
  return { ...(x.budgetRemaining !== undefined ? { budgetRemaining: x.budgetRemaining } : {}), ...(x.region !== undefined ? { region: x.region } : {}) };
}

/** Judges a read for stage `index`: one writer of the freeze's words, for a hold, a start and an override's record alike. */
function judgeRead(ctx: Ctx, f: Freeze | undefined, index: number, ev: BudgetReadEvent): BudgetVerdict {
  const gate = f ? sloOf(ctx, f) : undefined;
  if (!f || !gate) {
    // An adopted plan may have dropped the slo block (or the freeze): not judged is unknown, never a pass.
    const why = f ? `freeze.slo '${f.slo}' is not an slo gate of the plan` : 'the plan has no freeze now';
    const against = f ? ` against the floor ${formatPercent(f.floor)}` : '';
    return { reasonCode: 'error-budget-unknown', reason: `${why}, so the error budget cannot be judged${against}`, numbers: f ? { floor: f.floor } : {} };
  }
  const period = formatDuration(f.periodMs);
  const judged = judgeBudget(ev, gate.slo.objective, period, freezeRegions(ctx, f, index));
  const numbers = { floor: f.floor, objective: gate.slo.objective };
  const what = `the error budget of ${f.slo} over ${period} (objective ${formatPercent(gate.slo.objective)})`;
  const floor = formatPercent(f.floor);
  if ('why' in judged) {
    const reason = `${what} could not be read against the floor ${floor} (${judged.why}); missing data is never a pass`;
    return { reasonCode: 'error-budget-unknown', reason, numbers, ...figureOf(judged) };
  }
  const below = judged.remaining < f.floor;
  const left = `${formatPercent(Math.max(judged.remaining, -99.99))} left in ${judged.region}`;
  return {
    reasonCode: below ? 'error-budget-exhausted' : 'error-budget-ok',
    reason: `${what}: ${left}, ${below ? 'below' : 'at or above'} the floor ${floor}`,
    numbers: { ...numbers, budgetRemaining: judged.remaining },
    ...figureOf({ budgetRemaining: judged.remaining, region: judged.region }),
  };
}

/** The budget came back: start the stage, or hold the release with the reason and the numbers. */
export function onBudgetRead(ctx: Ctx, ev: BudgetReadEvent, enter: (index: number) => void): boolean {
  const { s, plan } = ctx;
  const fr = s.freeze;
  const f = plan.freeze;
  const stage = fr ? plan.stages[fr.stage] : undefined;
  if (!fr || !f || !stage || fr.phase !== 'reading' || ev.stage !== stage.name || !(ev.at >= fr.at)) return onOverrideRead(ctx, ev);
  // A release that is stopping starts no stage: an answer that arrives after an abort is not recorded as a start.
  if (s.stop) return false;
  const v = judgeRead(ctx, f, fr.stage, ev);
  if (v.reasonCode !== 'error-budget-ok') {
    hold(ctx, v);
    return true;
  }
  s.freeze = undefined;
  (s.freezeCleared ??= []).push(fr.stage);
  log(ctx, { kind: 'freeze-lifted', stage: stage.name, ...regionField(v), reasonCode: 'error-budget-ok', reason: v.reason, numbers: v.numbers });
  enter(fr.stage);
  return true;
}

/** The region an entry's figure is of: the one whose budget was lowest (or could not be read). */
const regionField = (v: { region?: string | undefined }): { region?: string } => (v.region !== undefined ? { region: v.region } : {});

/**
 * The answer to a read an override overtook: recorded against that override (its figure, or
 * unreadable), and in the history. Never a start or a hold: the stage started with the override.
 */
export function onOverrideRead(ctx: Ctx, ev: BudgetReadEvent): boolean {
  const index = ctx.plan.stages.findIndex((st) => st.name === ev.stage);
  const stage = ctx.plan.stages[index];
  const o = ctx.s.freezeOverrides?.find((x) => x.readAt !== undefined && x.stage === ev.stage && ev.at >= x.readAt);
  if (!o || !stage) return false;
  const v = judgeRead(ctx, ctx.plan.freeze, index, ev);
  delete o.readAt;
  delete o.budgetRemaining;
  delete o.region;
  Object.assign(o, { reasonCode: v.reasonCode, ...figureOf(v) });
  log(ctx, {
    kind: 'freeze-override-read',
    stage: stage.name,
    ...regionField(v),
    by: o.by,
    reasonCode: v.reasonCode,
    reason: `the budget read in flight when ${login(o.by)} overrode the freeze came back: ${v.reason}; the override stands (stage ${stage.name} started with it and is not held again)`,
    numbers: v.numbers,
  });
  return true;
}

/**
 * When a hold reads the budget again by itself. An unreadable budget is most often a blip (a
 * backend restarting, a timeout): again after 1 minute, doubling to at most 15; an exhausted one
 * recovers over hours as old errors leave the period: every 15 minutes. A resume reads at once.
 */
export const FREEZE_RETRY = { firstMs: 60_000, maxMs: 15 * 60_000 } as const;

function retryDelay(code: string, retries: number): number {
  if (code !== 'error-budget-unknown') return FREEZE_RETRY.maxMs;
  return Math.min(FREEZE_RETRY.maxMs, FREEZE_RETRY.firstMs * 2 ** Math.min(retries, 10));
}

function hold(ctx: Ctx, v: BudgetVerdict): void {
  const fr = ctx.s.freeze;
  const stage = fr ? ctx.plan.stages[fr.stage] : undefined;
  if (!fr || !stage) return;
  const retries = fr.retries ?? 0;
  const delay = retryDelay(v.reasonCode, retries);
  const unknown = v.reasonCode === 'error-budget-unknown' ? ', so the release holds' : '';
  const text = `${v.reason}${unknown}; stage ${stage.name} does not start until the budget recovers (read again in ${formatDuration(delay)}, and on resume) or a person gives override-freeze`;
  // Built afresh, not spread from the read: an unreadable budget must not keep the figure of an earlier hold.
  ctx.s.freeze = {
    stage: fr.stage,
    phase: 'held',
    at: fr.at,
    reasonCode: v.reasonCode,
    reason: text,
    ...figureOf(v),
    retryAt: ctx.at + delay,
    retries: retries + 1,
    heldSince: fr.heldSince ?? ctx.at,
  };
  log(ctx, { kind: 'release-frozen', stage: stage.name, ...regionField(v), reasonCode: v.reasonCode, reason: text, numbers: v.numbers });
  // The check run says it once per reason: a hold read again every few minutes is not news each time.
  if (retries === 0 || fr.reasonCode !== v.reasonCode) ctx.fx.push({ type: 'report', headline: `release frozen: ${v.reasonCode}` });
}

/**
 * When the driver must wake for a held freeze's own re-read (decide.ts nextWakeAt): only while the
 * freeze is what holds the release. A stopping release (abort) or one held for its plan (whose
 * timers are ignored) reads no budget, and a past retryAt there would hide every other deadline.
 */
export function freezeWakeAt(s: Pick<State, 'status' | 'stop' | 'planChanged' | 'freeze'>): number | undefined {
  if (s.status !== 'paused' || s.stop !== undefined || s.planChanged !== undefined) return undefined;
  return s.freeze?.phase === 'held' ? s.freeze.retryAt : undefined;
}

/** A timer tick: a held freeze whose re-read is due reads the budget again (as a resume would). */
export function retryFreeze(ctx: Ctx): void {
  const fr = ctx.s.freeze;
  if (fr?.phase !== 'held' || fr.retryAt === undefined || fr.retryAt > ctx.at || ctx.s.stop) return;
  askBudget(ctx, fr.stage);
}

/** Whether the freeze holds the stage: held, or held and being read again (the release stays paused through a re-read). */
function freezeHolds(fr: { phase: string; retries?: number | undefined } | undefined): boolean {
  return fr?.phase === 'held' || (fr?.phase === 'reading' && fr.retries !== undefined);
}

/** The pause a held freeze puts the release in (updateStatus), or undefined. */
export function freezePause(s: Pick<State, 'freeze'>): { reasonCode: string; reason: string } | undefined {
  const fr = s.freeze;
  return freezeHolds(fr) && fr?.reasonCode && fr.reason ? { reasonCode: fr.reasonCode, reason: fr.reason } : undefined;
}

/**
 * override-freeze: the person takes the budget on themselves; the stage starts, and the history
 * says who, when and what was overridden. Given while the budget is still being read, it does not
 * wait for the answer (nobody has to send it again): the answer is recorded against it when it comes.
 */
export function onOverrideFreeze(ctx: Ctx, ev: PersonEvent, enter: (index: number) => void): void {
  const fr = ctx.s.freeze;
  const stage = fr ? ctx.plan.stages[fr.stage] : undefined;
  if (!fr || !stage) {
    refused(ctx, ev, 'not-frozen', 'the release is not held by the freeze');
    return;
  }
  const reading = fr.phase === 'reading';
  ctx.s.freeze = undefined;
  (ctx.s.freezeCleared ??= []).push(fr.stage);
  (ctx.s.freezeOverrides ??= []).push({
    by: ev.by,
    at: ctx.at,
    stage: stage.name,
    ...(fr.reasonCode ? { reasonCode: fr.reasonCode } : {}),
    ...figureOf(fr),
    ...(reading ? { readAt: fr.at } : {}),
  });
  const code = fr.reasonCode ? ` (${fr.reasonCode})` : reading ? ' (its error budget still being read)' : '';
  accepted(ctx, ev, 'override-freeze', `overrode the freeze of stage ${stage.name}${code}: it starts`);
  const held = fr.reason !== undefined ? `; it held: ${fr.reason}` : '';
  const pending = reading ? '; the error budget was being read: its answer is recorded against this override when it comes' : '';
  const floor = ctx.plan.freeze ? { floor: ctx.plan.freeze.floor } : {};
  log(ctx, {
    kind: 'freeze-lifted',
    stage: stage.name,
    ...regionField(fr),
    by: ev.by,
    reasonCode: 'freeze-overridden',
    reason: `${who(ev)} overrode the freeze${because(ev)}${held}${pending}`,
    numbers: { ...floor, ...(fr.budgetRemaining !== undefined ? { budgetRemaining: fr.budgetRemaining } : {}) },
  });
  enter(fr.stage);
}
