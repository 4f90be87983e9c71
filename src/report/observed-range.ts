/**
 * The numbers behind a gate verdict: the range of values a gate observed in one bake against the
 * gate's limits. One writer for `simulate`'s progress lines and the release summary's gate
 * cells, so both print a range the same way (`0.004..0.006`, limits `max 0.01`).
 */

/** The lowest and highest value seen. */
export interface ObservedRange {
  lo: number;
  hi: number;
}

/** Compact number: enough digits to compare with a threshold, no float noise. */
export function num(n: number, digits = 4): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(digits)));
}

const MAX_DIGITS = 17;

/**
 * The fewest significant digits (at least four) at which every `[value, limit]` pair prints in the
 * same order as it is: four digits print 0.0100004 against max 0.01 as `0.01 > 0.01`, a sign
 * the reader sees is false.
 */
export function digitsFor(...pairs: readonly (readonly [number, number])[]): number {
  const reads = (d: number): boolean => pairs.every(([v, limit]) => Math.sign(Number(num(v, d)) - Number(num(limit, d))) === Math.sign(v - limit));
  let d = 4;
  while (d < MAX_DIGITS && !reads(d)) d++;
  return d;
}

/** A value and the limit it is compared with, at the digits that keep the comparison true. */
export function numsAgainst(value: number, limit: number): [string, string] {
  const d = digitsFor([value, limit]);
  return [num(value, d), num(limit, d)];
}

/**
 * The burn rate an slo measurement is judged by: it fails when both windows burn above the
 * factor, so the lower of the two is the one compared with it. Undefined for any other answer.
 */
export function judgedBurn(n: { burnRateShort?: number; burnRateLong?: number } | undefined): number | undefined {
  const short = n?.burnRateShort;
  const long = n?.burnRateLong;
  return short !== undefined && long !== undefined && Number.isFinite(short) && Number.isFinite(long) ? Math.min(short, long) : undefined;
}

/** `seen` widened by `v` (a new range when nothing was seen). */
export function widen(seen: ObservedRange | undefined, v: number): ObservedRange {
  return seen ? { lo: Math.min(seen.lo, v), hi: Math.max(seen.hi, v) } : { lo: v, hi: v };
}

/** `0.004..0.006`, or one number when every value was the same. */
export function rangeText(seen: ObservedRange, digits = 4): string {
  return seen.lo === seen.hi ? num(seen.lo, digits) : `${num(seen.lo, digits)}..${num(seen.hi, digits)}`;
}

/** The limits of a gate as a reader writes them: `max 0.01`, `min 0.95, max 1`. */
export function limitsText(min: number | undefined, max: number | undefined): string {
  return [min !== undefined ? `min ${num(min)}` : '', max !== undefined ? `max ${num(max)}` : ''].filter(Boolean).join(', ');
}

/**
 * The range against the limits as a comparison (`0.004..0.006 ≤ 0.01`, `0.95 ≤ 0.97 ≤ 1`); where a
 * value broke a limit the sign says so (`0.016..0.017 > 0.01`), so a failed gate never reads as a
 * true inequality.
 */
export function againstLimits(seen: ObservedRange, min: number | undefined, max: number | undefined): string {
  const d = digitsFor(...(min === undefined ? [] : [[seen.lo, min] as const]), ...(max === undefined ? [] : [[seen.hi, max] as const]));
  const range = rangeText(seen, d);
  const low = min === undefined ? '' : seen.lo < min ? `${num(min, d)} > ` : `${num(min, d)} ≤ `;
  const high = max === undefined ? '' : seen.hi > max ? ` > ${num(max, d)}` : ` ≤ ${num(max, d)}`;
  // A low breach reads best with the range first: `0.91 < 0.95`.
  if (min !== undefined && seen.lo < min && max === undefined) return `${range} < ${num(min, d)}`;
  return `${low}${range}${high}`;
}

/**
 * Ranges per key while entries stream by (simulate prints a verdict line from the measurements
 * before it): `add` each value, `take` the range at the verdict (which forgets it, so the next
 * bake starts afresh).
 */
export class ObservedRanges {
  private readonly seen = new Map<string, ObservedRange>();

  add(key: string, v: number): void {
    this.seen.set(key, widen(this.seen.get(key), v));
  }

  take(key: string): ObservedRange | undefined {
    const r = this.seen.get(key);
    this.seen.delete(key);
    return r;
  }
}
