/**
 * Prometheus: one instant query (`/api/v1/query`) evaluated AT the measurement time, so a
 * measurement means the same thing whether it runs on time or late (reconcile, retries).
 * Shapes (Prometheus HTTP API): `{status: "success", data: {resultType, result}}` or
 * `{status: "error", errorType, error}` (with HTTP 400/422/503). Following argo-rollouts'
 * provider, every failure becomes data (an `error` observation), never an exception.
 */
import { contextValues } from '../plan/template.js';
import type { MeasureRequest, RangeRequest } from '../driver/ports.js';
import type { Observation, SeriesObservation } from '../core/values.js';
import { readRange, seriesObservation, severalSeriesError, type RangeGrid, type RawSeries } from './series.js';
import { escapePromqlString, renderFor } from '../plan/escape.js';
import { oneLine } from '../report/untrusted.js';
import {
  authHeaders,
  baseUrl,
  httpRequest,
  numberOf,
  jsonBody,
  partialData,
  redactObservation,
  reduceValues,
  type ErrorObservation,
  type ProviderDeps,
} from './http.js';
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

/**
 * `name{a="b", c="d"}`, the way Prometheus prints a series: label values are the backend's text,
 * so they are quoted as PromQL strings (a `"` or a line break in a value can neither end the
 * value early nor start a new log line), and what is left (a name) is made one line.
 */
export function seriesName(metric: Record<string, string> | undefined): string {
  const m = { ...(metric ?? {}) };
  const name = m.__name__ ?? '';
  delete m.__name__;
  const labels = Object.keys(m)
    .sort()
    .map((k) => `${k}="${escapePromqlString(String(m[k]))}"`)
    .join(', ');
  return oneLine(`${name}{${labels}}`);
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
      const refused = severalSeriesError(read.length, () => read.map((r) => r.name), reducer);
      // Two or more series: without a reducer severalSeriesError always refuses.
      if (refused !== undefined || reducer === undefined) return { kind: 'error', message: refused ?? 'several series need a reducer' };
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

/** The `data` of a successful answer, or the error observation any other answer becomes. */
async function prometheusData(
  deps: ProviderDeps,
  req: Pick<MeasureRequest, 'provider' | 'gate'>,
  api: 'query' | 'query_range',
  params: URLSearchParams,
): Promise<{ data: unknown } | { error: ErrorObservation }> {
  const base = baseUrl(req.provider, deps.env);
  if (base === undefined) return { error: { kind: 'error', message: `provider ${req.provider.name} has no url` } };
  const headers = authHeaders(req.provider, deps.env);
  const endpoint = `${base}/api/v1/${api}`;
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
  if ('error' in parsed) return parsed;
  const body = parsed.body;
  if (body?.status === 'error' || answer.status >= 400) {
    const kind = typeof body?.errorType === 'string' ? ` (${body.errorType})` : '';
    const why = typeof body?.error === 'string' ? body.error : 'no error message';
    return { error: { kind: 'error', message: deps.redact(`Prometheus: HTTP ${answer.status}${kind}: ${why}`) } };
  }
  if (body?.status !== 'success')
    return { error: { kind: 'error', message: deps.redact(`Prometheus answered with status ${JSON.stringify(body?.status ?? null)}`) } };
  return { data: body.data };
}

/** Runs one instant query; never throws. */
export async function measurePrometheus(deps: ProviderDeps, req: MeasureRequest): Promise<Observation> {
  try {
    const params = new URLSearchParams({ query: renderPromql(req), time: (req.at / 1000).toFixed(3) });
    const answer = await prometheusData(deps, req, 'query', params);
    if ('error' in answer) return answer.error;
    return redactObservation(observationOf(answer.data, req.gate.reduce), deps.redact);
  } catch (err) {
    return { kind: 'error', message: deps.redact(messageOf(err)) };
  }
}

interface MatrixSeries {
  metric?: Record<string, string>;
  values?: unknown;
  histograms?: unknown;
}

/** The points of one matrix series, handed to `emit` as they come (no copy of the list). */
function matrixPoints(s: MatrixSeries, emit: (atMs: number, value: number | null) => void): string | undefined {
  if (!Array.isArray(s.values)) {
    return s.histograms !== undefined
      ? `${seriesName(s.metric)} has native histogram samples, which are not numbers: use histogram_quantile(...) or a count/sum in the query`
      : `Prometheus returned a series without values: ${seriesName(s.metric)}`;
  }
  const values = s.values as unknown[];
  for (let i = 0; i < values.length; i++) {
    const point = values[i] as unknown[] | undefined;
    const time = Array.isArray(point) ? point[0] : undefined;
    const value = Array.isArray(point) ? numberOf(point[1]) : undefined;
    if (typeof time !== 'number' || value === undefined) return `Prometheus returned point ${i + 1} of ${seriesName(s.metric)} without a time and a number`;
    emit(time * 1000, value);
  }
  return undefined;
}

/** Turns a `query_range` answer's `data` into a series observation. Exported for tests of the shapes. */
export function rangeObservationOf(data: unknown, grid: RangeGrid, reducer: RangeRequest['gate']['reduce']): SeriesObservation {
  const d = data as { resultType?: unknown; result?: unknown } | undefined;
  if (d?.resultType !== 'matrix') {
    return { kind: 'error', message: `Prometheus answered a range query with ${JSON.stringify(d?.resultType ?? null)}, expected a matrix` };
  }
  const result = Array.isArray(d.result) ? (d.result as MatrixSeries[]) : [];
  const series = result.map((s): RawSeries => ({ name: () => seriesName(s.metric), read: (emit) => matrixPoints(s, emit) }));
  return seriesObservation(grid, series, reducer, 'the query');
}

/**
 * Runs one range query (`/api/v1/query_range`, start and end in seconds, step in seconds):
 * Prometheus evaluates the query at every step, so each point means what an instant read at that
 * time would have said. Never throws.
 */
export async function measurePrometheusRange(deps: ProviderDeps, req: RangeRequest): Promise<SeriesObservation> {
  return readRange(req, deps.redact, async (grid) => {
    const query = renderFor('promql', req.query, contextValues(req.context));
    const params = new URLSearchParams({ query, start: (grid.start / 1000).toFixed(3), end: (grid.end / 1000).toFixed(3), step: String(grid.stepMs / 1000) });
    const answer = await prometheusData(deps, req, 'query_range', params);
    return 'error' in answer ? answer.error : rangeObservationOf(answer.data, grid, req.gate.reduce);
  });
}
