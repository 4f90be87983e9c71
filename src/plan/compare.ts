/**
 * A comparison gate's plan words resolved (defaults applied, the bounds parsed, the confidence
 * as a fraction). The semantic checks (semantic-compare.ts) have refused what does not resolve,
 * so a miss here is a programming error.
 */
import type { GateInput } from './schema.js';
import { parseDuration } from './duration.js';
import { parsePercent } from './percent.js';
import { parseBound, type Bound } from './tolerance.js';
import type { Comparison } from './types.js';

export const COMPARE_DEFAULTS = {
  judge: 'mann-whitney',
  direction: 'increase',
  confidence: 0.98,
  minSamples: 10,
  promoteEarly: false,
} as const;

/** '98%' or 0.98 as 0.98; undefined when it is neither. */
export function parseConfidence(value: number | string | undefined): number | undefined {
  if (value === undefined) return COMPARE_DEFAULTS.confidence;
  if (typeof value === 'number') return value > 0.5 && value < 1 ? value : undefined;
  const f = parsePercent(value.trim()) ?? NaN;
  return f > 0.5 && f < 1 ? f : undefined;
}

function boundOf(text: string | undefined, field: string): Bound | undefined {
  if (text === undefined) return undefined;
  const b = parseBound(text);
  if (!b) throw new Error(`internal: compare.${field} '${text}' passed the checks but does not parse`);
  return b;
}

export function normalizeComparison(c: NonNullable<GateInput['compare']>): Comparison {
  const judge = c.judge ?? COMPARE_DEFAULTS.judge;
  const confidence = parseConfidence(c.confidence);
  if (confidence === undefined) throw new Error(`internal: compare.confidence '${String(c.confidence)}' passed the checks but does not parse`);
  const out: Comparison = {
    baseline: c.baseline !== undefined ? { region: c.baseline } : { query: c.baselineQuery ?? '' },
    judge,
    direction: c.direction ?? COMPARE_DEFAULTS.direction,
    confidence,
    minSamples: c.minSamples ?? COMPARE_DEFAULTS.minSamples,
    // Sequential looks need a test with an error rate under repeated looks: the ratio judge has none.
    sequential: c.sequential ?? judge === 'mann-whitney',
    promoteEarly: c.promoteEarly === undefined ? COMPARE_DEFAULTS.promoteEarly : c.promoteEarly !== false,
  };
  if (typeof c.promoteEarly === 'string') {
    const after = parseDuration(c.promoteEarly);
    if (after === undefined) throw new Error(`internal: compare.promoteEarly '${c.promoteEarly}' passed the checks but does not parse`);
    out.promoteEarlyAfterMs = after;
  }
  const max = boundOf(c.max, 'max');
  const min = boundOf(c.min, 'min');
  // Only the bounds the direction uses: a bound for the other way would never be judged.
  const passMax = boundOf(c.passMax, 'passMax');
  const passMin = boundOf(c.passMin, 'passMin');
  if (max && out.direction !== 'decrease') out.max = max;
  if (min && out.direction !== 'increase') out.min = min;
  if (passMax && out.max) out.passMax = passMax;
  if (passMin && out.min) out.passMin = passMin;
  return out;
}

/**
 * The most steps one range read asks for (Prometheus' own limit on query_range points). A
 * comparison re-reads its bake from the start at every look, so the longest bake over the gate's
 * interval must stay within it: validate refuses a plan that would cross it mid-bake (an error
 * read every look, failing a healthy canary), and the providers refuse a longer range before sending.
 */
export const MAX_RANGE_STEPS = 11_000;
