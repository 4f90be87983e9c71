/**
 * What people read: the per-region table and the latest verdicts, as markdown for the check-run
 * summary and the job summary. Pure functions of the engine state and the plan. Every text not
 * written here (reasons carry backend answers and series labels, run statuses come from GitHub,
 * names from the plan) goes through markdownText: it cannot add a row, a link, an image or HTML.
 */
import type { HistoryEntry, State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { sinceText } from './duration-text.js';
import { environmentApprovalLine } from './approval-line.js';
import { detailsLine, headline } from './headline.js';
import { historyFacts, VERDICT_KINDS, type HistoryFacts } from './history-facts.js';
import { regionRows, TABLE_HEAD, type RegionRow } from './region-table.js';
import { CHECK_RUN_TEXT_BYTES, fitSummary, truncate } from './text.js';
import { ganttBlock, TEXT_TIMELINE_LINES, textTimeline } from './timeline.js';
import { markdownCode, markdownText } from './untrusted.js';
import { commandsTable } from './commands.js';
import { DEFAULT_PEOPLE, waitingBlock, type PeopleOptions } from './waiting.js';

/** What went wrong: the entries a person on call needs first, whatever happened after them. */
const PROBLEM_KINDS = new Set<HistoryEntry['kind']>([
  'gate-failed',
  'gate-inconclusive',
  'run-timeout',
  'dispatch-failed',
  'region-failed',
  'rollback-failed',
  'release-stopped',
  'release-halted',
  'release-frozen',
]);

export interface SummaryOptions {
  /** How a run in flight reads now (e.g. "waiting for environment approval"). */
  runStatus?: (runId: number) => string | undefined;
  /** Verdicts listed under the table (default 10). */
  verdicts?: number;
  /** The summary's limit in UTF-8 bytes (default: a check run's 65,535); region rows are left out to fit, and the summary says how many. */
  maxBytes?: number;
  /** Where a reader finds the rows left out (default: the driving run's job summary). */
  elsewhere?: string;
  /** How people give commands (the release workflow, its page, run pages): the waiting block and the commands table use it. */
  people?: PeopleOptions;
  /** Rows of the approvals-and-commands table (default 20, the newest). */
  commands?: number;
  /**
   * The timeline's form: `mermaid` where GitHub draws Mermaid (a job summary), `text` elsewhere
   * (default: a check run's summary, where Mermaid is not known to be drawn).
   */
  timeline?: 'mermaid' | 'text';
}

/** The per-region table. */
export function markdownRegionTable(state: State, plan: Plan, opts: SummaryOptions = {}): string {
  const rows = regionRows(state, plan, historyFacts(state), { runStatus: opts.runStatus ?? (() => undefined), compact: false });
  return [...TABLE_HEAD, ...rows.map((r) => r.text)].join('\n');
}

/**
 * The rows that fit in `budget` bytes (each costs its bytes and a line break), in plan order.
 * Pending regions are left out first (nothing has happened to them yet), then the last rows:
 * what is deploying, baking, failed or done stays in view longest.
 */
function rowsWithin(rows: readonly RegionRow[], budget: number): RegionRow[] {
  const cost = (r: RegionRow): number => Buffer.byteLength(r.text, 'utf8') + 1;
  let total = rows.reduce((n, r) => n + cost(r), 0);
  const out = new Set(rows);
  const dropOrder = [...rows.filter((r) => r.phase === 'pending').reverse(), ...rows.filter((r) => r.phase !== 'pending').reverse()];
  for (const r of dropOrder) {
    if (total <= budget) break;
    out.delete(r);
    total -= cost(r);
  }
  return rows.filter((r) => out.has(r));
}

function leftOutNote(left: number, pending: number, all: number, maxBytes: number, elsewhere: string): string {
  const which = left > 0 && pending === left ? ', all pending' : pending > 0 ? `, ${pending.toLocaleString('en-US')} of them pending` : '';
  return `_Rows for ${left.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} regions left out${which}, to fit the limit of ${maxBytes.toLocaleString('en-US')} bytes: ${elsewhere}._`;
}

/**
 * When an entry happened, as a person reads it: the time since the release started (the same
 * `+19m` as the text timeline) and the wall-clock second in UTC, never milliseconds. One out of
 * Date's range (a tampered ledger) reads as '?' instead of throwing.
 */
function entryTime(ms: number, start: number | undefined): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '?';
  const clock = `${d.toISOString().slice(11, 19)} UTC`;
  return start !== undefined && ms >= start ? `${sinceText(ms, start)} (${clock})` : clock;
}

/** Characters of a reason in the lists under the table (a backend's answer can run long; the ledger keeps it whole). */
const REASON_CHARS = 1000;

function verdictLine(h: HistoryEntry, start: number | undefined, chars = REASON_CHARS): string {
  const where = [h.region, h.step !== undefined ? `step ${h.step + 1}` : undefined, h.gate].filter(Boolean).join(', ');
  return `- ${entryTime(h.at, start)} **${h.kind}**${where ? ` (${markdownText(where)})` : ''}: ${markdownText(truncate(h.reason, chars))} ${markdownCode(h.reasonCode)}`;
}

function verdictLines(picked: readonly HistoryEntry[], start: number | undefined, n: number, chars?: number): string {
  if (picked.length === 0) return '_No verdicts yet._';
  return picked
    .slice(-n)
    .reverse()
    .map((h) => verdictLine(h, start, chars))
    .join('\n');
}

function problemLines(picked: readonly HistoryEntry[], start: number | undefined, n: number, chars?: number): string | undefined {
  if (picked.length === 0) return undefined;
  const lines = picked.slice(0, n).map((h) => verdictLine(h, start, chars));
  if (picked.length > n) lines.push(`- … and ${picked.length - n} more (the check run's state has them all)`);
  return lines.join('\n');
}

/** The newest verdicts with their reasons and numbers. */
export function latestVerdicts(state: State, n = 10): string {
  return verdictLines(
    state.history.filter((h) => VERDICT_KINDS.has(h.kind)),
    state.startedAt,
    n,
  );
}

/**
 * Every failure, inconclusive gate and stop, oldest first (cause before effect), so the reason
 * for a rollback is not pushed out of view by the routine verdicts that followed it.
 */
export function problems(state: State, n = 20): string | undefined {
  return problemLines(
    state.history.filter((h) => PROBLEM_KINDS.has(h.kind)),
    state.startedAt,
    n,
  );
}

/**
 * How a summary too large for its limit is summarised, step by step, before any row is left out:
 * shorter cells, the picture per stage, fewer and shorter lines under the table.
 */
interface Level {
  compact: boolean;
  brief?: true;
  timelineLines: number;
  problems: number;
  verdicts: number;
  reasonChars: number;
}
const LEVELS: readonly Level[] = [
  { compact: false, timelineLines: TEXT_TIMELINE_LINES, problems: 20, verdicts: Number.POSITIVE_INFINITY, reasonChars: REASON_CHARS },
  { compact: true, timelineLines: TEXT_TIMELINE_LINES / 2, problems: 10, verdicts: 5, reasonChars: 200 },
  { compact: true, timelineLines: 10, problems: 5, verdicts: 3, reasonChars: 100 },
  { compact: true, brief: true, timelineLines: 10, problems: 5, verdicts: 3, reasonChars: 100 },
];

/** The share of the summary's limit the approvals-and-commands table may take: the region table needs the rest. */
const COMMANDS_SHARE = 4;

/** The timeline section's body: the picture where it is drawn, the text where it is not; undefined before anything happened. */
function timelineSection(state: State, plan: Plan, facts: HistoryFacts, form: 'mermaid' | 'text', level: Level): string | undefined {
  if (form === 'mermaid') return ganttBlock(state, plan, facts, level.compact);
  return textTimeline(state, plan, facts, level.timelineLines);
}

/**
 * The whole summary (check run and job summary share it), within `opts.maxBytes` (default: a
 * check run's 65,535 bytes). While the release waits for a person it starts with what waits and
 * how to go on; that block and the headline are never left out. A summary too large is first
 * summarised (shorter cells, the timeline per stage, fewer text lines), and only then, beyond
 * what any plan of a few hundred regions reaches, loses whole rows (and says how many).
 */
export function releaseSummary(state: State, plan: Plan, opts: SummaryOptions = {}): string {
  const maxBytes = opts.maxBytes ?? CHECK_RUN_TEXT_BYTES;
  const people = opts.people ?? DEFAULT_PEOPLE;
  const facts = historyFacts(state);
  const runStatus = opts.runStatus ?? (() => undefined);
  // Each list is picked once: a summary too large is formatted again, the history is not read again.
  const wrongEntries = state.history.filter((h) => PROBLEM_KINDS.has(h.kind));
  const verdictEntries = state.history.filter((h) => VERDICT_KINDS.has(h.kind));
  const waiting = waitingBlock(state, plan, people);
  const commands = commandsTable(state, {
    ...(people.runUrl ? { runUrl: people.runUrl } : {}),
    rows: opts.commands ?? 20,
    maxBytes: Math.floor(maxBytes / COMMANDS_SHARE),
  });
  const approvalRun = environmentApprovalLine(state, plan, runStatus);
  const compacted = facts.compacted
    ? ['', '_Gate ranges cover the measurements the ledger kept (older ones were left out to fit its size; the job logs have them)._']
    : [];
  const before = [
    ...(waiting ? [waiting, ''] : []),
    headline(state, facts),
    '',
    detailsLine(state),
    ...(approvalRun ? ['', approvalRun] : []),
    '',
    ...TABLE_HEAD,
  ];
  const after = (level: Level): string[] => {
    const timeline = timelineSection(state, plan, facts, opts.timeline ?? 'text', level);
    const wrong = problemLines(wrongEntries, state.startedAt, level.problems, level.reasonChars);
    return [
      ...compacted,
      ...(wrong ? ['', '#### What went wrong', '', wrong] : []),
      ...(timeline ? ['', '#### Timeline', '', timeline] : []),
      ...(commands ? ['', '#### Approvals and commands', '', commands] : []),
      '',
      '#### Latest verdicts',
      '',
      verdictLines(verdictEntries, state.startedAt, Math.min(opts.verdicts ?? 10, level.verdicts), level.reasonChars),
    ];
  };
  let rows: RegionRow[] = [];
  let last: Level = LEVELS[0] as Level;
  for (const level of LEVELS) {
    if (level.compact !== last.compact || level.brief !== last.brief || rows.length === 0)
      rows = regionRows(state, plan, facts, { runStatus, compact: level.compact, ...(level.brief ? { brief: level.brief } : {}) });
    last = level;
    const whole = [...before, ...rows.map((r) => r.text), ...after(level)].join('\n');
    if (Buffer.byteLength(whole, 'utf8') <= maxBytes) return whole;
  }
  const elsewhere = opts.elsewhere ?? 'the job summary of the run driving the release has the full table';
  // The note is sized for the longest count it could carry, so the one it ends up with fits too.
  const longest = leftOutNote(rows.length, Math.max(rows.length - 1, 1), rows.length, maxBytes, elsewhere);
  const fixed = Buffer.byteLength([...before, '', longest, ...after(last)].join('\n'), 'utf8');
  const kept = new Set(rowsWithin(rows, maxBytes - fixed));
  const left = rows.filter((r) => !kept.has(r));
  const note = leftOutNote(left.length, left.filter((r) => r.phase === 'pending').length, rows.length, maxBytes, elsewhere);
  // fitSummary is the last guard: the sections under the table can be long too (reasons quote backends).
  return fitSummary([...before, ...rows.filter((r) => kept.has(r)).map((r) => r.text), '', note, ...after(last)].join('\n'), maxBytes);
}
