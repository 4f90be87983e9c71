/**
 * The location shift of a canary against a baseline (canary − baseline): the Hodges-Lehmann
 * estimate (the median of the pairwise differences) and the asymptotic confidence interval by inverting the corrected rank-sum z, as R's
 * wilcox.test (conf.int = TRUE, exact = FALSE) and Kayenta's MannWhitney do (docs/judging.md §2).
 */
import { phiInverse } from './normal.js';
import { midRanks, rankSumSigma } from './ranks.js';

export interface ShiftInterval {
  lower: number;
  upper: number;
  estimate: number;
}

/** z of the rank sum of (canary − d) against baseline, tie- and continuity-corrected; NaN when all tied. */
function shiftedZ(canary: readonly number[], baseline: readonly number[], d: number): number {
  const m = canary.length;
  const n = baseline.length;
  const { ranks, ties } = midRanks([...canary.map((v) => v - d), ...baseline]);
  let r = 0;
  for (let i = 0; i < m; i++) r += ranks[i]!;
  const dz = r - (m * (m + 1)) / 2 - (m * n) / 2;
  const sigma = rankSumSigma(m, n, ties);
  if (!(sigma > 0)) return NaN;
  return (dz - 0.5 * Math.sign(dz)) / sigma;
}

/**
 * The shift d where z(d) crosses `target`. z falls as d grows (a step function), so bisection
 * over [min canary − max baseline, max canary − min baseline] finds the crossing; a crossing
 * outside the bracket gives the bracket's end, as R and Kayenta do.
 */
function crossing(canary: readonly number[], baseline: readonly number[], target: number, lo: number, hi: number): number {
  const f = (d: number): number => shiftedZ(canary, baseline, d) - target;
  if (f(lo) <= 0) return lo;
  if (f(hi) >= 0) return hi;
  let a = lo;
  let b = hi;
  const tolerance = 1e-10 * Math.max(1, Math.abs(lo), Math.abs(hi));
  for (let k = 0; k < 200 && b - a > tolerance; k++) {
    const mid = (a + b) / 2;
    if (f(mid) > 0) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

/** Undefined when a sample is empty or every value is tied (no interval exists). */
export function shiftInterval(canary: readonly number[], baseline: readonly number[], confidence: number): ShiftInterval | undefined {
  if (canary.length === 0 || baseline.length === 0) return undefined;
  const lo = Math.min(...canary) - Math.max(...baseline);
  const hi = Math.max(...canary) - Math.min(...baseline);
  if (Number.isNaN(shiftedZ(canary, baseline, 0))) return undefined;
  const q = phiInverse(1 - (1 - confidence) / 2);
  return {
    lower: crossing(canary, baseline, q, lo, hi),
    upper: crossing(canary, baseline, -q, lo, hi),
    estimate: hodgesLehmann(canary, baseline),
  };
}

/**
 * The median of every canary − baseline difference. (The root of z = 0 is a whole plateau when
 * the samples separate, so a root finder's answer there is arbitrary; the median is the estimate
 * the interval is built around.)
 */
export function hodgesLehmann(canary: readonly number[], baseline: readonly number[]): number {
  const diffs = new Float64Array(canary.length * baseline.length);
  let k = 0;
  for (const c of canary) for (const b of baseline) diffs[k++] = c - b;
  diffs.sort();
  const mid = diffs.length >> 1;
  return diffs.length % 2 ? diffs[mid]! : (diffs[mid - 1]! + diffs[mid]!) / 2;
}
