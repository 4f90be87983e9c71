/**
 * Which spans a release's history makes, without the SDK: a pure reading of history entries into
 * finished spans, so it is tested without an exporter and the SDK module stays thin.
 *
 * A stage may start in one job and end in the third, so a release span (release, stage, region,
 * step, bake, gate, approval wait, rollback) is emitted once, when it ENDS, with its start taken
 * from the history entry that opened it (the release clock, `HistoryEntry.at`). A job rebuilds
 * what is open by replaying the history it loads from the ledger (`replay`), and every such span
 * has an id derived from the release id and its key (trace-ids.ts), so the children an earlier job
 * emitted already point at it. Measurements are instants, emitted as they happen. Which entry
 * opens and closes what is trace-history.ts.
 */
import type { HistoryEntry, State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { PlanNames } from './trace-attributes.js';
import { HANDLERS } from './trace-history.js';
import { EntrySpans, type OpenSpan, type SpanSpec } from './trace-open-spans.js';

export type { SpanSpec } from './trace-open-spans.js';
export { REASON_MAX, bounded } from './trace-attributes.js';

export class ReleaseSpans {
  private readonly open = new Map<string, OpenSpan>();
  private readonly attempts = new Map<string, number>();
  private readonly names: PlanNames;

  /** `plan`: the release's, whose names alone appear in span names. */
  constructor(plan: Plan) {
    this.names = new PlanNames(plan);
  }

  /** Rebuilds the spans still open from a loaded history; emits nothing (the jobs before emitted what ended). */
  replay(history: readonly HistoryEntry[], state: State): void {
    for (const h of history) HANDLERS[h.kind]?.(new EntrySpans(this.open, this.attempts, this.names, false, h, state));
  }

  /** The spans this entry ends (and the measurement it is); `state` is the state after it. */
  apply(h: HistoryEntry, state: State): SpanSpec[] {
    const c = new EntrySpans(this.open, this.attempts, this.names, true, h, state);
    HANDLERS[h.kind]?.(c);
    return c.out;
  }
}
