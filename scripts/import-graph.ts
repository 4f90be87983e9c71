/**
 * The figures of src/'s import graph against the layers of docs/architecture.md:
 * `npm run import-graph` prints "upward imports: N, cycles: M" and every
 * offending import and circle (the same judge as test/architecture.test.ts). Exits 1 when any.
 */
import { checkGraph, formatVerdict, readImportGraph, REPO_ROOT, verdictIsClean } from '../test/support/import-graph.js';

const graph = readImportGraph(REPO_ROOT);
const verdict = checkGraph(graph);
const edges = new Set(graph.edges.map((e) => `${e.from}\0${e.to}`)).size;
console.log(`files: ${graph.files.length}, imports between them: ${edges}`);
console.log(
  `upward imports: ${verdict.upward.length}, cycles: ${verdict.cycles.length} (files in cycles: ${verdict.cycles.reduce((n, c) => n + c.files.length, 0)}), imports between adapters: ${verdict.crossAdapter.length}, files in no layer: ${verdict.unplaced.length}`,
);
if (!verdictIsClean(verdict)) {
  console.log(formatVerdict(verdict));
  process.exitCode = 1;
}
