/**
 * The plan a release was started with, end to end through the bundle (`node index.js`, built by
 * scripts/build.mjs into a temp dir) against the GitHub fake (issue 10, item 4). A release is
 * started by a reconcile (canary dispatched, then the job exits), the plan file is edited, and the
 * next invocation must stop with plan-changed before anything is dispatched; a person adopts a
 * compatible change with command adopt-plan and the release goes on; a ledger edited to name what
 * the plan lacks is refused as state-plan-mismatch without a write.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope } from '../src/github/envelope.js';
import type { FakeOptions, GitHubFake } from './github-fake/server.js';
import { dispatchCounts, makeFake, runnerEnv } from './github-e2e-helpers.js';
import { buildBundle, readOutputs as outputs } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let metrics: Server;
let metricsUrl = '';
let fake: GitHubFake;
/** What the metrics backend answers (an object without `value`: no data). */
let metricsAnswer: Record<string, unknown> = { value: 0.01 };

beforeAll(async () => {
  bundle = buildBundle('pr-pin-');
  metrics = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(metricsAnswer));
  });
  await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
  metricsUrl = `http://127.0.0.1:${(metrics.address() as AddressInfo).port}`;
}, 120_000);
afterAll(() => void metrics?.close());
afterEach(async () => {
  metricsAnswer = { value: 0.01 };
  await fake?.stop();
});

interface PlanShape {
  canary?: string[];
  rest?: string[];
  steps?: number[];
  max?: number;
  /** Text appended as is (a comment: must not count). */
  tail?: string;
}

function planText(p: PlanShape = {}): string {
  return [
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
    `  svc: { type: http-json, url: "${metricsUrl}" }`,
    'gates:',
    '  errors:',
    '    provider: svc',
    '    url: "/err?region={{ region }}"',
    '    path: "$.value"',
    `    max: ${p.max ?? 0.5}`,
    '    interval: 1m',
    'defaults:',
    '  gates: [errors]',
    '  steps:',
    ...(p.steps ?? [50, 100]).map((t) => `    - { traffic: ${t}, bake: 2m }`),
    'stages:',
    '  - name: canary',
    `    regions: [${(p.canary ?? ['eu-west']).join(', ')}]`,
    '  - name: rest',
    `    regions: [${(p.rest ?? ['us-east', 'ap-south']).join(', ')}]`,
    '    maxParallel: 1',
    p.tail ?? '',
    '',
  ].join('\n');
}

interface Invocation {
  mode: 'run' | 'reconcile';
  command?: string;
  actor?: string;
  /** More of the runner's environment (GITHUB_RUN_ID, GITHUB_JOB, ...). */
  env?: Record<string, string>;
}

async function invoke(plan: string, inv: Invocation) {
  const dir = mkdtempSync(join(tmpdir(), 'pr-pin-run-'));
  const outFile = join(dir, 'output');
  writeFileSync(outFile, '');
  const inputs: Record<string, string> = inv.command ? { INPUT_COMMAND: inv.command, INPUT_RELEASE: 'shop-5.0.0' } : { INPUT_VERSION: '5.0.0' };
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake, { ...(inv.actor ? { GITHUB_ACTOR: inv.actor } : {}), ...inv.env }),
      INPUT_MODE: inv.mode,
      INPUT_PLAN: plan,
      INPUT_TOKEN: 'test-token',
      ...inputs,
      GITHUB_OUTPUT: outFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const out = outputs(outFile);
  return { status, stdout, stderr, outputs: out, result: JSON.parse(out.result ?? '{}') as { reason?: string; error?: string } };
}

/** `node index.js` as a child that can be killed (SIGKILL: no handler runs). */
function spawnInvoke(plan: string, mode: 'run' | 'reconcile'): { done: Promise<number | null>; kill: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pr-pin-kill-'));
  const outFile = join(dir, 'output');
  writeFileSync(outFile, '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake),
      INPUT_MODE: mode,
      INPUT_PLAN: plan,
      INPUT_TOKEN: 'test-token',
      INPUT_VERSION: '5.0.0',
      GITHUB_OUTPUT: outFile,
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  return { done: new Promise((resolve) => child.on('exit', (code) => resolve(code))), kill: () => child.kill('SIGKILL') };
}

interface LedgerState {
  status: string;
  pause?: { reasonCode: string };
  pin?: { digest: string };
  stage: number;
  stages: Array<{ name: string; phase: string; cursor: number; failed: number }>;
  regions: Record<string, { name: string; stage: number; step: number; phase: string }>;
  history: Array<{ kind: string; reasonCode: string; reason: string; by?: string }>;
}

function ledger(): { text: string; state: LedgerState } {
  const text = fake.checkRuns[0]?.text ?? '';
  return { text, state: decodeEnvelope(text).state as LedgerState };
}

/** Non-GET requests after `from` that are not ledger writes: anything dispatched, deployed, cancelled. */
function actedSince(from: number): string[] {
  return fake.log
    .slice(from)
    .filter((e) => e.method !== 'GET' && !e.template.includes('check-runs'))
    .map((e) => `${e.method} ${e.path}`);
}

/** A new fake and plan file; a reconcile starts the release (canary step 1 dispatched) and exits. */
async function startRelease(shape: PlanShape = {}, extra: FakeOptions = {}): Promise<string> {
  fake = makeFake([], extra);
  await fake.start();
  const plan = join(mkdtempSync(join(tmpdir(), 'pr-pin-plan-')), 'release-plan.yml');
  writeFileSync(plan, planText(shape));
  const first = await invoke(plan, { mode: 'reconcile' });
  expect(first.outputs.decision, first.stdout + first.stderr).toBe('continue');
  expect([...dispatchCounts(fake).keys()]).toEqual(['eu-west@50']);
  return plan;
}

const EDITS: Array<[string, PlanShape, RegExp]> = [
  ['a region removed', { rest: ['us-east'] }, /region ap-south removed from stage rest/],
  ['a region added', { rest: ['us-east', 'ap-south', 'eu-west-2'] }, /region eu-west-2 added to stage rest/],
  ['a step inserted', { steps: [25, 50, 100] }, /steps of stage canary changed 50%, 100% -> 25%, 50%, 100%/],
  ['a gate threshold changed', { max: 1 }, /gate errors max 0\.5 -> 1/],
];

describe('a plan edited between invocations (node index.js against the fake)', () => {
  for (const mode of ['run', 'reconcile'] as const) {
    it.each(EDITS)(
      `${mode}: %s -> paused, plan-changed, nothing dispatched after the edit`,
      async (_what, edit, named) => {
        const plan = await startRelease();
        const before = fake.log.length;
        const runsBefore = fake.runs.length;
        writeFileSync(plan, planText(edit));
        const r = await invoke(plan, { mode });
        expect(r.outputs.decision, r.stdout + r.stderr).toBe('paused');
        expect(r.outputs['reason-code']).toBe('plan-changed');
        expect(r.result.reason).toMatch(named);
        expect(r.status).toBe(1);
        expect(r.stdout).toMatch(/plan-changed: plan changed since the release started/);
        expect(fake.runs).toHaveLength(runsBefore);
        expect(actedSince(before)).toEqual([]);
        const { state } = ledger();
        expect(state.pause?.reasonCode).toBe('plan-changed');
        expect(state.history.at(-1)?.kind).toBe('plan-changed');
        expect(state.history.at(-1)?.reason).toMatch(named);
        expect(fake.checkRuns[0]?.conclusion).toBe('action_required');
        expect(fake.errors).toEqual([]);
      },
      60_000,
    );
  }

  it('a comment added to the plan is no change: the release goes on to the end', async () => {
    const plan = await startRelease();
    writeFileSync(plan, planText({ tail: '# reviewed by the release team' }));
    const r = await invoke(plan, { mode: 'run' });
    expect(r.outputs.decision, r.stdout + r.stderr).toBe('promoted');
    for (const n of dispatchCounts(fake).values()) expect(n).toBe(1);
  }, 60_000);

  it('the plan restored: the hold is lifted and the release goes on', async () => {
    const plan = await startRelease();
    writeFileSync(plan, planText({ rest: ['us-east'] }));
    expect((await invoke(plan, { mode: 'run' })).outputs['reason-code']).toBe('plan-changed');
    writeFileSync(plan, planText());
    const r = await invoke(plan, { mode: 'run' });
    expect(r.outputs.decision, r.stdout + r.stderr).toBe('promoted');
    expect([...dispatchCounts(fake).entries()].sort()).toEqual([
      ['ap-south@100', 1],
      ['ap-south@50', 1],
      ['eu-west@100', 1],
      ['eu-west@50', 1],
      ['us-east@100', 1],
      ['us-east@50', 1],
    ]);
  }, 60_000);
});

describe('adopt-plan', () => {
  it('a compatible change (a region added) adopted by a person: recorded with who and both digests, the added region deploys', async () => {
    const plan = await startRelease();
    const pinned = ledger().state.pin?.digest ?? '';
    writeFileSync(plan, planText({ rest: ['us-east', 'ap-south', 'eu-west-2'] }));
    const held = await invoke(plan, { mode: 'reconcile' });
    const short = /adopt-plan:([0-9a-f]{12})/.exec(held.result.reason ?? '')?.[1];
    expect(short, held.result.reason).toBeDefined();
    const r = await invoke(plan, { mode: 'run', command: `adopt-plan:${short}` });
    expect(r.outputs.decision, r.stdout + r.stderr).toBe('promoted');
    expect(r.status).toBe(0);
    expect([...dispatchCounts(fake).entries()].sort()).toEqual([
      ['ap-south@100', 1],
      ['ap-south@50', 1],
      ['eu-west-2@100', 1],
      ['eu-west-2@50', 1],
      ['eu-west@100', 1],
      ['eu-west@50', 1],
      ['us-east@100', 1],
      ['us-east@50', 1],
    ]);
    const { state } = ledger();
    const adopted = state.history.find((h) => h.reasonCode === 'plan-adopted');
    expect(adopted?.by).toBe('alice');
    expect(adopted?.reason).toContain(`(was ${pinned})`);
    expect(adopted?.reason).toMatch(new RegExp(`adopted plan sha256:${short}[0-9a-f]{52} `));
    expect(state.pin?.digest.startsWith(`sha256:${short}`)).toBe(true);
    expect(fake.errors).toEqual([]);
  }, 60_000);

  it('an incompatible change (a step inserted before the one the canary reached) is refused; nothing dispatched', async () => {
    const plan = await startRelease();
    writeFileSync(plan, planText({ steps: [25, 50, 100] }));
    const before = fake.log.length;
    const r = await invoke(plan, { mode: 'run', command: 'adopt-plan' });
    expect(r.outputs.decision, r.stdout + r.stderr).toBe('refused');
    expect(r.outputs['reason-code']).toBe('adopt-plan-refused');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/region eu-west reached step 1 of stage canary; step 1 was 50%, the plan now says 25%/);
    expect(actedSince(before)).toEqual([]);
    const { state } = ledger();
    expect(state.pause?.reasonCode).toBe('plan-changed');
    expect(state.history.some((h) => h.reasonCode === 'adopt-plan-refused' && h.by === 'alice')).toBe(true);
    expect(fake.errors).toEqual([]);
  }, 60_000);

  it('a person below approvals.minPermission cannot adopt; the refusal is recorded', async () => {
    const plan = await startRelease();
    writeFileSync(plan, planText({ rest: ['us-east', 'ap-south', 'eu-west-2'] }));
    const before = fake.log.length;
    const r = await invoke(plan, { mode: 'run', command: 'adopt-plan', actor: 'mallory' });
    expect(r.outputs['reason-code'], r.stdout + r.stderr).toBe('permission-denied');
    expect(r.status).toBe(1);
    expect(actedSince(before)).toEqual([]);
    expect(ledger().state.history.some((h) => h.kind === 'command-refused' && h.by === 'mallory' && h.reasonCode === 'permission-denied')).toBe(true);
  }, 60_000);

  it('with nothing changed there is nothing to adopt: refused before the claim, the release is not driven', async () => {
    const plan = await startRelease();
    const before = fake.log.length;
    const r = await invoke(plan, { mode: 'run', command: 'adopt-plan' });
    expect(r.outputs['reason-code'], r.stdout + r.stderr).toBe('nothing-to-adopt');
    expect(r.outputs.decision).toBe('refused');
    expect(r.status).toBe(1);
    expect(fake.log.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
  }, 60_000);

  it('on a finished release whose plan changed since: refused saying it is finished, not that the plan is unchanged', async () => {
    const plan = await startRelease();
    expect((await invoke(plan, { mode: 'run' })).outputs.decision).toBe('promoted');
    writeFileSync(plan, planText({ rest: ['us-east', 'ap-south', 'eu-west-2'] }));
    const before = fake.log.length;
    const r = await invoke(plan, { mode: 'run', command: 'adopt-plan' });
    expect(r.outputs['reason-code'], r.stdout + r.stderr).toBe('release-finished');
    expect(r.result.reason).toMatch(/release shop-5\.0\.0 is finished \(promoted\)/);
    expect(r.result.reason).not.toMatch(/has not changed/);
    expect(r.status).toBe(1);
    expect(fake.log.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
  }, 60_000);

  it('adopted on a GitHub that refuses to reopen a completed check run: the release still ends, its check run success, each step once', async () => {
    const plan = await startRelease({}, { refuseReopen: true });
    writeFileSync(plan, planText({ rest: ['us-east', 'ap-south', 'eu-west-2'] }));
    expect((await invoke(plan, { mode: 'reconcile' })).outputs['reason-code']).toBe('plan-changed');
    expect(fake.checkRuns[0]?.conclusion).toBe('action_required');
    const r = await invoke(plan, { mode: 'run', command: 'adopt-plan' });
    expect(r.outputs.decision, r.stdout + r.stderr).toBe('promoted');
    expect(r.result).toMatchObject({ ledgerSaved: true });
    expect(r.status).toBe(0);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]?.conclusion).toBe('success');
    expect(ledger().state.status).toBe('finished');
    for (const n of dispatchCounts(fake).values()) expect(n).toBe(1);
    expect(fake.errors).toEqual([]);
  }, 60_000);

  it('while another job of the same live workflow run holds the lease: adopt-plan stops as lease-held, naming that job; nothing adopted', async () => {
    fake = makeFake();
    await fake.start();
    const res = await fetch(`${fake.url}/repos/acme/shop/actions/workflows/release.yml/dispatches`, {
      method: 'POST',
      headers: { authorization: 'token test-token', 'content-type': 'application/json', accept: 'application/vnd.github+json' },
      body: JSON.stringify({ ref: 'main', return_run_details: true }),
    });
    const run = String(((await res.json()) as { workflow_run_id: number }).workflow_run_id);
    const plan = join(mkdtempSync(join(tmpdir(), 'pr-pin-plan-')), 'release-plan.yml');
    writeFileSync(plan, planText());
    // Job `release` of the live run starts the release (a reconcile: it exits holding the lease).
    const started = await invoke(plan, { mode: 'reconcile', env: { GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'release' } });
    expect(started.outputs.decision, started.stdout + started.stderr).toBe('continue');
    writeFileSync(plan, planText({ rest: ['us-east', 'ap-south', 'eu-west-2'] }));
    const before = fake.log.length;
    const r = await invoke(plan, { mode: 'run', command: 'adopt-plan', env: { GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'adopt' } });
    expect(r.outputs['reason-code'], r.stdout + r.stderr).toBe('lease-held');
    expect(r.result.reason).toContain(`another job (or matrix leg) of this workflow run ${run} (attempt 1, job release)`);
    expect(r.status).toBe(1);
    expect(fake.log.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
    expect(ledger().state.history.some((h) => h.reasonCode === 'plan-adopted')).toBe(false);
  }, 60_000);
});

describe('a ledger edited to name what the plan lacks', () => {
  const TAMPER: Array<[string, (s: LedgerState) => void, RegExp]> = [
    [
      'a region',
      (s) => void (s.regions['xx-tampered'] = { ...(s.regions['us-east'] as LedgerState['regions'][string]), name: 'xx-tampered' }),
      /names region xx-tampered, which the plan lacks/,
    ],
    ['a stage', (s) => void s.stages.push({ name: 'extra', phase: 'pending', cursor: 0, failed: 0 }), /has 3 stages, the plan 2/],
    ['a step', (s) => void ((s.regions['eu-west'] as { step: number }).step = 4), /names step 5 of region eu-west; stage canary has 2/],
  ];
  it.each(TAMPER)(
    '%s -> refused as state-plan-mismatch, the ledger left as found, nothing dispatched',
    async (_what, edit, named) => {
      const plan = await startRelease();
      const cr = fake.checkRuns[0];
      if (!cr) throw new Error('no ledger');
      const env = decodeEnvelope(cr.text ?? '');
      edit(env.state as LedgerState);
      cr.text = encodeEnvelope(env);
      const tampered = cr.text;
      const before = fake.log.length;
      const r = await invoke(plan, { mode: 'run' });
      expect(r.outputs.decision, r.stdout + r.stderr).toBe('error');
      expect(r.outputs['reason-code']).toBe('state-plan-mismatch');
      expect(r.result.error).toMatch(named);
      expect(r.status).toBe(1);
      expect(fake.log.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
      expect(fake.checkRuns[0]?.text).toBe(tampered);
      expect(fake.runs).toHaveLength(1);
    },
    60_000,
  );

  it('a ledger saved before plans were pinned resumes when it matches the plan (pinned then), and is refused when it does not', async () => {
    const plan = await startRelease();
    const cr = fake.checkRuns[0];
    if (!cr) throw new Error('no ledger');
    const env = decodeEnvelope(cr.text ?? '');
    delete (env.state as LedgerState).pin;
    const legacy = encodeEnvelope(env);
    cr.text = legacy;
    writeFileSync(plan, planText({ rest: ['us-east', 'ap-south', 'eu-west-2'] }));
    const refused = await invoke(plan, { mode: 'run' });
    expect(refused.outputs['reason-code'], refused.stdout + refused.stderr).toBe('state-plan-mismatch');
    expect(refused.result.error).toMatch(/lacks region eu-west-2 of the plan/);
    writeFileSync(plan, planText());
    const r = await invoke(plan, { mode: 'run' });
    expect(r.outputs.decision, r.stdout + r.stderr).toBe('promoted');
    expect(ledger().state.history.some((h) => h.kind === 'plan-pinned')).toBe(true);
    for (const n of dispatchCounts(fake).values()) expect(n).toBe(1);
  }, 60_000);
});

describe('a ledger edited to carry text that is not ours (review of issue 10: the seams)', () => {
  const EVIL = 'x`\n\n<img src=x onerror=alert(1)>\n::add-mask::leak\n##[error]pwned';

  function tamper(edit: (s: Record<string, any>) => void): string {
    const cr = fake.checkRuns[0];
    if (!cr) throw new Error('no ledger');
    const env = decodeEnvelope(cr.text ?? '');
    edit(env.state as Record<string, any>);
    cr.text = encodeEnvelope(env);
    return cr.text;
  }

  /** Nothing from the ledger started a runner command or reached a summary raw. */
  function expectNeutral(r: Awaited<ReturnType<typeof invoke>>): void {
    expect(r.stdout).not.toMatch(/^\s*::add-mask::leak/m);
    expect(r.stdout).not.toMatch(/^[^\n]*##\[error\]pwned/m);
    for (const cr of fake.checkRuns) expect(cr.summary ?? '').not.toContain('<img');
  }

  it('a release id that is not the one its check run is named by: refused as ledger-corrupt, nothing written or dispatched', async () => {
    const plan = await startRelease();
    const tampered = tamper((s) => void (s.releaseId = EVIL));
    const before = fake.log.length;
    const r = await invoke(plan, { mode: 'run' });
    expect(r.outputs['reason-code'], r.stdout + r.stderr).toBe('ledger-corrupt');
    expect(r.outputs['release-id']).toBe('shop-5.0.0');
    expect(r.result.error).toMatch(/state\.releaseId is "x`\\n\\n<img/);
    expect(r.result.error).not.toMatch(/[\n\r]/);
    expect(r.status).toBe(1);
    expect(fake.log.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
    expect(fake.checkRuns[0]?.text).toBe(tampered);
    expectNeutral(r);
  }, 60_000);

  it('a region key with a line break and a command in a mis-shaped region: ledger-corrupt, the key shown escaped and cut', async () => {
    const plan = await startRelease();
    tamper((s) => void (s.regions[`${EVIL}${'y'.repeat(5000)}`] = { runs: 5 }));
    const r = await invoke(plan, { mode: 'run' });
    expect(r.outputs['reason-code'], r.stdout + r.stderr).toBe('ledger-corrupt');
    const error = r.result.error ?? '';
    expect(error).not.toMatch(/[\n\r]/);
    expect(error).toMatch(/state\.regions\."x`\\n\\n<img src=x onerror=alert\(1\)>\\n::add-m\.\.\."\.name is missing/);
    expect(error.length).toBeLessThan(2000);
    expectNeutral(r);
  }, 60_000);
});

describe('held for missing data across invocations: each resume goes through the shape check and the pin (the seams)', () => {
  it('killed while held for no data, resumed: the held gate reads back (never ledger-corrupt) and fails at the no-data limit; each step once', async () => {
    let onSave: ((state: Record<string, any>) => void) | undefined;
    const plan = await startRelease(
      {},
      {
        onMutation: (_n, entry) => {
          const text = (entry.body as { output?: { text?: string } } | undefined)?.output?.text;
          if (onSave && text) onSave(decodeEnvelope(text).state as Record<string, any>);
        },
      },
    );
    metricsAnswer = { note: 'no value' };
    // The first driver is killed right after it saved the canary held for missing data.
    let held = false;
    const first = spawnInvoke(plan, 'run');
    onSave = (st) => {
      const g = st.regions?.['eu-west']?.bake?.gates?.errors;
      if (!held && g?.measureWhileHeld === true && g.consecutiveNoData >= 1) {
        held = true;
        fake.frozen = true;
        first.kill();
      }
    };
    await first.done;
    expect(held).toBe(true);
    onSave = undefined;
    fake.thaw();
    const r = await invoke(plan, { mode: 'run' });
    expect(r.outputs['reason-code'], r.stdout + r.stderr).toBe('gate-no-data');
    expect(r.outputs.decision).toBe('rolled-back');
    expect(r.stdout).toMatch(/resuming release shop-5\.0\.0/);
    const { state } = ledger();
    expect(state.regions['eu-west']?.phase).toBe('rolled-back');
    expect([...dispatchCounts(fake).entries()]).toEqual([['eu-west@50', 1]]);
    expect(fake.runs.filter((x) => x.workflow === 'rollback.yml')).toHaveLength(1);
    expect(fake.errors).toEqual([]);
  }, 120_000);
});
