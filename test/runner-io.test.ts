/**
 * src/runner/io.ts stands in for `@actions/core` on the action's hot path: what it prints and
 * writes must be what `@actions/core` prints and writes, byte for byte, for the same calls.
 */
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { guardLog } from '../src/report/untrusted.js';
import * as io from '../src/runner/io.js';

const dir = mkdtempSync(join(tmpdir(), 'pr-runner-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

/** What `fn` writes to stdout. */
function stdout(fn: () => void): string {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return out;
}

// Text that exercises every escape: %, CR, LF, ':' and ',' (the last two only in properties).
const tricky = ['plain', '', '100% done', 'a\r\nb\nc', 'key: value, other', '%0A literal', 'ünïcödé ✓', ' padded '];
const text = fc.oneof(fc.constantFrom(...tricky), fc.string(), fc.string({ unit: fc.constantFrom('%', '\r', '\n', ':', ',', 'a', ' ') }));
const annotation = fc.record(
  {
    title: text,
    file: text,
    startLine: fc.integer({ min: 0, max: 5000 }),
    endLine: fc.integer({ min: 0, max: 5000 }),
    startColumn: fc.integer({ min: 0, max: 500 }),
    endColumn: fc.integer({ min: 0, max: 500 }),
  },
  { requiredKeys: [] },
);

describe('runner io writes what @actions/core writes', () => {
  it('error and warning annotations, with and without a place', () => {
    fc.assert(
      fc.property(text, annotation, (message, props) => {
        expect(stdout(() => io.error(message, props))).toBe(stdout(() => core.error(message, props)));
        expect(stdout(() => io.warning(message, props))).toBe(stdout(() => core.warning(message, props)));
        expect(stdout(() => io.error(message))).toBe(stdout(() => core.error(message)));
      }),
      { numRuns: 300 },
    );
  });

  it('an annotation as test/dist-validate.test.ts reads it', () => {
    const line = stdout(() =>
      io.error('stages[0].regions: expected at least one region, got []', { file: '.github/release-plan.yml', startLine: 12, startColumn: 5, endColumn: 7 }),
    );
    expect(line).toBe('::error file=.github/release-plan.yml,line=12,col=5,endColumn=7::stages[0].regions: expected at least one region, got []\n');
  });

  it('info, debug, add-mask and Error messages', () => {
    fc.assert(
      fc.property(text, (message) => {
        // Except where core would let the text start a runner command (issue 10, item 7): then
        // what core prints for the guarded text.
        expect(stdout(() => io.info(message))).toBe(stdout(() => core.info(guardLog(message))));
        if (guardLog(message) === message) expect(stdout(() => io.info(message))).toBe(stdout(() => core.info(message)));
        expect(stdout(() => io.debug(message))).toBe(stdout(() => core.debug(message)));
        expect(stdout(() => io.setSecret(message))).toBe(stdout(() => core.setSecret(message)));
        expect(stdout(() => io.error(new Error(message)))).toBe(stdout(() => core.error(new Error(message))));
      }),
      { numRuns: 200 },
    );
  });

  it('groups: the same ::group:: and ::endgroup:: lines, with the same escaping of the name', () => {
    fc.assert(
      fc.property(text, (name) => {
        expect(stdout(() => io.startGroup(name))).toBe(stdout(() => core.startGroup(name)));
      }),
      { numRuns: 200 },
    );
    expect(stdout(() => io.endGroup())).toBe(stdout(() => core.endGroup()));
    expect(stdout(() => io.startGroup('stage canary\n::error::x'))).toBe('::group::stage canary%0A::error::x\n');
  });

  it('setFailed: the same annotation and exit code 1', () => {
    const mine = stdout(() => io.setFailed('release shop-1.0 failed: 50% errors'));
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
    expect(mine).toBe(stdout(() => core.setFailed('release shop-1.0 failed: 50% errors')));
    expect(process.exitCode).toBe(1);
  });

  it('outputs: the same GITHUB_OUTPUT records (delimiters are random in both)', () => {
    fc.assert(
      fc.property(fc.constantFrom('decision', 'reason-code', 'result'), text, (name, value) => {
        const file = join(dir, 'output');
        vi.stubEnv('GITHUB_OUTPUT', file);
        writeFileSync(file, '');
        io.setOutput(name, value);
        const mine = readFileSync(file, 'utf8');
        writeFileSync(file, '');
        core.setOutput(name, value);
        const theirs = readFileSync(file, 'utf8');
        const norm = (s: string) => s.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIM');
        expect(norm(mine)).toBe(norm(theirs));
        expect(mine).toMatch(/^[^<]+<<ghadelimiter_[0-9a-f-]{36}\n/);
      }),
      { numRuns: 100 },
    );
  });

  it('outputs without GITHUB_OUTPUT: the old set-output command; a missing file is an error', () => {
    vi.stubEnv('GITHUB_OUTPUT', '');
    expect(stdout(() => io.setOutput('result', '{"a": "b, c: d"}'))).toBe(stdout(() => core.setOutput('result', '{"a": "b, c: d"}')));
    vi.stubEnv('GITHUB_OUTPUT', join(dir, 'absent'));
    expect(() => io.setOutput('decision', 'x')).toThrow(`Missing file at path: ${join(dir, 'absent')}`);
  });

  it('inputs: INPUT_<NAME> with spaces as _, upper case, raw (parseSettings trims)', () => {
    vi.stubEnv('INPUT_WORKFLOWS-DIR', ' ci/flows\n');
    vi.stubEnv('INPUT_SOME_NAME', 'x');
    expect(io.getInput('workflows-dir')).toBe(' ci/flows\n');
    expect(core.getInput('workflows-dir')).toBe('ci/flows');
    expect(io.getInput('some name')).toBe('x');
    expect(io.getInput('absent')).toBe('');
  });

  it('job summary: the same bytes appended, the same errors', async () => {
    const file = join(dir, 'summary');
    writeFileSync(file, '# before\n');
    vi.stubEnv('GITHUB_STEP_SUMMARY', file);
    await io.summary.addRaw('| a | b |', true).write();
    await io.appendSummary('tail');
    const mine = readFileSync(file, 'utf8');
    writeFileSync(file, '# before\n');
    await core.summary.addRaw('| a | b |', true).write();
    await core.summary.addRaw('tail').write();
    expect(mine).toBe(readFileSync(file, 'utf8'));

    vi.stubEnv('GITHUB_STEP_SUMMARY', join(dir, 'no-such-summary'));
    // core.summary remembers the first path it checked, so its message for a bad path is quoted
    // from @actions/core 3.0.1 lib/summary.js rather than provoked here.
    const missing = join(dir, 'no-such-summary');
    await expect(io.appendSummary('x')).rejects.toThrow(`Unable to access summary file: '${missing}'. Check if the file has correct read/write permissions.`);
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    await expect(io.appendSummary('x')).rejects.toThrow(/Unable to find environment variable for \$GITHUB_STEP_SUMMARY/);
  });
});
