/**
 * The Octokit client: @octokit/core with throttling (honours `retry-after` and the rate-limit
 * headers) and retry (5xx and 429), pointed at GITHUB_API_URL so GHES and the test fake work.
 * Every delay comes from the caller, so tests compress time instead of sleeping.
 *
 * The retry plugin also retries POSTs: non-idempotent writes (dispatch, deployment, check-run
 * creation) pass `request: { retries: 0 }` and go through `guardedWrite`, which looks the
 * object up before trying again.
 */
// @octokit/core, not @octokit/rest: adapters only call `request`, and the REST method table costs
// about 8 ms of cold start in every job (bench/cold-start.ts).
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { GitHubBadAnswerError } from './errors.js';

export interface ClientTiming {
  /** Multiplier for the retry plugin's 1, 4, 9 (s) backoff: 1000 in production, 0 in tests. */
  retryBaseMs: number;
  /** Retries of the retry plugin (5xx, 429 without rate-limit headers). */
  retries: number;
  /** Multiplier for `retry-after` seconds: 1000 in production, a few ms in tests. */
  retryAfterBaseMs: number;
  /** Times one request is retried after a rate limit before giving up. */
  rateLimitRetries: number;
  /** Spacing of writes (GitHub asks for about 1 s between content-creating requests). */
  writeSpacingMs: number;
  /** One attempt may take this long; then it is aborted and counts as a transient failure. */
  requestTimeoutMs: number;
}

export const PRODUCTION_TIMING: ClientTiming = {
  retryBaseMs: 1000,
  retries: 3,
  retryAfterBaseMs: 1000,
  rateLimitRetries: 4,
  writeSpacingMs: 1000,
  requestTimeoutMs: 30_000,
};

/** Zero delays except the scaled retry-after (so a test can still see it honoured). */
export const TEST_TIMING: ClientTiming = {
  retryBaseMs: 0,
  retries: 3,
  retryAfterBaseMs: 1,
  rateLimitRetries: 4,
  writeSpacingMs: 0,
  // Generous: a loaded CI machine can stall a loopback answer for seconds, and an aborted write
  // turns into a failed region. Tests of the timeout itself pass their own short value.
  requestTimeoutMs: 30_000,
};

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL; default https://api.github.com. */
  baseUrl?: string;
  timing?: Partial<ClientTiming>;
  log?: (message: string) => void;
  userAgent?: string;
}

/**
 * Bottleneck's local datastore yields before each of its operations with `setTimeout(0)`, which
 * Node stretches to at least 1 ms. Both plugins use Bottleneck (the retry plugin makes a limiter
 * per request, throttling passes each request through two more), so every request waited for
 * about nine such timers before it was sent (15.0 -> 7.8 ms to the first fetch, docs/benchmarks.md
 * "Cold start"). setImmediate still yields to the event loop, without the 1 ms floor; waits of
 * more than 0 ms are unchanged. It patches a private method of bottleneck 2.19.5 (pinned, and
 * unchanged since 2019); if a version lacks it, nothing is patched (test/github-adapter.test.ts).
 */
function yieldWithoutTimerFloor(): void {
  const store = Object.getPrototypeOf((new Bottleneck() as unknown as { _store: object })._store) as { yieldLoop?: unknown };
  if (typeof store.yieldLoop !== 'function') return;
  store.yieldLoop = function yieldLoop(this: { Promise: PromiseConstructor }, t = 0): Promise<void> {
    return new this.Promise((resolve) => (t === 0 ? setImmediate(resolve) : setTimeout(resolve, t)));
  };
}
yieldWithoutTimerFloor();

const ThrottledOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof ThrottledOctokit>;

/** Builds the client. Rate-limit waits are logged with the route, never with the token. */
export function createClient(opts: ClientOptions): GitHubClient {
  const t = { ...PRODUCTION_TIMING, ...opts.timing };
  const log = opts.log ?? (() => undefined);
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number): boolean => {
      const again = retryCount < t.rateLimitRetries;
      log(
        `GitHub ${kind} on ${options.method ?? ''} ${options.url ?? ''}: ${again ? `retrying after ${retryAfter}s` : 'giving up'} (attempt ${retryCount + 1})`,
      );
      return again;
    };
  const octokit = new ThrottledOctokit({
    auth: opts.token,
    baseUrl: (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: opts.userAgent ?? 'progressive-release',
    // A 304 is the ETag cache working, not a problem worth a warning.
    log: { debug: () => undefined, info: () => undefined, warn: quiet304(log), error: quiet304(log) },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      retryAfterBaseValue: t.retryAfterBaseMs,
      // A fresh group per client: the plugin's default groups are module-wide and space writes 1 s.
      write: new Bottleneck.Group({ id: `pr-write-${Math.random()}`, maxConcurrent: 1, minTime: t.writeSpacingMs }),
    },
    retry: { retries: t.retries, retryAfterBaseValue: t.retryBaseMs },
    // A hung answer must not hang the release: every fetch (so every retry) gets its own deadline.
    request: {
      fetch: (url: string | URL, init: RequestInit = {}) => {
        const deadline = AbortSignal.timeout(t.requestTimeoutMs);
        return fetch(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
      },
    },
  });
  return octokit;
}

function quiet304(log: (m: string) => void): (m: string) => void {
  return (m) => {
    if (!/ - 304 with id /.test(m)) log(m);
  };
}

/** HTTP status of an Octokit error; undefined for anything else. */
export function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : undefined;
}

/**
 * A failure after which the request may or may not have taken effect, and trying again is
 * reasonable: 5xx (including a lost answer, which Octokit reports as 500), 429, network errors.
 */
export function isTransient(err: unknown): boolean {
  // A page instead of the API's answer (a proxy, GitHub's error page): a write may have been applied.
  if (err instanceof GitHubBadAnswerError) return true;
  const s = statusOf(err);
  // Octokit reports network failures and lost answers as 500; an error without a status is ours.
  return s !== undefined && (s >= 500 || s === 429 || (s === 403 && /rate limit/i.test(String((err as Error).message))));
}
