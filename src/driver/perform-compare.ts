/**
 * The range reads of one comparison gate's look: the canary's query for its region, the
 * baseline's (the same query rendered for the baseline region, or the baseline's own query), and
 * with minVolume each one's volume, read at once. The range runs from the bake's first
 * measurement to this one, a point per interval, so each look re-reads the whole bake and the
 * core keeps no samples. Each answer is taken as the port gives it: the port bounds the backend's
 * text and never throws (driver/ports.ts; metrics/registry.ts keeps that promise for the real
 * backends), so this module does not bound it again. A port that throws anyway (a fake, a future
 * adapter) is an error read here, as for instant reads (perform.ts measureOne): a rejection would
 * fail the whole batch of effects, other regions' answers with it.
 */
import type { Effect } from '../core/effects.js';
import type { ComparisonObservation, SeriesObservation } from '../core/values.js';
import { messageOf } from '../report/message.js';
import { formatDuration } from '../plan/duration.js';
import { templateContext } from '../plan/template.js';
import type { Gate, Plan, Provider } from '../plan/types.js';
import type { State } from '../core/state.js';
import type { MetricsPort } from './ports.js';

type QueryEffect = Extract<Effect, { type: 'query-metric' }>;

/** The first measurement of the bake: the range's start (its points fall on the gate's measurement times). */
function rangeStart(state: State, e: QueryEffect, gate: Gate): number {
  const startedAt = e.bakeStartedAt ?? state.regions[e.region]?.bake?.startedAt ?? e.at;
  return Math.min(e.at, startedAt + gate.initialDelayMs + gate.intervalMs);
}

export async function readComparison(
  env: { plan: Plan; state: State },
  e: QueryEffect,
  name: string,
  metrics: MetricsPort,
): Promise<ComparisonObservation | { kind: 'error'; message: string }> {
  const gate = env.plan.gates[name];
  const provider: Provider | undefined = gate ? env.plan.providers[gate.provider] : undefined;
  const cmp = gate?.compare;
  const query = gate?.query ?? gate?.url;
  if (!gate || !provider || !cmp || query === undefined) return { kind: 'error', message: `gate ${name}, its comparison or its provider is not in the plan` };
  const window = formatDuration(gate.windowMs);
  const canary = templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic, window);
  // The baseline is read with the canary's stage and step (what the release is doing) and its own region.
  const baselineRegion = 'region' in cmp.baseline ? cmp.baseline.region : undefined;
  const baseline = baselineRegion !== undefined ? { ...canary, region: baselineRegion } : canary;
  const baselineQuery = 'query' in cmp.baseline ? cmp.baseline.query : query;
  const range = { provider, gate, start: rangeStart(env.state, e, gate), end: e.at, stepMs: gate.intervalMs };
  const volume = gate.minVolume?.query;
  const read = (q: string, context: typeof canary): Promise<SeriesObservation> =>
    metrics.measureRange({ ...range, query: q, context }).catch((err: unknown) => ({ kind: 'error', message: messageOf(err) }));
  const [c, b, cv, bv] = await Promise.all([
    read(query, canary),
    read(baselineQuery, baseline),
    volume !== undefined ? read(volume, canary) : undefined,
    // A baseline of its own query has no region to read a volume for.
    volume !== undefined && baselineRegion !== undefined ? read(volume, baseline) : undefined,
  ]);
  return { kind: 'comparison', canary: c, baseline: b, ...(cv ? { canaryVolume: cv } : {}), ...(bv ? { baselineVolume: bv } : {}) };
}
