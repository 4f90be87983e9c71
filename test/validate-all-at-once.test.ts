/**
 * One `validate` lists every problem: plans with several mistakes of different kinds (shape and
 * semantic, in different parts) give the complete list of diagnostics, each at its place; a check
 * whose input is broken is skipped, so one mistake is reported once.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlanText } from '../src/plan/load.js';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { edit } from './fixtures/base-plan.js';

type Expected = [severity: 'error' | 'warning', line: number, col: number, message: string];

/** The base plan with a correlation input, so its one warning does not fill every case. */
const CORR = ['  workflow: deploy.yml\n', '  workflow: deploy.yml\n  correlationInput: correlation_id\n'] as [string, string];

function all(text: string, workflowsDir: string | false = false): Expected[] {
  return loadPlanText(text, 'plan.yml', { workflowsDir }).diagnostics.map((d) => [d.severity, d.line, d.col, d.message]);
}

const CASES: { name: string; text: string; expected: Expected[] }[] = [
  {
    name: 'a map given to approval (true or a map): the map form says what is wrong inside it, and its users are still checked',
    text: edit(CORR, ['    gates: [errors]\n', '    gates: [errors]\n    approval: { timout: 1h, users: ["bad user"] }\n']),
    expected: [
      [
        'error',
        21,
        17,
        "stages[0].approval.timout: unknown key 'timout' in stages[0].approval (did you mean 'timeout'? expected one of: timeout, users, teams, environment, workflow)",
      ],
      ['error', 21, 37, "stages[0].approval.users[0]: must be a GitHub login (letters, digits and '-', at most 39 characters); got 'bad user'"],
    ],
  },
  {
    name: 'a template typo, a bare-number interval, a key typo, a bare-number bake, an unknown gate, a duplicate region and a bad region name, all in one run',
    text:
      edit(
        CORR,
        ['"{{ region }}"', '"{{ region }}"\n    version: "{{ versoin }}"'],
        ['    max: 1\n', '    max: 1\n    interval: 90\n'],
        ['[{traffic: 100, bake: 5m}]', '[{traffic: 10, bak: 10m}, {traffic: 100, bake: 600}]'],
        ['gates: [errors]', 'gates: [errors, latency]'],
      ) + '  - name: two\n    regions: [us-east-1, BAD]\n',
    expected: [
      [
        'error',
        7,
        15,
        "deploy.inputs.version: unknown template variable '{{ versoin }}' (did you mean 'version'?); known here: region, stage, version, release.id, step.traffic, step.index, correlation.id",
      ],
      ['error', 17, 15, 'gates.errors.interval: gate.interval must be a duration with a unit, such as 90s or 90m (a number alone has none); got the number 90'],
      ['error', 21, 27, "stages[0].steps[0].bak: unknown key 'bak' in stages[0].steps[0] (did you mean 'bake'? expected one of: traffic, bake)"],
      [
        'error',
        21,
        59,
        'stages[0].steps[1].bake: step.bake must be a duration with a unit, such as 600s or 600m (a number alone has none); got the number 600',
      ],
      ['error', 22, 21, "stages[0].gates[1]: unknown gate 'latency'; declared gates: errors"],
      ['error', 23, 5, "stages[1]: stage 'two' has no steps and the plan has no defaults.steps; add steps such as [{traffic: 100, bake: 10m}]"],
      ['error', 24, 15, "stages[1].regions[0]: region 'us-east-1' is already in stage 'one' (stages[0].regions[0]); each region belongs to exactly one stage"],
      [
        'error',
        24,
        26,
        "stages[1].regions[1]: region names must match ^[a-z][a-z0-9-]{0,62}$ (lower case, digits and '-'; they go into queries and environment names); got the string 'BAD'",
      ],
    ],
  },
  {
    name: "a stage naming a gate whose own shape is broken: only the gate's error",
    text: edit(CORR, ['gates: [errors]', 'gates: [errors, latency]'], ['stages:', '  latency:\n    provider: prom\n    query: up\n    max: lots\nstages:']),
    expected: [['error', 19, 10, "gates.latency.max: expected a number; got the string 'lots'"]],
  },
  {
    name: 'variables that are not a map: {{ vars.x }} cannot be told unknown, a built-in typo still is',
    text: edit(CORR, ['name: app\n', 'name: app\nvariables: 5\n'], ['"{{ region }}"', '"{{ vars.team }} {{ regoin }}"']),
    expected: [
      ['error', 2, 12, 'variables: expected a map (key: value lines); got the number 5'],
      [
        'error',
        7,
        30,
        "deploy.inputs.region: unknown template variable '{{ regoin }}' (did you mean 'region'?); known here: region, stage, version, release.id, step.traffic, step.index, correlation.id",
      ],
    ],
  },
  {
    name: 'a broken variable value still declares its name',
    text: edit(CORR, ['name: app\n', 'name: app\nvariables: { team: [a] }\n'], ['"{{ region }}"', '"{{ vars.team }}"']),
    expected: [['error', 2, 20, 'variables.team: expected a string or a number or true or false; got a list']],
  },
  {
    name: "a typo of an optional key: one error, and the bake it meant is unknown (no 'gates never measured')",
    text: edit(CORR, ['bake: 5m', 'bak: 5m']),
    expected: [['error', 19, 28, "stages[0].steps[0].bak: unknown key 'bak' in stages[0].steps[0] (did you mean 'bake'? expected one of: traffic, bake)"]],
  },
  {
    name: 'a broken correlationInput: its error, not the warning that there is none',
    text: edit(['  workflow: deploy.yml\n', '  workflow: deploy.yml\n  correlationInput: 5\n']),
    expected: [['error', 4, 21, 'deploy.correlationInput: expected a string; got the number 5']],
  },
  {
    name: "a stage's steps that are not a list: no 'has no steps'; the gate's unknown provider and the unused provider still reported",
    text: edit(CORR, ['steps: [{traffic: 100, bake: 5m}]', 'steps: 5'], ['provider: prom', 'provider: nope']),
    expected: [
      ['warning', 8, 3, "providers.prom: provider 'prom' is not used by any gate"],
      ['error', 13, 15, "gates.errors.provider: unknown provider 'nope'; declared providers: prom"],
      ['error', 19, 12, 'stages[0].steps: expected a list; got the number 5'],
    ],
  },
  {
    name: "a provider of an unknown type: no 'missing query' for its gate (what it needs is not known)",
    text: edit(CORR, ['type: prometheus', 'type: graphite'], ['    query: up{region="{{ region }}"}\n', '']),
    expected: [['error', 9, 11, "providers.prom.type: expected one of 'prometheus', 'datadog', 'http-json', 'synthetic'; got the string 'graphite'"]],
  },
  {
    name: "an empty query: no 'missing query' beside it; the duplicate region in the same plan is reported",
    text: edit(CORR, ['query: up{region="{{ region }}"}', 'query: ""'], ['[us-east-1]', '[us-east-1, us-east-1]']),
    expected: [
      ['error', 14, 12, "gates.errors.query: must not be empty; got the string ''"],
      ['error', 18, 26, "stages[0].regions[1]: region 'us-east-1' is already in stage 'one' (stages[0].regions[0]); each region belongs to exactly one stage"],
    ],
  },
  {
    name: "a broken max: no 'needs a threshold'; a misspelt gate reference beside it is reported",
    text: edit(CORR, ['max: 1', 'max: lots'], ['gates: [errors]', 'gates: [errors, erors]']),
    expected: [
      ['error', 15, 10, "gates.errors.max: expected a number; got the string 'lots'"],
      ['error', 20, 21, "stages[0].gates[1]: unknown gate 'erors' (did you mean 'errors'?); declared gates: errors"],
    ],
  },
  {
    name: "a bare-number interval: the duration hint, and no 'does not fit in the bake' about the same interval",
    text: edit(CORR, ['    max: 1\n', '    max: 1\n    interval: 90\n    count: 6\n']),
    expected: [
      ['error', 16, 15, 'gates.errors.interval: gate.interval must be a duration with a unit, such as 90s or 90m (a number alone has none); got the number 90'],
    ],
  },
  {
    name: "a broken gate reference: no 'gate errors is not used' guess",
    text: edit(CORR, ['gates: [errors]', 'gates: [1bad]']),
    expected: [
      [
        'error',
        20,
        13,
        "stages[0].gates[0]: gate reference must start with a letter and contain only letters, digits, '-' and '_' (at most 64 characters); got the string '1bad'",
      ],
    ],
  },
  {
    name: "a broken approval environment: no 'environment is not set' about its workflow, no 'users cannot be combined'",
    text: edit(CORR, ['    gates: [errors]\n', '    gates: [errors]\n    approval: { environment: "{{ x }}", workflow: approve.yml, users: [octocat] }\n']),
    expected: [
      [
        'error',
        21,
        30,
        "stages[0].approval.environment: approval.environment must be the name of a GitHub environment: 1 to 255 characters, no line break or tab, no leading or trailing space, no {{ }}; got the string '{{ x }}'",
      ],
    ],
  },
  {
    name: 'a stage with a broken name: a duplicate region names the stage by its place',
    text: edit(CORR, ['  - name: one', '  - name: 1st']) + '  - name: two\n    regions: [us-east-1]\n    steps: [{traffic: 100}]\n',
    expected: [
      [
        'error',
        17,
        11,
        "stages[0].name: stage.name must start with a letter and contain only letters, digits, '-' and '_' (at most 64 characters); got the string '1st'",
      ],
      ['error', 22, 15, "stages[1].regions[0]: region 'us-east-1' is already in stages[0] (stages[0].regions[0]); each region belongs to exactly one stage"],
    ],
  },
  {
    name: 'a typo of a required top-level key: one error, and no checks of the deploy it meant',
    text: edit(['deploy:\n', 'deplyo:\n']),
    expected: [
      [
        'error',
        2,
        1,
        "deplyo: unknown key 'deplyo' in the plan (did you mean 'deploy'? the plan requires it; expected one of: $schema, name, variables, deploy, rollback, environment, providers, gates, defaults, stages, approvals, freeze)",
      ],
    ],
  },
  {
    name: "a typo of a provider's type: one error at the typo; a template error elsewhere is reported too",
    text: edit(CORR, ['type: prometheus', 'typ: prometheus'], ['"{{ region }}"', '"{{ nope }}"']),
    expected: [
      [
        'error',
        6,
        14,
        "deploy.inputs.region: unknown template variable '{{ nope }}'; known here: region, stage, version, release.id, step.traffic, step.index, correlation.id",
      ],
      [
        'error',
        9,
        5,
        "providers.prom.typ: unknown key 'typ' in providers.prom (did you mean 'type'? providers.prom requires it: one of 'prometheus', 'datadog', 'http-json', 'synthetic')",
      ],
    ],
  },
];

describe('validation reports everything at once', () => {
  it.each(CASES)('$name', ({ text, expected }) => {
    const result = loadPlanText(text, 'plan.yml', { workflowsDir: false });
    expect(all(text)).toEqual(expected);
    expect(result.plan).toBeUndefined();
  });
});

const root = mkdtempSync(join(tmpdir(), 'pr-validate-all-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function dirWith(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('the workflow-file checks run on the valid parts too', () => {
  const undeclared = dirWith('undeclared', { 'deploy.yml': 'on:\n  workflow_dispatch:\n    inputs:\n      correlation_id: {}\njobs: {}\n' });
  const requires = dirWith('requires', {
    'deploy.yml': 'on:\n  workflow_dispatch:\n    inputs:\n      region: { required: true }\n      correlation_id: {}\njobs: {}\n',
  });

  it('a broken deploy timeout does not hide an input the workflow does not declare', () => {
    const text = edit(CORR, ['  workflow: deploy.yml\n', '  workflow: deploy.yml\n  timeout: 30\n']);
    expect(all(text, undeclared)).toEqual([
      ['error', 4, 12, 'deploy.timeout: deploy.timeout must be a duration with a unit, such as 30s or 30m (a number alone has none); got the number 30'],
      [
        'error',
        7,
        5,
        "deploy.inputs.region: input 'region' is not declared in deploy.yml under on.workflow_dispatch.inputs (GitHub answers 422 'Unexpected inputs'); declared: correlation_id",
      ],
    ]);
  });

  it('broken deploy inputs: their error only, not that the workflow requires an input the plan does not send', () => {
    const text = edit(CORR, ['  inputs:\n    region: "{{ region }}"\n', '  inputs: 5\n']);
    expect(all(text, requires)).toEqual([['error', 5, 11, 'deploy.inputs: expected a map (key: value lines); got the number 5']]);
  });
});

const EXAMPLE = readFileSync('workflows-examples/release-plan.yml', 'utf8');

/** Every path to a map key in a JSON value (list items are walked, not deleted: indices would shift the cases). */
function keyPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, [...prefix, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...keyPaths(v, [...prefix, k])]);
}

describe('validation of the example plan with keys deleted at random (400 runs)', () => {
  it('never throws, positions every diagnostic inside the file, never says one thing twice, and returns a plan exactly when there is no error', () => {
    const paths = keyPaths(parseDocument(EXAMPLE).toJS());
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: paths.length - 1 }), { minLength: 1, maxLength: 4 }), (picks) => {
        // Deleting from the YAML document keeps the comments and layout of the rest.
        const doc = parseDocument(EXAMPLE);
        for (const i of picks) {
          const path = paths[i] ?? [];
          // A path under a key deleted before is gone already.
          if (doc.hasIn(path)) doc.deleteIn(path);
        }
        const text = doc.toString();
        const result = loadPlanText(text, 'plan.yml', { workflowsDir: false });
        const lines = text.split('\n').length;
        for (const d of result.diagnostics) {
          expect(d.line >= 1 && d.line <= lines && d.col >= 1).toBe(true);
        }
        const said = result.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`);
        expect(new Set(said).size).toBe(said.length);
        expect(result.plan !== undefined).toBe(!result.diagnostics.some((d) => d.severity === 'error'));
      }),
      { numRuns: 400 },
    );
  });
});
