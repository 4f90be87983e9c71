/**
 * The engine state: plain, versioned JSON (it is saved in the ledger and read back by another
 * job, possibly a newer version of this code). Timestamps come from events, never from a clock.
 * `history` is append-only: every verdict and transition with its reason and numbers.
 */
import { planPin, type PlanPin } from '../plan/pin.js';
import type { Plan } from '../plan/types.js';
import type { DeploymentState } from './values.js';
import type { Decision } from './effects.js';
import type { RunKind } from './events.js';
import type { Timer } from './timers.js';
import type { HistoryEntry } from './history.js';
import type { FreezeOverride, FreezeState } from './freeze-record.js';

export const SCHEMA_VERSION = 2 as const;

/** The conclusion of a run the driver never dispatched (it halted first): nothing ran, nothing is in doubt. */
export const NOT_DISPATCHED = 'not-dispatched';

export type RegionPhase = 'pending' | 'deploying' | 'baking' | 'awaiting-approval' | 'promoted' | 'failed' | 'rolling-back' | 'rolled-back' | 'skipped';

export type StagePhase = 'pending' | 'awaiting-approval' | 'running' | 'done' | 'stopped';

export type GateStatus = 'measuring' | 'passed' | 'failed' | 'inconclusive';

/** Counters of one gate during one bake (one region, one step). */
export interface GateCounters {
  /** Measurements that count towards `target`: successful + failed + inconclusive (errors are retried, not counted). */
  measurements: number;
  successful: number;
  failed: number;
  inconclusive: number;
  errors: number;
  consecutiveErrors: number;
  /**
   * Answers in a row without a value (no data, part of the data, backend errors): more than
   * `consecutiveErrorLimit` fail the gate. Absent in counters saved before it existed: 0.
   */
  consecutiveNoData?: number;
  /** `onNoData: wait` answers, which are measured again without counting. */
  noDataWaits: number;
  /** Measurements this gate needs in this bake. */
  target: number;
  status: GateStatus;
  /** When the next measurement is due (epoch ms). */
  nextAt: number;
  /** A query for this gate is out and its answer not back yet. */
  awaiting: boolean;
  /** Why the gate failed or turned inconclusive: the reason its region fails or is held with. */
  verdict?: { reasonCode: string; reason: string };
  /**
   * The gate held its region for missing data: it is still measured while the region waits for
   * a person, so missing data that persists fails it; a value ends this (the region stays held).
   */
  measureWhileHeld?: true;
  /** A comparison gate shown within its tolerance before the bake's end (promoteEarly): the bake may end when every gate has passed. */
  passedEarly?: true;
}

export interface BakeState {
  startedAt: number;
  endsAt: number;
  gates: Record<string, GateCounters>;
}

export interface RunRecord {
  kind: RunKind;
  step: number;
  /** The region's attempt this run belongs to (absent: 0, the first); its correlation id says it too. */
  attempt?: number;
  correlationId: string;
  dispatchedAt: number;
  deadline: number;
  runId?: number;
  htmlUrl?: string;
  conclusion?: string | null;
  /** The run is no longer watched (finished, timed out, failed to dispatch, or cancelled). */
  done: boolean;
}

/**
 * The longest deployment-status description the state keeps. A bound of the state's own: a
 * failure reason can run to hundreds of characters, and each region's wanted status is written
 * into every ledger save. It equals GitHub's limit (github/deployments.ts) and cuts the same way,
 * so the adapter's cut never changes a stored description, and the ledger holds the same text as
 * every earlier version wrote (a status re-sent on resume says what the first send said).
 */
export const STATUS_DESCRIPTION_MAX = 140;

export interface DeploymentStatusRecord {
  state: DeploymentState;
  /** The step (0-based) the status speaks for: a region's one deployment is in progress once per step. */
  step: number;
  /** At most STATUS_DESCRIPTION_MAX UTF-16 units (deploymentStatus in deployment-records.ts cuts it). */
  description: string;
  runUrl?: string;
  /** The last status GitHub accepted for this deployment (deployment-status-set), as `state@step`. */
  confirmed?: string;
}

/**
 * Step numbers: every `step` field in the state, the events, the effects and the history is a
 * 0-based index into the stage's steps (correlation ids and deployment keys use it too, so it
 * must not change). Every text people read (reasons, descriptions, summaries) says `step n`
 * 1-based, as the tables do.
 */
export interface RegionState {
  name: string;
  /** Index of the region's stage in the plan. */
  stage: number;
  phase: RegionPhase;
  /** Current (or last reached) step index. */
  step: number;
  /**
   * How many times a person retried this region (absent: 0). Each attempt's runs carry their own
   * correlation ids (plan/ids.ts), so a retry is a new dispatch and never the old one again.
   */
  attempt?: number;
  /** Order in which the release first touched this region (deploy dispatched), for newest-first rollback. */
  touchedSeq?: number;
  runs: RunRecord[];
  /**
   * The region's GitHub Deployment for this release. One per region, not per step: its statuses
   * follow the steps (in_progress once per step, with that step's run as log_url), which keeps
   * the Environments page to one entry per release and saves a deployment and two statuses per
   * extra step (docs/benchmarks.md, GitHub).
   */
  deploymentId?: number;
  /**
   * The latest deployment status the core wants (recorded even before the deployment exists)
   * and the latest one GitHub confirmed: a resume re-sends what differs, so a status lost in a
   * crash is not lost for good.
   */
  deploymentStatus?: DeploymentStatusRecord;
  bake?: BakeState | undefined;
  /** Set when the region failed (kept after it is rolled back): why. */
  failure?: { reasonCode: string; reason: string; at: number };
  /** A person is asked to decide on this region (an inconclusive gate). */
  approval?: { requestedAt: number; deadline: number; reasonCode: string; reason: string } | undefined;
  rollbackDispatched: boolean;
  rollbackFailed: boolean;
  /** Why a region was left alone (never started, or halted when the release stopped). */
  skippedReason?: string;
  startedAt?: number;
  finishedAt?: number;
  /** When this region's timer is due (valid heap entry), if it has one. */
  wakeAt?: number | undefined;
}

export interface StageState {
  name: string;
  phase: StagePhase;
  /** Next region (index into the stage's regions) to start. */
  cursor: number;
  /** Regions of this stage that failed (counted against the failure budget). */
  failed: number;
  approval?: { requestedAt: number; deadline: number; by?: string; at?: number; decision?: 'approve' | 'reject' };
  /** The approval run, when GitHub Environment reviewers approve this stage (plan `approval.environment`). */
  approvalRun?: ApprovalRun;
}

/**
 * The approval run of a stage approved by GitHub Environment reviewers (plan `approval.environment`):
 * dispatched once when the stage is entered, watched like a deploy run, its end the stage's decision.
 */
export interface ApprovalRun {
  correlationId: string;
  dispatchedAt: number;
  runId?: number;
  htmlUrl?: string;
  conclusion?: string | null;
  /** No longer watched (finished, failed to dispatch, or cancelled). */
  done: boolean;
}

export type { HistoryEntry, HistoryKind, HistoryNumbers } from './history.js';
export type { FreezeOverride, FreezeState } from './freeze-record.js';

export type ReleaseStatus = 'pending' | 'running' | 'paused' | 'stopping' | 'finished';

export interface State {
  schemaVersion: typeof SCHEMA_VERSION;
  releaseId: string;
  version: string;
  planName: string;
  status: ReleaseStatus;
  initiator?: string;
  startedAt?: number;
  /** Time of the last event applied. */
  now: number;
  /** Index of the current stage. */
  stage: number;
  stages: StageState[];
  regions: Record<string, RegionState>;
  /** Regions with work in flight (deploying, baking, rolling back, or held for a person), as a set in start order. */
  active: Record<string, true>;
  /** Regions per phase, kept by setPhase: status checks and summaries without scanning every region. */
  counts: Record<RegionPhase, number>;
  /** Region timers (see timers.ts): what a timer tick looks at. */
  timers: Timer[];
  /** Counter for touchedSeq. */
  touchCount: number;
  /** A person paused the release (`pause` command): no new step or region starts until `resume`. */
  hold?: { by: string; at: number; reason: string } | undefined;
  /**
   * The release is stopping: regions are being rolled back one at a time, newest first. (Ledgers
   * saved before may also carry `current`, the rollback in flight: now read off the phases.)
   */
  stop?: { reasonCode: string; reason: string; at: number; queue: string[] } | undefined;
  /**
   * A person aborted while the release was held for its plan (`planChanged`): the stop waits for a
   * plan the state can be driven by (restored, or adopted), since rolling back under a plan the
   * regions were not deployed with could name the wrong stages, steps and workflow (commands.ts).
   */
  abortRequested?: { by: string; at: number; reason: string } | undefined;
  /** Why the release waits for a person (status paused). */
  pause?: { reasonCode: string; reason: string } | undefined;
  outcome?: { decision: Decision; reasonCode: string; reason: string; at: number };
  /**
   * The plan the release was started with (or last adopted): a resume under a plan with another
   * digest stops (`planChanged`). Optional, without a schema bump: a state saved before pins
   * existed is pinned on its first resume if it matches the plan (src/core/plan-pin.ts).
   */
  pin?: PlanPin;
  /**
   * The plan given on resume differs from `pin` (or, `state-plan-mismatch`, the state names what
   * its plan lacks): nothing moves until the plan is restored or a person adopts it.
   */
  planChanged?: { reasonCode: 'plan-changed' | 'state-plan-mismatch'; digest: string; reason: string; at: number } | undefined;
  /**
   * The command runs this release has taken (accepted or refused), as commandRunKey
   * (`<run id>.<attempt>`), in the order taken: a driver reading its inbox skips them, so no
   * command is applied twice, and none is lost when the driver that was given it stopped first.
   * Optional, without a schema bump: absent in states saved before commands came by run.
   */
  commandRuns?: string[];
  /**
   * The freeze (core/freeze.ts): the error budget is being read before stage `stage` starts, or it
   * held the release (`held`, with why). Optional, without a schema bump: absent with no freeze.
   */
  freeze?: FreezeState | undefined;
  /** Stages the freeze let start (budget above the floor, or overridden): not read again. */
  freezeCleared?: number[];
  /** Who overrode the freeze, when, for which stage and what it overrode: for the ledger and the audit. */
  freezeOverrides?: FreezeOverride[];
  history: HistoryEntry[];
}

/** The state before the `started` event: every region pending. Region names are unique in a valid plan. */
export function initialState(plan: Plan, releaseId: string, version: string): State {
  const regions: Record<string, RegionState> = {};
  plan.stages.forEach((stage, index) => {
    for (const name of stage.regions) {
      regions[name] = { name, stage: index, phase: 'pending', step: 0, runs: [], rollbackDispatched: false, rollbackFailed: false };
    }
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    releaseId,
    version,
    planName: plan.name,
    status: 'pending',
    now: 0,
    stage: 0,
    stages: plan.stages.map((s) => ({ name: s.name, phase: 'pending', cursor: 0, failed: 0 })),
    regions,
    active: {},
    counts: {
      pending: Object.keys(regions).length,
      deploying: 0,
      baking: 0,
      'awaiting-approval': 0,
      promoted: 0,
      failed: 0,
      'rolling-back': 0,
      'rolled-back': 0,
      skipped: 0,
    },
    timers: [],
    touchCount: 0,
    pin: planPin(plan),
    history: [],
  };
}

/** A region working on a step (deploying, baking, or held for a person): what a failure or a stop interrupts. */
export function isInStep(phase: RegionPhase): boolean {
  return phase === 'deploying' || phase === 'baking' || phase === 'awaiting-approval';
}

/** Phases that keep a region in `active`. */
export function isActivePhase(phase: RegionPhase): boolean {
  return phase === 'deploying' || phase === 'baking' || phase === 'rolling-back' || phase === 'awaiting-approval';
}
