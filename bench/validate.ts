/**
 * Validation speed and memory for large plans: 50, 500 and 5,000 regions (4 steps, 2 gates).
 * Each size runs in a fresh child process (so peak RSS belongs to that size alone); inside it,
 * WARMUPS warm-ups and then RUNS timed validations of the plan text (YAML parse, schema, semantic
 * checks, normalize). Writes the figures to docs/benchmarks.md under "## Validate".
 *
 *   node --import tsx bench/validate.ts            # all sizes, updates docs/benchmarks.md
 *   node --import tsx bench/validate.ts --size 500 # one size, prints a JSON line
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { LineCounter, parseDocument } from 'yaml';
import { loadPlanText } from '../src/plan/load.js';

const SIZES = [50, 500, 5_000];
const RUNS = 21;
const WARMUPS = 5;

/** A valid plan with `regions` regions in 5 stages, 4 canary steps and 2 gates. */
export function generatePlan(regions: number): string {
  const lines = [
    'name: bench',
    'deploy:',
    '  workflow: deploy.yml',
    '  inputs: { region: "{{ region }}", version: "{{ version }}", traffic: "{{ step.traffic }}" }',
    'providers:',
    '  prom: { type: prometheus, url: "https://prom.example.com" }',
    'gates:',
    '  errors: { provider: prom, query: "sum(rate(errors{region=\\"{{ region }}\\"}[{{ window }}]))", max: 0.01, interval: 1m, count: 5 }',
    '  latency: { provider: prom, query: "histogram_quantile(0.99, rate(h{region=\\"{{ region }}\\"}[{{ window }}]))", max: 0.3, interval: 1m }',
    'defaults:',
    '  steps: [{ traffic: 1, bake: 10m }, { traffic: 10, bake: 10m }, { traffic: 50, bake: 10m }, { traffic: 100, bake: 15m }]',
    '  gates: [errors, latency]',
    'stages:',
  ];
  const stages = 5;
  for (let s = 0; s < stages; s++) {
    lines.push(`  - name: wave-${s}`, '    regions:');
    for (let r = s; r < regions; r += stages) lines.push(`      - region-${r}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Figures {
  regions: number;
  bytes: number;
  medianMs: number;
  /** Median of the YAML parse alone (with positions), the part of validate the project does not write. */
  parseMs: number;
  minMs: number;
  maxRssMb: number;
  heapUsedMb: number;
}

function measure(regions: number): Figures {
  const text = generatePlan(regions);
  const first = loadPlanText(text, 'bench.yml', { workflowsDir: false });
  for (let i = 1; i < WARMUPS; i++) loadPlanText(text, 'bench.yml', { workflowsDir: false });
  if (!first.plan) throw new Error(`generated plan is invalid: ${first.diagnostics[0]?.message}`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    loadPlanText(text, 'bench.yml', { workflowsDir: false });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const parseTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true });
    parseTimes.push(performance.now() - t0);
  }
  parseTimes.sort((a, b) => a - b);
  return {
    parseMs: parseTimes[Math.floor(parseTimes.length / 2)] ?? NaN,
    regions,
    bytes: text.length,
    medianMs: times[Math.floor(times.length / 2)] ?? NaN,
    minMs: times[0] ?? NaN,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
  };
}

function section(rows: Figures[]): string {
  const base = rows[0];
  const fmt = (n: number, d = 1) => n.toFixed(d);
  const lines = [
    '## Validate',
    '',
    `\`node --import tsx bench/validate.ts\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'}).`,
    `Plans with 5 stages, 4 steps, 2 gates; median of ${RUNS} validations after ${WARMUPS} warm-ups (YAML parse with positions,`,
    'schema, semantic checks, normalize), each size in a fresh process. Peak RSS includes Node itself and tsx.',
    '',
    '| regions | plan size | median | min | per region | time vs 50 | YAML parse alone | peak RSS | heap after |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.regions.toLocaleString('en-US')} | ${fmt(r.bytes / 1024)} KB | ${fmt(r.medianMs, 2)} ms | ${fmt(r.minMs, 2)} ms | ${fmt((r.medianMs * 1000) / r.regions, 1)} µs | ${base ? `${fmt(r.medianMs / base.medianMs, 1)}x` : ''} | ${fmt(r.parseMs, 2)} ms | ${fmt(r.maxRssMb, 0)} MB | ${fmt(r.heapUsedMb, 0)} MB |`,
    ),
    '',
    'Target: 500 regions under 100 ms, growing linearly with the number of regions. Most of the time is the',
    'YAML parse with source positions (yaml 2.9, its own column); schema and semantic checks are the rest.',
    '',
  ];
  return lines.join('\n');
}

/** Replaces (or appends) the "## Validate" section, leaving other sections alone. */
export function updateBenchmarks(doc: string, body: string): string {
  const start = doc.indexOf('## Validate\n');
  if (start < 0) return `${doc.trimEnd()}${doc.trim() ? '\n\n' : ''}${body}`;
  const next = doc.indexOf('\n## ', start + 1);
  return `${doc.slice(0, start)}${body}${next < 0 ? '' : doc.slice(next + 1)}`;
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] === self) {
  const sizeArg = process.argv.indexOf('--size');
  if (sizeArg > 0) {
    process.stdout.write(`${JSON.stringify(measure(Number(process.argv[sizeArg + 1])))}\n`);
  } else {
    const rows = SIZES.map((n) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, '--size', String(n)], { encoding: 'utf8' })) as Figures);
    const body = section(rows);
    process.stdout.write(`${body}\n`);
    const docPath = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
    const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
    writeFileSync(docPath, updateBenchmarks(doc, body));
  }
}
