/**
 * The reads of an slo gate and of the freeze: each is an instant read through the ordinary
 * `measure` port of a gate derived from the slo gate (its good or total query, `{{ window }}` set
 * to the window read), so no metrics adapter knows about SLOs. The core computes the burn rates
 * and the budget (core/slo-gate.ts, core/freeze.ts); here only the numbers are read.
 */
import { messageOf } from '../report/message.js';
import { formatDuration } from '../plan/duration.js';
import type { TemplateContext } from '../plan/template.js';
import type { Gate, Provider, SloSpec } from '../plan/types.js';
import type { EventReads, Observation, SloObservation } from '../core/values.js';
import type { MeasureRequest, MetricsPort } from './ports.js';

/** The plain gate one read is made through: the slo gate's good or total query over `windowMs`. */
export function sloReadGate(gate: Gate, query: string, windowMs: number): Gate {
  const { slo: _slo, ...rest } = gate;
  return { ...rest, query, windowMs };
}

export interface SloReadTarget {
  gate: Gate & { slo: SloSpec };
  provider: Provider;
  /** The context of the region read, without a window: each read sets its own. */
  context: TemplateContext;
  at: number;
}

/** One read of an slo gate or the freeze: its good or total query over `windowMs`, as event counts (the pre-flight makes the same). */
export function sloReadRequest(t: SloReadTarget, query: string, windowMs: number): MeasureRequest {
  return {
    gate: sloReadGate(t.gate, query, windowMs),
    provider: t.provider,
    context: { ...t.context, window: formatDuration(windowMs) },
    at: t.at,
    counts: true,
  };
}

async function read(metrics: MetricsPort, t: SloReadTarget, query: string, windowMs: number): Promise<Observation> {
  try {
    return await metrics.measure(sloReadRequest(t, query, windowMs));
  } catch (err) {
    // The port promises not to throw; if it does anyway, that is an error read, never a value.
    return { kind: 'error', message: messageOf(err) };
  }
}

/** Good and total events over one window, read together. */
export async function readEvents(metrics: MetricsPort, t: SloReadTarget, windowMs: number): Promise<EventReads> {
  const [good, total] = await Promise.all([read(metrics, t, t.gate.slo.good, windowMs), read(metrics, t, t.gate.slo.total, windowMs)]);
  return { good, total };
}

/** One measurement of an slo gate: its short and long windows. */
export async function measureSlo(metrics: MetricsPort, t: SloReadTarget): Promise<SloObservation> {
  const [short, long] = await Promise.all([readEvents(metrics, t, t.gate.slo.shortMs), readEvents(metrics, t, t.gate.slo.longMs)]);
  return { kind: 'slo', short, long };
}
