/**
 * Checks the plan against the workflow files it dispatches (deploy, rollback, and the approval
 * workflow of each stage approved by Environment reviewers), when they are in the repository:
 * the workflow must exist, have an `on.workflow_dispatch` trigger, and declare every input the
 * plan sends (GitHub answers 422 otherwise), and the plan must send every required input.
 * Mismatches are reported at the plan's line, where the fix usually goes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { approvalInputNames, DEFAULT_APPROVAL_WORKFLOW } from './approval-workflow.js';
import type { Diagnostic } from './diagnostics.js';
import type { PathSegment, PositionIndex } from './positions.js';
import { MAX_PLAN_BYTES, readBoundedFile } from './read-file.js';
import { Reporter } from './reporter.js';
import { Validity, type PartialPlan } from './salvage.js';
import { sentInputs } from './semantic.js';

/** A workflow_dispatch input as declared in a workflow file. */
export interface DeclaredInput {
  required: boolean;
  hasDefault: boolean;
  type?: string;
  options?: string[];
}

/** What a workflow file says about dispatching it. */
export type WorkflowInfo = { ok: true; dispatchable: boolean; inputs: Record<string, DeclaredInput> } | { ok: false; reason: string };

/** Reads the dispatch trigger and its inputs from a workflow file's text. */
export function readWorkflow(text: string): WorkflowInfo {
  let doc: unknown;
  try {
    doc = parse(text, { prettyErrors: false });
  } catch (err) {
    return { ok: false, reason: `is not valid YAML (${(err as Error).message})` };
  }
  if (!doc || typeof doc !== 'object') return { ok: false, reason: 'is not a workflow (expected a YAML map with on: and jobs:)' };
  // YAML 1.1 readers turn a bare `on` key into `true`; accept both spellings.
  const record = doc as Record<string, unknown>;
  const on = record.on ?? record.true;
  let dispatch: unknown;
  let dispatchable = false;
  if (typeof on === 'string') dispatchable = on === 'workflow_dispatch';
  else if (Array.isArray(on)) dispatchable = on.includes('workflow_dispatch');
  else if (on && typeof on === 'object' && 'workflow_dispatch' in on) {
    dispatchable = true;
    dispatch = (on as Record<string, unknown>).workflow_dispatch;
  }
  const inputs: Record<string, DeclaredInput> = {};
  const declared = dispatch && typeof dispatch === 'object' ? (dispatch as Record<string, unknown>).inputs : undefined;
  if (declared && typeof declared === 'object') {
    for (const [name, spec] of Object.entries(declared as Record<string, unknown>)) {
      const s = (spec && typeof spec === 'object' ? spec : {}) as Record<string, unknown>;
      const input: DeclaredInput = { required: s.required === true, hasDefault: s.default !== undefined && s.default !== null };
      if (typeof s.type === 'string') input.type = s.type;
      if (Array.isArray(s.options)) input.options = s.options.map(String);
      inputs[name] = input;
    }
  }
  return { ok: true, dispatchable, inputs };
}

const TEMPLATE = /\{\{/;

/** One input the plan sends: where the plan says it, and its value when the plan writes one out. */
interface SentInput {
  name: string;
  at: PathSegment[];
  where: 'key' | 'value';
  value?: unknown;
}

/** One workflow the plan dispatches, as the check needs it. */
interface Dispatched {
  workflow: string;
  /** Where the plan names the workflow: errors about the file itself go there. */
  at: PathSegment[];
  sent: SentInput[];
  /** Where a required input the plan does not send is reported. */
  requiredAt: PathSegment[];
}

/**
 * Checks the deploy, rollback and approval workflows in `dir` against the valid parts of the
 * plan: a workflow whose name, inputs or correlation input are broken is not checked.
 */
export function checkWorkflows(plan: PartialPlan, dir: string, file: string, pos: PositionIndex, valid: Validity = Validity.ALL): Diagnostic[] {
  const r = new Reporter(file, pos);
  for (const d of dispatchedWorkflows(plan, valid)) checkDispatched(d, dir, r);
  return r.diagnostics;
}

/** The workflow files the valid parts of the plan dispatch (deploy, rollback, approvals), each once. */
export function namedWorkflows(plan: PartialPlan, valid: Validity = Validity.ALL): string[] {
  return [...new Set(dispatchedWorkflows(plan, valid).map((d) => d.workflow))];
}

function dispatchedWorkflows(plan: PartialPlan, valid: Validity): Dispatched[] {
  const out: Dispatched[] = [];
  for (const kind of ['deploy', 'rollback'] as const) {
    const spec = plan[kind];
    const whole = ['workflow', 'inputs', 'correlationInput'].every((field) => valid.ok([kind, field]));
    if (spec?.workflow === undefined || !whole) continue;
    const sent = sentInputs(spec).map((name): SentInput => {
      const isCorrelationOnly = name === spec.correlationInput && !(spec.inputs && name in spec.inputs);
      return isCorrelationOnly
        ? { name, at: [kind, 'correlationInput'], where: 'value' }
        : { name, at: [kind, 'inputs', name], where: 'key', value: spec.inputs?.[name] };
    });
    out.push({ workflow: spec.workflow, at: [kind, 'workflow'], sent, requiredAt: spec.inputs ? [kind, 'inputs'] : [kind] });
  }
  plan.stages?.forEach((stage, si) => {
    const approval = stage?.approval;
    if (!approval || typeof approval !== 'object' || approval.environment === undefined || stage?.name === undefined) return;
    const path = ['stages', si, 'approval'];
    if (!valid.ok([...path, 'workflow']) || !valid.ok(['deploy', 'correlationInput'])) return;
    const at = approval.workflow !== undefined ? [...path, 'workflow'] : [...path, 'environment'];
    const values: Record<string, string> = { environment: approval.environment, stage: stage.name };
    const sent = approvalInputNames(plan.deploy?.correlationInput).map((name): SentInput => ({ name, at, where: 'key', value: values[name] }));
    out.push({ workflow: approval.workflow ?? DEFAULT_APPROVAL_WORKFLOW, at, sent, requiredAt: at });
  });
  return out;
}

/** Reads a dispatched workflow's file; reports why it cannot be dispatched (undefined then). */
function readDispatchable(d: Dispatched, dir: string, r: Reporter): Record<string, DeclaredInput> | undefined {
  const path = join(dir, d.workflow);
  if (!existsSync(path)) {
    r.error(d.at, `workflow '${d.workflow}' not found in ${dir}`);
    return undefined;
  }
  const read = readBoundedFile(path, MAX_PLAN_BYTES);
  if (!read.ok) {
    r.error(d.at, `cannot read ${path}: ${read.reason}`);
    return undefined;
  }
  const info = readWorkflow(read.text);
  if (!info.ok) {
    r.error(d.at, `${path} ${info.reason}`);
    return undefined;
  }
  if (!info.dispatchable) {
    r.error(d.at, `${d.workflow} has no 'on: workflow_dispatch' trigger, so it cannot be dispatched; add workflow_dispatch with the inputs the plan sends`);
    return undefined;
  }
  return info.inputs;
}

function checkDispatched(d: Dispatched, dir: string, r: Reporter): void {
  const declaredInputs = readDispatchable(d, dir, r);
  if (!declaredInputs) return;
  const declaredNames = Object.keys(declaredInputs);
  for (const input of d.sent) {
    const declared = declaredInputs[input.name];
    if (!declared) {
      r.error(
        input.at,
        `input '${input.name}' is not declared in ${d.workflow} under on.workflow_dispatch.inputs (GitHub answers 422 'Unexpected inputs'); ${declaredNames.length ? `declared: ${declaredNames.join(', ')}` : 'it declares no inputs'}`,
        input.where,
      );
      continue;
    }
    checkValue(d.workflow, input, declared, r);
  }
  const sentNames = d.sent.map((x) => x.name);
  for (const [name, declared] of Object.entries(declaredInputs)) {
    if (declared.required && !declared.hasDefault && !sentNames.includes(name)) {
      r.error(d.requiredAt, `${d.workflow} requires input '${name}' (required: true, no default) but the plan does not send it`, 'key');
    }
  }
}

/** A value the plan writes out must be one the declared input takes (a template is checked when rendered). */
function checkValue(workflow: string, input: SentInput, declared: DeclaredInput, r: Reporter): void {
  const { value, name, at } = input;
  if (value === undefined || (typeof value === 'string' && TEMPLATE.test(value))) return;
  const text = String(value);
  if (declared.type === 'choice' && declared.options && !declared.options.includes(text)) {
    r.error(at, `'${text}' is not one of the options ${workflow} declares for '${name}': ${declared.options.join(', ')}`);
  } else if (declared.type === 'boolean' && text !== 'true' && text !== 'false') {
    r.error(at, `${workflow} declares '${name}' as boolean; send true or false, not '${text}'`);
  } else if (declared.type === 'number' && !Number.isFinite(Number(text))) {
    r.error(at, `${workflow} declares '${name}' as number; got '${text}'`);
  }
}
