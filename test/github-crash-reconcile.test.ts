/**
 * Repeated crashes in reconcile mode (a scheduled workflow calls the action; each invocation
 * advances what needs no waiting and returns), through the action bundle (`node index.js`,
 * built by scripts/build.mjs as dist/ is) against the fake. The release rolls back: a region of
 * the second stage fails, so with maxParallel 2 rollbacks are dispatched while another region of
 * that stage is still deploying. For each k, every one of the first invocations is SIGKILLed
 * right after its own k-th mutating request took effect (the claim is the first), then the
 * schedule goes on undisturbed until the release is finished. With and without
 * correlationInput: no (region, kind, step) is ever dispatched twice however often the driver
 * dies; with a correlation input every schedule ends like the uninterrupted one; without one a
 * dispatch in doubt fails its region (`dispatch-in-doubt`), and a rollback in doubt the release.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../src/core/state.js';
import { decodeEnvelope } from '../src/github/envelope.js';
import type { GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';
import { testNode } from './support/node-binary.js';

const REGIONS = ['eu-west', 'us-east', 'ap-south'];
/** Invocations after which a schedule that has not finished counts as stuck. */
const MAX_INVOCATIONS = 40;
/** How many invocations in a row are killed. */
const KILLED_INVOCATIONS = 8;
let bundle = '';

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'pr-dist-'));
  execFileSync(process.execPath, ['scripts/build.mjs', out], { stdio: 'ignore' });
  bundle = join(out, 'index.js');
}, 120_000);

/** Runs the bundle once in mode reconcile; SIGKILLs it right after its own `killAt`-th mutation. */
function invoke(
  fake: GitHubFake,
  plan: string,
  holder: string,
  killAt: number | undefined,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pr-e2e-'));
  for (const f of ['output', 'summary']) writeFileSync(join(dir, f), '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake, { GITHUB_RUN_ID: holder }),
      INPUT_MODE: 'reconcile',
      INPUT_PLAN: plan,
      INPUT_VERSION: '5.0.0',
      INPUT_TOKEN: 'test-token',
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const start = fake.mutations;
  hook = (n) => {
    if (killAt === undefined || n - start !== killAt) return;
    fake.frozen = true; // nothing else happens before the kill lands
    child.kill('SIGKILL');
  };
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      hook = undefined;
      fake.thaw();
      resolve({ code, signal, stdout });
    }),
  );
}

let hook: ((n: number) => void) | undefined;

function ledgerState(fake: GitHubFake): State | undefined {
  const text = fake.checkRuns[0]?.text;
  return text ? (decodeEnvelope(text).state as State) : undefined;
}

/** Dispatches per (workflow, region, traffic): each must be 1. */
function dispatches(fake: GitHubFake): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of fake.runs) {
    const key = `${r.workflow}:${r.inputs.region}@${r.inputs.traffic ?? 'rollback'}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort());
}

interface Sequence {
  outcome: { decision?: string | undefined; reasonCode?: string | undefined; phases: Record<string, string>; dispatches: Record<string, number> };
  problems: string[];
  doubts: string[];
}

/** Invokes reconcile until the release is finished; the first KILLED_INVOCATIONS die after their own `killAt`-th mutation. */
async function schedule(plan: string, killAt: number | undefined): Promise<Sequence & { killed: number }> {
  const fake = makeFake(['us-east'], { onMutation: (n) => hook?.(n) });
  await fake.start();
  const problems: string[] = [];
  let killed = 0;
  let i = 0;
  for (; i < MAX_INVOCATIONS && ledgerState(fake)?.status !== 'finished'; i++) {
    const r = await invoke(fake, plan, String(7000 + i), i < KILLED_INVOCATIONS ? killAt : undefined);
    if (r.signal === 'SIGKILL') killed++;
    else if (r.signal !== null) problems.push(`invocation ${i} ended by ${r.signal}`);
    else if (r.code !== 0 && r.code !== 1) problems.push(`invocation ${i} exited ${String(r.code)}: ${r.stdout.slice(-300)}`);
  }
  if (i === MAX_INVOCATIONS) problems.push(`not finished after ${MAX_INVOCATIONS} invocations`);
  const s = ledgerState(fake);
  const outcome = {
    decision: s?.outcome?.decision,
    reasonCode: s?.outcome?.reasonCode,
    phases: Object.fromEntries(Object.values(s?.regions ?? {}).map((r) => [r.name, r.phase])),
    dispatches: dispatches(fake),
  };
  const twice = Object.entries(outcome.dispatches).filter(([, k]) => k > 1);
  if (twice.length > 0) problems.push(`dispatched twice: ${JSON.stringify(twice)}`);
  if (fake.errors.length > 0) problems.push(`API mismatches: ${fake.errors.slice(0, 3).join('; ')}`);
  const doubts = (s?.history ?? [])
    .filter((h) => h.reasonCode === 'dispatch-in-doubt' && h.kind === 'dispatch-failed')
    .map((h) => `${h.region ?? '?'}:${/rollback was requested/.test(h.reason) ? 'rollback' : 'deploy'}`);
  await fake.stop();
  return { outcome, problems, doubts, killed };
}

/** For each k, a schedule whose first invocations all die after their k-th mutation; the problems found. */
async function killRepeatedly(correlation: boolean): Promise<string[]> {
  const plan = writePlan(REGIONS, { steps: [50, 100], maxParallel: 2, correlation });
  const clean = await schedule(plan, undefined);
  expect(clean.problems).toEqual([]);
  expect(clean.outcome.decision).toBe('rolled-back');
  expect(clean.outcome.dispatches['rollback.yml:us-east@rollback']).toBe(1);
  const failures: string[] = [];
  let doubted = 0;
  for (const k of [2, 3, 4, 5, 6, 8]) {
    const got = await schedule(plan, k);
    const problems = [...got.problems];
    if (got.killed < 2) problems.push(`only ${got.killed} invocation(s) killed`);
    if (got.doubts.length > 0) {
      doubted++;
      if (correlation) problems.push(`dispatch in doubt with a correlation input: ${got.doubts.join(', ')}`);
      const rollbackDoubt = got.doubts.some((d) => d.endsWith(':rollback'));
      if (rollbackDoubt && got.outcome.reasonCode !== 'rollback-failed')
        problems.push(`rollback in doubt but ended ${got.outcome.decision ?? '?'}/${got.outcome.reasonCode ?? '?'}`);
      if (!rollbackDoubt && got.outcome.decision !== 'rolled-back')
        problems.push(`deploy in doubt but ended ${got.outcome.decision ?? '?'}/${got.outcome.reasonCode ?? '?'}`);
    } else if (JSON.stringify(got.outcome) !== JSON.stringify(clean.outcome)) {
      problems.push(`differs from the uninterrupted schedule: ${JSON.stringify(got.outcome)}`);
    }
    if (problems.length > 0) failures.push(`killed at k=${k}: ${problems.join(' | ')}`);
  }
  // Without a correlation input the window exists and repeated kills hit it.
  if (!correlation) expect(doubted).toBeGreaterThan(0);
  return failures;
}

describe('repeated crashes in reconcile mode, rollbacks in parallel (node index.js against the fake)', () => {
  it('without correlationInput: nothing dispatched twice, whatever the kill point and however often', async () => {
    expect(await killRepeatedly(false)).toEqual([]);
  }, 600_000);

  it('with correlationInput: every schedule ends like the uninterrupted one', async () => {
    expect(await killRepeatedly(true)).toEqual([]);
  }, 600_000);
});
