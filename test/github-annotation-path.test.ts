/**
 * Run-mode check-run annotations name the plan relative to the checkout (GITHUB_WORKSPACE), as
 * validate mode's `::error file=` commands do: an absolute `plan` input made the annotation path
 * `/tmp/.../plan.yml` (GitHub's `blob_href` `.../blob/<sha>//tmp/...`). Through the action bundle.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';
import { buildBundle } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let fake: GitHubFake;

beforeAll(() => {
  bundle = buildBundle('pr-dist-');
}, 120_000);
afterEach(async () => fake?.stop());

describe('run-mode annotations (node index.js against the GitHub fake)', () => {
  it('an absolute plan path inside the workspace is annotated relative to it', async () => {
    fake = makeFake(['us-east']);
    await fake.start();
    const workspace = dirname(writePlan(['eu-west', 'us-east']));
    mkdirSync(join(workspace, '.github'));
    renameSync(join(workspace, 'release-plan.yml'), join(workspace, '.github', 'release-plan.yml'));
    const r = await execFileAsync(
      bundle,
      {
        ...runnerEnv(fake),
        GITHUB_WORKSPACE: workspace,
        INPUT_MODE: 'run',
        INPUT_PLAN: join(workspace, '.github', 'release-plan.yml'),
        INPUT_VERSION: '5.0.0',
        INPUT_TOKEN: 'test-token',
      },
      workspace,
    );
    expect(r.stdout).toContain('rolled-back');
    const annotations = fake.checkRuns[0]?.annotations ?? [];
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) expect(a.path).toBe('.github/release-plan.yml');
    expect(fake.errors).toEqual([]);
  }, 60_000);
});

/** The fake answers from this process's event loop, so the child must not block it (no spawnSync). */
function execFileAsync(file: string, env: Record<string, string>, cwd: string): Promise<{ stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(testNode(), [file], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', () => resolve({ stdout }));
  });
}
