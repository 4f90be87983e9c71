/**
 * A stage approved by GitHub Environment reviewers, end to end against the GitHub fake: through
 * the shipped bundle (`node index.js`, built into a temp dir as dist/ is, never dist/ itself) in
 * mode run, the approval run is dispatched once, waits for its reviewers (the driver stays and
 * polls it), and its end decides: approved names the reviewer in the ledger's history; rejected
 * rolls back every touched region. In mode reconcile (in process) the driver leaves it waiting.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../src/core/state.js';
import { decodeEnvelope } from '../src/github/envelope.js';
import { runMode } from '../src/modes/drive-release.js';
import type { FakeReview } from './github-fake/records.js';
import type { GitHubFake } from './github-fake/server.js';
import { dispatchCounts, makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';
import { buildBundle, readOutputs } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let fake: GitHubFake;
afterEach(async () => fake?.stop());

/** The helpers' plan, its second stage approved by the reviewers of environment release-approval. */
function planWithEnvironmentApproval(): string {
  const file = writePlan(['eu-west', 'us-east', 'ap-south'], { steps: [100] });
  const text = readFileSync(file, 'utf8');
  const at = '    regions: [us-east, ap-south]\n';
  if (!text.includes(at)) throw new Error('the helpers’ plan changed');
  writeFileSync(file, text.replace(at, `${at}    approval: { environment: release-approval }\n`));
  return file;
}

/** The helpers' fake with the approval workflow: its run waits `waitingPolls` looks for its reviewers, then concludes. */
function fakeWithApprovals(conclusion: 'success' | 'failure', reviews: FakeReview[]): GitHubFake {
  return makeFake([], {
    workflows: {
      'deploy.yml': { inputs: ['region', 'version', 'traffic', 'correlation_id'], runName: 'deploy {{ region }} {{ traffic }}% [{{ correlation_id }}]' },
      'rollback.yml': { inputs: ['region', 'correlation_id'], runName: 'rollback {{ region }} [{{ correlation_id }}]' },
      'release.yml': { inputs: [] },
      'approve.yml': {
        inputs: ['environment', 'release_id', 'stage', 'correlation_id'],
        runName: 'approve {{ stage }} in {{ environment }} [{{ correlation_id }}]',
      },
    },
    script: ({ workflow }) =>
      workflow === 'approve.yml'
        ? { queuedPolls: 1, waitingPolls: 4, inProgressPolls: 1, conclusion, reviews }
        : { queuedPolls: workflow === 'release.yml' ? 1e9 : 1, inProgressPolls: 1, conclusion: 'success' },
  });
}

async function runBundle(plan: string): Promise<{ status: number | null; out: string; outputs: Record<string, string>; summary: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pr-envappr-'));
  const outFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outFile, '');
  writeFileSync(summaryFile, '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake),
      INPUT_MODE: 'run',
      INPUT_PLAN: plan,
      INPUT_VERSION: '5.0.0',
      INPUT_TOKEN: 'test-token',
      GITHUB_OUTPUT: outFile,
      GITHUB_STEP_SUMMARY: summaryFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { status, out, outputs: readOutputs(outFile), summary: readFileSync(summaryFile, 'utf8') };
}

const ledgerState = (): State => decodeEnvelope(fake.checkRuns[0]?.text ?? '').state as State;
const approvalRuns = () => fake.runs.filter((r) => r.workflow === 'approve.yml');
const summaries = () =>
  fake.log
    .filter((e) => e.template.includes('check-runs') && e.method !== 'GET')
    .map((e) => (e.body as { output?: { summary?: string } }).output?.summary ?? '');

describe('an environment approval through the bundle (mode run)', () => {
  beforeAll(() => {
    bundle = buildBundle('pr-dist-envappr-');
  }, 120_000);

  it('approved: dispatched once, polled while it waits, the stage starts, the reviewer is named in the ledger', async () => {
    fake = fakeWithApprovals('success', [{ user: 'dana', state: 'approved', comment: 'ship it' }]);
    await fake.start();
    const r = await runBundle(planWithEnvironmentApproval());
    expect(r.status, r.out).toBe(0);
    expect(r.outputs.decision).toBe('promoted');
    expect(approvalRuns()).toHaveLength(1);
    expect(approvalRuns()[0]?.inputs).toEqual({
      environment: 'release-approval',
      release_id: 'shop-5.0.0',
      stage: 'rest',
      correlation_id: 'shop-5.0.0:rest:approval',
    });
    expect(fake.log.filter((e) => e.template.endsWith('/approvals'))).toHaveLength(1);
    for (const n of dispatchCounts(fake).values()) expect(n).toBe(1);
    const approved = ledgerState().history.find((h) => h.kind === 'stage-approved');
    expect(approved).toMatchObject({ stage: 'rest', by: 'dana', reasonCode: 'environment-approved' });
    // While it waited, the ledger said where to approve, as a deploy run held by reviewers reads.
    expect(
      summaries().some((s) =>
        /waits for the required reviewers of GitHub environment release-approval: \[approval run \\#\d+\]\(.*\) \(waiting for environment approval\)/.test(s),
      ),
    ).toBe(true);
    expect(fake.errors).toEqual([]);
  });

  it('rejected: the release stops, every touched region is rolled back, the reason names the reviewer', async () => {
    fake = fakeWithApprovals('failure', [{ user: 'erin', state: 'rejected', comment: 'error budget spent' }]);
    await fake.start();
    const r = await runBundle(planWithEnvironmentApproval());
    expect(r.status).toBe(1);
    expect(r.outputs.decision).toBe('rolled-back');
    expect(r.outputs['reason-code']).toBe('approval-rejected');
    expect(fake.runs.filter((x) => x.workflow === 'rollback.yml').map((x) => x.inputs.region)).toEqual(['eu-west']);
    expect([...dispatchCounts(fake).keys()]).toEqual(['eu-west@100']);
    const state = ledgerState();
    expect(state.outcome?.reason).toMatch(/^erin rejected stage rest in GitHub environment 'release-approval' \(approval run \d+\): error budget spent$/);
    expect(fake.errors).toEqual([]);
  });
});

describe('an environment approval in mode reconcile', () => {
  it('leaves the run waiting (continue), then a later reconcile sees it approved', async () => {
    fake = fakeWithApprovals('success', [{ user: 'dana', state: 'approved', comment: '' }]);
    await fake.start();
    const plan = planWithEnvironmentApproval();
    const quiet = { handleSignals: false, log: () => undefined, writeSummary: async () => undefined };
    const settings = { plan, token: 'test-token', mode: 'reconcile' as const, version: '1.4.2' };
    const outcomes: string[] = [];
    for (let i = 0; i < 12 && !outcomes.includes('promoted'); i++) {
      const out = await runMode(settings, { env: runnerEnv(fake, { GITHUB_RUN_ID: String(900 + i) }), ...quiet });
      outcomes.push(out.decision);
    }
    expect(outcomes.at(-1)).toBe('promoted');
    expect(outcomes.slice(0, -1).every((d) => d === 'continue')).toBe(true);
    expect(approvalRuns()).toHaveLength(1);
    expect(ledgerState().history.find((h) => h.kind === 'stage-approved')?.by).toBe('dana');
    expect(fake.errors).toEqual([]);
  });
});
