/**
 * Opening a release in the action: load its ledger (resume) or find that it is new, refuse to
 * start it again on the wrong commit, and claim it (src/github/claim.ts) so that two drivers
 * starting at the same moment do not both drive it. Returns the state to drive, or why not.
 */
import { shownName } from '../core/ledger-text.js';
import { sharedInFlight, stateMismatchWith } from '../core/plan-pin.js';
import { initialState, type State } from '../core/state.js';
import { parseState, StateUnreadableError } from '../core/state-read.js';
import { ClaimTooSlowError, claimRelease } from '../github/claim.js';
import { ledgerUnreadable } from '../github/errors.js';
import { LeaseHeldError } from '../github/check-run-ledger.js';
import { checkRunName, isReleaseId, RELEASE_ID_SHOWN_MAX } from '../plan/ids.js';
import type { GitHubAdapter } from '../github/port.js';
import { planDigest } from '../plan/pin.js';
import { contextValues, renderTemplate, templateContext } from '../plan/template.js';
import type { Plan } from '../plan/types.js';
import { releaseSummary } from '../report/summary.js';
import { ledgerStatus } from '../driver/ledger-write.js';
import type { LedgerWrite } from '../driver/ports.js';

export interface OpenOptions {
  plan: Plan;
  releaseId: string;
  /** The input `version` (undefined: only resuming is possible). */
  version: string | undefined;
  headSha: string;
  /** Wait between the claim's write and its check (0: none, for tests). */
  claimSettleMs: number;
  sleep: (ms: number) => Promise<void>;
  log: (message: string) => void;
  /** Refuses a loaded release before the claim writes anything (undefined: go on). */
  precheck?: (state: State) => { reasonCode: string; message: string } | undefined;
  /** Claim a finished release too (a command run: its command is recorded, a rollback reopens it). */
  claimFinished?: boolean;
}

export type Opened =
  | { ok: true; state: State; releaseId: string; version: string; resumed: boolean; checkRunId: number | undefined; claim: LedgerWrite | undefined }
  | { ok: false; reasonCode: string; message: string; holder?: string; commit?: string };

/** Loads, checks and claims the release (see the file comment). */
export async function openRelease(github: GitHubAdapter, o: OpenOptions): Promise<Opened> {
  const releaseId = o.releaseId;
  let record;
  try {
    record = await github.loadLedger(releaseId);
  } catch (err) {
    if (err instanceof LeaseHeldError)
      return { ok: false, reasonCode: 'lease-held', message: err.message, ...(err.holder !== undefined ? { holder: err.holder } : {}) };
    throw err;
  }
  let loaded: State | undefined;
  const place = { releaseId, checkRunId: record?.checkRunId ?? 0, checkRunName: checkRunName(releaseId), headSha: o.headSha };
  try {
    loaded = record?.state !== undefined ? parseState(record.state) : undefined;
  } catch (err) {
    if (!(err instanceof StateUnreadableError)) throw err;
    const refused = ledgerUnreadable(place, err.kind === 'version' ? 'ledger-version-unsupported' : 'ledger-corrupt', err.message);
    return { ok: false, reasonCode: refused.reasonCode, message: refused.message };
  }
  // The saved start bounds the adapter's search for runs an earlier driver dispatched (a state
  // saved by an older version may lack it, or carry another type: then the search is unbounded as before).
  const started: unknown = loaded?.startedAt;
  if (typeof started === 'number') github.releaseStarted(started);
  // The check run was found by the release id's name: a state naming another release was edited
  // (or copied). Driving it would rename the release in every record (check-run title, summary,
  // deployments, logs) to text a person wrote into the ledger.
  if (loaded && loaded.releaseId !== releaseId) {
    const refused = ledgerUnreadable(
      place,
      'ledger-corrupt',
      `its field state.releaseId is ${shownName(loaded.releaseId)}, but its check run is the ledger of release ${releaseId}`,
    );
    return { ok: false, reasonCode: refused.reasonCode, message: refused.message };
  }
  if (loaded === undefined) {
    // No ledger on this commit. If the release already deployed from another commit, its ledger
    // is there: starting over here would deploy every region a second time.
    const elsewhere = await releaseCommitOf(github, o.plan, releaseId, o.version);
    if (elsewhere !== undefined && elsewhere !== o.headSha) {
      return {
        ok: false,
        reasonCode: 'release-on-other-commit',
        commit: elsewhere,
        message: `release ${releaseId} already has deployments made from commit ${elsewhere}, but no ledger on ${o.headSha}; its ledger is on ${elsewhere}: pass that commit as input 'sha' instead of starting the release again`,
      };
    }
  }
  const version = loaded?.version ?? o.version;
  if (version === undefined)
    return { ok: false, reasonCode: 'release-not-found', message: `no ledger for release ${releaseId} on ${o.headSha}, and no version to start it` };
  if (loaded === undefined) {
    const rival = await releaseInFlight(github, o.plan, releaseId, version);
    if (rival) return { ok: false, reasonCode: 'release-in-flight', message: rival };
  }
  // A state that names what its plan lacks was not written by this engine: refused before the
  // claim writes anything, so the ledger stays as found for a person to look at. A finished
  // release saved before pins is exempt: its plan has most likely moved on since, and nothing is
  // dispatched for it any more.
  const checked = loaded && loaded.status !== 'pending' && !(loaded.status === 'finished' && loaded.pin === undefined);
  const mismatch = loaded && checked ? stateMismatchWith(loaded, o.plan, planDigest(o.plan)) : [];
  if (mismatch.length > 0) {
    return {
      ok: false,
      reasonCode: 'state-plan-mismatch',
      message: `the ledger of release ${releaseId} does not match its plan: ${mismatch.join('; ')}. Refusing to drive it: restore the ledger (check run text) or start a new release`,
    };
  }
  // A claimed release that never started has done nothing yet: it starts under the plan given now.
  const state = loaded && loaded.status !== 'pending' ? loaded : initialState(o.plan, releaseId, version);
  const refused = o.precheck?.(state);
  if (refused) return { ok: false, ...refused };
  // A ledger still `pending` was saved by a claim whose driver stopped before starting: it starts.
  const base = { ok: true as const, state, releaseId, version, resumed: loaded !== undefined && loaded.status !== 'pending' };
  // A finished release is only re-read (records a crash lost are re-sent): nothing to race for.
  if (state.status === 'finished' && !o.claimFinished) return { ...base, checkRunId: record?.checkRunId, claim: undefined };
  // The claim changes only the lease: a release paused for a person keeps showing action_required.
  const claim: LedgerWrite = { state, summary: releaseSummary(state, o.plan), ...ledgerStatus(state), annotations: [] };
  try {
    await claimRelease(github.ledger, releaseId, claim, { settleMs: o.claimSettleMs, sleep: o.sleep });
    return { ...base, checkRunId: github.ledger.checkRunId, claim };
  } catch (err) {
    if (err instanceof LeaseHeldError)
      return { ok: false, reasonCode: 'lease-held', message: err.message, ...(err.holder !== undefined ? { holder: err.holder } : {}) };
    if (err instanceof ClaimTooSlowError)
      return { ok: false, reasonCode: 'lease-unclaimed', message: `${err.message}; stopping without doing anything: start the release again` };
    throw err;
  }
}

/** The commit earlier deployments of the release were made from, looked up in its first region's environment. */
async function releaseCommitOf(github: GitHubAdapter, plan: Plan, releaseId: string, version: string | undefined): Promise<string | undefined> {
  const first = plan.stages[0];
  const region = first?.regions[0];
  if (!first || !region) return undefined;
  const environment = renderTemplate(
    plan.environment,
    contextValues(templateContext(plan, { releaseId, version: version ?? '' }, first.name, region, 0, first.steps[0]?.traffic ?? 0)),
  );
  return github.releaseCommit(environment, releaseId);
}

/**
 * A new release id for a version another release on this commit is still rolling out, with the
 * same deploy workflow and some of the same regions: the plan was renamed (the id comes from the
 * plan's name), or `release` changed, mid-release. Starting it would deploy those regions again.
 * Says why, or undefined; the decision is the core's (sharedInFlight), this reads the ledgers.
 */
async function releaseInFlight(github: GitHubAdapter, plan: Plan, releaseId: string, version: string): Promise<string | undefined> {
  for (const other of await github.ledger.otherReleases(releaseId)) {
    let state: State;
    try {
      state = parseState(other.state);
    } catch {
      continue; // unreadable: its own driver refuses it when it loads it
    }
    const shared = sharedInFlight(state, plan, version);
    if (shared.length === 0) continue;
    const named = shared.slice(0, 5).map(shownName).join(', ') + (shared.length > 5 ? ` and ${shared.length - 5} more` : '');
    const id = isReleaseId(state.releaseId, RELEASE_ID_SHOWN_MAX) ? state.releaseId : shownName(state.releaseId);
    return (
      `release ${id} (check run ${other.checkRunId}) is still rolling out version ${version} on this commit with the same deploy workflow, to ${named}; ` +
      `starting release ${releaseId} would deploy them again (was the plan renamed, or input 'release' changed, mid-release?). ` +
      `Go on with that release (input release: ${id}; a changed plan then needs command adopt-plan), or let it finish first.`
    );
  }
  return undefined;
}
