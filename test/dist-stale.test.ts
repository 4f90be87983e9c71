/**
 * The committed dist/ is what `npm run build` produces from the current sources: the runner
 * executes dist/, so a stale bundle silently runs old code. Rebuilds into a temp folder with
 * scripts/build.mjs (the package.json build script) into a temp folder and compares every file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDistFresh } from '../scripts/release-checks.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'pr-dist-stale-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dist/', () => {
  it('matches a fresh build (run `npm run build` and commit dist/ when this fails)', () => {
    const out = join(tmp, 'dist');
    // The same script `npm run build` runs, pointed at a temp folder (it empties its folder first).
    execFileSync(process.execPath, [join(repo, 'scripts', 'build.mjs'), out], { cwd: repo, stdio: 'pipe' });
    expect(readFileSync(join(repo, 'package.json'), 'utf8')).toContain('"build": "node scripts/build.mjs dist"');

    // The release script's own check (scripts/release-checks.mjs): one writer of "dist is fresh".
    const stale = checkDistFresh(join(repo, 'dist'), out);
    if (stale.length) throw new Error(stale.join('\n'));
    const fresh = readdirSync(out, { recursive: true }).map(String);
    expect(fresh).toContain('index.js');
    expect(fresh).toContain(join('cli', 'index.js'));
  }, 180_000);
});
