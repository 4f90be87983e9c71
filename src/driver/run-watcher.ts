/**
 * The runs in flight and when to poll them. Runs are polled on their own schedule, not on every
 * timer tick: with many regions baking at once, ticks are frequent, and polling every run on each
 * would cost O(runs) API calls per tick. The runs are kept from the events the driver feeds, so a
 * poll costs O(runs in flight), not O(regions in flight).
 */
import { runsInFlight } from '../core/decide.js';
import { openRun } from '../core/record-keeping.js';
import type { State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { readRuns, type WatchedRun } from './poll-runs.js';
import type { Clock, RunInfo, RunsPort } from './ports.js';

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
      // Still the region's open run? (It may have timed out, been cancelled or abandoned by a stop.)
      const region = this.o.state.regions[run.region];
      if (region && openRun(region)?.runId === run.runId) runs.push(run);
      else this.watched.delete(run.runId);
    }
    const infos = await readRuns(this.o.runs, this.o.plan, runs, this.o.warn);
    const done: Array<{ run: WatchedRun; info: RunInfo }> = [];
    for (const { run, info } of infos) if (info?.status === 'completed') done.push({ run, info });
    return done;
  }

  /** A poll ended; `progressed`: a run finished or a stray run was found (back to the base interval). */
  polled(progressed: boolean): void {
    this.quiet = progressed ? 0 : this.quiet + 1;
    this.nextAt = this.o.clock.now() + pollDelay(this.o.base, this.quiet);
  }
}
