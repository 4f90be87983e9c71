/**
 * The shipped CLI bundle (dist/cli/index.js, as committed) run the way a person runs it: spawned
 * with a clean environment (no inherited NO_COLOR, FORCE_COLOR or COLUMNS), its output piped.
 * What a finished command line promises: --version, one exit status per outcome, a quiet end
 * when the reader of a pipe stops early, colour only where asked, lines within COLUMNS, and
 * words and durations as people write them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src/plan/release-info.js';
import { testNode } from './support/node-binary.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const entry = join(repo, 'dist', 'cli', 'index.js');
const work = mkdtempSync(join(tmpdir(), 'pr-cli-shipped-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MINIMAL = 'workflows-examples/minimal-release-plan.yml';
const EXAMPLE = 'workflows-examples/release-plan.yml';

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(testNode(), [entry, ...args], { cwd: repo, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const ESC = '\u001b';
/** The SGR codes colour.ts writes (util.inspect.colors: bold, dim, red, green, yellow and their ends). */
const OWN_SGR = /\u001b\[(1|2|22|31|32|33|39)m/g;

function widest(text: string): number {
  return Math.max(0, ...text.split('\n').map((l) => [...l].length));
}

describe('the shipped CLI: version and exit statuses', () => {
  it('--version and -V print the name and release, exit 0, nothing on stderr', () => {
    for (const flag of ['--version', '-V']) expect(cli([flag])).toEqual({ code: 0, out: `progressive-release ${VERSION}\n`, err: '' });
  });

  it('bad usage is 2 in every command, said on stderr, nothing on stdout', () => {
    const calls = [
      [],
      ['bogus'],
      ['validate'],
      ['validate', MINIMAL, '--bogus'],
      ['validate', MINIMAL, '--json=1'],
      ['schema', 'extra.yml'],
      ['simulate'],
      ['simulate', MINIMAL, '--bogus'],
      ['simulate', MINIMAL, '--seed', 'x'],
      ['simulate', MINIMAL, '--scenario', 'nonsense'],
      ['plan'],
      ['plan', MINIMAL, '--ref'],
    ];
    for (const args of calls) {
      const r = cli(args);
      expect({ args, code: r.code, out: r.out }).toEqual({ args, code: 2, out: '' });
      expect(r.err).not.toBe('');
    }
  });

  it('simulate answers each decision with its own status: 0 promoted, 1 invalid plan, 3 paused, 4 failed, 5 rolled back', () => {
    const bad = join(work, 'bad.yml');
    writeFileSync(bad, readFileSync(join(repo, MINIMAL), 'utf8').replace('max: 0.5', 'max: lots'));
    const cases: Array<[string[], number, string]> = [
      [[MINIMAL], 0, 'PROMOTED'],
      [[bad], 1, ''],
      [[EXAMPLE, '--no-auto-approve'], 3, 'PAUSED'],
      [[MINIMAL, '--scenario', 'pause@5m'], 3, 'PAUSED'],
      [[EXAMPLE, '--scenario', 'regression=eu-west-1', '--scenario', 'rollback-failure=eu-west-1'], 4, 'FAILED'],
      [[MINIMAL, '--scenario', 'regression=eu-west-1'], 4, 'FAILED'],
      [[EXAMPLE, '--scenario', 'regression=eu-west-1'], 5, 'ROLLED-BACK'],
    ];
    for (const [args, code, verdict] of cases) {
      const r = cli(['simulate', ...args, '--quiet']);
      expect({ args, code: r.code }).toEqual({ args, code });
      if (verdict) expect(r.out).toMatch(new RegExp(`^${verdict} \\(`, 'm'));
    }
  });
});

describe('the shipped CLI in a pipe', () => {
  it('simulate | head -2 ends quietly: the node process exits 0, nothing on stderr', () => {
    // Far more than a pipe holds (64 KiB), so the writes after head has gone must meet EPIPE.
    const big = join(work, 'big.yml');
    const regions = Array.from({ length: 40 }, (_, i) => `r${i}`).join(', ');
    writeFileSync(big, readFileSync(join(repo, MINIMAL), 'utf8').replace('regions: [eu-west-1, ap-southeast-1]', `regions: [${regions}]`));
    const errFile = join(work, 'pipe.err');
    const script = `"$NODE" "$ENTRY" simulate "$PLAN" --verbose 2>"$ERRFILE" | head -2; echo "statuses \${PIPESTATUS[*]}" >&2`;
    const r = spawnSync('bash', ['--norc', '--noprofile', '-o', 'pipefail', '-c', script], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? '', NODE: testNode(), ENTRY: entry, PLAN: big, ERRFILE: errFile },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('statuses 0 0\n');
    expect(readFileSync(errFile, 'utf8')).toBe('');
    expect(r.stdout.split('\n')).toHaveLength(3);
    expect(r.stdout).toMatch(/^Simulating web-1\.0\.0/);
    expect(r.status).toBe(0);
  });
});

describe('the shipped CLI: colour only where asked', () => {
  const run = (env: Record<string, string>) => cli(['simulate', EXAMPLE, '--scenario', 'regression=eu-west-1'], env);

  it('piped, by default: no escape codes at all', () => {
    const r = run({});
    expect(r.code).toBe(5);
    expect(r.out).not.toContain(ESC);
    expect(r.err).not.toContain(ESC);
  });

  it('FORCE_COLOR=1: colour even piped, and only the CLI’s own SGR codes; FORCE_COLOR=0 and NO_COLOR (which wins) none', () => {
    const forced = run({ FORCE_COLOR: '1' });
    expect(forced.out).toContain(`${ESC}[31mROLLED-BACK (gate-failed)${ESC}[39m`);
    expect(forced.out).toContain(`${ESC}[32mregion-promoted${ESC}[39m`);
    expect(forced.out.replace(OWN_SGR, '')).not.toContain(ESC);
    // Without its colour the text is exactly what a pipe gets.
    expect(forced.out.replace(OWN_SGR, '')).toBe(run({}).out);
    for (const env of [{ FORCE_COLOR: '0' }, { NO_COLOR: '1' }, { NO_COLOR: '1', FORCE_COLOR: '1' }, { NO_COLOR: 'yes', FORCE_COLOR: '3' }]) {
      const r = run(env);
      expect({ env, colour: r.out.includes(ESC) }).toEqual({ env, colour: false });
    }
  });

  it('untrusted text stays escaped inside coloured output: an ESC in the plan never reaches the terminal', () => {
    const plan = join(work, 'esc.yml');
    writeFileSync(plan, readFileSync(join(repo, MINIMAL), 'utf8').replace('max: 0.5', 'max: "\\e[5mblink\\e]0;title\\a"'));
    for (const env of [{ FORCE_COLOR: '1' }, {}]) {
      const r = cli(['validate', plan, '--no-workflows'], env);
      expect(r.code).toBe(1);
      expect(r.out).toContain('\\u001b[5mblink\\u001b]0;title\\u0007');
      expect(r.out.replace(OWN_SGR, '')).not.toContain(ESC);
      expect(r.out.replace(OWN_SGR, '')).not.toContain('\u0007');
    }
    // Its place is bold when coloured: the CLI's own code around text it wrote.
    expect(cli(['validate', plan, '--no-workflows'], { FORCE_COLOR: '1' }).out).toMatch(/\u001b\[1m[^\n]*esc\.yml:\d+:\d+:\u001b\[22m/);
  });
});

describe('the shipped CLI: lines fit COLUMNS', () => {
  const runs: Array<[string, string[]]> = [
    ['simulate, a rollback', ['simulate', EXAMPLE, '--scenario', 'deploy-failure=eu-west-1']],
    ['simulate --verbose, a regression', ['simulate', EXAMPLE, '--scenario', 'regression=eu-west-1', '--verbose']],
    ['simulate, a note on stderr', ['simulate', MINIMAL, '--scenario', 'rollback-failure=eu-west-1']],
    ['simulate, paused', ['simulate', EXAMPLE, '--no-auto-approve']],
    ['validate, problems', ['validate', EXAMPLE, '--workflows', 'test']],
    ['plan, not ready', ['plan', MINIMAL, '--no-workflows']],
  ];

  it('COLUMNS=80: no line of stdout or stderr is wider than 80', () => {
    for (const [what, args] of runs) {
      const r = cli(args, { COLUMNS: '80' });
      expect(r.out).not.toBe('');
      expect({ what, fits: widest(r.out) <= 80 && widest(r.err) <= 80 }).toEqual({ what, fits: true });
    }
  });

  it('without COLUMNS a pipe keeps whole lines, and with it the reason is wrapped, not cut', () => {
    const args = ['simulate', EXAMPLE, '--scenario', 'deploy-failure=eu-west-1'];
    const whole = cli(args);
    expect(widest(whole.out)).toBeGreaterThan(150);
    const narrow = cli(args, { COLUMNS: '80' });
    const words = (t: string) => t.split(/\s+/).filter(Boolean);
    // The same words in the same order: wrapping only moved them.
    expect(words(narrow.out)).toEqual(words(whole.out));
  });

  it('COLUMNS=40: still within the width, the columns cut and the reason under the row', () => {
    const r = cli(['simulate', MINIMAL, '--scenario', 'regression=eu-west-1'], { COLUMNS: '40' });
    expect(r.code).toBe(4);
    expect(widest(r.out)).toBeLessThanOrEqual(40);
  });
});

describe('the shipped CLI: words as people write them', () => {
  const scenarios = [
    'healthy',
    'regression=eu-west-1',
    'regression=eu-west-1@2',
    'no-data=eu-west-1',
    'no-data-gap=eu-west-1',
    'deploy-failure=eu-west-1',
    'deploy-timeout=eu-west-1',
    'rollback-failure=eu-west-1',
    'flaky-metrics',
    'reject=europe',
    'abort@30m',
    'pause@30m',
    'retry=eu-west-1',
  ];

  it('durations as written in the plan (10m, not 600s), in progress lines and the verdict', () => {
    const r = cli(['simulate', MINIMAL]);
    expect(r.out).toContain('baking 10m at 10%');
    expect(r.out).toMatch(/^PROMOTED \(all-regions-promoted\) after \d+m(\d+s)? of simulated time/m);
    expect(r.out).not.toMatch(/\b\d{3,}s\b/);
  });

  it('no "(s)" anywhere, in any scenario, in any form of the output', () => {
    for (const s of scenarios) {
      const extra = s === 'retry=eu-west-1' ? ['--scenario', 'deploy-failure=eu-west-1'] : [];
      for (const form of [[], ['--verbose']]) {
        const r = cli(['simulate', EXAMPLE, '--scenario', s, ...extra, ...form]);
        expect({ s, form, code: r.code === 0 || (r.code !== null && r.code >= 3) }).toEqual({ s, form, code: true });
        expect({ s, form, plurals: `${r.out}${r.err}`.match(/\w\(s\)/g) ?? [] }).toEqual({ s, form, plurals: [] });
      }
    }
  });

  it('the core’s ignored entries show only with --verbose', () => {
    // The deploy runs of the other regions finish after the release stopped and they began rolling back.
    const args = ['simulate', EXAMPLE, '--scenario', 'deploy-failure=eu-west-1'];
    const ignored = (t: string) => t.split('\n').filter((l) => /^T\+\S+ .* ignored {2,}/.test(l));
    expect(ignored(cli(args).out)).toEqual([]);
    const verbose = ignored(cli([...args, '--verbose']).out);
    expect(verbose.length).toBeGreaterThan(0);
    expect(verbose[0]).toContain('run-finished ignored: it does not match region');
  });

  it('a rolled-back region’s traffic is what it serves now, not what it reached', () => {
    const r = cli(['simulate', EXAMPLE, '--scenario', 'regression=eu-west-1', '--quiet']);
    const row = r.out.split('\n').find((l) => l.startsWith('us-east-1 '));
    expect(row).toMatch(/rolled-back\s+3\/3\s+0% \(rolled back\)\s/);
    expect(row).not.toContain('100%');
  });
});
