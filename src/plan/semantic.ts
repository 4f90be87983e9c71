/**
 * Checks that need more than one field at a time: references between gates, providers and
 * stages, region uniqueness, the order of traffic steps, template variables, GitHub's
 * 25-input limit, and whether a gate's measurements fit in the bakes that use it. Runs on the
 * parts of the plan whose shape is valid (salvage.ts), so a shape error elsewhere hides
 * nothing; a check whose input is broken is skipped (the schema said what is wrong with it).
 * Reports every problem, never throws.
 */
import type { Diagnostic } from './diagnostics.js';
import { Reporter } from './reporter.js';
import type { Checked } from './semantic-context.js';
import { Validity, type PartialPlan } from './salvage.js';
import { closest } from './schema-walk.js';
import type { PathSegment, PositionIndex } from './positions.js';
import { BUILTIN_NAMES, RANGE_NAMES, templateRefs } from './template.js';
import { checkApprovals } from './semantic-approvals.js';
import { checkComparisons } from './semantic-compare.js';
import { checkGates, checkProviders } from './semantic-gates.js';
import { checkSloGates } from './semantic-slo.js';
import { checkStages } from './semantic-stages.js';

/** GitHub rejects a workflow_dispatch with more than 25 inputs (422). */
export const MAX_DISPATCH_INPUTS = 25;

const WITHOUT = (...names: string[]) => BUILTIN_NAMES.filter((n) => !names.includes(n));
/** Which built-in names each kind of template may use (vars.NAME is allowed everywhere). */
const TEMPLATE_SCOPES = {
  environment: WITHOUT('step.traffic', 'step.index', 'window', 'correlation.id'),
  inputs: WITHOUT('window'),
  query: WITHOUT('correlation.id'),
  // An http-json request names the time range it asks for itself; a PromQL or Datadog query does not (the provider sends it).
  request: [...WITHOUT('correlation.id'), ...RANGE_NAMES],
} as const;

/** Runs every semantic check on the valid parts of `plan`; returns the diagnostics (errors and warnings). */
export function checkSemantics(plan: PartialPlan, file: string, pos: PositionIndex, valid: Validity = Validity.ALL): Diagnostic[] {
  const c: Checked = { plan, valid, r: new Reporter(file, pos) };
  checkTemplates(c);
  checkInputs(c);
  checkProviders(c);
  checkGates(c);
  checkComparisons(c);
  checkSloGates(c);
  checkStages(c);
  checkApprovals(c);
  return c.r.diagnostics;
}

// --- templates ------------------------------------------------------------------------------------

/** `vars` undefined: the plan's variables are broken, so a `{{ vars.x }}` cannot be told unknown. */
function checkTemplate(text: string, path: PathSegment[], scope: readonly string[], vars: Set<string> | undefined, r: Reporter): void {
  const { refs, malformed } = templateRefs(text);
  for (const offset of malformed) {
    const snippet = text.slice(offset, offset + 12);
    r.errorWithin(path, snippet, `malformed template near '${snippet}'; write {{ name }} with a name such as ${scope.slice(0, 3).join(', ')}`);
  }
  // The same unknown name twice in one field is one fix (and would point at one place twice).
  const said = new Set<string>();
  for (const ref of refs) {
    if (said.has(ref.name)) continue;
    said.add(ref.name);
    const known = ref.name.startsWith('vars.') ? (vars?.has(ref.name.slice(5)) ?? true) : scope.includes(ref.name);
    if (known) continue;
    const needle = text.slice(ref.offset, text.indexOf('}}', ref.offset) + 2);
    const candidates = [...scope, ...[...(vars ?? [])].map((v) => `vars.${v}`)];
    const guess = closest(ref.name, candidates);
    const why = ref.name.startsWith('vars.')
      ? `unknown variable '{{ ${ref.name} }}': '${ref.name.slice(5)}' is not declared under variables`
      : `unknown template variable '{{ ${ref.name} }}'`;
    r.errorWithin(path, needle, `${why}${guess ? ` (did you mean '${guess}'?)` : ''}; known here: ${candidates.join(', ')}`);
  }
}

function checkTemplates({ plan, valid, r }: Checked): void {
  // A broken variable entry keeps its name (it is declared); a broken `variables` map declares nothing we can tell.
  const vars = valid.unknown(['variables']) ? undefined : new Set(Object.keys(plan.variables ?? {}));
  if (typeof plan.environment === 'string') checkTemplate(plan.environment, ['environment'], TEMPLATE_SCOPES.environment, vars, r);
  for (const kind of ['deploy', 'rollback'] as const) {
    for (const [name, value] of Object.entries(plan[kind]?.inputs ?? {})) {
      if (typeof value === 'string') checkTemplate(value, [kind, 'inputs', name], TEMPLATE_SCOPES.inputs, vars, r);
    }
  }
  for (const [name, gate] of Object.entries(plan.gates ?? {})) {
    for (const field of ['query', 'url', 'body'] as const) {
      const text = gate?.[field];
      if (text !== undefined) checkTemplate(text, ['gates', name, field], field === 'query' ? TEMPLATE_SCOPES.query : TEMPLATE_SCOPES.request, vars, r);
    }
    // A comparison's other queries are rendered like the gate's own (the baseline's with its region).
    const baselineQuery = gate?.compare?.baselineQuery;
    if (baselineQuery !== undefined) checkTemplate(baselineQuery, ['gates', name, 'compare', 'baselineQuery'], TEMPLATE_SCOPES.query, vars, r);
    const volume = gate?.minVolume?.query;
    if (volume !== undefined) checkTemplate(volume, ['gates', name, 'minVolume', 'query'], TEMPLATE_SCOPES.query, vars, r);
    for (const field of ['good', 'total'] as const) {
      const text = gate?.slo?.[field];
      if (text !== undefined) checkTemplate(text, ['gates', name, 'slo', field], TEMPLATE_SCOPES.query, vars, r);
    }
  }
}

// --- dispatch inputs ------------------------------------------------------------------------------

/** The input names a workflow spec sends: its inputs plus the correlation input. */
export function sentInputs(spec: { inputs?: Record<string, unknown> | undefined; correlationInput?: string | undefined }): string[] {
  const names = Object.keys(spec.inputs ?? {});
  if (spec.correlationInput !== undefined && !names.includes(spec.correlationInput)) names.push(spec.correlationInput);
  return names;
}

function checkInputs({ plan, valid, r }: Checked): void {
  for (const kind of ['deploy', 'rollback'] as const) {
    const spec = plan[kind];
    if (!spec) continue;
    const sent = sentInputs(spec);
    if (sent.length > MAX_DISPATCH_INPUTS) {
      r.error([kind, 'inputs'], `sends ${sent.length} inputs; GitHub accepts at most ${MAX_DISPATCH_INPUTS} per workflow_dispatch (it answers 422)`, 'key');
    }
    const corr = spec.correlationInput;
    if (corr === undefined) {
      if (!valid.unknown([kind, 'correlationInput'])) warnNoCorrelation(kind, spec.workflow, r);
    } else {
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(corr)) r.error([kind, 'correlationInput'], `must be an input name (letters, digits, '_' and '-'); got '${corr}'`);
      const value = spec.inputs?.[corr];
      if (value !== undefined && !(typeof value === 'string' && /\{\{\s*correlation\.id\s*\}\}/.test(value))) {
        r.error(
          [kind, 'inputs', corr],
          `is the correlationInput, so its value must contain {{ correlation.id }} (or leave it out and it is sent automatically)`,
        );
      }
    }
  }
}

/**
 * Without a correlation input a run whose id was not saved cannot be found again: a driver killed
 * between a dispatch and the save of its answer leaves it in doubt, and the next driver never
 * dispatches it again (docs/engine.md, "Dispatch in doubt"). Said at the plan's deploy/rollback key.
 */
function warnNoCorrelation(kind: 'deploy' | 'rollback', workflow: string | undefined, r: Reporter): void {
  const file = workflow ?? `the ${kind} workflow`;
  const outcome =
    kind === 'deploy'
      ? 'so it does not dispatch that step again: the region fails (dispatch-in-doubt) and is rolled back per plan'
      : 'so it does not dispatch the rollback again: the release stops failed and a person must check that rollback run';
  r.warn(
    [kind],
    `has no correlationInput: if a driver is killed after dispatching a ${kind} run and before saving its run id, the next driver cannot find that run, ${outcome}. ` +
      `Add 'correlationInput: correlation_id', declare correlation_id under on.workflow_dispatch.inputs of ${file} and show it in its run-name ` +
      `(run-name: ${kind} \${{ inputs.region }} [\${{ inputs.correlation_id }}]); servers that do not return run ids (GHES 3.20 and older) need it too`,
    'key',
  );
}
