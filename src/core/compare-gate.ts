/**
 * A comparison gate's looks (issue 15). Every interval the driver re-reads the bake so far for the
 * canary and its baseline (and their volumes); this module pairs the two series by step, drops the
 * steps below the volume guard, and judges:
 *  - sequential: after every look, the always-valid judge (judges/sequential.ts) fails at once on
 *    a clear regression, and passes early only when the plan says promoteEarly (after a third of
 *    the bake, or after the plan's duration: mayPassEarly);
 *  - at the last look: the end-of-bake comparison (the whole bake and its second half, or the
 *    ratio of the window means): pass, fail, inconclusive (one more interval while inconclusiveLimit
 *    allows, then a person decides) or too few samples (onNoData; never a pass unless it says so).
 * The state keeps the counters only: the samples are read again at each look, so a resumed
 * release judges the same data a running one would.
 */
import { formatDuration } from '../plan/duration.js';
import type { Bound } from '../plan/tolerance.js';
import type { Comparison, Gate } from '../plan/types.js';
import {
  comparisonHead,
  fmt,
  judgeWindowAndRecentHalf,
  mean,
  toleranceText,
  type ComparisonSettings,
  type ComparisonVerdict,
  type Side,
} from './judges/comparison.js';
import { judgeRatio } from './judges/ratio.js';
import { lookSequential, type Look } from './judges/sequential.js';
import type { GateCounters, HistoryNumbers } from './state.js';
import type { ComparisonObservation, Observation, SloObservation } from './values.js';
import { pairSeries, readError, type Pair, type Paired } from './compare-pairs.js';

import { countVerdict, type GateAssessment, type MeasurementVerdict } from './verdict.js';
import { plural } from '../plan/words.js';

/**
 * The plan's confidence is the gate's promise as a whole: a healthy canary is rolled back by noise
 * at most 1 - confidence of the time. Every test the gate makes spends part of that: with
 * sequential looks, half goes to the always-valid looks (which hold under any number of looks) and
 * half to the end of the bake; the end's share is split among its 1 + inconclusiveLimit tests
 * (each inconclusive end is tested again, one interval later: Bonferroni over them). Exported for
 * bench/judge.ts, so the benchmark judges as the product does.
 */
export function testConfidences(cmp: Pick<Comparison, 'confidence' | 'sequential' | 'judge'>, inconclusiveLimit: number): { looks: number; end: number } {
  const alpha = 1 - cmp.confidence;
  const sequential = cmp.sequential && cmp.judge === 'mann-whitney';
  const end = (sequential ? alpha / 2 : alpha) / (1 + inconclusiveLimit);
  return { looks: 1 - alpha / 2, end: 1 - end };
}

function settingsOf(cmp: Comparison, inconclusiveLimit: number): ComparisonSettings {
  const fail = { ...(cmp.max ? { max: cmp.max } : {}), ...(cmp.min ? { min: cmp.min } : {}) };
  const pass = { ...(cmp.max ? { max: cmp.passMax ?? cmp.max } : {}), ...(cmp.min ? { min: cmp.passMin ?? cmp.min } : {}) };
  return { fail, pass, confidence: testConfidences(cmp, inconclusiveLimit).end, minSamples: cmp.minSamples };
}

/** The numbers of a verdict for the ledger: finite ones only (JSON has no NaN). */
function numbersOf(n: Partial<Record<keyof HistoryNumbers, number | undefined>>): HistoryNumbers {
  const out: HistoryNumbers = {};
  for (const [k, v] of Object.entries(n)) if (v !== undefined && Number.isFinite(v)) out[k as keyof HistoryNumbers] = v;
  return out;
}

function headOf(pairs: readonly Pair[]): { text: string; numbers: HistoryNumbers } {
  const canaryMean = mean(pairs.map((p) => p.canary));
  const baselineMean = mean(pairs.map((p) => p.baseline));
  const n = { canaryMean, baselineMean, ratio: baselineMean === 0 ? NaN : canaryMean / baselineMean, canaryN: pairs.length, baselineN: pairs.length };
  return { text: comparisonHead(n), numbers: numbersOf(n) };
}

/**
 * Whether this look may pass early: from a third of the bake (promoteEarly: true; an early pass on
 * the first few samples is the one bench/judge.ts found too eager), or from the plan's own
 * duration (initialDelay + looks × interval), for services whose regressions take longer to show.
 */
export function mayPassEarly(cmp: Comparison, gate: Pick<Gate, 'initialDelayMs' | 'intervalMs'>, look: number, target: number): boolean {
  if (!cmp.promoteEarly) return false;
  if (cmp.promoteEarlyAfterMs === undefined) return look * 3 >= target;
  return gate.initialDelayMs + look * gate.intervalMs >= cmp.promoteEarlyAfterMs;
}

/** The sequential looks, one per side (a two-sided gate gives each side half the error rate). */
function sequentialLook(
  pairs: readonly Pair[],
  gate: Gate,
  cmp: Comparison,
  c: GateCounters,
  look: number,
): { side: Side; look: Look; bound: Bound; pass: Bound } | undefined {
  const sides = (['max', 'min'] as const).filter((s) => cmp[s] !== undefined);
  const confidence = 1 - (1 - testConfidences(cmp, gate.inconclusiveLimit).looks) / sides.length;
  const promoteEarly = mayPassEarly(cmp, gate, look, c.target);
  let passes = 0;
  let first: { side: Side; look: Look; bound: Bound; pass: Bound } | undefined;
  for (const side of sides) {
    const bound = cmp[side]!;
    const pass = (side === 'max' ? cmp.passMax : cmp.passMin) ?? bound;
    const l = lookSequential(pairs, {
      side,
      fail: bound,
      pass,
      confidence,
      minSamples: cmp.minSamples,
      plannedSamples: c.target,
      restartEvery: Math.max(1, Math.ceil(c.target / 6)),
      promoteEarly,
    });
    if (l.decision === 'fail') return { side, look: l, bound, pass };
    if (l.decision === 'pass') passes += 1;
    first ??= { side, look: l, bound, pass };
  }
  return passes === sides.length ? first : undefined;
}

function sequentialVerdict(
  pairs: readonly Pair[],
  s: { side: Side; look: Look; bound: Bound; pass: Bound },
  cmp: Comparison,
  look: number,
  target: number,
): MeasurementVerdict {
  const head = headOf(pairs);
  const i = s.look.interval;
  const since = s.look.from > 0 ? `, over samples ${s.look.from + 1} to ${pairs.length}` : '';
  const interval = `${fmt(s.look.confidence * 100)}% always-valid interval of the excess ${fmt(i.lower)} to ${fmt(i.upper)}${since}`;
  const numbers = { ...head.numbers, ...numbersOf({ lower: i.lower, upper: i.upper, tolerance: (s.look.decision === 'fail' ? s.bound : s.pass).factor }) };
  const beyond = s.side === 'max' ? 'above' : 'below';
  if (s.look.decision === 'fail')
    return {
      phase: 'failed',
      reasonCode: 'comparison-failed',
      reason: `${head.text}: ${beyond} the ${toleranceText(s.bound)} tolerance (${interval}); shown at look ${look} of ${target}`,
      numbers,
    };
  return {
    phase: 'successful',
    reasonCode: 'comparison-passed-early',
    reason: `${head.text}: within the ${toleranceText(s.pass)} tolerance (${interval}); passed early at look ${look} of ${target} (promoteEarly${cmp.promoteEarlyAfterMs !== undefined ? `: not before ${formatDuration(cmp.promoteEarlyAfterMs)}` : ''})`,
    numbers,
  };
}

/** Too few samples at the end: the plan's onNoData decides, as for a query without data. */
function noDataVerdict(gate: Gate, c: GateCounters, detail: string, numbers: HistoryNumbers): MeasurementVerdict {
  switch (gate.onNoData) {
    case 'pass':
      return { phase: 'successful', reasonCode: 'no-data-pass', reason: `no data (${detail}); counted as success (onNoData: pass)`, numbers };
    case 'fail':
      return { phase: 'failed', reasonCode: 'no-data-fail', reason: `no data (${detail}); counted as failure (onNoData: fail)`, numbers, noData: true };
    case 'wait':
      // Waiting must end: after as many waits as the gate has looks, no data is inconclusive.
      if (c.noDataWaits < c.target)
        return { phase: 'wait', reasonCode: 'no-data-wait', reason: `no data (${detail}); measuring again (onNoData: wait)`, numbers, noData: true };
      return {
        phase: 'inconclusive',
        reasonCode: 'no-data-wait-exhausted',
        reason: `no data (${detail}); still no data after ${c.noDataWaits} waits: inconclusive`,
        numbers,
        noData: true,
      };
    default:
      return { phase: 'inconclusive', reasonCode: 'no-data', reason: `no data (${detail}); inconclusive`, numbers, noData: true };
  }
}

function endVerdict(pairs: readonly Pair[], paired: Paired, gate: Gate, cmp: Comparison, c: GateCounters): MeasurementVerdict {
  const canary = pairs.map((p) => p.canary);
  const baseline = pairs.map((p) => p.baseline);
  const s = settingsOf(cmp, gate.inconclusiveLimit);
  const v: ComparisonVerdict = cmp.judge === 'ratio' ? judgeRatio(canary, baseline, s) : judgeWindowAndRecentHalf(canary, baseline, s);
  const n = v.numbers;
  const side = v.side ?? (cmp.max ? 'max' : 'min');
  // The p that decided: of a regression for a failure (or no decision), of being within the tolerance for a pass.
  const numbers = numbersOf({
    canaryMean: n.canaryMean,
    baselineMean: n.baselineMean,
    ratio: n.ratio,
    p: v.outcome === 'pass' ? n.pPass : n.p,
    u: n.u,
    canaryN: n.canaryN,
    baselineN: n.baselineN,
    tolerance: (v.outcome === 'pass' ? (side === 'max' ? cmp.passMax : cmp.passMin) : undefined)?.factor ?? cmp[side]?.factor,
  });
  const quiet = paired.quiet > 0 ? `; ${plural(paired.quiet, 'step')} below minVolume ${gate.minVolume?.min ?? 0} left out` : '';
  switch (v.outcome) {
    case 'fail':
      return { phase: 'failed', reasonCode: 'comparison-failed', reason: `${v.reason}${quiet}`, numbers };
    case 'pass':
      return { phase: 'successful', reasonCode: 'comparison-passed', reason: `${v.reason}${quiet}`, numbers };
    case 'inconclusive':
      return { phase: 'inconclusive', reasonCode: 'comparison-inconclusive', reason: `${v.reason}${quiet}`, numbers };
    default:
      return noDataVerdict(gate, c, `${v.reason}${quiet}`, numbers);
  }
}

/** What one look says (before it is counted). */
function lookVerdict(c: GateCounters, gate: Gate, cmp: Comparison, obs: Observation | ComparisonObservation | SloObservation, at: number): MeasurementVerdict {
  const error = readError(obs);
  if (error !== undefined || obs.kind !== 'comparison')
    return { phase: 'error', reasonCode: 'metric-error', reason: `metric backend error: ${error ?? '?'}`, numbers: {} };
  const paired = pairSeries(obs, gate.minVolume?.min, at);
  const look = c.measurements + 1;
  // Each inconclusive end (within inconclusiveLimit) gives the comparison one more interval.
  const last = look >= c.target + c.inconclusive;
  if (cmp.sequential && cmp.judge === 'mann-whitney' && paired.pairs.length >= cmp.minSamples) {
    const s = sequentialLook(paired.pairs, gate, cmp, c, look);
    if (s) return sequentialVerdict(paired.pairs, s, cmp, look, c.target);
  }
  if (last) return endVerdict(paired.pairs, paired, gate, cmp, c);
  const head = paired.pairs.length > 0 ? headOf(paired.pairs) : { text: 'no paired samples yet', numbers: {} };
  // A look whose own step has no pair counts as an answer without data: data that stays away fails the gate (consecutiveErrorLimit).
  const missing = !paired.newest && gate.onNoData !== 'pass';
  return {
    phase: 'look',
    reasonCode: missing ? 'comparison-step-missing' : 'comparison-look',
    reason: `${head.text}${missing ? '; this step has no pair (missing, or below minVolume)' : ''}; not decided yet (${look} of ${c.target})`,
    numbers: head.numbers,
    ...(missing ? { noData: true as const } : {}),
  };
}

/** The gate's status after a look: the look's own verdict first, then the limits on errors and missing data. */
function assessLooks(c: GateCounters, gate: Gate, v: MeasurementVerdict): GateAssessment {
  const noData = c.consecutiveNoData ?? 0;
  const numbers: HistoryNumbers = {
    ...v.numbers,
    samples: c.measurements,
    errors: c.errors,
    consecutiveErrors: c.consecutiveErrors,
    ...(noData > 0 ? { consecutiveNoData: noData } : {}),
  };
  const limit = gate.consecutiveErrorLimit;
  if (v.phase === 'failed') return { status: 'failed', reasonCode: v.reasonCode, reason: v.reason, numbers };
  if (c.consecutiveErrors > limit)
    return {
      status: 'failed',
      reasonCode: 'gate-errors',
      reason: `${c.consecutiveErrors} consecutive backend errors exceed consecutiveErrorLimit ${limit} (last: ${v.reason})`,
      numbers: { ...numbers, limit },
    };
  if (noData > limit)
    return {
      status: 'failed',
      reasonCode: 'gate-no-data',
      reason: `${noData} looks in a row without data (no pair at the step, or backend errors) exceed consecutiveErrorLimit ${limit} (last: ${v.reason})`,
      numbers: { ...numbers, limit },
    };
  if (v.phase === 'successful') return { status: 'passed', reasonCode: v.reasonCode, reason: v.reason, numbers };
  if (v.phase === 'inconclusive' && c.inconclusive > gate.inconclusiveLimit)
    return {
      status: 'inconclusive',
      reasonCode: v.reasonCode,
      reason: `${v.reason}${c.inconclusive > 1 ? ` (${c.inconclusive} inconclusive ends exceed inconclusiveLimit ${gate.inconclusiveLimit})` : ''}`,
      numbers: { ...numbers, limit: gate.inconclusiveLimit },
    };
  return { status: 'measuring', reasonCode: 'gate-measuring', reason: `${c.measurements} of ${c.target} looks`, numbers };
}

/** One look of a comparison gate: its verdict (for the history), the counters after it, and the gate's status. */
export function lookComparison(
  c: GateCounters,
  gate: Gate,
  cmp: Comparison,
  obs: Observation | ComparisonObservation | SloObservation,
  at: number,
): { verdict: MeasurementVerdict; next: GateCounters; status: GateAssessment } {
  const verdict = lookVerdict(c, gate, cmp, obs, at);
  const next = countVerdict(c, verdict);
  return { verdict, next, status: assessLooks(next, gate, verdict) };
}

/** The baseline as a person reads it: the region, or "its own query". */
export function baselineName(cmp: Comparison): string {
  return 'region' in cmp.baseline ? cmp.baseline.region : 'baselineQuery';
}
