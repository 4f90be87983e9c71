/**
 * The release id comes from the plan's name: a plan renamed between two invocations (reconcile
 * reads the newest commit's plan) made a new release id, found no ledger, and started a second
 * release of the same version, deploying every region again. A new release whose version another
 * release on the commit is still rolling out, with the same deploy workflow and regions, is
 * refused (`release-in-flight`). Through the action bundle against the GitHub fake.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubFake } from './github-fake/server.js';
import { dispatchCounts, makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';
import { buildBundle, readOutputs as outputs } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let fake: GitHubFake;

beforeAll(() => {
  bundle = buildBundle('pr-dist-');
}, 120_000);
afterEach(async () => fake?.stop());

function action(plan: string, mode: string, runId: string): Promise<{ stdout: string; outputs: Record<string, string> }> {
  const outFile = join(mkdtempSync(join(tmpdir(), 'pr-out-')), 'output');
  writeFileSync(outFile, '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake, { GITHUB_RUN_ID: runId }),
      INPUT_MODE: mode,
      INPUT_PLAN: plan,
      INPUT_VERSION: '5.0.0',
      INPUT_TOKEN: 'test-token',
      GITHUB_OUTPUT: outFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => child.on('exit', () => resolve({ stdout, outputs: outputs(outFile) })));
}

describe('a plan renamed mid-release (node index.js against the GitHub fake)', () => {
  it('is refused as release-in-flight: nothing is dispatched again, and the first release goes on under its own id', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    const first = await action(plan, 'reconcile', '101');
    expect(first.outputs.decision, first.stdout).toBe('continue');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('name: shop', 'name: shop-web'));
    const before = fake.runs.length;
    const renamed = await action(plan, 'reconcile', '102');
    expect(renamed.outputs['reason-code'], renamed.stdout).toBe('release-in-flight');
    expect(renamed.stdout).toContain('is still rolling out version 5.0.0 on this commit with the same deploy workflow, to eu-west');
    expect(fake.runs.length).toBe(before);
    expect(fake.checkRuns).toHaveLength(1);
    for (const [key, n] of dispatchCounts(fake)) expect(n, key).toBe(1);
    expect(fake.errors).toEqual([]);
  }, 60_000);

  it('another plan of the repository (its own deploy workflow inputs) releasing the same version to the same region names is not refused', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    expect((await action(plan, 'reconcile', '201')).outputs.decision).toBe('continue');
    const other = writePlan(['eu-west', 'us-east']);
    writeFileSync(
      other,
      readFileSync(other, 'utf8').replace('name: shop', 'name: billing').replace('    version: "{{ version }}"', '    version: "billing-{{ version }}"'),
    );
    const r = await action(other, 'run', '202');
    expect(r.outputs.decision, r.stdout).toBe('promoted');
    expect(fake.errors).toEqual([]);
  }, 60_000);
});
