/**
 * The committed dist/ is what `npm run build` produces from the current sources: the runner
 * executes dist/, so a stale bundle silently runs old code. Rebuilds into a temp folder with
 * the package.json build script (output folder swapped) and compares every file.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'pr-dist-stale-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file under `root`, as paths relative to it. */
function files(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(root, path));
    else out.push(relative(root, path));
  }
  return out.sort();
}

describe('dist/', () => {
  it('matches a fresh build (run `npm run build` and commit dist/ when this fails)', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: { build: string } };
    const out = join(tmp, 'dist');
    // `-o dist` and `-o dist/cli` become `-o <tmp>/dist` and `-o <tmp>/dist/cli`.
    const command = pkg.scripts.build.replace(/-o dist(?=[\s/]|$)/g, `-o ${out}`);
    expect(command).not.toBe(pkg.scripts.build);
    execSync(command, { cwd: repo, stdio: 'pipe', env: { ...process.env, PATH: `${join(repo, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` } });

    const committed = files(join(repo, 'dist'));
    const fresh = files(out);
    const stale = [
      ...fresh.filter((f) => !committed.includes(f)).map((f) => `missing in dist/: ${f}`),
      ...committed.filter((f) => !fresh.includes(f)).map((f) => `not produced by the build: dist/${f}`),
      ...fresh.filter((f) => committed.includes(f) && !readFileSync(join(out, f)).equals(readFileSync(join(repo, 'dist', f)))).map((f) => `differs: dist/${f}`),
    ];
    if (stale.length) throw new Error(`dist/ is stale; run \`npm run build\` and commit dist/:\n${stale.join('\n')}`);
    expect(fresh).toContain('index.js');
    expect(fresh).toContain(join('cli', 'index.js'));
  }, 180_000);
});
