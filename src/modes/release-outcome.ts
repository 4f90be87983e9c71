/**
 * What modes `run` and `reconcile` publish when the driver returns: the outcome main.ts turns into
 * outputs, and why the step fails when it does (a refused command, a failed or held release, a
 * ledger left behind).
 */
import type { ModeOutcome } from '../action-io.js';
import type { RunReleaseResult } from '../driver/interpreter.js';
import type { RequestStats } from '../github/etag.js';

/** The mode's outcome from the driver's result: what main.ts publishes, and why the step fails if it does. */
export function outcomeOf(
  result: RunReleaseResult,
  releaseId: string,
  refused: { reasonCode: string; failed: string } | undefined,
  checkRunId: number | undefined,
  stats: RequestStats,
): ModeOutcome {
  // A release held for its plan fails the step too: unlike an approval, nobody expects it.
  const held = result.reasonCode === 'plan-changed' || result.reasonCode === 'state-plan-mismatch';
  // The step fails with it (main.ts: an ::error:: annotation, exit 1), after the outputs are written.
  const unsaved = unsavedLedger(result, releaseId, checkRunId);
  const failed =
    unsaved ??
    refused?.failed ??
    (result.decision === 'failed' || result.decision === 'rolled-back' || held ? `release ${releaseId} ${result.decision}: ${result.reason}` : undefined);
  return {
    decision: result.decision,
    reasonCode: refused?.reasonCode ?? result.reasonCode,
    releaseId,
    details: {
      reason: result.reason,
      regions: Object.fromEntries(Object.values(result.state.regions).map((r) => [r.name, r.phase])),
      checkRunId: checkRunId ?? null,
      ledgerSaved: result.ledgerSaved,
      ...(result.ledgerError !== undefined ? { ledgerError: result.ledgerError } : {}),
      requests: { counted: stats.counted, notModified: stats.notModified },
    },
    ...(failed ? { failed } : {}),
  };
}

/**
 * The driver's last save did not reach the ledger: what the step fails with (undefined: it did).
 * The release itself is as `decision` says, but its record is behind, which nobody would notice
 * from a green step: the check run may still show in progress (or an older verdict) under this
 * driver's lease, and the next driver resumes from that earlier state. A save that failed before
 * a dispatch already ends as `ledger-save-failed` with its own reason.
 */
function unsavedLedger(
  result: { decision: string; reasonCode: string; ledgerSaved: boolean; ledgerError?: string },
  releaseId: string,
  checkRunId: number | undefined,
): string | undefined {
  if (result.ledgerSaved || result.reasonCode === 'ledger-save-failed') return undefined;
  return (
    `release ${releaseId} ${result.decision} (${result.reasonCode}), but its ledger (check run ${checkRunId ?? '?'}) could not be saved: ${result.ledgerError ?? 'unknown error'}. ` +
    'The check run still shows an earlier state; run the workflow again (mode run or reconcile) so the ledger catches up, and do not start this release again under another id'
  );
}
