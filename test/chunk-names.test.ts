/**
 * Chunk file names follow the modules a chunk holds, never its content: with esbuild's hashes, an
 * edit to one module renamed every chunk importing it (a commit showed whole files deleted and
 * re-added). Unit tables of the naming, then the shipped dist/: no hashed name is left, and every
 * chunk a file imports exists under the name it is imported by.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { renameChunks, stableChunkNames } from '../scripts/chunk-names.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'pr-chunk-names-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Output = Metafile['outputs'][string];
const output = (inputs: Record<string, number>, entryPoint?: string): Output => ({
  bytes: 1,
  imports: [],
  exports: [],
  inputs: Object.fromEntries(Object.entries(inputs).map(([k, bytesInOutput]) => [k, { bytesInOutput }])),
  ...(entryPoint ? { entryPoint } : {}),
});
const meta = (outputs: Record<string, Output>): Metafile => ({ inputs: {}, outputs });

describe('stableChunkNames', () => {
  it('names a chunk after its entry, a shared chunk after its first module (src/ first), the runtime chunk runtime', () => {
    const names = stableChunkNames(
      meta({
        'dist/index.js': output({ 'src/index.ts': 10 }, 'src/index.ts'),
        'dist/chunk-AAAAAAAA.js': output({ 'src/modes/validate.ts': 10, 'src/plan/load.ts': 5 }, 'src/modes/validate.ts'),
        'dist/chunk-BBBBBBBB.js': output({ 'node_modules/yaml/dist/index.js': 9, 'src/plan/workflows.ts': 3, 'src/plan/diagnostics.ts': 2 }),
        'dist/chunk-CCCCCCCC.js': output({}),
        'dist/chunk-DDDDDDDD.js': output(
          { 'node_modules/@opentelemetry/resources/dist/machine-id/getMachineId-linux.mjs': 4 },
          'node_modules/@opentelemetry/resources/dist/machine-id/getMachineId-linux.mjs',
        ),
        // A module esbuild touched but that put no byte here does not name the chunk.
        'dist/chunk-EEEEEEEE.js': output({ 'src/a/empty.ts': 0, 'src/report/untrusted.ts': 7 }),
      }),
    );
    expect(Object.fromEntries(names)).toEqual({
      'chunk-AAAAAAAA.js': 'chunk-modes-validate.js',
      'chunk-BBBBBBBB.js': 'chunk-plan-diagnostics.js',
      'chunk-CCCCCCCC.js': 'chunk-runtime.js',
      'chunk-DDDDDDDD.js': 'chunk-opentelemetry-resources-getmachineid-linux.js',
      'chunk-EEEEEEEE.js': 'chunk-report-untrusted.js',
    });
  });

  it('does not change when a module changes size or esbuild changes the hash', () => {
    const a = stableChunkNames(meta({ 'd/chunk-AAAAAAAA.js': output({ 'src/x.ts': 10, 'src/y.ts': 4 }) }));
    const b = stableChunkNames(meta({ 'd/chunk-QQQQQQQQ.js': output({ 'src/x.ts': 99, 'src/y.ts': 1 }) }));
    expect([...a.values()]).toEqual([...b.values()]);
  });

  it('two chunks that would share a name get a hash of their module lists, the same on every build', () => {
    const outputs = {
      'd/chunk-AAAAAAAA.js': output({ 'src/x.ts': 1, 'src/y.ts': 1 }),
      'd/chunk-BBBBBBBB.js': output({ 'src/x.ts': 1, 'src/z.ts': 1 }),
    };
    const names = stableChunkNames(meta(outputs));
    const [first, second] = [names.get('chunk-AAAAAAAA.js'), names.get('chunk-BBBBBBBB.js')];
    expect(first).toMatch(/^chunk-x-[0-9a-f]{8}\.js$/);
    expect(second).toMatch(/^chunk-x-[0-9a-f]{8}\.js$/);
    expect(first).not.toBe(second);
    expect(stableChunkNames(meta(outputs))).toEqual(names);
  });
});

describe('renameChunks', () => {
  it('renames the files and rewrites static and dynamic imports in every file', () => {
    const dir = join(tmp, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.js'), 'import { a } from "./chunk-AAAAAAAA.js";\nawait import("./chunk-BBBBBBBB.js");\n');
    writeFileSync(join(dir, 'chunk-AAAAAAAA.js'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'chunk-BBBBBBBB.js'), 'import { a } from "./chunk-AAAAAAAA.js";\nexport default a;\n');
    renameChunks(
      dir,
      new Map([
        ['chunk-AAAAAAAA.js', 'chunk-plan-a.js'],
        ['chunk-BBBBBBBB.js', 'chunk-modes-b.js'],
      ]),
    );
    expect(readdirSync(dir).sort()).toEqual(['chunk-modes-b.js', 'chunk-plan-a.js', 'index.js']);
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toBe('import { a } from "./chunk-plan-a.js";\nawait import("./chunk-modes-b.js");\n');
    expect(readFileSync(join(dir, 'chunk-modes-b.js'), 'utf8')).toContain('from "./chunk-plan-a.js"');
  });
});

describe('the committed dist/', () => {
  const folders = ['dist', 'dist/cli'].map((d) => join(repo, d));

  it.each(folders)('%s: no chunk is named by a content hash', (dir) => {
    const chunks = readdirSync(dir).filter((f) => f.startsWith('chunk-'));
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.filter((f) => /^chunk-[A-Z2-7]{8}\.js$/.test(f))).toEqual([]);
  });

  it.each(folders)('%s: every chunk a file imports exists under that name', (dir) => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/(?:from\s*|import\s*\(?\s*)"\.\/(chunk-[^"]+\.js)"/g)) {
        seen++;
        if (!existsSync(join(dir, m[1] ?? ''))) missing.push(`${file} -> ${m[1]}`);
      }
    }
    expect(seen).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });
});
