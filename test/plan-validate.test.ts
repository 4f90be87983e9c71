/**
 * Table-driven tests of the plan checks: each case edits a small valid plan and lists every
 * error expected, with its line, column and message (warnings are checked where they matter).
 */
import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../src/plan/load.js';
import { BASE_PLAN, edit, NO_CORRELATION_WARNING } from './fixtures/base-plan.js';

type Expected = [line: number, col: number, message: string];

const KNOWN_INPUT_VARS = 'region, stage, version, release.id, step.traffic, step.index, correlation.id';

const CASES: { name: string; text: string; errors: Expected[] }[] = [
  {
    name: 'unknown top-level key points at the key and lists the known ones',
    text: edit(['name: app\n', 'name: app\nregion: x\n']),
    errors: [
      [
        2,
        1,
        "region: unknown key 'region' in the plan (expected one of: $schema, name, variables, deploy, rollback, environment, providers, gates, defaults, stages, approvals, freeze)",
      ],
    ],
  },
  {
    name: 'a typo in a required key is one error, at the typo, saying the key it meant is required',
    text: edit(['workflow: deploy.yml', 'workflows: deploy.yml']),
    errors: [
      [
        3,
        3,
        "deploy.workflows: unknown key 'workflows' in deploy (did you mean 'workflow'? deploy requires it; expected one of: workflow, ref, inputs, timeout, correlationInput)",
      ],
    ],
  },
  {
    name: 'a missing required key without a typo beside it points at its map',
    text: edit(['  workflow: deploy.yml\n', '']),
    errors: [
      [2, 1, "deploy: missing required key 'workflow' (expected a string: workflow file (in .github/workflows) that deploys one region at one traffic step)"],
    ],
  },
  {
    name: 'bad duration',
    text: edit(['bake: 5m', 'bake: 5 minutes']),
    errors: [[18, 34, "stages[0].steps[0].bake: step.bake must be a duration such as 30s, 10m, 2h or 1h30m; got the string '5 minutes'"]],
  },
  {
    name: 'traffic below 1',
    text: edit(['traffic: 100', 'traffic: 0']),
    errors: [[18, 23, 'stages[0].steps[0].traffic: step.traffic must be at least 1 (percent); got the number 0']],
  },
  {
    name: 'traffic above 100',
    text: edit(['traffic: 100', 'traffic: 101']),
    errors: [[18, 23, 'stages[0].steps[0].traffic: step.traffic must be at most 100 (percent); got the number 101']],
  },
  {
    name: 'traffic not a number',
    text: edit(['traffic: 100', 'traffic: lots']),
    errors: [[18, 23, "stages[0].steps[0].traffic: step.traffic must be a number from 1 to 100 (percent); got the string 'lots'"]],
  },
  {
    name: 'region outside the strict pattern',
    text: edit(['[us-east-1]', '[US_East]']),
    errors: [
      [
        17,
        15,
        "stages[0].regions[0]: region names must match ^[a-z][a-z0-9-]{0,62}$ (lower case, digits and '-'; they go into queries and environment names); got the string 'US_East'",
      ],
    ],
  },
  {
    name: 'a stage without regions',
    text: edit(['[us-east-1]', '[]']),
    errors: [[17, 14, 'stages[0].regions: a stage needs at least one region; got a list']],
  },
  {
    name: 'a provider URL that is not http(s)',
    text: edit(['url: https://prom.example.com', 'url: ftp://prom.example.com']),
    errors: [[9, 10, "providers.prom.url: must be an absolute http(s) URL such as https://prometheus.example.com; got the string 'ftp://prom.example.com'"]],
  },
  {
    name: 'a zero query window',
    text: edit(['max: 1', 'max: 1\n    window: 0s']),
    errors: [[15, 13, 'gates.errors.window: must be longer than 0s: it is the range the query looks back over, e.g. 5m (default: the interval)']],
  },
  {
    name: 'unknown provider type',
    text: edit(['type: prometheus', 'type: graphite']),
    errors: [[8, 11, "providers.prom.type: expected one of 'prometheus', 'datadog', 'http-json', 'synthetic'; got the string 'graphite'"]],
  },
  {
    name: 'bad enum value',
    text: edit(['    max: 1\n', '    max: 1\n    onNoData: maybe\n']),
    errors: [[15, 15, "gates.errors.onNoData: expected one of 'inconclusive', 'fail', 'pass', 'wait'; got the string 'maybe'"]],
  },
  {
    name: 'missing stages points at the plan',
    text: edit(['stages:\n  - name: one\n    regions: [us-east-1]\n    steps: [{traffic: 100, bake: 5m}]\n    gates: [errors]\n', '']),
    errors: [[1, 1, "the plan: missing required key 'stages' (expected a list)"]],
  },
  {
    name: 'empty file',
    text: '',
    errors: [[1, 1, 'the plan must be a YAML map with at least name, deploy and stages; got null (an empty value)']],
  },
  {
    name: 'a list instead of a map',
    text: '- a\n- b\n',
    errors: [[1, 1, 'the plan must be a YAML map with at least name, deploy and stages; got a list']],
  },
  {
    name: 'approval in neither form',
    text: edit(['    gates: [errors]\n', '    gates: [errors]\n    approval: sometimes\n']),
    errors: [[20, 15, "stages[0].approval: expected true or false or a map with timeout/users/teams/environment/workflow; got the string 'sometimes'"]],
  },
  {
    name: 'a bad provider name points at the key; the gate naming another provider is reported too',
    text: edit(['  prom:\n', '  1prom:\n'], ['provider: prom', 'provider: x1']),
    errors: [
      [
        7,
        3,
        "providers.1prom: invalid name '1prom': provider name must start with a letter and contain only letters, digits, '-' and '_' (at most 64 characters)",
      ],
      [12, 15, "gates.errors.provider: unknown provider 'x1'; declared providers: 1prom"],
    ],
  },
  {
    name: 'duplicate keys are a YAML error',
    text: edit(['    max: 1\n', '    max: 1\n    max: 2\n']),
    errors: [[15, 5, 'YAML syntax error: Map keys must be unique']],
  },
  {
    name: 'a list used as a map key',
    text: edit(['    max: 1\n', '    max: 1\n    ? [a, b]\n    : 3\n']),
    errors: [[15, 7, 'YAML: a map key must be a plain name, not a list or a map']],
  },
  {
    name: 'tabs as indentation',
    text: edit(['    max: 1\n', '\tmax: 1\n']),
    errors: [[14, 1, 'YAML syntax error: Tabs are not allowed as indentation']],
  },
  {
    name: 'two YAML documents',
    text: `${BASE_PLAN}---\nname: b\n`,
    errors: [[20, 1, "YAML syntax error: a release plan is one YAML document; remove the '---' separator and what follows"]],
  },
  {
    name: 'a string where a map belongs',
    text: edit(['deploy:\n  workflow: deploy.yml\n  inputs:\n    region: "{{ region }}"\n', 'deploy: deploy.yml\n']),
    errors: [[2, 9, "deploy: expected a map (key: value lines); got the string 'deploy.yml'"]],
  },
  {
    name: 'an empty value where a list belongs',
    text: edit(['    gates: [errors]\n', '    gates:\n']),
    errors: [[19, 11, 'stages[0].gates: expected a list; got null (an empty value)']],
  },
  {
    name: 'count must be positive',
    text: edit(['    max: 1\n', '    max: 1\n    count: 0\n']),
    errors: [[15, 12, 'gates.errors.count: must be greater than 0; got the number 0']],
  },
  {
    name: 'a secret written where an environment variable NAME belongs',
    text: edit(['    url: https://prom.example.com\n', '    url: https://prom.example.com\n    bearerTokenEnv: ghp_abc123\n']),
    errors: [
      [
        10,
        21,
        'providers.prom.bearerTokenEnv: must be the NAME of an environment variable (upper case, digits and _), never the secret itself; got a value that is not shown (it may be a secret)',
      ],
    ],
  },
  {
    name: 'a relative provider URL',
    text: edit(['url: https://prom.example.com', 'url: prom.example.com']),
    errors: [[9, 10, "providers.prom.url: must be an absolute http(s) URL such as https://prometheus.example.com; got the string 'prom.example.com'"]],
  },
  {
    name: 'CRLF line endings keep columns right',
    text: edit(['bake: 5m', 'bake: 5x']).replace(/\n/g, '\r\n'),
    errors: [[18, 34, "stages[0].steps[0].bake: step.bake must be a duration such as 30s, 10m, 2h or 1h30m; got the string '5x'"]],
  },
  // --- semantic checks ---
  {
    name: 'unknown gate reference',
    text: edit(['gates: [errors]', 'gates: [errors, latency]']),
    errors: [[19, 21, "stages[0].gates[1]: unknown gate 'latency'; declared gates: errors"]],
  },
  {
    name: 'unknown gate reference with a close match',
    text: edit(['gates: [errors]', 'gates: [erors]']),
    errors: [[19, 13, "stages[0].gates[0]: unknown gate 'erors' (did you mean 'errors'?); declared gates: errors"]],
  },
  {
    name: 'unknown provider reference',
    text: edit(['provider: prom', 'provider: prometheus']),
    errors: [[12, 15, "gates.errors.provider: unknown provider 'prometheus'; declared providers: prom"]],
  },
  {
    name: 'the same region in two stages',
    text: `${BASE_PLAN}  - name: two\n    regions: [eu-west-1, us-east-1]\n    steps: [{traffic: 100}]\n`,
    errors: [[21, 26, "stages[1].regions[1]: region 'us-east-1' is already in stage 'one' (stages[0].regions[0]); each region belongs to exactly one stage"]],
  },
  {
    name: 'a credential written as a header value',
    text: edit(['    url: https://prom.example.com\n', '    url: https://prom.example.com\n    headers: { X-Team: ops, X-Api-Key: abc123 }\n']),
    errors: [
      [
        10,
        29,
        'providers.prom.headers.X-Api-Key: looks like a credential written in the plan; write { env: NAME } and set NAME from a secret (the value is not shown here)',
      ],
    ],
  },
  {
    name: 'two stages with one name',
    text: `${BASE_PLAN}  - name: one\n    regions: [eu-west-1]\n    steps: [{traffic: 100}]\n`,
    errors: [[20, 11, "stages[1].name: stage name 'one' is already used by stages[0]; stage names must be unique"]],
  },
  {
    name: 'traffic not ascending',
    text: edit(['[{traffic: 100, bake: 5m}]', '[{traffic: 50, bake: 5m}, {traffic: 20, bake: 5m}]']),
    errors: [[18, 48, 'stages[0].steps[1].traffic: traffic must go up from step to step (1..100, ascending); got 20 after 50']],
  },
  {
    name: 'unknown template variable, at the {{ }} itself',
    text: edit(['"{{ region }}"', '"{{ regoin }}"']),
    errors: [[5, 14, `deploy.inputs.region: unknown template variable '{{ regoin }}' (did you mean 'region'?); known here: ${KNOWN_INPUT_VARS}`]],
  },
  {
    name: 'window is not known in deploy inputs',
    text: edit(['"{{ region }}"', '"at {{ window }}"']),
    errors: [[5, 17, `deploy.inputs.region: unknown template variable '{{ window }}'; known here: ${KNOWN_INPUT_VARS}`]],
  },
  {
    name: 'undeclared variable',
    text: edit(['"{{ region }}"', '"{{ vars.team }}"']),
    errors: [[5, 14, `deploy.inputs.region: unknown variable '{{ vars.team }}': 'team' is not declared under variables; known here: ${KNOWN_INPUT_VARS}`]],
  },
  {
    name: 'unknown variable in a gate query',
    text: edit(['up{region="{{ region }}"}', 'up{region="{{ region }}",v="{{ versoin }}"}']),
    errors: [
      [
        13,
        40,
        "gates.errors.query: unknown template variable '{{ versoin }}' (did you mean 'version'?); known here: region, stage, version, release.id, step.traffic, step.index, window",
      ],
    ],
  },
  {
    name: 'a malformed template',
    text: edit(['"{{ region }}"', '"{{ region"']),
    errors: [[5, 14, "deploy.inputs.region: malformed template near '{{ region'; write {{ name }} with a name such as region, stage, version"]],
  },
  {
    name: 'more than 25 deploy inputs',
    text: edit(['    region: "{{ region }}"\n', Array.from({ length: 26 }, (_, i) => `    in${i}: x\n`).join('')]),
    errors: [[4, 3, 'deploy.inputs: sends 26 inputs; GitHub accepts at most 25 per workflow_dispatch (it answers 422)']],
  },
  {
    name: 'count x interval does not fit in the bake',
    text: edit(['    max: 1\n', '    max: 1\n    count: 6\n']),
    errors: [
      [
        15,
        12,
        "gates.errors.count: count 6 x interval 1m = 6m does not fit in the shortest bake that uses this gate (5m, stage 'one' step 1); lower count/interval or lengthen the bake",
      ],
    ],
  },
  {
    name: 'interval + initialDelay does not fit in the bake',
    text: edit(['    max: 1\n', '    max: 1\n    interval: 2m\n    initialDelay: 4m\n']),
    errors: [
      [
        15,
        15,
        "gates.errors.interval: one interval (2m) + initialDelay 4m = 6m does not fit in the shortest bake that uses this gate (5m, stage 'one' step 1); lower count/interval or lengthen the bake",
      ],
    ],
  },
  {
    name: 'count fits exactly',
    text: edit(['    max: 1\n', '    max: 1\n    count: 5\n']),
    errors: [],
  },
  {
    name: 'http-json gate without path and url',
    text: edit(['type: prometheus\n    url: https://prom.example.com', 'type: http-json']),
    errors: [
      [10, 3, "gates.errors: missing 'path': an http-json gate needs a JSONPath to the value, e.g. $.data.error_rate"],
      [
        10,
        3,
        "gates.errors: missing 'url': an http-json gate needs a url (absolute, or relative to the provider's url/urlEnv, which provider 'prom' does not set)",
      ],
    ],
  },
  {
    name: 'prometheus gate without query',
    text: edit(['    query: up{region="{{ region }}"}\n', '']),
    errors: [[11, 3, "gates.errors: missing 'query': a prometheus gate needs a query (PromQL) that returns one number"]],
  },
  {
    name: 'gate without min or max',
    text: edit(['    max: 1\n', '']),
    errors: [[11, 3, 'gates.errors: needs a threshold: min (fail below), max (fail above), or both']],
  },
  {
    name: 'min above max',
    text: edit(['    max: 1\n', '    max: 1\n    min: 2\n']),
    errors: [[15, 10, 'gates.errors.min: min (2) is greater than max (1), so every measurement would fail']],
  },
  {
    name: 'a failureLimit that lets every measurement fail',
    text: edit(['    max: 1\n', '    max: 1\n    count: 3\n    failureLimit: 3\n']),
    errors: [[16, 19, 'gates.errors.failureLimit: 3 allows every one of the 3 measurements (count) to fail, so this gate can never fail; use at most 2']],
  },
  {
    name: 'a failureLimit below count is fine',
    text: edit(['    max: 1\n', '    max: 1\n    count: 3\n    failureLimit: 2\n']),
    errors: [],
  },
  {
    name: 'a body without POST',
    text: edit(['    max: 1\n', '    max: 1\n    body: x\n']),
    errors: [[15, 11, 'gates.errors.body: a body is only sent with method: POST']],
  },
  {
    name: 'prometheus provider without url or urlEnv',
    text: edit(['    url: https://prom.example.com\n', '']),
    errors: [
      [
        7,
        3,
        'providers.prom: a prometheus provider needs url (e.g. https://prometheus.example.com) or urlEnv (the NAME of an environment variable holding it)',
      ],
    ],
  },
  {
    name: 'a stage without steps and no defaults.steps',
    text: edit(['    steps: [{traffic: 100, bake: 5m}]\n', '']),
    errors: [[16, 5, "stages[0]: stage 'one' has no steps and the plan has no defaults.steps; add steps such as [{traffic: 100, bake: 10m}]"]],
  },
  {
    name: 'gates that would never be measured',
    text: edit(['bake: 5m', 'bake: 0s']),
    errors: [[16, 5, "stages[0]: stage 'one' has gates (errors) but no step bakes, so they would never be measured; give a step a bake such as 10m"]],
  },
  {
    name: 'correlation input without {{ correlation.id }}',
    text: edit(['  workflow: deploy.yml\n', '  workflow: deploy.yml\n  correlationInput: region\n']),
    errors: [
      [6, 13, 'deploy.inputs.region: is the correlationInput, so its value must contain {{ correlation.id }} (or leave it out and it is sent automatically)'],
    ],
  },
  {
    name: 'team not in org/slug form',
    text: `${BASE_PLAN}approvals:\n  teams: [release-managers]\n`,
    errors: [[21, 11, "approvals.teams[0]: must be a team as org/team-slug, e.g. my-org/release-managers; got 'release-managers'"]],
  },
];

describe('plan validation (table)', () => {
  it('the base plan is valid, with no diagnostics but the warning that its deploy has no correlationInput', () => {
    const result = loadPlanText(BASE_PLAN, 'plan.yml');
    expect(result.diagnostics.map((d) => [d.severity, d.line, d.col, d.message])).toEqual([['warning', 2, 1, NO_CORRELATION_WARNING]]);
    expect(result.plan?.name).toBe('app');
  });

  it.each(CASES)('$name', ({ text, errors }) => {
    const result = loadPlanText(text, 'plan.yml');
    const got = result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.col, d.message]);
    expect(got).toEqual(errors);
    expect(result.diagnostics.every((d) => d.file === 'plan.yml')).toBe(true);
    // The plan comes back only when there is no error.
    expect(result.plan === undefined).toBe(errors.length > 0);
  });

  it('reports all errors at once, in file order', () => {
    const text = edit(
      ['workflow: deploy.yml', 'workflow: deploy'],
      ['type: prometheus', 'type: graphite'],
      ['bake: 5m', 'bake: soon'],
      ['[us-east-1]', '[Bad]'],
    );
    const lines = loadPlanText(text, 'plan.yml')
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.line);
    expect(lines).toEqual([3, 8, 17, 18]);
  });

  it('reports several semantic errors at once', () => {
    const text = edit(['provider: prom', 'provider: nope'], ['gates: [errors]', 'gates: [errors, x]'], ['"{{ region }}"', '"{{ nope }}"']);
    const lines = loadPlanText(text, 'plan.yml')
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.line);
    expect(lines).toEqual([5, 12, 19]);
  });

  it('a YAML syntax error is positioned', () => {
    const result = loadPlanText('name: app\ndeploy: [a,\n', 'plan.yml');
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) {
      expect(d.message).toMatch(/^YAML syntax error: /);
      expect(d.line).toBeGreaterThanOrEqual(2);
    }
  });

  it('warns about unused gates and providers without failing', () => {
    const text = edit(['gates: [errors]', 'gates: []']);
    const result = loadPlanText(text, 'plan.yml');
    expect(result.plan).toBeDefined();
    expect(result.diagnostics.map((d) => [d.severity, d.line, d.col, d.message])).toEqual([
      ['warning', 2, 1, NO_CORRELATION_WARNING],
      ['warning', 11, 3, "gates.errors: gate 'errors' is not used by any stage (list it in a stage's gates or defaults.gates)"],
    ]);
  });

  it('warns at the deploy and rollback keys that have no correlationInput, saying what the workflow must declare; not when declared', () => {
    const rollback = 'rollback:\n  workflow: rollback.yml\n  inputs:\n    region: "{{ region }}"\nproviders:';
    const without = loadPlanText(edit(['providers:', rollback]), 'plan.yml');
    expect(without.plan).toBeDefined();
    const warnings = without.diagnostics.map((d) => [d.severity, d.line, d.col, d.message.slice(0, d.message.indexOf(':', 12))]);
    expect(warnings).toEqual([
      ['warning', 2, 1, 'deploy: has no correlationInput'],
      ['warning', 6, 1, 'rollback: has no correlationInput'],
    ]);
    const rb = without.diagnostics[1]?.message ?? '';
    expect(rb).toContain('the release stops failed and a person must check that rollback run');
    expect(rb).toContain('declare correlation_id under on.workflow_dispatch.inputs of rollback.yml and show it in its run-name');
    const declared = edit(
      ['  workflow: deploy.yml\n', '  workflow: deploy.yml\n  correlationInput: correlation_id\n'],
      ['providers:', rollback.replace('rollback.yml\n', 'rollback.yml\n  correlationInput: correlation_id\n')],
    );
    expect(loadPlanText(declared, 'plan.yml').diagnostics).toEqual([]);
  });

  it("warns when onNoData is 'pass'", () => {
    const result = loadPlanText(edit(['    max: 1\n', '    max: 1\n    onNoData: pass\n']), 'plan.yml');
    expect(result.plan).toBeDefined();
    expect(result.diagnostics.map((d) => [d.severity, d.line, d.col, d.message])).toEqual([
      ['warning', 2, 1, NO_CORRELATION_WARNING],
      ['warning', 15, 15, "gates.errors.onNoData: 'pass' lets a region be promoted when this gate's query returns no data at all"],
    ]);
  });

  it('follows aliases and survives alias bombs', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    const result = loadPlanText(bomb, 'plan.yml');
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics[0]?.message).toMatch(/alias|Excessive/i);
  });
});
