/**
 * Prometheus: one instant query (`/api/v1/query`) evaluated AT the measurement time, so a
 * measurement means the same thing whether it runs on time or late (reconcile, retries).
 * Shapes (Prometheus HTTP API): `{status: "success", data: {resultType, result}}` or
 * `{status: "error", errorType, error}` (with HTTP 400/422/503). Following argo-rollouts'
 * provider, every failure becomes data (an `error` observation), never an exception.
 */
import { contextValues } from '../plan/template.js';
import type { MeasureRequest } from '../driver/ports.js';
import type { Observation } from '../core/values.js';
import { renderFor } from '../plan/escape.js';
import { authHeaders, baseUrl, httpRequest, numberOf, jsonBody, partialData, redactObservation, reduceValues, type ProviderDeps } from './http.js';
import { messageOf } from '../report/message.js';

/** Renders the gate's PromQL for a region/step, every value escaped for where it sits. */
export function renderPromql(req: Pick<MeasureRequest, 'gate' | 'context'>): string {
  if (req.gate.query === undefined) throw new Error(`gate ${req.gate.name} has no query`);
  return renderFor('promql', req.gate.query, contextValues(req.context));
}

interface Sample {
  metric?: Record<string, string>;
  value?: [number, string];
}

/** `name{a="b", c="d"}`, the way Prometheus prints a series. */
export function seriesName(metric: Record<string, string> | undefined): string {
  const m = { ...(metric ?? {}) };
  const name = m.__name__ ?? '';
  delete m.__name__;
  const labels = Object.keys(m)
    .sort()
    .map((k) => `${k}="${m[k]}"`)
    .join(', ');
  return `${name}{${labels}}`;
}

function nonFinite(value: number, where: string): Observation {
  return { kind: 'no-data', detail: `${where} is ${value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN'}` };
}

/** Turns a successful query's `data` into an observation. Exported for tests of the shapes. */
export function observationOf(data: unknown, reducer: MeasureRequest['gate']['reduce']): Observation {
  const d = data as { resultType?: unknown; result?: unknown } | undefined;
  switch (d?.resultType) {
    case 'scalar': {
      const value = numberOf((d.result as unknown[] | undefined)?.[1]);
      if (value === undefined) return { kind: 'error', message: 'Prometheus returned a scalar without a number' };
      return Number.isFinite(value) ? { kind: 'value', value, detail: 'scalar' } : nonFinite(value, 'the scalar');
    }
    case 'vector': {
      const samples = Array.isArray(d.result) ? (d.result as Sample[]) : [];
      if (samples.length === 0) return { kind: 'no-data', detail: 'the query returned an empty vector (no series match)' };
      const read = samples.map((s) => ({ name: seriesName(s.metric), value: numberOf(s.value?.[1]) }));
      const bad = read.find((r) => r.value === undefined);
      if (bad) return { kind: 'error', message: `Prometheus returned a sample without a number for ${bad.name}` };
      if (read.length === 1) {
        const only = read[0] as { name: string; value: number };
        return Number.isFinite(only.value) ? { kind: 'value', value: only.value, detail: only.name } : nonFinite(only.value, only.name);
      }
      if (reducer === undefined || reducer === 'last') {
        const names = read
          .slice(0, 5)
          .map((r) => r.name)
          .join(', ');
        const more = read.length > 5 ? ` and ${read.length - 5} more` : '';
        const how =
          reducer === 'last'
            ? 'reduce: last needs one series; use sum, avg, max or min'
            : 'aggregate them in the query (e.g. sum(...)) or set reduce: sum|avg|max|min on the gate';
        return { kind: 'error', message: `the query returned ${read.length} series, expected one: ${names}${more}; ${how}` };
      }
      const missing = read.filter((r) => !Number.isFinite(r.value));
      if (missing.length === read.length) return { kind: 'no-data', detail: `all ${read.length} series are NaN or infinite` };
      if (missing.length > 0) {
        const answered = read.filter((r) => Number.isFinite(r.value)).map((r) => r.value as number);
        return partialData(
          missing.map((r) => `${r.name} = ${String(r.value)}`),
          read.length,
          'drop them in the query if that is intended (e.g. (expr) == (expr) keeps the series that are not NaN)',
          answered,
        );
      }
      return {
        kind: 'value',
        value: reduceValues(
          read.map((r) => r.value as number),
          reducer,
        ),
        detail: `${reducer} of ${read.length} series`,
      };
    }
    case 'matrix':
      return {
        kind: 'error',
        message:
          'the query returned a range vector (matrix); a gate needs one instant value: wrap the range selector in a function such as rate(x[5m]) or avg_over_time(x[5m])',
      };
    case 'string':
      return { kind: 'error', message: 'the query returned a string; a gate needs a number' };
    default:
      return { kind: 'error', message: `Prometheus answered without a known resultType (${JSON.stringify(d?.resultType ?? null)})` };
  }
}

/** Runs one instant query; never throws. */
export async function measurePrometheus(deps: ProviderDeps, req: MeasureRequest): Promise<Observation> {
  try {
    const base = baseUrl(req.provider, deps.env);
    if (base === undefined) return { kind: 'error', message: `provider ${req.provider.name} has no url` };
    const query = renderPromql(req);
    const params = new URLSearchParams({ query, time: (req.at / 1000).toFixed(3) });
    const headers = authHeaders(req.provider, deps.env);
    const endpoint = `${base}/api/v1/query`;
    // POST (form-encoded) is Prometheus' answer to long queries hitting URL length limits.
    const post = req.gate.method === 'POST';
    if (post) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const answer = await httpRequest(deps, {
      url: post ? endpoint : `${endpoint}?${params.toString()}`,
      method: post ? 'POST' : 'GET',
      headers,
      ...(post ? { body: params.toString() } : {}),
      timeoutMs: req.provider.timeoutMs,
    });
    const parsed = jsonBody<{ status?: unknown; data?: unknown; error?: unknown; errorType?: unknown } | undefined>(answer, 'Prometheus', deps.redact);
    if ('error' in parsed) return parsed.error;
    const body = parsed.body;
    if (body?.status === 'error' || answer.status >= 400) {
      const kind = typeof body?.errorType === 'string' ? ` (${body.errorType})` : '';
      const why = typeof body?.error === 'string' ? body.error : 'no error message';
      return { kind: 'error', message: deps.redact(`Prometheus: HTTP ${answer.status}${kind}: ${why}`) };
    }
    if (body?.status !== 'success') return { kind: 'error', message: deps.redact(`Prometheus answered with status ${JSON.stringify(body?.status ?? null)}`) };
    const obs = observationOf(body.data, req.gate.reduce);
    return redactObservation(obs, deps.redact);
  } catch (err) {
    return { kind: 'error', message: deps.redact(messageOf(err)) };
  }
}
