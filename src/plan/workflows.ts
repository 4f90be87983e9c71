/**
 * Checks the plan against the workflow files it dispatches, when they are in the repository:
 * the workflow must exist, have an `on.workflow_dispatch` trigger, and declare every input the
 * plan sends (GitHub answers 422 otherwise), and the plan must send every required input.
 * Mismatches are reported at the plan's line, where the fix usually goes.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Diagnostic } from './diagnostics.js';
import type { PositionIndex } from './positions.js';
import type { PlanInput } from './schema.js';
import { MAX_PLAN_BYTES, readBoundedFile } from './read-file.js';
import { Reporter } from './reporter.js';
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

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Finds `.github/workflows` for a plan file: walks up from the plan's folder to the repository
 * root (the folder holding `.git`), returning the first `.github/workflows` found.
 */
export function findWorkflowsDir(planFile: string): string | undefined {
  let dir = dirname(resolve(planFile));
  for (let i = 0; i < 64; i++) {
    const candidate = join(dir, '.github', 'workflows');
    if (isDir(candidate)) return candidate;
    if (existsSync(join(dir, '.git'))) return undefined;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

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

/** Checks the deploy and rollback workflows in `dir` against the plan. */
export function checkWorkflows(plan: PlanInput, dir: string, file: string, pos: PositionIndex): Diagnostic[] {
  const r = new Reporter(file, pos);
  for (const kind of ['deploy', 'rollback'] as const) {
    const spec = plan[kind];
    if (!spec) continue;
    const path = join(dir, spec.workflow);
    if (!existsSync(path)) {
      r.error([kind, 'workflow'], `workflow '${spec.workflow}' not found in ${dir}`);
      continue;
    }
    const read = readBoundedFile(path, MAX_PLAN_BYTES);
    if (!read.ok) {
      r.error([kind, 'workflow'], `cannot read ${path}: ${read.reason}`);
      continue;
    }
    const info = readWorkflow(read.text);
    if (!info.ok) {
      r.error([kind, 'workflow'], `${path} ${info.reason}`);
      continue;
    }
    if (!info.dispatchable) {
      r.error(
        [kind, 'workflow'],
        `${spec.workflow} has no 'on: workflow_dispatch' trigger, so it cannot be dispatched; add workflow_dispatch with the inputs the plan sends`,
      );
      continue;
    }
    const declaredNames = Object.keys(info.inputs);
    const sent = sentInputs(spec);
    for (const name of sent) {
      const declared = info.inputs[name];
      const isCorrelationOnly = name === spec.correlationInput && !(spec.inputs && name in spec.inputs);
      const at = isCorrelationOnly ? [kind, 'correlationInput'] : [kind, 'inputs', name];
      if (!declared) {
        r.error(
          at,
          `input '${name}' is not declared in ${spec.workflow} under on.workflow_dispatch.inputs (GitHub answers 422 'Unexpected inputs'); ${declaredNames.length ? `declared: ${declaredNames.join(', ')}` : 'it declares no inputs'}`,
          isCorrelationOnly ? 'value' : 'key',
        );
        continue;
      }
      const value = spec.inputs?.[name];
      if (value === undefined || (typeof value === 'string' && TEMPLATE.test(value))) continue;
      const text = String(value);
      if (declared.type === 'choice' && declared.options && !declared.options.includes(text)) {
        r.error(at, `'${text}' is not one of the options ${spec.workflow} declares for '${name}': ${declared.options.join(', ')}`);
      } else if (declared.type === 'boolean' && text !== 'true' && text !== 'false') {
        r.error(at, `${spec.workflow} declares '${name}' as boolean; send true or false, not '${text}'`);
      } else if (declared.type === 'number' && !Number.isFinite(Number(text))) {
        r.error(at, `${spec.workflow} declares '${name}' as number; got '${text}'`);
      }
    }
    for (const [name, declared] of Object.entries(info.inputs)) {
      if (declared.required && !declared.hasDefault && !sent.includes(name)) {
        const at = spec.inputs ? [kind, 'inputs'] : [kind];
        r.error(at, `${spec.workflow} requires input '${name}' (required: true, no default) but the plan does not send it`, 'key');
      }
    }
  }
  return r.diagnostics;
}
