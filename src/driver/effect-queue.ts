/**
 * The effects the core asked for, performed in batches: a batch that asks for a save is saved
 * first (its effects depend on the state that asked for them being on record), regions run
 * concurrently and each region's effects in order, and after a port failure the driver must not
 * go on from (a `halted` event) nothing irreversible is performed, in any region.
 */
import { barredAfterHalt, isIrreversible, type Effect } from '../core/effects.js';
import type { Event } from '../core/events.js';
import { performEffect, type EffectEnv } from './perform.js';

type Halted = Extract<Event, { type: 'halted' }>;

export interface EffectQueueOptions {
  env: EffectEnv;
  /** Saves the live state; resolves false when the ledger could not be written. */
  save: () => Promise<boolean>;
  /** Feeds an answer to the core (whose effects come back through `push`). */
  feed: (ev: Event) => void;
  /** From then on nothing new starts; what is in flight finishes. */
  stopped: () => boolean;
}

export class EffectQueue {
  private pending: Effect[] = [];
  /**
   * The first `halted` event a port failure produced (a permission the token lacks): from then on
   * nothing irreversible is performed, in any region, and the core is fed that one event.
   */
  private halt: Halted | undefined;
  private notSaved: string | undefined;

  constructor(private readonly o: EffectQueueOptions) {}

  /** Set when the state that asked for a dispatch could not be saved: why nothing was dispatched (the driver stops). */
  get unsaved(): string | undefined {
    return this.notSaved;
  }

  push(effects: readonly Effect[]): void {
    for (const e of effects) this.pending.push(e);
  }

  /** Performs batches until none is left (the answers' effects included), the driver stops, or a save before a dispatch fails. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 && !this.o.stopped()) {
      const batch = this.pending;
      this.pending = [];
      // Save first: the effects of this batch depend on the state that asked for them being on record.
      const saved = !batch.some((e) => e.type === 'save-state') || (await this.o.save());
      if (this.o.stopped()) return;
      if (!saved && batch.some(isIrreversible)) {
        // The state that asks for a dispatch is not on record: a crash now would resume from an older
        // state and dispatch the step again. Nothing irreversible is done; the next driver resumes
        // from the last saved state.
        this.notSaved = 'the ledger could not be saved before dispatching; nothing was dispatched, the next run resumes from the last saved state';
        this.pending = [];
        return;
      }
      await this.perform(this.byRegion(batch));
    }
  }

  private barred(e: Effect): boolean {
    return this.halt !== undefined && barredAfterHalt(e);
  }

  /** The effects to perform, one list per region (and one per type of effect of no region). */
  private byRegion(batch: Effect[]): Effect[][] {
    const groups = new Map<string, Effect[]>();
    for (const e of batch) {
      // wait-until: the driver asks nextWakeAt(state) instead, which also holds after a resume;
      // finish/report: the state already says it, and the final save publishes it.
      if (e.type === 'save-state' || e.type === 'wait-until' || e.type === 'finish' || e.type === 'report') continue;
      if (this.barred(e)) continue;
      const key = 'region' in e && e.region !== undefined ? `r:${e.region}` : `x:${e.type}`;
      const group = groups.get(key);
      if (group) group.push(e);
      else groups.set(key, [e]);
    }
    return [...groups.values()];
  }

  /**
   * Regions are independent: their effects run concurrently; one region's effects run in order,
   * and none goes on after a halt (a dispatch is never performed once its deployment was denied).
   */
  private async perform(groups: Effect[][]): Promise<void> {
    const { env } = this.o;
    const haltedBefore = this.halt !== undefined;
    const answers = await Promise.all(
      groups.map(async (group) => {
        const out: Event[] = [];
        for (const e of group) {
          if (this.o.stopped()) break; // what is in flight finishes (its answer is recorded); nothing new starts
          if (this.barred(e)) break;
          for (const ev of await performEffect(env, e)) {
            if (ev.type !== 'halted') out.push(ev);
            else if (this.halt) env.warn(ev.reason);
            else this.halt = ev;
          }
        }
        return out;
      }),
    );
    for (const list of answers) for (const ev of list) this.o.feed(ev);
    if (this.halt && !haltedBefore) {
      env.warn(this.halt.reason);
      this.o.feed(this.halt);
    }
  }
}
