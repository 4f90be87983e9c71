/**
 * A plan validated where its workflow files are not in `.github/workflows` (a plan checked outside
 * its repository, the example plans of this one): the workflow-input check is skipped, and both
 * the CLI and the action's validate mode say so and how to point it at them; valid stays valid.
 * Run as shipped: the bundles built into a temp folder (test/support/bundle.ts), spawned with a
 * temp cwd that has no `.github/workflows` above it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, readOutputs } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const examples = join(repo, 'workflows-examples');
let actionEntry = '';
let cliEntry = '';
let work = '';

beforeAll(() => {
  actionEntry = buildBundle('pr-skip-dist-');
  cliEntry = join(dirname(actionEntry), 'cli', 'index.js');
  work = mkdtempSync(join(tmpdir(), 'pr-skip-'));
  // A folder of its own (git init'd, so the search for .github/workflows stops here, as in a repository).
  mkdirSync(join(work, '.git'));
  cpSync(join(examples, 'release-plan.yml'), join(work, 'release-plan.yml'));
  mkdirSync(join(work, 'wf'));
  for (const f of ['deploy.yml', 'rollback.yml', 'approve.yml']) cpSync(join(examples, f), join(work, 'wf', f));
}, 120_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(dirname(actionEntry), { recursive: true, force: true });
});

function cli(...args: string[]) {
  const r = spawnSync(testNode(), [cliEntry, 'validate', ...args], { cwd: work, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Workflows {
  checked: boolean;
  reason?: string;
  dir?: string;
  note?: string;
}

describe('validate CLI without .github/workflows', () => {
  it('says the check was skipped and how to point it at the workflows; exit 0', () => {
    const r = cli('release-plan.yml');
    expect(r.code).toBe(0);
    expect(r.out).toContain('note: the workflow-input check was skipped: no .github/workflows folder above release-plan.yml');
    expect(r.out).toContain('point it at them with --workflows DIR');
    expect(r.out).toMatch(/release-plan\.yml: valid \(4 stages, 10 regions, 3 gates\)\n$/);
  });

  it('--json has the fact as a field', () => {
    const r = cli('release-plan.yml', '--json');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as { valid: boolean; workflows: Workflows };
    expect(body.valid).toBe(true);
    expect(body.workflows).toMatchObject({ checked: false, reason: 'not-found' });
    expect(body.workflows.note).toContain('--workflows DIR');
  });

  it('--workflows DIR: checked there, no note', () => {
    const r = cli('release-plan.yml', '--workflows', 'wf');
    expect(r).toEqual({ code: 0, out: 'release-plan.yml: valid (4 stages, 10 regions, 3 gates)\n', err: '' });
    const body = JSON.parse(cli('release-plan.yml', '--workflows', 'wf', '--json').out) as { workflows: Workflows };
    expect(body.workflows).toEqual({ checked: true, dir: 'wf' });
  });

  it('--no-workflows: skipped on purpose, no note, the reason in --json', () => {
    expect(cli('release-plan.yml', '--no-workflows').out).not.toContain('note:');
    const body = JSON.parse(cli('release-plan.yml', '--no-workflows', '--json').out) as { workflows: Workflows };
    expect(body.workflows).toEqual({ checked: false, reason: 'turned-off' });
  });

  it('an invalid plan still exits 1 (the note changes no exit status)', () => {
    // A semantic error (an unknown gate): the loader gets as far as the workflow check.
    writeFileSync(
      join(work, 'bad.yml'),
      readFileSync(join(work, 'release-plan.yml'), 'utf8').replace('gates: [error-rate, latency-p99]', 'gates: [error-rate, nope]'),
    );
    const r = cli('bad.yml');
    expect(r.code).toBe(1);
    expect(r.out).toContain('note: the workflow-input check was skipped');
  });
});

describe("the action's validate mode without .github/workflows", () => {
  function runAction(inputs: Record<string, string>) {
    const output = join(work, `out-${Math.random().toString(36).slice(2)}`);
    const summary = `${output}-summary`;
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: work };
    for (const [k, v] of Object.entries({ token: 'ghs_example', mode: 'validate', ...inputs })) env[`INPUT_${k.toUpperCase()}`] = v;
    const r = spawnSync(testNode(), [actionEntry], { cwd: work, env, encoding: 'utf8', timeout: 30_000 });
    return { status: r.status, stdout: r.stdout, outputs: readOutputs(output), summary: readFileSync(summary, 'utf8') };
  }

  it('warns in the log, notes it in the job summary and the result; decision valid', () => {
    const r = runAction({ plan: 'release-plan.yml' });
    expect(r.status).toBe(0);
    const warning = r.stdout.split('\n').find((l) => l.startsWith('::warning::'));
    expect(warning).toContain('the workflow-input check was skipped: no .github/workflows folder above release-plan.yml');
    expect(warning).toContain("the action's input workflows-dir");
    expect(r.outputs.decision).toBe('valid');
    expect(r.summary).toContain('> [!NOTE]\n> the workflow-input check was skipped');
    expect((JSON.parse(r.outputs.result ?? '') as { workflows: Workflows }).workflows).toEqual({ checked: false, reason: 'not-found' });
  });

  it('with workflows-dir: checked there, no warning', () => {
    const r = runAction({ plan: 'release-plan.yml', 'workflows-dir': 'wf' });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('::warning');
    expect(r.summary).not.toContain('[!NOTE]');
    expect((JSON.parse(r.outputs.result ?? '') as { workflows: Workflows }).workflows).toEqual({ checked: true, dir: 'wf' });
  });
});
