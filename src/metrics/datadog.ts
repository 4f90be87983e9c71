/**
 * Datadog: the v1 metrics query (`GET /api/v1/query?from=&to=&query=`) over the gate's window
 * ending at the measurement time. Answer shape (Datadog API reference, "Query timeseries
 * points"): `{status: "ok", series: [{pointlist: [[ms, value|null], ...], scope, expression}], ...}`;
 * failures are HTTP 4xx with `{errors: ["..."]}` or `status: "error"` with `error`.
 * A series is reduced to its last non-null point (or the gate's `reduce` over its points);
 * several series are an error unless the gate says how to reduce them, and then each gives its
 * last point (a gauge's latest value per host), except for a read of event counts over the window
 * (`counts`: an slo gate's good/total, the freeze's budget), where every bucket of every series
 * is summed: the window's total, not its newest buckets'.
 */
import { contextValues } from '../plan/template.js';
import type { MeasureRequest, RangeRequest } from '../driver/ports.js';
import type { Observation, SeriesObservation } from '../core/values.js';
import type { Provider } from '../plan/types.js';
import { oneLine } from '../report/untrusted.js';
import { readRange, seriesObservation, type RangeGrid, type RawSeries } from './series.js';
import { renderFor } from '../plan/escape.js';
import {
  authHeaders,
  httpRequest,
  jsonBody,
  numberOf,
  partialData,
  redactObservation,
  reduceValues,
  type ErrorObservation,
  type ProviderDeps,
} from './http.js';
import { requireEnv } from './secrets.js';
import { messageOf } from '../report/message.js';

interface Series {
  pointlist?: Array<[number, number | null]>;
  scope?: string;
  expression?: string;
  metric?: string;
}

/** Renders the gate's Datadog query; tag values are checked and lower-cased. */
export function renderDatadogQuery(req: Pick<MeasureRequest, 'gate' | 'context'>): string {
  if (req.gate.query === undefined) throw new Error(`gate ${req.gate.name} has no query`);
  return renderFor('datadog', req.gate.query, contextValues(req.context));
}

/** The API base: `url`, else `https://api.<site>` (default site datadoghq.com). */
export function datadogBase(provider: MeasureRequest['provider']): string {
  if (provider.type !== 'datadog') throw new Error(`provider ${provider.name} is not a datadog provider`);
  if (provider.url) return provider.url.replace(/\/+$/, '');
  const site = (provider.site ?? 'datadoghq.com').replace(/^(https?:\/\/)?(api\.|app\.)?/, '').replace(/\/+$/, '');
  return `https://api.${site}`;
}

/** A series' name for messages: the backend's text, made one line (a scope cannot start a new log line). */
function seriesLabel(s: Series): string {
  const label = s.scope ?? s.expression ?? s.metric;
  return typeof label === 'string' ? oneLine(label) : '(unnamed series)';
}

/** Turns a Datadog `series` list into an observation. Exported for tests of the shapes. */
export function datadogObservation(seriesList: unknown, reducer: MeasureRequest['gate']['reduce'], counts = false): Observation {
  const list = Array.isArray(seriesList) ? (seriesList as Series[]) : [];
  if (list.length === 0) return { kind: 'no-data', detail: 'the query returned no series' };
  const perSeries = list.map((s) => {
    const points = (s.pointlist ?? []).map((p) => p?.[1]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (points.length === 0) return { label: seriesLabel(s), value: undefined, points };
    // One series: the gate's reducer works over its points; several: each gives its last point, then the reducer combines them.
    const value = list.length === 1 && reducer !== undefined ? reduceValues(points, reducer) : (points[points.length - 1] as number);
    return { label: seriesLabel(s), value, points };
  });
  if (perSeries.length > 1 && reducer === undefined) {
    const names = perSeries
      .slice(0, 5)
      .map((s) => s.label)
      .join(', ');
    return {
      kind: 'error',
      message: `the query returned ${perSeries.length} series, expected one: ${names}; aggregate them in the query or set reduce: sum|avg|max|min on the gate`,
    };
  }
  const values = perSeries.map((s) => s.value).filter((v): v is number => v !== undefined);
  if (values.length > 0 && values.length < perSeries.length) {
    return partialData(
      perSeries.filter((s) => s.value === undefined).map((s) => s.label),
      perSeries.length,
      'filter them out in the query if that is intended',
      values,
    );
  }
  if (values.length === 0)
    return { kind: 'no-data', detail: `no points in the window (${perSeries.length === 1 ? 'every point is null' : 'every series is empty'})` };
  if (counts) {
    const buckets = perSeries.flatMap((s) => s.points);
    return { kind: 'value', value: reduceValues(buckets, 'sum'), detail: `sum of ${buckets.length} buckets of ${values.length} series (event counts)` };
  }
  if (perSeries.length === 1) return { kind: 'value', value: values[0] as number, detail: `${perSeries[0]?.label} (${reducer ?? 'last point'})` };
  return { kind: 'value', value: reduceValues(values, reducer ?? 'last'), detail: `${reducer} of ${values.length} series` };
}

/** The `series` of a successful answer to a v1 query over [from, to] (epoch seconds), or the error observation any other answer becomes. */
async function datadogSeries(
  deps: ProviderDeps,
  p: Provider,
  query: string,
  from: number,
  to: number,
): Promise<{ series: unknown } | { error: ErrorObservation }> {
  if (p.type !== 'datadog') return { error: { kind: 'error', message: `provider ${p.name} is not a datadog provider` } };
  const headers = {
    ...authHeaders(p, deps.env),
    'DD-API-KEY': requireEnv(deps.env, p.apiKeyEnv, `provider ${p.name} API key`),
    'DD-APPLICATION-KEY': requireEnv(deps.env, p.appKeyEnv, `provider ${p.name} application key`),
    Accept: 'application/json',
  };
  const params = new URLSearchParams({ from: String(from), to: String(to), query });
  const answer = await httpRequest(deps, { url: `${datadogBase(p)}/api/v1/query?${params.toString()}`, method: 'GET', headers, timeoutMs: p.timeoutMs });
  const parsed = jsonBody<{ status?: unknown; series?: unknown; error?: unknown; errors?: unknown } | undefined>(answer, 'Datadog', deps.redact);
  if ('error' in parsed) return parsed;
  const body = parsed.body;
  const errors = Array.isArray(body?.errors) ? body.errors.map(String) : typeof body?.error === 'string' && body.error !== '' ? [body.error] : [];
  if (answer.status >= 400 || body?.status === 'error' || errors.length > 0) {
    return {
      error: { kind: 'error', message: deps.redact(`Datadog: HTTP ${answer.status}: ${errors.join('; ') || answer.statusText || 'no error message'}`) },
    };
  }
  return { series: body?.series };
}

/** Runs one query; never throws. */
export async function measureDatadog(deps: ProviderDeps, req: MeasureRequest): Promise<Observation> {
  try {
    const query = renderDatadogQuery(req);
    const to = Math.floor(req.at / 1000);
    const from = Math.floor((req.at - Math.max(req.gate.windowMs, 1000)) / 1000);
    const answer = await datadogSeries(deps, req.provider, query, from, to);
    if ('error' in answer) return answer.error;
    return redactObservation(datadogObservation(answer.series, req.gate.reduce, req.counts === true), deps.redact);
  } catch (err) {
    return { kind: 'error', message: deps.redact(messageOf(err)) };
  }
}

/** The points of one Datadog series, handed to `emit` as they come (`null`: an empty rollup bucket). */
function pointlistPoints(s: Series, emit: (atMs: number, value: number | null) => void): string | undefined {
  const list = (s.pointlist ?? []) as unknown[];
  if (!Array.isArray(list)) return `Datadog returned a pointlist that is not a list for ${seriesLabel(s)}`;
  for (let i = 0; i < list.length; i++) {
    const point = list[i] as unknown[] | undefined;
    const time = Array.isArray(point) ? point[0] : undefined;
    const raw = Array.isArray(point) ? point[1] : undefined;
    const value = raw === null ? null : numberOf(raw);
    if (typeof time !== 'number' || value === undefined) return `Datadog returned point ${i + 1} of ${seriesLabel(s)} without a time and a number`;
    emit(time, value);
  }
  return undefined;
}

/**
 * Turns a Datadog `series` list into a series observation over the grid. Exported for tests.
 *
 * Without a `.rollup()` Datadog picks the rollup from the length of [from, to], which grows at
 * every look, so validate requires each range query to fix it to the gate's interval
 * (plan/datadog-rollup.ts). Its buckets still need not fall on the gate's steps: each point is
 * aligned to the NEAREST step (seriesObservation). The canary and its baseline are read over the
 * same [from, to] with the same rollup, so their buckets have the same timestamps and land on the
 * same steps. What alignment cannot do is make a coarse rollup fine (Datadog enforces a coarser one
 * past its points-per-series limit): the steps between its buckets are counted as missing (fewer
 * samples, so the judge may say no data), never filled in.
 */
export function datadogRangeObservation(seriesList: unknown, grid: RangeGrid, reducer: RangeRequest['gate']['reduce']): SeriesObservation {
  const list = Array.isArray(seriesList) ? (seriesList as Series[]) : [];
  const series = list.map((s): RawSeries => ({ name: () => seriesLabel(s), read: (emit) => pointlistPoints(s, emit) }));
  return seriesObservation(grid, series, reducer, 'the query');
}

/** Reads one query over a range; never throws. */
export async function measureDatadogRange(deps: ProviderDeps, req: RangeRequest): Promise<SeriesObservation> {
  return readRange(req, deps.redact, async (grid) => {
    const query = renderFor('datadog', req.query, contextValues(req.context));
    // Whole seconds that cover the range; the points outside [start, end] are left out again.
    const answer = await datadogSeries(deps, req.provider, query, Math.floor(grid.start / 1000), Math.ceil(grid.end / 1000));
    return 'error' in answer ? answer.error : datadogRangeObservation(answer.series, grid, req.gate.reduce);
  });
}
