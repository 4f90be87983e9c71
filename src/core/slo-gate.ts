/**
 * Judging one measurement of an slo gate: multi-window burn-rate alerting (SRE Workbook ch. 5).
 * The burn rate of a window is its error ratio over the error budget; a measurement fails when
 * the short AND the long window burn faster than the plan's factor (the long window proves it is
 * not a blip, the short one that it is still happening). A window without events, or a read that
 * answered no number, is no data: never a pass (onNoData decides, and `pass` is not taken for a
 * burn rate nobody measured); a backend error is an error, as for any gate.
 */
import { formatDuration } from '../plan/duration.js';
import { formatPercent } from '../plan/percent.js';
import type { Gate, SloSpec } from '../plan/types.js';
import { burnRate, type EventCounts } from './stats/burn-rate.js';
import type { EventReads, Observation, SloObservation } from './values.js';
import { assessObservation, type MeasurementVerdict } from './verdict.js';
import type { HistoryNumbers } from './history.js';

/** A burn rate as people read it: 21.3x, 0.41x. */
export function formatBurn(rate: number): string {
  return `${rate >= 10 ? rate.toFixed(1) : Number(rate.toPrecision(2))}x`;
}

/** The counts of one window, or why there are none (an error, or no data). */
export function countsOf(reads: EventReads, window: string): { counts: EventCounts } | { error: string } | { noData: string } {
  const read = (o: Observation, what: string): number | { error: string } | { noData: string } => {
    if (o.kind === 'error') return { error: `${what} over ${window}: ${o.message}` };
    if (o.kind === 'no-data') return { noData: `${what} over ${window}: ${o.detail}` };
    return Number.isFinite(o.value) ? o.value : { noData: `${what} over ${window} is ${String(o.value)}` };
  };
  const good = read(reads.good, 'good events');
  const total = read(reads.total, 'total events');
  for (const r of [good, total]) if (typeof r === 'object' && 'error' in r) return r;
  for (const r of [good, total]) if (typeof r === 'object') return r;
  if (typeof total !== 'number' || typeof good !== 'number') return { noData: `no events over ${window}` };
  // No events in the window: nothing burnt and nothing proven (a quiet region is no data, not healthy).
  if (!(total > 0)) return { noData: `no events over ${window} (total ${total})` };
  // More good events than events, or fewer than none, is not a healthy window but two queries that
  // do not count the same events (swapped, double-counted): an error, never a burn rate of 0.
  if (good < 0 || good > total) {
    return {
      error: `good events ${good} and total events ${total} over ${window} do not fit (good must be from 0 to total): check that slo.good and slo.total count the same events`,
    };
  }
  return { counts: { good, total } };
}

/** One window's read back: its burn rate, or why it has none. */
export function windowBurn(reads: EventReads, windowMs: number, objective: number): { rate: number } | { error: string } | { noData: string } {
  const c = countsOf(reads, formatDuration(windowMs));
  if (!('counts' in c)) return c;
  return { rate: burnRate(c.counts, objective) };
}

export function assessSlo(obs: Observation | SloObservation, gate: Gate & { slo: SloSpec }): MeasurementVerdict {
  const slo = gate.slo;
  const numbers: HistoryNumbers = { factor: slo.factor, objective: slo.objective };
  if (obs.kind !== 'slo') {
    return { phase: 'error', reasonCode: 'metric-error', reason: `slo gate ${gate.name} was answered with one value, not its good/total reads`, numbers };
  }
  const short = windowBurn(obs.short, slo.shortMs, slo.objective);
  const long = windowBurn(obs.long, slo.longMs, slo.objective);
  const errors = [short, long].flatMap((w) => ('error' in w ? [w.error] : []));
  if (errors.length > 0) return { phase: 'error', reasonCode: 'metric-error', reason: `metric backend error: ${errors.join('; ')}`, numbers };
  if (!('rate' in short) || !('rate' in long)) {
    const detail = [short, long].flatMap((w) => ('noData' in w ? [w.noData] : [])).join('; ');
    // A burn rate nobody measured is never a pass, whatever onNoData says for a plain gate.
    const policy: Gate = gate.onNoData === 'pass' ? { ...gate, onNoData: 'inconclusive' } : gate;
    const v = assessObservation({ kind: 'no-data', detail }, policy);
    const note = gate.onNoData === 'pass' ? ' (onNoData: pass does not pass an slo gate without events)' : '';
    return { ...v, reason: `${v.reason}${note}`, numbers: { ...v.numbers, ...numbers } };
  }
  const both = short.rate > slo.factor && long.rate > slo.factor;
  const measured = { ...numbers, burnRateShort: short.rate, burnRateLong: long.rate };
  const rates = `burn rate ${formatBurn(short.rate)} over ${formatDuration(slo.shortMs)} and ${formatBurn(long.rate)} over ${formatDuration(slo.longMs)}`;
  const objective = `(objective ${formatPercent(slo.objective)})`;
  if (both) {
    return {
      phase: 'failed',
      reasonCode: 'burn-rate-above-factor',
      reason: `${rates}, both above ${formatBurn(slo.factor)} ${objective}`,
      numbers: { ...measured, threshold: slo.factor },
    };
  }
  const which = short.rate > slo.factor ? 'only the short window' : long.rate > slo.factor ? 'only the long window' : 'neither';
  return {
    phase: 'successful',
    reasonCode: 'burn-rate-within-factor',
    reason: `${rates}: ${which} above ${formatBurn(slo.factor)} ${objective}`,
    numbers: measured,
  };
}
