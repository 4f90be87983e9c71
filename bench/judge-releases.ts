/**
 * The generator of bench/judge.ts: simulated releases, one region each, a canary and a baseline
 * of equal size started together (as Spinnaker's best practices advise), measured every minute
 * over a 60-minute bake. Documented in docs/benchmarks.md ("Verdict quality"); every number
 * below is a choice stated there.
 */
import { mulberry32 } from '../src/simulate/random.js';

export const BAKE_MIN = 60;
/**
 * Each metric's gate as a user would write it: an error ratio every 2 minutes (a ratio of a
 * minute's few requests is mostly 0), latency every minute; below `minRequests` in an interval,
 * the low-traffic guard makes the point no data.
 */
export const GATES = {
  'error-ratio': { intervalMin: 2, minRequests: 100 },
  latency: { intervalMin: 1, minRequests: 20 },
} as const;

export type Metric = 'error-ratio' | 'latency';

export interface Release {
  id: number;
  metric: Metric;
  /** 1 for a healthy canary; 1.2, 1.5, 2 or 3 for a regression. */
  size: number;
  /** Minute the regression starts (0: from the first measurement). */
  onsetMin: number;
  /** Requests per second per arm. */
  rps: number;
  /** The service-wide typical value a user tunes a fixed threshold from. */
  typical: number;
  /** This region's own baseline value. */
  baselineValue: number;
  /** Per minute: canary and baseline values (NaN when an arm had no request), and request counts (the low-traffic guard reads them). */
  points: Array<{ minute: number; canary: number; baseline: number; canaryRequests: number; baselineRequests: number }>;
}

interface Rng {
  uniform(): number;
  logUniform(lo: number, hi: number): number;
  normal(): number;
  poisson(mean: number): number;
  binomial(n: number, p: number): number;
}

function rng(seed: number): Rng {
  const u = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const poisson = (mean: number): number => {
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    const l = Math.exp(-mean);
    let k = 0;
    for (let p = u(); p > l; p *= u()) k++;
    return k;
  };
  return {
    uniform: u,
    logUniform: (lo, hi) => Math.exp(Math.log(lo) + u() * (Math.log(hi) - Math.log(lo))),
    normal,
    poisson,
    // Poisson thinning is exact for a binomial's count of rare events only approximately; at
    // p <= 2% and these sizes the difference is far below the noise being judged.
    binomial: (n, p) => (n * p > 30 ? Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal())) : Math.min(n, poisson(n * p))),
  };
}

/** Healthy releases first, then regressions of each size, each metric and onset. */
export function releaseMix(count: number): Array<Pick<Release, 'metric' | 'size'> & { midBake: boolean }> {
  const out: Array<Pick<Release, 'metric' | 'size'> & { midBake: boolean }> = [];
  const healthy = count / 2;
  for (let i = 0; i < healthy; i++) out.push({ metric: i % 2 ? 'latency' : 'error-ratio', size: 1, midBake: false });
  const sizes = [1.2, 1.5, 2, 3];
  for (let i = 0; i < count - healthy; i++) {
    out.push({ metric: i % 2 ? 'latency' : 'error-ratio', size: sizes[Math.floor(i / 2) % 4]!, midBake: i % 3 === 2 });
  }
  return out;
}

/** The log-normal spread of one request's latency (σ of its log): a heavy tail, mean ≈ 1.38 × median. */
const LATENCY_SIGMA = 0.8;

export function generateRelease(id: number, mix: Pick<Release, 'metric' | 'size'> & { midBake: boolean }, seed: number): Release {
  const r = rng((seed * 7919 + id * 104729) >>> 0);
  // 15% of regions are quiet (about 7 to 180 requests an hour per arm), the rest 0.2 to 50 per second.
  const rps = r.uniform() < 0.15 ? r.logUniform(0.002, 0.05) : r.logUniform(0.2, 50);
  const typical = mix.metric === 'error-ratio' ? r.logUniform(0.001, 0.01) : r.logUniform(50, 300);
  // Regions differ from the service's typical value by up to 2x either way.
  const baselineValue = typical * r.logUniform(0.5, 2);
  const onsetMin = mix.midBake ? Math.round(BAKE_MIN * (0.25 + 0.35 * r.uniform())) : 0;
  const phase = r.uniform() * 2 * Math.PI;
  const warmUp = r.uniform() < 0.3;
  const points: Release['points'] = [];
  const step = GATES[mix.metric].intervalMin;
  for (let minute = step; minute <= BAKE_MIN; minute += step) {
    // Diurnal drift, common to both arms (they started together): traffic ±40%, value ±15% over a day.
    const day = Math.sin(phase + (2 * Math.PI * minute) / (24 * 60));
    const load = 1 + 0.4 * day;
    // A shared per-minute wobble (load spikes hit both arms) of about 5%.
    const wobble = Math.exp(0.05 * r.normal());
    const common = (1 + 0.15 * day) * wobble;
    const regressed = minute > onsetMin ? mix.size : 1;
    // New pods warm up: 30% of canaries start 15% worse, healing with a 3-minute time constant.
    const warm = warmUp ? 1 + 0.15 * Math.exp(-minute / 3) : 1;
    const canaryRequests = r.poisson(rps * 60 * step * load);
    const baselineRequests = r.poisson(rps * 60 * step * load);
    const value = (requests: number, truth: number): number => {
      if (requests === 0) return NaN;
      if (mix.metric === 'error-ratio') return r.binomial(requests, Math.min(1, truth)) / requests;
      // The mean latency of `requests` log-normal requests: normal around the mean by the CLT.
      const cv = Math.sqrt(Math.exp(LATENCY_SIGMA ** 2) - 1);
      return truth * (1 + (cv / Math.sqrt(requests)) * r.normal());
    };
    points.push({
      minute,
      canary: value(canaryRequests, baselineValue * common * regressed * warm),
      baseline: value(baselineRequests, baselineValue * common),
      canaryRequests,
      baselineRequests,
    });
  }
  return { id, metric: mix.metric, size: mix.size, onsetMin, rps, typical, baselineValue, points };
}
