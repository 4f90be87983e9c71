/**
 * The run driver: performs the core's effects through the ports and feeds the answers back as
 * events, until the release ends, pauses for a person, or (reconcile mode) has nothing left to
 * do without waiting. The same code drives `run`, `reconcile` and `simulate`; only the ports differ.
 */
import { advance, nextWakeAt, runsInFlight } from '../core/decide.js';
import { openRun, runCanBeFound } from '../core/regions.js';
import { IRREVERSIBLE, type Effect } from '../core/effects.js';
import type { Event } from '../core/events.js';
import { initialState, type HistoryEntry, type State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { authorizeInbox } from './authorize.js';
import { annotationsFor, defaultSummary, ledgerStatus } from './ledger.js';
import { performEffect, type EffectEnv } from './perform.js';
import { readRuns, type WatchedRun } from './poll-runs.js';
import type { DriverPorts, LedgerWrite } from './ports.js';

export type RunDecision = 'promoted' | 'rolled-back' | 'paused' | 'failed' | 'continue';

export interface RunReleaseOptions {
  plan: Plan;
  version: string;
  releaseId: string;
  /** Ref the release runs from: workflows are dispatched on it unless the plan names one. */
  ref: string;
  ports: DriverPorts;
  /** run: loop (sleeping on the clock) until the release ends or pauses; reconcile: advance what needs no waiting, then return. */
  mode: 'run' | 'reconcile';
  /** A state loaded from the ledger: resume it (runs in flight are polled, never re-dispatched); one still `pending` is started. */
  state?: State;
  /** Who started the release (recorded; self-approval is checked by the adapter). */
  initiator?: string;
  /** Called for every history entry as it is appended. */
  onTransition?: (entry: HistoryEntry) => void;
  /**
   * Approvals and commands from people, fed after start/resume. Each is checked against the plan's
   * approvers and the author's repository permission (GitHubPort.permissionOf) unless
   * `inboxAuthorized` says the adapter already did; denied ones are recorded, not applied.
   */
  inbox?: Event[];
  inboxAuthorized?: boolean;
  /** Port failures that change no decision (deployment records, cancels): for logs. */
  onWarning?: (message: string) => void;
  /** How often runs in flight are polled (default 15 s). */
  pollIntervalMs?: number;
  /** Keep the fed events in the result (default true); off saves memory on very large simulations. */
  recordEvents?: boolean;
  /** Ledger summary (markdown) for people; the default is short and cheap. */
  summarize?: (state: State, plan: Plan) => string;
  /**
   * Aborted when the job is being cancelled (a signal): from then on the driver starts nothing (no
   * effect, no save, no poll) and returns; answers already on their way are still recorded in the
   * state, which the caller saves (see `onState`). The history says the job was cancelled.
   */
  stop?: AbortSignal;
  /** Handed the state the driver drives (it keeps changing), once, before anything is done: what a signal saves. */
  onState?: (state: State) => void;
}

export interface RunReleaseResult {
  state: State;
  decision: RunDecision;
  reasonCode: string;
  reason: string;
  /** Every event fed to the core, in order: replaying them from the initial state gives `state` (empty when recordEvents is false). */
  events: Event[];
  /**
   * Whether the driver's last save reached the ledger. False: the ledger still holds an earlier
   * state (a finished release may show in progress, under this driver's lease, until it expires),
   * and `ledgerError` says why; the caller must say so loudly (docs/engine.md).
   */
  ledgerSaved: boolean;
  ledgerError?: string;
}

const DEFAULT_POLL_MS = 15_000;

/**
 * The wait before the next poll after `quiet` polls in a row in which no run finished: the base
 * interval for the first four (a deploy that fails fast is seen fast), then 1.5x, then 2x at most
 * (a long deploy is seen finishing within twice the base interval, with half the polls).
 */
export function pollDelay(base: number, quiet: number): number {
  return quiet < 4 ? base : quiet < 8 ? base * 1.5 : base * 2;
}

/** Runs (or resumes, or reconciles) one release. Never throws for port errors: they become events. */
export async function runRelease(opts: RunReleaseOptions): Promise<RunReleaseResult> {
  const { plan, ports } = opts;
  const { clock, doubts, ledger } = ports;
  // The driver owns its copy: `advance` mutates it, which keeps each event O(1) in release size.
  const state: State = opts.state ? structuredClone(opts.state) : initialState(plan, opts.releaseId, opts.version);
  const events: Event[] = [];
  let pending: Effect[] = [];
  let reported = state.history.length;
  const env: EffectEnv = { plan, ports, ref: opts.ref, state, warn: opts.onWarning ?? (() => {}) };
  opts.onState?.(state);
  const stop = opts.stop;
  const stopped = (): boolean => stop?.aborted === true;

  const record = opts.recordEvents ?? true;
  /** A run was dispatched since the last poll: polling comes back to its base interval. */
  let newRun = false;
  // Runs to poll, kept from the events the driver feeds: polling costs O(runs in flight), not O(regions in flight).
  const watched = new Map<number, WatchedRun>();
  for (const run of runsInFlight(state)) watched.set(run.runId, run);
  const feed = (ev: Event): void => {
    if (record) events.push(ev);
    if (ev.type === 'run-dispatched') {
      watched.set(ev.runId, { region: ev.region, kind: ev.kind, step: ev.step, runId: ev.runId });
      newRun = true;
    }
    for (const e of advance(state, ev, plan).effects) pending.push(e);
    if (opts.onTransition) while (reported < state.history.length) opts.onTransition(state.history[reported++] as HistoryEntry);
    else reported = state.history.length;
  };
  /**
   * Why the latest save failed (undefined: it did not). The state on record is then older than the
   * one driven (without a correlation input, a run id only in memory would make the run a dispatch
   * in doubt after a kill): saved again at every wake-up until one succeeds, not left for the next
   * dispatch; and the result says whether the last save reached the ledger.
   */
  let saveError: string | undefined;
  /** `last`: the driver stops after this save (annotations go out; a pause shows as action_required). */
  /** Resolves false when the ledger could not be written (warned; the error kept in `saveError`). */
  const save = async (last = false): Promise<boolean> => {
    // Paused for a person: the check run says so (action_required) whenever it is saved paused, until a person acts.
    const write: LedgerWrite = {
      // The live state, which the driver keeps changing after this call returns: an adapter
      // serialises it before it resolves (the simulator keeps the reference on purpose).
      state,
      summary: (opts.summarize ?? defaultSummary)(state, plan),
      ...ledgerStatus(state),
      // One history scan per driver stop, not per save; the ledger never sends one twice.
      annotations: state.status === 'finished' || last ? annotationsFor(state, plan) : [],
    };
    try {
      await ledger.saveLedger(state.releaseId, write);
      saveError = undefined;
      return true;
    } catch (err) {
      saveError = err instanceof Error ? err.message : String(err);
      // Once stopped, a save in flight is abandoned on purpose (the last save replaces it).
      if (!stopped()) env.warn(`could not save the ledger: ${saveError}`);
      return false;
    }
  };
  /** The driver's result; what it says about the last save (the driver stops after it) is what the ledger keeps. */
  const result = (decision: RunDecision, reasonCode: string, reason: string): RunReleaseResult => ({
    state, decision, reasonCode, reason, events, ...(saveError === undefined ? { ledgerSaved: true } : { ledgerSaved: false, ledgerError: saveError }),
  });
  let unsaved: string | undefined;
  /**
   * The first `halted` event a port failure produced (a permission the token lacks): from then on
   * nothing irreversible is performed, in any region, and the core is fed that one event.
   */
  let halt: Extract<Event, { type: 'halted' }> | undefined;
  const barredByHalt = (e: Effect): boolean => halt !== undefined && (IRREVERSIBLE.has(e.type) || e.type === 'cancel-run');
  const drain = async (): Promise<void> => {
    while (pending.length > 0 && !stopped()) {
      const batch = pending;
      pending = [];
      // Save first: the effects of this batch depend on the state that asked for them being on record.
      const saved = !batch.some((e) => e.type === 'save-state') || (await save());
      if (stopped()) return;
      if (!saved && batch.some((e) => IRREVERSIBLE.has(e.type))) {
        // The state that asks for a dispatch is not on record: a crash now would resume from an older
        // state and dispatch the step again. Nothing irreversible is done; the next driver resumes
        // from the last saved state.
        unsaved = 'the ledger could not be saved before dispatching; nothing was dispatched, the next run resumes from the last saved state';
        pending = [];
        return;
      }
      const groups = new Map<string, Effect[]>();
      for (const e of batch) {
        // wait-until: the loop below asks nextWakeAt(state) instead, which also holds after a resume;
        // finish/report: the state already says it, and the final save publishes it.
        if (e.type === 'save-state' || e.type === 'wait-until' || e.type === 'finish' || e.type === 'report') continue;
        if (barredByHalt(e)) continue;
        const key = 'region' in e && e.region !== undefined ? `r:${e.region}` : `x:${e.type}`;
        const group = groups.get(key);
        if (group) group.push(e);
        else groups.set(key, [e]);
      }
      // Regions are independent: their effects run concurrently; one region's effects run in order,
      // and none goes on after a halt (a dispatch is never performed once its deployment was denied).
      const haltedBefore = halt !== undefined;
      const answers = await Promise.all(
        [...groups.values()].map(async (group) => {
          const out: Event[] = [];
          for (const e of group) {
            if (stopped()) break; // what is in flight finishes (its answer is recorded); nothing new starts
            if (barredByHalt(e)) break;
            for (const ev of await performEffect(env, e)) {
              if (ev.type !== 'halted') out.push(ev);
              else if (halt) env.warn(ev.reason);
              else halt = ev;
            }
          }
          return out;
        }),
      );
      for (const list of answers) for (const ev of list) feed(ev);
      if (halt && !haltedBefore) {
        env.warn(halt.reason);
        feed(halt);
      }
    }
  };

  /**
   * Runs a doubtful dispatch may have made (answer lost, run not found in time), fed to the core,
   * which records each or cancels it (a second run for a step, a run its region gave up on).
   * Resolves whether there were any.
   */
  const takeStrays = async (): Promise<boolean> => {
    const strays = await doubts.strayRuns().catch((err: unknown) => {
      env.warn(`could not look for runs of doubtful dispatches: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    });
    for (const run of strays) feed({ type: 'run-dispatched', at: clock.now(), region: run.region, kind: run.kind, step: run.step, runId: run.runId, ...(run.htmlUrl !== undefined ? { htmlUrl: run.htmlUrl } : {}) });
    return strays.length > 0;
  };

  // A state that never started (the claim of a new release saved it) starts; any other resumes.
  const resuming = opts.state !== undefined && opts.state.status !== 'pending';
  if (resuming) {
    // Dispatches an earlier driver could not confirm may still have made runs: look for them too.
    for (const r of Object.values(state.regions)) {
      for (const run of r.runs) {
        // Only a run whose title carries its correlation id can be found.
        const workflow = (run.kind === 'deploy' ? plan.deploy : plan.rollback)?.workflow;
        if (run.done && run.runId === undefined && workflow !== undefined && runCanBeFound(plan, run.kind)) doubts.watchFor(run.correlationId, workflow, run.dispatchedAt);
      }
    }
  }
  const onStop = (): void => feed({ type: 'cancelled', at: clock.now(), reason: String(stop?.reason ?? 'stopped') });
  if (stop?.aborted) onStop();
  else stop?.addEventListener('abort', onStop, { once: true });
  const cancelled = (): RunReleaseResult => result('continue', 'cancelled', `the job was cancelled (${String(stop?.reason ?? 'stopped')}); nothing was started after it`);
  const untilStopped = new Promise<void>((resolve) => (stop?.aborted ? resolve() : stop?.addEventListener('abort', () => resolve(), { once: true })));
  if (stopped()) return cancelled();
  feed(resuming ? { type: 'resumed', at: clock.now() } : { type: 'started', at: clock.now(), ...(opts.initiator !== undefined ? { by: opts.initiator } : {}) });
  const inbox = opts.inbox ?? [];
  const authorized = opts.inboxAuthorized || inbox.length === 0 ? inbox : await authorizeInbox(inbox, plan, ports.permissions, state.initiator ?? opts.initiator, state.stages[state.stage]?.name);
  for (const ev of authorized) feed(ev);
  const poll = opts.pollIntervalMs ?? DEFAULT_POLL_MS;
  // A tick at the same time is repeated only if the last one changed something: no spinning.
  let lastTick = { at: Number.NEGATIVE_INFINITY, history: -1 };

  // Runs are polled on their own schedule, not on every timer tick: with many regions baking at
  // once, ticks are frequent, and polling every run on each would cost O(runs) API calls per tick.
  let nextPollAt = Number.NEGATIVE_INFINITY;
  // Polls in a row in which no run finished: the interval backs off (pollDelay) and comes back
  // to `poll` when a run finishes or a new one is dispatched.
  let quietPolls = 0;
  for (;;) {
    await drain();
    if (stopped()) return cancelled();
    if (unsaved !== undefined) return result('failed', 'ledger-save-failed', unsaved);
    if (state.status === 'finished' || state.status === 'paused') break;
    // Still failing: the driver goes on (nothing irreversible waits on it); next wake-up, again.
    if (saveError !== undefined) await save();
    if (stopped()) return cancelled();
    let progressed = false;
    if (newRun) {
      newRun = false;
      quietPolls = 0;
      nextPollAt = Math.min(nextPollAt, clock.now() + poll);
    }
    if (clock.now() >= nextPollAt) {
      const runs: WatchedRun[] = [];
      for (const run of watched.values()) {
        // Still the region's open run? (It may have timed out, been cancelled or abandoned by a stop.)
        const region = state.regions[run.region];
        if (region && openRun(region)?.runId === run.runId) runs.push(run);
        else watched.delete(run.runId);
      }
      // One request per workflow where the port can (RunsPort.readRuns), else one per run.
      const infos = await readRuns(ports.runs, plan, runs, env.warn);
      if (stopped()) return cancelled();
      for (const { run, info } of infos) {
        if (info?.status !== 'completed') continue;
        feed({ type: 'run-finished', at: clock.now(), region: run.region, kind: run.kind, step: run.step, runId: run.runId, conclusion: info.conclusion });
        progressed = true;
      }
      if (await takeStrays()) progressed = true;
      quietPolls = progressed ? 0 : quietPolls + 1;
      nextPollAt = clock.now() + pollDelay(poll, quietPolls);
      if (progressed) continue;
    }
    const now = clock.now();
    const wake = nextWakeAt(state);
    if (wake !== undefined && wake <= now && (now > lastTick.at || state.history.length > lastTick.history)) {
      feed({ type: 'timer-fired', at: now });
      // Measured after the tick: whatever its effects' answers add (a catch-up measurement after
      // a resume, due again at this same time) allows one more tick at this time.
      lastTick = { at: now, history: state.history.length };
      continue;
    }
    if (opts.mode === 'reconcile') break;
    // Every run in flight has a deadline timer, so no timer at all means nothing can happen by waiting.
    const target = wake !== undefined && wake > now ? Math.min(wake, nextPollAt) : Number.POSITIVE_INFINITY;
    if (target === Number.POSITIVE_INFINITY) {
      // Nothing to wait for, yet not finished nor paused: a bug in the core. Say so rather than spin.
      env.warn(`release ${state.releaseId} has nothing to wait for but is ${state.status}; stopping the driver`);
      await save();
      return result('failed', 'engine-stalled', `nothing to wait for while ${state.status}`);
    }
    await Promise.race([clock.sleepUntil(target), untilStopped]);
  }
  // A last look for runs of doubtful dispatches before the driver goes (a late deploy run is
  // cancelled even after the end); what is still in doubt is said below.
  if (doubts.openDoubts().length > 0 && (await takeStrays())) await drain();
  if (stopped()) return cancelled();
  await save(true);
  const inDoubt = doubts.openDoubts();
  if (inDoubt.length > 0) {
    env.warn(`dispatches whose runs were never seen (${inDoubt.join(', ')}) may still start a run: check the workflow's runs and cancel any that carry these ids`);
  }
  if (state.status === 'finished' && state.outcome) {
    return result(state.outcome.decision, state.outcome.reasonCode, state.outcome.reason);
  }
  if (state.status === 'paused') {
    return result('paused', state.pause?.reasonCode ?? 'paused', state.pause?.reason ?? 'waiting for a person');
  }
  const wake = nextWakeAt(state);
  return result('continue', 'waiting', wake !== undefined ? `next check due at ${new Date(wake).toISOString()}` : 'waiting for runs to finish');
}
