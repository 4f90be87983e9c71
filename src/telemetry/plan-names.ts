/**
 * Which names are the plan's own. A history entry's stage, region and gate are text in the
 * ledger, which anyone with checks:write can edit; only names the validated plan has (bounded,
 * one line, from its schema's patterns) may become a metric label or a span name. One index for
 * both: the metrics (metrics-from-state.ts) and the traces (trace-attributes.ts) ask it.
 */
import type { Plan } from '../plan/types.js';

export class PlanNameIndex {
  private readonly stages: Map<string, number>;
  private readonly regions: Set<string>;

  constructor(private readonly plan: Plan) {
    this.stages = new Map(plan.stages.map((s) => [s.name, s.steps.length]));
    this.regions = new Set(plan.stages.flatMap((s) => s.regions));
  }

  hasStage(name: string | undefined): name is string {
    return name !== undefined && this.stages.has(name);
  }

  hasRegion(name: string | undefined): name is string {
    return name !== undefined && this.regions.has(name);
  }

  hasGate(name: string | undefined): name is string {
    return name !== undefined && Object.hasOwn(this.plan.gates, name);
  }

  /** Whether the plan's stage of that name has this (0-based) step. */
  hasStep(stage: string | undefined, step: number | undefined): boolean {
    const steps = stage !== undefined ? (this.stages.get(stage) ?? 0) : 0;
    return step !== undefined && Number.isInteger(step) && step >= 0 && step < steps;
  }
}
