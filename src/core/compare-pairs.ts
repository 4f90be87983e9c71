/**
 * A comparison look's reads made into pairs: canary and baseline by step, the volume guard applied,
 * and the first failed read named (core/compare-gate.ts judges what is left).
 */
import type { ComparisonObservation, Observation, SeriesObservation, SloObservation } from './values.js';

export interface Pair {
  at: number;
  canary: number;
  baseline: number;
}

export interface Paired {
  pairs: Pair[];
  /** Steps with both values whose volume (canary or baseline) was below minVolume, or unknown. */
  quiet: number;
  /** The look's own step has a pair: a look without one is a look without data. */
  newest: boolean;
}

function pointsOf(s: SeriesObservation | undefined): Map<number, number> {
  const out = new Map<number, number>();
  if (s?.kind === 'series') for (const p of s.points) if (Number.isFinite(p.value)) out.set(p.at, p.value);
  return out;
}

/** Canary and baseline paired by step; with a volume guard, a step whose volume is below `min` (or unknown) is left out. */
export function pairSeries(obs: ComparisonObservation, minVolume: number | undefined, at: number): Paired {
  const baseline = pointsOf(obs.baseline);
  const volumes = minVolume === undefined ? [] : [pointsOf(obs.canaryVolume), ...(obs.baselineVolume ? [pointsOf(obs.baselineVolume)] : [])];
  const pairs: Pair[] = [];
  let quiet = 0;
  for (const [t, canary] of [...pointsOf(obs.canary)].sort((a, b) => a[0] - b[0])) {
    const b = baseline.get(t);
    if (b === undefined) continue;
    // Missing volume is not enough volume: a quiet step must be no data, not noise.
    if (volumes.some((v) => !((v.get(t) ?? NaN) >= (minVolume ?? 0)))) {
      quiet += 1;
      continue;
    }
    pairs.push({ at: t, canary, baseline: b });
  }
  return { pairs, quiet, newest: pairs.length > 0 && pairs[pairs.length - 1]!.at === at };
}

/** The first failed read, named: any error makes the look an error (retried, counted against consecutiveErrorLimit). */
export function readError(obs: Observation | ComparisonObservation | SloObservation): string | undefined {
  if (obs.kind === 'error') return obs.message;
  if (obs.kind !== 'comparison') return `a comparison gate needs range reads, but an instant ${obs.kind} answer came`;
  const reads: Array<[string, SeriesObservation | undefined]> = [
    ['canary', obs.canary],
    ['baseline', obs.baseline],
    ['canary volume', obs.canaryVolume],
    ['baseline volume', obs.baselineVolume],
  ];
  for (const [what, s] of reads) if (s?.kind === 'error') return `${what} read: ${s.message}`;
  return undefined;
}
