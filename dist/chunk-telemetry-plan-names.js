import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/telemetry/plan-names.ts
var PlanNameIndex = class {
  constructor(plan) {
    this.plan = plan;
    this.stages = new Map(plan.stages.map((s) => [s.name, s.steps.length]));
    this.regions = new Set(plan.stages.flatMap((s) => s.regions));
  }
  plan;
  stages;
  regions;
  hasStage(name) {
    return name !== void 0 && this.stages.has(name);
  }
  hasRegion(name) {
    return name !== void 0 && this.regions.has(name);
  }
  hasGate(name) {
    return name !== void 0 && Object.hasOwn(this.plan.gates, name);
  }
  /** Whether the plan's stage of that name has this (0-based) step. */
  hasStep(stage, step) {
    const steps = stage !== void 0 ? this.stages.get(stage) ?? 0 : 0;
    return step !== void 0 && Number.isInteger(step) && step >= 0 && step < steps;
  }
};

export {
  PlanNameIndex
};
