/**
 * `npm run local-action` (scripts/local-action.mjs): the action bundle, built into a temp folder,
 * run from a dotenv file as the runner runs it; what it prints is what the action left behind
 * (outputs, annotations, job summary), and its exit status is the action's. And .env.example,
 * which people copy to .env, works as it is and holds no secret.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const script = join(repo, 'scripts', 'local-action.mjs');
let dist = '';
let work = '';

beforeAll(() => {
  dist = dirname(buildBundle('pr-local-action-dist-'));
  work = mkdtempSync(join(tmpdir(), 'pr-local-action-test-'));
}, 120_000);
afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

function localAction(envFile: string, cwd = repo, extraEnv: Record<string, string> = {}) {
  const r = spawnSync(testNode(), [script, envFile], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PROGRESSIVE_RELEASE_DIST: dist, ...extraEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run local-action', () => {
  it('.env.example as it is: validates the example plan, printing outputs and summary; exit 0', () => {
    const r = localAction('.env.example');
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain('--- outputs\ndecision: valid\nreason-code: plan-valid\nrelease-id: checkout-1.4.2\n');
    expect(r.out).toContain('--- annotations (0)\n');
    expect(r.out).toContain('--- job summary\n### Release plan `workflows-examples/release-plan.yml`: :white_check_mark: valid');
    expect(r.out).toMatch(/--- exit status 0\n$/);
  });

  it('an invalid plan: its annotations decoded with their place, the action failing, and so the script', () => {
    const plan = join(work, 'bad.yml');
    writeFileSync(plan, readFileSync(join(repo, 'workflows-examples', 'minimal-release-plan.yml'), 'utf8').replace('max: 0.5', 'max: lots'));
    writeFileSync(join(work, 'bad.env'), `INPUT_MODE=validate\nINPUT_PLAN=bad.yml\nINPUT_NO_SUCH="quoted, # not a comment"\n`);
    const r = localAction('bad.env', work);
    expect(r.status).toBe(1);
    // A plan with a shape error is still checked against its workflows (validation reports everything at once), so the skipped check is said too.
    expect(r.out).toContain(
      "--- annotations (3)\nerror bad.yml:18:10: gates.errors.max: expected a number; got the string 'lots'\nwarning: the workflow-input check was skipped",
    );
    expect(r.out).toContain('\nerror: release plan bad.yml has 1 error\n');
    expect(r.out).toContain('decision: invalid\n');
    expect(r.out).toContain(':x: invalid (1 error)');
    expect(r.out).toMatch(/--- exit status 1\n$/);
  });

  it("only the file's variables reach the action, not the shell's", () => {
    writeFileSync(join(work, 'plain.env'), 'INPUT_PLAN=workflows-examples/minimal-release-plan.yml\nINPUT_NO-WORKFLOWS=1\n');
    // The shell says mode validate; the file says no mode, so the action runs its default (run), which wants a version.
    const r = localAction(join(work, 'plain.env'), repo, { INPUT_MODE: 'validate' });
    expect(r.status).toBe(1);
    expect(r.out).toContain('decision: error\nreason-code: bad-input\n');
    expect(r.out).toContain("error: Input 'version' is required in mode 'run'.");
  });

  it('a missing file: says to copy .env.example; exit 2', () => {
    const r = localAction(join(work, 'nope.env'));
    expect(r.status).toBe(2);
    expect(r.err).toContain('copy .env.example to .env');
  });
});

describe('.env.example', () => {
  const text = readFileSync(join(repo, '.env.example'), 'utf8');
  const vars = Object.fromEntries(
    text
      .split('\n')
      .filter((l) => /^[A-Za-z_]/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

  it('leaves every variable that takes a secret empty, and names each in its header', () => {
    const secret = Object.keys(vars).filter((k) => /TOKEN|KEY|PASSWORD|SECRET/.test(k));
    expect(secret.length).toBeGreaterThanOrEqual(6);
    for (const k of secret) {
      expect(vars[k], k).toBe('');
      expect(text.slice(0, text.indexOf('\nINPUT_MODE')), k).toContain(k);
    }
  });

  it('.env, where the real values go, is git-ignored', () => {
    expect(readFileSync(join(repo, '.gitignore'), 'utf8').split('\n')).toContain('.env');
  });
});
