/**
 * Range reads, the part every provider shares: the grid of steps a range request asks for, and
 * the series a backend answered laid onto it, one value per step, several series combined per
 * step with the gate's reducer. What a provider does itself is only the reading of its own answer
 * shape (a Prometheus matrix, a Datadog pointlist, a JSON array): it hands each point here as
 * (epoch ms, number or null) and this module decides what the range says.
 *
 * A point's time is aligned to the NEAREST step, and the point is reported at that step's time,
 * not its own: the canary and its baseline are read over the same grid, so their points pair by
 * `at` exactly even when the backend's timestamps are a few milliseconds off (Prometheus answers
 * float seconds) or bucketed (a Datadog rollup). Points outside [start, end] are dropped, never
 * pulled in: a point before the bake started describes the version before the canary.
 *
 * Parsing is linear in the points, and the memory is a few typed arrays of one slot per step
 * whatever the number of series: nothing is allocated per point but the points we return.
 */
import type { Reducer } from '../plan/types.js';
import type { SeriesObservation } from '../core/values.js';
import { messageOf } from '../report/message.js';
import { redactObservation } from './http.js';

/** Prometheus' own limit, written once in the plan layer so validate refuses a bake that would cross it. */
export { MAX_RANGE_STEPS } from '../plan/compare.js';
import { MAX_RANGE_STEPS } from '../plan/compare.js';

/** The steps of a range: `start + k * stepMs` for k in [0, steps). */
export interface RangeGrid {
  start: number;
  end: number;
  stepMs: number;
  steps: number;
}

/** The grid of a request, or why it has none (an error message). */
export function rangeGrid(req: { start: number; end: number; stepMs: number }): RangeGrid | string {
  const { start, end, stepMs } = req;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return `the range ${String(start)}..${String(end)} is empty or not a time range`;
  if (!Number.isFinite(stepMs) || stepMs <= 0) return `the range step must be a positive number of milliseconds, not ${String(stepMs)}`;
  const steps = Math.floor((end - start) / stepMs) + 1;
  if (steps > MAX_RANGE_STEPS) {
    return `the range from ${new Date(start).toISOString()} to ${new Date(end).toISOString()} every ${stepMs} ms is ${steps} steps; at most ${MAX_RANGE_STEPS} are read (use a longer interval)`;
  }
  return { start, end, stepMs, steps };
}

/** One series as a provider reads it: its name (built only when a message needs it) and its points in time order. */
export interface RawSeries {
  name: () => string;
  /**
   * Calls `emit` for every point: epoch ms and the value (NaN and ±Inf as they came; `null`: the
   * backend said it has no value there). Returns an error message when a point cannot be read.
   */
  read: (emit: (atMs: number, value: number | null) => void) => string | undefined;
}

/**
 * Why several series cannot be read as one (undefined: they can): without a reducer, or with
 * `last` (the last of an unordered list of series is any of them). Instant and range reads say the same.
 */
export function severalSeriesError(count: number, names: () => string[], reducer: Reducer | undefined): string | undefined {
  if (count < 2 || (reducer !== undefined && reducer !== 'last')) return undefined;
  const more = count > 5 ? ` and ${count - 5} more` : '';
  const how =
    reducer === 'last'
      ? 'reduce: last needs one series; use sum, avg, max or min'
      : 'aggregate them in the query (e.g. sum(...)) or set reduce: sum|avg|max|min on the gate';
  return `the query returned ${count} series, expected one: ${names().slice(0, 5).join(', ')}${more}; ${how}`;
}

/** Per step: how many series answered a finite value, whether any answered a non-finite one, and the running reduction. */
class StepTable {
  readonly answered: Uint32Array;
  readonly nonFinite: Uint8Array;
  readonly acc: Float64Array;
  outside = 0;

  constructor(
    readonly grid: RangeGrid,
    private readonly reducer: Reducer | undefined,
  ) {
    this.answered = new Uint32Array(grid.steps);
    this.nonFinite = new Uint8Array(grid.steps);
    this.acc = new Float64Array(grid.steps);
  }

  /** The step a time falls on (nearest), or -1 outside [start, end]. */
  stepOf(atMs: number): number {
    if (!(atMs >= this.grid.start && atMs <= this.grid.end)) return -1;
    return Math.min(Math.round((atMs - this.grid.start) / this.grid.stepMs), this.grid.steps - 1);
  }

  put(k: number, value: number): void {
    if (!Number.isFinite(value)) {
      this.nonFinite[k] = 1;
      return;
    }
    const n = this.answered[k] as number;
    const acc = this.acc[k] as number;
    this.answered[k] = n + 1;
    if (n === 0) this.acc[k] = value;
    else if (this.reducer === 'max') this.acc[k] = Math.max(acc, value);
    else if (this.reducer === 'min') this.acc[k] = Math.min(acc, value);
    else this.acc[k] = acc + value; // sum, and avg (divided by the count when read)
  }

  /** The value at step k, or undefined: no series answered, or one answered NaN/Inf (part of the data is none, as for instant reads). */
  valueAt(k: number): number | undefined {
    const n = this.answered[k] as number;
    if (n === 0 || this.nonFinite[k] === 1) return undefined;
    return this.reducer === 'avg' ? (this.acc[k] as number) / n : (this.acc[k] as number);
  }
}

/**
 * Lays one series onto the table. Several points on one step (a rollup finer than the step):
 * the one nearest the step's time stands for it, as a value evaluated at that time would.
 */
function laySeries(table: StepTable, s: RawSeries): string | undefined {
  let pending = -1;
  let pendingValue = 0;
  let pendingDistance = Infinity;
  let order = -Infinity;
  let disorder: string | undefined;
  const flush = () => {
    if (pending >= 0) table.put(pending, pendingValue);
  };
  const error = s.read((atMs, value) => {
    if (atMs < order) disorder ??= `the points of ${s.name()} are not in time order`;
    order = atMs;
    const k = table.stepOf(atMs);
    if (k < 0) {
      table.outside++;
      return;
    }
    if (value === null) return;
    const distance = Math.abs(atMs - (table.grid.start + k * table.grid.stepMs));
    if (k !== pending) {
      flush();
      pending = k;
      pendingDistance = Infinity;
    }
    if (distance <= pendingDistance) {
      pendingValue = value;
      pendingDistance = distance;
    }
  });
  flush();
  return error ?? disorder;
}

/**
 * The series of a range answer laid onto the grid: one value per step that had one, the others
 * counted in `missing` (never filled in). No series is no data; steps where every series was
 * missing are no data too, with what was seen. `what` names the source in details ('the query').
 */
export function seriesObservation(grid: RangeGrid, series: readonly RawSeries[], reducer: Reducer | undefined, what: string): SeriesObservation {
  if (series.length === 0) return { kind: 'no-data', detail: `${what} returned no series` };
  const refused = severalSeriesError(series.length, () => series.slice(0, 5).map((s) => s.name()), reducer);
  if (refused !== undefined) return { kind: 'error', message: refused };
  const table = new StepTable(grid, reducer);
  for (const s of series) {
    const error = laySeries(table, s);
    if (error !== undefined) return { kind: 'error', message: error };
  }
  const points: Array<{ at: number; value: number }> = [];
  let nonFinite = 0;
  for (let k = 0; k < grid.steps; k++) {
    const value = table.valueAt(k);
    if (value !== undefined) points.push({ at: grid.start + k * grid.stepMs, value });
    else if (table.nonFinite[k] === 1) nonFinite++;
  }
  const missing = grid.steps - points.length;
  const source = series.length === 1 ? (series[0] as RawSeries).name() : `${reducer} of ${series.length} series`;
  const gaps = missing === 0 ? '' : `; ${missing} of ${grid.steps} steps missing (${nonFinite} NaN or infinite, ${missing - nonFinite} without a value)`;
  const outside = table.outside > 0 ? `; ${table.outside} points outside the range left out` : '';
  if (points.length === 0) return { kind: 'no-data', detail: `no step of ${grid.steps} has a finite value: ${source}${gaps}${outside}` };
  return { kind: 'series', points, missing, detail: `${source}${gaps}${outside}` };
}

/**
 * What every provider's range read shares around its own request: the grid (or why there is
 * none), the answer's text scrubbed of secrets, and any failure an error observation. Never throws.
 */
export async function readRange(
  req: { start: number; end: number; stepMs: number },
  redact: (t: string) => string,
  read: (grid: RangeGrid) => Promise<SeriesObservation>,
): Promise<SeriesObservation> {
  try {
    const grid = rangeGrid(req);
    if (typeof grid === 'string') return { kind: 'error', message: grid };
    return redactObservation(await read(grid), redact);
  } catch (err) {
    return { kind: 'error', message: redact(messageOf(err)) };
  }
}
