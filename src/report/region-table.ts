/**
 * The per-region table: one row per region in plan order, with what serves now, the gates'
 * numbers against their limits, the runs and how long the region has taken. Every cell comes from
 * the state and the one pass over the history (history-facts.ts); text not written here goes
 * through markdownText.
 */
import { isInStep, NOT_DISPATCHED, type RegionState, type RunRecord, type State } from '../core/state.js';
import type { Plan, Stage } from '../plan/types.js';
import { durationText } from './duration-text.js';
import { gateCell } from './gate-cell.js';
import type { HistoryFacts, RegionFacts } from './history-facts.js';
import { truncate } from './text.js';
import { markdownText, safeLinkTarget } from './untrusted.js';

export const PHASE_LABEL: Record<RegionState['phase'], string> = {
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

export const TABLE_HEAD = [
  '| Region | Stage | Step | Traffic now | State | Gates (newest bake vs limits) | Runs | Took | Why |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];

export interface RowOptions {
  runStatus: (runId: number) => string | undefined;
  /** Shorter cells (a large release): gates on one line, a shorter reason, one run. */
  compact: boolean;
  /** Shorter still (a release of a hundred regions and more): passing gates counted, a short reason, the run's number. */
  brief?: true;
}

export interface RegionRow {
  phase: RegionState['phase'];
  text: string;
}

const untouched = (r: RegionState): boolean => r.phase === 'pending' || (r.phase === 'skipped' && r.touchedSeq === undefined);

function lastRun(r: RegionState, kind: RunRecord['kind']): RunRecord | undefined {
  for (let i = r.runs.length - 1; i >= 0; i--) {
    const run = r.runs[i];
    if (run?.kind === kind) return run;
  }
  return undefined;
}

/**
 * The deploy run whose step serves now: runs are in order, and the newest successful run decides,
 * so a rollback that succeeded (in any attempt) means nothing serves until a later deploy succeeds.
 */
function servingDeploy(r: RegionState): RunRecord | undefined {
  for (let i = r.runs.length - 1; i >= 0; i--) {
    const run = r.runs[i];
    if (run?.conclusion !== 'success') continue;
    if (run.kind === 'rollback') return undefined;
    if (run.kind === 'deploy') return run;
  }
  return undefined;
}

const pct = (stage: Stage, step: number | undefined): string => {
  const t = step === undefined ? 0 : stage.steps[step]?.traffic;
  return t === undefined ? '?' : `${t}%`;
};

/**
 * The share of traffic a region serves now, as a number: the traffic of the step whose deploy
 * run last succeeded, unless a rollback succeeded after it; none before the first deploy succeeded. The one
 * writer of this rule: the table's cell below and the release's own metrics
 * (src/telemetry/metrics-from-state.ts) both read it, so the two never disagree.
 */
export function servedTraffic(stage: Stage, r: RegionState): number {
  if (untouched(r) || r.phase === 'rolled-back') return 0;
  const served = servingDeploy(r);
  return served === undefined ? 0 : (stage.steps[served.step]?.traffic ?? 0);
}

/**
 * What serves now, as the table says it: servedTraffic, with where it goes (a region mid-deploy
 * shows `10% → 50%`, a rolled-back one `0% (rolled back)`, one never started `–`).
 */
export function trafficNow(stage: Stage, r: RegionState): string {
  if (untouched(r)) return '–';
  if (r.phase === 'rolled-back') return '0% (rolled back)';
  const served = servingDeploy(r);
  const now = served === undefined ? '0%' : `${servedTraffic(stage, r)}%`;
  if (r.phase === 'rolling-back') return `${now} → 0%`;
  if (r.rollbackFailed) return `${now} (rollback failed)`;
  if (served?.step === r.step) return now;
  const target = pct(stage, r.step);
  if (r.phase === 'deploying') return `${now} → ${target}`;
  const deploy = lastRun(r, 'deploy');
  return deploy && deploy.step === r.step && deploy.done ? `${now} (deploy to ${target} failed)` : now;
}

function runLink(run: RunRecord, runStatus: (runId: number) => string | undefined, short: boolean): string {
  const label =
    run.runId !== undefined
      ? `${short ? '' : `${run.kind} `}#${run.runId}`
      : run.conclusion === NOT_DISPATCHED
        ? `${run.kind}: not dispatched`
        : `${run.kind}: dispatching`;
  const href = safeLinkTarget(run.htmlUrl);
  const linked = href ? `[${label}](${href})` : label;
  const live = run.runId !== undefined && !run.done ? runStatus(run.runId) : undefined;
  const done = run.done && run.conclusion !== undefined ? ` (${run.conclusion ?? 'no conclusion'})` : '';
  return `${linked}${markdownText(live ? ` (${live})` : done)}`;
}

/** The deploy run of the newest step, and the rollback run when there is one (the compact form: the newest run only). */
function runsCell(r: RegionState, o: RowOptions): string {
  const deploy = lastRun(r, 'deploy');
  const rollback = lastRun(r, 'rollback');
  if (o.compact) {
    const newest = r.runs[r.runs.length - 1];
    return newest ? runLink(newest, o.runStatus, o.brief === true) : '–';
  }
  const cells = [deploy, rollback].filter((x): x is RunRecord => x !== undefined).map((run) => runLink(run, o.runStatus, false));
  return cells.length > 0 ? cells.join('<br>') : '–';
}

function tookCell(state: State, r: RegionState): string {
  if (r.startedAt === undefined) return '–';
  const end = r.finishedAt ?? state.now;
  return r.finishedAt === undefined ? `${durationText(end - r.startedAt)} so far` : durationText(end - r.startedAt);
}

const FAILED = new Set<RegionState['phase']>(['failed', 'rolling-back', 'rolled-back']);

/** For a failed or rolled-back region the cause comes first, then what followed it. */
function whyCell(r: RegionState, news: RegionFacts | undefined, o: RowOptions): string {
  const max = o.brief ? 60 : o.compact ? 120 : 300;
  const latest = news?.latest;
  const cause = FAILED.has(r.phase) ? news?.cause : undefined;
  // A large table spends its bytes on the regions that went wrong.
  if (o.compact && !cause && !FAILED.has(r.phase) && !r.approval && !r.skippedReason) return '–';
  if (cause && latest && cause !== latest) return `${markdownText(truncate(cause.reason, max))} → ${markdownText(truncate(latest.reason, max / 2))}`;
  const text = (cause ?? latest)?.reason ?? r.approval?.reason ?? r.skippedReason;
  return text === undefined ? '–' : markdownText(truncate(text, max));
}

/** One row per region of the plan that the state knows, in plan order. */
export function regionRows(state: State, plan: Plan, facts: HistoryFacts, o: RowOptions): RegionRow[] {
  const rows: RegionRow[] = [];
  plan.stages.forEach((stage, index) => {
    for (const name of stage.regions) {
      const r = state.regions[name];
      if (!r) continue;
      const news = facts.regions.get(name);
      const step = untouched(r) ? `–/${stage.steps.length}` : `${r.step + 1}/${stage.steps.length}`;
      const gates = untouched(r) ? '–' : gateCell(plan, index, r.step, isInStep(r.phase), news?.gates, o.compact, o.brief);
      const cells = [
        markdownText(name),
        markdownText(stage.name),
        step,
        trafficNow(stage, r),
        PHASE_LABEL[r.phase],
        gates,
        runsCell(r, o),
        tookCell(state, r),
        whyCell(r, news, o),
      ];
      rows.push({ phase: r.phase, text: `| ${cells.join(' | ')} |` });
    }
  });
  return rows;
}
