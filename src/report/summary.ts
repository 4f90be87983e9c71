/**
 * What people read: the per-region table and the latest verdicts, as markdown for the check-run
 * summary and the job summary. Pure functions of the engine state and the plan.
 */
import { NOT_DISPATCHED, type HistoryEntry, type RegionState, type State } from '../core/state.js';
import type { Plan } from '../plan/types.js';

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
  'gate-passed', 'gate-failed', 'gate-inconclusive', 'run-finished', 'run-timeout', 'dispatch-failed',
  'region-promoted', 'region-failed', 'region-rolled-back', 'rollback-failed', 'release-stopped', 'release-paused', 'release-finished',
]);

/** Markdown table cells must not break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function trafficOf(plan: Plan, r: RegionState): string {
  const step = plan.stages[r.stage]?.steps[r.step];
  return step ? `${step.traffic}%` : '–';
}

function runCell(r: RegionState, runStatus: (runId: number) => string | undefined): string {
  const run = r.runs[r.runs.length - 1];
  if (!run) return '–';
  const label = run.runId !== undefined ? `${run.kind} #${run.runId}` : run.conclusion === NOT_DISPATCHED ? `${run.kind}: not dispatched` : `${run.kind}: dispatching`;
  const linked = run.htmlUrl ? `[${label}](${run.htmlUrl})` : label;
  const live = run.runId !== undefined && !run.done ? runStatus(run.runId) : undefined;
  const done = run.done && run.conclusion !== undefined ? ` (${run.conclusion ?? 'no conclusion'})` : '';
  return `${linked}${live ? ` (${live})` : done}`;
}

/** What went wrong: the entries a person on call needs first, whatever happened after them. */
const PROBLEM_KINDS = new Set<HistoryEntry['kind']>([
  'gate-failed', 'gate-inconclusive', 'run-timeout', 'dispatch-failed', 'region-failed', 'rollback-failed', 'release-stopped', 'release-halted',
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
  if (cause && latest && cause !== latest) return `${cause.reason} → ${latest.reason}`;
  return (cause ?? latest)?.reason ?? '–';
}

export interface SummaryOptions {
  /** How a run in flight reads now (e.g. "waiting for environment approval"). */
  runStatus?: (runId: number) => string | undefined;
  /** Verdicts listed under the table (default 10). */
  verdicts?: number;
}

/** The per-region table. */
export function regionTable(state: State, plan: Plan, opts: SummaryOptions = {}): string {
  const rows = ['| Region | Stage | Phase | Step | Traffic | Run | Latest verdict |', '| --- | --- | --- | --- | --- | --- | --- |'];
  const news = newsByRegion(state);
  for (const stage of plan.stages) {
    for (const name of stage.regions) {
      const r = state.regions[name];
      if (!r) continue;
      const steps = stage.steps.length;
      rows.push(`| ${cell(name)} | ${cell(stage.name)} | ${PHASE_LABEL[r.phase]} | ${r.step + 1}/${steps} | ${trafficOf(plan, r)} | ${cell(runCell(r, opts.runStatus ?? (() => undefined)))} | ${cell(verdictCell(r, news.get(name)))} |`);
    }
  }
  return rows.join('\n');
}

function verdictLine(h: HistoryEntry): string {
  const where = [h.region, h.step !== undefined ? `step ${h.step + 1}` : undefined, h.gate].filter(Boolean).join(', ');
  return `- ${new Date(h.at).toISOString()} **${h.kind}**${where ? ` (${where})` : ''}: ${h.reason} \`${h.reasonCode}\``;
}

/** The newest verdicts with their reasons and numbers. */
export function latestVerdicts(state: State, n = 10): string {
  const picked = state.history.filter((h) => VERDICT_KINDS.has(h.kind)).slice(-n).reverse();
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
    return `### Release \`${state.releaseId}\`: ${text} (\`${reasonCode}\`)`;
  }
  if (state.pause) return `### Release \`${state.releaseId}\`: paused — ${state.pause.reason}`;
  return `### Release \`${state.releaseId}\`: ${state.status}`;
}

/** The whole summary (check run and job summary share it). */
export function releaseSummary(state: State, plan: Plan, opts: SummaryOptions = {}): string {
  const wrong = problems(state);
  return [
    headline(state), '', regionTable(state, plan, opts),
    ...(wrong ? ['', '#### What went wrong', '', wrong] : []),
    '', '#### Latest verdicts', '', latestVerdicts(state, opts.verdicts ?? 10),
  ].join('\n');
}
