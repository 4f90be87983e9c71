/**
 * Issue 13, logs, end to end through the shipped bundle (built into a temp dir, never dist/), run
 * as the runner runs it against the GitHub fake: with `log-format: json` every stdout line is a
 * runner command or one JSON record carrying the release id, and the dispatched runs' correlation
 * ids are in the records; in the default human format the lines are folded in balanced groups
 * named after the plan's stages, and carry the correlation ids too.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';
import { buildBundle, readOutputs } from './support/bundle.js';
import { runnerCommands } from './support/runner-commands.js';
import { testNode } from './support/node-binary.js';

const RELEASE = 'shop-5.0.0';
let bundle = '';
let fake: GitHubFake;

async function runBundle(plan: string, extra: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'pr-logs-e2e-'));
  const outFile = join(dir, 'output');
  writeFileSync(outFile, '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake),
      INPUT_MODE: 'run',
      INPUT_PLAN: plan,
      INPUT_VERSION: '5.0.0',
      INPUT_TOKEN: 'test-token',
      GITHUB_OUTPUT: outFile,
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { status, stdout, stderr, outputs: readOutputs(outFile) };
}

/** The correlation ids the fake's deploy and rollback runs were dispatched with. */
const correlationIds = (): string[] => fake.runs.map((r) => r.inputs.correlation_id ?? '').filter((id) => id !== '');

/** Each line of stdout as the runner reads it: a command it parses, or a JSON record (else the test fails on it). */
function jsonRecords(stdout: string): Array<Record<string, unknown>> {
  const records: Array<Record<string, unknown>> = [];
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    if (line === '') continue;
    if (runnerCommands(line).length > 0 && line.startsWith('::')) continue;
    expect(line.startsWith('{'), line).toBe(true);
    let parsed: unknown;
    expect(() => (parsed = JSON.parse(line)), line).not.toThrow();
    records.push(parsed as Record<string, unknown>);
  }
  return records;
}

describe('node index.js (the action bundle): the release log', () => {
  beforeAll(() => {
    bundle = buildBundle('pr-logs-dist-');
  }, 120_000);
  afterEach(async () => fake?.stop());

  it('log-format json: every line a runner command or a JSON record with the release id; every run by its correlation id', async () => {
    fake = makeFake();
    await fake.start();
    const r = await runBundle(writePlan(['eu-west', 'us-east']), { 'INPUT_LOG-FORMAT': 'json' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.decision).toBe('promoted');
    const records = jsonRecords(r.stdout);
    expect(records.length).toBeGreaterThan(10);
    for (const rec of records) {
      expect(rec, JSON.stringify(rec)).toMatchObject({
        release: RELEASE,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
        event: expect.any(String),
        msg: expect.any(String),
      });
      expect(['info', 'warning', 'error']).toContain(rec.level);
      if (rec.event !== 'message') expect(rec).toMatchObject({ reasonCode: expect.any(String) });
    }
    // Groups are for people reading the human lines: none in json.
    expect(runnerCommands(r.stdout).filter((c) => c.command === 'group' || c.command === 'endgroup')).toEqual([]);
    const ids = correlationIds();
    expect(ids).toHaveLength(4); // two regions, two steps
    for (const id of ids)
      expect(
        records.some((rec) => rec.correlationId === id && rec.event === 'run-dispatched'),
        id,
      ).toBe(true);
    const dispatched = records.find((rec) => rec.event === 'run-dispatched' && rec.region === 'us-east' && rec.step === 2);
    expect(dispatched).toMatchObject({ stage: 'rest', correlationId: `${RELEASE}:us-east:deploy:1`, runId: expect.any(Number) });
    expect(records.at(-1)).toMatchObject({ event: 'invocation-finished', decision: 'promoted', level: 'info' });
    expect(fake.errors).toEqual([]);
  }, 120_000);

  it('log-format json, a rollback: still only commands and records; the failure is an ::error:: annotation and a record at level error or warning', async () => {
    fake = makeFake(['us-east']);
    await fake.start();
    const r = await runBundle(writePlan(['eu-west', 'us-east']), { 'INPUT_LOG-FORMAT': 'json' });
    expect(r.status).toBe(1);
    expect(r.outputs.decision).toBe('rolled-back');
    const records = jsonRecords(r.stdout);
    for (const rec of records) expect(rec.release).toBe(RELEASE);
    expect(records.some((rec) => rec.event === 'region-rolled-back' && rec.level === 'warning' && typeof rec.correlationId === 'string')).toBe(true);
    for (const id of correlationIds())
      expect(
        records.some((rec) => rec.correlationId === id),
        id,
      ).toBe(true);
    expect(runnerCommands(r.stdout).filter((c) => c.command === 'error')).toHaveLength(1);
    expect(records.at(-1)).toMatchObject({ event: 'invocation-finished', decision: 'rolled-back' });
  }, 120_000);

  it('human (the default): balanced groups named after the stages, the verdict outside them, correlation ids in the lines', async () => {
    fake = makeFake();
    await fake.start();
    const r = await runBundle(writePlan(['eu-west', 'us-east']), {});
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const commands = runnerCommands(r.stdout).filter((c) => c.command === 'group' || c.command === 'endgroup');
    expect(commands.map((c) => (c.command === 'group' ? c.data : 'end'))).toEqual([
      `stage canary (release ${RELEASE})`,
      'end',
      `stage rest (release ${RELEASE})`,
      'end',
    ]);
    const lines = r.stdout.split('\n');
    const finished = lines.findIndex((l) => l.startsWith('release-finished:'));
    expect(finished).toBeGreaterThan(lines.lastIndexOf('::endgroup::'));
    const inCanary = lines.slice(lines.indexOf(`::group::stage canary (release ${RELEASE})`), lines.indexOf('::endgroup::'));
    expect(inCanary.some((l) => l.startsWith('eu-west: run-dispatched:'))).toBe(true);
    expect(inCanary.some((l) => l.startsWith('us-east:'))).toBe(false);
    for (const id of correlationIds())
      expect(
        lines.some((l) => l.endsWith(`[${id}]`)),
        id,
      ).toBe(true);
    expect(lines.some((l) => l === `starting release ${RELEASE}`)).toBe(true);
    expect(fake.errors).toEqual([]);
  }, 120_000);
});
