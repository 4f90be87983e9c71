/**
 * A job being cancelled. The runner sends SIGINT, SIGTERM 7.5 s later, and kills the process
 * 2.5 s after that; a SIGTERM may also come alone. On the first signal nothing new starts (`stop`
 * aborts, which the driver obeys) and the state is saved once more, without the lease, within a
 * deadline that leaves time to exit: 5 s after a SIGINT, 1.5 s after a SIGTERM (a SIGTERM after a
 * SIGINT shortens what is left to 1.5 s; a loaded runner still has 1 s of the 2.5 s to exit).
 * Answers on their way when the signal came (a dispatch's run id) arrive after that save began:
 * once the driver has recorded them, within the same deadline, the state is saved again. What
 * could not be saved is said, then the process exits.
 */
import type { State } from '../core/state.js';
import { messageOf } from '../report/message.js';

/** Time the last save may take after each signal, within the runner's window. */
export const SAVE_DEADLINE_MS: Readonly<Record<'SIGINT' | 'SIGTERM', number>> = { SIGINT: 5_000, SIGTERM: 1_500 };

/** Waits between the attempts of the last save, scaled by the client's retry base (0 in virtual time). */
export const STOP_RETRY_DELAYS_S = [0.25, 0.5, 1] as const;

export interface SignalStopOptions {
  /** The last save; must give up when `deadline` aborts. */
  save: (deadline: AbortSignal) => Promise<void>;
  /**
   * Resolves once the driver has recorded every answer that was on its way when the signal came
   * (it starts nothing new); undefined when no driver is running.
   */
  settled?: () => Promise<void> | undefined;
  /** Whether the driver's state holds something the last save did not: then it is saved again. */
  changedSinceSave?: () => boolean;
  /** What the last saved state lacks, for the log when the save failed. */
  unsaved: () => string;
  log: (message: string) => void;
  warn: (message: string) => void;
  exit: (code: number) => void;
}

/** Listens for the runner's signals; `stop` is what the driver watches. */
export class SignalStop {
  private readonly stopper = new AbortController();
  readonly stop: AbortSignal = this.stopper.signal;
  private readonly deadline = new AbortController();
  private endsAt = Number.POSITIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Signals | undefined;

  constructor(private readonly opts: SignalStopOptions) {}

  /** Handles SIGINT and SIGTERM until `dispose`. */
  install(): void {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  dispose(): void {
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
  }

  /** A signal came: the process exits once the last save is done. */
  get stopping(): boolean {
    return this.first !== undefined;
  }

  /** Never settles: a caller that finds `stopping` awaits it rather than go on (publish outputs, start more). */
  readonly finished = new Promise<never>(() => undefined);

  readonly onSignal = (signal: NodeJS.Signals): void => {
    const budget = signal === 'SIGINT' ? SAVE_DEADLINE_MS.SIGINT : SAVE_DEADLINE_MS.SIGTERM;
    this.shortenTo(Date.now() + budget);
    if (this.first !== undefined) {
      this.opts.log(`${signal}: still saving; ${Math.max(0, this.endsAt - Date.now())} ms left`);
      return;
    }
    this.first = signal;
    this.opts.log(`${signal}: the job is being cancelled; starting nothing more, saving the release state and releasing the lease (within ${budget} ms)`);
    this.stopper.abort(signal);
    const code = signal === 'SIGINT' ? 130 : 143;
    void this.lastSaves()
      .then(
        (late) =>
          late
            ? this.opts.warn(
                `saved the release state on ${signal} and released the lease, but answers on their way then did not arrive within the deadline: ${this.opts.unsaved()}`,
              )
            : this.opts.log('saved the release state and released the lease'),
        (err: unknown) => this.opts.warn(`the ledger could not be saved on ${signal} (${messageOf(err)}): ${this.opts.unsaved()}`),
      )
      .finally(() => {
        if (this.timer) clearTimeout(this.timer);
        this.opts.exit(code);
      });
  };

  /**
   * Saves at once (the lease goes, whatever is in flight), then again once the driver has recorded
   * the answers that were on their way, if they changed the state. Resolves true when the deadline
   * passed before those answers arrived.
   */
  private async lastSaves(): Promise<boolean> {
    const deadline = this.deadline.signal;
    await this.opts.save(deadline);
    const settled = this.opts.settled?.();
    if (settled === undefined) return false;
    const inTime = await Promise.race([
      settled.then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => (deadline.aborted ? resolve(false) : deadline.addEventListener('abort', () => resolve(false), { once: true }))),
    ]);
    if (!inTime) return true;
    if (this.opts.changedSinceSave?.() === true) await this.opts.save(deadline);
    return false;
  }

  /** Moves the deadline earlier (never later); at the deadline the save is aborted. */
  private shortenTo(at: number): void {
    if (at >= this.endsAt) return;
    this.endsAt = at;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.deadline.abort(new Error('the deadline of the last save passed')), Math.max(0, at - Date.now()));
  }
}

/** One record of a run or deployment the saved state lacks. */
function runLabel(region: string, kind: string, runId: number, step: number): string {
  return `${kind} run ${runId} of ${region} (step ${step + 1})`;
}

/**
 * What `live` records that `saved` does not, said for a person: run ids and deployments (the
 * records a resume cannot rebuild without them), and the lease left on the ledger.
 */
export function describeUnsaved(saved: State | undefined, live: State, leaseUntil: number | undefined): string {
  const runs: string[] = [];
  const deployments: string[] = [];
  for (const r of Object.values(live.regions)) {
    const before = saved?.regions[r.name];
    for (const run of r.runs) {
      if (run.runId === undefined) continue;
      const was = before?.runs.find((x) => x.correlationId === run.correlationId);
      if (was?.runId === undefined) runs.push(runLabel(r.name, run.kind, run.runId, run.step));
    }
    if (r.deploymentId !== undefined && before?.deploymentId === undefined) deployments.push(`deployment ${r.deploymentId} of ${r.name}`);
  }
  // Requested and not answered (in flight, or stopped before it went out): no id to name.
  const asked: string[] = [];
  for (const r of Object.values(live.regions)) {
    const open = r.runs.at(-1);
    if (open && !open.done && open.runId === undefined) asked.push(`${open.kind} of ${r.name} (step ${open.step + 1})`);
  }
  const lost = [...runs, ...deployments];
  const parts = [lost.length > 0 ? `not recorded: ${lost.join(', ')}` : 'no run id or deployment is missing from the last saved state'];
  if (asked.length > 0) parts.push(`requested with no run id known yet: ${asked.join(', ')}`);
  if (runs.length > 0 || asked.length > 0)
    parts.push(
      'the next driver finds those runs by their correlation input if the plan declares one; otherwise their steps are dispatches in doubt (dispatch-in-doubt) and are not dispatched again',
    );
  parts.push(`the next driver resumes from the state saved at ${saved ? new Date(saved.now).toISOString() : 'the start'}`);
  if (leaseUntil !== undefined)
    parts.push(
      `this driver's lease stays on the ledger until ${new Date(leaseUntil).toISOString()} (a driver of another workflow run waits for it or for this run to end)`,
    );
  return `${parts.join('; ')}.`;
}
