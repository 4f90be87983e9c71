/**
 * End to end through the bundle, run the way the runner runs it: `node index.js` (built by
 * scripts/build.mjs, what `npm run build` runs, into a temp dir, never dist/) with INPUT_*,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_API_URL pointing at the GitHub fake.
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

async function runBundle(plan: string) {
  const dir = mkdtempSync(join(tmpdir(), 'pr-e2e-'));
  const outFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outFile, '');
  writeFileSync(summaryFile, '');
  // Asynchronous: the fake answers from this process's event loop.
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake),
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
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { status, stdout, stderr, outputs: outputs(outFile), summary: readFileSync(summaryFile, 'utf8') };
}

describe('node index.js (the action bundle) in mode run against the GitHub fake', () => {
  beforeAll(() => {
    bundle = buildBundle('pr-dist-');
  }, 120_000);
  afterEach(async () => fake?.stop());

  it('healthy release: outputs, job summary, one dispatch per region and step', async () => {
    fake = makeFake();
    await fake.start();
    // fake.start() must run before the plan is used: the env carries its URL.
    const r = await runBundle(writePlan(['eu-west', 'us-east']));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.decision).toBe('promoted');
    expect(r.outputs['release-id']).toBe('shop-5.0.0');
    expect(JSON.parse(r.outputs.result ?? '{}')).toMatchObject({ schemaVersion: 1, mode: 'run', decision: 'promoted' });
    expect(r.summary).toContain('| us-east |');
    for (const n of dispatchCounts(fake).values()) expect(n).toBe(1);
    expect(fake.deployments).toHaveLength(2); // one per region, two steps each
    expect(fake.checkRuns[0]?.conclusion).toBe('success');
    expect(fake.errors).toEqual([]);
  });

  it('rollback: the step fails, outputs say rolled-back, rollback runs dispatched', async () => {
    fake = makeFake(['us-east']);
    await fake.start();
    const r = await runBundle(writePlan(['eu-west', 'us-east']));
    expect(r.status).toBe(1);
    expect(r.outputs.decision).toBe('rolled-back');
    expect(r.outputs['reason-code']).not.toBe('');
    expect(fake.runs.filter((x) => x.workflow === 'rollback.yml').length).toBeGreaterThan(0);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
    expect(fake.errors).toEqual([]);
  });
});
