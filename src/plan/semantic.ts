/**
 * Checks that need more than one field at a time: references between gates, providers and
 * stages, region uniqueness, the order of traffic steps, template variables, GitHub's
 * 25-input limit, and whether a gate's measurements fit in the bakes that use it. Runs on a
 * plan that already has the right shape (schema.ts); reports every problem, never throws.
 */
import { parseDuration, formatDuration } from './duration.js';
import type { Diagnostic } from './diagnostics.js';
import { formatPath, Reporter } from './reporter.js';
import { closest } from './schema-walk.js';
import type { PathSegment, PositionIndex } from './positions.js';
import type { PlanInput } from './schema.js';
import { BUILTIN_NAMES, templateRefs } from './template.js';
import { checkApprovals } from './semantic-approvals.js';

/** GitHub rejects a workflow_dispatch with more than 25 inputs (422). */
export const MAX_DISPATCH_INPUTS = 25;

const WITHOUT = (...names: string[]) => BUILTIN_NAMES.filter((n) => !names.includes(n));
/** Which built-in names each kind of template may use (vars.NAME is allowed everywhere). */
const TEMPLATE_SCOPES = {
  environment: WITHOUT('step.traffic', 'step.index', 'window', 'correlation.id'),
  inputs: WITHOUT('window'),
  query: WITHOUT('correlation.id'),
} as const;

/** Runs every semantic check; returns the diagnostics (errors and warnings). */
export function checkSemantics(plan: PlanInput, file: string, pos: PositionIndex): Diagnostic[] {
  const r = new Reporter(file, pos);
  checkTemplates(plan, r);
  checkInputs(plan, r);
  checkProviders(plan, r);
  checkGates(plan, r);
  checkStages(plan, r);
  checkApprovals(plan, r);
  return r.diagnostics;
}

// --- templates ------------------------------------------------------------------------------------

function checkTemplate(text: string, path: PathSegment[], scope: readonly string[], vars: Set<string>, r: Reporter): void {
  const { refs, malformed } = templateRefs(text);
  for (const offset of malformed) {
    const snippet = text.slice(offset, offset + 12);
    r.errorWithin(path, snippet, `malformed template near '${snippet}'; write {{ name }} with a name such as ${scope.slice(0, 3).join(', ')}`);
  }
  for (const ref of refs) {
    const known = ref.name.startsWith('vars.') ? vars.has(ref.name.slice(5)) : scope.includes(ref.name);
    if (known) continue;
    const needle = text.slice(ref.offset, text.indexOf('}}', ref.offset) + 2);
    const candidates = [...scope, ...[...vars].map((v) => `vars.${v}`)];
    const guess = closest(ref.name, candidates);
    const why = ref.name.startsWith('vars.')
      ? `unknown variable '{{ ${ref.name} }}': '${ref.name.slice(5)}' is not declared under variables`
      : `unknown template variable '{{ ${ref.name} }}'`;
    r.errorWithin(path, needle, `${why}${guess ? ` (did you mean '${guess}'?)` : ''}; known here: ${candidates.join(', ')}`);
  }
}

function checkTemplates(plan: PlanInput, r: Reporter): void {
  const vars = new Set(Object.keys(plan.variables ?? {}));
  if (plan.environment !== undefined) checkTemplate(plan.environment, ['environment'], TEMPLATE_SCOPES.environment, vars, r);
  for (const kind of ['deploy', 'rollback'] as const) {
    for (const [name, value] of Object.entries(plan[kind]?.inputs ?? {})) {
      if (typeof value === 'string') checkTemplate(value, [kind, 'inputs', name], TEMPLATE_SCOPES.inputs, vars, r);
    }
  }
  for (const [name, gate] of Object.entries(plan.gates ?? {})) {
    for (const field of ['query', 'url', 'body'] as const) {
      const text = gate[field];
      if (text !== undefined) checkTemplate(text, ['gates', name, field], TEMPLATE_SCOPES.query, vars, r);
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

function checkInputs(plan: PlanInput, r: Reporter): void {
  for (const kind of ['deploy', 'rollback'] as const) {
    const spec = plan[kind];
    if (!spec) continue;
    const sent = sentInputs(spec);
    if (sent.length > MAX_DISPATCH_INPUTS) {
      r.error([kind, 'inputs'], `sends ${sent.length} inputs; GitHub accepts at most ${MAX_DISPATCH_INPUTS} per workflow_dispatch (it answers 422)`, 'key');
    }
    const corr = spec.correlationInput;
    if (corr === undefined) warnNoCorrelation(kind, spec.workflow, r);
    else {
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

// --- providers and gates --------------------------------------------------------------------------

/** Header names whose values are credentials. */
const SECRET_HEADER = /^(proxy-)?authorization$|^cookie$|token|secret|password|api[-_]?key|auth/i;

function isAbsoluteUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

function gatesUsed(plan: PlanInput): Set<string> {
  const used = new Set<string>(plan.defaults?.gates ?? []);
  for (const s of plan.stages) for (const g of s.gates ?? []) used.add(g);
  return used;
}

function checkProviders(plan: PlanInput, r: Reporter): void {
  const usedProviders = new Set(Object.values(plan.gates ?? {}).map((g) => g.provider));
  for (const [name, p] of Object.entries(plan.providers ?? {})) {
    const path = ['providers', name];
    if (p.type === 'prometheus' || p.type === 'http-json') {
      if (p.url !== undefined && p.urlEnv !== undefined) r.error(path, `give either url or urlEnv, not both`, 'key');
      if (p.type === 'prometheus' && p.url === undefined && p.urlEnv === undefined) {
        r.error(
          path,
          `a prometheus provider needs url (e.g. https://prometheus.example.com) or urlEnv (the NAME of an environment variable holding it)`,
          'key',
        );
      }
      if (p.type === 'http-json' && p.url !== undefined && !isAbsoluteUrl(p.url)) {
        r.error([...path, 'url'], `must be an absolute http(s) URL such as https://metrics.example.com; got '${p.url}'`);
      }
    }
    for (const [header, value] of Object.entries(p.headers ?? {})) {
      // A credential written in the plan is committed to the repository and shows up in logs.
      if (typeof value === 'string' && SECRET_HEADER.test(header)) {
        r.error(
          [...path, 'headers', header],
          `looks like a credential written in the plan; write { env: NAME } and set NAME from a secret (the value is not shown here)`,
          'key',
        );
      }
    }
    if (!usedProviders.has(name)) r.warn(path, `provider '${name}' is not used by any gate`, 'key');
  }
}

function checkGates(plan: PlanInput, r: Reporter): void {
  const providers = plan.providers ?? {};
  const used = gatesUsed(plan);
  for (const [name, g] of Object.entries(plan.gates ?? {})) {
    const path = ['gates', name];
    const provider = providers[g.provider];
    if (!provider) {
      const guess = closest(g.provider, Object.keys(providers));
      const known = Object.keys(providers);
      r.error(
        [...path, 'provider'],
        `unknown provider '${g.provider}'${guess ? ` (did you mean '${guess}'?)` : ''}; ${known.length ? `declared providers: ${known.join(', ')}` : 'no providers are declared under providers'}`,
      );
    } else if ((provider.type === 'prometheus' || provider.type === 'datadog') && g.query === undefined) {
      r.error(
        path,
        `missing 'query': a ${provider.type} gate needs a query (${provider.type === 'prometheus' ? 'PromQL' : 'a Datadog metrics query'}) that returns one number`,
        'key',
      );
    } else if (provider.type === 'http-json') {
      if (g.path === undefined) r.error(path, `missing 'path': an http-json gate needs a JSONPath to the value, e.g. $.data.error_rate`, 'key');
      const providerHasUrl = provider.url !== undefined || provider.urlEnv !== undefined;
      if (g.url === undefined && !providerHasUrl) {
        r.error(
          path,
          `missing 'url': an http-json gate needs a url (absolute, or relative to the provider's url/urlEnv, which provider '${g.provider}' does not set)`,
          'key',
        );
      } else if (g.url !== undefined && !providerHasUrl && !isAbsoluteUrl(g.url)) {
        r.error([...path, 'url'], `is relative but provider '${g.provider}' has no url or urlEnv; write an absolute http(s) URL`);
      }
    }
    if (g.min === undefined && g.max === undefined) {
      r.error(path, `needs a threshold: min (fail below), max (fail above), or both`, 'key');
    } else if (g.min !== undefined && g.max !== undefined && g.min > g.max) {
      r.error([...path, 'min'], `min (${g.min}) is greater than max (${g.max}), so every measurement would fail`);
    }
    if (g.count !== undefined && g.failureLimit !== undefined && g.failureLimit >= g.count) {
      // Limits trip when exceeded; there are at most `count` failures, so a limit >= count never trips.
      r.error(
        [...path, 'failureLimit'],
        `${g.failureLimit} allows every one of the ${g.count} measurements (count) to fail, so this gate can never fail; use at most ${g.count - 1}`,
      );
    }
    if (g.onNoData === 'pass') r.warn([...path, 'onNoData'], `'pass' lets a region be promoted when this gate's query returns no data at all`);
    if (g.body !== undefined && (g.method ?? 'GET') !== 'POST') r.error([...path, 'body'], `a body is only sent with method: POST`);
    if (!used.has(name)) r.warn(path, `gate '${name}' is not used by any stage (list it in a stage's gates or defaults.gates)`, 'key');
  }
  checkGateFit(plan, r);
}

/** A gate's measurements must fit in the shortest bake of every stage that uses it. */
function checkGateFit(plan: PlanInput, r: Reporter): void {
  const defaultSteps = plan.defaults?.steps;
  const defaultGates = plan.defaults?.gates ?? [];
  for (const [name, g] of Object.entries(plan.gates ?? {})) {
    const interval = parseDuration(g.interval ?? '1m') ?? 60_000;
    // A zero interval would measure again at the same instant forever (and a bake would need infinitely many measurements).
    if (interval <= 0) {
      r.error(['gates', name, 'interval'], `must be longer than 0s: the gate is measured once per interval, e.g. 30s or 1m`);
      continue;
    }
    // {{ window }} becomes a PromQL range such as [5m]: a zero range selects nothing (always no data).
    if (g.window !== undefined && parseDuration(g.window) === 0) {
      r.error(['gates', name, 'window'], `must be longer than 0s: it is the range the query looks back over, e.g. 5m (default: the interval)`);
    }
    const delay = parseDuration(g.initialDelay ?? '0s') ?? 0;
    const count = g.count ?? 1;
    const needed = count * interval + delay;
    let shortest: { ms: number; stage: string; step: number } | undefined;
    plan.stages.forEach((s) => {
      if (!(s.gates ?? defaultGates).includes(name)) return;
      (s.steps ?? defaultSteps ?? []).forEach((step, i) => {
        const bake = parseDuration(step.bake ?? '0s') ?? 0;
        if (bake > 0 && (!shortest || bake < shortest.ms)) shortest = { ms: bake, stage: s.name, step: i + 1 };
      });
    });
    if (!shortest || needed <= shortest.ms) continue;
    const how =
      g.count !== undefined
        ? `count ${count} x interval ${formatDuration(interval)}${delay ? ` + initialDelay ${formatDuration(delay)}` : ''} = ${formatDuration(needed)}`
        : `one interval (${formatDuration(interval)})${delay ? ` + initialDelay ${formatDuration(delay)}` : ''} = ${formatDuration(needed)}`;
    const field = g.count !== undefined ? 'count' : g.interval !== undefined ? 'interval' : undefined;
    const path = field ? ['gates', name, field] : ['gates', name];
    r.error(
      path,
      `${how} does not fit in the shortest bake that uses this gate (${formatDuration(shortest.ms)}, stage '${shortest.stage}' step ${shortest.step}); lower count/interval or lengthen the bake`,
      field ? 'value' : 'key',
    );
  }
}

// --- stages ---------------------------------------------------------------------------------------

function checkSteps(steps: readonly { traffic: number }[], path: PathSegment[], r: Reporter): void {
  steps.forEach((step, i) => {
    const prev = steps[i - 1];
    if (prev && step.traffic <= prev.traffic) {
      r.error([...path, i, 'traffic'], `traffic must go up from step to step (1..100, ascending); got ${step.traffic} after ${prev.traffic}`);
    }
  });
}

function checkStages(plan: PlanInput, r: Reporter): void {
  const gateNames = Object.keys(plan.gates ?? {});
  const checkRefs = (refs: readonly string[] | undefined, path: PathSegment[]) =>
    refs?.forEach((ref, i) => {
      if (gateNames.includes(ref)) return;
      const guess = closest(ref, gateNames);
      r.error(
        [...path, i],
        `unknown gate '${ref}'${guess ? ` (did you mean '${guess}'?)` : ''}; ${gateNames.length ? `declared gates: ${gateNames.join(', ')}` : 'no gates are declared under gates'}`,
      );
    });

  if (plan.defaults?.steps) checkSteps(plan.defaults.steps, ['defaults', 'steps'], r);
  checkRefs(plan.defaults?.gates, ['defaults', 'gates']);

  const regionAt = new Map<string, { stage: string; path: PathSegment[] }>();
  const stageAt = new Map<string, number>();
  plan.stages.forEach((s, si) => {
    const path: PathSegment[] = ['stages', si];
    const first = stageAt.get(s.name);
    if (first !== undefined) r.error([...path, 'name'], `stage name '${s.name}' is already used by stages[${first}]; stage names must be unique`);
    else stageAt.set(s.name, si);

    s.regions.forEach((region, ri) => {
      const seen = regionAt.get(region);
      if (seen) {
        r.error(
          [...path, 'regions', ri],
          `region '${region}' is already in stage '${seen.stage}' (${formatPath(seen.path)}); each region belongs to exactly one stage`,
        );
      } else {
        regionAt.set(region, { stage: s.name, path: [...path, 'regions', ri] });
      }
    });

    if (!s.steps && !plan.defaults?.steps) {
      r.error(path, `stage '${s.name}' has no steps and the plan has no defaults.steps; add steps such as [{traffic: 100, bake: 10m}]`);
    }
    if (s.steps) checkSteps(s.steps, [...path, 'steps'], r);
    checkRefs(s.gates, [...path, 'gates']);

    const gates = s.gates ?? plan.defaults?.gates ?? [];
    const steps = s.steps ?? plan.defaults?.steps ?? [];
    if (gates.length > 0 && steps.length > 0 && steps.every((st) => (parseDuration(st.bake ?? '0s') ?? 0) === 0)) {
      r.error(path, `stage '${s.name}' has gates (${gates.join(', ')}) but no step bakes, so they would never be measured; give a step a bake such as 10m`);
    }
  });
}
