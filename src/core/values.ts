/**
 * Values the core speaks in that come from the outside world: what a metric backend said and
 * the states of a GitHub deployment. They live here, not beside the ports, because the core
 * judges and records them (events, effects, the state) and must not import the driver's layer;
 * the ports and adapters import them from here.
 */

/** What a metric backend said, before it is judged against thresholds (the core judges). */
export type Observation =
  | { kind: 'value'; value: number; detail?: string }
  /**
   * `answered`: when only some of several series (or values) had a number, the ones that did.
   * The measurement is no data, but a breach among them is still a breach (core/verdict.ts).
   */
  | { kind: 'no-data'; detail: string; answered?: number[] }
  | { kind: 'error'; message: string };

/** Good and total events of one window, as two instant reads answered them. */
export interface EventReads {
  good: Observation;
  total: Observation;
}

/**
 * What the driver read for one measurement of an slo gate: good and total events over its short
 * and long windows (four instant reads with `{{ window }}` set to each). The core judges the burn
 * rates (core/slo-gate.ts); the driver never computes them.
 */
export interface SloObservation {
  kind: 'slo';
  short: EventReads;
  long: EventReads;
}

/**
 * What a backend said for a range query (a comparison gate reads the canary and its baseline as
 * two samples over the bake window). `points` holds one value per step that had one (epoch ms of
 * the step, oldest first), so canary and baseline pair by time; steps without a finite value are
 * left out and counted in `missing`, never filled in: a judge decides what too few samples mean
 * (core/judges), so a gap is never a pass.
 */
export type SeriesObservation =
  | { kind: 'series'; points: Array<{ at: number; value: number }>; missing: number; detail?: string }
  | { kind: 'no-data'; detail: string }
  | { kind: 'error'; message: string };

/**
 * What the driver read for one look of a comparison gate: the canary's and the baseline's series
 * over the bake so far (and, with minVolume, each one's volume; a baseline given by its own query
 * has no region to read a volume for). The core pairs them by step and judges (core/compare-gate.ts).
 */
export interface ComparisonObservation {
  kind: 'comparison';
  canary: SeriesObservation;
  baseline: SeriesObservation;
  canaryVolume?: SeriesObservation;
  baselineVolume?: SeriesObservation;
}

export type DeploymentState = 'queued' | 'in_progress' | 'success' | 'failure' | 'inactive' | 'error' | 'pending';
