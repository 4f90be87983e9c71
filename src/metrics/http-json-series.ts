/**
 * The series of an HTTP JSON range read: the gate's JSONPath selects one array per series (one
 * match: one series; several, e.g. `$.series[*].points`: several, combined per step with the
 * gate's `reduce`). Each element of a series array is a point in one of two forms:
 *
 * - a pair `[time, value]` (Prometheus' `values`, most chart APIs);
 * - an object `{time, value}`, the time under `time`, `timestamp` or `t`, the value under
 *   `value` or `v`.
 *
 * A time is epoch seconds or epoch milliseconds (a number or a numeric string; fractions allowed),
 * told apart by size: below 10^11 it is seconds (10^11 seconds is the year 5138, 10^11 ms is
 * 1973, so a time near the range asked for cannot be taken for the other), or an RFC 3339 text
 * with its zone (`2026-11-23T12:00:00Z`, `...+01:00`). A value is a number, a numeric string
 * (`"0.25"`, `"NaN"`, `"+Inf"`) or `null` (no value at that time). Anything else is refused with
 * the path, the point and the forms expected: a guess at an unknown shape could pair the wrong
 * numbers.
 */
import { JSONPath } from 'jsonpath-plus';
import type { Reducer } from '../plan/types.js';
import type { SeriesObservation } from '../core/values.js';
import { oneLine } from '../report/untrusted.js';
import { numberOf } from './http.js';
import { seriesObservation, type RangeGrid, type RawSeries } from './series.js';
import { messageOf } from '../report/message.js';

const FORMS = 'an array of [time, value] pairs or of {time, value} objects';
const TIME_KEYS = ['time', 'timestamp', 't'] as const;
const VALUE_KEYS = ['value', 'v'] as const;
/** Epoch numbers below this are seconds, above it milliseconds (see the header). */
const SECONDS_BELOW = 1e11;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Epoch ms of a point's time, or undefined when it is none of the accepted forms. */
function timeOf(raw: unknown): number | undefined {
  if (typeof raw === 'string' && RFC3339.test(raw)) {
    const ms = Date.parse(raw.toUpperCase());
    return Number.isNaN(ms) ? undefined : ms;
  }
  const n = numberOf(raw);
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return Math.abs(n) < SECONDS_BELOW ? n * 1000 : n;
}

function field(point: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) if (key in point) return point[key];
  return undefined;
}

/** An excerpt of backend text for a message: scrubbed whole, then cut, on one line. */
function excerpt(value: unknown, redact: (t: string) => string): string {
  return oneLine(redact(JSON.stringify(value) ?? String(value)).slice(0, 80));
}

/** Reads one series array; the message of the first point that is not a point. */
function readSeries(name: string, list: unknown, redact: (t: string) => string, emit: (atMs: number, value: number | null) => void): string | undefined {
  if (!Array.isArray(list)) return `JSONPath matched ${excerpt(list, redact)} at ${name}, expected ${FORMS}`;
  for (let i = 0; i < list.length; i++) {
    const point: unknown = list[i];
    let rawTime: unknown;
    let rawValue: unknown;
    if (Array.isArray(point) && point.length === 2) {
      rawTime = point[0];
      rawValue = point[1];
    } else if (point !== null && typeof point === 'object' && !Array.isArray(point)) {
      rawTime = field(point as Record<string, unknown>, TIME_KEYS);
      rawValue = field(point as Record<string, unknown>, VALUE_KEYS);
      if (rawTime === undefined || rawValue === undefined) {
        const keys = rawTime === undefined ? TIME_KEYS : VALUE_KEYS;
        return `point ${i + 1} of ${name} is ${excerpt(point, redact)}, which has no ${rawTime === undefined ? 'time' : 'value'}: expected a key ${keys.join(', ').replace(/, (\w+)$/, ' or $1')}`;
      }
    } else {
      return `element ${i + 1} of ${name} is ${excerpt(point, redact)}, expected ${FORMS}`;
    }
    const atMs = timeOf(rawTime);
    if (atMs === undefined) {
      return `point ${i + 1} of ${name} has the time ${excerpt(rawTime, redact)}: expected epoch seconds or milliseconds, or an RFC 3339 time such as 2026-11-23T12:00:00Z`;
    }
    const value = rawValue === null ? null : numberOf(rawValue);
    if (value === undefined) return `point ${i + 1} of ${name} has the value ${excerpt(rawValue, redact)}, which is not a number (or null)`;
    emit(atMs, value);
  }
  return undefined;
}

/** The series at the gate's JSONPath over the grid. Exported for tests of the shapes. */
export function jsonPathSeries(
  json: unknown,
  path: string,
  grid: RangeGrid,
  reducer: Reducer | undefined,
  redact: (t: string) => string = (t) => t,
): SeriesObservation {
  let found: Array<{ path: string; value: unknown }>;
  try {
    found = JSONPath({ path, json: json as object, wrap: true, eval: false, resultType: 'all' }) as Array<{ path: string; value: unknown }>;
  } catch (err) {
    return { kind: 'error', message: `JSONPath ${path} could not be evaluated: ${messageOf(err)}` };
  }
  // A null series is a series the backend has no data for (as a null value is a point without one).
  const present = found.filter((m) => m.value !== null && m.value !== undefined);
  if (present.length === 0) return { kind: 'no-data', detail: `JSONPath ${path} matched ${found.length === 0 ? 'nothing' : 'only null'}` };
  const first = (present[0] as { path: string; value: unknown }).value;
  if (Array.isArray(first) && first.length > 0 && (first[0] === null || typeof first[0] !== 'object')) {
    // A path one level too deep (`$.values[*]`) selects the points themselves, each an array of two scalars.
    return {
      kind: 'error',
      message: `JSONPath ${path} matched ${excerpt(first, redact)}, expected ${FORMS}: the path seems to select points, not series; select the array that holds them (e.g. $.values, not $.values[*])`,
    };
  }
  const series = present.map((m): RawSeries => ({
    name: () => (present.length === 1 ? `JSONPath ${path}` : oneLine(m.path)),
    read: (emit) => readSeries(present.length === 1 ? `JSONPath ${path}` : `JSONPath ${path} at ${oneLine(m.path)}`, m.value, redact, emit),
  }));
  return seriesObservation(grid, series, reducer, `JSONPath ${path}`);
}
