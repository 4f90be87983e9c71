#!/usr/bin/env node
/**
 * Builds the two committed bundles into one output folder (default `dist`):
 *   <out>/index.js      the action (src/index.ts)
 *   <out>/cli/index.js  the CLI (src/cli.ts), which bin/progressive-release.js runs
 * The folder is emptied first: ncc leaves chunks of earlier builds behind, and a stale chunk in
 * dist/ would be committed and shipped. The folder is an argument so tests and benches build
 * into a temp folder with exactly the same steps, never touching dist/.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(repo, process.argv[2] ?? 'dist');
const ncc = join(repo, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

rmSync(out, { recursive: true, force: true });
for (const [entry, dir] of [['src/index.ts', out], ['src/cli.ts', join(out, 'cli')]]) {
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', dir, '--license', 'licenses.txt', '--quiet'], { cwd: repo, stdio: 'inherit' });
}
