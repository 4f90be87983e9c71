/**
 * Turns a plan that passed the schema and the semantic checks into the resolved `Plan`:
 * defaults applied, durations in milliseconds, template values stringified, and the source
 * positions of gates and stages kept for annotations. Pure: no I/O.
 */
import { DEFAULT_APPROVAL_WORKFLOW } from './approval-workflow.js';
import { normalizeComparison } from './compare.js';
import { parseDuration } from './duration.js';
import type { PositionIndex } from './positions.js';
import type { PlanInput } from './schema.js';
import { parsePercent } from './percent.js';
import type { Approvals, Freeze, Gate, Plan, Provider, SloSpec, Stage, StageApproval, Step, WorkflowSpec } from './types.js';

/** Defaults of the plan format, in one place (the README's plan reference quotes them). */
export const DEFAULTS = {
  deployTimeout: '30m',
  rollbackScope: 'touched',
  environment: 'production/{{ region }}',
  gateInterval: '1m',
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 4,
  onNoData: 'inconclusive',
  method: 'GET',
  providerTimeout: '10s',
  failureBudget: 0,
  minPermission: 'write',
  allowSelfApproval: false,
  approvalTimeout: '24h',
  bake: '0s',
  initialDelay: '0s',
  // The SRE Workbook's first multi-window pair: 2% of a 30-day budget spent in one hour.
  sloShort: '5m',
  sloLong: '1h',
  sloFactor: 14.4,
} as const;

/** Duration text to ms; the schema has already checked the form, so a miss is a programming error. */
function ms(text: string | undefined, fallback: string): number {
  const value = parseDuration(text ?? fallback);
  if (value === undefined) throw new Error(`internal: duration '${text}' passed the schema but does not parse`);
  return value;
}

function stringify(values: Record<string, string | number | boolean> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values ?? {})) out[k] = String(v);
  return out;
}

function workflowSpec(input: {
  workflow: string;
  ref?: string | undefined;
  inputs?: Record<string, string | number | boolean> | undefined;
  timeout?: string | undefined;
  correlationInput?: string | undefined;
}): WorkflowSpec {
  const spec: WorkflowSpec = {
    workflow: input.workflow,
    inputs: stringify(input.inputs),
    timeoutMs: ms(input.timeout, DEFAULTS.deployTimeout),
  };
  if (input.ref !== undefined) spec.ref = input.ref;
  if (input.correlationInput !== undefined) spec.correlationInput = input.correlationInput;
  return spec;
}

/** Applies defaults and converts units; `pos` supplies gate/stage positions when given. */
export function normalizePlan(input: PlanInput, file: string, pos?: PositionIndex): Plan {
  const approvals: Approvals = {
    minPermission: input.approvals?.minPermission ?? DEFAULTS.minPermission,
    users: input.approvals?.users ?? [],
    teams: input.approvals?.teams ?? [],
    allowSelfApproval: input.approvals?.allowSelfApproval ?? DEFAULTS.allowSelfApproval,
    timeoutMs: ms(input.approvals?.timeout, DEFAULTS.approvalTimeout),
  };

  const providers: Record<string, Provider> = {};
  for (const [name, p] of Object.entries(input.providers ?? {})) {
    providers[name] = { ...p, name, timeoutMs: ms(p.timeout, DEFAULTS.providerTimeout) };
  }

  const gates: Record<string, Gate> = {};
  for (const [name, g] of Object.entries(input.gates ?? {})) {
    const intervalMs = ms(g.interval, DEFAULTS.gateInterval);
    const gate: Gate = {
      name,
      provider: g.provider,
      method: g.method ?? DEFAULTS.method,
      intervalMs,
      windowMs: g.window !== undefined ? ms(g.window, g.window) : intervalMs,
      initialDelayMs: ms(g.initialDelay, DEFAULTS.initialDelay),
      failureLimit: g.failureLimit ?? DEFAULTS.failureLimit,
      inconclusiveLimit: g.inconclusiveLimit ?? DEFAULTS.inconclusiveLimit,
      consecutiveErrorLimit: g.consecutiveErrorLimit ?? DEFAULTS.consecutiveErrorLimit,
      onNoData: g.onNoData ?? DEFAULTS.onNoData,
    };
    if (g.query !== undefined) gate.query = g.query;
    if (g.url !== undefined) gate.url = g.url;
    if (g.body !== undefined) gate.body = g.body;
    if (g.path !== undefined) gate.path = g.path;
    if (g.reduce !== undefined) gate.reduce = g.reduce;
    if (g.min !== undefined) gate.min = g.min;
    if (g.max !== undefined) gate.max = g.max;
    if (g.count !== undefined) gate.count = g.count;
    if (g.compare !== undefined) gate.compare = normalizeComparison(g.compare);
    if (g.minVolume !== undefined) gate.minVolume = { query: g.minVolume.query, min: g.minVolume.min };
    if (g.slo !== undefined) gate.slo = sloSpec(g.slo);
    if (pos) gate.pos = strip(pos.key(['gates', name]));
    gates[name] = gate;
  }

  const defaults = input.defaults ?? {};
  const stages: Stage[] = input.stages.map((s, index) => {
    const rawSteps = s.steps ?? defaults.steps ?? [];
    const steps: Step[] = rawSteps.map((st) => ({ traffic: st.traffic, bakeMs: ms(st.bake, DEFAULTS.bake) }));
    const stage: Stage = {
      name: s.name,
      regions: [...s.regions],
      maxParallel: s.maxParallel ?? defaults.maxParallel ?? s.regions.length,
      steps,
      gates: [...(s.gates ?? defaults.gates ?? [])],
      failureBudget: s.failureBudget ?? defaults.failureBudget ?? DEFAULTS.failureBudget,
    };
    const approval = stageApproval(s.approval, approvals.timeoutMs);
    if (approval) stage.approval = approval;
    if (pos) stage.pos = strip(pos.value(['stages', index]));
    return stage;
  });

  const plan: Plan = {
    name: input.name,
    file,
    variables: stringify(input.variables),
    deploy: workflowSpec(input.deploy),
    environment: input.environment ?? DEFAULTS.environment,
    providers,
    gates,
    stages,
    approvals,
  };
  if (input.freeze) plan.freeze = freeze(input.freeze);
  if (input.rollback) {
    plan.rollback = {
      ...workflowSpec({ ...input.rollback, timeout: input.rollback.timeout ?? DEFAULTS.deployTimeout }),
      scope: input.rollback.scope ?? DEFAULTS.rollbackScope,
    };
  }
  return plan;
}

/** A percent the schema and the semantic checks have passed; a miss is a programming error. */
function fraction(text: string): number {
  const value = parsePercent(text);
  if (value === undefined) throw new Error(`internal: percent '${text}' passed the schema but does not parse`);
  return value;
}

function sloSpec(slo: NonNullable<PlanInput['gates']>[string]['slo'] & object): SloSpec {
  return {
    good: slo.good,
    total: slo.total,
    objective: fraction(slo.objective),
    shortMs: ms(slo.burnRate?.short, DEFAULTS.sloShort),
    longMs: ms(slo.burnRate?.long, DEFAULTS.sloLong),
    factor: slo.burnRate?.factor ?? DEFAULTS.sloFactor,
  };
}

function freeze(f: NonNullable<PlanInput['freeze']>): Freeze {
  return {
    slo: f.slo,
    periodMs: ms(f.period, f.period),
    floor: fraction(f.floor),
    ...(f.regions !== undefined ? { regions: [...f.regions] } : {}),
    beforeEachStage: f.beforeEachStage ?? false,
  };
}

function stageApproval(approval: StageSchemaApproval | undefined, defaultTimeoutMs: number): StageApproval | undefined {
  if (approval === undefined || approval === false) return undefined;
  if (approval === true) return { timeoutMs: defaultTimeoutMs, users: [], teams: [] };
  return {
    timeoutMs: approval.timeout !== undefined ? ms(approval.timeout, approval.timeout) : defaultTimeoutMs,
    users: approval.users ?? [],
    teams: approval.teams ?? [],
    ...(approval.environment !== undefined ? { environment: { name: approval.environment, workflow: approval.workflow ?? DEFAULT_APPROVAL_WORKFLOW } } : {}),
  };
}

type StageSchemaApproval = NonNullable<PlanInput['stages'][number]['approval']>;

function strip(span: { line: number; col: number }): { line: number; col: number } {
  return { line: span.line, col: span.col };
}
