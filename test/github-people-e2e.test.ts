/**
 * People in the loop, end to end through the shipped bundle (`node index.js` as the runner starts
 * it, built as dist/ is) against the OpenAPI-checked GitHub fake (issue 12). A release pauses for
 * a stage approval; people give commands as runs of the release workflow (the fake makes the run
 * a person's dispatch would, with its title, actor and triggering actor); the command run drives
 * the release on, or is refused and recorded; a run that waits for people takes a command given
 * meanwhile from its inbox.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../src/github/envelope.js';
import { commandTitle } from '../src/plan/ids.js';
import type { FakeOptions, GitHubFake } from './github-fake/server.js';
import { dispatchCounts, makeFake, runnerEnv } from './github-e2e-helpers.js';
import { buildBundle, readOutputs } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

const RELEASE = 'shop-5.0.0';
const WORKFLOW_REF = 'acme/shop/.github/workflows/release.yml@refs/heads/main';

let bundle = '';
let fake: GitHubFake;

beforeAll(() => {
  bundle = buildBundle('pr-people-');
}, 120_000);
afterEach(async () => {
  await fake?.stop();
});

interface PlanShape {
  approvals?: string[];
  stageApproval?: string;
  rest?: string[];
  failureBudget?: number;
  bake?: string;
}

function writePlan(p: PlanShape = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pr-people-plan-'));
  const file = join(dir, 'release-plan.yml');
  writeFileSync(
    file,
    [
      'name: shop',
      'deploy:',
      '  workflow: deploy.yml',
      '  inputs: { region: "{{ region }}", version: "{{ version }}", traffic: "{{ step.traffic }}" }',
      '  correlationInput: correlation_id',
      'rollback:',
      '  workflow: rollback.yml',
      '  inputs: { region: "{{ region }}" }',
      '  correlationInput: correlation_id',
      'defaults:',
      '  steps:',
      `    - { traffic: 50, bake: ${p.bake ?? '0s'} }`,
      `    - { traffic: 100, bake: ${p.bake ?? '0s'} }`,
      'stages:',
      '  - name: canary',
      '    regions: [eu-west]',
      '  - name: rest',
      `    regions: [${(p.rest ?? ['us-east', 'ap-south']).join(', ')}]`,
      '    maxParallel: 1',
      `    approval: ${p.stageApproval ?? 'true'}`,
      ...(p.failureBudget !== undefined ? [`    failureBudget: ${p.failureBudget}`] : []),
      'approvals:',
      '  minPermission: write',
      ...(p.approvals ?? []).map((l) => `  ${l}`),
      '',
    ].join('\n'),
  );
  return file;
}

const PEOPLE = { alice: 'admin', bob: 'write', carol: 'maintain', dave: 'read', erin: 'write' };

function newFake(extra: FakeOptions = {}): GitHubFake {
  fake = makeFake([], { permissions: PEOPLE, ...extra });
  return fake;
}

interface Invocation {
  mode?: 'run' | 'reconcile';
  /** Start the release (input version) when no command is given. */
  command?: string;
  stage?: string;
  region?: string;
  reason?: string;
  release?: string;
  actor?: string;
  triggeringActor?: string;
  /** The run this invocation is (made in the fake as a person's dispatch would make it). */
  runId?: number;
  attempt?: number;
  inputs?: Record<string, string>;
  /** GITHUB_EVENT_NAME (default workflow_dispatch, as a person's dispatch). */
  event?: string;
}

interface Invoked {
  status: number | null;
  stdout: string;
  outputs: Record<string, string>;
  result: Record<string, unknown>;
  summary: string;
}

/** A run of the release workflow in the fake, as the person's dispatch makes it: its title carries the command. */
function commandRun(inv: Invocation): number {
  const title = inv.command
    ? commandTitle({
        command: inv.command,
        releaseId: inv.release ?? RELEASE,
        ...(inv.stage ? { stage: inv.stage } : {}),
        ...(inv.region ? { region: inv.region } : {}),
        ...(inv.reason ? { reason: inv.reason } : {}),
      })
    : 'release 5.0.0';
  return fake.addRun({ workflow: 'release.yml', event: 'workflow_dispatch', actor: inv.actor ?? 'alice', title });
}

function spawnAction(plan: string, inv: Invocation): { done: Promise<Invoked> } {
  const dir = mkdtempSync(join(tmpdir(), 'pr-people-run-'));
  const outFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outFile, '');
  writeFileSync(summaryFile, '');
  const runId = inv.runId ?? commandRun(inv);
  const inputs: Record<string, string> = inv.command
    ? {
        INPUT_COMMAND: inv.command,
        INPUT_RELEASE: inv.release ?? RELEASE,
        ...(inv.stage ? { INPUT_STAGE: inv.stage } : {}),
        ...(inv.region ? { INPUT_REGION: inv.region } : {}),
        ...(inv.reason ? { INPUT_REASON: inv.reason } : {}),
      }
    : { INPUT_VERSION: '5.0.0' };
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake, {
        GITHUB_ACTOR: inv.actor ?? 'alice',
        GITHUB_TRIGGERING_ACTOR: inv.triggeringActor ?? inv.actor ?? 'alice',
        GITHUB_RUN_ID: String(runId),
        GITHUB_RUN_ATTEMPT: String(inv.attempt ?? 1),
        GITHUB_JOB: 'release',
        GITHUB_WORKFLOW_REF: WORKFLOW_REF,
        GITHUB_EVENT_NAME: inv.event ?? 'workflow_dispatch',
        GITHUB_STEP_SUMMARY: summaryFile,
      }),
      INPUT_MODE: inv.mode ?? 'run',
      INPUT_PLAN: plan,
      INPUT_TOKEN: 'test-token',
      ...inputs,
      ...Object.fromEntries(Object.entries(inv.inputs ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      GITHUB_OUTPUT: outFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const done = new Promise<Invoked>((resolve) =>
    child.on('exit', (status) => {
      // The job ends with its step, and the run with it: its lease no longer holds the release.
      fake.setRunStatus(runId, 'completed', status === 0 ? 'success' : 'failure');
      const outputs = readOutputs(outFile);
      resolve({ status, stdout, outputs, result: JSON.parse(outputs.result ?? '{}') as Record<string, unknown>, summary: readFileSync(summaryFile, 'utf8') });
    }),
  );
  return { done };
}

const invoke = (plan: string, inv: Invocation = {}): Promise<Invoked> => spawnAction(plan, inv).done;

interface LedgerState {
  status: string;
  commandRuns?: string[];
  stages: Array<{ name: string; phase: string }>;
  regions: Record<string, { phase: string; runs: Array<{ kind: string; correlationId: string }> }>;
  history: Array<{ kind: string; reasonCode: string; reason: string; by?: string; region?: string; numbers?: { runId?: number } }>;
}

function ledger(): { state: LedgerState; conclusion: string | null; summary: string } {
  const c = fake.checkRuns[0];
  return { state: decodeEnvelope(c?.text ?? '').state as LedgerState, conclusion: c?.conclusion ?? null, summary: c?.summary ?? '' };
}

const commandsOf = (s: LedgerState) => s.history.filter((h) => h.kind === 'command' || h.kind === 'command-refused');

/** Non-GET requests after `from` other than ledger writes: anything dispatched, deployed, cancelled. */
function actedSince(from: number): string[] {
  return fake.log
    .slice(from)
    .filter((e) => e.method !== 'GET' && !e.template.includes('check-runs'))
    .map((e) => `${e.method} ${e.path}`);
}

/** A release started by alice that promoted its canary and waits for the approval of stage rest. */
async function pausedRelease(shape: PlanShape = {}, extra: FakeOptions = {}): Promise<string> {
  newFake(extra);
  await fake.start();
  const plan = writePlan(shape);
  const started = await invoke(plan, { actor: 'alice' });
  expect(started.outputs.decision, started.stdout).toBe('paused');
  return plan;
}

describe('a release that waits for a person', () => {
  it('pauses green, says what waits and how to go on (check run action_required, warning, summaries)', async () => {
    newFake();
    await fake.start();
    const plan = writePlan();
    const r = await invoke(plan, { actor: 'alice' });
    expect(r.outputs.decision, r.stdout).toBe('paused');
    expect(r.status).toBe(0);
    const l = ledger();
    expect(l.conclusion).toBe('action_required');
    expect(l.state.stages[1]?.phase).toBe('awaiting-approval');
    const line = `gh workflow run release.yml -f command=approve -f release=${RELEASE} -f stage=rest`;
    // The check run says it first, the job summary too, and a warning on the run cannot be missed.
    expect(l.summary.split('\n').slice(0, 12).join('\n')).toContain(line);
    expect(l.summary).toContain('https://github.example.test/acme/shop/actions/workflows/release.yml');
    expect(r.summary).toContain(line);
    const warning = r.stdout.split('\n').find((x) => x.startsWith('::warning'));
    expect(warning).toContain('Stage rest waits for an approval');
    expect(warning).toContain(`-f command=approve -f release=${RELEASE}`);
  });

  it('an approval by a write user continues the release, and the command run drives it to the end', async () => {
    const plan = await pausedRelease();
    const r = await invoke(plan, { command: 'approve', actor: 'bob', reason: 'canary looks fine' });
    expect(r.outputs.decision, r.stdout).toBe('promoted');
    expect(r.status).toBe(0);
    expect((r.result.command as { accepted: boolean }).accepted).toBe(true);
    const l = ledger();
    expect(l.state.status).toBe('finished');
    const cmds = commandsOf(l.state);
    expect(cmds.map((h) => [h.kind, h.reasonCode, h.by])).toEqual([['command', 'approve', 'bob']]);
    expect(cmds[0]?.reason).toContain('canary looks fine');
    expect(cmds[0]?.numbers?.runId).toBeGreaterThan(0);
    for (const [key, n] of dispatchCounts(fake)) expect(n, key).toBe(1);
    expect(r.summary).toContain('accepted');
  });
});

describe('refused and recorded, nothing done', () => {
  it.each([
    ['a read user', { actor: 'dave' }, {}, {}, 'permission-denied'],
    ['the initiator', { actor: 'alice' }, {}, {}, 'self-approval'],
    ['a re-run whose triggering actor is read-only', { actor: 'bob', triggeringActor: 'dave', attempt: 2 }, {}, {}, 'permission-denied'],
    ['a user not on the allow-list', { actor: 'bob' }, { approvals: ['users: [carol]'] }, {}, 'not-approver'],
    ['a team-only rule without an org token', { actor: 'bob' }, { approvals: ['teams: [acme/release-managers]'] }, {}, 'team-unverifiable'],
  ] as const)('%s', async (_case, who, shape, extra, code) => {
    const plan = await pausedRelease(shape as PlanShape, extra as FakeOptions);
    const from = fake.log.length;
    const asked: Invocation = { command: 'approve', ...who };
    if (asked.attempt === 2) {
      // A re-run: GitHub keeps the run id, raises its attempt and names who re-ran it.
      const runId = commandRun(asked);
      fake.setRunStatus(runId, 'completed', 'failure');
      fake.rerun(runId, asked.triggeringActor ?? '');
      asked.runId = runId;
    }
    const r = await invoke(plan, asked);
    expect(r.outputs.decision, r.stdout).toBe('refused');
    expect(r.outputs['reason-code']).toBe(code);
    expect(r.status).toBe(1);
    expect(actedSince(from)).toEqual([]);
    const l = ledger();
    expect(l.state.stages[1]?.phase).toBe('awaiting-approval');
    expect(commandsOf(l.state).map((h) => [h.kind, h.reasonCode])).toEqual([['command-refused', code]]);
    expect(l.conclusion).toBe('action_required');
  });

  it("a command hard-coded in a push workflow is nobody's decision: refused (run-unverified), nothing written", async () => {
    const plan = await pausedRelease();
    const from = fake.log.length;
    const r = await invoke(plan, { command: 'approve', actor: 'carol', event: 'push' });
    expect(r.outputs.decision, r.stdout).toBe('refused');
    expect(r.outputs['reason-code']).toBe('run-unverified');
    expect(r.status).toBe(1);
    expect(fake.log.slice(from).filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('a command given with a version for an unknown release id starts nothing (unknown-release)', async () => {
    const plan = await pausedRelease();
    const from = fake.log.length;
    const r = await invoke(plan, { command: 'approve', actor: 'bob', release: 'shop-9.9.9', inputs: { version: '9.9.9' } });
    expect(r.outputs['reason-code'], r.stdout).toBe('unknown-release');
    expect(fake.log.slice(from).filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('a wrong release id: refused (unknown-release), nothing written', async () => {
    const plan = await pausedRelease();
    const from = fake.log.length;
    const r = await invoke(plan, { command: 'approve', actor: 'bob', release: 'shop-9.9.9' });
    expect(r.outputs.decision, r.stdout).toBe('refused');
    expect(r.outputs['reason-code']).toBe('unknown-release');
    expect(r.result.reason).toContain('shop-9.9.9');
    expect(fake.log.slice(from).filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('approving twice: the second changes nothing and does not fail (already-approved)', async () => {
    const plan = await pausedRelease({ bake: '10m' });
    const first = await invoke(plan, { command: 'approve', actor: 'bob', mode: 'reconcile' });
    expect(first.outputs.decision, first.stdout).toBe('continue');
    const from = fake.log.length;
    const second = await invoke(plan, { command: 'approve', actor: 'carol', mode: 'reconcile' });
    expect(second.outputs.decision, second.stdout).toBe('unchanged');
    expect(second.outputs['reason-code']).toBe('already-approved');
    expect(second.status).toBe(0);
    expect(actedSince(from).filter((p) => p.includes('dispatches'))).toEqual([]);
  });
});

describe('steering a release', () => {
  it('abort mid-bake rolls back every touched region, newest first, each once', async () => {
    const plan = await pausedRelease({ bake: '10m' });
    expect((await invoke(plan, { command: 'approve', actor: 'bob', mode: 'reconcile' })).outputs.decision).toBe('continue');
    const r = await invoke(plan, { command: 'abort', actor: 'carol', reason: 'p99 regression' });
    expect(r.outputs.decision, r.stdout).toBe('rolled-back');
    const rollbacks = fake.runs.filter((x) => x.workflow === 'rollback.yml').map((x) => x.inputs.region);
    expect(rollbacks).toEqual(['us-east', 'eu-west']);
    expect(ledger().state.history.some((h) => h.kind === 'command' && h.reasonCode === 'abort' && h.reason.includes('p99 regression'))).toBe(true);
  });

  it('pause holds new steps, resume carries the release to the end', async () => {
    const plan = await pausedRelease({ bake: '10m' });
    await invoke(plan, { command: 'approve', actor: 'bob', mode: 'reconcile' });
    const paused = await invoke(plan, { command: 'pause', actor: 'carol', mode: 'reconcile' });
    expect(paused.status, paused.stdout).toBe(0);
    // Held: further reconciles start no new step or region.
    const from = fake.log.length;
    for (let i = 0; i < 3; i++) await invoke(plan, { mode: 'reconcile' });
    expect(actedSince(from).filter((x) => x.includes('dispatches') && !x.includes('rollback'))).toEqual([]);
    const resumed = await invoke(plan, { command: 'resume', actor: 'bob' });
    expect(resumed.outputs.decision, resumed.stdout).toBe('promoted');
    expect(commandsOf(ledger().state).map((h) => h.reasonCode)).toEqual(['approve', 'pause', 'resume']);
  });

  it('retry of a failed region runs its step again as a new attempt, and the release goes on', async () => {
    newFake({
      // us-east's first attempt fails; its retry (a correlation id with :retry1) succeeds.
      script: ({ workflow, inputs }) => ({
        queuedPolls: workflow === 'release.yml' ? 1e9 : 1,
        inProgressPolls: 2,
        conclusion: workflow === 'deploy.yml' && inputs.region === 'us-east' && !(inputs.correlation_id ?? '').includes('retry') ? 'failure' : 'success',
      }),
    });
    await fake.start();
    const plan = writePlan({ failureBudget: 1, bake: '10m' });
    expect((await invoke(plan, { actor: 'alice' })).outputs.decision).toBe('paused');
    expect((await invoke(plan, { command: 'approve', actor: 'bob', mode: 'reconcile' })).outputs.decision).toBe('continue');
    for (let i = 0; i < 20 && ledger().state.regions['us-east']?.phase !== 'rolled-back'; i++) await invoke(plan, { mode: 'reconcile' });
    expect(ledger().state.regions['us-east']?.phase).toBe('rolled-back');
    const r = await invoke(plan, { command: 'retry', actor: 'carol', region: 'us-east' });
    expect(r.outputs.decision, r.stdout).toBe('promoted');
    const l = ledger().state;
    expect(l.regions['us-east']?.phase).toBe('promoted');
    const ids = l.regions['us-east']!.runs.filter((x) => x.kind === 'deploy').map((x) => x.correlationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((id) => id.includes(':retry1'))).toBe(true);
    // Each correlation id was dispatched once: the retry is a new attempt, not a repeat.
    const sent = fake.runs.filter((x) => x.workflow === 'deploy.yml').map((x) => x.inputs.correlation_id);
    expect(new Set(sent).size).toBe(sent.length);
    expect(commandsOf(l).map((h) => [h.kind, h.reasonCode, h.region ?? ''])).toEqual([
      ['command', 'approve', ''],
      ['command', 'retry', 'us-east'],
    ]);
  });

  it('rollback of a promoted release rolls back every region, newest first', async () => {
    const plan = await pausedRelease();
    expect((await invoke(plan, { command: 'approve', actor: 'bob' })).outputs.decision).toBe('promoted');
    const r = await invoke(plan, { command: 'rollback', actor: 'carol', reason: 'incident 42' });
    expect(r.outputs.decision, r.stdout).toBe('rolled-back');
    expect(fake.runs.filter((x) => x.workflow === 'rollback.yml').map((x) => x.inputs.region)).toEqual(['ap-south', 'us-east', 'eu-west']);
    expect(ledger().state.status).toBe('finished');
  });

  it('an approval timeout stops the release while the run waits for people', async () => {
    newFake();
    await fake.start();
    const plan = writePlan({ stageApproval: '{ timeout: 1h }' });
    const r = await invoke(plan, { actor: 'alice', inputs: { 'wait-for-people': '2h' } });
    expect(r.outputs.decision, r.stdout).toBe('rolled-back');
    expect(r.outputs['reason-code']).toBe('approval-timeout');
  });
});

describe('a command while a run job holds the release (wait-for-people)', () => {
  it('the waiting run takes the command from its inbox; the command run says it was taken', async () => {
    newFake({ faults: (ctx) => (ctx.path.includes('/workflows/release.yml/runs') ? { kind: 'slow', ms: 40 } : undefined) });
    await fake.start();
    const plan = writePlan();
    const holder = spawnAction(plan, { actor: 'alice', inputs: { 'wait-for-people': '6h' } });
    // Wait until it waits: its ledger shows the stage waiting.
    for (let i = 0; i < 200; i++) {
      const c = fake.checkRuns[0];
      if (c?.text && (decodeEnvelope(c.text).state as LedgerState).stages[1]?.phase === 'awaiting-approval') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const cmd = await invoke(plan, { command: 'approve', actor: 'bob' });
    expect(cmd.outputs.decision, cmd.stdout).toBe('accepted');
    const held = await holder.done;
    expect(held.outputs.decision, held.stdout).toBe('promoted');
    expect(commandsOf(ledger().state).map((h) => [h.kind, h.reasonCode, h.by])).toEqual([['command', 'approve', 'bob']]);
    for (const [key, n] of dispatchCounts(fake)) expect(n, key).toBe(1);
  }, 60_000);
});

describe('forged commands', () => {
  it('a run that is not a person dispatching the release workflow approves nothing, and is recorded as refused', async () => {
    const plan = await pausedRelease();
    const title = commandTitle({ command: 'approve', releaseId: RELEASE, stage: 'rest' });
    // A push run of the release workflow whose title mimics a command (a crafted commit message
    // in a run-name), and a dispatch made with a bot's token: both in the inbox of the next driver.
    const push = fake.addRun({ workflow: 'release.yml', event: 'push', actor: 'carol', title });
    const bot = fake.addRun({ workflow: 'release.yml', event: 'workflow_dispatch', actor: 'github-actions[bot]', title });
    // Another workflow's run with a command title is not in the release workflow's inbox at all.
    fake.addRun({ workflow: 'deploy.yml', event: 'workflow_dispatch', actor: 'carol', title });
    const from = fake.log.length;
    const r = await invoke(plan, { mode: 'reconcile', actor: 'alice', inputs: { version: '5.0.0' } });
    expect(r.outputs.decision, r.stdout).toBe('paused');
    expect(actedSince(from)).toEqual([]);
    const l = ledger();
    expect(l.state.stages[1]?.phase).toBe('awaiting-approval');
    expect(commandsOf(l.state).map((h) => [h.kind, h.reasonCode, h.numbers?.runId])).toEqual([
      ['command-refused', 'run-unverified', push],
      ['command-refused', 'permission-denied', bot],
    ]);
    expect(l.state.commandRuns).toEqual([`${push}.1`, `${bot}.1`]);
  });
});
