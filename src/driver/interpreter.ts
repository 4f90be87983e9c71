/**
 * The run driver: performs the core's effects through the ports and feeds the answers back as
 * events, until the release ends, pauses for a person, or (reconcile mode) has nothing left to
 * do without waiting. The same code drives `run`, `reconcile` and `simulate`; only the ports differ.
 */
import { advance, nextWakeAt } from '../core/decide.js';
import type { Event } from '../core/events.js';
import { initialState, type HistoryEntry, type State } from '../core/state.js';
import { InboxReader, mergeGiven } from './inbox-reader.js';
import { handOverDoubts, takeStrays } from './doubts.js';
import { EffectQueue } from './effect-queue.js';
import { LedgerSaver } from './ledger-saver.js';
import type { EffectEnv } from './perform.js';
import { RunWatcher } from './run-watcher.js';
import type { RunDecision, RunReleaseOptions, RunReleaseResult } from './run-options.js';

export { pollDelay } from './run-watcher.js';

export type { RunDecision, RunReleaseOptions, RunReleaseResult } from './run-options.js';

const DEFAULT_POLL_MS = 15_000;

/** Runs (or resumes, or reconciles) one release. Never throws for port errors: they become events. */
export async function runRelease(opts: RunReleaseOptions): Promise<RunReleaseResult> {
  return new ReleaseDriver(opts).run();
}

/**
 * One driver run: the state it drives, the events it feeds, and the parts that perform effects
 * (EffectQueue), poll runs (RunWatcher) and save the ledger (LedgerSaver).
 */
class ReleaseDriver {
  // The driver owns its copy: `advance` mutates it, which keeps each event O(1) in release size.
  private readonly state: State;
  private readonly events: Event[] = [];
  private reported: number;
  private readonly env: EffectEnv;
  private readonly watcher: RunWatcher;
  private readonly saver: LedgerSaver;
  private readonly queue: EffectQueue;
  private readonly inbox: InboxReader;
  // A tick at the same time is repeated only if the last one changed something: no spinning.
  private lastTick = { at: Number.NEGATIVE_INFINITY, history: -1 };
  // When the inbox is read next (mode run), and since when this driver waits for a person.
  private waitingSince: number | undefined;
  private lastLook = false;

  constructor(private readonly opts: RunReleaseOptions) {
    const { plan, ports } = opts;
    const state = opts.state ? structuredClone(opts.state) : initialState(plan, opts.releaseId, opts.version);
    this.state = state;
    this.reported = state.history.length;
    const warn = opts.onWarning ?? (() => {});
    this.env = { plan, ports, ref: opts.ref, state, warn };
    opts.onState?.(state);
    this.watcher = new RunWatcher({
      state,
      plan,
      runs: ports.runs,
      reviews: ports.reviews,
      clock: ports.clock,
      base: opts.pollIntervalMs ?? DEFAULT_POLL_MS,
      warn,
    });
    this.saver = new LedgerSaver({
      ledger: ports.ledger,
      plan,
      state,
      warn,
      stopped: this.stopped,
      ...(opts.summarize ? { summarize: opts.summarize } : {}),
      ...(opts.onSave ? { onSave: opts.onSave } : {}),
      waitsForPeople: opts.mode === 'run' && opts.inboxWorkflow !== undefined && (opts.waitForPeopleMs ?? 0) > 0,
      now: () => ports.clock.now(),
    });
    this.inbox = new InboxReader({
      ports,
      plan,
      state,
      workflow: opts.inboxWorkflow,
      everyMs: opts.pollIntervalMs ?? DEFAULT_POLL_MS,
      initiator: opts.initiator,
      warn,
    });
    this.queue = new EffectQueue({ env: this.env, save: () => this.saver.save(), feed: this.feed, stopped: this.stopped });
  }

  private readonly stopped = (): boolean => this.opts.stop?.aborted === true;

  private readonly feed = (ev: Event): void => {
    const { state, opts } = this;
    if (opts.recordEvents ?? true) this.events.push(ev);
    this.watcher.saw(ev);
    this.queue.push(advance(state, ev, opts.plan).effects);
    if (opts.onTransition) while (this.reported < state.history.length) opts.onTransition(state.history[this.reported++] as HistoryEntry);
    else this.reported = state.history.length;
  };

  async run(): Promise<RunReleaseResult> {
    const { opts, state } = this;
    const { clock } = opts.ports;
    // A state that never started (the claim of a new release saved it) starts; any other resumes.
    const resuming = opts.state !== undefined && opts.state.status !== 'pending';
    if (resuming) handOverDoubts(state, opts.plan, opts.ports.doubts);
    const untilStopped = this.listenForStop();
    if (this.stopped()) return this.cancelled();
    this.feed(
      resuming ? { type: 'resumed', at: clock.now() } : { type: 'started', at: clock.now(), ...(opts.initiator !== undefined ? { by: opts.initiator } : {}) },
    );
    // Commands given while an earlier driver held the release, which it did not take before it
    // stopped, and this run's own: taken in the order they were given (oldest run first).
    const given = opts.inbox ?? [];
    // Judged from the saved state's time on: a command given before a deadline the saved state had not reached counts.
    const waiting = resuming ? await this.inbox.events(opts.state?.now) : [];
    const inbox = mergeGiven(given, waiting);
    this.inbox.scheduleNext();
    const authorized = opts.inboxAuthorized || inbox.length === 0 ? inbox : await this.inbox.authorize(inbox);
    if (this.stopped()) return this.cancelled();
    const before = state.history.length;
    for (const ev of authorized) this.feed(ev);
    if (opts.goOnAfterInbox && !opts.goOnAfterInbox(state.history.slice(before))) {
      // Refused: nothing more is driven, but what resuming (and the timers due) already asked for
      // is done, or the ledger would hold a dispatch decided and never sent.
      await this.queue.drain();
      return this.finish();
    }
    return (await this.loop(untilStopped)) ?? this.finish();
  }

  /** Reads the inbox when it is due and feeds what it holds for this release; whether anything was fed. */
  private async readInbox(): Promise<boolean> {
    const events = await this.inbox.read();
    if (this.stopped() || events.length === 0) return false;
    for (const ev of events) this.feed(ev);
    return true;
  }

  /** The history says the job was cancelled, once; resolves when it is. */
  private listenForStop(): Promise<void> {
    const { stop, ports } = this.opts;
    const onStop = (): void => this.feed({ type: 'cancelled', at: ports.clock.now(), reason: String(stop?.reason ?? 'stopped') });
    if (stop?.aborted) onStop();
    else stop?.addEventListener('abort', onStop, { once: true });
    return new Promise<void>((resolve) => (stop?.aborted ? resolve() : stop?.addEventListener('abort', () => resolve(), { once: true })));
  }

  /** Drives until the release ends or pauses, or (reconcile) has nothing left to do without waiting: undefined; or returns why it stopped early. */
  private async loop(untilStopped: Promise<void>): Promise<RunReleaseResult | undefined> {
    const { state, opts } = this;
    for (;;) {
      await this.queue.drain();
      if (this.stopped()) return this.cancelled();
      if (this.queue.unsaved !== undefined) return this.result('failed', 'ledger-save-failed', this.queue.unsaved);
      const waited = state.status === 'paused';
      const settled = state.status === 'finished' || (waited && (await this.waitForPeople(untilStopped)) === 'stop');
      if (this.stopped()) return this.cancelled();
      if (settled) {
        // A last look at the inbox (mode run): a command given just before the end is taken (a
        // rollback of the promoted release, or a refusal on record) rather than left unanswered.
        if (opts.mode !== 'run' || this.lastLook || !(await this.readInbox())) return undefined;
        this.lastLook = true;
        continue;
      }
      // A wait that ended (a command, a timer such as a held freeze's re-read) may have left effects
      // queued: drain them before judging that nothing is left to wait for.
      if (waited) continue;
      this.waitingSince = undefined;
      this.lastLook = false;
      // Still failing: the driver goes on (nothing irreversible waits on it); next wake-up, again.
      if (this.saver.error !== undefined) await this.saver.save();
      if (this.stopped()) return this.cancelled();
      const polled = await this.poll();
      if (polled === 'stopped') return this.cancelled();
      if (polled === 'progressed') continue;
      const now = opts.ports.clock.now();
      const wake = nextWakeAt(state);
      if (this.tick(now, wake)) continue;
      if (opts.mode === 'reconcile') return undefined;
      if (now >= this.inbox.nextAt && (await this.readInbox())) continue;
      const stalled = await this.sleep(now, wake, untilStopped);
      if (stalled) return stalled;
    }
  }

  /** Polls the runs in flight when due, and looks for stray runs; says whether anything came of it. */
  private async poll(): Promise<'not-due' | 'quiet' | 'progressed' | 'stopped'> {
    if (!this.watcher.due()) return 'not-due';
    const { clock, doubts } = this.opts.ports;
    const finished = await this.watcher.finishedEvents();
    if (this.stopped()) return 'stopped';
    let progressed = false;
    for (const ev of finished) {
      this.feed(ev);
      progressed = true;
    }
    if (await takeStrays(doubts, clock, this.feed, this.env.warn)) progressed = true;
    this.watcher.polled(progressed);
    return progressed ? 'progressed' : 'quiet';
  }

  /** Fires the timers due at `now`; whether it did. */
  private tick(now: number, wake: number | undefined): boolean {
    const { state } = this;
    if (wake === undefined || wake > now || (now <= this.lastTick.at && state.history.length <= this.lastTick.history)) return false;
    this.feed({ type: 'timer-fired', at: now });
    // Measured after the tick: whatever its effects' answers add (a catch-up measurement after
    // a resume, due again at this same time) allows one more tick at this time.
    this.lastTick = { at: now, history: state.history.length };
    return true;
  }

  /** Sleeps until the next timer or poll (or the stop); returns why the driver stops if there is nothing to wait for. */
  private async sleep(now: number, wake: number | undefined, untilStopped: Promise<void>): Promise<RunReleaseResult | undefined> {
    const { state } = this;
    // Every run in flight has a deadline timer, so no timer at all means nothing can happen by waiting.
    const due = wake !== undefined && wake > now ? Math.min(wake, this.watcher.nextPollAt) : Number.POSITIVE_INFINITY;
    const target = this.inbox.enabled && due !== Number.POSITIVE_INFINITY ? Math.min(due, Math.max(this.inbox.nextAt, now + 1)) : due;
    if (target === Number.POSITIVE_INFINITY) {
      // Nothing to wait for, yet not finished nor paused: a bug in the core. Say so rather than spin.
      this.env.warn(`release ${state.releaseId} has nothing to wait for but is ${state.status}; stopping the driver`);
      await this.saver.save();
      return this.result('failed', 'engine-stalled', `nothing to wait for while ${state.status}`);
    }
    const renew = this.opts.leaseRenewMs;
    if (renew !== undefined && now - this.saver.lastSentAt >= renew) {
      // The adapter skips a write identical to the last one unless the lease needs renewing: cheap.
      await this.saver.save();
      return undefined;
    }
    const until = renew !== undefined ? Math.min(target, this.saver.lastSentAt + renew) : target;
    await Promise.race([this.opts.ports.clock.sleepUntil(Math.max(until, now + 1)), untilStopped]);
    return undefined;
  }

  /**
   * The release waits for a person. Mode run with wait-for-people: wait in the job, reading the
   * inbox every poll interval and firing the timers (an approval's deadline) as they fall due,
   * until a command moves the release or the wait is used up ('stop': save and return paused).
   */
  private async waitForPeople(untilStopped: Promise<void>): Promise<'again' | 'stop'> {
    const { opts, state } = this;
    const { clock } = opts.ports;
    const limit = opts.mode === 'run' && opts.inboxWorkflow !== undefined ? (opts.waitForPeopleMs ?? 0) : 0;
    const now = clock.now();
    this.waitingSince ??= now;
    if (now - this.waitingSince >= limit) return 'stop';
    // Saved holding the lease (renewed as it runs down): a command run then hands its command over instead of driving beside this one.
    await this.saver.save();
    const wake = nextWakeAt(state);
    if (this.tick(now, wake)) return 'again';
    if (now >= this.inbox.nextAt && (await this.readInbox())) return 'again';
    const until = Math.min(this.inbox.nextAt, this.waitingSince + limit, wake !== undefined && wake > now ? wake : Number.POSITIVE_INFINITY);
    await Promise.race([clock.sleepUntil(Math.max(until, now + 1)), untilStopped]);
    return 'again';
  }

  /** The driver stops: a last look for strays, the last save, what is still in doubt, the result. */
  private async finish(): Promise<RunReleaseResult> {
    const { state } = this;
    const { clock, doubts } = this.opts.ports;
    // A last look for runs of doubtful dispatches before the driver goes (a late deploy run is
    // cancelled even after the end); what is still in doubt is said below.
    if (doubts.openDoubts().length > 0 && (await takeStrays(doubts, clock, this.feed, this.env.warn))) await this.queue.drain();
    if (this.stopped()) return this.cancelled();
    await this.saver.save(true);
    const inDoubt = doubts.openDoubts();
    if (inDoubt.length > 0) {
      this.env.warn(
        `dispatches whose runs were never seen (${inDoubt.join(', ')}) may still start a run: check the workflow's runs and cancel any that carry these ids`,
        'person',
      );
    }
    if (state.status === 'finished' && state.outcome) {
      return this.result(state.outcome.decision, state.outcome.reasonCode, state.outcome.reason);
    }
    if (state.status === 'paused') {
      return this.result('paused', state.pause?.reasonCode ?? 'paused', state.pause?.reason ?? 'waiting for a person');
    }
    const wake = nextWakeAt(state);
    return this.result('continue', 'waiting', wake !== undefined ? `next check due at ${new Date(wake).toISOString()}` : 'waiting for runs to finish');
  }

  private cancelled(): RunReleaseResult {
    return this.result('continue', 'cancelled', `the job was cancelled (${String(this.opts.stop?.reason ?? 'stopped')}); nothing was started after it`);
  }

  /** The driver's result; what it says about the last save (the driver stops after it) is what the ledger keeps. */
  private result(decision: RunDecision, reasonCode: string, reason: string): RunReleaseResult {
    return { state: this.state, decision, reasonCode, reason, events: this.events, ...this.saver.outcome() };
  }
}
