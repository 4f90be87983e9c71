/**
 * Stable chunk file names for scripts/build.mjs. esbuild names split chunks by content hash
 * (`chunk-[hash]`, its only choice: `[name]` of a chunk is always "chunk"), and a chunk's hash
 * covers the names of the chunks it imports, so an edit to one module renamed every chunk that
 * imports it, transitively: a one-line change showed up in dist/ as whole files deleted and
 * re-added. Here every chunk is named after the modules it holds, which an edit does not change,
 * and the references in every output file are rewritten, so an edit changes the chunks whose code
 * changed and nothing else.
 *
 * A chunk that a dynamic `import()` loads is named after that module (`chunk-modes-validate.js`);
 * a shared chunk after the first module it holds, in path order (src/ first); esbuild's runtime
 * helpers, which hold no module, are `chunk-runtime.js`. Two chunks that would share a name both
 * get a short hash of their module list (stable too: it changes only when modules move).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** What esbuild writes for `chunkNames: 'chunk-[hash]'`: 8 characters of base32. */
const HASHED = /\bchunk-[A-Z2-7]{8}\.js\b/g;

/** A module path as a file-name part: `src/modes/validate.ts` -> `modes-validate`, a package file -> `pkg-file`. */
function slugOf(input) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:.*\/)?([^/]+)$/.exec(input);
  const text = pkg ? `${pkg[1]}-${pkg[2]}` : input.replace(/^src\//, '');
  return text
    .replace(/\.[cm]?[jt]sx?$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** src/ modules first, then packages, each in path order: what names a shared chunk. */
const byPath = (a, b) => Number(a.startsWith('node_modules/')) - Number(b.startsWith('node_modules/')) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Old file name -> stable file name, for every hashed chunk among esbuild's metafile outputs (in
 * any folder: names are unique per build). Inputs that contribute no bytes do not count: which
 * modules esbuild merely touched is not what the chunk holds.
 */
export function stableChunkNames(metafile) {
  const chunks = [];
  for (const [path, output] of Object.entries(metafile.outputs)) {
    const file = basename(path);
    if (!/^chunk-[A-Z2-7]{8}\.js$/.test(file)) continue;
    const modules = Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input)
      .sort(byPath);
    const named = output.entryPoint ?? modules[0];
    chunks.push({ file, modules, slug: named ? slugOf(named) : 'runtime' });
  }
  const count = new Map();
  for (const { slug } of chunks) count.set(slug, (count.get(slug) ?? 0) + 1);
  const names = new Map();
  for (const { file, modules, slug } of chunks) {
    const hash = createHash('sha256').update(modules.join('\n')).digest('hex').slice(0, 8);
    names.set(file, count.get(slug) > 1 ? `chunk-${slug}-${hash}.js` : `chunk-${slug}.js`);
  }
  if (new Set(names.values()).size !== names.size) throw new Error('two chunks hold the same modules: cannot name them apart');
  return names;
}

/** Renames the chunks in `dir` and rewrites every reference to them in its .js files. */
export function renameChunks(dir, names) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const renamed = text.replace(HASHED, (old) => names.get(old) ?? old);
    if (renamed !== text) writeFileSync(path, renamed);
  }
  for (const [old, stable] of names) renameSync(join(dir, old), join(dir, stable));
}
