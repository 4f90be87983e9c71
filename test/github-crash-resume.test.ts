/**
 * Crash and resume: the action (runMode bundled as the action is, as a child process) is SIGKILLed
 * right after its N-th mutating request took effect, for every N of a 6-region release, then
 * started again. Every kill point must end like an uninterrupted run, with each region
 * dispatched exactly once per step and one deployment per region and step. Then faults: 10%
 * transient failures and lost POST answers, still no duplicates.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../src/github/envelope.js';
import { randomFaults, type GitHubFake } from './github-fake/server.js';
import { dispatchCounts, makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';
import { testNode } from './support/node-binary.js';

const REGIONS = ['eu-west', 'eu-north', 'us-east', 'us-west', 'ap-south', 'ap-east'];
let runner = '';

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'pr-runner-'));
  execFileSync(process.execPath, ['scripts/build.mjs', out, '--entry', 'test/github-fake/run-action.ts'], { stdio: 'ignore' });
  runner = join(out, 'index.js');
}, 120_000);

interface Child {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the action once; `killAt`: SIGKILL it right after the fake applied that many mutations (or send `signal` then, without holding requests). */
function runOnce(fake: GitHubFake, plan: string, holder: string, killAt?: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<Child> {
  const child = spawn(testNode(), [runner], {
    env: { PATH: process.env.PATH ?? '', ...runnerEnv(fake, { GITHUB_RUN_ID: holder }), GITHUB_TOKEN: 'test-token', PR_PLAN: plan, PR_VERSION: '2.0.0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const start = fake.mutations;
  const hook = (n: number): void => {
    if (killAt !== undefined && n - start === killAt) {
      // Hold every later request so nothing else happens before the kill lands.
      if (signal === 'SIGKILL') fake.frozen = true;
      child.kill(signal);
    }
  };
  fakeHooks.set(fake, hook);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      fakeHooks.delete(fake);
      fake.thaw();
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

const fakeHooks = new Map<GitHubFake, (n: number) => void>();

async function newFake(extra: Parameters<typeof makeFake>[1] = {}): Promise<GitHubFake> {
  // The hook is looked up when a mutation happens, after `fake` is assigned.
  const fake: GitHubFake = makeFake([], { ...extra, onMutation: (n) => fakeHooks.get(fake)?.(n) });
  await fake.start();
  return fake;
}

/** What must be the same however often the driver was killed. */
function finalState(fake: GitHubFake) {
  const cr = fake.checkRuns;
  const state = decodeEnvelope(cr[0]?.text ?? '').state as { outcome?: { decision: string }; regions: Record<string, { phase: string; step: number }> };
  const keys = fake.deployments.map((d) => (d.payload as { key: string }).key);
  return {
    checkRuns: cr.length,
    conclusion: cr[0]?.conclusion,
    decision: state.outcome?.decision,
    phases: Object.fromEntries(Object.entries(state.regions).map(([k, v]) => [k, v.phase])),
    dispatches: Object.fromEntries([...dispatchCounts(fake).entries()].sort()),
    duplicateDeployments: keys.length - new Set(keys).size,
  };
}

/** The deployment records people see: one per region, and its last status. */
function deploymentRecords(fake: GitHubFake): string[] {
  return fake.deployments.map((d) => `${d.environment}:${fake.statusesOf(d.id).at(-1) ?? 'none'}`).sort();
}

/** Last JSON line of the child's stdout (core.warning also writes to stdout). */
function outcomeOf(stdout: string): { decision: string } {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  return JSON.parse(line ?? '{}') as { decision: string };
}

interface KillResult {
  n: number;
  problems: string[];
  records: string[];
}

describe('crash and resume (bundle as a child process)', () => {
  let expectedRecords: string[] = [];
  let results: KillResult[] | undefined;

  /** Kills the driver at every mutation boundary in turn (run once, shared by the tests below). */
  async function killAtEveryBoundary(): Promise<KillResult[]> {
    if (results) return results;
    const plan = writePlan(REGIONS, { steps: [50, 100], maxParallel: 3 });
    const clean = await newFake();
    const whole = await runOnce(clean, plan, '1000');
    expect(whole.code, whole.stderr).toBe(0);
    expect(outcomeOf(whole.stdout).decision).toBe('promoted');
    const expected = finalState(clean);
    expectedRecords = deploymentRecords(clean);
    const total = clean.mutations;
    expect(clean.errors).toEqual([]);
    await clean.stop();
    expect(Object.values(expected.dispatches).every((n) => n === 1)).toBe(true);
    expect(Object.keys(expected.dispatches)).toHaveLength(12);
    expect(total).toBeGreaterThan(30);

    results = [];
    for (let n = 1; n < total; n++) {
      const problems: string[] = [];
      const fake = await newFake();
      const killed = await runOnce(fake, plan, '2000', n);
      if (killed.signal !== 'SIGKILL') problems.push(`the driver was not killed (${String(killed.code)})`);
      const again = await runOnce(fake, plan, '3000');
      if (again.code !== 0) problems.push(`restart exited ${String(again.code)}: ${again.stderr.slice(0, 300)}`);
      const got = finalState(fake);
      if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push(JSON.stringify(got));
      if (fake.errors.length) problems.push(`API mismatches ${fake.errors.slice(0, 3).join('; ')}`);
      results.push({ n, problems, records: deploymentRecords(fake) });
      await fake.stop();
    }
    return results;
  }

  it('every kill point ends in the same decision, phases and ledger, each region dispatched once per step, no duplicate deployment', async () => {
    const all = await killAtEveryBoundary();
    expect(all.filter((r) => r.problems.length > 0).map((r) => `kill at ${r.n}: ${r.problems.join(' | ')}`)).toEqual([]);
  }, 600_000);

  // A deployment record or status whose effect was lost in the crash is re-emitted on resume
  // (the core keeps the wanted and the confirmed status per step), so no record stays behind.
  it('every kill point ends with the same deployment records and last statuses', async () => {
    const all = await killAtEveryBoundary();
    expect(all.filter((r) => JSON.stringify(r.records) !== JSON.stringify(expectedRecords)).map((r) => r.n)).toEqual([]);
  }, 600_000);

  it('SIGINT (job cancelled) saves the state and releases the lease; a new driver finishes the release', async () => {
    const plan = writePlan(REGIONS, { steps: [50, 100], maxParallel: 3 });
    const fake = await newFake();
    const stopped = await runOnce(fake, plan, '5000', 15, 'SIGINT');
    expect(stopped.code).toBe(130);
    const env = decodeEnvelope(fake.checkRuns[0]?.text ?? '');
    expect(env.lease).toBeUndefined();
    expect((env.state as { status: string }).status).toBe('running');
    const again = await runOnce(fake, plan, '5001');
    expect(again.code, again.stderr.slice(0, 300)).toBe(0);
    expect(outcomeOf(again.stdout).decision).toBe('promoted');
    for (const [key, n] of dispatchCounts(fake)) expect(n, key).toBe(1);
    expect(fake.errors).toEqual([]);
    await fake.stop();
  }, 60_000);

  it('completes under 10% transient failures and lost POST answers, with no duplicate dispatches or deployments', async () => {
    const plan = writePlan(REGIONS, { steps: [50, 100], maxParallel: 3 });
    for (const seed of [1, 2, 3]) {
      const fake = await newFake({ faults: randomFaults(seed, 0.1, 0.1) });
      const run = await runOnce(fake, plan, '4000');
      expect(run.code, run.stderr.slice(0, 500)).toBe(0);
      expect(outcomeOf(run.stdout).decision).toBe('promoted');
      expect(fake.log.some((e) => e.fault === 'lose-answer')).toBe(true);
      expect(fake.log.some((e) => e.fault === 'status' || e.fault === 'rate-limit')).toBe(true);
      for (const [key, n] of dispatchCounts(fake)) expect(n, key).toBe(1);
      const keys = fake.deployments.map((d) => (d.payload as { key: string }).key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(6); // one deployment per region
      expect(fake.checkRuns).toHaveLength(1);
      expect(fake.errors).toEqual([]);
      await fake.stop();
    }
  }, 120_000);
});
