/**
 * GitHub cost of a release, against the HTTP fake:
 *  1. rate-limit-counted requests (and 304s, which do not count) per region for a 20-region
 *     release with 1, 2 and 4 traffic steps and maxParallel 5 and 1, driven through runMode in
 *     process (virtual time);
 *  2. cold start of the bundled driver to its first request at the fake, against bare node
 *     making the same first request (medians of several runs, and the difference).
 *
 * Run: `node --import tsx bench/github-requests.ts` (builds the runner with ncc into a temp dir);
 * `-- --requests` for the request counts only.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMode } from '../src/run/action-run.js';
import { makeFake, runnerEnv, writePlan } from '../test/github-e2e-helpers.js';
import type { GitHubFake } from '../test/github-fake/server.js';

const REGIONS = Array.from({ length: 20 }, (_, i) => `region-${String(i + 1).padStart(2, '0')}`);

async function requestsPerRegion(steps: number[], maxParallel = 5): Promise<{ perRegion: number; notModified: number }> {
  const fake = makeFake();
  await fake.start();
  const plan = writePlan(REGIONS, { steps, maxParallel });
  const out = await runMode({ plan, token: 'test-token', mode: 'run', version: '3.0.0' }, { env: runnerEnv(fake), handleSignals: false, log: () => undefined, writeSummary: async () => undefined });
  const c = fake.counts();
  const byKind = new Map<string, number>();
  for (const e of fake.log) {
    if (!e.counted) continue;
    const k = `${e.method} ${e.template.replace('/repos/{owner}/{repo}', '')}`;
    byKind.set(k, (byKind.get(k) ?? 0) + 1);
  }
  console.log(`\nrelease: ${out.decision}, ${REGIONS.length} regions x ${steps.length} step(s) (${steps.join('%, ')}%), maxParallel ${maxParallel}, API mismatches: ${fake.errors.length}`);
  console.log(`counted requests: ${c.counted} (${(c.counted / REGIONS.length).toFixed(1)} per region), 304s: ${c.notModified} (${(c.notModified / REGIONS.length).toFixed(1)} per region)`);
  for (const [k, n] of [...byKind.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${(n / REGIONS.length).toFixed(2)}/region  ${k}`);
  await fake.stop();
  return { perRegion: c.counted / REGIONS.length, notModified: c.notModified / REGIONS.length };
}

/** Time from spawn to the fake seeing the first request. */
async function timeToFirstRequest(fake: GitHubFake, args: string[], env: Record<string, string>): Promise<number> {
  const before = fake.log.length;
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
  while (fake.log.length === before) await new Promise((r) => setTimeout(r, 1));
  const ms = performance.now() - t0;
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function coldStart(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'pr-bench-'));
  execFileSync('npx', ['ncc', 'build', 'test/github-fake/run-action.ts', '-o', out, '--quiet'], { stdio: 'ignore' });
  const fake = makeFake();
  await fake.start();
  const plan = writePlan(['eu-west']);
  const env = { ...runnerEnv(fake), GITHUB_TOKEN: 'test-token', PR_PLAN: plan, PR_VERSION: '1.0.0' };
  const bare = `fetch(${JSON.stringify(`${fake.url}/repos/acme/shop/commits/${'0'.repeat(40)}/check-runs?check_name=x`)}, { headers: { authorization: 'token test-token' } }).catch(() => {})`;
  const runs = 15;
  const b: number[] = [];
  const r: number[] = [];
  const d: number[] = [];
  const dist = join(process.cwd(), 'dist', 'index.js');
  for (let i = 0; i < runs; i++) {
    b.push(await timeToFirstRequest(fake, ['-e', bare], env));
    r.push(await timeToFirstRequest(fake, [join(out, 'index.js')], env));
  }
  console.log(`cold start to first request (median of ${runs}): bare node ${median(b).toFixed(0)} ms, bundled driver ${median(r).toFixed(0)} ms, difference ${(median(r) - median(b)).toFixed(0)} ms (ratio ${(median(r) / median(b)).toFixed(2)})`);
  if (existsSync(dist)) {
    const inputs = { INPUT_MODE: 'run', INPUT_PLAN: plan, INPUT_VERSION: '1.0.0', INPUT_TOKEN: 'test-token' };
    for (let i = 0; i < runs; i++) {
      const ms = await Promise.race([timeToFirstRequest(fake, [dist], { ...env, ...inputs }), new Promise<number>((res) => setTimeout(() => res(NaN), 5000))]);
      d.push(ms);
      if (Number.isNaN(ms)) break;
    }
    if (d.every((x) => !Number.isNaN(x))) console.log(`dist/index.js (mode run) to first request: ${median(d).toFixed(0)} ms, ${(median(d) - median(b)).toFixed(0)} ms over bare node`);
    else console.log('dist/index.js made no request within 5 s (mode run not wired into dist yet?)');
  }
  await fake.stop();
}

console.log('Each deploy run is seen queued once and in progress twice before it completes (the fake\'s script).');
const shapes: Array<[number[], number]> = [[[100], 5], [[50, 100], 5], [[10, 25, 50, 100], 5], [[100], 1], [[50, 100], 1], [[10, 25, 50, 100], 1]];
const table: string[] = [];
for (const [steps, maxParallel] of shapes) {
  const r = await requestsPerRegion(steps, maxParallel);
  table.push(`| ${steps.length} | ${maxParallel} | ${(r.perRegion * REGIONS.length).toFixed(0)} | ${r.perRegion.toFixed(1)} | ${(r.perRegion / steps.length).toFixed(1)} | ${r.notModified.toFixed(1)} |`);
}
console.log('\n| steps | maxParallel | counted | per region | per region and step | 304s per region |\n|---:|---:|---:|---:|---:|---:|');
console.log(table.join('\n'));
// `--requests` skips the cold start (it builds a bundle and takes a while).
if (!process.argv.includes('--requests')) await coldStart();
process.exit(0);
