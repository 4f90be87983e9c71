/**
 * Issue 13, logs: the record of a history entry (src/report/log-record.ts), field by field, its
 * human line and its JSON line: correlation ids as the state recorded them, 1-based steps, and
 * text we did not write (reasons, names from a ledger) that can neither break the line nor start
 * a runner command, in either format, after the runner's log writer too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState, type HistoryEntry, type State } from '../src/core/state.js';
import { correlationId } from '../src/plan/ids.js';
import { finishedRecord, historyRecord, jsonLine, messageRecord, type LogRecord } from '../src/report/log-record.js';
import { guardLog, oneLine } from '../src/report/untrusted.js';
import { makePlan, stage } from './support/plans.js';
import { runnerCommands } from './support/runner-commands.js';

const T = Date.UTC(2026, 2, 4, 10, 30, 0);
const REL = 'app-5.0.0';

/** Two stages; eu has a deploy run of its second attempt at step 1 and a rollback run; `approvals` waits on Environment reviewers. */
function aState(): State {
  const plan = makePlan({ stages: [stage('approvals', ['us']), stage('rest', ['eu', 'ap'])] });
  const s = initialState(plan, REL, '5.0.0');
  const eu = s.regions.eu;
  if (!eu) throw new Error('no eu');
  eu.attempt = 1;
  eu.runs.push(
    { kind: 'deploy', step: 0, correlationId: correlationId(REL, 'eu', 'deploy', 0), dispatchedAt: T, deadline: T + 1, runId: 11, done: true },
    { kind: 'deploy', step: 1, attempt: 1, correlationId: correlationId(REL, 'eu', 'deploy', 1, 1), dispatchedAt: T, deadline: T + 1, runId: 12, done: false },
    { kind: 'rollback', step: 1, attempt: 1, correlationId: correlationId(REL, 'eu', 'rollback', 1, 1), dispatchedAt: T, deadline: T + 1, done: false },
  );
  const approvals = s.stages[0];
  if (approvals) approvals.approvalRun = { correlationId: `${REL}:approvals:approval`, dispatchedAt: T, runId: 99, done: false };
  return s;
}

const entry = (e: Omit<HistoryEntry, 'at'>): HistoryEntry => ({ at: T, ...e });

interface Row {
  name: string;
  entry: HistoryEntry;
  want: Partial<LogRecord>;
  absent?: (keyof LogRecord)[];
}

const ROWS: Row[] = [
  {
    name: 'a deploy run found by its run id: the correlation id of its attempt, as recorded',
    entry: entry({
      kind: 'run-dispatched',
      stage: 'rest',
      region: 'eu',
      step: 1,
      reasonCode: 'deploy-dispatched',
      reason: 'deploy run 12 started',
      numbers: { runId: 12 },
    }),
    want: {
      time: '2026-03-04T10:30:00.000Z',
      level: 'info',
      release: REL,
      event: 'run-dispatched',
      stage: 'rest',
      region: 'eu',
      step: 2,
      reasonCode: 'deploy-dispatched',
      reason: 'deploy run 12 started',
      correlationId: `${REL}:eu:deploy:1:retry1`,
      runId: 12,
      msg: `eu: run-dispatched: deploy run 12 started [${REL}:eu:deploy:1:retry1]`,
    },
    absent: ['numbers', 'gate', 'by', 'decision'],
  },
  {
    name: 'a dispatch that failed (no run id): the last deploy run at its step',
    entry: entry({ kind: 'dispatch-failed', stage: 'rest', region: 'eu', step: 0, reasonCode: 'deploy-dispatch-failed', reason: 'could not dispatch' }),
    want: { level: 'warning', step: 1, correlationId: `${REL}:eu:deploy:0` },
    absent: ['runId'],
  },
  {
    name: 'a rollback: the rollback run, not the deploy run of the same step',
    entry: entry({ kind: 'rollback-dispatched', stage: 'rest', region: 'eu', step: 1, reasonCode: 'rollback-dispatched', reason: 'rolling back: x' }),
    want: { correlationId: `${REL}:eu:rollback:1:retry1`, level: 'warning' },
  },
  {
    name: 'a rollback that failed is an error',
    entry: entry({ kind: 'rollback-failed', stage: 'rest', region: 'eu', step: 1, reasonCode: 'rollback-failed', reason: 'ROLLBACK FAILED: y' }),
    want: { level: 'error', correlationId: `${REL}:eu:rollback:1:retry1` },
  },
  {
    name: "a stage's approval run (no region)",
    entry: entry({
      kind: 'run-finished',
      stage: 'approvals',
      reasonCode: 'approval-run-succeeded',
      reason: 'approval run 99 finished',
      numbers: { runId: 99 },
    }),
    want: {
      correlationId: `${REL}:approvals:approval`,
      runId: 99,
      stage: 'approvals',
      msg: `run-finished: approval run 99 finished [${REL}:approvals:approval]`,
    },
    absent: ['region', 'step'],
  },
  {
    name: 'a run that was never recorded in the state: no correlation id is made up',
    entry: entry({
      kind: 'run-finished',
      stage: 'rest',
      region: 'ap',
      step: 0,
      reasonCode: 'deploy-succeeded',
      reason: 'deploy run 5 finished',
      numbers: { runId: 5 },
    }),
    want: { runId: 5, msg: 'ap: run-finished: deploy run 5 finished' },
    absent: ['correlationId'],
  },
  {
    name: 'a command: the run it came in, who gave it, no correlation id',
    entry: entry({ kind: 'command', stage: 'rest', by: 'bob', reasonCode: 'approve', reason: 'bob approved stage rest', numbers: { runId: 4242 } }),
    want: { by: 'bob', runId: 4242, event: 'command', level: 'info' },
    absent: ['correlationId', 'numbers'],
  },
  {
    name: 'a measurement: its numbers (run id apart) and gate',
    entry: entry({
      kind: 'measurement',
      stage: 'rest',
      region: 'eu',
      step: 0,
      gate: 'errors',
      reasonCode: 'above-max',
      reason: 'fail: 0.07 > 0.05',
      numbers: { value: 0.07, threshold: 0.05, samples: 3 },
    }),
    want: { gate: 'errors', numbers: { value: 0.07, threshold: 0.05, samples: 3 }, step: 1 },
    absent: ['correlationId', 'runId'],
  },
  {
    name: 'a failed gate is a warning',
    entry: entry({ kind: 'gate-failed', stage: 'rest', region: 'eu', step: 0, gate: 'errors', reasonCode: 'gate-failed', reason: 'errors failed' }),
    want: { level: 'warning' },
  },
  {
    name: 'an entry of the whole release',
    entry: entry({ kind: 'release-started', by: 'alice', reasonCode: 'started', reason: 'release app-5.0.0 started by alice' }),
    want: { event: 'release-started', msg: 'release-started: release app-5.0.0 started by alice' },
    absent: ['stage', 'region', 'step', 'correlationId'],
  },
];

describe('historyRecord: every field of a history entry', () => {
  it.each(ROWS)('$name', ({ entry: e, want, absent = [] }) => {
    const state = aState();
    const record = historyRecord(e, state);
    expect(record).toMatchObject(want);
    for (const key of absent) expect(record).not.toHaveProperty(key);
    // The JSON line says the same, and the human line is the record's msg.
    expect(JSON.parse(jsonLine(record))).toEqual(record);
  });

  it('a finished release is logged at the level of its decision', () => {
    const state = aState();
    const finished = entry({ kind: 'release-finished', reasonCode: 'gate-failed', reason: 'rolled-back: errors failed in eu' });
    state.outcome = { decision: 'rolled-back', reasonCode: 'gate-failed', reason: 'errors failed in eu', at: T };
    expect(historyRecord(finished, state).level).toBe('warning');
    state.outcome = { decision: 'promoted', reasonCode: 'all-promoted', reason: 'ok', at: T };
    expect(historyRecord(finished, state).level).toBe('info');
    state.outcome = { decision: 'failed', reasonCode: 'rollback-failed', reason: 'x', at: T };
    expect(historyRecord(finished, state).level).toBe('error');
  });

  it('messages and the end of an invocation carry the release id; a warning reads `warning:` as a line', () => {
    expect(messageRecord('resuming release app-5.0.0', T, REL)).toEqual({
      time: '2026-03-04T10:30:00.000Z',
      level: 'info',
      release: REL,
      event: 'message',
      msg: 'resuming release app-5.0.0',
    });
    expect(messageRecord('could not save the ledger: 502', T, REL, 'warning')).toMatchObject({
      level: 'warning',
      msg: 'warning: could not save the ledger: 502',
    });
    expect(finishedRecord({ decision: 'paused', reasonCode: 'awaiting-approval', reason: 'stage rest waits', at: T }, REL)).toEqual({
      time: '2026-03-04T10:30:00.000Z',
      level: 'info',
      release: REL,
      event: 'invocation-finished',
      reasonCode: 'awaiting-approval',
      reason: 'stage rest waits',
      decision: 'paused',
      msg: `release ${REL} paused (awaiting-approval): stage rest waits`,
    });
  });

  it('a time a tampered ledger made unreadable does not throw', () => {
    expect(historyRecord({ ...ROWS[0]!.entry, at: Number.NaN }, aState()).time).toBe('1970-01-01T00:00:00.000Z');
  });
});

/** Text from outside: a backend's answer in a reason, a name in a ledger someone edited. */
const HOSTILE = [
  '\n::error::pwned',
  '::add-mask::x',
  '\r::stop-commands::abc',
  ' \u0085::error::nel',
  'a\u2028::error::ls',
  'b\u2029::warning::ps',
  '\u001b[31mred\u001b[0m',
  '##[error]old form',
  'tab\there "quotes" \\ back',
  '\u007f\u009b DEL and CSI',
  '\ud800 lone surrogate',
];

/** What the runner would see of a line the log writes (src/runner/io.ts info: guardLog, then split at line ends). */
function asWritten(line: string): string {
  return guardLog(line);
}

describe('untrusted text in a record', () => {
  const text = fc.oneof(
    fc.constantFrom(...HOSTILE),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('\n', '\r', '\u2028', '\u0085', ':', '#', '[', 'x', '{', '"') }),
  );

  it('the JSON line is one line, starts with `{`, starts no runner command, and decodes to the text as it was, after the log writer too', () => {
    fc.assert(
      fc.property(text, text, (reason, by) => {
        const record = historyRecord(entry({ kind: 'command', stage: 'rest', by, reasonCode: 'approve', reason }), aState());
        const line = jsonLine(record);
        expect(line.startsWith('{')).toBe(true);
        // No character any reader could take for a line end or a control: JSON escapes C0, this also C1, DEL, U+2028/9.
        expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        const written = asWritten(line);
        expect(written.split(/\r\n|\r|\n/)).toHaveLength(1);
        expect(runnerCommands(written)).toEqual([]);
        const back = JSON.parse(written) as LogRecord;
        expect(back.reason).toBe(reason);
        expect(back.by).toBe(by);
      }),
      { numRuns: 400 },
    );
  });

  it('the human line is one line that starts no runner command', () => {
    fc.assert(
      fc.property(text, (reason) => {
        const record = historyRecord(entry({ kind: 'region-failed', stage: 'rest', region: 'eu', step: 0, reasonCode: 'deploy-failed', reason }), aState());
        expect(record.msg).toBe(oneLine(record.msg));
        const written = asWritten(record.msg);
        expect(written.split(/\r\n|\r|\n/)).toHaveLength(1);
        expect(runnerCommands(written)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each(HOSTILE)('%j in a message: both forms stay one line', (evil) => {
    const record = messageRecord(`backend said ${evil}`, T, REL, 'warning');
    for (const line of [record.msg, jsonLine(record)]) {
      expect(asWritten(line).split(/\r\n|\r|\n/)).toHaveLength(1);
      expect(runnerCommands(asWritten(line))).toEqual([]);
    }
    expect(jsonLine(record)).not.toMatch(/[\u2028\u2029\u0085]/);
  });
});
