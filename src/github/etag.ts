/**
 * Conditional GETs: remember the ETag and the answer of every GET, send `If-None-Match` next
 * time, and answer a 304 from the cache. A 304 does not count against the primary rate limit,
 * which is what makes polling runs and the ledger cheap.
 */
import type { GitHubRequestRecord } from '../driver/telemetry.js';
import { statusOf, type GitHubClient } from './client.js';

export interface RequestStats {
  /** Requests answered by GitHub with anything but 304 (what the rate limit counts). */
  counted: number;
  /** Conditional GETs answered 304 from the cache. */
  notModified: number;
}

interface Cached {
  etag: string;
  response: unknown;
}

/** `x-ratelimit-remaining` of an answer or an error's answer, when present. */
function remainingOf(headers: Record<string, unknown> | undefined): number | undefined {
  const v = headers?.['x-ratelimit-remaining'];
  const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Installs the cache on a client; returns the live counters. `onRequest` (telemetry) is told of
 * every request with its route template, status and time, a 304 included.
 */
export function installEtagCache(octokit: GitHubClient, onRequest?: (record: GitHubRequestRecord) => void): RequestStats {
  const stats: RequestStats = { counted: 0, notModified: 0 };
  const cache = new Map<string, Cached>();
  if (onRequest) {
    // Registered before the cache's wrap, so inside it (before-after-hook nests later wraps
    // outside): a 304 arrives here as GitHub sent it, and retries (a plugin, further inside) are one call.
    octokit.hook.wrap('request', async (request, options) => {
      const startedAt = Date.now();
      const base = { method: String(options.method ?? 'GET'), route: String(options.url ?? ''), startedAt };
      try {
        const response = await request(options);
        const remaining = remainingOf(response.headers as Record<string, unknown>);
        onRequest({
          ...base,
          status: response.status,
          durationMs: Date.now() - startedAt,
          notModified: false,
          ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
        });
        return response;
      } catch (err) {
        const remaining = remainingOf((err as { response?: { headers?: Record<string, unknown> } }).response?.headers);
        const status = statusOf(err) ?? 0;
        onRequest({
          ...base,
          status,
          durationMs: Date.now() - startedAt,
          notModified: status === 304,
          ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
        });
        throw err;
      }
    });
  }
  octokit.hook.wrap('request', async (request, options) => {
    if (options.method !== 'GET') {
      stats.counted++;
      return request(options);
    }
    const url = octokit.request.endpoint.parse(options).url;
    const hit = cache.get(url);
    if (hit) options.headers = { ...options.headers, 'if-none-match': hit.etag };
    try {
      const response = await request(options);
      stats.counted++;
      const etag = response.headers.etag;
      if (typeof etag === 'string') cache.set(url, { etag, response });
      return response;
    } catch (err) {
      if (statusOf(err) === 304 && hit) {
        stats.notModified++;
        // The cached body, with the 304's own `date`: the answer is as of now (the port reads
        // GitHub's clock from it).
        const date = (err as { response?: { headers?: Record<string, unknown> } }).response?.headers?.date;
        const cached = hit.response as Awaited<ReturnType<typeof request>>;
        return date === undefined ? cached : { ...cached, headers: { ...cached.headers, date: String(date) } };
      }
      stats.counted++;
      throw err;
    }
  });
  return stats;
}
