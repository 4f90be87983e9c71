/**
 * The release-plan file format as a zod schema. This is the single source of truth for the
 * shape of `.github/release-plan.yml`: the validator, the TypeScript types and the committed
 * JSON Schema (`schema/release-plan.schema.json`, via zod 4's own `toJSONSchema`) all come from it.
 *
 * The schema describes what users write (durations as strings, optional fields); `normalize.ts`
 * turns a valid document into the resolved `Plan` the engine runs on.
 */
import { z } from 'zod';
import { DURATION_PATTERN } from './duration.js';

/** Region names go into PromQL label values, URLs and environment names, so the pattern is strict. */
export const REGION_PATTERN = '^[a-z][a-z0-9-]{0,62}$';
/** Names of gates, providers, stages and variables: identifiers that read well in YAML and logs. */
export const NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';
/** Environment variable names, for secrets that never appear in the file. */
export const ENV_NAME_PATTERN = '^[A-Z_][A-Z0-9_]*$';

const duration = (what: string) =>
  z.string().regex(new RegExp(DURATION_PATTERN), {
    message: `${what} must be a duration such as 30s, 10m, 2h or 1h30m`,
  });
const name = (what: string) =>
  z.string().regex(new RegExp(NAME_PATTERN), {
    message: `${what} must start with a letter and contain only letters, digits, '-' and '_' (at most 64 characters)`,
  });
const envName = z.string().regex(new RegExp(ENV_NAME_PATTERN), {
  message: 'must be the NAME of an environment variable (upper case, digits and _), never the secret itself',
});
/** Backends are reached over HTTP(S) only: an ftp: or file: URL is a typo, not a provider. */
const httpUrl = (example: string) =>
  z.string().regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { message: `must be an absolute http(s) URL such as ${example}` });
const workflowFile = z.string().regex(/^[A-Za-z0-9._-]+\.ya?ml$/, {
  message: "must be a workflow file name in .github/workflows, such as 'deploy.yml'",
});
/** Inputs sent to a workflow_dispatch: strings, with `{{ }}` templates; numbers/booleans are stringified. */
const inputs = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { message: 'input names must be identifiers' }), z.union([z.string(), z.number(), z.boolean()]))
  .describe('workflow_dispatch inputs; values may use {{ region }}, {{ version }}, {{ stage }}, {{ step.traffic }}, {{ step.index }}, {{ release.id }}, {{ correlation.id }} and {{ vars.NAME }}');

const headerValue = z.union([
  z.string(),
  z.strictObject({ env: envName }).describe('take the header value from this environment variable (masked)'),
]);

export const DeploySchema = z.strictObject({
  workflow: workflowFile.describe('workflow file (in .github/workflows) that deploys one region at one traffic step'),
  ref: z.string().min(1).optional().describe('branch or tag the workflow is dispatched on (default: the ref that started the release)'),
  inputs: inputs.optional(),
  timeout: duration('deploy.timeout').optional().describe('how long one deploy run may take before it is cancelled and the region fails (default 30m)'),
  correlationInput: z.string().optional().describe('input that carries a unique id shown in the workflow run-name, used to find the run on servers without return_run_details (default: none)'),
});

export const RollbackSchema = z.strictObject({
  workflow: workflowFile.describe('workflow file that rolls one region back'),
  ref: z.string().min(1).optional(),
  inputs: inputs.optional(),
  timeout: duration('rollback.timeout').optional().describe('how long one rollback run may take (default 30m)'),
  correlationInput: z.string().optional().describe('like deploy.correlationInput, for the rollback workflow'),
  scope: z.enum(['region', 'touched']).optional().describe("'touched' (default): roll back every region this release touched, newest first; 'region': only the regions that failed"),
});

const ProviderCommon = {
  timeout: duration('provider timeout').optional().describe('per-query timeout (default 10s)'),
  headers: z.record(z.string(), headerValue).optional(),
};

export const ProviderSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('prometheus'),
    url: httpUrl('https://prometheus.example.com').optional(),
    urlEnv: envName.optional().describe('take the URL from this environment variable'),
    bearerTokenEnv: envName.optional(),
    basicAuth: z.strictObject({ usernameEnv: envName, passwordEnv: envName }).optional(),
    ...ProviderCommon,
  }),
  z.strictObject({
    type: z.literal('datadog'),
    site: z.string().optional().describe('Datadog site, e.g. datadoghq.com or datadoghq.eu (default datadoghq.com)'),
    url: httpUrl('https://api.datadoghq.eu').optional().describe('API base URL; overrides site'),
    apiKeyEnv: envName,
    appKeyEnv: envName,
    ...ProviderCommon,
  }),
  z.strictObject({
    type: z.literal('http-json'),
    url: z.string().optional().describe('base URL; gates give the path or a full URL template'),
    urlEnv: envName.optional(),
    bearerTokenEnv: envName.optional(),
    ...ProviderCommon,
  }),
  z.strictObject({
    type: z.literal('synthetic'),
    baseline: z.number().optional().describe('value the synthetic series hovers around (simulate only)'),
    ...ProviderCommon,
  }),
]);

export const GateSchema = z.strictObject({
  provider: name('gate.provider'),
  query: z.string().min(1).optional().describe('query template (PromQL, Datadog query) with {{ region }}, {{ window }}, ...'),
  url: z.string().optional().describe('http-json: URL template (relative to the provider url, or absolute)'),
  method: z.enum(['GET', 'POST']).optional(),
  body: z.string().optional().describe('http-json: request body template for POST'),
  path: z.string().optional().describe('http-json: JSONPath to the value, e.g. $.data.error_rate'),
  reduce: z.enum(['sum', 'avg', 'max', 'min', 'last']).optional().describe('how to reduce several series (or Datadog points) to one value; without it, several series is an error'),
  min: z.number().optional().describe('the measurement fails when the value is below min'),
  max: z.number().optional().describe('the measurement fails when the value is above max'),
  interval: duration('gate.interval').optional().describe('time between measurements (default 1m)'),
  window: duration('gate.window').optional().describe('value of {{ window }} in the query (default: the interval)'),
  count: z.number().int().positive().optional().describe('measurements to take in each bake (default: as many intervals as fit in the bake)'),
  initialDelay: duration('gate.initialDelay').optional().describe('wait before the first measurement of a bake (default 0s)'),
  failureLimit: z.number().int().nonnegative().optional().describe('failed measurements allowed; the gate fails when failures exceed it (default 0)'),
  inconclusiveLimit: z.number().int().nonnegative().optional().describe('inconclusive measurements allowed; more pauses for a person (default 0)'),
  consecutiveErrorLimit: z.number().int().nonnegative().optional().describe('back-to-back backend errors allowed; more fails the gate (default 4)'),
  onNoData: z.enum(['inconclusive', 'fail', 'pass', 'wait']).optional().describe("what a query with no data counts as (default 'inconclusive'; 'pass' only when written explicitly; 'wait' measures again without counting)"),
});

export const StepSchema = z.strictObject({
  traffic: z.number({ message: 'step.traffic must be a number from 1 to 100 (percent)' }).min(1, { message: 'step.traffic must be at least 1 (percent)' }).max(100, { message: 'step.traffic must be at most 100 (percent)' }),
  bake: duration('step.bake').optional().describe('how long to watch the gates at this traffic (default 0s: promote once the deploy run succeeds)'),
});

export const ApprovalSchema = z.union([
  z.boolean(),
  z.strictObject({
    timeout: duration('approval.timeout').optional(),
    users: z.array(z.string()).optional(),
    teams: z.array(z.string()).optional(),
  }),
]);

export const StageSchema = z.strictObject({
  name: name('stage.name'),
  regions: z.array(z.string().regex(new RegExp(REGION_PATTERN), {
    message: "region names must match ^[a-z][a-z0-9-]{0,62}$ (lower case, digits and '-'; they go into queries and environment names)",
  })).min(1, { message: 'a stage needs at least one region' }),
  maxParallel: z.number().int().positive().optional().describe('regions of this stage deployed at once (default: all)'),
  steps: z.array(StepSchema).min(1).optional().describe('canary steps (default: defaults.steps)'),
  gates: z.array(name('gate reference')).optional().describe('gates checked during bakes (default: defaults.gates)'),
  approval: ApprovalSchema.optional().describe('wait for an approval before this stage starts'),
  failureBudget: z.number().int().nonnegative().optional().describe('regions that may fail (and are rolled back alone) before the whole release stops (default 0)'),
});

export const ApprovalsSchema = z.strictObject({
  minPermission: z.enum(['read', 'triage', 'write', 'maintain', 'admin']).optional().describe('lowest repository permission an approver needs (default write)'),
  users: z.array(z.string()).optional().describe('only these users may approve (in addition to the permission)'),
  teams: z.array(z.string()).optional().describe('org/team slugs whose members may approve (needs a token that can read team membership)'),
  allowSelfApproval: z.boolean().optional().describe('may the person who started the release approve it (default false)'),
  timeout: duration('approvals.timeout').optional().describe('how long an approval may take before the release stops (default 24h)'),
});

export const PlanSchema = z.strictObject({
  $schema: z.string().optional(),
  name: name('name').describe('release name; with the version it makes the release id'),
  variables: z.record(name('variable name'), z.union([z.string(), z.number(), z.boolean()])).optional().describe('your own template values, used as {{ vars.NAME }}'),
  deploy: DeploySchema,
  rollback: RollbackSchema.optional(),
  environment: z.string().min(1).optional().describe("GitHub Deployment environment per region (default 'production/{{ region }}')"),
  providers: z.record(name('provider name'), ProviderSchema).optional(),
  gates: z.record(name('gate name'), GateSchema).optional(),
  defaults: z.strictObject({
    steps: z.array(StepSchema).min(1).optional(),
    gates: z.array(name('gate reference')).optional(),
    maxParallel: z.number().int().positive().optional(),
    failureBudget: z.number().int().nonnegative().optional(),
  }).optional(),
  stages: z.array(StageSchema).min(1, { message: 'a plan needs at least one stage' }),
  approvals: ApprovalsSchema.optional(),
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
    $id: 'https://github.com/progressive-release/progressive-release/schema/release-plan.schema.json',
    title: 'progressive-release release plan',
  };
}
