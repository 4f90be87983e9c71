/**
 * Runs the release does not track (src/github/strays.ts): a dispatch whose run did not show up
 * by its correlation id in time, or whose answer was lost and which was dispatched again, may
 * still make a run. The port keeps looking for such runs; the engine cancels each one it finds,
 * so no stray deploys after its region gave up on it, or next to the run it tracks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../src/action-io.js';
import { decodeEnvelope } from '../src/github/envelope.js';
import { runMode } from '../src/modes/drive-release.js';
import type { GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';

let fake: GitHubFake;
afterEach(async () => fake?.stop());

const settings = (plan: string): Settings => ({ plan, token: 'test-token', mode: 'run', version: '3.1.0' });

function history(): Array<{ kind: string; reasonCode: string; reason: string }> {
  return (decodeEnvelope(fake.checkRuns[0]?.text ?? '').state as { history: Array<{ kind: string; reasonCode: string; reason: string }> }).history;
}

describe('stray runs', () => {
  it('a deploy run that shows up after its dispatch was given up on is cancelled, not left to deploy after the rollback', async () => {
    fake = makeFake([], {
      returnRunDetails: false, // GHES: runs are found by correlation id only
      listLag: (workflow) => (workflow === 'deploy.yml' ? 8 : 0), // longer than the dispatch looks for it
      script: ({ workflow }) => ({ queuedPolls: 1, inProgressPolls: workflow === 'rollback.yml' ? 12 : 2, conclusion: 'success' }),
    });
    await fake.start();
    const logs: string[] = [];
    const out = await runMode(settings(writePlan(['eu-west'], { steps: [100] })), {
      env: runnerEnv(fake),
      handleSignals: false,
      log: (m) => logs.push(m),
      writeSummary: async () => undefined,
    });
    expect(out.decision).toBe('rolled-back');
    const deploy = fake.runs.find((r) => r.workflow === 'deploy.yml');
    expect(deploy).toBeDefined();
    // Found later by its correlation id, and cancelled.
    expect(fake.log.some((e) => e.method === 'POST' && e.path.endsWith(`/actions/runs/${deploy?.id}/cancel`))).toBe(true);
    expect(deploy?.conclusion).toBe('cancelled');
    expect(history().some((h) => h.reasonCode === 'late-run-cancelled' && h.reason.includes(String(deploy?.id)))).toBe(true);
    expect(logs.some((l) => l.includes(`run ${deploy?.id} carries correlation id`))).toBe(true);
    expect(fake.errors).toEqual([]);
  });

  it('a driver that resumes looks for the runs of dispatches an earlier driver could not confirm, and cancels them', async () => {
    fake = makeFake([], {
      returnRunDetails: false,
      listLag: (workflow) => (workflow === 'deploy.yml' ? 9 : 0),
      script: ({ workflow }) => ({ queuedPolls: 1, inProgressPolls: workflow === 'rollback.yml' ? 12 : 2, conclusion: 'success' }),
    });
    await fake.start();
    const plan = writePlan(['eu-west'], { steps: [100] });
    const quiet = { handleSignals: false, log: () => undefined, writeSummary: async () => undefined };
    // A reconcile gives up on the deploy run, starts the rollback and exits with the doubt open.
    expect((await runMode({ ...settings(plan), mode: 'reconcile' }, { env: runnerEnv(fake, { GITHUB_RUN_ID: '1' }), ...quiet })).decision).toBe('continue');
    const deploy = fake.runs.find((r) => r.workflow === 'deploy.yml');
    expect(deploy?.cancelled).toBe(false);
    // The next driver (another process) resumes, finds the run, and cancels it.
    expect((await runMode(settings(plan), { env: runnerEnv(fake, { GITHUB_RUN_ID: '2' }), ...quiet })).decision).toBe('rolled-back');
    expect(deploy?.conclusion).toBe('cancelled');
    expect(history().some((h) => h.reasonCode === 'late-run-cancelled' && h.reason.includes(String(deploy?.id)))).toBe(true);
    expect(fake.errors).toEqual([]);
  });

  it('a dispatch whose answer was lost and which was made again: the first run is cancelled as a second run for the step', async () => {
    let dispatches = 0;
    fake = makeFake([], {
      listLag: (workflow) => (workflow === 'deploy.yml' ? 6 : 0),
      // The first deploy dispatch takes effect, but its answer is lost.
      faults: (ctx) =>
        ctx.method === 'POST' &&
        ctx.template.endsWith('/dispatches') &&
        (ctx.body as { inputs?: { region?: string } }).inputs?.region === 'eu-west' &&
        dispatches++ === 0
          ? { kind: 'lose-answer' }
          : undefined,
    });
    await fake.start();
    const out = await runMode(settings(writePlan(['eu-west'], { steps: [100] })), {
      env: runnerEnv(fake),
      handleSignals: false,
      log: () => undefined,
      writeSummary: async () => undefined,
    });
    expect(out.decision).toBe('promoted');
    const deploys = fake.runs.filter((r) => r.workflow === 'deploy.yml').sort((a, b) => a.id - b.id);
    expect(deploys).toHaveLength(2);
    const [lost, tracked] = deploys;
    expect(lost?.conclusion).toBe('cancelled');
    expect(tracked?.conclusion).toBe('success');
    expect(history().some((h) => h.reasonCode === 'duplicate-run-cancelled' && h.reason.includes(String(lost?.id)))).toBe(true);
    expect(fake.errors).toEqual([]);
  });
});
