/**
 * Found by the issue-12 review: a command run that also carries `version` (the release workflow's form offers
 * the field) for a release id with no ledger starts a NEW release under that id: open-release.ts
 * is handed settings.version whatever the command. The start's dispatches are queued, the
 * refused command stops the driver (goOnAfterInbox) before they are sent, and the saved ledger
 * shows every first-stage region deploying.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../src/action-io.js';
import { decodeEnvelope } from '../src/github/envelope.js';
import { runMode } from '../src/modes/drive-release.js';
import type { GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';

let fake: GitHubFake;
afterEach(async () => fake?.stop());

describe('a command for an unknown release id, with version', () => {
  it('is refused (unknown-release) and writes nothing', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    const settings: Settings = { plan, token: 'test-token', mode: 'run', version: '9.9.9', command: 'approve', release: 'shop-9.9.9' };
    const out = await runMode(settings, {
      env: runnerEnv(fake, { GITHUB_RUN_ID: '4242', GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/release.yml@refs/heads/main' }),
      handleSignals: false,
      log: () => undefined,
      writeSummary: async () => undefined,
      claimSettleMs: 0,
    });
    const c = fake.checkRuns[0];
    const st = c ? (decodeEnvelope(c.text ?? '').state as { status: string; regions: Record<string, { phase: string }> }) : undefined;
    expect.soft({ decision: out.decision, reasonCode: out.reasonCode }).toEqual({ decision: 'refused', reasonCode: 'unknown-release' });
    expect.soft(st && { status: st.status, phases: Object.fromEntries(Object.entries(st.regions).map(([k, v]) => [k, v.phase])) }).toBeUndefined();
    expect.soft(fake.runs.filter((r) => r.workflow === 'deploy.yml').length, 'deploy runs dispatched').toBe(0);
    expect(fake.checkRuns).toHaveLength(0);
  });
});
