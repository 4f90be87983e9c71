/**
 * Human output of `simulate`: one progress line per transition, a per-region table and a
 * timeline of milestones. Times are shown relative to the start (T+hh:mm:ss) because the
 * virtual clock's absolute time means nothing to a reader.
 */
import type { HistoryEntry, State } from '../core/state.js';
import type { Plan } from '../plan/types.js';

export function relTime(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `T+${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Transitions shown as progress lines (individual measurements are many; their verdicts show as gate lines). */
const QUIET: ReadonlySet<HistoryEntry['kind']> = new Set(['measurement']);

export function progressLine(e: HistoryEntry, start: number, verbose: boolean): string | undefined {
  if (!verbose && QUIET.has(e.kind)) return undefined;
  const step = e.step !== undefined ? `step ${e.step + 1}` : '-';
  const what = e.gate ? `${e.kind} [${e.gate}]` : e.kind;
  return `${relTime(e.at - start)}  ${(e.stage ?? '-').padEnd(10)} ${(e.region ?? '-').padEnd(16)} ${step.padEnd(7)} ${what.padEnd(28)} ${e.reason}${e.by ? ` (by ${e.by})` : ''}`;
}

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

/** One row per region: stage, phase, step reached, traffic, time, why. */
export function regionTable(state: State, plan: Plan, start: number): string {
  const rows: string[][] = [['REGION', 'STAGE', 'PHASE', 'STEP', 'TRAFFIC', 'FINISHED', 'WHY']];
  for (const stage of plan.stages) {
    for (const name of stage.regions) {
      const r = state.regions[name];
      if (!r) continue;
      const reached = r.phase === 'pending' || (r.phase === 'skipped' && r.touchedSeq === undefined) ? '-' : `${r.step + 1}/${stage.steps.length}`;
      const traffic = reached === '-' ? '-' : `${stage.steps[r.step]?.traffic ?? 0}%`;
      const stopped = r.phase === 'rolled-back' && state.stop ? `rolled back: the release stopped (${state.stop.reasonCode})` : '';
      const why = r.rollbackFailed ? `rollback failed; ${r.failure?.reason ?? ''}` : (r.failure?.reason ?? r.skippedReason ?? r.approval?.reason ?? stopped);
      rows.push([name, stage.name, r.phase, reached, traffic, r.finishedAt !== undefined ? relTime(r.finishedAt - start) : '-', why]);
    }
  }
  return table(rows);
}

const MILESTONES: ReadonlySet<HistoryEntry['kind']> = new Set([
  'release-started', 'stage-awaiting-approval', 'stage-approved', 'stage-started', 'stage-completed', 'region-promoted', 'region-failed',
  'region-awaiting-approval', 'region-approved', 'rollback-dispatched', 'region-rolled-back', 'rollback-failed', 'release-stopped', 'release-paused', 'release-finished',
]);

/** Milestones only, at most `limit` lines (large plans elide the middle). */
export function timeline(state: State, start: number, limit = 60): string {
  const lines = state.history.filter((e) => MILESTONES.has(e.kind)).map((e) => {
    const where = [e.stage, e.region].filter(Boolean).join(' / ');
    const why = e.kind.startsWith('release') || e.kind.includes('failed') ? e.reason : '';
    return `${relTime(e.at - start)}  ${e.kind.padEnd(24)} ${[where, why].filter(Boolean).join(': ')}`.trimEnd();
  });
  if (lines.length <= limit) return lines.join('\n');
  const head = lines.slice(0, limit / 2);
  const tail = lines.slice(lines.length - limit / 2);
  return [...head, `  ... ${lines.length - limit} more ...`, ...tail].join('\n');
}
