/**
 * Clear errors, nothing half-done (issue 10, items 9 and 10), end to end through the action
 * bundle (`node index.js`, built as dist/ is) against the GitHub fake: each permission the
 * workflow may have forgotten denied in turn, a ledger damaged in each way, HTML answers, a
 * wrong token, an API that cannot be reached. Each ends with its own reason-code and a sentence
 * a person can act on, never `internal-error`, a stack trace or a raw JavaScript error.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initialState } from '../src/core/state.js';
import { decodeEnvelope, encodeEnvelope, LEDGER_FORMAT, LEDGER_VERSION } from '../src/github/envelope.js';
import { checkRunName } from '../src/plan/ids.js';
import { loadPlanFile } from '../src/plan/load.js';
import type { Fault, FaultContext, GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv, SHA, writePlan } from './github-e2e-helpers.js';
import { buildBundle, readOutputs as outputs } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let fake: GitHubFake | undefined;

beforeAll(() => {
  bundle = buildBundle('pr-errors-');
}, 120_000);
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const RELEASE = 'shop-5.0.0';

async function runBundle(plan: string, env: Record<string, string>, token = 'test-token') {
  const dir = mkdtempSync(join(tmpdir(), 'pr-errors-run-'));
  const outFile = join(dir, 'output');
  writeFileSync(outFile, '');
  const child = spawn(testNode(), [bundle], {
    env: { PATH: process.env.PATH ?? '', ...env, INPUT_MODE: 'run', INPUT_PLAN: plan, INPUT_VERSION: '5.0.0', INPUT_TOKEN: token, GITHUB_OUTPUT: outFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const out = outputs(outFile);
  const error = stdout
    .split('\n')
    .filter((l) => l.startsWith('::error::'))
    .join('\n');
  return { status, stdout, stderr, outputs: out, result: JSON.parse(out.result ?? '{}') as Record<string, unknown>, error };
}

/** No stack trace, no JavaScript error text as the message: what a person reads is ours. */
function expectNoRawError(r: { stdout: string; stderr: string; outputs: Record<string, string> }): void {
  const all = r.stdout + r.stderr + (r.outputs.result ?? '');
  expect(all).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(all).not.toMatch(
    /TypeError|SyntaxError|RangeError|ReferenceError|is not iterable|Cannot read properties|JSON at position|Unexpected token|incorrect header check|<html|<!DOCTYPE/i,
  );
  expect(r.outputs['reason-code']).not.toBe('internal-error');
}

async function startFake(faults?: (ctx: FaultContext) => Fault | undefined, extra: Parameters<typeof makeFake>[1] = {}): Promise<GitHubFake> {
  const f = makeFake([], { ...(faults ? { faults } : {}), ...extra });
  await f.start();
  fake = f;
  return f;
}

const deny =
  (method: string, suffix: string) =>
  (ctx: FaultContext): Fault | undefined =>
    ctx.method === method && ctx.template.endsWith(suffix) ? { kind: 'forbidden' } : undefined;

/** Every deployment's last status: none may be left queued or in progress. */
function lastStatuses(f: GitHubFake): string[] {
  return f.deployments.map((d) => f.statusesOf(d.id).at(-1) ?? 'none');
}

describe('a permission the workflow did not grant (403 Resource not accessible by integration)', () => {
  it('checks: write denied at the claim: missing-permission naming it, nothing dispatched, nothing created', async () => {
    const f = await startFake(deny('POST', '/check-runs'));
    const r = await runBundle(writePlan(['eu-west', 'us-east']), runnerEnv(f));
    expect(r.status).toBe(1);
    expect(r.outputs.decision).toBe('error');
    expect(r.outputs['reason-code']).toBe('missing-permission');
    expect(r.error).toContain('checks: write');
    expect(r.error).toMatch(/permissions:/);
    expect(r.result).toMatchObject({ reasonCode: 'missing-permission', permission: 'checks: write' });
    expect(f.runs).toHaveLength(0);
    expect(f.deployments).toHaveLength(0);
    expectNoRawError(r);
    expect(f.errors).toEqual([]);
  });

  it('deployments: write denied: no dispatch at all (it could not be recorded), release failed missing-permission in the ledger', async () => {
    const f = await startFake(deny('POST', '/deployments'));
    const r = await runBundle(writePlan(['eu-west', 'us-east']), runnerEnv(f));
    expect(r.status).toBe(1);
    expect(r.outputs.decision).toBe('failed');
    expect(r.outputs['reason-code']).toBe('missing-permission');
    expect(r.error).toContain('deployments: write');
    expect(r.stdout).toMatch(/permissions:/);
    expect(f.runs).toHaveLength(0);
    expect(f.deployments).toHaveLength(0);
    // The ledger says what happened, and nothing is in doubt.
    const cr = f.checkRuns[0];
    expect(cr?.conclusion).toBe('failure');
    const state = decodeEnvelope(cr?.text ?? '').state as { outcome?: { reasonCode: string; reason: string }; regions: Record<string, { phase: string }> };
    expect(state.outcome?.reasonCode).toBe('missing-permission');
    expect(state.outcome?.reason).toContain('deployments: write');
    expect(Object.values(state.regions).every((x) => x.phase === 'skipped')).toBe(true);
    expect(r.stdout).not.toMatch(/may still start a run|rollback FAILED|need a person now/i);
    expectNoRawError(r);
    expect(f.errors).toEqual([]);
  });

  it('actions: write denied: no rollback for what was never deployed, the deployment made for it closed (not left queued)', async () => {
    const f = await startFake(deny('POST', '/dispatches'));
    const r = await runBundle(writePlan(['eu-west', 'us-east']), runnerEnv(f));
    expect(r.status).toBe(1);
    expect(r.outputs.decision).toBe('failed');
    expect(r.outputs['reason-code']).toBe('missing-permission');
    expect(r.error).toContain('actions: write');
    expect(f.runs).toHaveLength(0);
    expect(f.log.filter((e) => e.template.endsWith('/dispatches'))).toHaveLength(1);
    expect(f.deployments).toHaveLength(1);
    expect(lastStatuses(f)).toEqual(['error']);
    expect(f.statuses.at(-1)?.description).toMatch(/not deployed/);
    expect(r.stdout).not.toMatch(/rollback FAILED|need a person now|may still start a run/i);
    const state = decodeEnvelope(f.checkRuns[0]?.text ?? '').state as {
      outcome?: { reasonCode: string };
      regions: Record<string, { phase: string; runs: Array<{ done: boolean; conclusion?: string }> }>;
    };
    expect(state.outcome?.reasonCode).toBe('missing-permission');
    expect(state.regions['eu-west']?.runs).toEqual([expect.objectContaining({ done: true, conclusion: 'not-dispatched' })]);
    expectNoRawError(r);
    expect(f.errors).toEqual([]);
  });
});

/** writePlan's plan with its first stage holding all `regions`, deployed in parallel. */
function parallelPlan(regions: string[]): string {
  const file = writePlan(['x']);
  const text = readFileSync(file, 'utf8').replace('    regions: [x]', `    regions: [${regions.join(', ')}]\n    maxParallel: ${regions.length}`);
  writeFileSync(file, text);
  return file;
}

describe('a permission denied while regions deploy in parallel', () => {
  const regions = ['eu-west', 'us-east', 'ap-south'];
  it('deployments: write: no region is dispatched (each dispatch waits for its own deployment)', async () => {
    const f = await startFake(deny('POST', '/deployments'));
    const r = await runBundle(parallelPlan(regions), runnerEnv(f));
    expect(r.outputs['reason-code']).toBe('missing-permission');
    expect(f.log.filter((e) => e.template.endsWith('/dispatches'))).toHaveLength(0);
    expect(f.runs).toHaveLength(0);
    expect(f.errors).toEqual([]);
  });

  it('actions: write: every deployment made is closed with error, none left queued', async () => {
    const f = await startFake(deny('POST', '/dispatches'));
    const r = await runBundle(parallelPlan(regions), runnerEnv(f));
    expect(r.outputs['reason-code']).toBe('missing-permission');
    expect(f.runs).toHaveLength(0);
    expect(f.deployments).toHaveLength(regions.length);
    expect(lastStatuses(f).every((x) => x === 'error')).toBe(true);
    expect(r.stdout).not.toMatch(/rollback FAILED|need a person now/i);
    expect(f.errors).toEqual([]);
  });
});

/** Puts a ledger check run with this `output.text` on the commit, as a damaged earlier one. */
function plantLedger(f: GitHubFake, text: string): void {
  f.records.createCheckRun({
    name: checkRunName(RELEASE),
    head_sha: SHA,
    status: 'in_progress',
    output: { title: `Release ${RELEASE}: in progress`, summary: 'planted', text },
  });
}

function envelope(state: unknown, version: number = LEDGER_VERSION): string {
  return JSON.stringify({ format: LEDGER_FORMAT, version, releaseId: RELEASE, annotated: [], state });
}

describe('a ledger that cannot be read', () => {
  const cases: Array<{ name: string; text: (plan: string) => string; code: string; says: RegExp }> = [
    { name: 'JSON cut short', text: () => envelope({}).slice(0, 40), code: 'ledger-corrupt', says: /not valid JSON/ },
    { name: 'broken gzip', text: () => `gzip+base64:${Buffer.from('this is not gzip at all').toString('base64')}`, code: 'ledger-corrupt', says: /gzip/ },
    { name: 'gzip of broken JSON', text: () => `gzip+base64:${gzipSync('{"format":').toString('base64')}`, code: 'ledger-corrupt', says: /not valid JSON/ },
    { name: 'text of something else', text: () => JSON.stringify({ hello: 'world' }), code: 'ledger-corrupt', says: /not a progressive-release ledger/ },
    { name: 'ledger version 99', text: () => envelope({}, 99), code: 'ledger-version-unsupported', says: /version 99/ },
    {
      name: 'a state whose region has runs: 5',
      text: (plan) => {
        const loaded = loadPlanFile(plan).plan;
        if (!loaded) throw new Error('plan');
        const state = { ...initialState(loaded, RELEASE, '5.0.0'), status: 'running' } as unknown as { regions: Record<string, { runs: unknown }> };
        (state.regions['eu-west'] as { runs: unknown }).runs = 5;
        return encodeEnvelope({ format: LEDGER_FORMAT, version: LEDGER_VERSION, releaseId: RELEASE, annotated: [], state });
      },
      code: 'ledger-corrupt',
      says: /regions\.eu-west\.runs/,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.code}, naming the check run, nothing dispatched`, async () => {
      const f = await startFake();
      const plan = writePlan(['eu-west', 'us-east']);
      plantLedger(f, c.text(plan));
      const id = f.checkRuns[0]?.id;
      const r = await runBundle(plan, runnerEnv(f));
      expect(r.status).toBe(1);
      expect(r.outputs['reason-code']).toBe(c.code);
      expect(r.error).toMatch(c.says);
      expect(r.error).toContain(`check run ${id}`);
      expect(r.error).toContain(RELEASE);
      expect(f.runs).toHaveLength(0);
      expect(f.deployments).toHaveLength(0);
      // The damaged ledger is left as it was: it is evidence, and the next driver must see it too.
      expect(f.checkRuns).toHaveLength(1);
      expect(f.checkRuns[0]?.summary).toBe('planted');
      expectNoRawError(r);
    });
  }
});

describe('GitHub cannot be used', () => {
  for (const status of [200, 502] as const) {
    it(`an HTML page with ${status} instead of the API's JSON: github-bad-answer`, async () => {
      const f = await startFake((ctx) => (ctx.template.endsWith('/check-runs') && ctx.method === 'GET' ? { kind: 'html', status } : undefined));
      const r = await runBundle(writePlan(['eu-west', 'us-east']), runnerEnv(f));
      expect(r.status).toBe(1);
      expect(r.outputs['reason-code']).toBe('github-bad-answer');
      expect(r.error).toMatch(/not an answer of the GitHub API|HTML/);
      expect(r.error).toContain('GITHUB_API_URL');
      expect(f.runs).toHaveLength(0);
      expectNoRawError(r);
    });
  }

  it('a wrong token (401 Bad credentials): bad-credentials', async () => {
    const f = await startFake();
    const r = await runBundle(writePlan(['eu-west', 'us-east']), runnerEnv(f), 'not-the-token');
    expect(r.status).toBe(1);
    expect(r.outputs['reason-code']).toBe('bad-credentials');
    expect(r.error).toMatch(/input 'token'/);
    // Only the runner's mask command carries it (so the runner hides it everywhere else).
    expect((r.stdout + r.stderr).replace('::add-mask::not-the-token\n', '')).not.toContain('not-the-token');
    expect(f.runs).toHaveLength(0);
    expectNoRawError(r);
  });

  it('GITHUB_API_URL on a closed port (connection refused): github-unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const plan = writePlan(['eu-west', 'us-east']);
    const base = { ...runnerEnv({ url: `http://127.0.0.1:${port}` } as GitHubFake) };
    const r = await runBundle(plan, base);
    expect(r.status).toBe(1);
    expect(r.outputs['reason-code']).toBe('github-unreachable');
    expect(r.error).toContain(`http://127.0.0.1:${port}`);
    expect(r.error).toMatch(/ECONNREFUSED|refused/);
    expectNoRawError(r);
  });

  it('GITHUB_API_URL naming a host that does not resolve: github-unreachable', async () => {
    const r = await runBundle(writePlan(['eu-west']), runnerEnv({ url: 'http://api.github.invalid' } as GitHubFake));
    expect(r.status).toBe(1);
    expect(r.outputs['reason-code']).toBe('github-unreachable');
    expect(r.error).toContain('api.github.invalid');
    expectNoRawError(r);
  });
});
