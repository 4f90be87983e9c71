/**
 * What leaves a job besides the records in GitHub: the release's own metrics (prom-client, a
 * Pushgateway or a text file), its traces (OpenTelemetry) and its log lines (human or JSON). All
 * of them watch the same things, so they share one narrow port: the history entries as the core
 * appends them, the GitHub requests as the client sends them, and the invocation's end. A sink
 * never changes a decision and never throws into the driver: `fanOut` turns a sink's failure
 * into one warning, and `flush` is bounded by a deadline (an export that hangs must not hold
 * the job, nor the last save on a signal).
 */
import type { HistoryEntry, State } from '../core/state.js';
import type { Plan } from '../plan/types.js';

/** One request the GitHub client sent (a 304 answered from the ETag cache included). */
export interface GitHubRequestRecord {
  method: string;
  /** The route template as the adapter wrote it (`/repos/{owner}/{repo}/actions/runs`): bounded, no ids. */
  route: string;
  /** HTTP status; 0 when no answer came (network failure, timeout). */
  status: number;
  /** Wall time of the request, epoch milliseconds (Date.now, not the release clock). */
  startedAt: number;
  durationMs: number;
  /** Answered 304 from the ETag cache: not counted by GitHub's rate limit. */
  notModified: boolean;
  /** `x-ratelimit-remaining` of the answer, when GitHub sent it. */
  rateLimitRemaining?: number;
}

/** Which invocation advances the release: every sink labels what it sends with this. */
export interface InvocationContext {
  releaseId: string;
  plan: Plan;
  version: string;
  /** `run`, `reconcile`, or the command a command run carries (`command:approve`). */
  kind: string;
  /** The workflow run and attempt (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT) and job, when the runner says. */
  runId?: string;
  runAttempt?: string;
  job?: string;
  /** When the invocation began, epoch milliseconds (wall clock). */
  startedAt: number;
}

export interface InvocationEnd {
  decision: string;
  reasonCode: string;
  reason: string;
  state: State;
  /** Epoch milliseconds (wall clock). */
  at: number;
}

export interface TelemetrySink {
  /** The release is open (the state as loaded or claimed, before the driver runs). */
  opened(ctx: InvocationContext, state: State): void;
  /** A history entry as the core appended it, with the state after it. */
  transition(entry: HistoryEntry, state: State): void;
  request(record: GitHubRequestRecord): void;
  /** The driver returned (also after a signal stopped it). */
  finished(end: InvocationEnd): void;
  /** Sends or writes what the sink holds; resolves by `deadline` (aborted: give up at once). Never rejects. */
  flush(deadline: AbortSignal): Promise<void>;
}

/**
 * Resolves when the signal aborts (at once if it has); never rejects. A sink races its export
 * against this to give up at the flush's deadline: the one rule every sink's flush follows.
 */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}

export const NO_TELEMETRY: TelemetrySink = {
  opened: () => undefined,
  transition: () => undefined,
  request: () => undefined,
  finished: () => undefined,
  flush: async () => undefined,
};

/** Every sink sees every call; one that throws is disabled with a single warning, the others go on. */
export function fanOut(sinks: readonly TelemetrySink[], warn: (message: string, sink: number) => void): TelemetrySink {
  if (sinks.length === 0) return NO_TELEMETRY;
  const broken = new Set<number>();
  const each = (call: (s: TelemetrySink) => void): void => {
    sinks.forEach((s, i) => {
      if (broken.has(i)) return;
      try {
        call(s);
      } catch (err) {
        broken.add(i);
        warn(err instanceof Error ? err.message : String(err), i);
      }
    });
  };
  return {
    opened: (ctx, state) => each((s) => s.opened(ctx, state)),
    transition: (entry, state) => each((s) => s.transition(entry, state)),
    request: (record) => each((s) => s.request(record)),
    finished: (end) => each((s) => s.finished(end)),
    flush: async (deadline) => {
      await Promise.all(
        sinks.map(async (s, i) => {
          try {
            await s.flush(deadline);
          } catch (err) {
            warn(err instanceof Error ? err.message : String(err), i);
          }
        }),
      );
    },
  };
}
