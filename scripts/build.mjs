#!/usr/bin/env node
/**
 * Builds the two committed bundles into one output folder (default `dist`):
 *   <out>/index.js      the action (src/index.ts), with its chunks (chunk-<modules>.js)
 *   <out>/cli/index.js  the CLI (src/cli.ts), which bin/progressive-release.js runs
 * (`node scripts/build.mjs <out> --entry FILE` bundles only FILE, into <out>/index.js)
 * and, in each folder, package.json (`"type": "module"`) and licenses.txt (the licences of the
 * bundled packages). The folder is emptied first, so no chunk of an earlier build is left behind
 * to be committed and shipped. The folder is an argument so tests and benches build into a temp
 * folder with exactly the same steps, never touching dist/.
 *
 * esbuild, not ncc: cold start is part of every job, and most of it is V8 parsing the bundle.
 * esbuild drops the unused parts of ESM packages (zod/mini ships about 60 KB of 500 KB); ncc keeps
 * whole modules (docs/benchmarks.md, "Cold start"). The output is not minified, so dist/ stays
 * readable. esbuild does not type-check: `npx tsc --noEmit` does (scripts/test.sh).
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renameChunks, stableChunkNames } from './chunk-names.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(repo, process.argv[2] ?? 'dist');
// `--entry FILE`: bundle that one entry into <out>/index.js instead (tests bundle their own
// runners this way, with the settings the shipped bundle is built with).
const entryAt = process.argv.indexOf('--entry');
const only = entryAt > 0 ? process.argv[entryAt + 1] : undefined;

/**
 * CommonJS packages (yaml, bottleneck, @actions/*) call `require` for node built-ins; an ES
 * module has no `require`, so every chunk gets one.
 */
const banner = "import { createRequire as __prCreateRequire } from 'node:module';\nconst require = __prCreateRequire(import.meta.url);";

/** The package folder (`node_modules/x` or `node_modules/@s/x`) a bundled input file belongs to. */
function packageDirOf(input) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m ? m[1] : undefined;
}

/** licenses.txt as ncc wrote it: per package, sorted by name: name, licence, licence text. */
function licensesOf(metafile) {
  const dirs = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const dir = bytesInOutput > 0 ? packageDirOf(input) : undefined;
      if (dir) dirs.add(resolve(repo, dir));
    }
  }
  const entries = [];
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^licen[cs]e(\.md|\.txt)?$/i.test(f));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : '';
    const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? '');
    entries.push({ name: pkg.name, text: [pkg.name, license, text].filter(Boolean).join('\n') });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `${entries.map((e) => e.text).join('\n\n')}\n`;
}

rmSync(out, { recursive: true, force: true });
const entries = only
  ? [[only, out]]
  : [
      ['src/index.ts', out],
      ['src/cli.ts', join(out, 'cli')],
    ];
for (const [entry, dir] of entries) {
  mkdirSync(dir, { recursive: true });
  const result = await build({
    absWorkingDir: repo,
    entryPoints: { index: entry },
    outdir: dir,
    bundle: true,
    // Modes and commands are loaded with import(): each gets its own chunk, so `validate` and
    // `plan` never parse Octokit, and `validate` never parses the metrics clients. No mode
    // bundles @actions/core: runner I/O is src/runner/io.ts (only test/runner-io.test.ts imports core).
    splitting: true,
    // Hashed here, then renamed after the modules each holds (chunk-names.mjs): a hash would
    // rename every importer of an edited module.
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    platform: 'node',
    // The oldest Node the package supports (package.json engines); the runner uses a newer one.
    target: 'node20',
    banner: { js: banner },
    // Licences go to licenses.txt, as ncc did.
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  renameChunks(dir, stableChunkNames(result.metafile));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
  writeFileSync(join(dir, 'licenses.txt'), licensesOf(result.metafile));
  if (!existsSync(join(dir, 'index.js'))) throw new Error(`${dir}/index.js was not written`);
}
