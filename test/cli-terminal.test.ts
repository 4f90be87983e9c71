/**
 * The shipped CLI on a real terminal: `script` (util-linux) runs it on a pseudo-terminal, so
 * stdout is a TTY as in a person's shell. There colour is on by default (the terminal takes it),
 * NO_COLOR and TERM=dumb turn it off, and lines keep within the terminal's own width (`stty
 * cols`), which wins over COLUMNS. test/cli-shipped.test.ts holds the piped side.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testNode } from './support/node-binary.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const entry = join(repo, 'dist', 'cli', 'index.js');
const ESC = '\u001b';
const SGR = /\u001b\[\d+m/g;

/** Runs `args` under a pseudo-terminal `cols` wide (none: the pty's own size); returns its lines as the terminal shows them, colour removed, and the raw text. */
function onTerminal(args: string[], env: Record<string, string> = {}, cols?: number) {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = `${cols !== undefined ? `stty cols ${cols} rows 50; ` : ''}${[testNode(), entry, ...args].map(quote).join(' ')}; echo "status=$?"`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', SHELL: '/bin/sh', TERM: 'xterm-256color', ...env },
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const raw = r.stdout;
  const lines = raw.replace(SGR, '').split(/\r?\n/);
  return { raw, lines, status: /status=(\d+)/.exec(raw)?.[1], scriptStatus: r.status };
}

const widest = (lines: string[]) => Math.max(...lines.map((l) => [...l].length));

const SIMULATE = ['simulate', 'workflows-examples/release-plan.yml', '--scenario', 'deploy-failure=eu-west-1'];

describe.skipIf(process.platform !== 'linux')('the shipped CLI on a pseudo-terminal (script)', () => {
  it('colours by default: verdict words in their colours', () => {
    const r = onTerminal(SIMULATE, {}, 200);
    expect(r.scriptStatus).toBe(0);
    expect(r.status).toBe('5');
    expect(r.raw).toContain(`${ESC}[32mregion-promoted${ESC}[39m`);
    expect(r.raw).toContain(`${ESC}[31mregion-failed${ESC}[39m`);
    expect(r.raw).toContain(`${ESC}[31mROLLED-BACK (deploy-failed)${ESC}[39m`);
  });

  it('NO_COLOR (any non-empty value) and TERM=dumb: no colour on the terminal either', () => {
    for (const env of [{ NO_COLOR: '1' }, { NO_COLOR: 'true' }, { TERM: 'dumb' }]) {
      const r = onTerminal(SIMULATE, env, 200);
      expect({ env, status: r.status, colour: r.raw.includes(ESC) }).toEqual({ env, status: '5', colour: false });
    }
  });

  it('stty cols 80: every line within 80, whatever COLUMNS says; the terminal is the width', () => {
    for (const env of [{}, { COLUMNS: '200' }]) {
      const r = onTerminal(SIMULATE, env, 80);
      expect(r.status).toBe('5');
      expect(r.lines.some((l) => l.startsWith('ROLLED-BACK (deploy-failed)'))).toBe(true);
      expect({ env, widest: widest(r.lines) <= 80 }).toEqual({ env, widest: true });
    }
    // A wider terminal gets wider lines: the width read, not a fixed 80.
    const wide = onTerminal(SIMULATE, {}, 120);
    expect(widest(wide.lines)).toBeGreaterThan(80);
    expect(widest(wide.lines)).toBeLessThanOrEqual(120);
  });

  it('validate on a terminal: the problem’s place bold, lines within the width', () => {
    const r = onTerminal(['validate', 'workflows-examples/release-plan.yml', '--workflows', 'test'], {}, 60);
    expect(r.status).toBe('1');
    expect(r.raw).toMatch(/\u001b\[1mworkflows-examples\/release-plan\.yml:\d+:\d+:\u001b\[22m/);
    expect(widest(r.lines)).toBeLessThanOrEqual(60);
  });
});
