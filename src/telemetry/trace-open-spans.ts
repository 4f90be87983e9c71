/**
 * The spans of a release open at a point of its history, and what one history entry ends: the
 * mechanics the entry handlers (trace-history.ts) work on. A span ends once: ending it removes it;
 * while a loaded history is replayed (`emitting` false) nothing ends up in `out`.
 */
import type { Attributes } from '@opentelemetry/api';
import type { HistoryEntry, State } from '../core/state.js';
import { bounded, type PlanNames } from './trace-attributes.js';

export interface SpanSpec {
  name: string;
  /** Derived id's key (`stage:canary`); absent: the SDK draws a random id (nobody refers to the span). */
  key?: string;
  /** The parent's key: its id is derived, whether or not it was emitted yet. */
  parentKey: string | undefined;
  start: number;
  end: number;
  attributes: Attributes;
  /** Set: the span's status is ERROR with this reason code. */
  error?: string;
}

export interface OpenSpan {
  key: string;
  name: string;
  parentKey: string | undefined;
  start: number;
  attributes: Attributes;
  /** The region span (with its attempt) it belongs to and is closed with. */
  region?: string;
}

/** The spans open now, and what one entry ends: what a handler of trace-history.ts works on. */
export class EntrySpans {
  readonly out: SpanSpec[] = [];

  /**
   * `attempts`: each region's attempt as far as the history has come (its accepted retries), so
   * an entry's spans belong to the attempt it was written in, not to the state's latest.
   */
  constructor(
    private readonly open: Map<string, OpenSpan>,
    private readonly attempts: Map<string, number>,
    readonly names: PlanNames,
    private readonly emitting: boolean,
    readonly h: HistoryEntry,
    readonly state: State,
  ) {}

  attempt(region: string): number {
    return this.attempts.get(region) ?? 0;
  }

  retried(region: string): void {
    this.attempts.set(region, this.attempt(region) + 1);
  }

  get(key: string): OpenSpan | undefined {
    return this.open.get(key);
  }

  /** Spans open now, the latest opened first (children before their parents). */
  latestFirst(): OpenSpan[] {
    return [...this.open.values()].reverse();
  }

  /** Opens a span unless one of that key is open (the first entry that opens it gives its start). */
  start(o: OpenSpan): OpenSpan {
    const known = this.open.get(o.key);
    if (known) return known;
    this.open.set(o.key, o);
    return o;
  }

  /** Ends the span of that key at this entry, if open. */
  end(key: string, extra: Attributes = {}, error?: string): void {
    const o = this.open.get(key);
    if (!o) return;
    this.open.delete(key);
    if (!this.emitting) return;
    this.out.push({
      name: o.name,
      key: o.key,
      parentKey: o.parentKey,
      start: o.start,
      end: Math.max(o.start, this.h.at),
      attributes: { ...o.attributes, ...extra },
      // The status message: an entry's reason code, ledger text.
      ...(error !== undefined ? { error: bounded(error) } : {}),
    });
  }

  /** A span that starts and ends now (a measurement). */
  instant(spec: SpanSpec): void {
    if (!this.emitting) return;
    const { error, ...rest } = spec;
    this.out.push(error !== undefined ? { ...rest, error: bounded(error) } : rest);
  }
}
