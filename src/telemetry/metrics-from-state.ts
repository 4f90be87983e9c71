/**
 * The release series, rendered from the state alone (status, regions, gates, rollbacks, waits,
 * durations, dispatch latency). Every value is a function of the state and the plan, never of
 * what this invocation happened to see: a reconcile that loads the release renders what the run
 * before it rendered plus what it added, so pushing again replaces a group with a superset and
 * never counts anything twice. Times are the release clock (the events' `at`), in seconds.
 */
import type { HistoryEntry, State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { servedTraffic } from '../report/region-table.js';
import { codeLabel, type MetricsRegistry } from './metrics-registry.js';

const STATUSES = ['pending', 'running', 'paused', 'stopping', 'finished'] as const;
const PHASES = ['pending', 'deploying', 'baking', 'awaiting-approval', 'promoted', 'failed', 'rolling-back', 'rolled-back', 'skipped'] as const;

const seconds = (ms: number): number => ms / 1000;
const key = (...parts: Array<string | number | undefined>): string => parts.map((p) => String(p ?? '')).join('\u0000');

export function renderReleaseSeries(m: MetricsRegistry['release'], state: State, plan: Plan): void {
  for (const metric of Object.values(m)) metric.reset();
  for (const s of STATUSES) m.status.set({ status: s }, state.status === s ? 1 : 0);
  if (state.startedAt !== undefined) m.startedAt.set(seconds(state.startedAt));
  if (state.outcome) {
    m.outcome.set({ outcome: state.outcome.decision, reason_code: codeLabel(state.outcome.reasonCode) }, 1);
    m.finishedAt.set({ outcome: state.outcome.decision }, seconds(state.outcome.at));
  }
  for (const phase of PHASES) m.regions.set({ phase }, state.counts[phase] ?? 0);
  regionSeries(m, state, plan);
  gateThresholds(m, plan);
  historySeries(m, state.history);
  const waitingStages = state.stages.filter((s) => s.phase === 'awaiting-approval').length;
  m.awaitingPeople.set({ scope: 'stage' }, waitingStages);
  m.awaitingPeople.set({ scope: 'region' }, state.counts['awaiting-approval'] ?? 0);
}

function regionSeries(m: MetricsRegistry['release'], state: State, plan: Plan): void {
  // When each run's id became known: its run-dispatched entry (one pass, not one per run).
  const found = new Map<string, number>();
  for (const h of state.history)
    if (h.kind === 'run-dispatched' && h.numbers?.runId !== undefined) found.set(key(h.region, h.reasonCode, h.numbers.runId), h.at);
  for (const r of Object.values(state.regions)) {
    const stage = plan.stages[r.stage]?.name ?? state.stages[r.stage]?.name ?? 'unknown';
    // What the summary's table says serves now (one writer of the rule: report/region-table.ts).
    const planStage = plan.stages[r.stage];
    m.traffic.set({ stage, region: r.name }, planStage ? servedTraffic(planStage, r) : 0);
    m.step.set({ stage, region: r.name }, r.startedAt === undefined ? 0 : r.step + 1);
    const ended = r.phase === 'promoted' || r.phase === 'failed' || r.phase === 'rolled-back';
    if (ended && r.startedAt !== undefined && r.finishedAt !== undefined)
      m.regionDuration.observe({ stage, outcome: r.phase }, seconds(Math.max(0, r.finishedAt - r.startedAt)));
    if (r.rollbackDispatched || r.phase === 'rolling-back' || r.phase === 'rolled-back')
      m.rollbacks.inc({ stage, reason_code: codeLabel(r.failure?.reasonCode ?? state.stop?.reasonCode ?? state.outcome?.reasonCode) });
    for (const run of r.runs) {
      if (run.runId === undefined) continue;
      // The record says when the core asked for the run (dispatchedAt), the entry when its id was known.
      const at = found.get(key(r.name, `${run.kind}-dispatched`, run.runId));
      if (at !== undefined) m.dispatchLatency.observe({ stage, kind: run.kind }, seconds(Math.max(0, at - run.dispatchedAt)));
    }
  }
}

function gateThresholds(m: MetricsRegistry['release'], plan: Plan): void {
  for (const gate of Object.values(plan.gates)) {
    if (gate.min !== undefined) m.gateThreshold.set({ gate: gate.name, bound: 'min' }, gate.min);
    if (gate.max !== undefined) m.gateThreshold.set({ gate: gate.name, bound: 'max' }, gate.max);
  }
}

/** One pass over the history: durations, gate values and verdicts, waits for people. */
function historySeries(m: MetricsRegistry['release'], history: readonly HistoryEntry[]): void {
  const stageStarts = new Map<string, number>();
  const stepStarts = new Map<string, number>();
  const waits = new Map<string, { at: number; scope: 'stage' | 'region'; stage: string; region?: string }>();
  for (const h of history) {
    const stage = h.stage ?? 'unknown';
    switch (h.kind) {
      case 'stage-started':
        stageStarts.set(stage, h.at);
        break;
      case 'stage-completed': {
        const at = stageStarts.get(stage);
        if (at !== undefined) m.stageDuration.observe({ stage }, seconds(Math.max(0, h.at - at)));
        break;
      }
      case 'step-started':
        stepStarts.set(key(h.region, h.step), h.at);
        break;
      case 'step-passed': {
        const at = stepStarts.get(key(h.region, h.step));
        if (at !== undefined) m.stepDuration.observe({ stage, step: String((h.step ?? 0) + 1) }, seconds(Math.max(0, h.at - at)));
        break;
      }
      case 'measurement':
        if (h.gate === undefined) break;
        m.gateMeasurements.inc({ stage, gate: h.gate, reason_code: codeLabel(h.reasonCode) });
        if (h.region !== undefined && h.numbers?.value !== undefined && Number.isFinite(h.numbers.value))
          m.gateValue.set({ stage, region: h.region, gate: h.gate }, h.numbers.value);
        break;
      case 'gate-passed':
      case 'gate-failed':
      case 'gate-inconclusive':
        if (h.gate !== undefined) m.gateVerdicts.inc({ stage, gate: h.gate, verdict: h.kind.slice('gate-'.length) });
        break;
      case 'stage-awaiting-approval':
        waits.set(key('stage', stage), { at: h.at, scope: 'stage', stage });
        break;
      case 'region-awaiting-approval':
        waits.set(key('region', h.region), { at: h.at, scope: 'region', stage, ...(h.region !== undefined ? { region: h.region } : {}) });
        break;
      default:
        break;
    }
    closeWaits(m, waits, h);
  }
}

/**
 * Kinds that end a stage's or a region's wait for a person; the entry's reason code says how
 * (approved, environment-approved, approval-rejected, approval-timeout, ...). Not the `command`
 * entry before them: it says what was asked, the entry after it what came of it.
 */
const ENDS_STAGE_WAIT = new Set(['stage-approved', 'stage-started', 'release-stopped', 'release-finished']);
const ENDS_REGION_WAIT = new Set(['region-approved', 'region-failed', 'region-promoted', 'release-stopped', 'release-finished']);

function closeWaits(
  m: MetricsRegistry['release'],
  waits: Map<string, { at: number; scope: 'stage' | 'region'; stage: string; region?: string }>,
  h: HistoryEntry,
): void {
  for (const [k, w] of waits) {
    const releaseWide = h.kind === 'release-stopped' || h.kind === 'release-finished';
    const ends =
      w.scope === 'stage'
        ? ENDS_STAGE_WAIT.has(h.kind) && (releaseWide || h.stage === w.stage)
        : ENDS_REGION_WAIT.has(h.kind) && (releaseWide || h.region === w.region);
    if (!ends) continue;
    waits.delete(k);
    // Two invocations' clocks may disagree (another runner, a virtual clock): a wait is never negative.
    m.approvalWait.observe({ scope: w.scope, stage: w.stage, resolution: codeLabel(h.reasonCode) }, seconds(Math.max(0, h.at - w.at)));
  }
}
