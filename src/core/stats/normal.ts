/**
 * The standard normal distribution, to full double precision.
 *
 * Hand-written on purpose: @stdlib's normal CDF and quantile (which this replaces, and which
 * test/stats-normal.test.ts still checks it against point by point) bring 146-161 small modules
 * and ~140 KB into the run chunk for two functions, which cost the action about 8 ms of cold
 * start on every run (docs/benchmarks.md, "Cold start", issue 15). simple-statistics' CDF is a
 * table rounded to z = 0.01, too coarse for p-values near a 98% confidence's 0.02.
 *
 * erfc is fdlibm's s_erf.c (Sun Microsystems, 1993, freely redistributable; the same
 * coefficients @stdlib and V8 use), which is accurate to under 1 ulp in each of its ranges.
 */

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512558561e-1;
/** Polynomials of fdlibm's erfc, lowest power first. */
const PP = [EFX, -3.2504210724700149937e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ = [1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.9602282787753681232e-6];
const PA = [
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1,
  3.54783043256182359371e-2, -2.166375594868790843e-3,
];
const QA = [
  1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2,
  1.1984499846799107417e-2,
];
const RA = [
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2,
  -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592,
];
const SA = [
  1, 1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2,
  6.57024977031928170135, -6.04244152148580987438e-2,
];
const RB = [
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2,
  -1.02509513161107724954e3, -4.83519191608651397019e2,
];
const SB = [
  1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2,
  -2.24409524465858183362e1,
];

function poly(c: readonly number[], x: number): number {
  let y = 0;
  for (let i = c.length - 1; i >= 0; i--) y = y * x + c[i]!;
  return y;
}

const words = new DataView(new ArrayBuffer(8));
/** x with the low 32 bits of its mantissa cleared (fdlibm's SET_LOW_WORD(z, 0)): z*z is then exact. */
function highPart(x: number): number {
  words.setFloat64(0, x);
  words.setUint32(4, 0);
  return words.getFloat64(0);
}

/** The complementary error function, erfc(x) = 1 - erf(x), accurate in both tails. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return 1 - x;
    const z = x * x;
    const y = poly(PP, z) / poly(QQ, z);
    return x < 0.25 ? 1 - (x + x * y) : 0.5 - (x * y + (x - 0.5));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const pq = poly(PA, s) / poly(QA, s);
    return x < 0 ? 1 + ERX + pq : 1 - ERX - pq;
  }
  if (ax >= 28 || x < -6) return x < 0 ? 2 : 0;
  const s = 1 / (ax * ax);
  const rs = ax < 1 / 0.35 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
  const z = highPart(ax);
  const r = Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + rs);
  return x < 0 ? 2 - r / ax : r / ax;
}

/** Φ(z): P(Z <= z). */
export function phi(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Φ⁻¹(p): the z with P(Z <= z) = p. Abramowitz & Stegun 26.2.23 (error < 4.5e-4) as the start,
 * then Halley's method on the lower tail, where Φ is accurate relative to p however small it is
 * (the upper tail by symmetry, 1 - p being exact there); it converges cubically, in 2-3 steps.
 */
export function phiInverse(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -phiInverse(1 - p);
  if (p === 0.5) return 0;
  const t = Math.sqrt(-2 * Math.log(p));
  let z = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  for (let i = 0; i < 8; i++) {
    const u = ((phi(z) - p) * SQRT_2PI) / Math.exp(-0.5 * z * z);
    const next = z - u / (1 + 0.5 * z * u);
    if (Math.abs(next - z) <= 1e-15 * Math.abs(next)) return next;
    z = next;
  }
  return z;
}
