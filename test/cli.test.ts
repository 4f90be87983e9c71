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
    // deploy.yml, rollback.yml and the apac stage's approve.yml
    expect(r.out).toMatch(/: 3 errors\n$/);
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

  it.each(['validate', 'simulate', 'plan', 'schema'])("%s --help prints that command's help on stdout and exits 0", async (name) => {
    const r = await cli(name, '--help');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.toLowerCase()).toContain(`usage: progressive-release ${name}`);
  });

  it("the top-level help documents each command's exit codes", async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('every command: 2 bad usage');
    expect(r.out).toContain('simulate  0 promoted, 1 invalid plan, 3 paused (a person decides), 4 failed (a rollback failed, or none to run), 5 rolled back');
    expect(r.out).toContain('validate  0 valid, 1 problems found');
  });

  it('schema prints the JSON Schema', async () => {
    const r = await cli('schema');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ title: 'progressive-release release plan', type: 'object' });
  });
});

// The minimal example names its Prometheus URL by an environment variable that is unset here:
// a pre-flight of it answers at once (an error measurement), with no network.
const MINIMAL = 'workflows-examples/minimal-release-plan.yml';

describe('one argument parser for every command', () => {
  it('validate P --workflows --json: an option that follows is no folder', async () => {
    const r = await cli('validate', MINIMAL, '--workflows', '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain("--workflows needs a folder, e.g. --workflows .github/workflows; '--json' is an option");
  });

  it('plan P --version --json: no pre-flight of a version called "--json"', async () => {
    const r = await cli('plan', MINIMAL, '--no-workflows', '--version', '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain("--version needs a value, e.g. --version v1.4.2; '--json' is an option");
  });

  it.each([
    ['validate', 2],
    ['plan', 2],
    ['simulate', 2],
  ])('%s --json=1: a switch takes no value, refused alike by every command', async (name, code) => {
    const r = await cli(name, MINIMAL, '--json=1');
    expect(r.code).toBe(code);
    expect(r.out).toBe('');
    expect(r.err).toContain("--json takes no value; got '--json=1'");
  });

  it('bad usage: the exit code the help documents, the message naming the command and its usage', async () => {
    for (const [name, code] of [
      ['validate', 2],
      ['plan', 2],
      ['simulate', 2],
    ] as const) {
      const r = await cli(name, MINIMAL, '--bogus');
      expect(r.code).toBe(code);
      expect(r.err).toContain(`progressive-release ${name}: unknown option '--bogus' for ${name}\n`);
      expect(r.err).toMatch(new RegExp(`\nusage: progressive-release ${name} <plan>`, 'i'));
    }
    expect(await cli('schema', 'extra')).toMatchObject({ code: 2, err: expect.stringContaining("schema takes no plan file; got 'extra'") });
  });

  it('a value is given as --flag VALUE or --flag=VALUE in every command; -- ends the options', async () => {
    for (const form of [['--version', '2.0.0'], ['--version=2.0.0']]) {
      const sim = await cli('simulate', MINIMAL, ...form, '--json');
      expect(sim.code).toBe(0);
      expect(JSON.parse(sim.out)).toMatchObject({ state: { version: '2.0.0' } });
      const plan = await cli('plan', MINIMAL, '--no-workflows', ...form, '--json');
      expect(JSON.parse(plan.out)).toMatchObject({ releaseId: 'web-2.0.0' });
    }
    expect(await cli('validate', MINIMAL, '--workflows=workflows-examples')).toMatchObject({ code: 0 });
    // After `--`, a file whose name starts with a dash is the plan, not an option.
    expect(await cli('validate', '--no-workflows', '--', '-missing.yml')).toMatchObject({ code: 1, out: expect.stringContaining('-missing.yml') });
  });
});
