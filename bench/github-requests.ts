/**
 * GitHub cost of a release, against the HTTP fake (test/github-fake/): rate-limit-counted requests
 * (and 304s, which do not count) per region for a full 20-region release, driven through runMode
 * in process on a virtual clock shared with the fake.
 *
 * Deploy runs progress on that clock as runs on GitHub do (`timed` scripts): queued for 5-15 s,
 * then in progress for 2-4 min (seeded per run, so runs dispatched together do not finish
 * together), then completed. The driver polls on its own schedule (every 15 s); what it sees
 * depends on how often it looks, not on how many times it asks. `--per-observation` uses the
 * fake's other script instead (each run seen queued once and in progress twice, whatever the
 * clock), the figures of the first version of this bench.
 *
 * `--no-correlation`: the plan declares no correlationInput (the driver then saves each batch of
 * dispatch answers at once, as it cannot find those runs again after a crash).
 *
 * `--no-inbox`: the runner's GITHUB_WORKFLOW_REF is left out, so the driver reads no commands
 * given meanwhile (the release workflow's runs, every poll interval: conditional, mostly 304s).
 *
 * Run: `node --import tsx bench/github-requests.ts [--per-observation] [--no-correlation] [--no-inbox]`. Cold start: bench/cold-start.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plural } from '../src/plan/words.js';
import { runMode } from '../src/modes/drive-release.js';
import type { Clock } from '../src/driver/ports.js';
import { runnerEnv } from '../test/github-e2e-helpers.js';
import { GitHubFake } from '../test/github-fake/server.js';

const REGIONS = Array.from({ length: 20 }, (_, i) => `region-${String(i + 1).padStart(2, '0')}`);
const perObservation = process.argv.includes('--per-observation');
const correlation = !process.argv.includes('--no-correlation');
/** `--no-inbox`: no GITHUB_WORKFLOW_REF, so the driver reads no commands (the figures before issue 12). */
const inbox = !process.argv.includes('--no-inbox');
const pollArg = process.argv.indexOf('--poll');
/** `--poll SECONDS`: the driver's run poll interval (default: the driver's own, 15 s). */
const pollIntervalMs = pollArg > 0 ? Number(process.argv[pollArg + 1]) * 1000 : undefined;

interface Shape {
  name: string;
  steps: number[];
  /** Sizes and maxParallel of the stages after the one-region canary. */
  stages: Array<{ size: number; maxParallel: number }>;
}

/** Time jumps to the driver's next wake-up; the fake reads the same clock. */
class JumpClock implements Clock {
  private t = Date.UTC(2026, 10, 23, 12);
  now(): number {
    return this.t;
  }
  async sleepUntil(epochMs: number): Promise<void> {
    this.t = Math.max(this.t, epochMs);
    await new Promise((r) => setImmediate(r));
  }
}

function planFile(shape: Shape): string {
  const dir = mkdtempSync(join(tmpdir(), 'pr-bench-plan-'));
  const file = join(dir, 'release-plan.yml');
  const lines = [
    'name: shop',
    'deploy:',
    '  workflow: deploy.yml',
    '  inputs: { region: "{{ region }}", version: "{{ version }}", traffic: "{{ step.traffic }}" }',
    ...(correlation ? ['  correlationInput: correlation_id'] : []),
    'rollback:',
    '  workflow: rollback.yml',
    '  inputs: { region: "{{ region }}" }',
    ...(correlation ? ['  correlationInput: correlation_id'] : []),
    'environment: "production/{{ region }}"',
    'defaults:',
    '  steps:',
    ...shape.steps.map((t) => `    - { traffic: ${t}, bake: 10m }`),
    'stages:',
    `  - { name: canary, regions: [${REGIONS[0]}] }`,
  ];
  let next = 1;
  shape.stages.forEach((st, i) => {
    lines.push(`  - { name: wave-${i + 1}, regions: [${REGIONS.slice(next, next + st.size).join(', ')}], maxParallel: ${st.maxParallel} }`);
    next += st.size;
  });
  if (next !== REGIONS.length) throw new Error(`shape ${shape.name} covers ${next} of ${REGIONS.length} regions`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Deterministic 0..1 per run id. */
const unit = (id: number): number => ((id * 2_654_435_761) >>> 0) / 0x1_0000_0000;

async function measure(shape: Shape): Promise<{ perRegion: number; notModified: number; byKind: Map<string, number> }> {
  const clock = new JumpClock();
  let runSeq = 0;
  const fake = new GitHubFake({
    owner: 'acme',
    repo: 'shop',
    now: () => clock.now(),
    workflows: {
      'deploy.yml': { inputs: ['region', 'version', 'traffic', 'correlation_id'], runName: 'deploy {{ region }} {{ traffic }}% [{{ correlation_id }}]' },
      'rollback.yml': { inputs: ['region', 'correlation_id'], runName: 'rollback {{ region }} [{{ correlation_id }}]' },
      // The workflow that drives the release: its runs are the inbox of commands.
      'release.yml': { inputs: ['version', 'command', 'release', 'stage', 'region', 'reason'] },
    },
    script: () => {
      const u = unit(++runSeq);
      return perObservation
        ? { queuedPolls: 1, inProgressPolls: 2, conclusion: 'success' }
        : { conclusion: 'success', timed: { queuedMs: 5_000 + 10_000 * u, inProgressMs: 120_000 + 120_000 * unit(runSeq + 7_919) } };
    },
    permissions: { alice: 'admin' },
  });
  await fake.start();
  const out = await runMode(
    { plan: planFile(shape), token: 'test-token', mode: 'run', version: '3.0.0' },
    {
      env: runnerEnv(fake, inbox ? { GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/release.yml@refs/heads/main' } : {}),
      clock,
      ...(pollIntervalMs ? { pollIntervalMs } : {}),
      handleSignals: false,
      log: () => undefined,
      writeSummary: async () => undefined,
    },
  );
  if (out.decision !== 'promoted' || fake.errors.length > 0)
    throw new Error(`${shape.name}: ${out.decision} ${out.reasonCode} ${JSON.stringify(out.details).slice(0, 600)} ${fake.errors.join('; ')}`);
  const c = fake.counts();
  const byKind = new Map<string, number>();
  for (const e of fake.log) {
    if (!e.counted) continue;
    const k = `${e.method} ${e.template.replace('/repos/{owner}/{repo}', '')}`;
    byKind.set(k, (byKind.get(k) ?? 0) + 1);
  }
  await fake.stop();
  return { perRegion: c.counted / REGIONS.length, notModified: c.notModified / REGIONS.length, byKind };
}

const uniform = (steps: number[], maxParallel: number): Shape => ({
  name: `${plural(steps.length, 'step')}, maxParallel ${maxParallel}`,
  steps,
  stages: [{ size: 19, maxParallel }],
});
const shapes: Shape[] = [
  // workflows-examples/release-plan.yml grown to 20 regions: 3 steps, waves of 2 and 3.
  {
    name: 'example plan, 20 regions',
    steps: [10, 50, 100],
    stages: [
      { size: 6, maxParallel: 2 },
      { size: 7, maxParallel: 3 },
      { size: 6, maxParallel: 2 },
    ],
  },
  uniform([100], 5),
  uniform([50, 100], 5),
  uniform([10, 50, 100], 5),
  uniform([10, 25, 50, 100], 5),
  uniform([100], 1),
  uniform([50, 100], 1),
  uniform([10, 50, 100], 1),
  uniform([10, 25, 50, 100], 1),
];

console.log(
  `runs: ${perObservation ? 'seen queued once and in progress twice (per observation)' : 'timed on the virtual clock (queued 5-15 s, in progress 2-4 min), driver polls every 15 s'}; ${correlation ? 'with' : 'without'} correlationInput`,
);
const table: string[] = [];
for (const shape of shapes) {
  const r = await measure(shape);
  console.log(`\n${shape.name}: ${r.perRegion.toFixed(2)} counted per region, ${r.notModified.toFixed(2)} 304s per region`);
  for (const [k, n] of [...r.byKind.entries()].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(n).padStart(4)}  ${(n / REGIONS.length).toFixed(2)}/region  ${k}`);
  table.push(
    `| ${shape.name} | ${shape.steps.length} | ${(r.perRegion * REGIONS.length).toFixed(0)} | **${r.perRegion.toFixed(1)}** | ${(r.perRegion / shape.steps.length).toFixed(1)} | ${r.notModified.toFixed(1)} |`,
  );
}
console.log('\n| release (20 regions) | steps | counted | per region | per region and step | 304s per region |\n|---|---:|---:|---:|---:|---:|');
console.log(table.join('\n'));
process.exit(0);
