/**
 * The resolved release plan: defaults applied, durations in milliseconds. This is what the
 * engine, the drivers and the adapters consume; nothing downstream reads the raw YAML.
 */
import type { ProviderInput } from './schema.js';
import type { Bound } from './tolerance.js';

export type OnNoData = 'inconclusive' | 'fail' | 'pass' | 'wait';
export type Reducer = 'sum' | 'avg' | 'max' | 'min' | 'last';

/** A place in the plan file, for annotations (1-based line and column). */
export interface SourcePos {
  line: number;
  col: number;
}

export interface WorkflowSpec {
  workflow: string;
  /** undefined: the ref that started the release. */
  ref?: string;
  inputs: Record<string, string>;
  timeoutMs: number;
  correlationInput?: string;
}

export interface Gate {
  name: string;
  provider: string;
  query?: string;
  url?: string;
  method: 'GET' | 'POST';
  body?: string;
  path?: string;
  reduce?: Reducer;
  min?: number;
  max?: number;
  intervalMs: number;
  windowMs: number;
  /** undefined: as many intervals as fit in the bake. */
  count?: number;
  initialDelayMs: number;
  failureLimit: number;
  inconclusiveLimit: number;
  consecutiveErrorLimit: number;
  onNoData: OnNoData;
  /** A comparison gate: judged on the canary's and the baseline's samples over the bake, not on min/max. */
  compare?: Comparison;
  /** Steps whose volume (canary or baseline) is below `min` are no data. */
  minVolume?: { query: string; min: number };
  /** An SLO gate: judged by burn rate (core/slo-gate.ts); then `query`, `min` and `max` are absent. */
  slo?: SloSpec;
  pos?: SourcePos;
}

/** A comparison gate's settings, resolved (src/core/compare-gate.ts judges them). */
export interface Comparison {
  /** The baseline: a region of the plan (the gate's query rendered for it) or a query of its own. */
  baseline: { region: string } | { query: string };
  judge: 'mann-whitney' | 'ratio';
  direction: 'increase' | 'decrease' | 'either';
  /** The fail bounds the direction needs: `max` for increase, `min` for decrease, both for either. */
  max?: Bound;
  min?: Bound;
  /** A pass must be shown within these (default: max and min); between them and the fail bounds, inconclusive. */
  passMax?: Bound;
  passMin?: Bound;
  /** 0.98 for 98%. */
  confidence: number;
  minSamples: number;
  sequential: boolean;
  promoteEarly: boolean;
  /** promoteEarly written as a duration: no early pass before this much of the bake (initialDelay + looks × interval); unset: a third of its looks. */
  promoteEarlyAfterMs?: number;
}

/** An SLO gate's resolved words (plan/semantic-slo.ts checks them). */
export interface SloSpec {
  good: string;
  total: string;
  /** A fraction strictly between 0 and 1 (99.9% is 0.999). */
  objective: number;
  shortMs: number;
  longMs: number;
  /** A measurement fails when both windows burn faster than this. */
  factor: number;
}

/** The release freeze: no release (or, with beforeEachStage, no stage) starts while an SLO's budget is below the floor. */
export interface Freeze {
  /** The slo gate whose good/total queries count the budget. */
  slo: string;
  periodMs: number;
  /** A fraction from 0 to 1 of the budget that must remain. */
  floor: number;
  /** The regions read; undefined: the regions of the stage about to start. */
  regions?: string[];
  beforeEachStage: boolean;
}

export interface Step {
  traffic: number;
  bakeMs: number;
}

export interface StageApproval {
  timeoutMs: number;
  users: string[];
  teams: string[];
  /**
   * Approved through GitHub's own Environment reviewers, not by a command: the approval workflow
   * (`workflow`) is dispatched, its job targets `name`, and the stage starts when that run
   * succeeds. `users`/`teams` are then empty (the environment's reviewers decide).
   */
  environment?: { name: string; workflow: string };
}

export interface Stage {
  name: string;
  regions: string[];
  maxParallel: number;
  steps: Step[];
  gates: string[];
  approval?: StageApproval;
  failureBudget: number;
  pos?: SourcePos;
}

export type Provider = ProviderInput & { name: string; timeoutMs: number };

export interface Approvals {
  minPermission: 'read' | 'triage' | 'write' | 'maintain' | 'admin';
  users: string[];
  teams: string[];
  allowSelfApproval: boolean;
  timeoutMs: number;
}

export interface Plan {
  name: string;
  /** Path of the plan file as given, for annotations. */
  file: string;
  variables: Record<string, string>;
  deploy: WorkflowSpec;
  rollback?: WorkflowSpec & { scope: 'region' | 'touched' };
  environment: string;
  providers: Record<string, Provider>;
  gates: Record<string, Gate>;
  stages: Stage[];
  approvals: Approvals;
  freeze?: Freeze;
}
