/**
 * Synthetic metrics for `simulate`: per gate, values around the threshold with seeded noise.
 * Healthy values sit comfortably on the good side; a regression puts the region's first gate
 * well past its threshold from the scripted step on; no-data and flaky backends are scripted too.
 */
import type { Plan, SloSpec } from '../plan/types.js';
import type { MeasureRequest, MetricsPort, RangeRequest } from '../driver/ports.js';
import type { Observation, SeriesObservation } from '../core/values.js';
import { randomFor } from './random.js';
import type { Scenario } from './scenario.js';

export class SyntheticMetrics implements MetricsPort {
  readonly calls: MeasureRequest[] = [];
  recordCalls = false;
  /** `region|gate` pairs whose one gap (scenario no-data-gap) is behind them. */
  private readonly gapped = new Set<string>();

  constructor(
    private readonly plan: Plan,
    private readonly scenario: Scenario,
    private readonly seed: number,
  ) {}

  async measure(req: MeasureRequest): Promise<Observation> {
    if (this.recordCalls) this.calls.push(req);
    const { gate, context } = req;
    const key = `${context.region}|${gate.name}|${context.step.index}|${req.at}`;
    if (this.scenario.noData.has(context.region)) return { kind: 'no-data', detail: 'simulated: the query returned no series' };
    const gap = `${context.region}|${gate.name}`;
    if (this.scenario.noDataGaps.has(context.region) && !this.gapped.has(gap)) {
      this.gapped.add(gap);
      return { kind: 'no-data', detail: 'simulated: a gap, the query returned no series once' };
    }
    if (this.scenario.flakyRate > 0 && randomFor(this.seed, `flaky|${key}`) < this.scenario.flakyRate) {
      return { kind: 'error', message: 'simulated: backend answered 503' };
    }
    const slo = this.plan.gates[gate.name]?.slo;
    if (slo && (gate.query === slo.good || gate.query === slo.total)) return this.sloRead(req, slo, gate.query === slo.good, key);
    const degraded = this.degraded(gate, context);
    const noise = randomFor(this.seed, `value|${key}`) * 2 - 1; // [-1, 1)
    return { kind: 'value', value: valueFor(gate.min, gate.max, degraded, noise, baselineOf(req)), detail: degraded ? 'simulated regression' : 'simulated' };
  }

  /**
   * One read of an slo gate (driver/measure-slo.ts): 1,000 events a minute over the window read.
   * Healthy regions burn at about 0.2x; slo-burn at 30x in every window; the freeze's period read
   * finds 70% of the budget left, or 3% with budget-exhausted.
   */
  private sloRead(req: MeasureRequest, slo: SloSpec, good: boolean, key: string): Observation {
    const { gate, context } = req;
    const budget = 1 - slo.objective;
    const total = Math.round((1000 * gate.windowMs) / 60_000);
    const freeze = this.plan.freeze;
    const period = freeze !== undefined && freeze.slo === gate.name && gate.windowMs === freeze.periodMs;
    const from = this.scenario.sloBurns.get(context.region);
    const noise = randomFor(this.seed, `slo|${key}|${gate.windowMs}`) * 2 - 1;
    const ratio = period
      ? budget * (this.scenario.budgetExhausted ? 0.97 : 0.3)
      : from !== undefined && context.step.index >= from
        ? Math.min(1, budget * (30 + 3 * noise))
        : budget * 0.2 * (1 + 0.3 * noise);
    const detail = period && this.scenario.budgetExhausted ? 'simulated: budget exhausted' : from !== undefined ? 'simulated slo burn' : 'simulated';
    return { kind: 'value', value: good ? total * (1 - ratio) : total, detail };
  }

  /** A regression scenario puts the region's first gate of its stage at 1.5x from its step on. */
  private degraded(gate: RangeRequest['gate'], context: RangeRequest['context']): boolean {
    const from = this.scenario.regressions.get(context.region);
    const stage = this.plan.stages.find((s) => s.name === context.stage);
    return from !== undefined && context.step.index >= from && stage?.gates[0] === gate.name;
  }

  /**
   * A comparison gate's range read: a point per step around the provider's `baseline` level (0.02
   * if unset) with seeded noise of +-10 %, the same for a step at every look; a regression scenario
   * puts the region's first gate at 1.5x from its step on. The volume query answers 100 per step,
   * or 0.1 in a quiet region. Scenarios of missing data and flaky backends apply as to instant reads.
   */
  async measureRange(req: RangeRequest): Promise<SeriesObservation> {
    const { gate, context } = req;
    if (this.scenario.noData.has(context.region)) return { kind: 'no-data', detail: 'simulated: the query returned no series' };
    const volume = req.query === gate.minVolume?.query;
    const key = `${context.region}|${gate.name}|${volume ? 'volume' : req.query}`;
    if (this.scenario.flakyRate > 0 && randomFor(this.seed, `flaky|${key}|${req.end}`) < this.scenario.flakyRate) {
      return { kind: 'error', message: 'simulated: backend answered 503' };
    }
    const degraded = this.degraded(gate, context);
    const level = volume
      ? this.scenario.quiet.has(context.region)
        ? 0.1
        : 100
      : ((req.provider.type === 'synthetic' ? req.provider.baseline : undefined) ?? 0.02);
    const points: Array<{ at: number; value: number }> = [];
    for (let at = req.start; at <= req.end; at += req.stepMs) {
      const noise = randomFor(this.seed, `range|${key}|${at}`) * 2 - 1;
      points.push({ at, value: level * (volume ? 1 : degraded ? 1.5 : 1) * (1 + 0.1 * noise) });
    }
    return { kind: 'series', points, missing: 0, detail: degraded && !volume ? 'simulated regression (1.5x)' : 'simulated' };
  }
}

function baselineOf(req: MeasureRequest): number | undefined {
  return req.provider.type === 'synthetic' ? req.provider.baseline : undefined;
}

/** A healthy value sits within thresholds (noise +-20 % of the margin); a degraded one is well past them. */
function valueFor(min: number | undefined, max: number | undefined, degraded: boolean, noise: number, baseline: number | undefined): number {
  if (max !== undefined && min !== undefined) {
    const mid = (min + max) / 2;
    const half = (max - min) / 2;
    return degraded ? max + half * (0.5 + 0.25 * noise) + Math.abs(max) * 0.1 + 1e-9 : mid + half * 0.4 * noise;
  }
  if (max !== undefined) {
    const scale = Math.abs(max) || 1;
    if (degraded) return max + scale * (0.5 + 0.2 * noise);
    const healthy = baseline !== undefined && baseline < max ? baseline : max - scale * 0.5;
    return healthy + scale * 0.2 * noise * 0.5;
  }
  if (min !== undefined) {
    const scale = Math.abs(min) || 1;
    if (degraded) return min - scale * (0.5 + 0.2 * noise);
    const healthy = baseline !== undefined && baseline > min ? baseline : min + scale * 0.5;
    return healthy + scale * 0.2 * noise * 0.5;
  }
  return baseline ?? 0;
}
