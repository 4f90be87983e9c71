/**
 * The working context of one `decide` call, shared by the concern modules (stages, regions,
 * gates, rollback, approvals). Helpers here keep the state's derived fields (`active`,
 * `now`) consistent, so no module has to remember to.
 */
import type { Plan, Stage } from '../plan/types.js';
import type { Effect } from './effects.js';
import type { Event } from './events.js';
import { isActivePhase, type HistoryEntry, type RegionPhase, type RegionState, type State } from './state.js';

export interface Ctx {
  plan: Plan;
  s: State;
  fx: Effect[];
  at: number;
  /** Regions whose next timer may have changed during this event. */
  dirty: Set<string>;
  /** What follows a region's own transitions, decided by the concerns above regions.ts. */
  transitions: Transitions;
}

/**
 * The handovers from a lower concern module to a higher one. A region's run and bake results land
 * in regions.ts (and a rollback's end in rollback.ts), but what follows is decided above them: the
 * bake in gates.ts, the failure budget in rollback.ts, the stage's free slot in stages.ts. Those
 * modules call down into regions.ts, so importing them back would close a circle; decide.ts hands
 * these in with every Ctx (core/transitions.ts wires them once), and imports point one way:
 * commands -> approvals, retry -> stages -> rollback -> gates -> regions -> record-keeping, deployment-records
 * (and every concern that judges a person's command writes its entry through command-record.ts).
 */
export interface Transitions {
  /** The deploy run of the region's step succeeded: its bake starts (gates.ts). */
  startBake(ctx: Ctx, r: RegionState): void;
  /** A region was just marked failed: the failure budget decides what follows (rollback.ts). */
  onRegionFailed(ctx: Ctx, r: RegionState): void;
  /** A region's rollback ended, or could not be dispatched, watched or found (rollback.ts). */
  onRollbackFinished(ctx: Ctx, r: RegionState, ok: boolean, reason: string): void;
  /** A region stopped occupying its slot: the stop goes on, or the stage fills (stages.ts). */
  regionSettled(ctx: Ctx, r: RegionState): void;
}

/** Appends one history entry at the event's time. */
export function log(ctx: Ctx, entry: Omit<HistoryEntry, 'at'>): void {
  ctx.s.history.push({ at: ctx.at, ...entry });
}

/** Changes a region's phase and keeps `active` in step with it. */
export function setPhase(ctx: Ctx, r: RegionState, phase: RegionPhase): void {
  const was = isActivePhase(r.phase);
  const will = isActivePhase(phase);
  ctx.s.counts[r.phase] -= 1;
  ctx.s.counts[phase] += 1;
  r.phase = phase;
  ctx.dirty.add(r.name);
  if (was && !will) delete ctx.s.active[r.name];
  else if (!was && will) ctx.s.active[r.name] = true;
}

export function stageOf(ctx: Ctx, r: RegionState): Stage {
  const stage = ctx.plan.stages[r.stage];
  if (!stage) throw new Error(`internal: region ${r.name} names stage #${r.stage}, which the plan does not have`);
  return stage;
}

/** The traffic of the region's current step. */
export function trafficOf(ctx: Ctx, r: RegionState): number {
  return stageOf(ctx, r).steps[r.step]?.traffic ?? 0;
}

/** Records an event that does not fit the state. It changes nothing else and emits nothing. */
export function ignore(ctx: Ctx, event: Event, why: string): void {
  const entry: Omit<HistoryEntry, 'at'> = { kind: 'ignored', reasonCode: 'event-ignored', reason: `${event.type} ignored: ${why}` };
  if ('region' in event && typeof event.region === 'string') entry.region = event.region;
  if ('step' in event && typeof event.step === 'number') entry.step = event.step;
  if ('by' in event && typeof event.by === 'string') entry.by = event.by;
  log(ctx, entry);
}
