/**
 * Simulate speed and memory for large plans: 50, 500 and 5,000 regions (4 steps, 2 gates; the
 * same generated plans as bench/validate.ts). Each size runs in a fresh child process so peak
 * RSS belongs to that size alone; RUNS fresh processes per size each time one `simulate --quiet`
 * of the whole release (plan load, every dispatch, poll, measurement and verdict on the virtual
 * clock, the final table). Writes the figures to docs/benchmarks.md under "## Simulate".
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
import { simulateCommand } from '../src/cli/simulate.js';
import { simulateRelease } from '../src/simulate/run.js';
import { emptyScenario } from '../src/simulate/scenario.js';
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

/**
 * One timed run in this (fresh) process: two warm-up runs of the 50-region plan first, so the
 * JIT has compiled the engine, then a full GC, then the run of `regions`. Repeating runs of the
 * big plan in one process would time the collector cleaning up earlier runs, not the engine.
 */
async function measure(regions: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sim-'));
  const sink = { out: () => {}, err: (s: unknown) => void process.stderr.write(String(s)) };
  try {
    const warm = join(dir, 'warm.yml');
    writeFileSync(warm, generatePlan(50));
    for (let i = 0; i < 2; i++) await simulateCommand([warm, '--quiet'], sink);
    const file = join(dir, 'release-plan.yml');
    const text = generatePlan(regions);
    writeFileSync(file, text);
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    const code = await simulateCommand([file, '--quiet'], sink);
    const ms = performance.now() - t0;
    if (code !== 0) throw new Error(`simulate exited ${code}`);
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    // Counts for the table, from the same engine call the command makes (not timed).
    const plan = loadPlanText(text, file, { workflowsDir: false }).plan;
    if (!plan) throw new Error('generated plan is invalid');
    const res = await simulateRelease({ plan, version: '1.0.0', releaseId: 'bench-1.0.0', scenario: emptyScenario(), seed: 1, recordEvents: false });
    return {
      regions,
      medianMs: ms,
      minMs: ms,
      history: res.state.history.length,
      virtualHours: (res.state.now - (res.state.startedAt ?? 0)) / 3_600_000,
      maxRssMb,
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
    `Median of ${RUNS} runs, each in a fresh process (after two warm-up runs of the 50-region plan and a GC); peak RSS`,
    'is the highest of those processes and includes Node itself and tsx.',
    '',
    '| regions | median | min | per region | time vs 50 | history entries | simulated time | peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.regions.toLocaleString('en-US')} | ${fmt(r.medianMs, 0)} ms | ${fmt(r.minMs, 0)} ms | ${fmt((r.medianMs * 1000) / r.regions, 0)} µs | ${base ? `${fmt(r.medianMs / base.medianMs, 1)}x` : ''} | ${r.history.toLocaleString('en-US')} | ${fmt(r.virtualHours, 1)} h | ${fmt(r.maxRssMb, 0)} MB |`,
    ),
    '',
    'Target: 500 regions under 5 s, linear. The time per region does not grow from 50 to 5,000 regions. Two',
    'quadratic costs were found and removed on the way (5,000 regions went from 16.5 s to ~4.5 s): every timer',
    'tick scanned every region in flight (1,000 at once here), and the driver polled every run on every tick;',
    'ticks now pop a timer heap kept in the state and runs are polled on their own 30 s schedule. Repeating the',
    '5,000-region run inside one process also looks superlinear, but that is the garbage collector cleaning up',
    'the earlier runs (470,000 history entries each), hence one run per fresh process. The machine is shared:',
    'the min column is the less disturbed figure.',
    '',
  ].join('\n');
}

/** Replaces (or appends) the "## Simulate" section, leaving other sections alone. */
function updateBenchmarks(doc: string, body: string): string {
  const start = doc.indexOf('## Simulate\n');
  if (start < 0) return `${doc.trimEnd()}${doc.trim() ? '\n\n' : ''}${body}`;
  const next = doc.indexOf('\n## ', start + 1);
  return `${doc.slice(0, start)}${body}${next < 0 ? '' : `\n${doc.slice(next + 1)}`}`;
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] === self) {
  const sizeArg = process.argv.indexOf('--size');
  if (sizeArg > 0) {
    process.stdout.write(`${JSON.stringify(await measure(Number(process.argv[sizeArg + 1])))}\n`);
  } else {
    const rows: Figures[] = [];
    for (const size of SIZES) {
      const runs: Figures[] = [];
      for (let i = 0; i < RUNS; i++) {
        const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--size', String(size)], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        runs.push(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Figures);
      }
      const times = runs.map((r) => r.medianMs).sort((a, b) => a - b);
      const first = runs[0] as Figures;
      const row: Figures = {
        ...first,
        medianMs: times[Math.floor(times.length / 2)] ?? NaN,
        minMs: times[0] ?? NaN,
        maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
      };
      process.stderr.write(`${size} regions: median ${row.medianMs.toFixed(0)} ms, peak RSS ${row.maxRssMb.toFixed(0)} MB\n`);
      rows.push(row);
    }
    const docPath = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
    let doc: string;
    try {
      doc = readFileSync(docPath, 'utf8');
    } catch {
      doc = '# Benchmarks\n';
    }
    writeFileSync(docPath, updateBenchmarks(doc, section(rows)));
    process.stdout.write(`${section(rows)}\n`);
  }
}
