/**
 * The HTTP edge shared by the providers: one request with a timeout (AbortSignal), auth and
 * custom headers from the environment, and failures classified into messages a person can act
 * on. Providers catch everything this throws and return it as an `error` observation.
 */
import type { Provider, Reducer } from '../plan/types.js';
import type { Observation, SeriesObservation } from '../core/values.js';
import { requireEnv, type Env } from './secrets.js';
import { messageOf } from '../report/message.js';

/** The slice of `fetch` the providers use; tests inject their own. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{ status: number; statusText: string; text(): Promise<string> }>;

/** What every provider needs besides the request. */
export interface ProviderDeps {
  fetch: FetchLike;
  env: Env;
  /** Scrubs secrets from text; applied to every message a provider returns. */
  redact: (text: string) => string;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  text: string;
}

/** The error an instant and a range read both return (Observation and SeriesObservation share it). */
export type ErrorObservation = Extract<Observation, { kind: 'error' }>;

/** A failed exchange (timeout, refused connection, ...): the message says which. */
export class HttpError extends Error {
  override name = 'HttpError';
}

/** Sends one request; resolves with any HTTP status (the caller reads error bodies), rejects with HttpError on transport failure. */
export async function httpRequest(
  deps: ProviderDeps,
  req: { url: string; method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
): Promise<HttpAnswer> {
  const controller = new AbortController();
  // The loader defaults provider.timeoutMs to 10 s; a hand-built provider without one gets the same, never "no timeout".
  const timeoutMs = req.timeoutMs > 0 ? req.timeoutMs : 10_000;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const init: Parameters<FetchLike>[1] = { method: req.method, headers: req.headers, signal: controller.signal };
    if (req.body !== undefined) init.body = req.body;
    const res = await deps.fetch(req.url, init);
    // The body read is under the same deadline: a server that sends headers and then stalls is a timeout too.
    const text = await res.text();
    return { status: res.status, statusText: res.statusText, text };
  } catch (err) {
    if (controller.signal.aborted) throw new HttpError(`no answer within ${formatMs(timeoutMs)} (timeout) from ${safeUrl(req.url)}`);
    throw new HttpError(`request to ${safeUrl(req.url)} failed: ${causeOf(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The URL without its query string (which may be long, and carries the query already named elsewhere). */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** Node's fetch says "fetch failed" and hides the reason in `cause` (ECONNREFUSED, ENOTFOUND...). */
function causeOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: string }).code;
    return code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return err.message;
}

/** The provider's base URL (from `url` or the variable named by `urlEnv`), without a trailing slash. */
export function baseUrl(provider: Provider, env: Env): string | undefined {
  let url: string | undefined;
  if ('url' in provider && provider.url) url = provider.url;
  else if ('urlEnv' in provider && provider.urlEnv) url = requireEnv(env, provider.urlEnv, `provider ${provider.name} url`);
  return url?.replace(/\/+$/, '');
}

/** Custom headers (literal or `{env: NAME}`) plus bearer or basic auth. Throws MissingEnvError naming the variable. */
export function authHeaders(provider: Provider, env: Env): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(provider.headers ?? {})) {
    headers[name] = typeof value === 'string' ? value : requireEnv(env, value.env, `provider ${provider.name} header ${name}`);
  }
  if ('bearerTokenEnv' in provider && provider.bearerTokenEnv) {
    headers.Authorization = `Bearer ${requireEnv(env, provider.bearerTokenEnv, `provider ${provider.name} bearer token`)}`;
  }
  if ('basicAuth' in provider && provider.basicAuth) {
    const user = requireEnv(env, provider.basicAuth.usernameEnv, `provider ${provider.name} basic auth user`);
    const pass = requireEnv(env, provider.basicAuth.passwordEnv, `provider ${provider.name} basic auth password`);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  }
  return headers;
}

/**
 * Parses a JSON body; the error says what came back instead (first bytes). `redact` scrubs the
 * WHOLE text before the excerpt is cut: cut first, a secret straddling the cut leaks its head.
 */
export function parseJson(text: string, what: string, redact: (t: string) => string = (t) => t): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const head = redact(text).slice(0, 120).replace(/\s+/g, ' ');
    throw new HttpError(`${what} answered with something that is not JSON: '${head}${text.length > 120 ? '...' : ''}'`);
  }
}

/**
 * The answer's JSON body, or the error observation a non-JSON answer becomes (with the HTTP
 * status in front when the answer was an HTTP error, so a proxy's HTML 502 page reads as a 502).
 */
export function jsonBody<T>(answer: HttpAnswer, what: string, redact: (t: string) => string): { body: T } | { error: ErrorObservation } {
  try {
    return { body: parseJson(answer.text, what, redact) as T };
  } catch (err) {
    const prefix = answer.status >= 400 ? `HTTP ${answer.status} ${answer.statusText}: ` : '';
    return { error: { kind: 'error', message: redact(prefix + messageOf(err)) } };
  }
}

/**
 * Several series (or values) where only some have a number: no data, never a reduced value of
 * the rest. A `max` over the series that answered would hide the one that did not (the region
 * whose error ratio is NaN because its requests stopped), so part of the data counts as none
 * (the gate's `onNoData` decides, but never passes it), while a breach among the values that
 * did answer still fails the gate (`answered`). `how` says how to drop such series on purpose.
 */
export function partialData(missing: readonly string[], total: number, how: string, answered: readonly number[]): Observation {
  const names = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
  return {
    kind: 'no-data',
    detail: `${missing.length} of ${total} series have no finite value (${names}); a gate is not decided on part of its data: ${how}`,
    answered: [...answered],
  };
}

/** Series labels come from the backend and may echo anything: scrub them too (instant and range observations alike). */
export function redactObservation<O extends Observation | SeriesObservation>(obs: O, redact: (t: string) => string): O {
  if (obs.kind === 'error') return { ...obs, message: redact(obs.message) };
  if (obs.kind === 'no-data') return { ...obs, detail: redact(obs.detail) };
  return obs.detail === undefined ? obs : { ...obs, detail: redact(obs.detail) };
}

/** Reduces values with a gate's reducer (values are finite; `last` is the last in order). */
export function reduceValues(values: readonly number[], reducer: Reducer): number {
  switch (reducer) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
    case 'last':
      return values[values.length - 1] as number;
  }
}

/** Reads a number the way backends write them: numbers, or strings such as "0.25", "NaN", "+Inf". */
export function numberOf(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return undefined;
  const t = raw.trim();
  if (t === 'NaN') return Number.NaN;
  if (t === '+Inf' || t === 'Inf') return Number.POSITIVE_INFINITY;
  if (t === '-Inf') return Number.NEGATIVE_INFINITY;
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}
