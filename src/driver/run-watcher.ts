/**
 * The runs in flight and when to poll them. Runs are polled on their own schedule, not on every
 * timer tick: with many regions baking at once, ticks are frequent, and polling every run on each
 * would cost O(runs) API calls per tick. The runs are kept from the events the driver feeds, so a
 * poll costs O(runs in flight), not O(regions in flight).
 */
import { approvalRunInFlight, openApprovalRun } from '../core/approval-run.js';
import { runsInFlight } from '../core/decide.js';
import type { EnvironmentReview, Event } from '../core/events.js';
import { openRun } from '../core/record-keeping.js';
import type { State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { messageOf } from '../report/message.js';
import { truncate } from '../report/text.js';
import { readRuns, type WatchedRun } from './poll-runs.js';
import type { Clock, ReviewsPort, RunInfo, RunsPort } from './ports.js';

/** A reviewer's comment is kept to this many characters: it goes into the history, which every ledger save writes. */
const REVIEW_COMMENT_MAX = 280;

/**
 * The wait before the next poll after `quiet` polls in a row in which no run finished: the base
 * interval for the first four (a deploy that fails fast is seen fast), then 1.5x, then 2x at most
 * (a long deploy is seen finishing within twice the base interval, with half the polls).
 */
export function pollDelay(base: number, quiet: number): number {
  return quiet < 4 ? base : quiet < 8 ? base * 1.5 : base * 2;
}

export interface RunWatcherOptions {
  state: State;
  plan: Plan;
  runs: Pick<RunsPort, 'readRuns'>;
  /** Who reviewed an approval run, asked once when it completed. */
  reviews: ReviewsPort;
  clock: Clock;
  /** The base poll interval. */
  base: number;
  warn: (message: string) => void;
}

export class RunWatcher {
  private readonly watched = new Map<number, WatchedRun>();
  /** A run was dispatched since the last poll: polling comes back to its base interval. */
  private newRun = false;
  /** Polls in a row in which no run finished: the interval backs off (pollDelay). */
  private quiet = 0;
  private nextAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly o: RunWatcherOptions) {
    for (const run of runsInFlight(o.state)) this.watched.set(run.runId, run);
    const approval = approvalRunInFlight(o.state);
    if (approval) this.watched.set(approval.runId, { kind: 'approval', ...approval });
  }

  /** When the next poll is due. */
  get nextPollAt(): number {
    return this.nextAt;
  }

  /** Watches a run the driver just recorded as dispatched. */
  dispatched(run: WatchedRun): void {
    this.watched.set(run.runId, run);
    this.newRun = true;
  }

  /** Told of every event the driver feeds: a run dispatched is watched from then on. */
  saw(ev: Event): void {
    if (ev.type === 'run-dispatched') this.dispatched({ region: ev.region, kind: ev.kind, step: ev.step, runId: ev.runId });
    else if (ev.type === 'approval-run-dispatched') this.dispatched({ stage: ev.stage, kind: 'approval', runId: ev.runId });
  }

  /** Whether the state still waits for `run` (it may have timed out, been cancelled or abandoned by a stop). */
  private stillOpen(run: WatchedRun): boolean {
    const { state } = this.o;
    if (run.kind === 'approval') {
      const st = state.stages.find((x) => x.name === run.stage);
      return openApprovalRun(st)?.runId === run.runId;
    }
    const region = state.regions[run.region];
    return region !== undefined && openRun(region)?.runId === run.runId;
  }

  /** Whether the runs are due to be polled now. */
  due(): boolean {
    if (this.newRun) {
      this.newRun = false;
      this.quiet = 0;
      this.nextAt = Math.min(this.nextAt, this.o.clock.now() + this.o.base);
    }
    return this.o.clock.now() >= this.nextAt;
  }

  /** Reads the runs still open (one request per workflow where the port can); resolves those that completed, in the order read. */
  async completed(): Promise<Array<{ run: WatchedRun; info: RunInfo }>> {
    const runs: WatchedRun[] = [];
    for (const run of this.watched.values()) {
      if (this.stillOpen(run)) runs.push(run);
      else this.watched.delete(run.runId);
    }
    const infos = await readRuns(this.o.runs, this.o.plan, runs, this.o.warn);
    const done: Array<{ run: WatchedRun; info: RunInfo }> = [];
    for (const { run, info } of infos) if (info?.status === 'completed') done.push({ run, info });
    return done;
  }

  /**
   * The runs that completed since the last poll, as the events the driver feeds, in the order
   * read. An approval run's event names who reviewed it; a lookup that fails names nobody (the
   * run's conclusion still decides) and is warned about.
   */
  async finishedEvents(): Promise<Event[]> {
    const events: Event[] = [];
    for (const { run, info } of await this.completed()) {
      const { conclusion } = info;
      if (run.kind !== 'approval') {
        events.push({ type: 'run-finished', at: this.o.clock.now(), region: run.region, kind: run.kind, step: run.step, runId: run.runId, conclusion });
        continue;
      }
      const reviews = await this.reviewsOf(run.runId, run.stage);
      events.push({ type: 'approval-run-finished', at: this.o.clock.now(), stage: run.stage, runId: run.runId, conclusion, ...(reviews ? { reviews } : {}) });
    }
    return events;
  }

  private async reviewsOf(runId: number, stage: string): Promise<EnvironmentReview[] | undefined> {
    try {
      const reviews = await this.o.reviews.reviewsOf(runId);
      return reviews.map((r) => ({ ...r, comment: truncate(r.comment, REVIEW_COMMENT_MAX) }));
    } catch (err) {
      this.o.warn(
        `could not read who reviewed approval run ${runId} of stage ${stage} (${messageOf(err)}); the stage is decided by how the run ended, naming no reviewer`,
      );
      return undefined;
    }
  }

  /** A poll ended; `progressed`: a run finished or a stray run was found (back to the base interval). */
  polled(progressed: boolean): void {
    this.quiet = progressed ? 0 : this.quiet + 1;
    this.nextAt = this.o.clock.now() + pollDelay(this.o.base, this.quiet);
  }
}
