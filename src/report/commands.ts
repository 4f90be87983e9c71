/**
 * The "Approvals and commands" table: every decision a person gave the release, who, what, and
 * what came of it (accepted, or refused and why), with the run it came in. Pure: read from the
 * history, where the core leaves exactly one `command` or `command-refused` entry per command or
 * approval. Ledgers written before that have `stage-approved` / `region-approved` (and
 * `release-held` / `release-continued` for pause and resume) with `by`, and `ignored` entries for
 * commands that changed nothing: those are listed too, unless a command entry of the same
 * person at the same instant already stands for them (a promote approves several things at once).
 */
import type { HistoryEntry, State } from '../core/state.js';
import { truncate } from './text.js';
import { markdownCode, markdownText, safeLinkTarget } from './untrusted.js';
import { utcMinute } from './when.js';

/** Rows listed at most (the newest); older ones are counted. */
export const COMMAND_ROWS = 20;
/** A reason sentence quotes the person's own reason, which can be long: one cell stays readable. */
const CELL_CHARS = 300;

/** The command an older entry stands for (approvals and pause/resume were recorded only as transitions). */
const OLDER_KINDS: Partial<Record<HistoryEntry['kind'], string>> = {
  'stage-approved': 'approve',
  'region-approved': 'approve',
  'release-held': 'pause',
  'release-continued': 'resume',
};

const instant = (h: HistoryEntry): string => `${h.at}|${h.by ?? ''}`;

/** The entries of people's decisions, oldest first. */
export function commandEntries(state: State): HistoryEntry[] {
  const given = new Set<string>();
  for (const h of state.history) if (h.kind === 'command' || h.kind === 'command-refused') given.add(instant(h));
  return state.history.filter((h) => {
    if (h.kind === 'command' || h.kind === 'command-refused') return true;
    if (h.by === undefined) return false;
    if (OLDER_KINDS[h.kind] !== undefined) return !given.has(instant(h));
    // An older ledger's command that changed nothing (a `started` event carries `by` too: not a command).
    return h.kind === 'ignored' && /^(approval|command) ignored/.test(h.reason);
  });
}

function target(h: HistoryEntry): string {
  const parts = [h.stage !== undefined ? `stage ${markdownCode(h.stage)}` : '', h.region !== undefined ? `region ${markdownCode(h.region)}` : ''];
  return parts.filter(Boolean).join(', ');
}

function whatCell(h: HistoryEntry): string {
  const name = h.kind === 'command' ? h.reasonCode : OLDER_KINDS[h.kind];
  const where = target(h);
  if (name === undefined) return where || '–';
  return where ? `${markdownCode(name)} (${where})` : markdownCode(name);
}

function resultCell(h: HistoryEntry): string {
  const why = markdownText(truncate(h.reason, CELL_CHARS));
  const accepted = h.kind === 'command' || OLDER_KINDS[h.kind] !== undefined;
  return accepted ? `✅ accepted: ${why}` : `⛔ refused (${markdownCode(h.reasonCode)}): ${why}`;
}

function runCell(h: HistoryEntry, runUrl: ((runId: number) => string) | undefined): string {
  const id = h.numbers?.runId;
  if (id === undefined || !Number.isSafeInteger(id)) return '–';
  const href = safeLinkTarget(runUrl?.(id));
  return href ? `[run ${id}](${href})` : `run ${id}`;
}

/** One table row per entry: when, who, what, result, run. */
export function commandRow(h: HistoryEntry, runUrl?: (runId: number) => string): string {
  return `| ${utcMinute(h.at)} | ${markdownText(h.by ?? '?')} | ${whatCell(h)} | ${resultCell(h)} | ${runCell(h, runUrl)} |`;
}

const HEAD = ['| When (UTC) | Who | What | Result | Run |', '| --- | --- | --- | --- | --- |'];

export interface CommandsTableOptions {
  runUrl?: (runId: number) => string;
  /** Rows at most (default COMMAND_ROWS). */
  rows?: number;
  /** The table's bytes at most, note included: older rows are left out first, a row is never cut. */
  maxBytes?: number;
}

function leftOut(n: number): string {
  return `_${n.toLocaleString('en-US')} earlier ${n === 1 ? 'entry' : 'entries'} left out; the release's history in its ledger has them._`;
}

/**
 * The table of the newest entries that fit (by count and bytes), oldest first, with a note saying
 * how many earlier ones were left out; undefined when no person has given the release anything.
 */
export function commandsTable(state: State, opts: CommandsTableOptions = {}): string | undefined {
  const entries = commandEntries(state);
  if (entries.length === 0) return undefined;
  const picked = entries.slice(-(opts.rows ?? COMMAND_ROWS)).map((h) => commandRow(h, opts.runUrl));
  const maxBytes = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  // Sized for the longest note it could carry, so the one it ends up with fits too.
  let bytes = Buffer.byteLength([leftOut(entries.length), '', ...HEAD].join('\n'), 'utf8');
  const kept: string[] = [];
  for (let i = picked.length - 1; i >= 0; i--) {
    const row = picked[i] ?? '';
    const cost = Buffer.byteLength(row, 'utf8') + 1;
    if (bytes + cost > maxBytes) break;
    kept.unshift(row);
    bytes += cost;
  }
  const left = entries.length - kept.length;
  return [...(left > 0 ? [leftOut(left), ''] : []), ...HEAD, ...kept].join('\n');
}
