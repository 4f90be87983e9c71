/**
 * Conditional GETs: remember the ETag and the answer of every GET, send `If-None-Match` next
 * time, and answer a 304 from the cache. A 304 does not count against the primary rate limit,
 * which is what makes polling runs and the ledger cheap.
 */
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

/** Installs the cache on a client; returns the live counters. */
export function installEtagCache(octokit: GitHubClient): RequestStats {
  const stats: RequestStats = { counted: 0, notModified: 0 };
  const cache = new Map<string, Cached>();
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
