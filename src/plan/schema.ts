/**
 * The release-plan file format as a zod schema. This is the single source of truth for the
 * shape of `.github/release-plan.yml`: the validator, the TypeScript types and the committed
 * JSON Schema (`schema/release-plan.schema.json`, via zod 4's own `toJSONSchema`) all come from it.
 *
 * The schema describes what users write (durations as strings, optional fields); `normalize.ts`
 * turns a valid document into the resolved `Plan` the engine runs on.
 */
// zod/mini, not the classic `zod` API: classic attaches some fifty methods to every schema it
// builds and cannot be tree-shaken (about 500 KB in the bundle against 62 KB); it cost about 15 ms
// of cold start in every job, and more with esbuild (docs/benchmarks.md, "Cold start"). The
// schemas, the issues and the JSON Schema are the same.
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { DURATION_PATTERN } from './duration.js';
import { SCHEMA_URL } from './release-info.js';

// Messages for issues our own messages do not cover (issues.ts words most of them itself); the
// classic API loads this locale at import, zod/mini leaves it to the caller. Imported by name:
// `z.locales.en` would bundle every locale.
z.config(en());

/** Region names go into PromQL label values, URLs and environment names, so the pattern is strict. */
export const REGION_PATTERN = '^[a-z][a-z0-9-]{0,62}$';
/** Names of gates, providers, stages and variables: identifiers that read well in YAML and logs. */
export const NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';
/** Environment variable names, for secrets that never appear in the file. */
export const ENV_NAME_PATTERN = '^[A-Z_][A-Z0-9_]*$';

/**
 * A copy of `schema` carrying a description (what the classic API's `.describe()` does): the
 * description goes into the JSON Schema and into "missing required key" messages. A copy, because
 * shared schemas (workflowFile, envName) are described differently where they are used.
 */
function describe<T extends z.ZodMiniType>(schema: T, description: string): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { description });
  return copy;
}

const optional = z.optional;
const str = (check: z.core.$ZodCheck<string>) => z.string().check(check);
const nonEmpty = () => str(z.minLength(1));
const posInt = () => z.number().check(z.int(), z.positive());
const nonNegInt = () => z.number().check(z.int(), z.nonnegative());

/**
 * A duration is text with a unit. A bare number (`interval: 90`) is the commonest slip, and
 * "expected a string" would not say what is missing, so the wrong type names the unit.
 */
const duration = (what: string) => {
  const form = `${what} must be a duration such as 30s, 10m, 2h or 1h30m`;
  return z
    .string({
      error: (issue) => {
        const n = issue.input;
        const like = typeof n === 'number' && Number.isInteger(n) && n >= 0 ? `${n}s or ${n}m` : '90s or 10m';
        return typeof n === 'number' ? `${what} must be a duration with a unit, such as ${like} (a number alone has none)` : form;
      },
    })
    .check(z.regex(new RegExp(DURATION_PATTERN), { message: form }));
};
const name = (what: string) =>
  str(
    z.regex(new RegExp(NAME_PATTERN), {
      message: `${what} must start with a letter and contain only letters, digits, '-' and '_' (at most 64 characters)`,
    }),
  );
const envName = str(
  z.regex(new RegExp(ENV_NAME_PATTERN), {
    message: 'must be the NAME of an environment variable (upper case, digits and _), never the secret itself',
  }),
);
/** Backends are reached over HTTP(S) only: an ftp: or file: URL is a typo, not a provider. */
const httpUrl = (example: string) => str(z.regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { message: `must be an absolute http(s) URL such as ${example}` }));
const workflowFile = str(
  z.regex(/^[A-Za-z0-9._-]+\.ya?ml$/, {
    message: "must be a workflow file name in .github/workflows, such as 'deploy.yml'",
  }),
);
/** Inputs sent to a workflow_dispatch: strings, with `{{ }}` templates; numbers/booleans are stringified. */
const inputs = describe(
  z.record(str(z.regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { message: 'input names must be identifiers' })), z.union([z.string(), z.number(), z.boolean()])),
  'workflow_dispatch inputs; values may use {{ region }}, {{ version }}, {{ stage }}, {{ step.traffic }}, {{ step.index }}, {{ release.id }}, {{ correlation.id }} and {{ vars.NAME }}',
);

const headerValue = z.union([z.string(), describe(z.strictObject({ env: envName }), 'take the header value from this environment variable (masked)')]);

export const DeploySchema = z.strictObject({
  workflow: describe(workflowFile, 'workflow file (in .github/workflows) that deploys one region at one traffic step'),
  ref: describe(optional(nonEmpty()), 'branch or tag the workflow is dispatched on (default: the ref that started the release)'),
  inputs: optional(inputs),
  timeout: describe(optional(duration('deploy.timeout')), 'how long one deploy run may take before it is cancelled and the region fails (default 30m)'),
  correlationInput: describe(
    optional(z.string()),
    'input that carries a unique id shown in the workflow run-name, used to find the run after a crash or a lost answer and on servers without return_run_details; without it a dispatch left in doubt is never repeated (default: none)',
  ),
});

export const RollbackSchema = z.strictObject({
  workflow: describe(workflowFile, 'workflow file that rolls one region back'),
  ref: optional(nonEmpty()),
  inputs: optional(inputs),
  timeout: describe(optional(duration('rollback.timeout')), 'how long one rollback run may take (default 30m)'),
  correlationInput: describe(optional(z.string()), 'like deploy.correlationInput, for the rollback workflow'),
  scope: describe(
    optional(z.enum(['region', 'touched'])),
    "'touched' (default): roll back every region this release touched, newest first; 'region': only the regions that failed",
  ),
});

const ProviderCommon = {
  timeout: describe(optional(duration('provider timeout')), 'per-query timeout (default 10s)'),
  headers: optional(z.record(z.string(), headerValue)),
};

export const ProviderSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('prometheus'),
    url: optional(httpUrl('https://prometheus.example.com')),
    urlEnv: describe(optional(envName), 'take the URL from this environment variable'),
    bearerTokenEnv: optional(envName),
    basicAuth: optional(z.strictObject({ usernameEnv: envName, passwordEnv: envName })),
    ...ProviderCommon,
  }),
  z.strictObject({
    type: z.literal('datadog'),
    site: describe(optional(z.string()), 'Datadog site, e.g. datadoghq.com or datadoghq.eu (default datadoghq.com)'),
    url: describe(optional(httpUrl('https://api.datadoghq.eu')), 'API base URL; overrides site'),
    apiKeyEnv: envName,
    appKeyEnv: envName,
    ...ProviderCommon,
  }),
  z.strictObject({
    type: z.literal('http-json'),
    url: describe(optional(z.string()), 'base URL; gates give the path or a full URL template'),
    urlEnv: optional(envName),
    bearerTokenEnv: optional(envName),
    ...ProviderCommon,
  }),
  z.strictObject({
    type: z.literal('synthetic'),
    baseline: describe(optional(z.number()), 'value the synthetic series hovers around (simulate only)'),
    ...ProviderCommon,
  }),
]);

/** A bound of a comparison gate in plan words (src/plan/tolerance.ts); the form is checked where it can be pointed at (semantic-compare.ts). */
const bound = (what: string, description: string) => {
  const form = `${what} must be a bound relative to the baseline, such as 'baseline * 1.2 + 0.001'`;
  // A bare number is the commonest slip: it reads as a fixed threshold, which a comparison does not take.
  return describe(optional(z.string({ error: form }).check(z.minLength(1, { message: form }))), description);
};

/** A comparison of the canary with a baseline over the bake (issue 15): judged in src/core/compare-gate.ts. */
export const CompareSchema = z.strictObject({
  baseline: describe(
    optional(str(z.regex(new RegExp(REGION_PATTERN), { message: 'compare.baseline must be a region name of the plan' }))),
    "a region of the plan, released after every stage that uses this gate: the gate's query rendered for it is the baseline (give baseline or baselineQuery)",
  ),
  baselineQuery: describe(optional(nonEmpty()), 'a query of its own for the baseline, with the same {{ }} names as query (give baseline or baselineQuery)'),
  judge: describe(
    optional(z.enum(['mann-whitney', 'ratio'])),
    "'mann-whitney' (default): the canary's samples against the tolerated baseline's, at the confidence below; 'ratio': the window means against the bound, without a test",
  ),
  direction: describe(
    optional(z.enum(['increase', 'decrease', 'either'])),
    "which way is bad: 'increase' (default; needs max), 'decrease' (needs min), 'either' (needs both)",
  ),
  max: bound('compare.max', "the canary fails when shown above this bound, e.g. 'baseline * 1.2 + 0.001' (for direction increase or either)"),
  min: bound('compare.min', "the canary fails when shown below this bound, e.g. 'baseline * 0.8' (for direction decrease or either)"),
  passMax: bound(
    'compare.passMax',
    "the canary passes only when shown below this bound (default: max); looser than max, e.g. 'baseline * 1.5 + 0.001', so a healthy canary is not left inconclusive by noise",
  ),
  passMin: bound('compare.passMin', 'the canary passes only when shown above this bound (default: min)'),
  confidence: describe(
    optional(
      z.union([
        z.number().check(z.gt(0.5, { message: 'compare.confidence must be above 50%' }), z.lt(1, { message: 'compare.confidence must be below 100%' })),
        str(z.regex(/^(?:[5-9]\d(?:\.\d+)?)%$/, { message: "compare.confidence must be a percentage above 50% and below 100%, such as '98%'" })),
      ]),
    ),
    "how sure a verdict must be, as '98%' or 0.98 (default 98%): a healthy canary is rolled back by noise at most 1 - confidence of the time",
  ),
  minSamples: describe(
    optional(z.number().check(z.int(), z.gte(3, { message: 'compare.minSamples must be at least 3' }))),
    'paired samples (canary and baseline at the same step) needed for a verdict; fewer at the end of the bake is no data, and onNoData applies (default 10)',
  ),
  sequential: describe(
    optional(z.boolean()),
    'look after every interval with an always-valid test and roll back as soon as a regression is clear (default true; mann-whitney only)',
  ),
  promoteEarly: describe(optional(z.boolean()), 'with sequential: end the bake early when the canary is already shown within the bound (default false)'),
});

export const MinVolumeSchema = z.strictObject({
  query: describe(
    nonEmpty(),
    'the request volume of a step, with the same {{ }} names as query, e.g. sum(rate(http_requests_total{region="{{ region }}"}[{{ window }}]))',
  ),
  min: describe(z.number().check(z.nonnegative()), 'below this volume (canary or baseline) a step is no data: it is left out of the comparison'),
});

/** A share written as a percent, such as 99.9%: the range is checked with the field (semantic-slo.ts). */
const percent = (what: string) =>
  z
    .string({ error: () => `${what} must be a percent such as 99.9% (a number alone would not say whether 99.9 or 0.999 is meant)` })
    .check(z.regex(/^\d+(\.\d+)?%$/, { message: `${what} must be a percent such as 99.9%` }));

/** An SLO gate (semantic-slo.ts): judged by its error budget's burn rate over two windows, not by min/max. */
export const SloSchema = z.strictObject({
  good: describe(nonEmpty(), 'query template counting good events over {{ window }} (e.g. requests that did not fail)'),
  total: describe(nonEmpty(), 'query template counting all valid events over {{ window }}'),
  objective: describe(percent('slo.objective'), 'the SLO, a percent strictly between 0% and 100%, e.g. 99.9%'),
  burnRate: describe(
    optional(
      z.strictObject({
        short: describe(optional(duration('slo.burnRate.short')), 'the short window (default 5m)'),
        long: describe(optional(duration('slo.burnRate.long')), 'the long window, longer than short (default 1h)'),
        factor: describe(optional(z.number().check(z.positive())), 'fail when both windows burn the budget faster than this (default 14.4)'),
      }),
    ),
    'multi-window burn-rate judging: a measurement fails when the burn rate over both windows exceeds factor (default 5m, 1h, 14.4)',
  ),
});

/** The release freeze (semantic-slo.ts): no release starts while an SLO has spent its budget. */
export const FreezeSchema = z.strictObject({
  slo: describe(name('freeze.slo'), 'an slo gate whose good/total queries count the budget'),
  period: describe(duration('freeze.period'), 'the SLO period the budget is counted over, e.g. 30d'),
  floor: describe(percent('freeze.floor'), 'refuse to start while less than this share of the budget remains, 0% to 100%'),
  regions: describe(
    optional(z.array(str(z.regex(new RegExp(REGION_PATTERN), { message: 'freeze.regions: region names must match ^[a-z][a-z0-9-]{0,62}$' })))),
    'regions whose budget is read ({{ region }} in the queries); default: the regions of the stage about to start',
  ),
  beforeEachStage: describe(optional(z.boolean()), 'check the budget before every stage, not only before the release starts (default false)'),
});

export const GateSchema = z.strictObject({
  provider: name('gate.provider'),
  slo: describe(optional(SloSchema), 'judge this gate as an SLO (good/total events, objective, burn rate) instead of query with min/max'),
  query: describe(optional(nonEmpty()), 'query template (PromQL, Datadog query) with {{ region }}, {{ window }}, ...'),
  url: describe(optional(z.string()), 'http-json: URL template (relative to the provider url, or absolute)'),
  method: optional(z.enum(['GET', 'POST'])),
  body: describe(optional(z.string()), 'http-json: request body template for POST'),
  path: describe(optional(z.string()), 'http-json: JSONPath to the value, e.g. $.data.error_rate'),
  reduce: describe(
    optional(z.enum(['sum', 'avg', 'max', 'min', 'last'])),
    'how to reduce several series (or Datadog points) to one value; without it, several series is an error',
  ),
  min: describe(optional(z.number()), 'the measurement fails when the value is below min'),
  max: describe(optional(z.number()), 'the measurement fails when the value is above max'),
  interval: describe(optional(duration('gate.interval')), 'time between measurements (default 1m)'),
  window: describe(optional(duration('gate.window')), 'value of {{ window }} in the query (default: the interval)'),
  count: describe(optional(posInt()), 'measurements to take in each bake (default: as many intervals as fit in the bake)'),
  initialDelay: describe(optional(duration('gate.initialDelay')), 'wait before the first measurement of a bake (default 0s)'),
  failureLimit: describe(optional(nonNegInt()), 'failed measurements allowed; the gate fails when failures exceed it (default 0)'),
  inconclusiveLimit: describe(optional(nonNegInt()), 'inconclusive measurements allowed; more pauses for a person (default 0)'),
  consecutiveErrorLimit: describe(
    optional(nonNegInt()),
    'back-to-back backend errors, or answers without data (no data or errors; onNoData: pass excepted), allowed; more fails the gate (default 4)',
  ),
  onNoData: describe(
    optional(z.enum(['inconclusive', 'fail', 'pass', 'wait'])),
    "what a query with no data counts as (default 'inconclusive'; 'pass' only when written explicitly; 'wait' measures again without counting)",
  ),
  compare: describe(
    optional(CompareSchema),
    'compare the canary region with a baseline over the bake instead of a fixed min/max (the same query read as two samples)',
  ),
  minVolume: describe(optional(MinVolumeSchema), 'a low-traffic guard: steps below this volume are no data, never a pass or a failure on noise'),
});

export const StepSchema = z.strictObject({
  traffic: z
    .number({ message: 'step.traffic must be a number from 1 to 100 (percent)' })
    .check(z.gte(1, { message: 'step.traffic must be at least 1 (percent)' }), z.lte(100, { message: 'step.traffic must be at most 100 (percent)' })),
  bake: describe(optional(duration('step.bake')), 'how long to watch the gates at this traffic (default 0s: promote once the deploy run succeeds)'),
});

/**
 * A GitHub environment's name as the approval workflow's job names it: GitHub allows up to 255
 * characters; a line break or a template could not name one environment (the input is sent as
 * written, never rendered).
 */
const environmentName = str(
  z.regex(/^(?!.*\{\{)(?=\S)(?=.*\S$)[^\r\n\t\v\f]{1,255}$/, {
    message: 'approval.environment must be the name of a GitHub environment: 1 to 255 characters, no line break or tab, no leading or trailing space, no {{ }}',
  }),
);

export const ApprovalSchema = z.union([
  z.boolean(),
  z.strictObject({
    timeout: optional(duration('approval.timeout')),
    users: optional(z.array(z.string())),
    teams: optional(z.array(z.string())),
    environment: describe(
      optional(environmentName),
      "approve this stage with GitHub's own Environment reviewers: the approval workflow's job targets this environment, and the stage starts when that run succeeds (a rejected run rejects the stage); users and teams do not apply",
    ),
    workflow: describe(optional(workflowFile), 'the approval workflow dispatched for `environment` (default approve.yml, see workflows-examples/approve.yml)'),
  }),
]);

export const StageSchema = z.strictObject({
  name: name('stage.name'),
  regions: z
    .array(
      str(
        z.regex(new RegExp(REGION_PATTERN), {
          message: "region names must match ^[a-z][a-z0-9-]{0,62}$ (lower case, digits and '-'; they go into queries and environment names)",
        }),
      ),
    )
    .check(z.minLength(1, { message: 'a stage needs at least one region' })),
  maxParallel: describe(optional(posInt()), 'regions of this stage deployed at once (default: all)'),
  steps: describe(optional(z.array(StepSchema).check(z.minLength(1))), 'canary steps (default: defaults.steps)'),
  gates: describe(optional(z.array(name('gate reference'))), 'gates checked during bakes (default: defaults.gates)'),
  approval: describe(optional(ApprovalSchema), 'wait for an approval before this stage starts'),
  failureBudget: describe(optional(nonNegInt()), 'regions that may fail (and are rolled back alone) before the whole release stops (default 0)'),
});

export const ApprovalsSchema = z.strictObject({
  minPermission: describe(optional(z.enum(['read', 'triage', 'write', 'maintain', 'admin'])), 'lowest repository permission an approver needs (default write)'),
  users: describe(optional(z.array(z.string())), 'only these users may approve (in addition to the permission)'),
  teams: describe(optional(z.array(z.string())), 'org/team slugs whose members may approve (needs a token that can read team membership)'),
  allowSelfApproval: describe(optional(z.boolean()), 'may the person who started the release approve it (default false)'),
  timeout: describe(optional(duration('approvals.timeout')), 'how long an approval may take before the release stops (default 24h)'),
});

export const PlanSchema = z.strictObject({
  $schema: optional(z.string()),
  name: describe(name('name'), 'release name; with the version it makes the release id'),
  variables: describe(
    optional(z.record(name('variable name'), z.union([z.string(), z.number(), z.boolean()]))),
    'your own template values, used as {{ vars.NAME }}',
  ),
  deploy: DeploySchema,
  rollback: optional(RollbackSchema),
  environment: describe(optional(nonEmpty()), "GitHub Deployment environment per region (default 'production/{{ region }}')"),
  providers: optional(z.record(name('provider name'), ProviderSchema)),
  gates: optional(z.record(name('gate name'), GateSchema)),
  defaults: optional(
    z.strictObject({
      steps: optional(z.array(StepSchema).check(z.minLength(1))),
      gates: optional(z.array(name('gate reference'))),
      maxParallel: optional(posInt()),
      failureBudget: optional(nonNegInt()),
    }),
  ),
  stages: z.array(StageSchema).check(z.minLength(1, { message: 'a plan needs at least one stage' })),
  approvals: optional(ApprovalsSchema),
  freeze: describe(optional(FreezeSchema), 'hold the release before it starts while an SLO has less error budget left than floor'),
});

/** The plan as written in YAML (before defaults are applied). */
export type PlanInput = z.infer<typeof PlanSchema>;
export type ProviderInput = z.infer<typeof ProviderSchema>;
export type GateInput = z.infer<typeof GateSchema>;

/** The JSON Schema of the plan, for editors (`# yaml-language-server: $schema=`). */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PlanSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    // Where editors fetch it from (the `$schema` line users copy): one writer, release-info.ts.
    $id: SCHEMA_URL,
    title: 'progressive-release release plan',
  };
}
