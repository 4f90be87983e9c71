/**
 * Gate verdicts, after argo-rollouts' `assessMetricStatus`: one pure function judges an
 * observation against the gate's thresholds, another judges a gate from its counters. Both
 * return the reason and the numbers, so the history says why and not just "failed".
 *
 * Limits trip when EXCEEDED (Argo's rule): `failureLimit: 1` tolerates one failed measurement
 * and fails the gate on the second; `failureLimit: 0` (the default) fails on the first. The
 * same holds for `inconclusiveLimit` and `consecutiveErrorLimit`.
 *
 * `consecutiveErrorLimit` also bounds answers in a row without data (no data, part of the data,
 * backend errors): Argo counts an empty result as an error, so a canary that stops emitting
 * metrics ends in a failure instead of waiting for a person until the approval timeout.
 */
import type { Gate } from '../plan/types.js';
import type { Observation } from './values.js';
import type { GateCounters, GateStatus, HistoryNumbers } from './state.js';
import { plural } from '../plan/words.js';

/** `look`: a comparison gate's look that decided nothing yet (counted, neither a success nor a failure). */
export type MeasurementPhase = 'successful' | 'failed' | 'inconclusive' | 'error' | 'look';

export interface MeasurementVerdict {
  /** `wait`: no data under `onNoData: wait`: measured again, not counted. */
  phase: MeasurementPhase | 'wait';
  reasonCode: string;
  reason: string;
  numbers: HistoryNumbers;
  /** The answer held no value to judge and no policy passed it (no data, part of the data, NaN). */
  noData?: true;
}

function fmt(n: number): string {
  // Four significant digits, without the trailing zeros toPrecision pads with (0.01, not 0.01000).
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4)));
}

/**
 * A breach the series that answered prove, whatever the missing ones hold: with `reduce: max`, one
 * value above `max`; with `reduce: min`, one below `min`; with `reduce: sum` and no negative value,
 * a partial sum above `max`. Other reducers cannot be bounded from part of the series.
 */
function partialBreach(values: readonly number[], gate: Gate): { reasonCode: string; reason: string; value: number; threshold: number } | undefined {
  if (values.length === 0) return undefined;
  if (gate.max !== undefined && gate.reduce === 'max') {
    const v = Math.max(...values);
    if (v > gate.max) return { reasonCode: 'above-max', reason: `a series is at ${fmt(v)}, above max ${fmt(gate.max)},`, value: v, threshold: gate.max };
  }
  if (gate.min !== undefined && gate.reduce === 'min') {
    const v = Math.min(...values);
    if (v < gate.min) return { reasonCode: 'below-min', reason: `a series is at ${fmt(v)}, below min ${fmt(gate.min)},`, value: v, threshold: gate.min };
  }
  if (gate.max !== undefined && gate.reduce === 'sum' && values.every((v) => v >= 0)) {
    const v = values.reduce((a, b) => a + b, 0);
    if (v > gate.max)
      return {
        reasonCode: 'above-max',
        reason: `the series that answered already sum to ${fmt(v)}, above max ${fmt(gate.max)},`,
        value: v,
        threshold: gate.max,
      };
  }
  return undefined;
}

/** Judges one observation of one gate. Missing data and errors are never a pass unless `onNoData: pass` says so (and part of the data never is). */
export function assessObservation(obs: Observation, gate: Gate): MeasurementVerdict {
  const limits: HistoryNumbers = {};
  if (gate.min !== undefined) limits.min = gate.min;
  if (gate.max !== undefined) limits.max = gate.max;
  if (obs.kind === 'error') {
    return { phase: 'error', reasonCode: 'metric-error', reason: `metric backend error: ${obs.message}`, numbers: limits };
  }
  // NaN comes back from PromQL for 0/0 (no traffic): that is missing data, not a value.
  if (obs.kind === 'no-data' || !Number.isFinite(obs.value)) {
    const detail = obs.kind === 'no-data' ? obs.detail : `value is ${String(obs.value)}`;
    const partial = obs.kind === 'no-data' ? obs.answered : undefined;
    if (partial !== undefined) {
      // Some series answered: a breach among them is a breach whatever the missing ones say.
      const breach = partialBreach(partial, gate);
      if (breach)
        return {
          phase: 'failed',
          reasonCode: breach.reasonCode,
          reason: `${breach.reason} although ${detail}`,
          numbers: { ...limits, value: breach.value, threshold: breach.threshold },
        };
    }
    switch (gate.onNoData) {
      case 'pass':
        // Part of the data is not "no data": it never passes by policy.
        if (partial !== undefined)
          return {
            phase: 'inconclusive',
            reasonCode: 'partial-data',
            reason: `part of the data is missing (${detail}); inconclusive (onNoData: pass does not apply to part of the data)`,
            numbers: limits,
            noData: true,
          };
        return { phase: 'successful', reasonCode: 'no-data-pass', reason: `no data (${detail}); counted as success (onNoData: pass)`, numbers: limits };
      case 'fail':
        return {
          phase: 'failed',
          reasonCode: 'no-data-fail',
          reason: `no data (${detail}); counted as failure (onNoData: fail)`,
          numbers: limits,
          noData: true,
        };
      case 'wait':
        return { phase: 'wait', reasonCode: 'no-data-wait', reason: `no data (${detail}); measuring again (onNoData: wait)`, numbers: limits, noData: true };
      default:
        return { phase: 'inconclusive', reasonCode: 'no-data', reason: `no data (${detail}); inconclusive`, numbers: limits, noData: true };
    }
  }
  const numbers: HistoryNumbers = { ...limits, value: obs.value };
  if (gate.min === undefined && gate.max === undefined) {
    return { phase: 'inconclusive', reasonCode: 'no-threshold', reason: `value ${fmt(obs.value)} but the gate has neither min nor max`, numbers };
  }
  if (gate.min !== undefined && obs.value < gate.min) {
    return {
      phase: 'failed',
      reasonCode: 'below-min',
      reason: `value ${fmt(obs.value)} is below min ${fmt(gate.min)}`,
      numbers: { ...numbers, threshold: gate.min },
    };
  }
  if (gate.max !== undefined && obs.value > gate.max) {
    return {
      phase: 'failed',
      reasonCode: 'above-max',
      reason: `value ${fmt(obs.value)} is above max ${fmt(gate.max)}`,
      numbers: { ...numbers, threshold: gate.max },
    };
  }
  const bounds = [gate.min !== undefined ? `>= ${fmt(gate.min)}` : '', gate.max !== undefined ? `<= ${fmt(gate.max)}` : ''].filter(Boolean).join(' and ');
  return { phase: 'successful', reasonCode: 'within-threshold', reason: `value ${fmt(obs.value)} is ${bounds}`, numbers };
}

/** Fresh counters for one bake. */
export function newCounters(target: number, firstAt: number): GateCounters {
  return {
    measurements: 0,
    successful: 0,
    failed: 0,
    inconclusive: 0,
    errors: 0,
    consecutiveErrors: 0,
    consecutiveNoData: 0,
    noDataWaits: 0,
    target,
    status: 'measuring',
    nextAt: firstAt,
    awaiting: false,
  };
}

/** Adds one verdict to the counters (returns new counters). */
export function countVerdict(c: GateCounters, v: MeasurementVerdict): GateCounters {
  const next = { ...c };
  // Only a value ends a run of answers without data; an error does not (Argo counts both as errors).
  next.consecutiveNoData = v.phase === 'error' || v.noData ? (c.consecutiveNoData ?? 0) + 1 : 0;
  switch (v.phase) {
    case 'error':
      next.errors += 1;
      next.consecutiveErrors += 1;
      return next;
    case 'wait':
      next.noDataWaits += 1;
      next.consecutiveErrors = 0;
      return next;
    case 'look':
      next.consecutiveErrors = 0;
      next.measurements += 1;
      return next;
    default:
      next.consecutiveErrors = 0;
      next.measurements += 1;
      next[v.phase] += 1;
      return next;
  }
}

export interface GateAssessment {
  status: GateStatus;
  reasonCode: string;
  reason: string;
  numbers: HistoryNumbers;
}

/**
 * The gate's status from its counters. Order matters: a failure beats an inconclusive, so a
 * gate that both failed and went quiet fails (Argo would call it inconclusive). A gate passes only when all `target`
 * measurements are in within limits AND at least one was successful: a bake of nothing but
 * tolerated inconclusives proves nothing, so it is inconclusive (Argo would pass it).
 */
export function assessGate(c: GateCounters, gate: Gate): GateAssessment {
  const noData = c.consecutiveNoData ?? 0;
  const numbers: HistoryNumbers = {
    samples: c.measurements,
    successful: c.successful,
    failed: c.failed,
    inconclusive: c.inconclusive,
    errors: c.errors,
    consecutiveErrors: c.consecutiveErrors,
    ...(noData > 0 ? { consecutiveNoData: noData } : {}),
  };
  if (c.failed > gate.failureLimit) {
    return {
      status: 'failed',
      reasonCode: 'gate-failed',
      reason: `${plural(c.failed, 'failed measurement')} ${c.failed === 1 ? 'exceeds' : 'exceed'} failureLimit ${gate.failureLimit}`,
      numbers: { ...numbers, limit: gate.failureLimit },
    };
  }
  if (c.consecutiveErrors > gate.consecutiveErrorLimit) {
    return {
      status: 'failed',
      reasonCode: 'gate-errors',
      reason: `${c.consecutiveErrors} consecutive backend errors exceed consecutiveErrorLimit ${gate.consecutiveErrorLimit}`,
      numbers: { ...numbers, limit: gate.consecutiveErrorLimit },
    };
  }
  // Whatever onNoData says for one answer: missing data that persists is a failure, never a wait for a person.
  if (noData > gate.consecutiveErrorLimit) {
    return {
      status: 'failed',
      reasonCode: 'gate-no-data',
      reason: `${noData} answers in a row without data (no data or backend errors) exceed consecutiveErrorLimit ${gate.consecutiveErrorLimit}`,
      numbers: { ...numbers, limit: gate.consecutiveErrorLimit },
    };
  }
  if (c.inconclusive > gate.inconclusiveLimit) {
    return {
      status: 'inconclusive',
      reasonCode: 'gate-inconclusive',
      reason: `${plural(c.inconclusive, 'inconclusive measurement')} ${c.inconclusive === 1 ? 'exceeds' : 'exceed'} inconclusiveLimit ${gate.inconclusiveLimit}`,
      numbers: { ...numbers, limit: gate.inconclusiveLimit },
    };
  }
  if (c.measurements >= c.target) {
    if (c.successful === 0) {
      return { status: 'inconclusive', reasonCode: 'gate-no-success', reason: `${plural(c.measurements, 'measurement')} taken, none successful`, numbers };
    }
    return { status: 'passed', reasonCode: 'gate-passed', reason: `${c.successful}/${c.measurements} successful within limits`, numbers };
  }
  return { status: 'measuring', reasonCode: 'gate-measuring', reason: `${c.measurements}/${c.target} measurements`, numbers };
}

/** Measurements a gate takes in a bake: `count`, or as many intervals as fit (after the initial delay). */
export function gateTarget(gate: Gate, bakeMs: number): number {
  if (gate.count !== undefined) return gate.count;
  return Math.floor(Math.max(0, bakeMs - gate.initialDelayMs) / gate.intervalMs);
}
