/**
 * A plan validated where its workflow files are neither beside it nor in `.github/workflows` (a
 * plan checked outside its repository): the workflow-input check is skipped, and both the CLI and
 * the action's validate mode say so and how to point it at them; valid stays valid. A plan kept
 * beside the workflows it names (this repository's workflows-examples/) is checked there, even
 * with a `.github/workflows` above that lacks them, and the folder used is said.
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

/** The plan with `from` replaced: throws when `from` is not there (an example edited under the test must not leave it testing a valid plan). */
function broken(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the example plan no longer has ${from}`);
  return text.replace(from, to);
}

describe('validate CLI without .github/workflows', () => {
  it('says the check was skipped and how to point it at the workflows; exit 0', () => {
    const r = cli('release-plan.yml');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'note: the workflow-input check was skipped: no workflow the plan names beside release-plan.yml and no .github/workflows folder above it',
    );
    expect(r.out).toContain('point it at them with --workflows DIR');
    expect(r.out).toMatch(/release-plan\.yml: valid \(4 stages, 10 regions, 5 gates\)\n$/);
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
    expect(r).toEqual({ code: 0, out: 'release-plan.yml: valid (4 stages, 10 regions, 5 gates)\n', err: '' });
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
      broken(readFileSync(join(work, 'release-plan.yml'), 'utf8'), 'gates: [error-rate, latency-p99, availability]', 'gates: [error-rate, nope, availability]'),
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
    expect(warning).toContain(
      'the workflow-input check was skipped: no workflow the plan names beside release-plan.yml and no .github/workflows folder above it',
    );
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

describe('a plan beside the workflows it names, under a .github/workflows that lacks them', () => {
  let repoDir = '';
  beforeAll(() => {
    // As this repository is: .github/workflows holds its own CI, the example plan sits with its workflows.
    repoDir = join(work, 'repo');
    mkdirSync(join(repoDir, '.git'), { recursive: true });
    mkdirSync(join(repoDir, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(repoDir, '.github', 'workflows', 'ci.yml'), 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n');
    cpSync(examples, join(repoDir, 'examples'), { recursive: true });
  });

  function cliIn(cwd: string, ...args: string[]) {
    const r = spawnSync(testNode(), [cliEntry, 'validate', ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it('checks the workflows beside the plan and says which folder it used', () => {
    const r = cliIn(repoDir, 'examples/release-plan.yml');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "note: the workflow inputs were checked against the workflow files in examples (the plan's own folder, which holds a workflow it names)\n" +
        'examples/release-plan.yml: valid (4 stages, 10 regions, 5 gates)\n',
    );
    const body = JSON.parse(cliIn(repoDir, 'examples/release-plan.yml', '--json').out) as { workflows: Workflows };
    expect(body.workflows).toEqual({ checked: true, dir: join(repoDir, 'examples'), found: 'beside-plan' });
  });

  it('really checks them there: an input the plan sends that deploy.yml beside it does not declare is an error', () => {
    writeFileSync(
      join(repoDir, 'examples', 'narrow.yml'),
      readFileSync(join(repoDir, 'examples', 'release-plan.yml'), 'utf8').replace(
        '    service: "{{ vars.service }}"\n',
        '    service: "{{ vars.service }}"\n    colour: blue\n',
      ),
    );
    const r = cliIn(repoDir, 'examples/narrow.yml');
    expect(r.code).toBe(1);
    expect(r.out).toContain("input 'colour' is not declared in deploy.yml");
  });

  it('a deploy.yml beside the plan that is not a workflow does not take the check over: the .github/workflows above is used, and said', () => {
    const other = join(repoDir, 'service');
    mkdirSync(other);
    cpSync(join(examples, 'release-plan.yml'), join(other, 'release-plan.yml'));
    writeFileSync(join(other, 'deploy.yml'), 'services:\n  web:\n    image: nginx\n');
    const r = cliIn(repoDir, 'service/release-plan.yml');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`workflow 'deploy.yml' not found in ${join(repoDir, '.github', 'workflows')}`);
    expect(r.out).toContain(
      'note: the workflow inputs were checked against the workflow files in .github/workflows (the nearest .github/workflows above the plan)\n',
    );
  });

  it("the action's validate mode logs the folder it used", () => {
    const output = join(work, 'beside-out');
    writeFileSync(output, '');
    const env = {
      PATH: process.env.PATH ?? '',
      GITHUB_OUTPUT: output,
      GITHUB_WORKSPACE: repoDir,
      INPUT_TOKEN: 'ghs_example',
      INPUT_MODE: 'validate',
      INPUT_PLAN: 'examples/release-plan.yml',
    };
    const r = spawnSync(testNode(), [actionEntry], { cwd: repoDir, env, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('::warning');
    expect(r.stdout).toContain("the workflow inputs were checked against the workflow files in examples (the plan's own folder");
    expect((JSON.parse(readOutputs(output).result ?? '') as { workflows: Workflows }).workflows).toMatchObject({ checked: true, found: 'beside-plan' });
  });
});
