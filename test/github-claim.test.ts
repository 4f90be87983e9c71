/**
 * Two drivers starting one release at the same moment (src/github/claim.ts): both find no fresh
 * lease, so only the claim keeps them from both driving it. Exactly one goes on; the other stops
 * with `lease-held` and a message saying why, and nothing is dispatched twice.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../src/action-io.js';
import { runMode } from '../src/modes/drive-release.js';
import { decodeEnvelope } from '../src/github/envelope.js';
import type { GitHubFake } from './github-fake/server.js';
import { dispatchCounts, makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';

let fake: GitHubFake;
afterEach(async () => fake?.stop());

const settings = (plan: string, mode: Settings['mode'] = 'run'): Settings => ({ plan, token: 'test-token', mode, version: '2.0.0' });
const quiet = { handleSignals: false, log: () => undefined, writeSummary: async () => undefined };
/** A driver with its own workflow run id (the lease holder); the runs are unknown to the fake, so none counts as alive. */
const driver = (runId: string, extra: Record<string, unknown> = {}) => ({
  env: runnerEnv(fake, { GITHUB_RUN_ID: runId }),
  ...quiet,
  claimSettleMs: 1_000,
  ...extra,
});

describe('claiming a release', () => {
  it('a new release started twice at once: the older check run wins, the younger is closed, one driver goes on', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    const [a, b] = await Promise.all([runMode(settings(plan), driver('5001')), runMode(settings(plan), driver('5002'))]);
    const outcomes = [a, b].map((o) => o.decision).sort();
    expect(outcomes).toEqual(['error', 'promoted']);
    const loser = [a, b].find((o) => o.decision === 'error');
    expect(loser?.reasonCode).toBe('lease-held');
    expect(loser?.failed).toMatch(
      /was started by another driver at the same moment \(its ledger is check run \d+, workflow run 500[12]\); stopping instead of racing it \(this run's duplicate check run \d+ is closed\)/,
    );
    for (const [key, n] of dispatchCounts(fake)) expect(n, key).toBe(1);
    expect(fake.checkRuns).toHaveLength(2);
    const [ledger, duplicate] = [...fake.checkRuns].sort((x, y) => x.id - y.id);
    expect(ledger?.conclusion).toBe('success');
    expect(duplicate).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(duplicate?.summary).toContain(`its ledger is check run ${ledger?.id}`);
    expect(fake.errors).toEqual([]);
  });

  it('a release resumed twice at once: the last lease written wins, the other driver stops', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    // A first reconcile starts the release and leaves its runs in flight (its driver, run 6000, is gone).
    const first = await runMode(settings(plan, 'reconcile'), driver('6000'));
    expect(first.decision).toBe('continue');
    // A 3 s settle (1.5 s trusted from load to claim) keeps a loaded test machine from making a claim untrusted.
    const [a, b] = await Promise.all([
      runMode(settings(plan, 'run'), driver('6001', { claimSettleMs: 3_000 })),
      runMode(settings(plan, 'run'), driver('6002', { claimSettleMs: 3_000 })),
    ]);
    expect([a, b].map((o) => o.decision).sort()).toEqual(['error', 'promoted']);
    const loser = [a, b].find((o) => o.decision === 'error');
    expect(loser?.reasonCode).toBe('lease-held');
    expect(loser?.failed).toMatch(/was claimed by workflow run 600[12] at the same moment as this one; stopping instead of racing it/);
    for (const [key, n] of dispatchCounts(fake)) expect(n, key).toBe(1);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.errors).toEqual([]);
  });

  it('a release paused for a person stays action_required through a claim (no flicker to in progress), and is left without a lease', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east'], { steps: [100] });
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('  - name: rest\n', '  - name: rest\n    approval: true\n'));
    expect(await runMode(settings(plan), driver('9001'))).toMatchObject({ decision: 'paused', reasonCode: 'stage-approval-required' });
    const mark = fake.log.length;
    expect(await runMode(settings(plan, 'reconcile'), driver('9002'))).toMatchObject({ decision: 'paused' });
    const patches = fake.log.slice(mark).filter((e) => e.method === 'PATCH');
    expect(patches.length).toBeGreaterThan(0);
    expect(patches.map((e) => (e.body as { status?: string }).status)).not.toContain('in_progress');
    expect(fake.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(decodeEnvelope(fake.checkRuns[0]?.text ?? '').lease).toBeUndefined();
    expect(fake.errors).toEqual([]);
  });

  it('a driver that finds a fresh lease of a live run stops without writing anything', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west']);
    // The first driver is a live workflow run in the fake (release.yml runs never finish there).
    const res = await fetch(`${fake.url}/repos/acme/shop/actions/workflows/release.yml/dispatches`, {
      method: 'POST',
      headers: { authorization: 'token test-token', 'content-type': 'application/json' },
      body: JSON.stringify({ ref: 'main', return_run_details: true }),
    });
    const live = String(((await res.json()) as { workflow_run_id: number }).workflow_run_id);
    await runMode(settings(plan, 'reconcile'), driver(live));
    const patches = fake.log.filter((e) => e.method === 'PATCH').length;
    const second = await runMode(settings(plan), driver('7001'));
    expect(second).toMatchObject({ decision: 'error', reasonCode: 'lease-held' });
    expect(second.failed).toMatch(new RegExp(`is being driven by workflow run ${live}`));
    expect(fake.log.filter((e) => e.method === 'PATCH')).toHaveLength(patches);
  });

  it("a new release whose claim (the check run's creation) is slow still goes on: the oldest check run wins whatever the timing", async () => {
    let slowed = 0;
    fake = makeFake([], {
      faults: (ctx) => (ctx.method === 'POST' && ctx.template.endsWith('/check-runs') && slowed++ === 0 ? { kind: 'slow', ms: 400 } : undefined),
    });
    await fake.start();
    const out = await runMode(settings(writePlan(['eu-west'])), driver('8001', { claimSettleMs: 300 }));
    expect(out.decision).toBe('promoted');
    expect(fake.checkRuns).toHaveLength(1);
    for (const [key, n] of dispatchCounts(fake)) expect(n, key).toBe(1);
  });

  it('a resumed release whose claim (a lease write) lands too late after its load stops without doing anything: it may have overwritten a driver that went on', async () => {
    // From the second driver on, its first check-run write answers late.
    let slowNext = false;
    fake = makeFake([], {
      faults: (ctx) => {
        if (!slowNext || ctx.method !== 'PATCH' || !ctx.template.endsWith('/check-runs/{check_run_id}')) return undefined;
        slowNext = false;
        return { kind: 'slow', ms: 400 };
      },
    });
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    expect((await runMode(settings(plan, 'reconcile'), driver('8100'))).decision).toBe('continue');
    const dispatched = fake.runs.length;
    slowNext = true;
    const out = await runMode(settings(plan), driver('8101', { claimSettleMs: 300 }));
    expect(out).toMatchObject({ decision: 'error', reasonCode: 'lease-unclaimed' });
    expect(out.failed).toMatch(
      /^claiming release shop-2\.0\.0 took \d+ ms from its load \(trusted up to 150 ms\): another driver may have gone on meanwhile; stopping without doing anything: start the release again$/,
    );
    expect(fake.runs).toHaveLength(dispatched);
    expect(fake.errors).toEqual([]);
  });
});
