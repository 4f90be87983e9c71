/**
 * Crash and resume for a plan WITHOUT correlationInput (the quickstart's shape before it declared
 * one), through the action bundle (`node index.js`, built by scripts/build.mjs as dist/ is): the
 * driver is SIGKILLed right after its N-th mutating request took effect, for every N, then
 * started again. Such a plan cannot look a run up, so the only guards are the run id saved as
 * soon as the dispatch answers and the core's "dispatch in doubt". Whatever the kill point, no
 * (region, kind, step) is dispatched twice; a kill that leaves a dispatch in doubt fails that
 * region with `dispatch-in-doubt` (a deploy: rolled back; a rollback: the release fails for a
 * person), and every other kill point ends like the uninterrupted run.
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
let bundle = '';

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'pr-dist-'));
  execFileSync(process.execPath, ['scripts/build.mjs', out], { stdio: 'ignore' });
  bundle = join(out, 'index.js');
}, 120_000);

const hooks = new Map<GitHubFake, (n: number) => void>();

async function newFake(failing: string[]): Promise<GitHubFake> {
  // The hook is looked up when a mutation happens, after `fake` is assigned.
  const fake: GitHubFake = makeFake(failing, { onMutation: (n) => hooks.get(fake)?.(n) });
  await fake.start();
  return fake;
}

/** Runs the bundle once in mode run; `killAt`: SIGKILL it right after the fake applied that many more mutations. */
function runOnce(
  fake: GitHubFake,
  plan: string,
  holder: string,
  killAt?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pr-e2e-'));
  for (const f of ['output', 'summary']) writeFileSync(join(dir, f), '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake, { GITHUB_RUN_ID: holder }),
      INPUT_MODE: 'run',
      INPUT_PLAN: plan,
      INPUT_VERSION: '3.0.0',
      INPUT_TOKEN: 'test-token',
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const start = fake.mutations;
  hooks.set(fake, (n) => {
    if (killAt === undefined || n - start !== killAt) return;
    fake.frozen = true; // nothing else happens before the kill lands
    child.kill('SIGKILL');
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      hooks.delete(fake);
      fake.thaw();
      resolve({ code, signal, stdout });
    }),
  );
}

/** Dispatches the fake applied per (workflow, region, step's traffic): each must be 1. */
function dispatches(fake: GitHubFake): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of fake.runs) {
    const key = `${r.workflow}:${r.inputs.region}@${r.inputs.traffic ?? 'rollback'}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort());
}

function ledgerState(fake: GitHubFake): State {
  return decodeEnvelope(fake.checkRuns[0]?.text ?? '').state as State;
}

interface Outcome {
  decision: string | undefined;
  reasonCode: string | undefined;
  phases: Record<string, string>;
  dispatches: Record<string, number>;
}

function outcomeOf(fake: GitHubFake): Outcome {
  const s = ledgerState(fake);
  return {
    decision: s.outcome?.decision,
    reasonCode: s.outcome?.reasonCode,
    phases: Object.fromEntries(Object.values(s.regions).map((r) => [r.name, r.phase])),
    dispatches: dispatches(fake),
  };
}

interface KillPoint {
  n: number;
  problems: string[];
  /** Regions whose dispatch was in doubt on resume, as `region:kind`, and whether a run had been made for it. */
  doubts: Array<{ at: string; runMade: boolean }>;
}

/** Kills the driver after every mutation of the uninterrupted run in turn, restarts it, and checks the end. */
async function killEverywhere(
  failing: string[],
  expectClean: (o: Outcome) => void,
  checkDoubt: (o: Outcome, s: State, doubt: string[]) => string[],
): Promise<KillPoint[]> {
  const plan = writePlan(REGIONS, { steps: [50, 100], maxParallel: 2, correlation: false });
  const clean = await newFake(failing);
  const whole = await runOnce(clean, plan, '1000');
  const expected = outcomeOf(clean);
  expectClean(expected);
  expect(
    Object.values(expected.dispatches).every((n) => n === 1),
    JSON.stringify(expected.dispatches),
  ).toBe(true);
  expect(clean.errors).toEqual([]);
  expect(whole.signal).toBeNull();
  const total = clean.mutations;
  await clean.stop();
  expect(total).toBeGreaterThan(20);

  const points: KillPoint[] = [];
  for (let n = 1; n < total; n++) {
    const problems: string[] = [];
    const fake = await newFake(failing);
    const killed = await runOnce(fake, plan, '2000', n);
    if (killed.signal !== 'SIGKILL') problems.push(`not killed (exit ${String(killed.code)})`);
    const runsAtKill = fake.runs.map((r) => `${r.inputs.region}:${r.workflow === 'deploy.yml' ? 'deploy' : 'rollback'}`);
    const again = await runOnce(fake, plan, '3000');
    if (again.signal !== null || (again.code !== 0 && again.code !== 1))
      problems.push(`restart ended ${String(again.code ?? again.signal)}: ${again.stdout.slice(-300)}`);
    const got = outcomeOf(fake);
    const twice = Object.entries(got.dispatches).filter(([, k]) => k > 1);
    if (twice.length > 0) problems.push(`dispatched twice: ${JSON.stringify(twice)}`);
    if (fake.errors.length > 0) problems.push(`API mismatches: ${fake.errors.slice(0, 3).join('; ')}`);
    const state = ledgerState(fake);
    const doubts = state.history.filter((h) => h.reasonCode === 'dispatch-in-doubt' && h.kind === 'dispatch-failed');
    const doubtKeys = doubts.map((h) => `${h.region ?? '?'}:${/rollback was requested/.test(h.reason) ? 'rollback' : 'deploy'}`);
    if (doubts.length === 0) {
      if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push(`differs from the uninterrupted run: ${JSON.stringify(got)}`);
    } else {
      problems.push(...checkDoubt(got, state, doubtKeys));
      for (const h of doubts)
        if (!/check the runs of (deploy|rollback)\.yml started since \d{4}-\d\d-\d\dT/.test(h.reason))
          problems.push(`in-doubt reason does not say what to check: ${h.reason}`);
    }
    points.push({ n, problems, doubts: doubtKeys.map((at) => ({ at, runMade: runsAtKill.includes(at) })) });
    await fake.stop();
  }
  return points;
}

describe('crash and resume without correlationInput (node index.js against the fake)', () => {
  it('a promoted release: every kill point dispatches nothing twice; a dispatch in doubt fails its region (dispatch-in-doubt) and rolls back', async () => {
    const points = await killEverywhere(
      [],
      (o) => expect(o.decision).toBe('promoted'),
      (o, s, doubt) => {
        const problems: string[] = [];
        // The first doubt fails its region; a second one in the same resume is said, and its region
        // is caught by the stop the first caused: every region in doubt is rolled back.
        const regions = doubt.map((key) => s.regions[key.split(':')[0] ?? '']);
        if (!regions.some((r) => r?.failure?.reasonCode === 'dispatch-in-doubt')) problems.push(`no region failed dispatch-in-doubt (${doubt.join(', ')})`);
        for (const r of regions) if (r?.phase !== 'rolled-back') problems.push(`${r?.name ?? '?'} in doubt ended ${r?.phase ?? '?'}`);
        // failureBudget 0: the release stops and rolls back what it touched.
        if (o.decision !== 'rolled-back' || o.reasonCode !== 'dispatch-in-doubt')
          problems.push(`in doubt but ended ${o.decision ?? '?'}/${o.reasonCode ?? '?'}`);
        return problems;
      },
    );
    expect(points.filter((p) => p.problems.length > 0).map((p) => `kill at ${p.n}: ${p.problems.join(' | ')}`)).toEqual([]);
    // The window exists and is handled: some kills left a dispatch in doubt, and in some of those the run had been made.
    const doubted = points.filter((p) => p.doubts.length > 0);
    expect(doubted.length).toBeGreaterThan(0);
    expect(doubted.some((p) => p.doubts.some((d) => d.runMade))).toBe(true);
    // Most kill points fall outside it (the run id is saved as soon as the dispatch answers).
    expect(doubted.length).toBeLessThan(points.length / 2);
  }, 600_000);

  it('a release that rolls back: no deploy or rollback dispatched twice; a rollback in doubt is not repeated and the release fails for a person', async () => {
    const points = await killEverywhere(
      ['us-east'],
      (o) => expect(o.decision).toBe('rolled-back'),
      (o, s, doubt) => {
        const problems: string[] = [];
        if (doubt.some((d) => d.endsWith(':rollback'))) {
          if (o.decision !== 'failed' || o.reasonCode !== 'rollback-failed')
            problems.push(`rollback in doubt but ended ${o.decision ?? '?'}/${o.reasonCode ?? '?'}`);
          for (const key of doubt.filter((d) => d.endsWith(':rollback'))) {
            const region = key.split(':')[0] ?? '';
            if (!s.history.some((h) => h.kind === 'rollback-failed' && h.region === region && /DISPATCH IN DOUBT/.test(h.reason)))
              problems.push(`${key}: no rollback-failed entry saying so`);
          }
        } else if (o.decision !== 'rolled-back') problems.push(`deploy in doubt but ended ${o.decision ?? '?'}/${o.reasonCode ?? '?'}`);
        return problems;
      },
    );
    expect(points.filter((p) => p.problems.length > 0).map((p) => `kill at ${p.n}: ${p.problems.join(' | ')}`)).toEqual([]);
    expect(points.some((p) => p.doubts.some((d) => d.at.endsWith(':rollback') && d.runMade))).toBe(true);
  }, 600_000);
});
