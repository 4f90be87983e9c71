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
import { accepted, because, refused, who, type PersonEvent } from './command-record.js';
import { log, type Ctx } from './decide-context.js';
import type { Event } from './events.js';
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
  // A re-read keeps why the stage was held, so an override given meanwhile says what it overrode.
  const prev = ctx.s.freeze?.stage === index ? ctx.s.freeze : undefined;
  ctx.s.freeze = {
    stage: index,
    phase: 'reading',
    at: ctx.at,
    ...(prev?.reasonCode !== undefined ? { reasonCode: prev.reasonCode } : {}),
    ...(prev?.reason !== undefined ? { reason: prev.reason } : {}),
  };
  ctx.fx.push({ type: 'read-budget', stage: stage.name, regions: freezeRegions(ctx, f, index), at: ctx.at });
}

/** A resumed driver reads the budget again: the request may have been lost, and a held budget may have recovered. */
export function resumeFreeze(ctx: Ctx): void {
  const fr = ctx.s.freeze;
  if (fr) askBudget(ctx, fr.stage);
}

/** The lowest remaining budget over the regions read, or why it cannot be told. */
function judgeBudget(
  ev: BudgetReadEvent,
  objective: number,
  window: string,
  regions: readonly string[],
): { remaining: number; region: string } | { why: string } {
  let worst: { remaining: number; region: string } | undefined;
  for (const region of regions) {
    const read = ev.reads.find((x) => x.region === region);
    if (!read) return { why: `no answer for ${region}` };
    const c = countsOf(read, window);
    if ('error' in c) return { why: `${region}: ${c.error}` };
    if ('noData' in c) return { why: `${region}: ${c.noData}` };
    const remaining = budgetRemaining(c.counts, objective);
    if (!worst || remaining < worst.remaining) worst = { remaining, region };
  }
  return worst ?? { why: 'no region to read' };
}

/** The budget came back: start the stage, or hold the release with the reason and the numbers. */
export function onBudgetRead(ctx: Ctx, ev: BudgetReadEvent, enter: (index: number) => void): boolean {
  const { s, plan } = ctx;
  const fr = s.freeze;
  const f = plan.freeze;
  const stage = fr ? plan.stages[fr.stage] : undefined;
  if (!fr || !f || !stage || fr.phase !== 'reading' || ev.stage !== stage.name || !(ev.at >= fr.at)) return false;
  // A release that is stopping starts no stage: an answer that arrives after an abort is not recorded as a start.
  if (s.stop) return false;
  const gate = sloOf(ctx, f);
  if (!gate) {
    // An adopted plan may have dropped the slo block: the budget cannot be judged, so it holds.
    hold(ctx, 'error-budget-unknown', `freeze.slo '${f.slo}' is not an slo gate of the plan, so the error budget cannot be judged`, { floor: f.floor });
    return true;
  }
  const period = formatDuration(f.periodMs);
  const judged = judgeBudget(ev, gate.slo.objective, period, freezeRegions(ctx, f, fr.stage));
  const numbers = { floor: f.floor, objective: gate.slo.objective };
  const what = `the error budget of ${f.slo} over ${period} (objective ${formatPercent(gate.slo.objective)})`;
  if ('why' in judged) {
    hold(ctx, 'error-budget-unknown', `${what} could not be read (${judged.why}); missing data is never a pass, so the release holds`, numbers);
    return true;
  }
  const left = `${formatPercent(Math.max(judged.remaining, -99.99))} left in ${judged.region}`;
  const measured = { ...numbers, budgetRemaining: judged.remaining };
  if (judged.remaining < f.floor) {
    hold(ctx, 'error-budget-exhausted', `${what}: ${left}, below the floor ${formatPercent(f.floor)}`, measured);
    return true;
  }
  s.freeze = undefined;
  (s.freezeCleared ??= []).push(fr.stage);
  log(ctx, {
    kind: 'freeze-lifted',
    stage: stage.name,
    reasonCode: 'error-budget-ok',
    reason: `${what}: ${left}, at or above the floor ${formatPercent(f.floor)}`,
    numbers: measured,
  });
  enter(fr.stage);
  return true;
}

function hold(ctx: Ctx, reasonCode: string, reason: string, numbers: Record<string, number>): void {
  const fr = ctx.s.freeze;
  const stage = fr ? ctx.plan.stages[fr.stage] : undefined;
  if (!fr || !stage) return;
  const text = `${reason}; stage ${stage.name} does not start until the budget recovers (read again on resume) or a person gives override-freeze`;
  ctx.s.freeze = { ...fr, phase: 'held', reasonCode, reason: text };
  log(ctx, { kind: 'release-frozen', stage: stage.name, reasonCode, reason: text, numbers });
  ctx.fx.push({ type: 'report', headline: `release frozen: ${reasonCode}` });
}

/** The pause a held freeze puts the release in (updateStatus), or undefined. */
export function freezePause(ctx: Ctx): { reasonCode: string; reason: string } | undefined {
  const fr = ctx.s.freeze;
  return fr?.phase === 'held' && fr.reasonCode && fr.reason ? { reasonCode: fr.reasonCode, reason: fr.reason } : undefined;
}

/** override-freeze: the person takes the budget on themselves; the stage starts, and the history says who and when. */
export function onOverrideFreeze(ctx: Ctx, ev: PersonEvent, enter: (index: number) => void): void {
  const fr = ctx.s.freeze;
  const stage = fr ? ctx.plan.stages[fr.stage] : undefined;
  if (!fr || !stage) {
    refused(ctx, ev, 'not-frozen', 'the release is not held by the freeze');
    return;
  }
  ctx.s.freeze = undefined;
  (ctx.s.freezeCleared ??= []).push(fr.stage);
  (ctx.s.freezeOverrides ??= []).push({ by: ev.by, at: ctx.at, stage: stage.name, ...(fr.reasonCode ? { reasonCode: fr.reasonCode } : {}) });
  accepted(ctx, ev, 'override-freeze', `overrode the freeze of stage ${stage.name}${fr.reasonCode ? ` (${fr.reasonCode})` : ''}: it starts`);
  log(ctx, {
    kind: 'freeze-lifted',
    stage: stage.name,
    by: ev.by,
    reasonCode: 'freeze-overridden',
    reason: `${who(ev)} overrode the freeze${because(ev)}; it held: ${fr.reason ?? 'the error budget was still being read'}`,
  });
  enter(fr.stage);
}
