/**
 * The ledger: one Check Run per release on the released commit, named with the release id and
 * found again by that name (check runs made with GITHUB_TOKEN land in an arbitrary suite).
 * `output.summary` is for people (cut to fit: src/report/text.ts fitSummary, saying so);
 * `output.text` holds the versioned envelope (envelope.ts) with the engine state, the lease and
 * the keys of annotations already sent (they append, so never twice).
 */
import { checkRunName } from '../plan/ids.js';
import type { LedgerRecord, LedgerWrite } from '../driver/ports.js';
import { fitSummary } from '../report/text.js';
import { isTransient, statusOf } from './client.js';
import { guardedWrite, NO_RETRY, sleepUnless, withRequestOptions, type GhContext } from './request-context.js';
import { decodeEnvelope, EnvelopeError, encodeEnvelope, LEDGER_FORMAT, LEDGER_VERSION, type Lease, type LedgerEnvelope } from './envelope.js';
import { describeHolder, LeaseHeldError, supersededBy } from './holder.js';
import { ledgerUnreadable } from './errors.js';
import { messageOf } from '../report/message.js';
import { listOtherReleases, type OtherRelease } from './other-releases.js';
import { annotationBatches, annotationKey, toApi } from './ledger-annotations.js';

export { LeaseHeldError } from './holder.js';

export interface LedgerOptions {
  headSha: string;
  /** This driver's lease holder id (holder.ts). */
  holder: string;
  leaseMs: number;
  /** Whether another driver's run is still going (a crashed run holds its lease until expiry otherwise). */
  isHolderAlive: (holder: string) => Promise<boolean>;
  detailsUrl?: string;
}

interface CheckRunData {
  id: number;
  name?: string;
  status?: string;
  conclusion?: string | null;
  output: { text: string | null; annotations_count: number };
}

/** Clock difference allowed between drivers before a lease's end is taken as written by hand. */
const LEASE_SLACK_MS = 5 * 60_000;

export interface SaveOptions {
  /** Write without a lease (a driver stopping on a signal). */
  releaseLease?: boolean;
  /** A claim: write even when nothing changed, and hold the lease whatever the status. */
  claim?: boolean;
}

/** Reads and writes one release's check run; keeps the id and what was last written. */
export class Ledger {
  checkRunId: number | undefined;
  private annotated = new Set<string>();
  private annotationsCount = 0;
  private last: { body: string; leaseUntil: number } | undefined;
  private loadedState: unknown;
  /**
   * Aborted by saveOnStop: every request of a regular save (queued, in flight, or waiting for a
   * retry) fails at once from then on, so none can write, or put the lease back, after the last one.
   */
  private readonly regular = new AbortController();
  private readonly regularCtx: GhContext;

  constructor(
    private readonly ctx: GhContext,
    private readonly opts: LedgerOptions,
  ) {
    this.regularCtx = withRequestOptions(ctx, { signal: this.regular.signal });
  }

  /** This driver's lease holder id. */
  get holder(): string {
    return this.opts.holder;
  }

  /** Every check run of the release on the commit, oldest first. */
  private async findAll(releaseId: string, ctx = this.ctx): Promise<CheckRunData[]> {
    const res = await ctx.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      owner: this.ctx.owner,
      repo: this.ctx.repo,
      ref: this.opts.headSha,
      check_name: checkRunName(releaseId),
      filter: 'all',
      per_page: 100,
    });
    return (res.data as { check_runs: CheckRunData[] }).check_runs.sort((a, b) => a.id - b.id);
  }

  private async find(releaseId: string, ctx = this.ctx): Promise<CheckRunData | undefined> {
    // Several with one name after a lost create answer, or two drivers starting at once: the oldest is the ledger.
    return (await this.findAll(releaseId, ctx))[0];
  }

  /** Other releases' ledgers on the commit that are not over (other-releases.ts). */
  otherReleases(releaseId: string): Promise<OtherRelease[]> {
    return listOtherReleases(this.ctx, this.opts.headSha, releaseId);
  }

  /** performance.now() when the last load began: a claim measures how long it took from there. */
  loadStartedAt: number | undefined;

  /** The release's check runs, oldest first, with the lease each one's text holds (for a claim). */
  async contenders(releaseId: string): Promise<Array<{ id: number; lease?: Lease }>> {
    return (await this.findAll(releaseId)).map((c) => {
      let lease: Lease | undefined;
      try {
        lease = c.output.text ? decodeEnvelope(c.output.text).lease : undefined;
      } catch {
        lease = undefined;
      }
      return lease ? { id: c.id, lease } : { id: c.id };
    });
  }

  /** Closes a check run this driver made but lost to another driver's (neutral, saying whose it is). */
  async closeDuplicate(releaseId: string, checkRunId: number, winner: number): Promise<void> {
    await this.ctx.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      owner: this.ctx.owner,
      repo: this.ctx.repo,
      check_run_id: checkRunId,
      status: 'completed',
      conclusion: 'neutral',
      completed_at: new Date(this.ctx.now()).toISOString(),
      output: {
        title: `Release ${releaseId}: duplicate`,
        summary: `Another driver started release ${releaseId} at the same moment; its ledger is check run ${winner}. This one was closed unused.`,
      },
    });
    if (this.checkRunId === checkRunId) this.checkRunId = undefined;
  }

  /** The saved state, or undefined for a new release. Throws LeaseHeldError when another live run drives it. */
  async load(releaseId: string): Promise<LedgerRecord | undefined> {
    this.loadStartedAt = performance.now();
    const found = await this.find(releaseId);
    if (!found) return undefined;
    this.checkRunId = found.id;
    this.annotationsCount = found.output.annotations_count;
    if (!found.output.text) return { state: undefined, checkRunId: found.id };
    let env: LedgerEnvelope;
    try {
      env = decodeEnvelope(found.output.text);
    } catch (err) {
      if (!(err instanceof EnvelopeError)) throw err;
      throw this.unreadable(releaseId, found.id, err.reasonCode, err.problem);
    }
    const lease = env.lease;
    // Drivers write leases of leaseMs from GitHub's time: one that runs out much later was not
    // written by a driver (an edited ledger), and would hold the release until edited again.
    if (lease && lease.expiresAt > this.ctx.now() + this.opts.leaseMs + LEASE_SLACK_MS) {
      throw this.unreadable(
        releaseId,
        found.id,
        'ledger-corrupt',
        `its lease runs until ${new Date(lease.expiresAt).toISOString()}, later than any driver writes one (${Math.round(this.opts.leaseMs / 60_000)} min from its last save)`,
      );
    }
    const rival = lease && lease.holder !== this.opts.holder && !supersededBy(this.opts.holder, lease.holder);
    if (lease && rival && lease.expiresAt > this.ctx.now() && (await this.opts.isHolderAlive(lease.holder))) {
      throw new LeaseHeldError(
        `release ${releaseId} is being driven by ${describeHolder(lease.holder, this.opts.holder)} (lease until ${new Date(lease.expiresAt).toISOString()}); ` +
          'stopping instead of racing it. Cancel that run, or wait for its lease to expire, then start this again.',
        lease.holder,
      );
    }
    this.annotated = new Set(env.annotated);
    this.loadedState = env.state;
    return { state: env.state, checkRunId: found.id };
  }

  /**
   * The saved state as it is now, whoever holds the lease, without taking anything over: a
   * command run that handed its command to the live driver reads whether it was taken. Undefined
   * when there is no ledger or its text cannot be read (the driver that holds it says why).
   */
  async peek(releaseId: string): Promise<unknown> {
    const found = await this.find(releaseId);
    if (!found?.output.text) return undefined;
    try {
      return decodeEnvelope(found.output.text).state;
    } catch (err) {
      if (err instanceof EnvelopeError) return undefined;
      throw err;
    }
  }

  /** Why this release's check run cannot be read, as the sentence errors.ts writes. */
  private unreadable(releaseId: string, checkRunId: number, reasonCode: EnvelopeError['reasonCode'], problem: string): Error {
    return ledgerUnreadable({ releaseId, checkRunId, checkRunName: checkRunName(releaseId), headSha: this.opts.headSha }, reasonCode, problem);
  }

  /** The state as this process last saved it (or loaded it): what a failed save falls back to. */
  lastSavedState(): unknown {
    return this.last ? (JSON.parse(this.last.body) as { envelope: LedgerEnvelope }).envelope.state : this.loadedState;
  }

  /** When the lease this process last wrote expires; undefined when its last write released it (or it wrote none). */
  leaseHeldUntil(): number | undefined {
    const until = this.last?.leaseUntil;
    return until !== undefined && Number.isFinite(until) ? until : undefined;
  }

  private queue: Promise<void> = Promise.resolve();

  /**
   * Saves a state; skips a write identical to the last one unless the lease needs renewing (or
   * it is a claim, which writes its lease even when nothing else changed). Saves run one at a
   * time, in call order.
   */
  save(releaseId: string, write: LedgerWrite, opts: SaveOptions = {}): Promise<void> {
    const next = this.queue.then(() => this.saveNow(releaseId, write, opts, this.regularCtx));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * The last save of a driver being stopped by a signal: every other save is abandoned (see
   * `regular`), and this one writes without a lease, not queued behind them. Each attempt and
   * the waits between them (`retryDelaysMs`) end when `deadline` aborts; a failure that cannot
   * be transient, or a check run not created yet (a create is never repeated blind), is not
   * retried. The state is read anew at each attempt, so answers that arrive meanwhile go too.
   * Rejects with why it could not be saved.
   */
  async saveOnStop(releaseId: string, write: LedgerWrite, deadline: AbortSignal, retryDelaysMs: readonly number[]): Promise<void> {
    this.regular.abort();
    const ctx: GhContext = {
      ...withRequestOptions(this.ctx, { retries: 0, signal: deadline }),
      writeRetryDelaysMs: [],
      sleep: (ms) => sleepUnless(ms, deadline),
    };
    let last: unknown;
    for (let i = 0; i <= retryDelaysMs.length; i++) {
      if (i > 0) await sleepUnless(retryDelaysMs[i - 1] ?? 0, deadline);
      if (deadline.aborted) break;
      try {
        await this.saveNow(releaseId, write, { releaseLease: true }, ctx);
        return;
      } catch (err) {
        last = err;
        if (!isTransient(err) || this.checkRunId === undefined) break;
      }
    }
    const why = last === undefined ? 'no time was left' : messageOf(last);
    throw new Error(deadline.aborted ? `out of time (last error: ${why})` : why);
  }

  private async saveNow(releaseId: string, write: LedgerWrite, opts: SaveOptions, ctx: GhContext): Promise<void> {
    const now = this.ctx.now();
    const completed = write.status === 'completed';
    const fresh = write.annotations.filter((a) => !this.annotated.has(annotationKey(a)));
    const annotated = [...this.annotated, ...fresh.map(annotationKey)];
    const envelope: LedgerEnvelope = { format: LEDGER_FORMAT, version: LEDGER_VERSION, releaseId, annotated, state: write.state };
    const sameAsLast = JSON.stringify({ envelope, s: write.summary, st: write.status, c: write.conclusion, h: write.holdLease });
    if (
      !opts.releaseLease &&
      !opts.claim &&
      fresh.length === 0 &&
      this.last?.body === sameAsLast &&
      ((completed && !write.holdLease) || this.last.leaseUntil - now > this.opts.leaseMs / 2)
    )
      return;
    // A driver that stops (completed, or cancelled by a signal) leaves no lease: the next one may
    // start at once. A claim holds it even on a completed (paused) check run.
    if ((!completed || opts.claim || write.holdLease) && !opts.releaseLease) envelope.lease = { holder: this.opts.holder, expiresAt: now + this.opts.leaseMs };
    const title = completed ? `Release ${releaseId}: ${write.conclusion ?? 'neutral'}` : `Release ${releaseId}: in progress`;
    const output = { title, summary: fitSummary(write.summary), text: encodeEnvelope(envelope) };
    const batches = annotationBatches(fresh);
    const status = {
      status: write.status,
      ...(completed ? { conclusion: write.conclusion ?? 'neutral', completed_at: new Date(now).toISOString() } : {}),
      external_id: releaseId,
      ...(this.opts.detailsUrl ? { details_url: this.opts.detailsUrl } : {}),
    };
    const first = batches.shift() ?? [];
    if (this.checkRunId === undefined) {
      const created = await guardedWrite(
        ctx,
        `create check run for ${releaseId}`,
        async () => {
          const res = await ctx.request('POST /repos/{owner}/{repo}/check-runs', {
            owner: this.ctx.owner,
            repo: this.ctx.repo,
            name: checkRunName(releaseId),
            head_sha: this.opts.headSha,
            ...status,
            output: { ...output, ...(first.length ? { annotations: toApi(first) } : {}) },
            request: NO_RETRY,
          });
          return res.data as CheckRunData;
        },
        () => this.find(releaseId, ctx),
      );
      this.checkRunId = created.id;
      this.annotationsCount = created.output.annotations_count;
    } else {
      const body = { ...status, output: { ...output, ...(first.length ? { annotations: toApi(first) } : {}) } };
      try {
        await this.patch(releaseId, body, first.length, ctx);
      } catch (err) {
        // A paused release left its check run completed (action_required). Whether GitHub lets a
        // completed check run go back to in_progress is reported both ways; if it refuses, the
        // state must still be saved: keep the old status, write the output, and let the final
        // save set the conclusion.
        if (completed || statusOf(err) !== 422) throw err;
        this.ctx.log(`check run ${this.checkRunId ?? '?'} of ${releaseId} cannot be reopened (422); saving the state with its previous status`);
        const { status: _s, ...rest } = body;
        await this.patch(releaseId, rest, first.length, ctx);
      }
    }
    for (const batch of batches) await this.patch(releaseId, { output: { title, summary: output.summary, annotations: toApi(batch) } }, batch.length, ctx);
    for (const a of fresh) this.annotated.add(annotationKey(a));
    this.last = { body: sameAsLast, leaseUntil: envelope.lease?.expiresAt ?? Number.POSITIVE_INFINITY };
  }

  /**
   * Updates the check run. Annotations append, so a PATCH carrying them is not repeated blindly:
   * after a failure the annotation count tells whether it took effect.
   */
  private async patch(releaseId: string, body: Record<string, unknown>, added: number, ctx: GhContext): Promise<void> {
    const id = this.checkRunId as number;
    const params = { owner: ctx.owner, repo: ctx.repo, check_run_id: id, ...body };
    if (added === 0) {
      await ctx.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', params);
      return;
    }
    const expected = this.annotationsCount + added;
    const data = await guardedWrite(
      ctx,
      `update check run ${id} of ${releaseId}`,
      async () => {
        const res = await ctx.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...params, request: NO_RETRY });
        return res.data as CheckRunData;
      },
      async () => {
        const res = await ctx.request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner: ctx.owner, repo: ctx.repo, check_run_id: id });
        const d = res.data as CheckRunData;
        return d.output.annotations_count >= expected ? d : undefined;
      },
    );
    this.annotationsCount = data.output.annotations_count;
  }
}
