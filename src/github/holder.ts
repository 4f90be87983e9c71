/**
 * Who holds a release's lease: one driver process. A workflow run id alone does not say it:
 * every job of a run, and every matrix leg of a job, shares GITHUB_RUN_ID (and matrix legs share
 * GITHUB_JOB too), so the holder also carries the attempt, the job and a nonce made once per
 * process. Two drivers never share a holder, so a claim (claim.ts) tells any two apart.
 *
 * Written into the ledger as `<run id>:<attempt>:<job>:<nonce>`. A ledger written before this
 * format holds the bare run id, which still parses (attempt and job unknown).
 */
import { randomBytes } from 'node:crypto';

export interface Holder {
  /** The workflow run (GITHUB_RUN_ID); undefined outside Actions (a local driver). */
  runId?: number;
  attempt?: number;
  job?: string;
  nonce?: string;
}

const FORM = /^(\d+|local):(\d+|-):([A-Za-z0-9_.-]{1,100}|-):([a-z0-9]{1,32})$/;

/** The runner variables a holder is made of: GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_JOB (src/runner/env.ts reads them). */
export interface HolderSource {
  runId?: string;
  runAttempt?: string;
  job?: string;
}

/** This process's holder id, from the runner's variables; a value not in its form is left out ('local', '-'). */
export function holderId(runner: HolderSource, nonce = randomBytes(6).toString('hex')): string {
  const run = runner.runId && /^\d+$/.test(runner.runId) ? runner.runId : 'local';
  const attempt = runner.runAttempt && /^\d+$/.test(runner.runAttempt) ? runner.runAttempt : '-';
  const job = runner.job && /^[A-Za-z0-9_.-]{1,100}$/.test(runner.job) ? runner.job : '-';
  return `${run}:${attempt}:${job}:${nonce}`;
}

/** Reads a holder id written by holderId, or a bare run id (older ledgers); undefined for anything else. */
export function parseHolder(id: string): Holder | undefined {
  if (/^\d{1,20}$/.test(id)) return { runId: Number(id) };
  const m = FORM.exec(id);
  if (!m) return undefined;
  const [, run, attempt, job, nonce] = m as unknown as [string, string, string, string, string];
  return {
    ...(run !== 'local' ? { runId: Number(run) } : {}),
    ...(attempt !== '-' ? { attempt: Number(attempt) } : {}),
    ...(job !== '-' ? { job } : {}),
    nonce,
  };
}

/**
 * A holder as people read it: "workflow run 123 (attempt 2, job release)". The id comes from a
 * ledger anyone with a token can write: only a well-formed one is echoed.
 */
export function describeHolder(id: string, self?: string): string {
  const h = parseHolder(id);
  if (!h) return 'a driver of unknown form';
  const sameRun = h.runId !== undefined && self !== undefined && parseHolder(self)?.runId === h.runId;
  const who = sameRun ? `another job (or matrix leg) of this workflow run ${h.runId}` : h.runId !== undefined ? `workflow run ${h.runId}` : 'a local driver';
  const parts = [h.attempt !== undefined ? `attempt ${h.attempt}` : '', h.job !== undefined ? `job ${h.job}` : ''].filter(Boolean);
  return parts.length > 0 ? `${who} (${parts.join(', ')})` : who;
}

/**
 * Whether a holder other than `self` can be known dead without asking GitHub: an earlier attempt
 * of this very run (a run's attempts run one after another, so a re-run means the earlier
 * attempt ended), or a bare run id of this run (see below). Anything else (another job or matrix
 * leg of this run, another run) needs the run's status.
 */
export function supersededBy(self: string, other: string): boolean {
  const a = parseHolder(self);
  const b = parseHolder(other);
  if (a?.runId === undefined || a.runId !== b?.runId) return false;
  // A bare run id was written by a driver older than this holder form, which took the lease of
  // its own run as its own: a re-run after an upgrade keeps that, rather than waiting 10 minutes.
  if (b.nonce === undefined) return true;
  return a.attempt !== undefined && b.attempt !== undefined && b.attempt < a.attempt;
}

/** A fresh lease of another live run: this driver must not race it. `holder`: that driver's id (holder.ts), when known. */
export class LeaseHeldError extends Error {
  override name = 'LeaseHeldError';
  constructor(
    message: string,
    readonly holder?: string,
  ) {
    super(message);
  }
}
