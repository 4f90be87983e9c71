/**
 * A duration written as a bare number (`interval: 90`) is told it needs a unit, with the number
 * itself in the suggestion, in every duration field of the plan (the list is held to the JSON
 * Schema, so a new duration field without a case fails here).
 */
import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../src/plan/load.js';
import { DURATION_PATTERN } from '../src/plan/duration.js';
import { planJsonSchema } from '../src/plan/schema.js';
import { edit } from './fixtures/base-plan.js';

const PROVIDER = { from: '    type: prometheus\n    url: https://prom.example.com\n', type: (t: string) => `    type: ${t}\n` };
const CASES: { field: string; what: string; text: string; forms?: string }[] = [
  { field: 'deploy.timeout', what: 'deploy.timeout', text: edit(['  workflow: deploy.yml\n', '  workflow: deploy.yml\n  timeout: 90\n']) },
  { field: 'rollback.timeout', what: 'rollback.timeout', text: edit(['providers:\n', 'rollback:\n  workflow: rollback.yml\n  timeout: 90\nproviders:\n']) },
  ...['prometheus', 'datadog', 'http-json', 'synthetic'].map((t) => ({
    field: 'providers.prom.timeout',
    what: 'provider timeout',
    text: edit([PROVIDER.from, `${PROVIDER.type(t)}${t === 'datadog' ? '    apiKeyEnv: DD_API\n    appKeyEnv: DD_APP\n' : ''}    timeout: 90\n`]),
  })),
  ...['interval', 'window', 'initialDelay'].map((f) => ({
    field: `gates.errors.${f}`,
    what: `gate.${f}`,
    text: edit(['    max: 1\n', `    max: 1\n    ${f}: 90\n`]),
  })),
  { field: 'defaults.steps[0].bake', what: 'step.bake', text: edit(['stages:\n', 'defaults:\n  steps: [{traffic: 100, bake: 90}]\nstages:\n']) },
  { field: 'stages[0].steps[0].bake', what: 'step.bake', text: edit(['bake: 5m', 'bake: 90']) },
  {
    field: 'stages[0].approval.timeout',
    what: 'approval.timeout',
    text: edit(['    gates: [errors]\n', '    gates: [errors]\n    approval: { timeout: 90 }\n']),
  },
  { field: 'approvals.timeout', what: 'approvals.timeout', text: `${edit()}approvals:\n  timeout: 90\n` },
  ...['short', 'long'].map((f) => ({
    field: `gates.errors.slo.burnRate.${f}`,
    what: `slo.burnRate.${f}`,
    text: edit([
      '    query: up{region="{{ region }}"}\n    max: 1\n',
      `    slo:\n      good: good[{{ window }}]\n      total: total[{{ window }}]\n      objective: 99.9%\n      burnRate: { ${f}: 90 }\n`,
    ]),
  })),
  { field: 'freeze.period', what: 'freeze.period', text: `${edit()}freeze: { slo: errors, period: 90, floor: 10% }\n` },
  {
    field: 'gates.errors.compare.promoteEarly',
    what: 'compare.promoteEarly',
    forms: 'true, false or a duration',
    text: edit(['    max: 1\n', '    compare: { baseline: us-east-1, max: baseline * 1.2, promoteEarly: 90 }\n']),
  },
];

function durationFields(schema: unknown, out: string[] = [], at = ''): string[] {
  if (schema && typeof schema === 'object')
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'pattern' && v === DURATION_PATTERN) out.push(at);
      else durationFields(v, out, `${at}/${k}`);
    }
  return out;
}

describe('a bare number as a duration', () => {
  it('every duration field of the JSON Schema has a case', () => {
    expect(CASES).toHaveLength(durationFields(planJsonSchema()).length);
  });

  it.each(CASES)('$field: names the unit it lacks', ({ field, what, text, forms }) => {
    // A provider stripped to its type may lack what its gate needs (a url, a path): those are other errors.
    const errors = loadPlanText(text, 'plan.yml', { workflowsDir: false }).diagnostics.filter((d) => d.severity === 'error' && d.message.startsWith(field));
    expect(errors.map((d) => d.message)).toEqual([
      `${field}: ${what} must be ${forms ?? 'a duration'} with a unit, such as 90s or 90m (a number alone has none); got the number 90`,
    ]);
  });

  it('a number that could not take a unit gets the plain examples; text and other types keep their messages', () => {
    const messages = (bake: string) =>
      loadPlanText(edit(['bake: 5m', `bake: ${bake}`]), 'plan.yml', { workflowsDir: false })
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.message);
    expect(messages('1.5')).toEqual([
      'stages[0].steps[0].bake: step.bake must be a duration with a unit, such as 90s or 10m (a number alone has none); got the number 1.5',
    ]);
    expect(messages('true')).toEqual(['stages[0].steps[0].bake: step.bake must be a duration such as 30s, 10m, 2h or 1h30m; got true']);
    expect(messages('soon')).toEqual(["stages[0].steps[0].bake: step.bake must be a duration such as 30s, 10m, 2h or 1h30m; got the string 'soon'"]);
  });
});
