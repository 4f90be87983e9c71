/**
 * The committed dist/ is what `npm run build` produces from the current sources: the runner
 * executes dist/, so a stale bundle silently runs old code. Rebuilds into a temp folder with
 * scripts/build.mjs (the package.json build script) into a temp folder and compares every file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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
    const out = join(tmp, 'dist');
    // The same script `npm run build` runs, pointed at a temp folder (it empties its folder first).
    execFileSync(process.execPath, [join(repo, 'scripts', 'build.mjs'), out], { cwd: repo, stdio: 'pipe' });
    expect(readFileSync(join(repo, 'package.json'), 'utf8')).toContain('"build": "node scripts/build.mjs dist"');

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
