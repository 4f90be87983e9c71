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
import * as z from 'zod/mini';
import { describe, duration, ENV_NAME_PATTERN, name, nonEmpty, nonNegInt, optional, posInt, REGION_PATTERN, str } from './schema-fields.js';
import { CompareSchema, FreezeSchema, MinVolumeSchema, SloSchema } from './schema-judges.js';
import { SCHEMA_URL } from './release-info.js';

export { ENV_NAME_PATTERN, NAME_PATTERN, REGION_PATTERN } from './schema-fields.js';

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
