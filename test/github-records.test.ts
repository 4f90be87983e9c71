/**
 * The records people see, end to end through runMode against the GitHub fake: deployment
 * statuses and their log_url, descriptions within 140 characters, the check-run conclusion
 * while waiting for a person, annotations on the plan file, and "waiting for environment
 * approval" in the log, the job summary and the check-run summary.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../src/action-io.js';
import { runMode } from '../src/modes/drive-release.js';
import type { GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';

let fake: GitHubFake;
afterEach(async () => fake?.stop());

const settings = (plan: string, over: Partial<Settings> = {}): Settings => ({ plan, token: 'test-token', mode: 'run', version: '1.4.2', ...over });
const quiet = { handleSignals: false, log: () => undefined, writeSummary: async () => undefined };

/** Deployment statuses as `environment: state [run id of log_url]`, in the order they were made. */
function statusLines(f: GitHubFake): string[] {
  return f.statuses.map((s) => {
    const d = f.deployments.find((x) => x.id === s.deploymentId);
    const run = /\/actions\/runs\/(\d+)$/.exec(s.logUrl)?.[1];
    return `${d?.environment ?? '?'}: ${s.state}${run ? ` run ${run}` : ''}`;
  });
}

/** The rollback run of a region. */
function rollbackRunId(f: GitHubFake, region: string): number | undefined {
  return f.runs.find((r) => r.workflow === 'rollback.yml' && r.inputs.region === region)?.id;
}

/** The deploy run of a region and step, from the dispatch inputs the fake recorded. */
function deployRunId(f: GitHubFake, region: string, traffic: number): number | undefined {
  return f.runs.find((r) => r.workflow === 'deploy.yml' && r.inputs.region === region && r.inputs.traffic === String(traffic))?.id;
}

describe('records people see', () => {
  it("one deployment per region: queued, in_progress per step linking that step's run, success; payload with release, steps, traffic", async () => {
    fake = makeFake();
    await fake.start();
    const out = await runMode(settings(writePlan(['eu-west', 'us-east'])), { env: runnerEnv(fake), ...quiet });
    expect(out.decision).toBe('promoted');
    expect(fake.errors).toEqual([]);
    expect(fake.deployments.map((d) => d.environment)).toEqual(['production/eu-west', 'production/us-east']);
    const lines = statusLines(fake);
    for (const region of ['eu-west', 'us-east']) {
      const [first, second] = [deployRunId(fake, region, 50), deployRunId(fake, region, 100)];
      expect(first && second, region).toBeTruthy();
      // queued comes before the run is known; each step's in_progress links that step's run.
      expect(
        lines.filter((l) => l.startsWith(`production/${region}:`)),
        region,
      ).toEqual([
        `production/${region}: queued`,
        `production/${region}: in_progress run ${first}`,
        `production/${region}: in_progress run ${second}`,
        `production/${region}: success run ${second}`,
      ]);
    }
    const descriptions = fake.statuses.filter((s) => s.deploymentId === fake.deployments[0]?.id).map((s) => s.description.replace(/run \d+/, 'run N'));
    expect(descriptions).toEqual([
      'step 1/2 at 50%: deploy run requested',
      'step 1/2 at 50%: deploy run N',
      'step 2/2 at 100%: deploy run N',
      '1.4.2 at 100%: all 2 steps passed',
    ]);
    for (const d of fake.deployments) {
      expect(d.payload).toMatchObject({
        releaseId: 'shop-1.4.2',
        version: '1.4.2',
        region: expect.any(String),
        traffic: [50, 100],
        key: `shop-1.4.2:${String((d.payload as { region: string }).region)}`,
      });
    }
    expect(fake.statuses.every((s) => s.description.length > 0 && s.description.length <= 140)).toBe(true);
  });

  it('a failed deploy: failure linking the deploy run, then inactive linking the rollback run', async () => {
    fake = makeFake(['us-east']);
    await fake.start();
    const out = await runMode(settings(writePlan(['eu-west', 'us-east'])), { env: runnerEnv(fake), ...quiet });
    expect(out.decision).toBe('rolled-back');
    const run = deployRunId(fake, 'us-east', 50);
    expect(statusLines(fake).filter((l) => l.startsWith('production/us-east:'))).toEqual([
      'production/us-east: queued',
      `production/us-east: in_progress run ${run}`,
      `production/us-east: failure run ${run}`,
      `production/us-east: inactive run ${rollbackRunId(fake, 'us-east')}`,
    ]);
    // scope touched: the canary is rolled back too: its one deployment goes inactive after its success.
    expect(
      statusLines(fake)
        .filter((l) => l.startsWith('production/eu-west:'))
        .map((l) => l.split(' ')[1]),
    ).toEqual(['queued', 'in_progress', 'in_progress', 'success', 'inactive']);
    expect(fake.errors).toEqual([]);
  });

  it('descriptions stay within 140 characters with a very long version', async () => {
    fake = makeFake();
    await fake.start();
    const out = await runMode(settings(writePlan(['eu-west'], { steps: [100] }), { version: `1.0.0-${'x'.repeat(150)}` }), { env: runnerEnv(fake), ...quiet });
    expect(out.decision).toBe('promoted');
    // The release id is shortened (with a hash) before it reaches any record; the adapter test cuts a 200-character status.
    expect(fake.deployments.map((d) => (d.description ?? '').length)).toEqual([expect.any(Number)]);
    expect(fake.deployments.every((d) => (d.description ?? '').length <= 140 && d.description?.startsWith('shop-1.0.0-xxx'))).toBe(true);
    expect(fake.statuses.length).toBeGreaterThan(0);
    expect(fake.statuses.every((s) => s.description.length <= 140)).toBe(true);
    expect(fake.errors).toEqual([]);
  });

  it('a stage waiting for an approval: check run completed with action_required and a notice on the stage line', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east'], { steps: [100] });
    const text = readFileSync(plan, 'utf8').replace('  - name: rest\n', '  - name: rest\n    approval: true\n');
    writeFileSync(plan, text);
    const stageLine = text.split('\n').indexOf('  - name: rest') + 1;
    const out = await runMode(settings(plan), { env: runnerEnv(fake), ...quiet });
    expect(out).toMatchObject({ decision: 'paused', reasonCode: 'stage-approval-required' });
    const cr = fake.checkRuns[0];
    expect(cr?.status).toBe('completed');
    expect(cr?.conclusion).toBe('action_required');
    expect(cr?.annotations).toEqual([expect.objectContaining({ path: plan, start_line: stageLine, annotation_level: 'notice' })]);
    expect(fake.errors).toEqual([]);
  });

  it('reconcile with a deploy run held by Environment reviewers: the log, the job summary and the check run say "waiting for environment approval"', async () => {
    fake = makeFake([], { script: () => ({ queuedPolls: 0, waitingPolls: 1e9, inProgressPolls: 1, conclusion: 'success' }) });
    await fake.start();
    const logs: string[] = [];
    let summary = '';
    const out = await runMode(settings(writePlan(['eu-west'], { steps: [100] }), { mode: 'reconcile' }), {
      env: runnerEnv(fake),
      handleSignals: false,
      log: (m) => logs.push(m),
      writeSummary: async (m) => void (summary = m),
    });
    expect(out.decision).toBe('continue');
    expect(logs.some((l) => /run \d+: waiting for environment approval/.test(l))).toBe(true);
    expect(summary).toContain('waiting for environment approval');
    expect(summary).toContain('| eu-west |');
    expect(fake.checkRuns[0]?.summary).toContain('waiting for environment approval');
    expect(fake.checkRuns[0]?.status).toBe('in_progress');
    expect(fake.errors).toEqual([]);
  });
});

describe('the ledger lives on the released commit', () => {
  const A = '1'.repeat(40);
  const B = '2'.repeat(40);

  it('a later run on a newer commit refuses to start the release again, and input sha finds its ledger', async () => {
    // `main` pointed at A when the release deployed; a schedule-started reconcile runs on B.
    let head = A;
    fake = makeFake([], { shaOf: () => head });
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    const first = await runMode(settings(plan), { env: runnerEnv(fake, { GITHUB_SHA: A }), ...quiet });
    expect(first.decision).toBe('promoted');
    const dispatches = fake.runs.length;
    const deployments = fake.deployments.length;

    head = B;
    const wrong = await runMode(settings(plan, { mode: 'reconcile' }), { env: runnerEnv(fake, { GITHUB_SHA: B, GITHUB_RUN_ID: '31338' }), ...quiet });
    expect(wrong.decision).toBe('error');
    expect(wrong.reasonCode).toBe('release-on-other-commit');
    expect(wrong.failed).toContain(`from commit ${A}`);
    expect(wrong.failed).toContain("input 'sha'");
    expect(fake.runs.length).toBe(dispatches);
    expect(fake.deployments.length).toBe(deployments);

    const right = await runMode(settings(plan, { mode: 'reconcile', sha: A }), { env: runnerEnv(fake, { GITHUB_SHA: B, GITHUB_RUN_ID: '31339' }), ...quiet });
    expect(right.decision).toBe('promoted');
    expect(fake.runs.length).toBe(dispatches);
    expect(fake.checkRuns.filter((c) => c.headSha === B)).toEqual([]);
    expect(fake.errors).toEqual([]);
  });
});
