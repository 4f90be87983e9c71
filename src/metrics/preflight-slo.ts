/**
 * The pre-flight of slo gates and the freeze: an slo gate is measured by four reads (good and
 * total over its short and long windows) and the freeze by two per region (over the SLO period),
 * so each is rendered and run as the driver would (driver/measure-slo.ts), one check per read.
 * A read is ready when it answers a finite number: the burn rate and the budget need all of them.
 */
import { formatDuration } from '../plan/duration.js';
import { renderFor, queryLanguage } from '../plan/escape.js';
import { contextValues, renderTemplate, type TemplateContext } from '../plan/template.js';
import type { Gate, Plan, Provider, SloSpec } from '../plan/types.js';
import type { Observation } from '../core/values.js';
import { sloReadRequest } from '../driver/measure-slo.js';
import type { MetricsPort } from '../driver/ports.js';
import { messageOf } from '../report/message.js';

export interface SloReadPlan {
  /** `availability good over 5m`: which read this is. */
  what: string;
  request: string;
  /** The plain gate the read is made through (its window, reducer and path shape the answer too). */
  gate: Gate;
  run: () => Promise<Observation>;
}

/** The reads of one slo gate (windows: its short and long, or the freeze's period). */
export function sloReads(
  gate: Gate & { slo: SloSpec },
  provider: Provider,
  context: TemplateContext,
  windows: readonly number[],
  metrics: MetricsPort,
  at: number,
): SloReadPlan[] {
  const out: SloReadPlan[] = [];
  const lang = queryLanguage(provider);
  for (const windowMs of windows) {
    const window = formatDuration(windowMs);
    for (const field of ['good', 'total'] as const) {
      const query = gate.slo[field];
      const ctx = { ...context, window };
      let request: string;
      try {
        request = lang ? renderFor(lang, query, contextValues(ctx)) : renderTemplate(query, contextValues(ctx));
      } catch (err) {
        request = `<cannot render: ${messageOf(err)}>`;
      }
      const read = sloReadRequest({ gate, provider, context, at }, query, windowMs);
      out.push({ what: `${field} events over ${window}`, request, gate: read.gate, run: () => metrics.measure(read) });
    }
  }
  return out;
}

/** What the core would make of one read: a number is ready; no data or an error holds (freeze) or is no data (gate). */
export function sloReadVerdict(what: string, o: Observation, readCode = 'slo-read'): { phase: string; reasonCode: string; reason: string; evaluable: boolean } {
  if (o.kind === 'value' && Number.isFinite(o.value)) return { phase: 'read', reasonCode: readCode, reason: `${what}: ${o.value}`, evaluable: true };
  if (o.kind === 'error') return { phase: 'error', reasonCode: 'metric-error', reason: `${what}: ${o.message}`, evaluable: false };
  const detail = o.kind === 'no-data' ? o.detail : `value is ${String(o.value)}`;
  return { phase: 'no-data', reasonCode: 'no-data', reason: `${what}: no data (${detail}); never a pass`, evaluable: false };
}

/** The freeze's reads before the first stage (the regions it reads), or none without a freeze. */
export function freezeReads(plan: Plan, contextFor: (stage: string, region: string) => TemplateContext, metrics: MetricsPort, at: number) {
  const f = plan.freeze;
  const gate = f ? plan.gates[f.slo] : undefined;
  const provider = gate ? plan.providers[gate.provider] : undefined;
  const first = plan.stages[0];
  const slo = gate?.slo;
  if (!f || !gate || !slo || !provider || !first) return [];
  return (f.regions ?? first.regions).map((region) => ({
    stage: first.name,
    region,
    reads: sloReads({ ...gate, slo }, provider, contextFor(first.name, region), [f.periodMs], metrics, at),
  }));
}
