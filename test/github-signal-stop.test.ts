/**
 * A job cancelled while GitHub answers check-run writes with slow 502s, through the action bundle
 * (`node index.js`, built by scripts/build.mjs as dist/ is) against the fake. The runner kills the
 * process 2.5 s after a SIGTERM that comes alone, and 7.5 s + 2.5 s after a SIGINT: the driver
 * must start nothing after the signal, give up saving within its deadline, exit in time, and say
 * what could not be saved.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../src/core/state.js';
import { decodeEnvelope } from '../src/github/envelope.js';
import type { FaultContext, GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let fake: GitHubFake | undefined;

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'pr-dist-'));
  execFileSync(process.execPath, ['scripts/build.mjs', out], { stdio: 'ignore' });
  bundle = join(out, 'index.js');
}, 120_000);
afterEach(async () => fake?.stop());

const isCheckRunWrite = (c: FaultContext): boolean => c.method !== 'GET' && c.template.includes('/check-runs');

interface Scenario {
  signal: 'SIGINT' | 'SIGTERM';
  /** The request during which the signal is sent (its answer is held `holdMs`, default 300 ms, so the driver handles the signal first). */
  at: (c: FaultContext) => boolean;
  holdMs?: number;
  /** Check-run writes after the signal answer 502 after 1 s (default), or go through. */
  checkRunsFail?: boolean;
  correlation?: boolean;
}

/**
 * Runs the bundle; sends `signal` when the first request matching `at` arrives. From then on every
 * check-run write is answered 502 after 1 s. Resolves how the process ended, how long after the
 * signal, and the dispatches that arrived after it.
 */
async function cancelled(s: Scenario) {
  let signalledAt: number | undefined;
  let lateDispatches = 0;
  fake = makeFake([], {
    // Deploy runs take a long while: the driver is in the middle of the release when the signal comes.
    script: () => ({ queuedPolls: 1, inProgressPolls: 1e9 }),
    faults: (c) => {
      if (signalledAt === undefined) {
        if (!s.at(c)) return undefined;
        signalledAt = performance.now();
        child?.kill(s.signal);
        return { kind: 'slow', ms: s.holdMs ?? 300 };
      }
      if (c.template.endsWith('/dispatches')) lateDispatches++;
      return isCheckRunWrite(c) && s.checkRunsFail !== false ? { kind: 'status', status: 502, ms: 1000 } : undefined;
    },
  });
  await fake.start();
  const plan = writePlan(['eu-west', 'us-east'], { timeout: '6h', ...(s.correlation === false ? { correlation: false } : {}) });
  const dir = mkdtempSync(join(tmpdir(), 'pr-e2e-'));
  for (const f of ['output', 'summary']) writeFileSync(join(dir, f), '');
  const child: ChildProcess = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake),
      INPUT_MODE: 'run',
      INPUT_PLAN: plan,
      INPUT_VERSION: '4.0.0',
      INPUT_TOKEN: 'test-token',
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stdout += d.toString()));
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child?.on('exit', (c, sig) => resolve({ code: c, signal: sig })),
  );
  const exitedAfterMs = signalledAt === undefined ? Number.NaN : performance.now() - signalledAt;
  return { code, signal, stdout, exitedAfterMs, lateDispatches };
}

describe('cancelled while GitHub answers 502 (node index.js against the fake)', () => {
  it('SIGTERM alone: nothing dispatched after it, gives up saving and exits within 2.5 s, says what was not saved', async () => {
    // Sent while the canary's deployment is being created: its dispatch comes next and must not go out.
    const r = await cancelled({ signal: 'SIGTERM', at: (c) => c.method === 'POST' && c.template.endsWith('/deployments') });
    expect(r.signal, r.stdout.slice(-1500)).toBeNull();
    expect(r.code).toBe(143);
    expect(r.exitedAfterMs).toBeLessThan(2_500);
    expect(r.lateDispatches).toBe(0);
    expect(fake?.runs).toHaveLength(0);
    const deployment = fake?.deployments[0]?.id;
    expect(deployment).toBeDefined();
    expect(r.stdout).toMatch(/the ledger could not be saved on SIGTERM \(out of time/);
    expect(r.stdout).toContain(`not recorded: deployment ${String(deployment)} of eu-west`);
    expect(r.stdout).toMatch(/this driver's lease stays on the ledger until \d{4}-/);
    // The last saved state is the one from before the signal: the lease is still there, as the log said.
    expect(decodeEnvelope(fake?.checkRuns[0]?.text ?? '').lease).toBeDefined();
    expect(fake?.errors).toEqual([]);
  }, 30_000);

  it('SIGINT: the dispatch in flight is recorded, nothing else starts; gives up within 7.5 s and names the run id not saved', async () => {
    const r = await cancelled({ signal: 'SIGINT', at: (c) => c.template.endsWith('/dispatches') });
    expect(r.signal, r.stdout.slice(-1500)).toBeNull();
    expect(r.code).toBe(130);
    expect(r.exitedAfterMs).toBeLessThan(7_500);
    expect(r.lateDispatches).toBe(0);
    expect(fake?.runs).toHaveLength(1);
    const run = fake?.runs[0];
    expect(r.stdout).toMatch(/the ledger could not be saved on SIGINT \(/);
    expect(r.stdout).toContain(`not recorded: deploy run ${String(run?.id)} of eu-west (step 1)`);
    expect(r.stdout).toContain('otherwise their steps are dispatches in doubt');
    expect(fake?.errors).toEqual([]);
  }, 30_000);

  it('SIGINT during a slow dispatch, GitHub otherwise well: its run id is saved after it answers, without the lease', async () => {
    // No correlation input: a run id not saved would make the next driver fail the region (dispatch in doubt).
    const r = await cancelled({ signal: 'SIGINT', at: (c) => c.template.endsWith('/dispatches'), holdMs: 1_500, checkRunsFail: false, correlation: false });
    expect(r.signal, r.stdout.slice(-1500)).toBeNull();
    expect(r.code).toBe(130);
    expect(r.exitedAfterMs).toBeLessThan(7_500);
    expect(r.lateDispatches).toBe(0);
    expect(fake?.runs).toHaveLength(1);
    const envelope = decodeEnvelope(fake?.checkRuns[0]?.text ?? '');
    const state = envelope.state as State;
    expect(state.regions['eu-west']?.runs.map((x) => x.runId)).toEqual([fake?.runs[0]?.id]);
    expect(envelope.lease).toBeUndefined();
    expect(r.stdout).toContain('saved the release state and released the lease');
    expect(fake?.errors).toEqual([]);
  }, 30_000);

  it('SIGTERM alone during a dispatch that answers too late: exits within 2.5 s, lease released, says the dispatch has no run id', async () => {
    const r = await cancelled({ signal: 'SIGTERM', at: (c) => c.template.endsWith('/dispatches'), holdMs: 4_000, checkRunsFail: false, correlation: false });
    expect(r.signal, r.stdout.slice(-1500)).toBeNull();
    expect(r.code).toBe(143);
    expect(r.exitedAfterMs).toBeLessThan(2_500);
    expect(r.lateDispatches).toBe(0);
    expect(decodeEnvelope(fake?.checkRuns[0]?.text ?? '').lease).toBeUndefined();
    expect(r.stdout).toContain('saved the release state on SIGTERM and released the lease, but answers on their way then did not arrive within the deadline');
    expect(r.stdout).toContain('requested with no run id known yet: deploy of eu-west (step 1)');
    expect(r.stdout).toContain('otherwise their steps are dispatches in doubt');
    expect(fake?.errors).toEqual([]);
  }, 30_000);
});
