/**
 * Comparison gates in core tests: a plan with a canary stage judged against a later stage's
 * region, and a driver stand-in that answers each look with the bake so far, read from a
 * generator of values per region and step (as the driver's range reads would).
 */
import { nextWakeAt } from '../../src/core/decide.js';
import type { ComparisonObservation, SeriesObservation } from '../../src/core/values.js';
import type { Comparison, Gate, Plan } from '../../src/plan/types.js';
import { Harness } from './harness.js';
import { gate, makePlan, stage, type GateOverrides } from './plans.js';

const MIN = 60_000;

export const CANARY = 'eu-west-1';
export const BASELINE = 'us-east-1';

export function compareGate(cmp: Partial<Comparison> = {}, over: GateOverrides = {}): Gate {
  return gate('error-ratio', {
    max: undefined,
    compare: {
      baseline: { region: BASELINE },
      judge: 'mann-whitney',
      direction: 'increase',
      max: { factor: 1.2, offset: 0.001 },
      confidence: 0.98,
      minSamples: 10,
      sequential: true,
      promoteEarly: false,
      ...cmp,
    },
    ...over,
  });
}

/** A 30-minute bake at a 1-minute interval: 30 looks. */
export function comparePlan(g: Gate = compareGate(), bakeMin = 30): Plan {
  return makePlan({
    gates: [g],
    stages: [
      stage('canary', [CANARY], { gates: [g.name], steps: [{ traffic: 10, bakeMs: bakeMin * MIN }] }),
      stage('rest', [BASELINE], { gates: [], steps: [{ traffic: 100, bakeMs: 0 }] }),
    ],
  });
}

/** A value in [-1, 1) for a key: seeded noise without a generator's state (the same for a step at every look). */
export function noise(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
  return (h / 2 ** 32) * 2 - 1;
}

/** What a region shows at a step: a value, or undefined (no point), or an error read. */
export type Source = (region: string, at: number) => number | undefined | 'error';

/** A level with ±`spread` relative noise. */
export function level(value: number, spread = 0.1, seed = 'a'): (region: string, at: number) => number {
  return (region, at) => value * (1 + spread * noise(`${seed}|${region}|${at}`));
}

function series(src: Source, region: string, start: number, end: number, stepMs: number): SeriesObservation {
  const points: Array<{ at: number; value: number }> = [];
  let missing = 0;
  for (let at = start; at <= end; at += stepMs) {
    const v = src(region, at);
    if (v === 'error') return { kind: 'error', message: 'HTTP 503 from the backend' };
    if (v === undefined) missing++;
    else points.push({ at, value: v });
  }
  return points.length ? { kind: 'series', points, missing } : { kind: 'no-data', detail: 'no series' };
}

export interface Sources {
  canary: Source;
  baseline: Source;
  volume?: Source;
  /** Looks (by their time) whose baseline read fails as a whole. */
  failLook?: (at: number) => boolean;
}

/** The observation of one look, as the driver reads it (perform-compare.ts): from the bake's first measurement to `at`. */
export function lookAt(plan: Plan, gateName: string, bakeStartedAt: number, at: number, src: Sources): ComparisonObservation {
  const g = plan.gates[gateName]!;
  const start = bakeStartedAt + g.initialDelayMs + g.intervalMs;
  const read = (s: Source, region: string) => series(s, region, start, at, g.intervalMs);
  return {
    kind: 'comparison',
    canary: read((r, t) => src.canary(r, t), CANARY),
    baseline: src.failLook?.(at) ? { kind: 'error', message: 'HTTP 503 from the backend' } : read((r, t) => src.baseline(r, t), BASELINE),
    ...(src.volume ? { canaryVolume: read(src.volume, CANARY), baselineVolume: read(src.volume, BASELINE) } : {}),
  };
}

/** Starts the release and answers the canary's looks until it leaves baking (or is held). Returns the looks answered. */
export function bakeComparison(h: Harness, src: Sources, max = 100): number {
  h.start();
  h.finishRun(CANARY);
  let looks = 0;
  for (let round = 0; round < max && h.region(CANARY).phase === 'baking'; round++) {
    if (nextWakeAt(h.state) === undefined) break;
    for (const e of h.tickNext()) {
      if (e.type !== 'query-metric' || e.region !== CANARY) continue;
      for (const g of e.gates) {
        const observation = lookAt(h.plan, g, e.bakeStartedAt ?? NaN, e.at, src);
        h.send({ type: 'measurement', at: e.at, region: CANARY, step: e.step, gate: g, observation });
        h.answerDispatches();
        looks++;
      }
    }
  }
  return looks;
}

export { Harness };
