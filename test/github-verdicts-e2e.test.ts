/**
 * Gate verdicts end to end through the bundle (`node index.js`, mode run, virtual time) against
 * the GitHub fake and an http-json metrics server (issue 10 items 5 and 6):
 * - Argo RS10: one gate without data (inconclusive) and one above its max in the same round roll
 *   back, in either plan order, and the outputs name both gates with the failed value.
 * - Argo ND2: a canary whose metrics stop is rolled back (`gate-no-data`), not paused for 24 h.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv } from './github-e2e-helpers.js';
import { buildBundle, readOutputs as outputs } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let fake: GitHubFake | undefined;
let metrics: Server | undefined;

/** Serves `answer(region)` as JSON on every path. */
async function serveMetrics(answer: (region: string) => Record<string, number>): Promise<string> {
  metrics = createServer((req, res) => {
    const region = new URL(req.url ?? '/', 'http://x').searchParams.get('region') ?? '';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer(region)));
  });
  const server = metrics;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** One canary region, one step baking 5m, the gates in `order` (errors: max 0.05, latency: max 0.3), measured every minute. */
function writePlan(url: string, order: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pr-plan-')), 'release-plan.yml');
  writeFileSync(
    file,
    [
      'name: shop',
      'deploy:',
      '  workflow: deploy.yml',
      '  inputs:',
      '    region: "{{ region }}"',
      '    version: "{{ version }}"',
      '    traffic: "{{ step.traffic }}"',
      '  correlationInput: correlation_id',
      'rollback:',
      '  workflow: rollback.yml',
      '  inputs:',
      '    region: "{{ region }}"',
      '  correlationInput: correlation_id',
      'providers:',
      `  svc: { type: http-json, url: "${url}" }`,
      'gates:',
      '  errors:',
      '    provider: svc',
      '    url: "/errors?region={{ region }}"',
      '    path: "$.errors"',
      '    max: 0.05',
      '    interval: 1m',
      '  latency:',
      '    provider: svc',
      '    url: "/latency?region={{ region }}"',
      '    path: "$.latency"',
      '    max: 0.3',
      '    interval: 1m',
      'defaults:',
      '  steps: [{ traffic: 10, bake: 5m }]',
      `  gates: [${order.join(', ')}]`,
      'stages:',
      '  - name: canary',
      '    regions: [eu-west]',
      '',
    ].join('\n'),
  );
  return file;
}

async function runBundle(plan: string, gh: GitHubFake) {
  const dir = mkdtempSync(join(tmpdir(), 'pr-e2e-'));
  const outFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outFile, '');
  writeFileSync(summaryFile, '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(gh),
      INPUT_MODE: 'run',
      INPUT_PLAN: plan,
      INPUT_VERSION: '5.0.0',
      INPUT_TOKEN: 'test-token',
      GITHUB_OUTPUT: outFile,
      GITHUB_STEP_SUMMARY: summaryFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { status, stdout, outputs: outputs(outFile), summary: readFileSync(summaryFile, 'utf8') };
}

describe('gate verdicts through node index.js', () => {
  beforeAll(() => {
    bundle = buildBundle('pr-dist-');
  }, 120_000);
  afterEach(async () => {
    await fake?.stop();
    metrics?.close();
  });

  it.each([[['errors', 'latency']], [['latency', 'errors']]])(
    'RS10: no data on one gate and a failure on the other in one round roll back (gates %j)',
    async (order) => {
      // errors has no value (JSONPath matches nothing): inconclusive; latency 0.9 is above max 0.3.
      const url = await serveMetrics(() => ({ latency: 0.9 }));
      fake = makeFake();
      await fake.start();
      const r = await runBundle(writePlan(url, order), fake);
      expect(r.outputs.decision, r.stdout).toBe('rolled-back');
      expect(r.outputs['reason-code']).toBe('gate-failed');
      const reason = String((JSON.parse(r.outputs.result ?? '{}') as { reason?: string }).reason);
      expect(reason).toContain('gate latency: ');
      expect(reason).toContain('value 0.9 is above max 0.3');
      expect(reason).toContain('gate errors inconclusive');
      // Both answers of the round are in the log and the job summary.
      expect(r.stdout).toMatch(/eu-west: measurement: failed: value 0\.9 is above max 0\.3/);
      expect(r.stdout).toMatch(/eu-west: measurement: inconclusive: no data/);
      expect(r.summary).toContain('latency');
      expect(r.summary).toContain('errors');
      expect(fake.runs.filter((x) => x.workflow === 'rollback.yml')).toHaveLength(1);
      expect(fake.errors).toEqual([]);
    },
    60_000,
  );

  it('ND2: a canary whose metrics stop is held, still measured, then rolled back (gate-no-data)', async () => {
    // The canary crashed: no series for either gate, every time.
    const url = await serveMetrics(() => ({}));
    fake = makeFake();
    await fake.start();
    const r = await runBundle(writePlan(url, ['errors']), fake);
    expect(r.outputs.decision, r.stdout).toBe('rolled-back');
    expect(r.outputs['reason-code']).toBe('gate-no-data');
    expect(JSON.parse(r.outputs.result ?? '{}')).toMatchObject({ decision: 'rolled-back', reasonCode: 'gate-no-data' });
    expect(r.stdout).toMatch(/region-awaiting-approval/);
    expect(r.stdout).toMatch(/5 answers in a row without data .* exceed consecutiveErrorLimit 4/);
    expect(fake.runs.filter((x) => x.workflow === 'rollback.yml')).toHaveLength(1);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
    expect(fake.errors).toEqual([]);
  }, 60_000);
});
