/**
 * The sequential judge: after every measurement, time-uniform confidence intervals of the mean
 * excess of the canary over the moved baseline (d = canary − (factor·baseline + offset) for a
 * `max` bound; the other way round for `min`) decide at once when they exclude 0:
 *  - a regression: the interval of the excess over the `fail` bound lies above 0. A regression may
 *    start mid-bake, which a mean over the whole bake dilutes, so the interval is also taken over
 *    the samples since each restart point (every `restartEvery` samples); each of the K restarts
 *    gets α/K, so the chance that any of them ever crosses by noise stays at most α (Bonferroni).
 *  - a canary within tolerance: the interval of the excess over the `pass` bound lies below 0,
 *    over all samples and over their second half. Early, only if the plan allows it; undecided at
 *    the bake's end, the end-of-bake comparison decides (comparison.ts).
 * Each interval covers the true mean at every look with probability 1 − α (confidence-sequence.ts),
 * so looking after every scrape does not inflate the error rates; the variance is estimated from
 * the data (a plug-in), which makes the guarantee asymptotic, hence a minimum sample count.
 */
import { sequentialInterval, type SequentialInterval } from '../stats/confidence-sequence.js';
import type { Bound } from '../../plan/tolerance.js';
import { applyBound, finite, type Side } from './comparison.js';

export interface SequentialSettings {
  /** Which bound: the canary fails beyond `fail` (above it for max), passes when shown within `pass`. */
  side: Side;
  fail: Bound;
  /** Default: `fail`. */
  pass?: Bound;
  /** 1 − α; 0.98 by default in plans. */
  confidence: number;
  /** No decision on fewer samples than this (from a restart point, for a regression). */
  minSamples: number;
  /** The number of samples the bake will have at its end (tunes the intervals to be tightest there). */
  plannedSamples: number;
  /** A restart point every this many samples (a regression that starts mid-bake is judged on its own samples). */
  restartEvery: number;
  promoteEarly: boolean;
}

export interface Look {
  decision: 'continue' | 'fail' | 'pass';
  /** The interval that decided, or the whole-bake interval of the excess over the tolerance. */
  interval: SequentialInterval;
  /** The sample the deciding interval starts at. */
  from: number;
  /** The confidence the interval holds at (each restart's share of 1 - confidence; a pass's half): what its label says. */
  confidence: number;
}

function sampleVariance(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  return v / (n - 1);
}

/** The excess of each canary value over its tolerated baseline (positive = worse than tolerated). */
export function excesses(pairs: ReadonlyArray<{ canary: number; baseline: number }>, b: Bound, side: Side): number[] {
  return finite(pairs.map(({ canary, baseline }) => (side === 'max' ? canary - applyBound(baseline, b) : applyBound(baseline, b) - canary)));
}

/** The sample variance, floored: a run of identical values must not collapse an interval to a point. */
function variance(d: readonly number[], b: Bound): number {
  const floor = (b.offset / 10) ** 2 || 1e-18;
  return d.length < 2 ? NaN : Math.max(sampleVariance(d), floor);
}

/**
 * Within the pass tolerance over all samples so far and over their second half (each at α/2):
 * a regression that began mid-bake must not pass on the healthy samples before it. Returns the
 * whole interval, or undefined when either is not shown within.
 */
function shownWithin(pairs: ReadonlyArray<{ canary: number; baseline: number }>, s: SequentialSettings, alpha: number): SequentialInterval | undefined {
  const passT = s.pass ?? s.fail;
  const d = excesses(pairs, passT, s.side);
  if (d.length < s.minSamples) return undefined;
  const v = variance(d, passT);
  const whole = sequentialInterval(d, v, s.plannedSamples, alpha / 2);
  if (!(whole.upper < 0)) return undefined;
  const half = Math.floor(d.length / 2);
  if (d.length - half >= s.minSamples && !(sequentialInterval(d.slice(half), v, s.plannedSamples - half, alpha / 2).upper < 0)) return undefined;
  return whole;
}

export function lookSequential(pairs: ReadonlyArray<{ canary: number; baseline: number }>, s: SequentialSettings): Look {
  const alpha = 1 - s.confidence;
  const d = excesses(pairs, s.fail, s.side);
  const restarts = Math.max(1, Math.ceil(s.plannedSamples / s.restartEvery));
  // One variance for every segment, estimated from all samples: a segment's own few samples would
  // underestimate it often enough to break the error rate (A/A streams in test/core-judges).
  const v = variance(d, s.fail);
  const whole = sequentialInterval(d, v, s.plannedSamples, alpha / restarts);
  const level = 1 - alpha / restarts;
  if (d.length < s.minSamples) return { decision: 'continue', interval: whole, from: 0, confidence: level };
  for (let from = 0; from < restarts * s.restartEvery && d.length - from >= s.minSamples; from += s.restartEvery) {
    const i = from === 0 ? whole : sequentialInterval(d.slice(from), v, s.plannedSamples - from, alpha / restarts);
    if (i.lower > 0) return { decision: 'fail', interval: i, from, confidence: level };
  }
  if (s.promoteEarly) {
    const pass = shownWithin(pairs, s, alpha);
    if (pass) return { decision: 'pass', interval: pass, from: 0, confidence: 1 - alpha / 2 };
  }
  return { decision: 'continue', interval: whole, from: 0, confidence: level };
}
