/**
 * What the freeze's tests share: a plan with the freeze on an slo gate (two stages, the second with
 * two regions), and budget answers of a given spend for the read the core asked for last.
 */
import type { Event } from '../../src/core/events.js';
import type { Observation } from '../../src/core/values.js';
import type { Freeze, Gate } from '../../src/plan/types.js';
import type { Harness } from './harness.js';
import { gate, makePlan, stage } from './plans.js';

export const DAY = 86_400_000;

export const SLO_GATE: Gate = {
  ...gate('availability', { query: undefined, max: undefined }),
  slo: { good: 'good[{{ window }}]', total: 'total[{{ window }}]', objective: 0.999, shortMs: 300_000, longMs: 3_600_000, factor: 14.4 },
};

export function freezePlan(freeze: Partial<Freeze> = {}) {
  const p = makePlan({ gates: [gate('errors'), SLO_GATE], stages: [stage('canary', ['us-east-1']), stage('main', ['eu-west-1', 'eu-central-1'])] });
  p.freeze = { slo: 'availability', periodMs: 30 * DAY, floor: 0.1, beforeEachStage: false, ...freeze };
  return p;
}

const v = (value: number): Observation => ({ kind: 'value', value });

export type BudgetReadEvent = Extract<Event, { type: 'budget-read' }>;

/** The answer to the last read asked for, where `spent` of the budget is gone (bad = spent x 0.001 x total), or an observation for both reads. */
export function budgetAnswer(h: Harness, spent: number | Observation, regions?: string[]): BudgetReadEvent {
  const e = [...h.of('read-budget')].pop();
  if (!e) throw new Error('no read-budget asked');
  const read = (region: string) =>
    typeof spent === 'number' ? { region, good: v(1_000_000 - spent * 1000), total: v(1_000_000) } : { region, good: spent, total: spent };
  return { type: 'budget-read', at: e.at, stage: e.stage, reads: (regions ?? e.regions).map(read) };
}

export const dispatched = (h: Harness): string[] => h.of('dispatch-deploy').map((e) => e.region);
