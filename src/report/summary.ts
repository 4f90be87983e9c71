/**
 * What people read: the per-region table and the latest verdicts, as markdown for the check-run
 * summary and the job summary. Pure functions of the engine state and the plan. Every text not
 * written here (reasons carry backend answers and series labels, run statuses come from GitHub,
 * names from the plan) goes through markdownText: it cannot add a row, a link, an image or HTML.
 */
import { NOT_DISPATCHED, type HistoryEntry, type RegionState, type State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { environmentApprovalLine } from './approval-line.js';
import { CHECK_RUN_TEXT_BYTES, fitSummary } from './text.js';
import { markdownCode, markdownText, safeLinkTarget } from './untrusted.js';
import { commandsTable } from './commands.js';
import { DEFAULT_PEOPLE, waitingBlock, type PeopleOptions } from './waiting.js';

const PHASE_LABEL: Record<RegionState['phase'], string> = {
  pending: '⏳ pending',
  deploying: '🚀 deploying',
  baking: '🔥 baking',
  'awaiting-approval': '✋ awaiting approval',
  promoted: '✅ promoted',
  failed: '❌ failed',
  'rolling-back': '↩️ rolling back',
  'rolled-back': '↩️ rolled back',
  skipped: '⏭️ skipped',
};

const VERDICT_KINDS = new Set<HistoryEntry['kind']>([
  'gate-passed',
  'gate-failed',
  'gate-inconclusive',
  'run-finished',
  'run-timeout',
  'dispatch-failed',
  'region-promoted',
  'region-failed',
  'region-rolled-back',
  'rollback-failed',
  'release-stopped',
  'release-paused',
  'release-finished',
]);

function trafficOf(plan: Plan, r: RegionState): string {
  const step = plan.stages[r.stage]?.steps[r.step];
  return step ? `${step.traffic}%` : '–';
}

function runCell(r: RegionState, runStatus: (runId: number) => string | undefined): string {
  const run = r.runs[r.runs.length - 1];
  if (!run) return '–';
  const label =
    run.runId !== undefined ? `${run.kind} #${run.runId}` : run.conclusion === NOT_DISPATCHED ? `${run.kind}: not dispatched` : `${run.kind}: dispatching`;
  const href = safeLinkTarget(run.htmlUrl);
  const linked = href ? `[${label}](${href})` : label;
  const live = run.runId !== undefined && !run.done ? runStatus(run.runId) : undefined;
  const done = run.done && run.conclusion !== undefined ? ` (${run.conclusion ?? 'no conclusion'})` : '';
  return `${linked}${markdownText(live ? ` (${live})` : done)}`;
}

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
]);
/** Why a region was rolled back: its own failure, else the rollback order that reached it. */
const CAUSE_KINDS = new Set<HistoryEntry['kind']>(['region-failed', 'rollback-dispatched']);

/** A region's newest verdict and newest cause entry. */
interface RegionNews {
  latest?: HistoryEntry;
  cause?: HistoryEntry;
}

/**
 * Every region's newest verdict and cause in one pass over the history: the summary is written
 * on every ledger save, and a search of the history per region would cost regions x history.
 */
function newsByRegion(state: State): Map<string, RegionNews> {
  const news = new Map<string, RegionNews>();
  for (const h of state.history) {
    if (h.region === undefined) continue;
    const verdict = VERDICT_KINDS.has(h.kind);
    const cause = CAUSE_KINDS.has(h.kind);
    if (!verdict && !cause) continue;
    let n = news.get(h.region);
    if (!n) news.set(h.region, (n = {}));
    if (verdict) n.latest = h;
    if (cause) n.cause = h;
  }
  return news;
}

/** The table's last column: for a failed or rolled-back region, the cause comes first. */
function verdictCell(r: RegionState, news: RegionNews | undefined): string {
  const latest = news?.latest;
  const failedPhase = r.phase === 'failed' || r.phase === 'rolling-back' || r.phase === 'rolled-back';
  const cause = failedPhase ? news?.cause : undefined;
  if (cause && latest && cause !== latest) return `${markdownText(cause.reason)} → ${markdownText(latest.reason)}`;
  return markdownText((cause ?? latest)?.reason ?? '–');
}

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
}

const TABLE_HEAD = ['| Region | Stage | Phase | Step | Traffic | Run | Latest verdict |', '| --- | --- | --- | --- | --- | --- | --- |'];

interface RegionRow {
  phase: RegionState['phase'];
  text: string;
}

/** One table row per region of the plan that the state knows, in plan order. */
function regionRows(state: State, plan: Plan, opts: SummaryOptions): RegionRow[] {
  const rows: RegionRow[] = [];
  const news = newsByRegion(state);
  for (const stage of plan.stages) {
    for (const name of stage.regions) {
      const r = state.regions[name];
      if (!r) continue;
      const steps = stage.steps.length;
      rows.push({
        phase: r.phase,
        text: `| ${markdownText(name)} | ${markdownText(stage.name)} | ${PHASE_LABEL[r.phase]} | ${r.step + 1}/${steps} | ${trafficOf(plan, r)} | ${runCell(r, opts.runStatus ?? (() => undefined))} | ${verdictCell(r, news.get(name))} |`,
      });
    }
  }
  return rows;
}

/** The per-region table. */
export function markdownRegionTable(state: State, plan: Plan, opts: SummaryOptions = {}): string {
  return [...TABLE_HEAD, ...regionRows(state, plan, opts).map((r) => r.text)].join('\n');
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

/** A history time as ISO text; one out of Date's range (a tampered ledger) reads as '?' instead of throwing. */
function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '?' : d.toISOString();
}

function verdictLine(h: HistoryEntry): string {
  const where = [h.region, h.step !== undefined ? `step ${h.step + 1}` : undefined, h.gate].filter(Boolean).join(', ');
  return `- ${isoTime(h.at)} **${h.kind}**${where ? ` (${markdownText(where)})` : ''}: ${markdownText(h.reason)} ${markdownCode(h.reasonCode)}`;
}

/** The newest verdicts with their reasons and numbers. */
export function latestVerdicts(state: State, n = 10): string {
  const picked = state.history
    .filter((h) => VERDICT_KINDS.has(h.kind))
    .slice(-n)
    .reverse();
  if (picked.length === 0) return '_No verdicts yet._';
  return picked.map(verdictLine).join('\n');
}

/**
 * Every failure, inconclusive gate and stop, oldest first (cause before effect), so the reason
 * for a rollback is not pushed out of view by the routine verdicts that followed it.
 */
export function problems(state: State, n = 20): string | undefined {
  const picked = state.history.filter((h) => PROBLEM_KINDS.has(h.kind));
  if (picked.length === 0) return undefined;
  const lines = picked.slice(0, n).map(verdictLine);
  if (picked.length > n) lines.push(`- … and ${picked.length - n} more (the check run's state has them all)`);
  return lines.join('\n');
}

/** Headline: the release id, its status and outcome. */
export function headline(state: State): string {
  if (state.outcome) {
    const { decision, reason, reasonCode } = state.outcome;
    // Reasons often start with the decision ("promoted; 1 region failed ..."): say it once.
    const text = reason.startsWith(decision) ? `${decision}${reason.slice(decision.length)}` : `${decision} — ${reason}`;
    return `### Release ${markdownCode(state.releaseId)}: ${markdownText(text)} (${markdownCode(reasonCode)})`;
  }
  if (state.pause) return `### Release ${markdownCode(state.releaseId)}: paused — ${markdownText(state.pause.reason)}`;
  return `### Release ${markdownCode(state.releaseId)}: ${state.status}`;
}

/** The share of the summary's limit the approvals-and-commands table may take: the region table needs the rest. */
const COMMANDS_SHARE = 4;

/**
 * The whole summary (check run and job summary share it), within `opts.maxBytes` (default: a
 * check run's 65,535 bytes). While the release waits for a person it starts with what waits and
 * how to go on; that block and the headline are never left out.
 */
export function releaseSummary(state: State, plan: Plan, opts: SummaryOptions = {}): string {
  const maxBytes = opts.maxBytes ?? CHECK_RUN_TEXT_BYTES;
  const people = opts.people ?? DEFAULT_PEOPLE;
  const wrong = problems(state);
  const waiting = waitingBlock(state, plan, people);
  const commands = commandsTable(state, {
    ...(people.runUrl ? { runUrl: people.runUrl } : {}),
    rows: opts.commands ?? 20,
    maxBytes: Math.floor(maxBytes / COMMANDS_SHARE),
  });
  const approvalRun = environmentApprovalLine(state, plan, opts.runStatus ?? (() => undefined));
  const before = [...(waiting ? [waiting, ''] : []), headline(state), ...(approvalRun ? ['', approvalRun] : []), '', ...TABLE_HEAD];
  const after = [
    ...(wrong ? ['', '#### What went wrong', '', wrong] : []),
    ...(commands ? ['', '#### Approvals and commands', '', commands] : []),
    '',
    '#### Latest verdicts',
    '',
    latestVerdicts(state, opts.verdicts ?? 10),
  ];
  const rows = regionRows(state, plan, opts);
  const whole = [...before, ...rows.map((r) => r.text), ...after].join('\n');
  if (Buffer.byteLength(whole, 'utf8') <= maxBytes) return whole;
  const elsewhere = opts.elsewhere ?? 'the job summary of the run driving the release has the full table';
  // The note is sized for the longest count it could carry, so the one it ends up with fits too.
  const longest = leftOutNote(rows.length, Math.max(rows.length - 1, 1), rows.length, maxBytes, elsewhere);
  const fixed = Buffer.byteLength([...before, '', longest, ...after].join('\n'), 'utf8');
  const kept = new Set(rowsWithin(rows, maxBytes - fixed));
  const left = rows.filter((r) => !kept.has(r));
  const note = leftOutNote(left.length, left.filter((r) => r.phase === 'pending').length, rows.length, maxBytes, elsewhere);
  // fitSummary is the last guard: the sections under the table can be long too (reasons quote backends).
  return fitSummary([...before, ...rows.filter((r) => kept.has(r)).map((r) => r.text), '', note, ...after].join('\n'), maxBytes);
}
