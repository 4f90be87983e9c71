/**
 * The lease holder is one driver process, not one workflow run: every job of a run and every
 * matrix leg shares GITHUB_RUN_ID (and legs share GITHUB_JOB), so a holder of the run id alone
 * let two jobs of one run both take the lease as their own and both drive the release. Run
 * through the action bundle (`node index.js`, built as dist/ is) against the GitHub fake.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope } from '../src/github/envelope.js';
import { describeHolder, holderId, parseHolder, supersededBy } from '../src/github/holder.js';
import type { GitHubFake } from './github-fake/server.js';
import { dispatchCounts, makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';
import { buildBundle, readOutputs as outputs } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let fake: GitHubFake;

interface Ran {
  status: number | null;
  stdout: string;
  outputs: Record<string, string>;
}

/** One job of a workflow run: `node index.js` with the runner's environment. */
function job(plan: string, env: Record<string, string>, mode = 'run'): { done: Promise<Ran>; kill: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pr-lease-'));
  const outFile = join(dir, 'output');
  writeFileSync(outFile, '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake, env),
      INPUT_MODE: mode,
      INPUT_PLAN: plan,
      INPUT_VERSION: '5.0.0',
      INPUT_TOKEN: 'test-token',
      GITHUB_OUTPUT: outFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const done = new Promise<Ran>((resolve) => child.on('exit', (status) => resolve({ status, stdout, outputs: outputs(outFile) })));
  return { done, kill: () => child.kill('SIGKILL') };
}

/** A live workflow run in the fake (release.yml runs stay queued): the run the jobs belong to. */
async function liveRun(): Promise<string> {
  const res = await fetch(`${fake.url}/repos/acme/shop/actions/workflows/release.yml/dispatches`, {
    method: 'POST',
    headers: { authorization: 'token test-token', 'content-type': 'application/json', accept: 'application/vnd.github+json' },
    body: JSON.stringify({ ref: 'main', return_run_details: true }),
  });
  return String(((await res.json()) as { workflow_run_id: number }).workflow_run_id);
}

function deploymentsPerRegion(): Map<string, number> {
  const n = new Map<string, number>();
  for (const d of fake.deployments) {
    const region = (d.payload as { region: string }).region;
    n.set(region, (n.get(region) ?? 0) + 1);
  }
  return n;
}

describe('holder ids', () => {
  it('name the run, attempt, job and process; a bare run id (older ledgers) still reads', () => {
    const a = holderId({ runId: '77', runAttempt: '2', job: 'release' }, 'abc123');
    expect(a).toBe('77:2:release:abc123');
    expect(parseHolder(a)).toEqual({ runId: 77, attempt: 2, job: 'release', nonce: 'abc123' });
    expect(parseHolder('31337')).toEqual({ runId: 31337 });
    expect(holderId({})).toMatch(/^local:-:-:[a-z0-9]+$/);
    // Two processes never share a holder, even in one job of one run (a matrix leg).
    const env = { runId: '77', runAttempt: '1', job: 'release' };
    expect(holderId(env)).not.toBe(holderId(env));
  });

  it("a ledger's holder is echoed only in its own form (anyone with a token can write a ledger)", () => {
    expect(describeHolder('77:2:release:abc')).toBe('workflow run 77 (attempt 2, job release)');
    expect(describeHolder('77:1:release:abc', '77:1:release:def')).toBe('another job (or matrix leg) of this workflow run 77 (attempt 1, job release)');
    expect(describeHolder('1\n::error::pwned')).toBe('a driver of unknown form');
  });

  it('only an earlier attempt of the same run is known dead without asking GitHub', () => {
    expect(supersededBy('77:2:release:b', '77:1:release:a')).toBe(true);
    expect(supersededBy('77:1:release:b', '77:1:release:a')).toBe(false); // a matrix leg
    expect(supersededBy('77:1:deploy:b', '77:1:release:a')).toBe(false); // another job
    expect(supersededBy('78:2:release:b', '77:1:release:a')).toBe(false); // another run
    expect(supersededBy('77:2:release:b', '77')).toBe(true); // written by an older driver of this very run
    expect(supersededBy('77:2:release:b', '78')).toBe(false);
  });
});

describe('two jobs of one workflow run (node index.js against the GitHub fake)', () => {
  beforeAll(() => {
    bundle = buildBundle('pr-dist-');
  }, 120_000);
  afterEach(async () => fake?.stop());

  for (const [name, jobs] of [
    ['two jobs', ['release-a', 'release-b']],
    ['two matrix legs of one job', ['release', 'release']],
  ] as const) {
    it(`${name} start one release at once: one drives it, the other stops with lease-held; every step dispatched once`, async () => {
      fake = makeFake();
      await fake.start();
      const plan = writePlan(['eu-west', 'us-east']);
      const run = await liveRun();
      const [a, b] = await Promise.all(jobs.map((j) => job(plan, { GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: j }).done));
      const decisions = [a, b].map((r) => r?.outputs.decision).sort();
      expect(decisions, `${a?.stdout}\n---\n${b?.stdout}`).toEqual(['error', 'promoted']);
      const loser = [a, b].find((r) => r?.outputs.decision === 'error');
      expect(loser?.outputs['reason-code']).toBe('lease-held');
      for (const [key, n] of dispatchCounts(fake)) expect(n, key).toBe(1);
      for (const [region, n] of deploymentsPerRegion()) expect(n, region).toBe(1);
      expect(fake.errors).toEqual([]);
    }, 60_000);
  }

  it('a job that finds the lease of another live job of its run stops before writing anything', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    const run = await liveRun();
    // The first job starts the release and leaves its runs in flight (reconcile), keeping the lease.
    const first = await job(plan, { GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'release' }, 'reconcile').done;
    expect(first.outputs.decision, first.stdout).toBe('continue');
    const text = fake.checkRuns[0]?.text ?? '';
    expect(parseHolder(decodeEnvelope(text).lease?.holder ?? '')).toMatchObject({ runId: Number(run), attempt: 1, job: 'release' });
    const mutations = fake.mutations;
    const second = await job(plan, { GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'release' }).done;
    expect(second.outputs['reason-code']).toBe('lease-held');
    expect(second.stdout).toContain(`another job (or matrix leg) of this workflow run ${run}`);
    expect(fake.mutations).toBe(mutations);
    expect(fake.errors).toEqual([]);
  }, 60_000);

  it('a lease edited to run out far beyond what a driver writes (year 275760) is ledger-corrupt, not held for ever', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    const run = await liveRun();
    const first = await job(plan, { GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'release' }, 'reconcile').done;
    expect(first.outputs.decision, first.stdout).toBe('continue');
    const cr = fake.checkRuns[0];
    if (!cr) throw new Error('no ledger');
    const env = decodeEnvelope(cr.text ?? '');
    env.lease = { holder: `${run}:1:release:abc`, expiresAt: 8.64e15 };
    cr.text = encodeEnvelope(env);
    const mutations = fake.mutations;
    const other = await job(plan, { GITHUB_RUN_ID: '424242', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'release' }).done;
    expect(other.outputs['reason-code'], other.stdout).toBe('ledger-corrupt');
    expect(other.stdout).toContain('its lease runs until +275760-09-13T00:00:00.000Z, later than any driver writes one (10 min from its last save)');
    expect(fake.mutations).toBe(mutations);
    expect(fake.errors).toEqual([]);
  }, 60_000);

  it('a re-run (attempt 2) takes over the lease its killed attempt 1 left, without waiting for it to expire', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    const run = await liveRun();
    const first = await job(plan, { GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'release' }, 'reconcile').done;
    expect(first.outputs.decision, first.stdout).toBe('continue');
    const again = await job(plan, { GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'release' }).done;
    expect(again.outputs.decision, again.stdout).toBe('promoted');
    for (const [key, n] of dispatchCounts(fake)) expect(n, key).toBe(1);
    expect(fake.errors).toEqual([]);
  }, 60_000);
});
