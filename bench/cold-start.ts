/**
 * Cold start of the action bundle, the way the runner starts it (`node index.js`, INPUT_* env):
 *  - mode run: from spawn to the first request the GitHub fake sees, against bare node making
 *    the same first request with fetch;
 *  - mode validate: from spawn to exit (a valid plan, outputs and summary files written),
 *    against bare `node -e 0`;
 *  - mode plan: from spawn to exit, the pre-flight of a valid plan with one Prometheus gate on
 *    two regions, answered by a loopback fake in this process (two requests; what is timed is
 *    the start-up, not a backend), against bare `node -e 0`;
 *  - mode run with telemetry on (issue 13): as mode run, with OTEL_EXPORTER_OTLP_ENDPOINT set to a
 *    loopback receiver (traces: the OpenTelemetry SDK loads before the first request), and again
 *    with `metrics-file` too (the release's metrics). Telemetry off is plain mode run.
 * Runs alternate (bare, build A, build B, bare, ...) so drift on the machine hits all alike;
 * figures are medians.
 *
 * Run: `node --import tsx bench/cold-start.ts` builds with the package.json build script into a
 * temp dir (never dist/). `node --import tsx bench/cold-start.ts DIR [build]` measures existing
 * builds (folders holding index.js; `build` = a fresh one) side by side, e.g. the committed dist/
 * against the sources. RUNS=41 changes the number of runs (default 25: on a shared machine fewer
 * runs move the medians by several ms).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { makeFake, runnerEnv, writePlan } from '../test/github-e2e-helpers.js';
import type { GitHubFake } from '../test/github-fake/server.js';

const runs = Number(process.env.RUNS ?? 25);

/** Builds with the package.json script, output folder swapped for a temp one (as test/dist-stale does). */
function buildIntoTemp(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'pr-cold-')), 'dist');
  // The build script `npm run build` runs, pointed at a temp folder: never the repository's dist/.
  execFileSync(process.execPath, ['scripts/build.mjs', out], { stdio: 'inherit' });
  return out;
}

/**
 * Time from spawn to the fake receiving a request (the child is killed then); NaN after 5 s.
 * Event-driven (the server's 'request' event), so this process does not compete for the CPU.
 */
async function toFirstRequest(fake: GitHubFake, args: string[], env: Record<string, string>): Promise<number> {
  const server = (fake as unknown as { server: Server }).server;
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
  let onRequest: (() => void) | undefined;
  const ms = await new Promise<number>((resolve) => {
    const timer = setTimeout(() => resolve(NaN), 5000);
    onRequest = () => {
      clearTimeout(timer);
      resolve(performance.now() - t0);
    };
    server.once('request', onRequest);
  });
  if (onRequest) server.removeListener('request', onRequest);
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  return ms;
}

/** Time from spawn to exit; throws when the exit code is not 0. */
async function toExit(args: string[], env: Record<string, string>, cwd: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}: ${output}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

// `build` (or no argument) stands for a fresh build of the current sources.
const args = process.argv.slice(2);
const fresh: string[] = [];
const builds = (args.length ? args : ['build']).map((d) => (d === 'build' ? (fresh.push(buildIntoTemp()), fresh[fresh.length - 1] as string) : resolve(d)));
for (const b of builds) if (!existsSync(join(b, 'index.js'))) throw new Error(`${b}/index.js is missing`);

const fake = makeFake();
await fake.start();
const plan = writePlan(['eu-west', 'us-east']);
const env = runnerEnv(fake);
const files = mkdtempSync(join(tmpdir(), 'pr-cold-files-'));
const outputFile = join(files, 'output');
const summaryFile = join(files, 'summary');
// The runner creates both files before the step starts.
writeFileSync(outputFile, '');
writeFileSync(summaryFile, '');
const runInputs = {
  INPUT_MODE: 'run',
  INPUT_PLAN: plan,
  INPUT_VERSION: '1.0.0',
  INPUT_TOKEN: 'test-token',
  GITHUB_OUTPUT: outputFile,
  GITHUB_STEP_SUMMARY: summaryFile,
};
const validateInputs = { INPUT_MODE: 'validate', INPUT_PLAN: plan, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_WORKSPACE: files };
// Bare node makes the same first request as the action does (the ledger lookup by check name).
const bareFetch = `fetch(${JSON.stringify(`${fake.url}/repos/acme/shop/commits/${'0'.repeat(40)}/check-runs?check_name=x`)}, { headers: { authorization: 'token test-token' } }).catch(() => {})`;

// A Prometheus that answers every instant query at once, below the gate's limit.
const prometheus = createServer((req, res) => {
  req.resume();
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [Date.now() / 1000, '0.001'] } }));
});
await new Promise<void>((r) => prometheus.listen(0, '127.0.0.1', r));
const gatedPlan = join(files, 'gated-plan.yml');
writeFileSync(
  gatedPlan,
  [
    'name: shop',
    'deploy:',
    '  workflow: deploy.yml',
    '  inputs: { region: "{{ region }}", version: "{{ version }}" }',
    '  correlationInput: correlation_id',
    'providers:',
    '  prom:',
    '    type: prometheus',
    `    url: http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`,
    'gates:',
    '  errors:',
    '    provider: prom',
    '    query: sum(rate(http_requests_total{region="{{ region }}",code=~"5.."}[5m]))',
    '    max: 0.01',
    'defaults:',
    '  steps: [{ traffic: 100, bake: 5m }]',
    '  gates: [errors]',
    'stages:',
    '  - { name: all, regions: [eu-west, us-east] }',
    '',
  ].join('\n'),
);
// An OTLP receiver that accepts everything (the job is killed at its first GitHub request, before any export).
const otlp = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
await new Promise<void>((r) => otlp.listen(0, '127.0.0.1', r));
const tracesOn = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(otlp.address() as AddressInfo).port}` };
const allOn = { ...tracesOn, 'INPUT_METRICS-FILE': join(files, 'release-metrics.prom') };

const planInputs = {
  INPUT_MODE: 'plan',
  INPUT_PLAN: gatedPlan,
  INPUT_VERSION: '1.0.0',
  GITHUB_OUTPUT: outputFile,
  GITHUB_STEP_SUMMARY: summaryFile,
  GITHUB_WORKSPACE: files,
};

const bareRun: number[] = [];
const bareExit: number[] = [];
const run = builds.map(() => [] as number[]);
const validate = builds.map(() => [] as number[]);
const planTimes = builds.map(() => [] as number[]);
const runTraces = builds.map(() => [] as number[]);
const runAll = builds.map(() => [] as number[]);
for (let i = 0; i < runs; i++) {
  bareRun.push(await toFirstRequest(fake, ['-e', bareFetch], env));
  for (const [k, b] of builds.entries()) run[k]?.push(await toFirstRequest(fake, [join(b, 'index.js')], { ...env, ...runInputs }));
  for (const [k, b] of builds.entries()) runTraces[k]?.push(await toFirstRequest(fake, [join(b, 'index.js')], { ...env, ...runInputs, ...tracesOn }));
  for (const [k, b] of builds.entries()) runAll[k]?.push(await toFirstRequest(fake, [join(b, 'index.js')], { ...env, ...runInputs, ...allOn }));
  bareExit.push(await toExit(['-e', '0'], env, files));
  for (const [k, b] of builds.entries()) {
    writeFileSync(outputFile, '');
    // cwd is an empty workspace: no .github/workflows to check the plan against.
    validate[k]?.push(await toExit([join(b, 'index.js')], { ...env, ...validateInputs }, files));
    if (!readFileSync(outputFile, 'utf8').includes('valid')) throw new Error(`${b}: mode validate wrote no decision`);
  }
  for (const [k, b] of builds.entries()) {
    writeFileSync(outputFile, '');
    planTimes[k]?.push(await toExit([join(b, 'index.js')], { ...env, ...planInputs }, files));
    if (!readFileSync(outputFile, 'utf8').includes('ready')) throw new Error(`${b}: mode plan wrote no decision`);
  }
}
await fake.stop();
await new Promise((r) => prometheus.close(r));
await new Promise((r) => otlp.close(r));
rmSync(files, { recursive: true, force: true });

/** The spread of a series: its interquartile range (the middle half of the runs). */
const iqr = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.floor((s.length - 1) * p)] ?? NaN;
  return `${q(0.25).toFixed(0)}-${q(0.75).toFixed(0)}`;
};
const fmt = (xs: number[], base: number): string =>
  xs.some(Number.isNaN) ? 'no request within 5 s' : `${median(xs).toFixed(0)} ms (+${(median(xs) - base).toFixed(0)}; middle half ${iqr(xs)} ms)`;
console.log(`Node ${process.version}, median of ${runs} alternating runs`);
console.log(`bare node, fetch to first request: ${median(bareRun).toFixed(0)} ms; bare node -e 0 to exit: ${median(bareExit).toFixed(0)} ms`);
for (const [k, b] of builds.entries()) {
  console.log(
    [
      b,
      `  mode run to first request: ${fmt(run[k] ?? [], median(bareRun))}`,
      `    traces on (OTLP endpoint): ${fmt(runTraces[k] ?? [], median(bareRun))}`,
      `    traces and metrics-file:   ${fmt(runAll[k] ?? [], median(bareRun))}`,
      `  mode validate to exit:     ${fmt(validate[k] ?? [], median(bareExit))}`,
      `  mode plan to exit:         ${fmt(planTimes[k] ?? [], median(bareExit))}`,
    ].join('\n'),
  );
}
for (const dir of fresh) rmSync(dirname(dir), { recursive: true, force: true });
process.exit(0);
