/**
 * Issue 10, items 7 and 11, end to end through the bundle (`node index.js`, built by
 * scripts/build.mjs into a temp dir) against the GitHub fake:
 * - a Prometheus backend answering error text and series labels made of runner commands,
 *   Markdown and HTML, in mode `run` and mode `plan`: no stdout line is a runner command we did
 *   not write, and the job and check-run summaries hold the text neutralised but readable;
 * - a 1,100-region plan creates its ledger (GitHub's limit is 65,535 BYTES, which the fake
 *   enforces) and finishes, its summary says which rows it left out.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../src/github/envelope.js';
import type { GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv, writePlan } from './github-e2e-helpers.js';
import { runnerCommands } from './support/runner-commands.js';
import { buildBundle } from './support/bundle.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let fake: GitHubFake | undefined;
let backend: Server | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
  await new Promise<void>((r) => (backend ? backend.close(() => r()) : r()));
  backend = undefined;
});

/** Every hazard of the issue in one text: commands after a newline, %0A, a table row, an image, a link, an HTML comment. */
const EVIL =
  'boom\n::error::pwned\n::add-mask::x\r::stop-commands::abc\n  ::set-output name=decision::promoted\n%0A::warning::pwned | a | b | <img src=x> [x](http://evil) <!-- hidden --> ##[error]pwned-v1';

/** A Prometheus answering every query: eu-west with an error of EVIL text, us-east with two series whose labels are EVIL. */
async function startEvilPrometheus(): Promise<string> {
  backend = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '';
    res.setHeader('content-type', 'application/json');
    if (query.includes('eu-west')) {
      res.statusCode = 400;
      res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: EVIL }));
      return;
    }
    res.end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            { metric: { __name__: 'errors', pod: EVIL }, value: [0, '0.01'] },
            { metric: { __name__: 'errors', pod: `${EVIL} 2` }, value: [0, '0.02'] },
          ],
        },
      }),
    );
  });
  await new Promise<void>((r) => backend?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(backend?.address() as AddressInfo).port}`;
}

function gatedPlan(promUrl: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pr-plan-')), 'release-plan.yml');
  writeFileSync(
    file,
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
      `  prom: { type: prometheus, url: "${promUrl}" }`,
      'gates:',
      '  errors:',
      '    provider: prom',
      '    query: errors{region="{{ region }}"}',
      '    max: 0.05',
      '    interval: 1m',
      '    count: 2',
      'defaults:',
      '  steps: [{ traffic: 100, bake: 2m }]',
      '  gates: [errors]',
      'stages:',
      '  - name: all',
      '    regions: [eu-west, us-east]',
      '',
    ].join('\n'),
  );
  return file;
}

async function runBundle(mode: 'run' | 'plan', plan: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'pr-e2e-'));
  const outFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outFile, '');
  writeFileSync(summaryFile, '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      INPUT_MODE: mode,
      INPUT_PLAN: plan,
      INPUT_VERSION: '5.0.0',
      INPUT_TOKEN: 'test-token',
      GITHUB_OUTPUT: outFile,
      GITHUB_STEP_SUMMARY: summaryFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { status, stdout, stderr, summary: readFileSync(summaryFile, 'utf8'), outputs: readFileSync(outFile, 'utf8') };
}

/** The runner commands in `stdout` that the action writes on purpose: its token's mask, annotations, debug lines. */
function unexpectedCommands(stdout: string): string[] {
  return (
    runnerCommands(stdout)
      .filter((c) => !(c.command === 'add-mask' && c.data === 'test-token'))
      // The release log's groups (src/runner/release-log.ts): a plan stage's name and the release id, nothing else.
      .filter((c) => !(c.form === 'v2' && c.command === 'group' && /^stage [A-Za-z][A-Za-z0-9_-]* \(release [A-Za-z0-9._-]+\)$/.test(c.data)))
      .filter((c) => !(c.form === 'v2' && c.command === 'endgroup' && c.data === ''))
      .filter((c) => !['warning', 'error', 'notice', 'debug'].includes(c.command) || c.form === 'v1' || /^pwned/.test(c.data))
      .map((c) => c.line)
  );
}

/** Markdown table rows (lines starting with `|`). */
const tableRows = (md: string) => md.split('\n').filter((l) => l.startsWith('|'));

/** What the Markdown must never contain raw, and what it shows instead (CommonMark renders `\<` as `<`). */
function expectNeutralMarkdown(md: string): void {
  expect(md).not.toMatch(/(?<!\\)<img/);
  expect(md).not.toMatch(/(?<!\\)<!--/);
  expect(md).not.toContain('[x](http://evil)');
  expect(md).not.toContain('| a | b |');
  expect(md).toContain('\\<img src=x\\>');
  expect(md).toContain('\\[x\\](http://evil)');
  expect(md).toContain('\\| a \\| b \\|');
  // Still readable: the commands read as text, on the line of the verdict that quotes them.
  expect(md).toContain('::error::pwned ::add-mask::x ::stop-commands::abc');
}

beforeAll(() => {
  bundle = buildBundle('pr-dist-');
}, 120_000);

describe('node index.js with a backend answering runner commands, Markdown and HTML', () => {
  it('mode run: no stdout line is a runner command the action did not write; job and check-run summaries hold the text escaped', async () => {
    fake = makeFake();
    await fake.start();
    const prom = await startEvilPrometheus();
    const r = await runBundle('run', gatedPlan(prom), runnerEnv(fake));
    // The backend's text did reach the log (quoted on one line), so the test is not vacuous.
    expect(r.stdout, r.stderr).toContain('pwned');
    expect(unexpectedCommands(r.stdout)).toEqual([]);
    // Error text and series labels alike, each on one line with its breaks shown as \n.
    expect(r.stdout).toContain('boom\\n::error::pwned\\n::add-mask::x\\r::stop-commands::abc');
    expect(r.stdout).toContain('errors{pod="boom\\n::error::pwned');

    expect(r.summary).toContain('pwned');
    expectNeutralMarkdown(r.summary);
    // One row per region, none injected.
    expect(tableRows(r.summary.slice(0, r.summary.indexOf('####')))).toHaveLength(2 + 2);

    const check = fake.checkRuns[0];
    const checkSummary = check?.summary ?? '';
    expectNeutralMarkdown(checkSummary);
    expect(tableRows(checkSummary.slice(0, checkSummary.indexOf('####')))).toHaveLength(2 + 2);
    // Annotations are plain-text JSON fields: the message keeps the backend's words.
    expect(check?.annotations.some((a) => String(a.message).includes('pwned'))).toBe(true);
    expect(fake.errors).toEqual([]);
  }, 120_000);

  it('mode plan: the pre-flight report in the log starts no runner command, and its job summary is escaped HTML', async () => {
    const prom = await startEvilPrometheus();
    const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'c0ffee'.padEnd(40, '0'), GITHUB_REF: 'refs/heads/main' };
    const r = await runBundle('plan', gatedPlan(prom), env);
    expect(r.status).toBe(1); // not ready: every answer is an error
    expect(r.stdout, r.stderr).toContain('pwned');
    expect(unexpectedCommands(r.stdout)).toEqual([]);
    expect(r.summary).toContain('<pre><code>');
    expect(r.summary).not.toContain('<img');
    expect(r.summary).not.toContain('<!--');
    expect(r.summary).toContain('&lt;img src=x&gt;');
    expect(r.summary).toContain('&lt;!-- hidden --&gt;');
    // Only the <pre><code> the action writes, so the report cannot close it.
    expect(r.summary.match(/<\/code><\/pre>/g)).toHaveLength(1);
  }, 120_000);
});

describe('node index.js with a 1,100-region plan', () => {
  it('creates its ledger and finishes; the check-run summary is within 65,535 bytes and says which rows it left out', async () => {
    fake = makeFake();
    await fake.start();
    const regions = Array.from({ length: 1100 }, (_, i) => `region-${String(i).padStart(4, '0')}`);
    const r = await runBundle('run', writePlan(regions, { steps: [100], maxParallel: 1100 }), runnerEnv(fake));
    expect(r.status, r.stdout.slice(-3000) + r.stderr).toBe(0);
    expect(r.outputs).toContain('promoted');
    expect(fake.checkRuns).toHaveLength(1);
    const check = fake.checkRuns[0];
    const summary = check?.summary ?? '';
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(65_535);
    const rows = tableRows(summary).slice(2);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThan(1100);
    // Whole rows only, and the count of those left out adds up.
    for (const row of rows) expect(row).toMatch(/^\| region-\d{4} \| .* \|$/);
    expect(summary).toContain(`_Rows for ${(1100 - rows.length).toLocaleString('en-US')} of 1,100 regions left out`);
    expect(
      check?.conclusion,
      r.stdout
        .split('\n')
        .filter((l) => l.startsWith('::warning'))
        .slice(0, 5)
        .join('\n'),
    ).toBe('success');
    expect((decodeEnvelope(check?.text ?? '').state as { outcome?: { decision: string } }).outcome?.decision).toBe('promoted');
    // The job summary (1 MiB) has every row.
    expect(tableRows(r.summary).slice(2)).toHaveLength(1100);
    // Every write the fake took was within its byte limit: no 422 on the way.
    expect(fake.log.filter((e) => e.status === 422)).toEqual([]);
    expect(fake.errors).toEqual([]);
  }, 300_000);
});
