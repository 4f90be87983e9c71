/**
 * One log record of a release: a history entry, a line the mode writes, or the end of an
 * invocation, with what a log store (Loki, ELK) needs to find it again: the release id, stage,
 * region, step, event, reason code, the numbers, and the correlation id of the run it speaks of.
 * The same record reads as one human line (`msg`), which is what `log-format: human` writes, so
 * the two formats never say different things. Pure: a message's time is given by the caller, a
 * history entry carries its own.
 */
import type { HistoryEntry, HistoryKind, HistoryNumbers, State } from '../core/state.js';
import { oneLine } from './untrusted.js';

export type LogLevel = 'info' | 'warning' | 'error';

/** A history kind, `message` (a line that is not a history entry) or `invocation-finished` (the driver returned). */
export type LogEvent = HistoryKind | 'message' | 'invocation-finished';

export interface LogRecord {
  /** ISO 8601, UTC. */
  time: string;
  level: LogLevel;
  /** The release id (absent only before the release is known). */
  release?: string;
  event: LogEvent;
  stage?: string;
  region?: string;
  /** 1-based, as the summary and every reason say it ("step 2"); the core counts from 0. */
  step?: number;
  gate?: string;
  by?: string;
  reasonCode?: string;
  reason?: string;
  /** The entry's numbers (value, threshold, samples, ...) without `runId`, which is a field of its own. */
  numbers?: Omit<HistoryNumbers, 'runId'>;
  /** The core's correlation id of the run the entry speaks of (src/plan/ids.ts): the id its run title carries. */
  correlationId?: string;
  /** The workflow run the entry names (a deploy, rollback or approval run, or the run a command came in). */
  runId?: number;
  /** invocation-finished: what the invocation decided (promoted, paused, rolled-back, failed, ...). */
  decision?: string;
  /** The record as one human line. */
  msg: string;
}

/** History kinds that speak of a deploy, rollback or approval run. */
const RUN_KINDS: ReadonlySet<HistoryKind> = new Set<HistoryKind>([
  'run-dispatched',
  'run-finished',
  'run-timeout',
  'dispatch-failed',
  'rollback-dispatched',
  'region-rolled-back',
  'rollback-failed',
]);

const WARNING_KINDS: ReadonlySet<HistoryKind> = new Set<HistoryKind>([
  'gate-failed',
  'gate-inconclusive',
  'region-failed',
  'dispatch-failed',
  'run-timeout',
  'rollback-dispatched',
  'region-rolled-back',
  'release-stopped',
  'release-halted',
  'plan-changed',
  'command-refused',
]);

function levelOfDecision(decision: string | undefined): LogLevel {
  if (decision === 'failed' || decision === 'error') return 'error';
  return decision === 'rolled-back' ? 'warning' : 'info';
}

function levelOf(entry: HistoryEntry, state: State): LogLevel {
  if (entry.kind === 'rollback-failed') return 'error';
  if (entry.kind === 'release-finished') return levelOfDecision(state.outcome?.decision);
  if (WARNING_KINDS.has(entry.kind)) return 'warning';
  // A deploy, rollback or approval run that did not succeed.
  return entry.kind === 'run-finished' && entry.reasonCode.endsWith('-failed') ? 'warning' : 'info';
}

/**
 * The correlation id of the run an entry speaks of, as the core recorded it in the state (found by
 * the entry's run id, else as the last run of its kind at its step): never rebuilt, so the log says
 * exactly what the run's title carries. A stage's entry without a region speaks of its approval run.
 */
export function correlationOf(entry: HistoryEntry, state: State): string | undefined {
  if (!RUN_KINDS.has(entry.kind)) return undefined;
  if (entry.region === undefined) {
    if (entry.stage === undefined) return undefined;
    return state.stages.find((s) => s.name === entry.stage)?.approvalRun?.correlationId;
  }
  const runs = state.regions[entry.region]?.runs ?? [];
  const runId = entry.numbers?.runId;
  const byId = runId !== undefined ? runs.find((r) => r.runId === runId) : undefined;
  if (byId) return byId.correlationId;
  const kind = entry.kind === 'rollback-dispatched' || entry.kind === 'region-rolled-back' || /rollback/.test(entry.reasonCode) ? 'rollback' : 'deploy';
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i];
    if (r && r.kind === kind && (entry.step === undefined || r.step === entry.step)) return r.correlationId;
  }
  return undefined;
}

function isoOf(at: number): string {
  const d = new Date(at);
  // A time the state got from a tampered ledger must not throw out of the log.
  return Number.isFinite(d.getTime()) ? d.toISOString() : new Date(0).toISOString();
}

/** The human line of a history entry: `region: kind: reason [correlation id]`, as the log has always read. */
function entryLine(entry: HistoryEntry, correlation: string | undefined): string {
  const where = entry.region !== undefined ? `${entry.region}: ` : '';
  return oneLine(`${where}${entry.kind}: ${entry.reason}${correlation !== undefined ? ` [${correlation}]` : ''}`);
}

/** The record of a history entry; `state` is the release's state after it (where its run is found). */
export function historyRecord(entry: HistoryEntry, state: State): LogRecord {
  const correlation = correlationOf(entry, state);
  const { runId, ...numbers } = entry.numbers ?? {};
  return {
    time: isoOf(entry.at),
    level: levelOf(entry, state),
    release: state.releaseId,
    event: entry.kind,
    ...(entry.stage !== undefined ? { stage: entry.stage } : {}),
    ...(entry.region !== undefined ? { region: entry.region } : {}),
    ...(entry.step !== undefined ? { step: entry.step + 1 } : {}),
    ...(entry.gate !== undefined ? { gate: entry.gate } : {}),
    ...(entry.by !== undefined ? { by: entry.by } : {}),
    reasonCode: entry.reasonCode,
    reason: entry.reason,
    ...(Object.keys(numbers).length > 0 ? { numbers } : {}),
    ...(correlation !== undefined ? { correlationId: correlation } : {}),
    ...(runId !== undefined ? { runId } : {}),
    msg: entryLine(entry, correlation),
  };
}

/** A line that is not a history entry (resuming, a claim, a hand-over); a warning reads `warning: ...` as a human line. */
export function messageRecord(text: string, at: number, release: string | undefined, level: LogLevel = 'info'): LogRecord {
  return {
    time: isoOf(at),
    level,
    ...(release !== undefined ? { release } : {}),
    event: 'message',
    msg: oneLine(level === 'info' ? text : `${level}: ${text}`),
  };
}

/** The driver returned: what this invocation decided (the outputs say the same). */
export function finishedRecord(end: { decision: string; reasonCode: string; reason: string; at: number }, release: string): LogRecord {
  return {
    time: isoOf(end.at),
    level: levelOfDecision(end.decision),
    release,
    event: 'invocation-finished',
    reasonCode: end.reasonCode,
    reason: end.reason,
    decision: end.decision,
    msg: oneLine(`release ${release} ${end.decision} (${end.reasonCode}): ${end.reason}`),
  };
}

/**
 * Characters JSON.stringify leaves as they are that a log viewer or the runner's reader could take
 * for a line break or a control: DEL, the C1 controls (U+0085 NEL among them) and U+2028/U+2029.
 * Escaped, the line is one line everywhere and still decodes to the same text.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;

/** One JSON object on one line, starting with `{` (never a runner command). */
export function jsonLine(record: LogRecord): string {
  return JSON.stringify(record).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
