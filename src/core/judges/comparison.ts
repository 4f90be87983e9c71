/**
 * Canary against baseline over a bake window, judged against bounds in plan words
 * (`max: baseline * 1.2 + 0.001`, src/plan/tolerance.ts). The bound is applied to the baseline
 * sample before the test, so the question asked is "is the canary worse than the tolerated
 * baseline?", not Kayenta's "is there a shift, and is it bigger than a quarter of itself?" (the
 * relative band that passes a 70x mean ratio on a wide interval: docs/judging.md §1 pitfalls).
 * And a pass must be shown too: too little evidence either way is inconclusive, never a pass.
 */
import type { Bound } from '../../plan/tolerance.js';
import { mannWhitney } from '../stats/mann-whitney.js';

/** `max`: the canary fails above it (an increase is bad); `min`: below it; both: either way. */
export interface Bounds {
  max?: Bound;
  min?: Bound;
}

export interface ComparisonSettings {
  /** A canary shown beyond these (with the confidence below) fails. */
  fail: Bounds;
  /** A canary passes only when shown within these (default: `fail`). Between the two, or with too little data, inconclusive. */
  pass?: Bounds;
  /** 0.98: a side is shown when its one-sided p < 0.02 (half that for each side of a two-sided gate). */
  confidence: number;
  /** Fewer samples on either side is no data (the plan's onNoData applies), never a pass. */
  minSamples: number;
}

export type Outcome = 'pass' | 'fail' | 'inconclusive' | 'no-data';
export type Side = 'max' | 'min';

export interface ComparisonNumbers {
  canaryMean: number;
  baselineMean: number;
  /** canary mean ÷ baseline mean (NaN when the baseline mean is 0). */
  ratio: number;
  /** The p of "beyond the fail bound" (the smaller, with both bounds). */
  p: number;
  /** The p of "within the pass bound" (the larger, with both bounds). */
  pPass: number;
  /** Mann-Whitney U of the canary against the moved baseline. */
  u: number;
  canaryN: number;
  baselineN: number;
}

export interface ComparisonVerdict {
  outcome: Outcome;
  /** The bound that decided (or came closest to). */
  side?: Side;
  /** One sentence a person can act on, with the numbers. */
  reason: string;
  numbers: ComparisonNumbers;
}

/** The baseline value moved by a bound: factor·baseline + offset. */
export function applyBound(baseline: number, b: Bound): number {
  return baseline * b.factor + b.offset;
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : NaN;
}

/** Drops NaN and infinite values (Kayenta's nanStrategy `remove`): a missing point is no data, not 0. */
export function finite(xs: readonly number[]): number[] {
  return xs.filter((x) => Number.isFinite(x));
}

export function sidesOf(b: Bounds): Side[] {
  return (['max', 'min'] as const).filter((s) => b[s] !== undefined);
}

/** One-sided p that the canary lies beyond (`worse`) or within (`!worse`) the bound on `side`. */
function sideP(canary: number[], baseline: number[], side: Side, bound: Bound, worse: boolean): { p: number; u: number } {
  const moved = baseline.map((b) => applyBound(b, bound));
  const greater = (side === 'max') === worse;
  const r = mannWhitney(canary, moved, { alternative: greater ? 'greater' : 'less' });
  return { p: r.p, u: r.u1 };
}

/**
 * What every comparison judge starts from, written once: the finite samples, their means and
 * counts, and the no-data verdict when either side has fewer than minSamples (never a pass).
 */
export function samplesOf(
  canaryIn: readonly number[],
  baselineIn: readonly number[],
  s: ComparisonSettings,
): { canary: number[]; baseline: number[]; numbers: ComparisonNumbers; tooFew?: ComparisonVerdict } {
  const canary = finite(canaryIn);
  const baseline = finite(baselineIn);
  const canaryMean = mean(canary);
  const baselineMean = mean(baseline);
  const ratio = baselineMean === 0 ? NaN : canaryMean / baselineMean;
  const numbers: ComparisonNumbers = { canaryMean, baselineMean, ratio, p: NaN, pPass: NaN, u: NaN, canaryN: canary.length, baselineN: baseline.length };
  if (canary.length < s.minSamples || baseline.length < s.minSamples) {
    const reason = `too few samples (canary ${canary.length}, baseline ${baseline.length}; at least ${s.minSamples} each)`;
    return { canary, baseline, numbers, tooFew: { outcome: 'no-data', reason, numbers } };
  }
  return { canary, baseline, numbers };
}

/** The end-of-window Mann-Whitney judge. */
export function judgeComparison(canaryIn: readonly number[], baselineIn: readonly number[], s: ComparisonSettings): ComparisonVerdict {
  const { canary, baseline, numbers, tooFew } = samplesOf(canaryIn, baselineIn, s);
  if (tooFew) return tooFew;
  const sides = sidesOf(s.fail);
  const level = (1 - s.confidence) / sides.length;
  const pass = s.pass ?? s.fail;
  let worst: { side: Side; p: number; u: number } | undefined;
  let pPass = 0;
  for (const side of sides) {
    const w = sideP(canary, baseline, side, s.fail[side]!, true);
    if (!worst || w.p < worst.p || Number.isNaN(worst.p)) worst = { side, ...w };
    pPass = Math.max(pPass, sideP(canary, baseline, side, pass[side] ?? s.fail[side]!, false).p);
  }
  if (!worst) return { outcome: 'no-data', reason: 'the gate has no bound to compare against', numbers };
  Object.assign(numbers, { p: worst.p, u: worst.u, pPass });
  if (Number.isNaN(worst.p)) return { outcome: 'no-data', side: worst.side, reason: 'no test: every value is tied', numbers };
  const outcome: Outcome = worst.p < level ? 'fail' : pPass < level ? 'pass' : 'inconclusive';
  return { outcome, side: worst.side, reason: describeComparison(outcome, worst.side, numbers, s), numbers };
}

/** A number as a verdict shows it: three significant digits. */
export function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x);
}

/** A tolerance as the verdicts word it: `1.2x + 0.001`. */
export function toleranceText(b: Bound | undefined): string {
  if (!b) return '?';
  return b.offset === 0 ? `${fmt(b.factor)}x` : `${fmt(b.factor)}x ${b.offset < 0 ? '-' : '+'} ${fmt(Math.abs(b.offset))}`;
}

/** The head of a comparison verdict: `canary 0.031 vs baseline 0.020 (1.55x, n=30/30)`, with `extra` (a p) after the ratio. */
export function comparisonHead(n: Pick<ComparisonNumbers, 'canaryMean' | 'baselineMean' | 'ratio' | 'canaryN' | 'baselineN'>, extra = ''): string {
  const ratio = Number.isNaN(n.ratio) ? 'baseline 0' : `${fmt(n.ratio)}x`;
  return `canary ${fmt(n.canaryMean)} vs baseline ${fmt(n.baselineMean)} (${ratio}${extra}, n=${n.canaryN}/${n.baselineN})`;
}

/**
 * "canary 0.031 vs baseline 0.020 (1.55x, p=0.003, n=30/30): above the 1.2x + 0.001 tolerance".
 * Each p sits beside the claim it tests: a failure's beside the ratio (the p of a regression), a
 * pass's beside the pass tolerance, and an undecided verdict gives both, each by its bound.
 */
export function describeComparison(outcome: Outcome, side: Side, n: ComparisonNumbers, s: ComparisonSettings): string {
  const head = (extra: string) => comparisonHead(n, extra);
  // Each p with the level it is judged against (this test's share of the gate's 1 - confidence), so a reader sees why.
  const level = (1 - s.confidence) / sidesOf(s.fail).length;
  const p = (x: number) => `p=${fmt(x)} ${x < level ? '<' : '≥'} ${fmt(level)}`;
  const failB = toleranceText(s.fail[side]);
  const passB = toleranceText((s.pass ?? s.fail)[side] ?? s.fail[side]);
  const beyond = side === 'max' ? 'above' : 'below';
  if (outcome === 'fail') return `${head(`, ${p(n.p)}`)}: ${beyond} the ${failB} tolerance`;
  if (outcome === 'pass') return `${head('')}: within the ${passB} tolerance (${p(n.pPass)})`;
  return `${head('')}: not shown ${beyond} ${failB} (${p(n.p)}) nor within ${passB} (${p(n.pPass)}): too little evidence either way`;
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
  const ofRecent = (v: ComparisonVerdict): ComparisonVerdict => ({ ...v, reason: `over the second half of the bake: ${v.reason}` });
  if (whole.outcome === 'fail') return whole;
  if (recent.outcome === 'fail') return ofRecent(recent);
  if (whole.outcome === 'no-data') return whole;
  if (whole.outcome === 'pass' && recent.outcome === 'pass') return whole;
  if (recent.outcome === 'pass') return { ...whole, outcome: 'inconclusive' };
  return { ...ofRecent(recent), outcome: 'inconclusive' };
}
