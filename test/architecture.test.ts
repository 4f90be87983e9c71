/**
 * Imports point one way (docs/architecture.md): plan <- core <- report <- driver <- adapters <- entry,
 * no adapter imports another, no circle anywhere, every src/ file in a layer. The judge is shown to
 * fail on small graphs first, then holds the real tree to it.
 */
import { describe, expect, it } from 'vitest';
import {
  checkGraph,
  findCycles,
  formatVerdict,
  moduleSpecifiers,
  readImportGraph,
  REPO_ROOT,
  resolveSpecifier,
  verdictIsClean,
  type ImportGraph,
} from './support/import-graph.js';

function graph(...edges: Array<[string, string]>): ImportGraph {
  const files = [...new Set(edges.flat())].sort();
  return { files, edges: edges.map(([from, to]) => ({ from, to })) };
}

describe('the import judge on made-up graphs', () => {
  it('passes a graph whose imports all point down or sideways within a layer', () => {
    const v = checkGraph(
      graph(
        ['src/main.ts', 'src/modes/run.ts'],
        ['src/modes/run.ts', 'src/github/port.ts'],
        ['src/github/port.ts', 'src/github/client.ts'],
        ['src/github/port.ts', 'src/driver/ports.ts'],
        ['src/driver/interpreter.ts', 'src/report/summary.ts'],
        ['src/report/summary.ts', 'src/core/state.ts'],
        ['src/core/state.ts', 'src/plan/types.ts'],
      ),
    );
    expect(verdictIsClean(v)).toBe(true);
    expect(formatVerdict(v)).toBe('');
  });

  it('names an upward import with both files and both layers', () => {
    const v = checkGraph(graph(['src/core/state.ts', 'src/driver/ports.ts'], ['src/plan/load.ts', 'src/metrics/escape.ts'], ['src/driver/x.ts', 'src/cli.ts']));
    expect(v.upward).toEqual([
      'src/core/state.ts -> src/driver/ports.ts (core imports driver)',
      'src/plan/load.ts -> src/metrics/escape.ts (plan imports adapter metrics)',
      'src/driver/x.ts -> src/cli.ts (driver imports entry)',
    ]);
    expect(verdictIsClean(v)).toBe(false);
    expect(formatVerdict(v)).toContain('imports against the layer order (3):\n  src/core/state.ts -> src/driver/ports.ts (core imports driver)');
  });

  it('refuses an adapter importing another adapter, but not its own folder', () => {
    const v = checkGraph(
      graph(['src/metrics/registry.ts', 'src/runner/io.ts'], ['src/metrics/registry.ts', 'src/metrics/http.ts'], ['src/simulate/run.ts', 'src/github/port.ts']),
    );
    expect(v.crossAdapter).toEqual([
      'src/metrics/registry.ts -> src/runner/io.ts (adapter metrics imports adapter runner)',
      'src/simulate/run.ts -> src/github/port.ts (adapter simulate imports adapter github)',
    ]);
    expect(v.upward).toEqual([]);
  });

  it('finds a circle inside one layer and shows it as a chain of files', () => {
    const v = checkGraph(
      graph(['src/core/a.ts', 'src/core/b.ts'], ['src/core/b.ts', 'src/core/c.ts'], ['src/core/c.ts', 'src/core/a.ts'], ['src/core/c.ts', 'src/plan/types.ts']),
    );
    expect(v.upward).toEqual([]);
    expect(v.cycles).toEqual([
      {
        files: ['src/core/a.ts', 'src/core/b.ts', 'src/core/c.ts'],
        chain: ['src/core/a.ts', 'src/core/b.ts', 'src/core/c.ts', 'src/core/a.ts'],
        edges: ['src/core/a.ts -> src/core/b.ts', 'src/core/b.ts -> src/core/c.ts', 'src/core/c.ts -> src/core/a.ts'],
      },
    ]);
    expect(formatVerdict(v)).toContain('shortest loop: src/core/a.ts -> src/core/b.ts -> src/core/c.ts -> src/core/a.ts');
  });

  it('keeps separate circles apart, shows the shortest loop through each, and counts a file importing itself', () => {
    const cycles = findCycles(graph(['x/a', 'x/b'], ['x/b', 'x/a'], ['x/b', 'x/c'], ['x/c', 'x/d'], ['x/d', 'x/a'], ['y/e', 'y/e'], ['y/f', 'y/g']));
    expect(cycles.map((c) => c.chain)).toEqual([
      ['x/a', 'x/b', 'x/a'],
      ['y/e', 'y/e'],
    ]);
    expect(cycles[0]!.files).toEqual(['x/a', 'x/b', 'x/c', 'x/d']);
  });

  it('does not take a long acyclic chain for a circle (and does not overflow on it)', () => {
    const chain = Array.from({ length: 20_000 }, (_, i): [string, string] => [`src/plan/f${i}.ts`, `src/plan/f${i + 1}.ts`]);
    expect(findCycles(graph(...chain))).toEqual([]);
  });

  it('refuses a file in no layer, so a new folder is placed on purpose', () => {
    const v = checkGraph({ files: ['src/approvals/gate.ts', 'src/core/state.ts'], edges: [] });
    expect(v.unplaced).toEqual(['src/approvals/gate.ts']);
    expect(formatVerdict(v)).toContain('files in no layer');
  });

  it('reads type-only imports, re-exports, import() with a literal and import() types', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B, c } from '../b.js';",
      "export { d } from './d.js';",
      "export * from './e.js';",
      "import './side-effect.js';",
      "const f = () => import('./f.js');",
      "type G = import('./g.js').G;",
      'const h = (name: string) => import(name);',
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    expect(moduleSpecifiers('src/x/y.ts', text)).toEqual(['./a.js', '../b.js', './d.js', './e.js', './side-effect.js', './f.js', './g.js', 'node:fs']);
  });

  it('resolves NodeNext specifiers to the .ts file and leaves packages alone', () => {
    expect(resolveSpecifier(REPO_ROOT, 'src/core/state.ts', '../plan/types.js')).toBe('src/plan/types.ts');
    expect(resolveSpecifier(REPO_ROOT, 'src/core/state.ts', 'zod/mini')).toBeUndefined();
    expect(resolveSpecifier(REPO_ROOT, 'src/core/state.ts', 'node:fs')).toBeUndefined();
  });
});

describe('the src/ tree', () => {
  const real = readImportGraph(REPO_ROOT);

  it('is read whole: every file, the imports between them', () => {
    expect(real.files).toContain('src/main.ts');
    expect(real.files.every((f) => f.startsWith('src/'))).toBe(true);
    expect(real.edges.length).toBeGreaterThan(real.files.length);
  });

  it('fails when one bad import is added to it', () => {
    const bad = {
      files: real.files,
      edges: [...real.edges, { from: 'src/plan/types.ts', to: 'src/modes/run.ts' }, { from: 'src/modes/run.ts', to: 'src/plan/types.ts' }],
    };
    const verdict = checkGraph(bad);
    expect(verdict.upward).toContain('src/plan/types.ts -> src/modes/run.ts (plan imports entry)');
    expect(verdict.cycles.some((c) => c.files.includes('src/plan/types.ts') && c.files.includes('src/modes/run.ts'))).toBe(true);
  });

  it('keeps the layer order, has no circle and places every file (the message lists what to move)', () => {
    const verdict = checkGraph(real);
    expect(formatVerdict(verdict)).toBe('');
  });
});
