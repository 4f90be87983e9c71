/**
 * The import graph of src/ and the layer rules it must keep (docs/architecture.md). Reading the
 * tree and judging a graph are separate so the judge can be shown to fail on small made-up graphs:
 * a rule that is never seen to fail proves nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Files are repository-relative with forward slashes (`src/core/state.ts`); an edge is one importing file and one imported file. */
export interface ImportGraph {
  files: string[];
  edges: Array<{ from: string; to: string }>;
}

export interface Layer {
  rank: number;
  name: string;
  /** Folder prefixes (ending in `/`) or exact file paths. */
  members: string[];
  /** Each member folder is an island: it may not import a sibling member of the same layer. */
  isolated?: boolean;
}

/** Lowest first; a file may import its own layer and lower ones. */
export const LAYERS: Layer[] = [
  { rank: 0, name: 'plan', members: ['src/plan/'] },
  { rank: 1, name: 'core', members: ['src/core/'] },
  { rank: 2, name: 'report', members: ['src/report/'] },
  { rank: 3, name: 'driver', members: ['src/driver/'] },
  { rank: 4, name: 'adapter', members: ['src/github/', 'src/metrics/', 'src/simulate/', 'src/runner/', 'src/telemetry/'], isolated: true },
  { rank: 5, name: 'entry', members: ['src/modes/', 'src/cli/', 'src/main.ts', 'src/index.ts', 'src/cli.ts', 'src/action-io.ts', 'src/action-settings.ts'] },
];

export interface Placement {
  layer: Layer;
  member: string;
}

export function placeFile(file: string, layers: Layer[] = LAYERS): Placement | undefined {
  for (const layer of layers) {
    for (const member of layer.members) {
      if (member.endsWith('/') ? file.startsWith(member) : file === member) return { layer, member };
    }
  }
  return undefined;
}

/** `adapter github` says more than `adapter` when the rule broken is between two adapters. */
function label(p: Placement): string {
  return p.layer.isolated ? `${p.layer.name} ${posix.basename(p.member)}` : p.layer.name;
}

export interface Verdict {
  /** `src/a/x.ts -> src/b/y.ts (core imports driver)`. */
  upward: string[];
  /** `src/github/x.ts -> src/metrics/y.ts (adapter github imports adapter metrics)`. */
  crossAdapter: string[];
  /** Files no layer claims: a new folder has to be placed on purpose. */
  unplaced: string[];
  /** Each circle (a strongly connected component): its files, the shortest chain through it that ends where it starts, and every import inside it. */
  cycles: Array<{ files: string[]; chain: string[]; edges: string[] }>;
}

export function checkGraph(graph: ImportGraph, layers: Layer[] = LAYERS): Verdict {
  const verdict: Verdict = { upward: [], crossAdapter: [], unplaced: [], cycles: [] };
  for (const file of graph.files) if (!placeFile(file, layers)) verdict.unplaced.push(file);
  for (const { from, to } of uniqueEdges(graph.edges)) {
    const a = placeFile(from, layers);
    const b = placeFile(to, layers);
    if (!a || !b) continue;
    const line = `${from} -> ${to} (${label(a)} imports ${label(b)})`;
    if (b.layer.rank > a.layer.rank) verdict.upward.push(line);
    else if (a.layer === b.layer && a.layer.isolated && a.member !== b.member) verdict.crossAdapter.push(line);
  }
  verdict.cycles = findCycles(graph);
  return verdict;
}

export function verdictIsClean(v: Verdict): boolean {
  return v.upward.length + v.crossAdapter.length + v.unplaced.length + v.cycles.length === 0;
}

/** The message a failing architecture test prints: every offending import and every circle, so the fix is a list to work through. */
export function formatVerdict(v: Verdict): string {
  const out: string[] = [];
  const section = (title: string, lines: string[]) => {
    if (lines.length) out.push(`${title} (${lines.length}):`, ...lines.map((l) => `  ${l}`));
  };
  section('imports against the layer order', v.upward);
  section('imports between adapters', v.crossAdapter);
  section('files in no layer (place the folder in LAYERS, test/support/import-graph.ts)', v.unplaced);
  if (v.cycles.length) {
    out.push(`import cycles (${v.cycles.length}):`);
    for (const c of v.cycles)
      out.push(`  ${c.files.join(', ')}`, `    shortest loop: ${c.chain.join(' -> ')}`, '    imports inside it:', ...c.edges.map((e) => `      ${e}`));
  }
  return out.join('\n');
}

function uniqueEdges(edges: ImportGraph['edges']): ImportGraph['edges'] {
  const seen = new Set<string>();
  return edges.filter(({ from, to }) => {
    const key = `${from}\0${to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function adjacency(graph: ImportGraph): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const file of graph.files) next.set(file, []);
  for (const { from, to } of uniqueEdges(graph.edges)) {
    if (!next.has(from)) next.set(from, []);
    if (!next.has(to)) next.set(to, []);
    next.get(from)!.push(to);
  }
  for (const list of next.values()) list.sort();
  return next;
}

/** Strongly connected components (Tarjan), iterative so a deep chain of imports cannot overflow the stack. */
export function stronglyConnected(graph: ImportGraph): string[][] {
  const next = adjacency(graph);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of [...next.keys()].sort()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.node)!;
      if (frame.i < targets.length) {
        const to = targets[frame.i++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort());
      }
    }
  }
  return components;
}

/** Every circle: a component of two or more files, or a file importing itself; shown as one closed chain through it plus its inner imports. */
export function findCycles(graph: ImportGraph): Verdict['cycles'] {
  const next = adjacency(graph);
  const cycles: Verdict['cycles'] = [];
  for (const component of stronglyConnected(graph)) {
    const start = component[0]!;
    const inside = new Set(component);
    if (component.length === 1 && !next.get(start)!.includes(start)) continue;
    const edges = component.flatMap((from) =>
      next
        .get(from)!
        .filter((to) => inside.has(to))
        .map((to) => `${from} -> ${to}`),
    );
    cycles.push({ files: component, chain: shortestLoop(start, next, inside), edges });
  }
  return cycles.sort((a, b) => (a.chain[0]! < b.chain[0]! ? -1 : 1));
}

/** Breadth-first from `start` back to itself inside its component, so the chain shown is the shortest one to break. */
function shortestLoop(start: string, next: Map<string, string[]>, inside: Set<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const to of next.get(node)!) {
      if (!inside.has(to)) continue;
      if (to === start) {
        const chain = [node];
        for (let at = node; at !== start;) {
          at = cameFrom.get(at)!;
          chain.unshift(at);
        }
        return [...chain, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/** Every module specifier a file names: imports (`import type` too), re-exports, `import('...')` with a literal, and `import('...')` types. */
export function moduleSpecifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) literal(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names (NodeNext: `./x.js` is `./x.ts`), or undefined for packages and `node:` modules. */
export function resolveSpecifier(root: string, importer: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(importer), specifier));
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [`${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${stem}.d.ts`, base, `${base}/index.ts`];
  const hit = candidates.find((c) => existsSync(join(root, c)) && statSync(join(root, c)).isFile());
  return hit ?? base;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : /\.(m|c)?ts$/.test(entry.name) ? [path] : [];
  });
}

/** The graph of `src/` under `root` (the repository). An import leaving src/ (package.json, say) is an edge to a file no layer claims, and is not judged. */
export function readImportGraph(root: string, folder = 'src'): ImportGraph {
  const toKey = (abs: string) => relative(root, abs).split(sep).join('/');
  const files = walk(join(root, folder)).map(toKey).sort();
  const edges: ImportGraph['edges'] = [];
  for (const file of files) {
    for (const specifier of moduleSpecifiers(file, readFileSync(join(root, file), 'utf8'))) {
      const to = resolveSpecifier(root, file, specifier);
      if (to !== undefined) edges.push({ from: file, to });
    }
  }
  return { files, edges };
}

/** The repository this module sits in (test/support/ is two levels down). */
export const REPO_ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
