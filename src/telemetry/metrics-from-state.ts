/**
 * The release series, rendered from the state alone (status, regions, gates, rollbacks, waits,
 * durations, dispatch latency). Every value is a function of the state and the plan, never of
 * what this invocation happened to see: a reconcile that loads the release renders what the run
 * before it rendered plus what it added, so pushing again replaces a group with a superset and
 * never counts anything twice. Times are the release clock (the events' `at`), in seconds.
 */
import type { HistoryEntry, HistoryNumbers, State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { servedTraffic } from '../report/region-table.js';
import { PlanNameIndex } from './plan-names.js';
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
  const names = planNames(plan);
  regionSeries(m, state, plan, names);
  gateThresholds(m, plan);
  historySeries(m, state.history, names);
  const waitingStages = state.stages.filter((s) => s.phase === 'awaiting-approval').length;
  m.awaitingPeople.set({ scope: 'stage' }, waitingStages);
  m.awaitingPeople.set({ scope: 'region' }, state.counts['awaiting-approval'] ?? 0);
}

/**
 * Stage, region and gate names as labels: only the plan's own. The ledger is a check run that
 * anyone with write access can edit (and a release that adopted a new plan has entries naming the
 * old one), so a name the plan lacks would be an unbounded label value. It is counted as `other`
 * rather than skipped: a count (verdicts, measurements, rollbacks, durations) stays the history's
 * total, so a failed verdict under a forged name never vanishes from the metrics. A series that
 * holds one thing's value (a gate's last value, a region's traffic) skips it instead: under
 * `other` the values of unrelated names would overwrite each other.
 */
interface PlanNames {
  stage(name: string | undefined): string;
  region(name: string | undefined): string;
  gate(name: string | undefined): string;
  /** 1-based, when the plan's stage of that name has the (0-based) step. */
  step(stage: string | undefined, step: number | undefined): string;
}

const OTHER = 'other';

function planNames(plan: Plan): PlanNames {
  const index = new PlanNameIndex(plan);
  return {
    stage: (n) => (index.hasStage(n) ? n : OTHER),
    region: (n) => (index.hasRegion(n) ? n : OTHER),
    gate: (n) => (index.hasGate(n) ? n : OTHER),
    step: (stage, step) => (index.hasStep(stage, step) && step !== undefined ? String(step + 1) : OTHER),
  };
}

function regionSeries(m: MetricsRegistry['release'], state: State, plan: Plan, names: PlanNames): void {
  // When each run's id became known: its run-dispatched entry (one pass, not one per run).
  const found = new Map<string, number>();
  for (const h of state.history)
    if (h.kind === 'run-dispatched' && h.numbers?.runId !== undefined) found.set(key(h.region, h.reasonCode, h.numbers.runId), h.at);
  for (const r of Object.values(state.regions)) {
    const planStage = plan.stages[r.stage];
    const stage = names.stage(planStage?.name);
    const region = names.region(r.name);
    if (planStage && stage !== OTHER && region !== OTHER) {
      // What the summary's table says serves now (one writer of the rule: report/region-table.ts).
      m.traffic.set({ stage, region }, servedTraffic(planStage, r));
      m.step.set({ stage, region }, r.startedAt === undefined ? 0 : r.step + 1);
    }
    const ended = r.phase === 'promoted' || r.phase === 'failed' || r.phase === 'rolled-back';
    if (ended && r.startedAt !== undefined && r.finishedAt !== undefined)
      m.regionDuration.observe({ stage, outcome: r.phase }, seconds(Math.max(0, r.finishedAt - r.startedAt)));
    for (const run of r.runs) {
      if (run.runId === undefined) continue;
      // The record says when the core asked for the run (dispatchedAt), the entry when its id was known.
      const at = found.get(key(r.name, `${run.kind}-dispatched`, run.runId));
      if (at !== undefined) m.dispatchLatency.observe({ stage, kind: codeLabel(run.kind) }, seconds(Math.max(0, at - run.dispatchedAt)));
    }
  }
}

function gateThresholds(m: MetricsRegistry['release'], plan: Plan): void {
  for (const gate of Object.values(plan.gates)) {
    if (gate.min !== undefined) m.gateThreshold.set({ gate: gate.name, bound: 'min' }, gate.min);
    if (gate.max !== undefined) m.gateThreshold.set({ gate: gate.name, bound: 'max' }, gate.max);
  }
}

/** One pass over the history: durations, gate values and verdicts, rollbacks, waits for people. */
function historySeries(m: MetricsRegistry['release'], history: readonly HistoryEntry[], names: PlanNames): void {
  const stageStarts = new Map<string, number>();
  const stepStarts = new Map<string, number>();
  const waits = new Map<string, Wait>();
  // A rollback's cause, as the core chose it (core/rollback.ts): the region's failure, else the release's stop.
  const failures = new Map<string, string>();
  let stopCode: string | undefined;
  const budgets = new Map<string, { region: string; value: number }>();
  for (const h of history) {
    const stage = names.stage(h.stage);
    switch (h.kind) {
      case 'stage-started':
        stageStarts.set(key(h.stage), h.at);
        break;
      case 'stage-completed': {
        const at = stageStarts.get(key(h.stage));
        if (at !== undefined) m.stageDuration.observe({ stage }, seconds(Math.max(0, h.at - at)));
        break;
      }
      case 'step-started':
        stepStarts.set(key(h.region, h.step), h.at);
        break;
      case 'step-passed': {
        const at = stepStarts.get(key(h.region, h.step));
        if (at !== undefined) m.stepDuration.observe({ stage, step: names.step(h.stage, h.step) }, seconds(Math.max(0, h.at - at)));
        break;
      }
      case 'measurement': {
        if (h.gate === undefined) break;
        const gate = names.gate(h.gate);
        m.gateMeasurements.inc({ stage, gate, reason_code: codeLabel(h.reasonCode) });
        const region = names.region(h.region);
        if (stage !== OTHER && region !== OTHER && gate !== OTHER) gateValues(m, { stage, region, gate }, h.numbers ?? {});
        break;
      }
      case 'release-frozen':
      case 'freeze-lifted':
      case 'freeze-override-read': {
        // The freeze's own entries (core/freeze.ts); a hold without a read has no budget and sets nothing.
        // One series per stage: a later read replaces the last, whichever region was lowest in it.
        if (stage === OTHER || !finite(h.numbers?.budgetRemaining)) break;
        if (names.region(h.region) === OTHER) budgets.delete(stage);
        else budgets.set(stage, { region: names.region(h.region), value: h.numbers.budgetRemaining });
        break;
      }
      case 'gate-passed':
      case 'gate-failed':
      case 'gate-inconclusive':
        if (h.gate !== undefined) m.gateVerdicts.inc({ stage, gate: names.gate(h.gate), verdict: h.kind.slice('gate-'.length) });
        break;
      case 'region-failed':
        if (h.region !== undefined) failures.set(h.region, h.reasonCode);
        break;
      case 'command':
        // A retry clears the region's failure (core/retry.ts): a later rollback of it has another cause.
        if (h.reasonCode === 'retry' && h.region !== undefined) failures.delete(h.region);
        break;
      case 'release-stopped':
        stopCode = h.reasonCode;
        break;
      case 'rollback-dispatched':
        // Counted from the history, not the regions' flags: a retry clears those, and the rollback still happened.
        m.rollbacks.inc({ stage, reason_code: codeLabel((h.region !== undefined ? failures.get(h.region) : undefined) ?? stopCode) });
        break;
      case 'stage-awaiting-approval':
        waits.set(key('stage', h.stage), { at: h.at, scope: 'stage', ...(h.stage !== undefined ? { stage: h.stage } : {}) });
        break;
      case 'region-awaiting-approval':
        waits.set(key('region', h.region), {
          at: h.at,
          scope: 'region',
          ...(h.stage !== undefined ? { stage: h.stage } : {}),
          ...(h.region !== undefined ? { region: h.region } : {}),
        });
        break;
      default:
        break;
    }
    closeWaits(m, waits, h, names);
  }
  for (const [stage, b] of budgets) m.errorBudgetRemaining.set({ stage, region: b.region }, b.value);
}

const finite = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);

/**
 * A measurement's last numbers: a plain gate's value, a comparison's ratio, an slo gate's burn
 * rates. A number that is not finite (a ratio over a zero baseline) is no sample: Prometheus
 * would take +Inf or NaN as a value and a dashboard would draw it.
 */
function gateValues(m: MetricsRegistry['release'], labels: { stage: string; region: string; gate: string }, n: HistoryNumbers): void {
  if (finite(n.value)) m.gateValue.set(labels, n.value);
  if (finite(n.ratio)) m.gateComparisonRatio.set(labels, n.ratio);
  if (finite(n.burnRateShort)) m.gateBurnRate.set({ ...labels, window: 'short' }, n.burnRateShort);
  if (finite(n.burnRateLong)) m.gateBurnRate.set({ ...labels, window: 'long' }, n.burnRateLong);
}

/** A wait for a person; `stage` and `region` as the entry wrote them (matched against later entries, labelled when observed). */
interface Wait {
  at: number;
  scope: 'stage' | 'region';
  stage?: string;
  region?: string;
}

/**
 * Kinds that end a stage's or a region's wait for a person; the entry's reason code says how
 * (approved, environment-approved, approval-rejected, approval-timeout, ...). Not the `command`
 * entry before them: it says what was asked, the entry after it what came of it.
 */
const ENDS_STAGE_WAIT = new Set(['stage-approved', 'stage-started', 'release-stopped', 'release-finished']);
const ENDS_REGION_WAIT = new Set(['region-approved', 'region-failed', 'region-promoted', 'release-stopped', 'release-finished']);

function closeWaits(m: MetricsRegistry['release'], waits: Map<string, Wait>, h: HistoryEntry, names: PlanNames): void {
  for (const [k, w] of waits) {
    const releaseWide = h.kind === 'release-stopped' || h.kind === 'release-finished';
    const ends =
      w.scope === 'stage'
        ? ENDS_STAGE_WAIT.has(h.kind) && (releaseWide || h.stage === w.stage)
        : ENDS_REGION_WAIT.has(h.kind) && (releaseWide || h.region === w.region);
    if (!ends) continue;
    waits.delete(k);
    // Two invocations' clocks may disagree (another runner, a virtual clock): a wait is never negative.
    m.approvalWait.observe({ scope: w.scope, stage: names.stage(w.stage), resolution: codeLabel(h.reasonCode) }, seconds(Math.max(0, h.at - w.at)));
  }
}
