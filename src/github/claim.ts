/**
 * Claiming a release before driving it. GitHub offers no compare-and-swap on check runs (a PATCH
 * is last-writer-wins, and a POST makes a second check run of the same name), so two drivers
 * that load the ledger at the same moment would both find no fresh lease and both drive the
 * release. A claim closes that gap without new permissions:
 *
 * 1. write: the loaded (or initial) state with this driver's lease — a PATCH, or for a new
 *    release the POST that creates the check run;
 * 2. wait `settleMs`, so a rival's write made before ours is visible to our read;
 * 3. read every check run of the release: the OLDEST is the ledger (a new release's rival made
 *    a younger one, and closes it), and its lease must be ours (a resumed release's rival wrote
 *    after us, and stops).
 *
 * The rival that writes last wins a resume race, so the other must see that write: it does if
 * the rival wrote before our read, which holds when the rival's load-to-write time is under
 * `settleMs` minus GitHub's read-after-write lag. A claim that took longer than `maxGapMs`
 * from its load is therefore not trusted: it loads again and claims again.
 * No state is saved between a claim and its check, so a loser has nothing to undo.
 */
import type { LedgerWrite } from '../driver/ports.js';
import { describeHolder } from './holder.js';
import { LeaseHeldError, type Ledger } from './check-run-ledger.js';

export interface ClaimOptions {
  /** How long to wait between the write and the check (0: check at once; tests). */
  settleMs: number;
  /** Longest trusted time from the start of the load to the end of the claim's write (default: settleMs less the allowance for read-after-write lag, 1.5 s or half of it). */
  maxGapMs?: number;
  sleep: (ms: number) => Promise<void>;
  /** Monotonic milliseconds (default performance.now). */
  monotonic?: () => number;
}

/** The claim cannot be trusted (too slow after its load, or its check run not listed yet): the driver stops. */
export class ClaimTooSlowError extends Error {
  override name = 'ClaimTooSlowError';
}

/**
 * Writes this driver's lease and checks that it holds the release. Throws LeaseHeldError when a
 * rival holds it, ClaimTooSlowError when the result cannot be trusted.
 */
export async function claimRelease(ledger: Ledger, releaseId: string, write: LedgerWrite, opts: ClaimOptions): Promise<void> {
  const monotonic = opts.monotonic ?? (() => performance.now());
  const started = ledger.loadStartedAt ?? monotonic();
  // A new release's claim creates its check run: the oldest one wins whatever the timing. A
  // resumed release's claim overwrites the lease (last writer wins): only a quick one is trusted.
  const creating = ledger.checkRunId === undefined;
  await ledger.save(releaseId, write, { claim: true });
  const gap = monotonic() - started;
  const maxGap = opts.maxGapMs ?? opts.settleMs - Math.min(1_500, opts.settleMs / 2);
  if (!creating && opts.settleMs > 0 && gap > maxGap) {
    // Not retried: a write this late may have overwritten the lease of a driver that already
    // checked its own and went on; claiming again would make two drivers.
    throw new ClaimTooSlowError(
      `claiming release ${releaseId} took ${Math.round(gap)} ms from its load (trusted up to ${maxGap} ms): another driver may have gone on meanwhile`,
    );
  }
  if (opts.settleMs > 0) await opts.sleep(opts.settleMs);
  const mine = ledger.checkRunId;
  const all = await ledger.contenders(releaseId);
  const oldest = all[0];
  if (oldest === undefined || mine === undefined) throw new ClaimTooSlowError(`the ledger of ${releaseId} just written is not listed yet`);
  if (oldest.id !== mine && oldest.lease?.holder === ledger.holder) {
    // Our own earlier check run (a create whose answer was lost and which was made again): it is
    // the ledger; the younger one is closed.
    await ledger.closeDuplicate(releaseId, mine, oldest.id);
    ledger.checkRunId = oldest.id;
    return;
  }
  if (oldest.id !== mine) {
    await ledger.closeDuplicate(releaseId, mine, oldest.id);
    throw new LeaseHeldError(
      `release ${releaseId} was started by another driver at the same moment (its ledger is check run ${oldest.id}${oldest.lease ? `, ${describeHolder(oldest.lease.holder, ledger.holder)}` : ''}); ` +
        `stopping instead of racing it (this run's duplicate check run ${mine} is closed).`,
    );
  }
  if (oldest.lease?.holder !== ledger.holder) {
    throw new LeaseHeldError(
      `release ${releaseId} was claimed by ${oldest.lease ? describeHolder(oldest.lease.holder, ledger.holder) : 'another driver'} at the same moment as this one; stopping instead of racing it.`,
    );
  }
}
