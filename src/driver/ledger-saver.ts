/**
 * The driver's saves of the ledger: each write built from the live state, the hook that is told
 * of it, and why the latest save failed. The state on record is then older than the one driven
 * (without a correlation input, a run id only in memory would make the run a dispatch in doubt
 * after a kill): the driver saves again at every wake-up until one succeeds, and its result says
 * whether the last save reached the ledger.
 */
import type { State } from '../core/state.js';
import { messageOf } from '../report/message.js';
import type { Plan } from '../plan/types.js';
import { annotationsFor, defaultSummary, ledgerStatus } from './ledger-write.js';
import type { LedgerPort, LedgerWrite } from './ports.js';

export interface LedgerSaverOptions {
  ledger: LedgerPort;
  plan: Plan;
  /** The state the driver drives (it keeps changing). */
  state: State;
  summarize?: (state: State, plan: Plan) => string;
  /** Told of every write, before it is sent. */
  onSave?: (write: LedgerWrite) => void;
  warn: (message: string) => void;
  /** Once stopped, a save in flight is abandoned on purpose (the last save replaces it): no warning. */
  stopped: () => boolean;
  /**
   * This driver waits for people when the release pauses (wait-for-people): every save of a
   * paused state but the last keeps the lease, from the first one on, so no command run can
   * claim the release between the pause and the wait.
   */
  waitsForPeople?: boolean;
  /** The clock of the last save (when it was sent), so the driver knows when its lease wants renewing. */
  now?: () => number;
}

/** What the result says about the last save: the ledger keeps what it reached. */
export type SaveOutcome = { ledgerSaved: true } | { ledgerSaved: false; ledgerError: string };

export class LedgerSaver {
  private failure: string | undefined;
  /** When the last save was sent (the clock's time; -Infinity: none yet). */
  lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly o: LedgerSaverOptions) {}

  /** Why the latest save failed (undefined: it did not). */
  get error(): string | undefined {
    return this.failure;
  }

  /**
   * Saves the live state; `last`: the driver stops after this save (annotations go out). Resolves
   * false when the ledger could not be written (warned; the error kept).
   */
  async save(last = false): Promise<boolean> {
    const { state, plan } = this.o;
    const holdLease = this.o.waitsForPeople === true && !last && state.status === 'paused';
    // Paused for a person: the check run says so (action_required) whenever it is saved paused, until a person acts.
    const write: LedgerWrite = {
      // The live state, which the driver keeps changing after this call returns: an adapter
      // serialises it before it resolves (the simulator keeps the reference on purpose).
      state,
      summary: (this.o.summarize ?? defaultSummary)(state, plan),
      ...ledgerStatus(state),
      // One history scan per driver stop, not per save; the ledger never sends one twice.
      annotations: state.status === 'finished' || last ? annotationsFor(state, plan) : [],
      ...(holdLease ? { holdLease: true as const } : {}),
    };
    this.o.onSave?.(write);
    if (this.o.now) this.lastSentAt = this.o.now();
    try {
      await this.o.ledger.saveLedger(state.releaseId, write);
      this.failure = undefined;
      return true;
    } catch (err) {
      this.failure = messageOf(err);
      if (!this.o.stopped()) this.o.warn(`could not save the ledger: ${this.failure}`);
      return false;
    }
  }

  outcome(): SaveOutcome {
    return this.failure === undefined ? { ledgerSaved: true } : { ledgerSaved: false, ledgerError: this.failure };
  }
}
