/**
 * The shipped CLI (bin/progressive-release.js, running dist/cli/) and action (dist/index.js), as
 * committed, spawned with the Node the test command chose (test/support/node-binary.ts): the
 * machine's in the main pass, Node 24 (the action's `node24`) and the lowest Node that `engines`
 * promises in the runtime passes of scripts/test.sh. Each child reports the version it ran on,
 * so a pass that silently fell back to another Node fails here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readOutputs } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'pr-node-runtime-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The version the runtime pass asked for (scripts/test.sh sets it with PR_TEST_NODE), else this process's. */
const expected = process.env.PR_TEST_NODE_VERSION || process.version;

// Loaded before the entry point, in the child: the version of the Node that runs the shipped code.
const REPORT_VERSION = 'data:text/javascript,process.stderr.write(`node-runtime=${process.version}\\n`)';

function run(entry: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(testNode(), ['--import', REPORT_VERSION, entry, ...args], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const version = /^node-runtime=(\S+)$/m.exec(r.stderr)?.[1];
  return { code: r.status, out: r.stdout, err: r.stderr.replace(/^node-runtime=\S+\n/m, ''), version };
}

const cli = (...args: string[]) => run(join(repo, 'bin', 'progressive-release.js'), args);

describe(`the shipped CLI on Node ${expected}`, () => {
  it('validate: the example plan is valid, its workflows checked beside it', () => {
    const r = cli('validate', 'workflows-examples/release-plan.yml');
    expect(r.version).toBe(expected);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/workflows-examples\/release-plan\.yml: valid \(4 stages, 10 regions, 5 gates\)\n$/);
  });

  it('validate: a broken plan exits 1 with the problem at its line', () => {
    const plan = join(work, 'bad.yml');
    writeFileSync(plan, readFileSync(join(repo, 'workflows-examples', 'minimal-release-plan.yml'), 'utf8').replace('max: 0.5', 'max: lots'));
    const r = cli('validate', plan, '--no-workflows');
    expect(r.version).toBe(expected);
    expect(r.code).toBe(1);
    expect(r.out).toContain("bad.yml:18:10: gates.errors.max: expected a number; got the string 'lots'");
  });

  it('simulate: the minimal plan promotes', () => {
    const r = cli('simulate', 'workflows-examples/minimal-release-plan.yml');
    expect(r.version).toBe(expected);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('PROMOTED');
  });

  it('bad usage exits 2 and says so on stderr', () => {
    const r = cli('validate');
    expect(r.version).toBe(expected);
    expect(r.code).toBe(2);
    expect(r.err).not.toBe('');
  });
});

describe(`the shipped action on Node ${expected}`, () => {
  it('mode validate on the example plan: decision valid, outputs written', () => {
    const output = join(work, 'output');
    writeFileSync(output, '');
    const r = run(join(repo, 'dist', 'index.js'), [], {
      GITHUB_OUTPUT: output,
      GITHUB_WORKSPACE: repo,
      INPUT_TOKEN: 'ghs_example',
      INPUT_MODE: 'validate',
      INPUT_PLAN: 'workflows-examples/release-plan.yml',
      INPUT_VERSION: '1.4.2',
    });
    expect(r.version).toBe(expected);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('::error');
    const outputs = readOutputs(output);
    expect(outputs).toMatchObject({ decision: 'valid', 'reason-code': 'plan-valid', 'release-id': 'checkout-1.4.2' });
    expect((JSON.parse(outputs.result ?? '') as { workflows: unknown }).workflows).toMatchObject({ checked: true, found: 'beside-plan' });
  });
});
