/**
 * End to end through runMode (the action's run mode, in process) against the GitHub fake: a
 * healthy release and one that rolls back. Asserts the requests, deployments, statuses, the
 * check-run ledger and the outcome; every request/answer is checked against the API description.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../src/action-io.js';
import { decodeEnvelope } from '../src/github/envelope.js';
import { runMode } from '../src/modes/drive-release.js';
import type { GitHubFake } from './github-fake/server.js';
import { dispatchCounts, makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';

let fake: GitHubFake;
afterEach(async () => fake?.stop());

const settings = (plan: string): Settings => ({ plan, token: 'test-token', mode: 'run', version: '1.4.2' });

describe('runMode against the GitHub fake', () => {
  it('promotes a healthy release: one dispatch per region and step, one deployment per region, statuses, ledger', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east', 'ap-south']);
    let summary = '';
    const out = await runMode(settings(plan), {
      env: runnerEnv(fake),
      handleSignals: false,
      log: () => undefined,
      writeSummary: async (m) => void (summary = m),
    });
    expect(fake.errors).toEqual([]);
    expect(out.decision).toBe('promoted');
    expect(out.releaseId).toBe('shop-1.4.2');
    expect(out.failed).toBeUndefined();
    expect([...dispatchCounts(fake).entries()].sort()).toEqual([
      ['ap-south@100', 1],
      ['ap-south@50', 1],
      ['eu-west@100', 1],
      ['eu-west@50', 1],
      ['us-east@100', 1],
      ['us-east@50', 1],
    ]);
    // One deployment per region; its statuses follow the two steps.
    expect(fake.deployments).toHaveLength(3);
    for (const d of fake.deployments) {
      expect(fake.statusesOf(d.id).filter((s) => s === 'in_progress')).toHaveLength(2);
      expect(d.autoMerge).toBe(false);
      expect(d.requiredContexts).toEqual([]);
      expect(d.environment).toMatch(/^production\/(eu-west|us-east|ap-south)$/);
      expect(fake.statusesOf(d.id).at(-1)).toBe('success');
      expect(fake.statusesOf(d.id)).toContain('in_progress');
    }
    expect(fake.checkRuns).toHaveLength(1);
    const cr = fake.checkRuns[0];
    expect(cr?.name).toBe('progressive-release: shop-1.4.2');
    expect(cr?.conclusion).toBe('success');
    expect(cr?.summary).toContain('| eu-west |');
    const env = decodeEnvelope(cr?.text ?? '');
    expect((env.state as { outcome?: { decision: string } }).outcome?.decision).toBe('promoted');
    expect(summary).toContain('| ap-south | rest |');
    // dispatches carried return_run_details and the correlation id
    const posts = fake.log.filter((e) => e.template.endsWith('/dispatches'));
    expect(posts.every((p) => (p.body as { return_run_details?: boolean }).return_run_details === true)).toBe(true);
  });

  it('rolls back when a deploy run fails: rollback runs, failure/inactive statuses, failed check run', async () => {
    fake = makeFake(['us-east']);
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east', 'ap-south'], { maxParallel: 1 });
    const out = await runMode(settings(plan), { env: runnerEnv(fake), handleSignals: false, log: () => undefined, writeSummary: async () => undefined });
    expect(fake.errors).toEqual([]);
    expect(out.decision).toBe('rolled-back');
    expect(out.failed).toMatch(/rolled-back/);
    const rollbacks = fake.runs.filter((r) => r.workflow === 'rollback.yml').map((r) => r.inputs.region);
    expect(rollbacks).toContain('us-east');
    expect(new Set(rollbacks).size).toBe(rollbacks.length);
    for (const counts of dispatchCounts(fake).values()) expect(counts).toBe(1);
    const usEast = fake.deployments.filter((d) => d.environment === 'production/us-east');
    expect(usEast.length).toBeGreaterThan(0);
    expect(usEast.flatMap((d) => fake.statusesOf(d.id))).toContain('failure');
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
  });

  it('measures gates through the real metrics port: a breaching region is rolled back, with an annotation on the gate', async () => {
    fake = makeFake();
    await fake.start();
    const metrics = createServer((req, res) => {
      const region = new URL(req.url ?? '/', 'http://x').searchParams.get('region');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ value: region === 'us-east' ? 0.4 : 0.01 }));
    });
    await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(metrics.address() as AddressInfo).port}`;
    const plan = join(mkdtempSync(join(tmpdir(), 'pr-plan-')), 'release-plan.yml');
    writeFileSync(
      plan,
      [
        'name: shop',
        'deploy:',
        '  workflow: deploy.yml',
        '  inputs:',
        '    region: "{{ region }}"',
        '    version: "{{ version }}"',
        '    traffic: "{{ step.traffic }}"',
        '  correlationInput: correlation_id',
        'rollback:',
        '  workflow: rollback.yml',
        '  inputs:',
        '    region: "{{ region }}"',
        '  correlationInput: correlation_id',
        'providers:',
        `  svc: { type: http-json, url: "${url}" }`,
        'gates:',
        '  errors:',
        '    provider: svc',
        '    url: "/err?region={{ region }}"',
        '    path: "$.value"',
        '    max: 0.05',
        '    interval: 1m',
        '    count: 2',
        'defaults:',
        '  steps: [{ traffic: 100, bake: 2m }]',
        '  gates: [errors]',
        'stages:',
        '  - name: canary',
        '    regions: [eu-west]',
        '  - name: rest',
        '    regions: [us-east]',
        '',
      ].join('\n'),
    );
    try {
      const out = await runMode(settings(plan), { env: runnerEnv(fake), handleSignals: false, log: () => undefined, writeSummary: async () => undefined });
      expect(out.decision).toBe('rolled-back');
      expect(out.reasonCode).toMatch(/gate/);
      const cr = fake.checkRuns[0];
      expect(cr?.conclusion).toBe('failure');
      expect(cr?.annotations.some((a) => a.path === plan && a.annotation_level === 'failure' && String(a.title).includes('errors'))).toBe(true);
      expect(fake.errors).toEqual([]);
    } finally {
      metrics.close();
    }
  });

  it('names a missing runner variable instead of failing obscurely', async () => {
    fake = makeFake();
    await fake.start();
    const env: Record<string, string> = runnerEnv(fake);
    delete env.GITHUB_SHA;
    const out = await runMode(settings(writePlan(['eu-west'])), { env, handleSignals: false, log: () => undefined });
    expect(out.reasonCode).toBe('bad-environment');
    expect(out.failed).toMatch(/GITHUB_SHA is not set/);
    expect(fake.log).toHaveLength(0);
  });

  it('a deploy run held by Environment reviewers reads "waiting for environment approval" in the log and the ledger', async () => {
    fake = makeFake([], {
      script: ({ inputs }) => ({ queuedPolls: 1, waitingPolls: inputs.region === 'eu-west' ? 3 : 0, inProgressPolls: 1, conclusion: 'success' }),
    });
    await fake.start();
    const plan = writePlan(['eu-west'], { steps: [100] });
    const logs: string[] = [];
    const out = await runMode(settings(plan), { env: runnerEnv(fake), handleSignals: false, log: (m) => logs.push(m), writeSummary: async () => undefined });
    expect(out.decision).toBe('promoted');
    expect(logs.some((l) => /run \d+: waiting for environment approval/.test(l))).toBe(true);
    const summaries = fake.log
      .filter((e) => e.template.includes('check-runs') && e.method !== 'GET')
      .map((e) => (e.body as { output?: { summary?: string } }).output?.summary ?? '');
    expect(summaries.some((s) => s.includes('waiting for environment approval'))).toBe(true);
    expect(fake.errors).toEqual([]);
  });

  it('on a server without return_run_details (older GHES) finds every run by its correlation id', async () => {
    fake = makeFake(['us-east'], { returnRunDetails: false, listLag: 2 });
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east', 'ap-south']);
    const out = await runMode(settings(plan), { env: runnerEnv(fake), handleSignals: false, log: () => undefined, writeSummary: async () => undefined });
    expect(out.decision).toBe('rolled-back');
    // refused once, then plain dispatches
    expect(fake.log.filter((e) => e.status === 400)).toHaveLength(1);
    for (const n of dispatchCounts(fake).values()) expect(n).toBe(1);
    const state = decodeEnvelope(fake.checkRuns[0]?.text ?? '').state as {
      regions: Record<string, { runs: Array<{ runId?: number; correlationId: string }> }>;
    };
    // each recorded run id is the run whose title carries that run's correlation id
    for (const r of Object.values(state.regions)) {
      for (const run of r.runs) {
        const actual = fake.runs.find((x) => x.id === run.runId);
        expect(actual?.displayTitle).toContain(run.correlationId);
      }
    }
    expect(fake.errors).toEqual([]);
  });

  it('on a server without return_run_details, a plan without correlationInput dispatches nothing it could not track', async () => {
    fake = makeFake([], { returnRunDetails: false });
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east'], { correlation: false });
    const out = await runMode(settings(plan), { env: runnerEnv(fake), handleSignals: false, log: () => undefined, writeSummary: async () => undefined });
    // Every run GitHub made is one the release tracks (none deploys unwatched, or after a rollback).
    const state = decodeEnvelope(fake.checkRuns[0]?.text ?? '').state as { regions: Record<string, { runs: Array<{ runId?: number }> }> };
    const tracked = Object.values(state.regions)
      .flatMap((r) => r.runs.map((x) => x.runId))
      .filter((id) => id !== undefined);
    expect(
      fake.runs.map((r) => r.id).filter((id) => !tracked.includes(id)),
      JSON.stringify(fake.runs.map((r) => `${r.workflow}:${r.inputs.region}`)),
    ).toEqual([]);
    expect(fake.runs).toHaveLength(0);
    expect(out.decision).toBe('failed');
    expect(out.reasonCode).toBe('run-not-trackable');
    expect(String(out.details?.reason)).toMatch(/not dispatched: this GitHub does not return run ids .* no correlationInput for deploy.yml/);
    expect(fake.errors).toEqual([]);
  });

  it('on a server without return_run_details, a rollback without correlationInput is not dispatched: the release halts for a person', async () => {
    fake = makeFake(['eu-west'], { returnRunDetails: false });
    await fake.start();
    const plan = writePlan(['eu-west', 'us-east']);
    // Deploys carry a correlation input, rollbacks do not.
    const text = readFileSync(plan, 'utf8');
    writeFileSync(
      plan,
      text.slice(0, text.lastIndexOf('  correlationInput')) + text.slice(text.lastIndexOf('  correlationInput')).replace(/^ {2}correlationInput: .*\n/, ''),
    );
    const out = await runMode(settings(plan), { env: runnerEnv(fake), handleSignals: false, log: () => undefined, writeSummary: async () => undefined });
    expect(fake.runs.map((r) => `${r.workflow}:${r.inputs.region}`)).toEqual(['deploy.yml:eu-west']);
    expect(out.decision).toBe('failed');
    expect(out.reasonCode).toBe('run-not-trackable');
    expect(String(out.details?.reason)).toMatch(/no correlationInput for rollback\.yml.*eu-west had deploy or rollback runs and is left as it is/);
    expect(fake.errors).toEqual([]);
  });

  it('a lost dispatch answer without correlationInput: not repeated, and the region fails saying which runs to check and cancel', async () => {
    let lost = false;
    fake = makeFake([], { faults: (c) => (c.template.endsWith('/dispatches') && !lost ? ((lost = true), { kind: 'lose-answer' }) : undefined) });
    await fake.start();
    const plan = writePlan(['eu-west'], { steps: [100], correlation: false });
    const out = await runMode(settings(plan), { env: runnerEnv(fake), handleSignals: false, log: () => undefined, writeSummary: async () => undefined });
    expect(dispatchCounts(fake).get('eu-west@100')).toBe(1);
    expect(out.decision).toBe('rolled-back');
    const state = decodeEnvelope(fake.checkRuns[0]?.text ?? '').state as { regions: Record<string, { failure?: { reason: string } }> };
    // The run was made and is not tracked: a person must know to look for it (it could deploy after the rollback).
    expect(state.regions['eu-west']?.failure?.reason).toMatch(
      /DISPATCH IN DOUBT.*check the runs of deploy\.yml started since \d{4}-\d\d-\d\dT.* and cancel a deploy run still queued or in progress/,
    );
    expect(fake.errors).toEqual([]);
  });

  it('a deploy run past its timeout is cancelled and the region fails with that reason', async () => {
    fake = makeFake([], { script: ({ workflow }) => ({ queuedPolls: 1, inProgressPolls: workflow === 'deploy.yml' ? 1e9 : 1, conclusion: 'success' }) });
    await fake.start();
    const plan = writePlan(['eu-west'], { steps: [100], timeout: '2m' });
    const logs: string[] = [];
    const out = await runMode(settings(plan), { env: runnerEnv(fake), handleSignals: false, log: (m) => logs.push(m), writeSummary: async () => undefined });
    expect(out.decision).not.toBe('promoted');
    const deploy = fake.runs.find((r) => r.workflow === 'deploy.yml');
    expect(fake.log.some((e) => e.method === 'POST' && e.path.endsWith(`/actions/runs/${deploy?.id}/cancel`))).toBe(true);
    // The watch lists only say "queued or in progress": the run is read before it is cancelled, so the log says which.
    expect(logs).toContain(`cancelling run ${deploy?.id} (in progress)`);
    const env = decodeEnvelope(fake.checkRuns[0]?.text ?? '');
    const region = (env.state as { regions: Record<string, { failure?: { reasonCode: string; reason: string } }> }).regions['eu-west'];
    expect(`${region?.failure?.reasonCode} ${region?.failure?.reason}`).toMatch(/timeout|timed out/i);
    expect(fake.errors).toEqual([]);
  });

  it('a second driver stops while the first holds a fresh lease, and resumes once that run ended', async () => {
    fake = makeFake();
    await fake.start();
    const plan = writePlan(['eu-west']);
    // The first driver's own workflow run, live in the fake.
    const driver = await dispatchDriver(fake);
    const quiet = { handleSignals: false, log: () => undefined, writeSummary: async () => undefined };
    const first = await runMode({ ...settings(plan), mode: 'reconcile' }, { env: runnerEnv(fake, { GITHUB_RUN_ID: String(driver) }), ...quiet });
    expect(first.decision).toBe('continue');
    const second = await runMode({ ...settings(plan), mode: 'reconcile' }, { env: runnerEnv(fake, { GITHUB_RUN_ID: '555' }), ...quiet });
    expect(second.reasonCode).toBe('lease-held');
    expect(second.failed).toMatch(new RegExp(`being driven by workflow run ${driver}`));
    // The first driver's run ends (crashed or cancelled): the lease no longer holds.
    const run = fake.runs.find((r) => r.id === driver);
    if (run) Object.assign(run.script, { queuedPolls: 0, waitingPolls: 0, inProgressPolls: 0 });
    const third = await runMode(settings(plan), { env: runnerEnv(fake, { GITHUB_RUN_ID: '556' }), ...quiet });
    expect(third.decision).toBe('promoted');
    for (const n of dispatchCounts(fake).values()) expect(n).toBe(1);
    expect(fake.errors).toEqual([]);
  });
});

/** Dispatches release.yml (the "driving" workflow) through the fake's API; returns its run id. */
async function dispatchDriver(f: GitHubFake): Promise<number> {
  const res = await fetch(`${f.url}/repos/acme/shop/actions/workflows/release.yml/dispatches`, {
    method: 'POST',
    headers: { authorization: 'token test-token', 'content-type': 'application/json' },
    body: JSON.stringify({ ref: 'main', return_run_details: true }),
  });
  return ((await res.json()) as { workflow_run_id: number }).workflow_run_id;
}
