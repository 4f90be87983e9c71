/**
 * Simulate speed and memory for large plans: 50, 500 and 5,000 regions (4 steps, 2 gates; the
 * same generated plans as bench/validate.ts). Each size runs in a fresh child process so peak
 * RSS belongs to that size alone; inside it, one warm-up and then RUNS timed `simulate` runs of
 * the whole release (plan load, every dispatch, poll, measurement and verdict on the virtual
 * clock). Writes the figures to docs/benchmarks.md under "## Simulate".
 *
 *   node --import tsx bench/simulate.ts            # all sizes, updates docs/benchmarks.md
 *   node --import tsx bench/simulate.ts --size 500 # one size, prints a JSON line
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadPlanText } from '../src/plan/load.js';
import { simulateCommand } from '../src/simulate/command.js';
import { generatePlan } from './validate.js';

const SIZES = [50, 500, 5_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Figures {
  regions: number;
  medianMs: number;
  minMs: number;
  history: number;
  virtualHours: number;
  maxRssMb: number;
}

async function measure(regions: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sim-'));
  const file = join(dir, 'release-plan.yml');
  const text = generatePlan(regions);
  writeFileSync(file, text);
  const plan = loadPlanText(text, file, { workflowsDir: false }).plan;
  if (!plan) throw new Error('generated plan is invalid');
  let json = '';
  const sink = { stdout: () => {}, stderr: (s: string) => process.stderr.write(s) };
  try {
    // One run with --json for the counts, then timed quiet runs (progress lines off: terminal I/O is not the engine).
    const code = await simulateCommand([file, '--json'], { stdout: (s) => (json += s), stderr: sink.stderr });
    if (code !== 0) throw new Error(`simulate exited ${code}`);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await simulateCommand([file, '--quiet'], sink);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const result = JSON.parse(json) as { state: { history: Array<{ at: number }>; startedAt: number; now: number } };
    return {
      regions,
      medianMs: times[Math.floor(times.length / 2)] ?? NaN,
      minMs: times[0] ?? NaN,
      history: result.state.history.length,
      virtualHours: (result.state.now - result.state.startedAt) / 3_600_000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function section(rows: Figures[]): string {
  const base = rows[0];
  const fmt = (n: number, d = 1) => n.toFixed(d);
  return [
    '## Simulate',
    '',
    `\`node --import tsx bench/simulate.ts\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'}).`,
    `The generated plans of bench/validate.ts (5 stages, every region of a stage at once, 4 steps of 10-15 min bake, 2 gates),`,
    `simulated end to end with \`simulate --quiet\`: plan load, every dispatch, poll, measurement and verdict on the virtual clock.`,
    `Median of ${RUNS} runs after one warm-up, each size in a fresh process; peak RSS includes Node itself and tsx.`,
    '',
    '| regions | median | min | per region | time vs 50 | history entries | simulated time | peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.regions.toLocaleString('en-US')} | ${fmt(r.medianMs, 0)} ms | ${fmt(r.minMs, 0)} ms | ${fmt((r.medianMs * 1000) / r.regions, 0)} µs | ${base ? `${fmt(r.medianMs / base.medianMs, 1)}x` : ''} | ${r.history.toLocaleString('en-US')} | ${fmt(r.virtualHours, 1)} h | ${fmt(r.maxRssMb, 0)} MB |`),
    '',
  ].join('\n');
}

/** Replaces (or appends) the "## Simulate" section, leaving other sections alone. */
function updateBenchmarks(doc: string, body: string): string {
  const start = doc.indexOf('## Simulate\n');
  if (start < 0) return `${doc.trimEnd()}${doc.trim() ? '\n\n' : ''}${body}`;
  const next = doc.indexOf('\n## ', start + 1);
  return `${doc.slice(0, start)}${body}${next < 0 ? '' : doc.slice(next + 1)}`;
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] === self) {
  const sizeArg = process.argv.indexOf('--size');
  if (sizeArg > 0) {
    process.stdout.write(`${JSON.stringify(await measure(Number(process.argv[sizeArg + 1])))}\n`);
  } else {
    const rows: Figures[] = [];
    for (const size of SIZES) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--size', String(size)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const row = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Figures;
      process.stderr.write(`${size} regions: median ${row.medianMs.toFixed(0)} ms, peak RSS ${row.maxRssMb.toFixed(0)} MB\n`);
      rows.push(row);
    }
    const docPath = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
    let doc = '';
    try {
      doc = readFileSync(docPath, 'utf8');
    } catch {
      doc = '# Benchmarks\n';
    }
    writeFileSync(docPath, updateBenchmarks(doc, section(rows)));
    process.stdout.write(`${section(rows)}\n`);
  }
}
