/** Resolved plans for engine tests, built directly (no YAML): defaults applied, durations in ms. */
import type { Gate, Plan, Stage } from '../../src/plan/types.js';

const MIN = 60_000;

/** Fields of a gate to override: an optional one may be set to undefined, which clears its default (`max: undefined`: only a min). */
export type GateOverrides = { [K in keyof Gate]?: Partial<Pick<Gate, K>> extends Pick<Gate, K> ? Gate[K] | undefined : Gate[K] };

export function gate(name: string, over: GateOverrides = {}): Gate {
  // A cleared default stays as `undefined` (not absent), which the engine reads the same.
  return {
    name,
    provider: 'prom',
    query: `metric{region="{{ region }}"}`,
    method: 'GET',
    max: 1,
    intervalMs: MIN,
    windowMs: MIN,
    initialDelayMs: 0,
    failureLimit: 0,
    inconclusiveLimit: 0,
    consecutiveErrorLimit: 4,
    onNoData: 'inconclusive',
    ...over,
  } as Gate;
}

export function stage(name: string, regions: string[], over: Partial<Stage> = {}): Stage {
  return { name, regions, maxParallel: regions.length, steps: [{ traffic: 100, bakeMs: 5 * MIN }], gates: ['errors'], failureBudget: 0, ...over };
}

export interface PlanOptions {
  stages?: Stage[];
  gates?: Gate[];
  /** null: no rollback workflow. */
  rollbackScope?: 'region' | 'touched' | null;
  deployTimeoutMs?: number;
  approvalTimeoutMs?: number;
}

export function makePlan(opts: PlanOptions = {}): Plan {
  const gates = opts.gates ?? [gate('errors')];
  const plan: Plan = {
    name: 'app',
    file: 'release-plan.yml',
    variables: { service: 'app' },
    deploy: { workflow: 'deploy.yml', inputs: { region: '{{ region }}', version: '{{ version }}', traffic: '{{ step.traffic }}' }, timeoutMs: 30 * MIN },
    environment: 'production/{{ region }}',
    providers: { prom: { type: 'prometheus', url: 'https://prom.example.com', name: 'prom', timeoutMs: 10_000 } },
    gates: Object.fromEntries(gates.map((g) => [g.name, g])),
    stages: opts.stages ?? [stage('one', ['us-east-1'])],
    approvals: { minPermission: 'write', users: [], teams: [], allowSelfApproval: false, timeoutMs: opts.approvalTimeoutMs ?? 24 * 60 * MIN },
  };
  if (opts.deployTimeoutMs !== undefined) plan.deploy.timeoutMs = opts.deployTimeoutMs;
  if (opts.rollbackScope !== null) {
    plan.rollback = { workflow: 'rollback.yml', inputs: { region: '{{ region }}' }, timeoutMs: 15 * MIN, scope: opts.rollbackScope ?? 'touched' };
  }
  return plan;
}
