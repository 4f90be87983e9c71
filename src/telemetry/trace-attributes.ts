/**
 * The attributes of the release's spans: the `progressive_release.*` names, ledger text bounded
 * to one line, the names a span may carry in its own name (the plan's), and a history entry's
 * numbers under the names a gate's numbers mean.
 */
import type { Attributes } from '@opentelemetry/api';
import type { HistoryEntry, HistoryNumbers } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { truncate } from '../report/text.js';
import { oneLine } from '../report/untrusted.js';
import { PlanNameIndex } from './plan-names.js';

/** Our own attributes' namespace (semantic conventions have none for a release). */
export const A = 'progressive_release.';

/**
 * Ledger text (a hand edit can put anything there) and a backend's text: span names and string
 * attributes get one line of at most this many characters.
 */
export const REASON_MAX = 256;

export function bounded(text: string): string {
  return truncate(oneLine(text), REASON_MAX);
}

/**
 * The names a span's own name may hold: the plan's. A history entry's gate, stage or region is
 * ledger text; one the plan does not have names its span generically (`gate (unknown)`), and is
 * only an attribute, bounded, so a ledger edit can neither flood a backend's span-name index nor
 * break a name across lines.
 */
export class PlanNames {
  private readonly index: PlanNameIndex;

  constructor(plan: Plan) {
    this.index = new PlanNameIndex(plan);
  }

  gate(what: string, name: string): string {
    return named(what, name, this.index.hasGate(name));
  }

  stage(what: string, name: string): string {
    return named(what, name, this.index.hasStage(name));
  }

  region(what: string, name: string): string {
    return named(what, name, this.index.hasRegion(name));
  }
}

function named(what: string, name: string, known: boolean): string {
  return known ? bounded(`${what} ${name}`) : `${what} (unknown)`;
}

/** Why a span ended: the entry's reason code and reason. */
export function whyOf(h: HistoryEntry): Attributes {
  return { [`${A}reason_code`]: bounded(h.reasonCode), [`${A}reason`]: bounded(h.reason) };
}

export function gateNumbers(h: HistoryEntry): Attributes {
  const n = h.numbers ?? {};
  const out: Attributes = {};
  if (n.value !== undefined) out[`${A}gate.value`] = n.value;
  // A measurement's min and max are the gate's limits (core/verdict.ts), threshold the one it crossed.
  if (n.min !== undefined) out[`${A}gate.min`] = n.min;
  if (n.max !== undefined) out[`${A}gate.max`] = n.max;
  if (n.threshold !== undefined) out[`${A}gate.threshold`] = n.threshold;
  if (n.limit !== undefined) out[`${A}gate.limit`] = n.limit;
  if (n.samples !== undefined) out[`${A}gate.samples`] = n.samples;
  if (n.successful !== undefined) out[`${A}gate.successful`] = n.successful;
  if (n.failed !== undefined) out[`${A}gate.failed`] = n.failed;
  if (n.inconclusive !== undefined) out[`${A}gate.inconclusive`] = n.inconclusive;
  for (const [field, name] of VERDICT_NUMBERS) {
    const v = n[field];
    // A ratio over a zero baseline is no number a backend can index or compare: left out, never Infinity.
    if (v !== undefined && Number.isFinite(v)) out[`${A}gate.${name}`] = v;
  }
  return out;
}

/** A comparison's and an slo gate's numbers (core/history.ts), under the attribute names' snake case. */
const VERDICT_NUMBERS: ReadonlyArray<readonly [keyof HistoryNumbers, string]> = [
  ['canaryMean', 'canary_mean'],
  ['baselineMean', 'baseline_mean'],
  ['ratio', 'ratio'],
  ['p', 'p'],
  ['u', 'u'],
  ['canaryN', 'canary_n'],
  ['baselineN', 'baseline_n'],
  ['tolerance', 'tolerance'],
  ['lower', 'lower'],
  ['upper', 'upper'],
  ['burnRateShort', 'burn_rate_short'],
  ['burnRateLong', 'burn_rate_long'],
  ['factor', 'factor'],
  ['objective', 'objective'],
];

/** The freeze's read (core/freeze.ts): the budget left, the floor, the SLO's objective. */
export function freezeNumbers(h: HistoryEntry): Attributes {
  const n = h.numbers ?? {};
  const out: Attributes = {};
  if (n.budgetRemaining !== undefined && Number.isFinite(n.budgetRemaining)) out[`${A}freeze.budget_remaining`] = n.budgetRemaining;
  if (n.floor !== undefined && Number.isFinite(n.floor)) out[`${A}freeze.floor`] = n.floor;
  if (n.objective !== undefined && Number.isFinite(n.objective)) out[`${A}freeze.objective`] = n.objective;
  return out;
}

/** The gate's span carries its limits and the range of values measured: a passing gate's numbers too. */
export function observe(attributes: Attributes, h: HistoryEntry): void {
  const n = h.numbers ?? {};
  if (n.min !== undefined) attributes[`${A}gate.min`] = n.min;
  if (n.max !== undefined) attributes[`${A}gate.max`] = n.max;
  if (n.value === undefined) return;
  const lo = attributes[`${A}gate.observed_min`];
  const hi = attributes[`${A}gate.observed_max`];
  attributes[`${A}gate.observed_min`] = typeof lo === 'number' ? Math.min(lo, n.value) : n.value;
  attributes[`${A}gate.observed_max`] = typeof hi === 'number' ? Math.max(hi, n.value) : n.value;
}

/** The measurement's reason starts with the verdict's phase (core/gates.ts writes `${phase}: ...`). */
const MEASUREMENT_PHASE = /^(successful|failed|inconclusive|error|wait):/;

export function measurementPhase(h: HistoryEntry): string {
  return MEASUREMENT_PHASE.exec(h.reason)?.[1] ?? 'unknown';
}
