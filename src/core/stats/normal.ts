/**
 * The standard normal distribution, from @stdlib (to full double precision; simple-statistics'
 * CDF is a table rounded to z = 0.01, too coarse for p-values near a 98% confidence's 0.02).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Φ(z): P(Z <= z). */
export function phi(z: number): number {
  return normalCdf(z, 0, 1);
}

/** Φ⁻¹(p): the z with P(Z <= z) = p. */
export function phiInverse(p: number): number {
  return normalQuantile(p, 0, 1);
}
