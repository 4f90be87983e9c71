/**
 * What every GitHub adapter function needs: the request function (a slice of Octokit, so tests
 * can pass a plain function), the repository, time, and the delays of guarded writes.
 */
import { FatalPortError } from '../driver/ports.js';
import { isTransient } from './client.js';
import { messageOf } from '../report/message.js';

/** The slice of Octokit the adapters use. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Octokit's untyped-route overload answers `any`.
export type RequestFn = (route: string, params?: Record<string, unknown>) => Promise<{ status: number; data: any; headers: Record<string, unknown> }>;

export interface GhContext {
  request: RequestFn;
  owner: string;
  repo: string;
  now: () => number;
  /** GitHub's time (our clock corrected by the `date` header of the latest answer): for `created>=` bounds. */
  serverNow: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Delays before each retry of a guarded write (its length is the number of retries). */
  writeRetryDelaysMs: number[];
  /** Delays between looks for a just-dispatched run (runs appear in lists with a delay). */
  findDelaysMs: number[];
  log: (message: string) => void;
}

/** `request: { retries: 0 }`: the retry plugin must not repeat a write that may have taken effect. */
export const NO_RETRY = { retries: 0 } as const;

/**
 * A write that must not happen twice: try it; after a failure that may have taken effect (5xx,
 * a lost answer), look for its result before trying again, and stop as soon as it is found.
 * Without `lookup` a transient failure is not retried at all: we could not tell.
 */
export async function guardedWrite<T>(ctx: GhContext, what: string, attempt: () => Promise<T>, lookup?: () => Promise<T | undefined>): Promise<T> {
  let last: unknown;
  const tries = lookup ? ctx.writeRetryDelaysMs.length + 1 : 1;
  for (let i = 0; i < tries; i++) {
    if (i > 0 && lookup) {
      await ctx.sleep(ctx.writeRetryDelaysMs[i - 1] ?? 0);
      try {
        const found = await lookup();
        if (found !== undefined) {
          ctx.log(`${what}: the earlier attempt took effect (found after: ${messageOf(last)})`);
          return found;
        }
      } catch (err) {
        // A permission the token lacks or a refused token will not change by looking again.
        if (err instanceof FatalPortError) throw err;
        // Cannot tell whether the write happened: do not write again, look again next round.
        last = err;
        ctx.log(`${what}: lookup failed (${messageOf(err)}); not writing blind`);
        continue;
      }
    }
    try {
      return await attempt();
    } catch (err) {
      if (!isTransient(err)) throw err;
      last = err;
      ctx.log(`${what}: ${messageOf(err)}${lookup ? '; will check whether it took effect' : ''}`);
    }
  }
  // The cause is kept: what stopped the last attempt (GitHub unreachable, a page instead of an answer) is what a person must fix.
  throw new Error(`${what} failed${lookup ? ` after ${tries} attempts` : ' and cannot be checked, so it is not repeated'}: ${messageOf(last)}`, {
    cause: last,
  });
}

/** ISO time without milliseconds (GitHub's search qualifiers take seconds). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The context with `extra` merged into every request's Octokit `request` options (an abort signal, retries). */
export function withRequestOptions(ctx: GhContext, extra: Record<string, unknown>): GhContext {
  return {
    ...ctx,
    request: (route, params = {}) => ctx.request(route, { ...params, request: { ...(params.request as Record<string, unknown> | undefined), ...extra } }),
  };
}

/** Waits `ms`, or less when `signal` aborts first. */
export function sleepUnless(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
