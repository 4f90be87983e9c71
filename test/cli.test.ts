/** The CLI, run in-process with captured output. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('progressive-release CLI', () => {
  it('validate: a valid plan exits 0 with a one-line verdict', async () => {
    const r = await cli('validate', 'workflows-examples/minimal-release-plan.yml', '--workflows', 'workflows-examples');
    expect(r).toEqual({ code: 0, out: 'workflows-examples/minimal-release-plan.yml: valid (2 stages, 3 regions, 1 gate)\n', err: '' });
  });

  it('validate: problems print as file:line:col: message and exit 1', async () => {
    const r = await cli('validate', 'workflows-examples/release-plan.yml', '--workflows', 'test');
    expect(r.code).toBe(1);
    // The position is that of `workflow: deploy.yml` under `deploy:`, wherever the example puts it.
    const lines = readFileSync('workflows-examples/release-plan.yml', 'utf8').split('\n');
    const line = lines.findIndex((l, i) => /^\s+workflow: deploy\.yml/.test(l) && lines.slice(0, i).some((p) => p.startsWith('deploy:'))) + 1;
    const col = (lines[line - 1]?.indexOf('deploy.yml') ?? -1) + 1;
    expect(line).toBeGreaterThan(1);
    expect(r.out).toContain(`workflows-examples/release-plan.yml:${line}:${col}: deploy.workflow: workflow 'deploy.yml' not found in test\n`);
    expect(r.out).toMatch(/: 2 errors\n$/);
  });

  it('validate --json gives machine-readable diagnostics', async () => {
    const r = await cli('validate', 'workflows-examples/minimal-release-plan.yml', '--no-workflows', '--json');
    const body = JSON.parse(r.out) as { valid: boolean; errors: number; plan: { name: string } };
    expect(body.valid).toBe(true);
    expect(body.errors).toBe(0);
    expect(body.plan.name).toBe('web');
  });

  it('bad usage exits 2 with a message naming the problem', async () => {
    expect(await cli()).toMatchObject({ code: 2 });
    expect(await cli('deploy')).toMatchObject({ code: 2, err: expect.stringContaining("unknown command 'deploy'") });
    expect(await cli('validate')).toMatchObject({ code: 2, err: expect.stringContaining('validate needs the path of a release plan') });
    expect(await cli('validate', 'a.yml', '--fast')).toMatchObject({ code: 2, err: expect.stringContaining("unknown option '--fast'") });
    expect(await cli('validate', 'a.yml', '--workflows')).toMatchObject({ code: 2, err: expect.stringContaining('--workflows needs a folder') });
  });

  it.each(['validate', 'simulate', 'plan', 'schema'])('%s --help prints that command\'s help on stdout and exits 0', async (name) => {
    const r = await cli(name, '--help');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.toLowerCase()).toContain(`usage: progressive-release ${name}`);
  });

  it('the top-level help documents each command\'s exit codes', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('simulate  0 promoted, 2 rolled back, 3 paused');
    expect(r.out).toContain('validate  0 valid, 1 problems found, 2 bad usage');
  });

  it('schema prints the JSON Schema', async () => {
    const r = await cli('schema');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ title: 'progressive-release release plan', type: 'object' });
  });
});
