/**
 * Human output of `simulate`: one progress line per transition, a per-region table and a
 * timeline of milestones. Times are shown relative to the start (T+hh:mm:ss) because the
 * virtual clock's absolute time means nothing to a reader.
 */
import type { HistoryEntry, HistoryKind, RegionPhase, RegionState, State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { plural } from '../plan/words.js';
import { oneLine } from '../report/untrusted.js';
import { judgedBurn, limitsText, ObservedRanges, rangeText } from '../report/observed-range.js';
import { trafficNow } from '../report/region-table.js';
import { partText, span, type Part, type Style, type Styled } from './colour.js';
import { fitRow } from './fit.js';

export function relTime(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `T+${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/**
 * Transitions shown as progress lines only with --verbose: individual measurements are many
 * (their verdicts show as gate lines), and `ignored` entries are the core's own bookkeeping (an
 * answer that no longer fits, e.g. a deploy run finishing after its region began rolling back).
 */
const QUIET: ReadonlySet<HistoryEntry['kind']> = new Set(['measurement', 'ignored']);

const PASSED_KINDS: ReadonlySet<HistoryKind> = new Set([
  'gate-passed',
  'step-passed',
  'region-promoted',
  'stage-completed',
  'stage-approved',
  'region-approved',
]);

/** How an entry's kind looks on a terminal: what went wrong red, what went right green, what waits for a person or undoes a step yellow. */
export function kindStyle(kind: HistoryKind): Style | undefined {
  if (/failed|stopped|halted|refused|timeout/.test(kind)) return 'failed';
  if (PASSED_KINDS.has(kind)) return 'passed';
  if (/awaiting|paused|held|inconclusive|rolled-back|rollback-dispatched/.test(kind)) return 'attention';
  if (kind === 'measurement' || kind === 'ignored') return 'dim';
  return undefined;
}

/** A region's phase on a terminal, as kindStyle colours the entries that lead to it. */
export function phaseStyle(phase: RegionPhase): Style | undefined {
  if (phase === 'failed') return 'failed';
  if (phase === 'promoted') return 'passed';
  if (phase === 'rolled-back' || phase === 'rolling-back' || phase === 'awaiting-approval') return 'attention';
  if (phase === 'skipped' || phase === 'pending') return 'dim';
  return undefined;
}

/** A cell padded to its column, the padding outside the colour. */
function padded(text: string, width: number, style: Style | undefined): Part[] {
  const pad = ' '.repeat(Math.max(0, width - text.length));
  return style ? [span(style, text), pad] : [text + pad];
}

/**
 * Turns history entries into progress lines. Stateful because a gate verdict line should carry
 * the numbers behind it (observed range vs. the gate's limits), and those arrive earlier as
 * individual measurements, which are not printed unless --verbose.
 */
export class ProgressFormatter {
  private readonly observed = new ObservedRanges();
  private readonly burns = new ObservedRanges();

  constructor(
    private readonly start: number,
    private readonly verbose: boolean,
    private readonly plan?: Plan,
  ) {}

  /** The line for `e` (plain, one line), or undefined when it is not shown at this verbosity. */
  line(e: HistoryEntry): string | undefined {
    const row = this.row(e);
    return row && [...row.head, ...row.why].map(partText).join('');
  }

  /** The lines for `e` within `width` columns (the reason wraps), or undefined when it is not shown at this verbosity. */
  lines(e: HistoryEntry, width: number | undefined): Styled[] | undefined {
    const row = this.row(e);
    return row && fitRow(row.head, row.why, width);
  }

  private row(e: HistoryEntry): { head: Part[]; why: Part[] } | undefined {
    const key = `${e.region ?? ''}|${e.step ?? ''}|${e.gate ?? ''}`;
    if (e.kind === 'measurement' && e.numbers?.value !== undefined) this.observed.add(key, e.numbers.value);
    const burn = e.kind === 'measurement' ? judgedBurn(e.numbers) : undefined;
    if (burn !== undefined) this.burns.add(key, burn);
    // In a simulation a driver stops and resumes only to hand a person's event in (simulate/run.ts):
    // the person's own line says what happened.
    if (!this.verbose && (QUIET.has(e.kind) || e.kind === 'release-resumed' || e.kind === 'cancelled')) return undefined;
    // Reasons quote metric answers (a real backend in the Prometheus demo): one line each.
    let reason = oneLine(e.reason);
    if ((e.kind === 'gate-passed' || e.kind === 'gate-failed') && e.gate) {
      reason += this.gateNumbers(e, key);
    }
    // Every approval in a simulation comes from the simulated person (simulate/run.ts).
    if (e.kind === 'stage-approved' && e.by) reason += ' (simulated approver; --no-auto-approve stops here instead)';
    else if (e.by && !reason.includes(e.by)) reason += ` (by ${e.by})`;
    const step = e.step !== undefined ? `step ${e.step + 1}` : '-';
    const what = e.gate ? `${e.kind} [${e.gate}]` : e.kind;
    const head = `${relTime(e.at - this.start)}  ${(e.stage ?? '-').padEnd(10)} ${(e.region ?? '-').padEnd(16)} ${step.padEnd(7)} `;
    return { head: [head, ...padded(what, 28, kindStyle(e.kind)), ' '], why: [reason] };
  }

  /** `; observed 0.004..0.006 vs max 0.01` for a gate verdict, from the measurements seen and the plan. */
  private gateNumbers(e: HistoryEntry, key: string): string {
    const gate = e.gate ? this.plan?.gates[e.gate] : undefined;
    // A failed verdict's reason already names the limit it broke; a passed one says only "within limits".
    const lim = e.kind === 'gate-passed' ? limitsText(gate?.min ?? e.numbers?.min, gate?.max ?? e.numbers?.max) : '';
    const seen = this.observed.take(key);
    const burns = this.burns.take(key);
    // A failed slo verdict names both burn rates already; a passed one says only "within limits".
    if (burns && gate?.slo)
      return e.kind === 'gate-passed' ? ` (burn rate, lower of both windows, observed ${rangeText(burns)} vs factor ${gate.slo.factor})` : '';
    const range = seen ? rangeText(seen) : '';
    const parts = [[range ? `observed ${range}` : '', lim].filter(Boolean).join(' vs ')];
    // Backend errors are retried and not counted, so "5/5 successful" alone would hide them.
    const errors = e.numbers?.errors ?? 0;
    if (e.kind === 'gate-passed' && errors > 0) parts.push(`${plural(errors, 'backend error')} retried`);
    const text = parts.filter(Boolean).join('; ');
    return text ? ` (${text})` : '';
  }
}

/** Column titles over the progress lines, aligned with ProgressFormatter.line, within `width` columns. */
export function progressHeader(width?: number): Styled[] {
  const head = `${'TIME'.padEnd(10)}  ${'STAGE'.padEnd(10)} ${'REGION'.padEnd(16)} ${'STEP'.padEnd(7)} ${'EVENT'.padEnd(28)} `;
  return fitRow([span('bold', head)], [span('bold', 'WHY')], width);
}

/** One progress line without the measurements before it (demo/prometheus-demo.ts prints entries one by one). */
export function progressLine(e: HistoryEntry, start: number, verbose: boolean): string | undefined {
  return new ProgressFormatter(start, verbose).line(e);
}

/** A cell and how it looks; the last cell of a row is its reason, the one that wraps. */
interface Cell {
  text: string;
  style?: Style | undefined;
}

function table(rows: Cell[][], width: number | undefined): Styled[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.text.length)));
  return rows.flatMap((row) => {
    const head = row.slice(0, -1).flatMap((cell, i) => [...padded(cell.text, widths[i] ?? 0, cell.style), '  ']);
    const last = row[row.length - 1];
    return fitRow(head, last ? [last.style ? span(last.style, last.text) : last.text] : [], width, 2);
  });
}

/** Stops a person caused: the row names them (the reason says who), not only the code. */
const PERSON_STOPS: ReadonlySet<string> = new Set(['aborted', 'approval-rejected', 'rolled-back-by-command']);

function stoppedWhy(stop: NonNullable<State['stop']>): string {
  const base = `rolled back: the release stopped (${stop.reasonCode})`;
  return PERSON_STOPS.has(stop.reasonCode) ? `${base}: ${stop.reason}` : base;
}

/** What a person did to a region that nothing else explains: held by a pause, or retried after a failure. */
function personal(state: State, r: RegionState, retry: HistoryEntry | undefined, start: number): string {
  if (state.hold && (r.phase === 'baking' || r.phase === 'deploying')) return `held: paused by ${state.hold.by} (nothing new starts until resume)`;
  return retry ? `retried by ${retry.by ?? 'a person'} at ${relTime(retry.at - start)}` : '';
}

/** One row per region: stage, phase, step reached, traffic, time, why; lines within `width` columns. */
export function textRegionTable(state: State, plan: Plan, start: number, width?: number): Styled[] {
  const rows: Cell[][] = [['REGION', 'STAGE', 'PHASE', 'STEP', 'TRAFFIC', 'FINISHED', 'WHY'].map((text) => ({ text, style: 'bold' as const }))];
  // The failed rollback's own reason lives in the history (the region's failure, if any, is why it was rolled back).
  const rollbackFailure = new Map<string, string>();
  const retries = new Map<string, HistoryEntry>();
  for (const e of state.history) {
    if (e.kind === 'rollback-failed' && e.region) rollbackFailure.set(e.region, e.reason);
    if (e.kind === 'command' && e.reasonCode === 'retry' && e.region) retries.set(e.region, e);
  }
  for (const stage of plan.stages) {
    for (const name of stage.regions) {
      const r = state.regions[name];
      if (!r) continue;
      const reached = r.phase === 'pending' || (r.phase === 'skipped' && r.touchedSeq === undefined) ? '-' : `${r.step + 1}/${stage.steps.length}`;
      // What serves now (the one rule, report/region-table.ts): a rolled-back region serves nothing, whatever step it reached.
      const traffic = reached === '-' ? '-' : trafficNow(stage, r);
      const stopped = r.phase === 'rolled-back' && state.stop ? stoppedWhy(state.stop) : '';
      const why = r.rollbackFailed
        ? [rollbackFailure.get(name) ?? 'ROLLBACK FAILED', 'needs a person', r.failure ? `the region had failed: ${r.failure.reason}` : '']
            .filter(Boolean)
            .join('; ')
        : (r.failure?.reason ?? r.skippedReason ?? r.approval?.reason ?? (stopped || personal(state, r, retries.get(name), start)));
      const finished = r.finishedAt !== undefined ? relTime(r.finishedAt - start) : '-';
      const cells = [name, stage.name, r.phase, reached, traffic, finished, oneLine(why)].map((text): Cell => ({ text }));
      (cells[2] as Cell).style = phaseStyle(r.phase);
      rows.push(cells);
    }
  }
  return table(rows, width);
}

const MILESTONES: ReadonlySet<HistoryEntry['kind']> = new Set([
  'release-started',
  'stage-awaiting-approval',
  'stage-approved',
  'stage-started',
  'stage-completed',
  'region-promoted',
  'region-failed',
  'region-awaiting-approval',
  'region-approved',
  'rollback-dispatched',
  'region-rolled-back',
  'rollback-failed',
  'release-stopped',
  'release-paused',
  'release-held',
  'release-continued',
  'command',
  'command-refused',
  'release-finished',
]);

/** Where a reader asks "why?" on the timeline: failures, holds for a person, people's commands and the release's own lines. */
function timelineWhy(e: HistoryEntry): string {
  const asks = e.kind.startsWith('release') || e.kind.includes('failed') || e.kind === 'region-awaiting-approval' || e.kind.startsWith('command');
  return asks ? e.reason : '';
}

/** Milestones only, at most `limit` of them (large plans elide the middle); lines within `width` columns. */
export function timeline(state: State, start: number, limit = 60, width?: number): Styled[] {
  const rows = state.history
    .filter((e) => MILESTONES.has(e.kind))
    .map((e) => {
      const place = [e.stage, e.region].filter(Boolean).join(' / ');
      // An approval names its person, as a command's reason does.
      const where = e.by !== undefined && (e.kind === 'stage-approved' || e.kind === 'region-approved') ? `${place} (by ${oneLine(e.by)})` : place;
      const why = timelineWhy(e);
      return fitRow([`${relTime(e.at - start)}  `, ...padded(e.kind, 24, kindStyle(e.kind)), ' '], [[where, oneLine(why)].filter(Boolean).join(': ')], width);
    });
  if (rows.length <= limit) return rows.flat();
  const head = rows.slice(0, limit / 2);
  const tail = rows.slice(rows.length - limit / 2);
  return [...head.flat(), ...fitRow([`  ... ${rows.length - limit} more ...`], [], width), ...tail.flat()];
}
