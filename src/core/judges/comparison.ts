/**
 * Canary against baseline over a bake window, judged with a tolerance in plan words
 * (`canary <= baseline * 1.2 + 0.001`). The tolerance is applied to the baseline sample before
 * the test, so the question asked is "is the canary worse than the tolerated baseline?", not
 * Kayenta's "is there a shift, and is it bigger than a quarter of itself?" (the relative band that
 * passes a 70x mean ratio on a wide interval: docs/judging.md §1 pitfalls).
 */
import { mannWhitney } from '../stats/mann-whitney.js';

export type Direction = 'increase' | 'decrease' | 'either';

export interface Tolerance {
  /** The canary may be this many times the baseline (1.2 = 20% worse)... */
  factor: number;
  /** ...plus this much (for metrics whose baseline is near 0, such as error ratios). */
  absolute: number;
}

export interface ComparisonSettings {
  /** A canary shown worse than this (with the confidence below) fails. */
  tolerance: Tolerance;
  /**
   * A canary passes only when shown better than this: absence of evidence is no pass. Between the
   * two (or with too little data to show either) the verdict is inconclusive, and the plan's
   * policy for that (a person decides, by default) applies. Default: the tolerance.
   */
  passTolerance?: Tolerance;
  direction: Direction;
  /** 0.98: a side is shown when its one-sided p < 0.02. */
  confidence: number;
  /** Fewer samples on either side is no data (the plan's onNoData applies), never a pass. */
  minSamples: number;
}

export type Outcome = 'pass' | 'fail' | 'inconclusive' | 'no-data';

export interface ComparisonVerdict {
  outcome: Outcome;
  /** One sentence a person can act on, with the numbers. */
  reason: string;
  numbers: {
    canaryMean: number;
    baselineMean: number;
    /** canary mean ÷ baseline mean (NaN when the baseline mean is 0). */
    ratio: number;
    /** The p of "worse than the tolerance" (the smaller, with direction either). */
    p: number;
    /** The p of "better than the pass tolerance" (the larger, with direction either). */
    pPass: number;
    u: number;
    canaryN: number;
    baselineN: number;
  };
}

/** The highest value the canary may have for a baseline value, in the direction that hurts. */
export function toleratedUpper(baseline: number, t: Tolerance): number {
  return baseline * t.factor + t.absolute;
}
export function toleratedLower(baseline: number, t: Tolerance): number {
  return baseline / t.factor - t.absolute;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : NaN;
}

/** Drops NaN and infinite values (Kayenta's nanStrategy `remove`): a missing point is no data, not 0. */
export function finite(xs: readonly number[]): number[] {
  return xs.filter((x) => Number.isFinite(x));
}

type Side = 'increase' | 'decrease';

function sides(d: Direction): Side[] {
  return d === 'either' ? ['increase', 'decrease'] : [d];
}

/** One-sided p that the canary is worse than `t` on `side` (worse = 'greater' than the tolerated baseline when increase is bad). */
function worseP(canary: number[], baseline: number[], side: Side, t: Tolerance): { p: number; u: number } {
  const bound = baseline.map((b) => (side === 'increase' ? toleratedUpper(b, t) : toleratedLower(b, t)));
  const r = mannWhitney(canary, bound, { alternative: side === 'increase' ? 'greater' : 'less' });
  return { p: r.p, u: r.u1 };
}

/** One-sided p that the canary is better than `t` on `side`. */
function betterP(canary: number[], baseline: number[], side: Side, t: Tolerance): number {
  const bound = baseline.map((b) => (side === 'increase' ? toleratedUpper(b, t) : toleratedLower(b, t)));
  return mannWhitney(canary, bound, { alternative: side === 'increase' ? 'less' : 'greater' }).p;
}

/** The end-of-window Mann-Whitney judge. */
export function judgeComparison(canaryIn: readonly number[], baselineIn: readonly number[], s: ComparisonSettings): ComparisonVerdict {
  const canary = finite(canaryIn);
  const baseline = finite(baselineIn);
  const canaryMean = mean(canary);
  const baselineMean = mean(baseline);
  const ratio = baselineMean === 0 ? NaN : canaryMean / baselineMean;
  const numbers = { canaryMean, baselineMean, ratio, p: NaN, pPass: NaN, u: NaN, canaryN: canary.length, baselineN: baseline.length };
  if (canary.length < s.minSamples || baseline.length < s.minSamples) {
    return { outcome: 'no-data', reason: `too few samples (canary ${canary.length}, baseline ${baseline.length}; at least ${s.minSamples} each)`, numbers };
  }
  const alpha = 1 - s.confidence;
  // Either direction is two one-sided tests, each at half the level.
  const level = s.direction === 'either' ? alpha / 2 : alpha;
  const passT = s.passTolerance ?? s.tolerance;
  let worst: { side: Side; p: number; u: number } | undefined;
  let pPass = 0;
  for (const side of sides(s.direction)) {
    const w = worseP(canary, baseline, side, s.tolerance);
    if (!worst || w.p < worst.p || Number.isNaN(worst.p)) worst = { side, ...w };
    pPass = Math.max(pPass, betterP(canary, baseline, side, passT));
  }
  numbers.p = worst!.p;
  numbers.u = worst!.u;
  numbers.pPass = pPass;
  if (Number.isNaN(worst!.p)) return { outcome: 'no-data', reason: 'no test: every value tied', numbers };
  const outcome: Outcome = worst!.p < level ? 'fail' : pPass < level ? 'pass' : 'inconclusive';
  return { outcome, reason: describe(outcome, worst!.side, numbers, s.tolerance, passT), numbers };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : String(x);
}

function describe(outcome: Outcome, side: Side, n: ComparisonVerdict['numbers'], t: Tolerance, passT: Tolerance): string {
  const head = `canary ${fmt(n.canaryMean)} vs baseline ${fmt(n.baselineMean)} (${Number.isNaN(n.ratio) ? 'baseline 0' : `${fmt(n.ratio)}x`}, p=${fmt(n.p)}, n=${n.canaryN}/${n.baselineN})`;
  const bound = (x: Tolerance): string => (side === 'increase' ? `${fmt(x.factor)}x` : `1/${fmt(x.factor)}x`);
  if (outcome === 'fail') return `${head}: ${side === 'increase' ? 'above' : 'below'} the ${bound(t)} tolerance`;
  if (outcome === 'pass') return `${head}: within the ${bound(passT)} tolerance (p=${fmt(n.pPass)})`;
  return `${head}: neither above the ${bound(t)} tolerance nor shown within ${bound(passT)} (p=${fmt(n.pPass)}): too little evidence either way`;
}

/**
 * The end-of-bake verdict of a gate that may see a regression start mid-bake: the whole window
 * and its second half are each judged at half the level (Bonferroni), a failure of either fails,
 * and only both passing passes (a regression that began halfway must not pass on the healthy
 * samples before it, which a whole-window test dilutes it with).
 */
export function judgeWindowAndRecentHalf(canary: readonly number[], baseline: readonly number[], s: ComparisonSettings): ComparisonVerdict {
  const half = { ...s, confidence: 1 - (1 - s.confidence) / 2 };
  const whole = judgeComparison(canary, baseline, half);
  const from = Math.floor(Math.min(canary.length, baseline.length) / 2);
  const recent = judgeComparison(canary.slice(from), baseline.slice(from), half);
  if (whole.outcome === 'fail') return whole;
  if (recent.outcome === 'fail') return { ...recent, reason: `over the second half of the bake: ${recent.reason}` };
  if (whole.outcome === 'no-data') return whole;
  if (whole.outcome === 'pass' && recent.outcome === 'pass') return whole;
  const weak = recent.outcome === 'pass' ? whole : recent;
  return { ...weak, outcome: 'inconclusive', reason: weak === recent ? `over the second half of the bake: ${recent.reason}` : whole.reason };
}
