/**
 * The CLI bundle, built from this tree into a temp folder (never dist/) and spawned as a user runs
 * it: one `validate` of a plan with mistakes of six kinds lists every one, in file order, and
 * exits 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

const work = mkdtempSync(join(tmpdir(), 'pr-validate-cli-'));
let cli = '';
beforeAll(() => {
  cli = join(dirname(buildBundle('pr-validate-cli-dist-')), 'cli', 'index.js');
}, 120_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (cli) rmSync(dirname(dirname(cli)), { recursive: true, force: true });
});

const PLAN = `name: app
deploy:
  workflow: deploy.yml
  correlationInput: correlation_id
  inputs:
    region: "{{ region }}"
    version: "{{ versoin }}"
providers:
  prom:
    type: prometheus
    url: https://prom.example.com
gates:
  errors:
    provider: prom
    query: up{region="{{ region }}"}
    max: 1
    interval: 90
stages:
  - name: one
    regions: [us-east-1]
    steps: [{traffic: 10, bak: 10m}, {traffic: 100, bake: 10m}]
    gates: [errors, latency]
  - name: two
    regions: [us-east-1, BAD]
    steps: [{traffic: 100, bake: 10m}]
`;

describe('validate lists every problem in one run (spawned CLI bundle)', () => {
  it('a template typo, a bare-number duration, a key typo, an unknown gate, a duplicate region and a bad region name', () => {
    const file = join(work, 'plan.yml');
    writeFileSync(file, PLAN);
    const run = spawnSync(testNode(), [cli, 'validate', file, '--no-workflows'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n').map((l) => l.replace(`${file}:`, 'plan.yml:'))).toEqual([
      "plan.yml:7:15: deploy.inputs.version: unknown template variable '{{ versoin }}' (did you mean 'version'?); known here: region, stage, version, release.id, step.traffic, step.index, correlation.id",
      'plan.yml:17:15: gates.errors.interval: gate.interval must be a duration with a unit, such as 90s or 90m (a number alone has none); got the number 90',
      "plan.yml:21:27: stages[0].steps[0].bak: unknown key 'bak' in stages[0].steps[0] (did you mean 'bake'? expected one of: traffic, bake)",
      "plan.yml:22:21: stages[0].gates[1]: unknown gate 'latency'; declared gates: errors",
      "plan.yml:24:15: stages[1].regions[0]: region 'us-east-1' is already in stage 'one' (stages[0].regions[0]); each region belongs to exactly one stage",
      "plan.yml:24:26: stages[1].regions[1]: region names must match ^[a-z][a-z0-9-]{0,62}$ (lower case, digits and '-'; they go into queries and environment names); got the string 'BAD'",
      'plan.yml: 6 errors',
      '',
    ]);
  });
});
