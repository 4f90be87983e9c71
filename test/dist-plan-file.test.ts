/**
 * The plan path comes from a workflow input or a pull request's tree. A symlink to /dev/zero
 * made the action allocate until it died, and a FIFO made it hang: only a regular file of at most
 * MAX_PLAN_BYTES is read, and anything else is one error at file:1:1. Through the bundle
 * (`node dist/index.js`, PROGRESSIVE_RELEASE_DIST points it at another build).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PLAN_BYTES, readBoundedFile } from '../src/plan/read-file.js';
import { testNode } from './support/node-binary.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const entry = process.env.PROGRESSIVE_RELEASE_DIST ? join(process.env.PROGRESSIVE_RELEASE_DIST, 'index.js') : join(repo, 'dist', 'index.js');
const work = mkdtempSync(join(tmpdir(), 'pr-planfile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\``);
  const output = join(work, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(output, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, GITHUB_WORKSPACE: work, ...extraEnv };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  // A hang is a failure too: 20 s is far more than a refusal takes.
  const r = spawnSync(testNode(), ['--max-old-space-size=256', entry], { cwd: work, env, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, output: readFileSync(output, 'utf8') };
}

const minimal = readFileSync(join(repo, 'workflows-examples', 'minimal-release-plan.yml'), 'utf8');

describe('plan files the action refuses to read (node dist/index.js)', () => {
  symlinkSync('/dev/zero', join(work, 'zero.yml'));
  execFileSync('mkfifo', [join(work, 'fifo.yml')]);
  // A valid plan padded with a comment past the limit.
  writeFileSync(join(work, 'huge.yml'), minimal + `# ${'x'.repeat(MAX_PLAN_BYTES)}\n`);

  const cases: Array<[string, string, RegExp]> = [
    ['a symlink to /dev/zero', 'zero.yml', /cannot read the release plan: is a character device, expected a regular YAML file/],
    ['a FIFO', 'fifo.yml', /cannot read the release plan: is a named pipe \(FIFO\), expected a regular YAML file/],
    ['a file over the limit', 'huge.yml', /cannot read the release plan: is 1\.0 MiB, over the 1\.0 MiB limit for this file/],
  ];
  for (const mode of ['validate', 'run']) {
    for (const [name, file, message] of cases) {
      it(`mode ${mode}: ${name} is one error at ${file}:1:1, at once`, () => {
        const r = runAction(
          { mode, plan: file, token: 'ghs_example', version: '1.0.0' },
          mode === 'run'
            ? { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'a'.repeat(40), GITHUB_REF: 'refs/heads/main', GITHUB_API_URL: 'http://127.0.0.1:9' }
            : {},
        );
        expect(r.signal, r.stderr).toBeNull();
        expect(r.status, r.stdout + r.stderr).toBe(1);
        expect(r.stdout + r.stderr).toMatch(message);
        if (mode === 'validate') expect(r.stdout).toMatch(new RegExp(`^::error file=${file.replace('.', '\\.')},line=1,col=1`, 'm'));
        expect(r.output).toMatch(/reason-code<<\S+\nplan-invalid\n/);
      });
    }
  }
});

describe('readBoundedFile', () => {
  it('reads a regular file at the limit whole, and one byte over not at all', () => {
    const at = join(work, 'at.yml');
    writeFileSync(at, 'a'.repeat(100));
    expect(readBoundedFile(at, 100)).toEqual({ ok: true, text: 'a'.repeat(100) });
    expect(readBoundedFile(at, 99)).toMatchObject({ ok: false });
    expect(readBoundedFile(join(work, 'missing.yml'), 100)).toEqual({ ok: false, reason: 'file not found' });
    expect(readBoundedFile(work, 100)).toMatchObject({ ok: false, reason: expect.stringMatching(/directory/) });
  });
});
