/**
 * The relative-threshold judge: the canary's window mean against the baseline's moved by the bound
 * (`max: baseline * 1.2 + 0.001`). No test and no p-value: it is Flagger's hand-written ratio
 * query done for the user, with the same sample-count rule as the statistical judge (too few is
 * no data, never a pass), for metrics too smooth or too few to rank.
 */
import { applyBound, fmt, samplesOf, sidesOf, type ComparisonSettings, type ComparisonVerdict, type Side } from './comparison.js';

export function judgeRatio(canaryIn: readonly number[], baselineIn: readonly number[], s: ComparisonSettings): ComparisonVerdict {
  const { canary, baseline, numbers, tooFew } = samplesOf(canaryIn, baselineIn, s);
  if (tooFew) return tooFew;
  const { canaryMean, baselineMean, ratio } = numbers;
  const head = `canary mean ${fmt(canaryMean)} vs baseline mean ${fmt(baselineMean)} (${Number.isNaN(ratio) ? 'baseline 0' : `${fmt(ratio)}x`}, n=${canary.length}/${baseline.length})`;
  const pass = s.pass ?? s.fail;
  let within: { side: Side; limit: number } | undefined;
  let between: { side: Side; limit: number } | undefined;
  for (const side of sidesOf(s.fail)) {
    const limit = applyBound(baselineMean, s.fail[side]!);
    const beyond = side === 'max' ? canaryMean > limit : canaryMean < limit;
    if (beyond) return { outcome: 'fail', side, reason: `${head}: ${side === 'max' ? 'above' : 'below'} the tolerated ${fmt(limit)}`, numbers };
    // A pass must be within the pass bound too (passMax/passMin, default the fail bound): between
    // the two, the ratio judge has no evidence either way (inconclusive, a person decides).
    const passLimit = applyBound(baselineMean, pass[side] ?? s.fail[side]!);
    const inside = side === 'max' ? canaryMean <= passLimit : canaryMean >= passLimit;
    if (!inside) between ??= { side, limit: passLimit };
    else within ??= { side, limit: passLimit };
  }
  if (between) {
    const word = between.side === 'max' ? 'above' : 'below';
    return {
      outcome: 'inconclusive',
      side: between.side,
      reason: `${head}: not above the fail bound but ${word} the pass bound ${fmt(between.limit)}: too little evidence either way`,
      numbers,
    };
  }
  if (!within) return { outcome: 'no-data', reason: 'the gate has no bound to compare against', numbers };
  return { outcome: 'pass', side: within.side, reason: `${head}: within the tolerated ${fmt(within.limit)}`, numbers };
}
