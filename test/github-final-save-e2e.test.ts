/**
 * The driver's last ledger save fails (GitHub down at the very end): the release did everything,
 * but its record still says what the previous save said (in progress, under a lease). The
 * outcome must say so loudly, end to end through the bundle against the fake: an error in the
 * log, `ledgerSaved: false` and the save's error in `result`, and the step fails. Before, the
 * release ended `promoted`, exit 0, with a stale check run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../src/github/envelope.js';
import type { Fault, FaultContext, GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';
import { buildBundle, readOutputs as outputs } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let fake: GitHubFake | undefined;

beforeAll(() => {
  bundle = buildBundle('pr-final-save-');
}, 120_000);
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function runBundle(plan: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'pr-final-save-run-'));
  const outFile = join(dir, 'output');
  writeFileSync(outFile, '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      INPUT_MODE: 'run',
      INPUT_PLAN: plan,
      INPUT_VERSION: '5.0.0',
      INPUT_TOKEN: 'test-token',
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
  return { status, stdout, stderr, outputs: out, result: JSON.parse(out.result ?? '{}') as Record<string, unknown> };
}

/** Every write that would complete the check run answers 503: the final save cannot be made. */
const finalSaveDown = (ctx: FaultContext): Fault | undefined =>
  ctx.method === 'PATCH' && ctx.template.includes('/check-runs/') && (ctx.body as { status?: string } | undefined)?.status === 'completed'
    ? { kind: 'status', status: 503 }
    : undefined;

describe('the final ledger save fails', () => {
  it('a promoted release whose record could not be completed: error logged, ledgerSaved false in result, the step fails', async () => {
    const f = makeFake([], { faults: finalSaveDown });
    await f.start();
    fake = f;
    const r = await runBundle(writePlan(['eu-west', 'us-east']), runnerEnv(f));
    // Everything was deployed once; only the record is behind.
    expect(f.runs.filter((x) => x.workflow === 'deploy.yml')).toHaveLength(4);
    expect(r.outputs.decision, r.stdout + r.stderr).toBe('promoted');
    expect(r.result.ledgerSaved).toBe(false);
    expect(String(r.result.ledgerError)).toMatch(/503|Server Error/);
    // Said once, as the step's failure, naming the check run and what to do.
    expect(r.stdout.match(/^::error::.*ledger \(check run \d+\) could not be saved: Server Error\..*run the workflow again/gm)).toHaveLength(1);
    expect(r.status).toBe(1);
    // The check run is indeed stale: still in progress.
    const cr = f.checkRuns[0];
    expect(cr?.status).toBe('in_progress');
    expect((decodeEnvelope(cr?.text ?? '').state as { status: string }).status).not.toBe('finished');
  }, 60_000);

  it('a healthy final save says ledgerSaved true and the step passes', async () => {
    const f = makeFake();
    await f.start();
    fake = f;
    const r = await runBundle(writePlan(['eu-west', 'us-east']), runnerEnv(f));
    expect(r.outputs.decision, r.stdout + r.stderr).toBe('promoted');
    expect(r.result.ledgerSaved).toBe(true);
    expect(r.status).toBe(0);
    expect(f.checkRuns[0]?.conclusion).toBe('success');
  }, 60_000);
});
