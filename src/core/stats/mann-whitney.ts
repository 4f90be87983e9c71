/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) of a canary sample against a baseline sample,
 * written here because no npm package gives the exact distribution, the tie- and
 * continuity-corrected normal approximation and one-sided alternatives together
 * (docs/judging.md, section 2). Checked against SciPy's and R's published values
 * (test/stats-mann-whitney.test.ts).
 *
 * U₁ counts the pairs where the first sample is larger (ties count half); "greater" asks whether
 * the first sample tends to be larger.
 */
import { phi } from './normal.js';
import { midRanks, rankSumSigma } from './ranks.js';

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface MannWhitneyOptions {
  alternative?: Alternative;
  /** 'auto' (the default) is exact when both samples hold fewer than 50 values and nothing is tied, as R's wilcox.test. */
  method?: 'auto' | 'exact' | 'asymptotic';
  /** The continuity correction of the normal approximation (default true, as SciPy and R). */
  continuity?: boolean;
}

export interface MannWhitneyResult {
  /** U of the first sample: #{x > y} + ½·#{x = y}. */
  u1: number;
  u2: number;
  /** NaN when there is no test: an empty sample, or every value tied (σ = 0). */
  p: number;
  method: 'exact' | 'asymptotic';
  /** The standardized statistic of the normal approximation (absent for the exact method). */
  z?: number;
  m: number;
  n: number;
}

const EXACT_BELOW = 50;

export function mannWhitney(x: readonly number[], y: readonly number[], options: MannWhitneyOptions = {}): MannWhitneyResult {
  const alternative = options.alternative ?? 'two-sided';
  const m = x.length;
  const n = y.length;
  const { ranks, ties } = midRanks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < m; i++) r1 += ranks[i]!;
  const u1 = r1 - (m * (m + 1)) / 2;
  const u2 = m * n - u1;
  const base = { u1, u2, m, n };
  if (m === 0 || n === 0) return { ...base, p: NaN, method: 'asymptotic' };
  const method = options.method ?? 'auto';
  const exact = method === 'exact' || (method === 'auto' && ties.length === 0 && m < EXACT_BELOW && n < EXACT_BELOW);
  if (exact) return { ...base, p: exactP(u1, m, n, alternative), method: 'exact' };
  const { z, p } = asymptoticP(u1, m, n, ties, alternative, options.continuity ?? true);
  return { ...base, p, z, method: 'asymptotic' };
}

/** The normal approximation: z = (U₁ − mn/2 − c)/σ with the tie-corrected σ (SciPy's formula). */
export function asymptoticP(
  u1: number,
  m: number,
  n: number,
  ties: readonly number[],
  alternative: Alternative,
  continuity: boolean,
): { z: number; p: number } {
  const mu = (m * n) / 2;
  const sigma = rankSumSigma(m, n, ties);
  if (!(sigma > 0)) return { z: NaN, p: NaN };
  // The correction moves U toward the mean, the side that makes p larger.
  const c = !continuity ? 0 : alternative === 'greater' ? 0.5 : alternative === 'less' ? -0.5 : 0.5 * Math.sign(u1 - mu);
  const z = (u1 - mu - c) / sigma;
  const p = alternative === 'greater' ? phi(-z) : alternative === 'less' ? phi(z) : Math.min(1, 2 * phi(-Math.abs(z)));
  return { z, p };
}

/**
 * The exact p of U₁ with no ties: P(U = u) follows from the largest value being from the first
 * sample (adding n to U) or the second, p(u; m, n) = m/N·p(u − n; m − 1, n) + n/N·p(u; m, n − 1),
 * computed as probabilities (counts overflow exact doubles past C(60, 30)).
 */
export function exactP(u1: number, m: number, n: number, alternative: Alternative): number {
  const dist = exactDistribution(m, n);
  const atLeast = (u: number): number => {
    let s = 0;
    for (let k = Math.ceil(u - 1e-9); k < dist.length; k++) s += dist[k]!;
    return s;
  };
  const atMost = (u: number): number => {
    let s = 0;
    for (let k = 0; k <= Math.floor(u + 1e-9) && k < dist.length; k++) s += dist[k]!;
    return s;
  };
  if (alternative === 'greater') return Math.min(1, atLeast(u1));
  if (alternative === 'less') return Math.min(1, atMost(u1));
  return Math.min(1, 2 * atLeast(Math.max(u1, m * n - u1)));
}

/** P(U = u) for u = 0..mn, under the null hypothesis, for samples of m and n values. */
export function exactDistribution(m: number, n: number): number[] {
  // prev[j] = distribution for (i − 1, j); cur[j] for (i, j); distributions for i = 0 are [1].
  let prev: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const cur: number[][] = [[1]];
    for (let j = 1; j <= n; j++) {
      const size = i * j + 1;
      const fromFirst = prev[j]!; // (i − 1, j), shifted by j
      const fromSecond = cur[j - 1]!; // (i, j − 1)
      const d = new Array<number>(size).fill(0);
      const a = i / (i + j);
      const b = j / (i + j);
      for (let u = 0; u < fromFirst.length; u++) d[u + j]! += a * fromFirst[u]!;
      for (let u = 0; u < fromSecond.length; u++) d[u]! += b * fromSecond[u]!;
      cur.push(d);
    }
    prev = cur;
  }
  return prev[n]!;
}
