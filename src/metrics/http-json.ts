/**
 * HTTP JSON: any endpoint that answers JSON. The gate gives a URL template (absolute, or
 * relative to the provider's url), a method, an optional body template and a JSONPath to the
 * value, evaluated by jsonpath-plus (a real implementation of the expression language, not a
 * hand-written subset). URL values are percent-encoded; body values JSON-escaped.
 */
import { JSONPath } from 'jsonpath-plus';
import { contextValues, instantRange } from '../plan/template.js';
import type { MeasureRequest, RangeRequest } from '../driver/ports.js';
import type { Observation, SeriesObservation } from '../core/values.js';
import { readRange } from './series.js';
import { jsonPathSeries } from './http-json-series.js';
import { renderFor } from '../plan/escape.js';
import {
  authHeaders,
  baseUrl,
  httpRequest,
  numberOf,
  parseJson,
  partialData,
  redactObservation,
  reduceValues,
  safeUrl,
  type ErrorObservation,
  type ProviderDeps,
} from './http.js';
import { messageOf } from '../report/message.js';

/**
 * The request a gate makes for a region/step: URL and body rendered and escaped. `url` is the URL
 * template when it is not the gate's own (a range read of a baseline's or a volume query).
 */
export function renderHttpJson(
  req: Pick<MeasureRequest, 'gate' | 'context' | 'provider'> & { url?: string },
  env: Readonly<Record<string, string | undefined>>,
): { url: string; body?: string } {
  const values = contextValues(req.context);
  const base = baseUrl(req.provider, env);
  const template = req.url ?? req.gate.url;
  const path = template !== undefined ? renderFor('url', template, values) : '';
  let url: string;
  if (/^https?:\/\//i.test(path)) url = path;
  else if (base !== undefined) url = path === '' ? base : `${base}${path.startsWith('/') ? '' : '/'}${path}`;
  else throw new Error(`gate ${req.gate.name}: url '${path}' is relative and provider ${req.provider.name} has no url`);
  return req.gate.body !== undefined ? { url, body: renderFor('json', req.gate.body, values) } : { url };
}

/** Reads the value at the gate's JSONPath. Exported for tests of the shapes. */
export function jsonPathObservation(
  json: unknown,
  path: string,
  reducer: MeasureRequest['gate']['reduce'],
  redact: (t: string) => string = (t) => t,
): Observation {
  let found: unknown[];
  try {
    found = JSONPath({ path, json: json as object, wrap: true, eval: false }) as unknown[];
  } catch (err) {
    return { kind: 'error', message: `JSONPath ${path} could not be evaluated: ${messageOf(err)}` };
  }
  const present = found.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return { kind: 'no-data', detail: `JSONPath ${path} matched ${found.length === 0 ? 'nothing' : 'only null'}` };
  if (present.length < found.length) {
    const missing = found.flatMap((v, i) => (v === null || v === undefined ? [`value ${i + 1} = null`] : []));
    const answered = present.map(numberOf).filter((n): n is number => n !== undefined && Number.isFinite(n));
    return partialData(missing, found.length, `narrow the JSONPath ${path} if that is intended`, answered);
  }
  const numbers = present.map(numberOf);
  const badAt = numbers.findIndex((n) => n === undefined);
  if (badAt >= 0)
    return { kind: 'error', message: `JSONPath ${path} matched ${redact(JSON.stringify(present[badAt]) ?? '').slice(0, 80)}, which is not a number` };
  if (numbers.length > 1 && reducer === undefined) {
    return {
      kind: 'error',
      message: `JSONPath ${path} matched ${numbers.length} values, expected one; narrow the path or set reduce: sum|avg|max|min|last on the gate`,
    };
  }
  const finite = (numbers as number[]).filter((n) => Number.isFinite(n));
  if (finite.length === 0) return { kind: 'no-data', detail: `JSONPath ${path} matched a non-finite number` };
  if (finite.length < numbers.length) {
    const missing = (numbers as number[]).flatMap((n, i) => (Number.isFinite(n) ? [] : [`value ${i + 1} = ${String(n)}`]));
    return partialData(missing, numbers.length, `narrow the JSONPath ${path} if that is intended`, finite);
  }
  if (numbers.length === 1) return { kind: 'value', value: finite[0] as number, detail: path };
  return { kind: 'value', value: reduceValues(finite, reducer ?? 'last'), detail: `${reducer} of ${finite.length} values at ${path}` };
}

/** Sends the gate's request and parses the JSON answer, or returns the error observation any other answer becomes. */
async function fetchJson(
  deps: ProviderDeps,
  req: Pick<MeasureRequest, 'gate' | 'context' | 'provider'> & { url?: string },
): Promise<{ json: unknown } | { error: ErrorObservation }> {
  const { url, body } = renderHttpJson(req, deps.env);
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(req.provider, deps.env) };
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  const answer = await httpRequest(deps, {
    url,
    method: req.gate.method,
    headers,
    ...(body !== undefined ? { body } : {}),
    timeoutMs: req.provider.timeoutMs,
  });
  if (answer.status >= 400) {
    // Scrub the whole body before cutting the excerpt: a secret cut in half is not found by the redactor.
    const excerpt = deps.redact(answer.text).slice(0, 200).replace(/\s+/g, ' ');
    return { error: { kind: 'error', message: deps.redact(`HTTP ${answer.status} ${answer.statusText} from ${safeUrl(url)}: ${excerpt}`) } };
  }
  return { json: parseJson(answer.text, safeUrl(url), deps.redact) };
}

/** Runs one request; never throws. */
export async function measureHttpJson(deps: ProviderDeps, req: MeasureRequest): Promise<Observation> {
  try {
    if (req.gate.path === undefined) return { kind: 'error', message: `gate ${req.gate.name} has no JSONPath (path)` };
    const answer = await fetchJson(deps, { ...req, context: { ...req.context, range: instantRange(req.at, req.gate) } });
    if ('error' in answer) return answer.error;
    return redactObservation(jsonPathObservation(answer.json, req.gate.path, req.gate.reduce, deps.redact), deps.redact);
  } catch (err) {
    return { kind: 'error', message: deps.redact(messageOf(err)) };
  }
}

/** Reads one request's series over a range (the forms: src/metrics/http-json-series.ts); never throws. */
export async function measureHttpJsonRange(deps: ProviderDeps, req: RangeRequest): Promise<SeriesObservation> {
  const path = req.gate.path;
  if (path === undefined) return { kind: 'error', message: `gate ${req.gate.name} has no JSONPath (path)` };
  return readRange(req, deps.redact, async (grid) => {
    const range = { start: grid.start, end: grid.end, stepMs: grid.stepMs };
    const answer = await fetchJson(deps, { ...req, url: req.query, context: { ...req.context, range } });
    return 'error' in answer ? answer.error : jsonPathSeries(answer.json, path, grid, req.gate.reduce, deps.redact);
  });
}
