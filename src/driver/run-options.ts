/**
 * What a driver run is given and what it gives back (src/driver/interpreter.ts runs it).
 */
import type { Event } from '../core/events.js';
import type { HistoryEntry, State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import type { DriverPorts, LedgerWrite } from './ports.js';

/**
 * Who a driver's warning is for: `log` (the default) when the driver copes (a read that failed and
 * is tried again, a record it could not write), `person` when someone must do what the driver
 * cannot (cancel a run by hand, check a region): the action makes only those annotations.
 */
export type WarningAudience = 'log' | 'person';
export type Warn = (message: string, audience?: WarningAudience) => void;

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
  /**
   * Asked once `inbox` is fed, with the history it added: false stops the driver there (saved),
   * so a run whose command was refused records the refusal and drives nothing.
   */
  goOnAfterInbox?: (added: readonly HistoryEntry[]) => boolean;
  /**
   * The workflow that drives the release (GITHUB_WORKFLOW_REF's file): commands given while this
   * driver runs are read from its runs (ports.inbox, driver/inbox.ts), at start when resuming,
   * every poll interval in mode run, and once before the driver stops. Undefined: no inbox.
   */
  inboxWorkflow?: string;
  /**
   * Mode run: how long to wait in the job for a person when the release pauses (default 0: save
   * and return `paused` at once). While waiting, the inbox is read every poll interval.
   */
  waitForPeopleMs?: number;
  /**
   * Save at least this often while driving (the ledger's lease is renewed by saves): a bake with
   * nothing else to save would otherwise let the lease run out under a live driver, and a command
   * run or a reconcile would take the release beside it. The GitHub modes pass a third of the
   * lease; undefined: only the saves the release asks for (simulate, tests).
   */
  leaseRenewMs?: number;
  /** Port failures that change no decision (deployment records, cancels): for logs, or for a person (`audience`). */
  onWarning?: Warn;
  /** How often runs in flight are polled (default 15 s). */
  pollIntervalMs?: number;
  /** Keep the fed events in the result (default true); off saves memory on very large simulations. */
  recordEvents?: boolean;
  /** Ledger summary (markdown) for people; the default is short and cheap. */
  summarize?: (state: State, plan: Plan) => string;
  /** Told of every ledger write the driver sends, before it goes (a mode keeps the last one to write it again). */
  onSave?: (write: LedgerWrite) => void;
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
