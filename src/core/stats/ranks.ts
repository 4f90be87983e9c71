/**
 * Mid-ranks of a pooled sample (tied values share the average of the ranks they span), and the
 * sizes of the tie groups, which the normal approximation's variance needs.
 */

export interface Ranked {
  /** ranks[i] is the mid-rank (from 1) of values[i]. */
  ranks: number[];
  /** The size of every group of equal values with more than one member. */
  ties: number[];
}

export function midRanks(values: readonly number[]): Ranked {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  const ties: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && order[end]!.v === order[start]!.v) end++;
    // Ranks start+1 .. end share their mean.
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!.i] = rank;
    if (end - start > 1) ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}

/** σ of U under the null for samples of m and n values, with the tie correction (SciPy's formula); 0 when everything is tied. */
export function rankSumSigma(m: number, n: number, ties: readonly number[]): number {
  const big = m + n;
  const tieSum = ties.reduce((s, t) => s + t ** 3 - t, 0);
  return Math.sqrt(((m * n) / 12) * (big + 1 - tieSum / (big * (big - 1))));
}
