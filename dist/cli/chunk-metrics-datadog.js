import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  authHeaders,
  httpRequest,
  jsonBody,
  numberOf,
  partialData,
  readRange,
  redactObservation,
  reduceValues,
  seriesObservation
} from "./chunk-metrics-http.js";
import {
  requireEnv
} from "./chunk-metrics-secrets.js";
import {
  contextValues,
  messageOf,
  oneLine,
  renderFor
} from "./chunk-plan-compare.js";

// src/metrics/datadog.ts
function renderDatadogQuery(req) {
  if (req.gate.query === void 0) throw new Error(`gate ${req.gate.name} has no query`);
  return renderFor("datadog", req.gate.query, contextValues(req.context));
}
function datadogBase(provider) {
  if (provider.type !== "datadog") throw new Error(`provider ${provider.name} is not a datadog provider`);
  if (provider.url) return provider.url.replace(/\/+$/, "");
  const site = (provider.site ?? "datadoghq.com").replace(/^(https?:\/\/)?(api\.|app\.)?/, "").replace(/\/+$/, "");
  return `https://api.${site}`;
}
function seriesLabel(s) {
  const label = s.scope ?? s.expression ?? s.metric;
  return typeof label === "string" ? oneLine(label) : "(unnamed series)";
}
function datadogObservation(seriesList, reducer, counts = false) {
  const list = Array.isArray(seriesList) ? seriesList : [];
  if (list.length === 0) return { kind: "no-data", detail: "the query returned no series" };
  const perSeries = list.map((s) => {
    const points = (s.pointlist ?? []).map((p) => p?.[1]).filter((v) => typeof v === "number" && Number.isFinite(v));
    if (points.length === 0) return { label: seriesLabel(s), value: void 0, points };
    const value = list.length === 1 && reducer !== void 0 ? reduceValues(points, reducer) : points[points.length - 1];
    return { label: seriesLabel(s), value, points };
  });
  if (perSeries.length > 1 && reducer === void 0) {
    const names = perSeries.slice(0, 5).map((s) => s.label).join(", ");
    return {
      kind: "error",
      message: `the query returned ${perSeries.length} series, expected one: ${names}; aggregate them in the query or set reduce: sum|avg|max|min on the gate`
    };
  }
  const values = perSeries.map((s) => s.value).filter((v) => v !== void 0);
  if (values.length > 0 && values.length < perSeries.length) {
    return partialData(
      perSeries.filter((s) => s.value === void 0).map((s) => s.label),
      perSeries.length,
      "filter them out in the query if that is intended",
      values
    );
  }
  if (values.length === 0)
    return { kind: "no-data", detail: `no points in the window (${perSeries.length === 1 ? "every point is null" : "every series is empty"})` };
  if (counts) {
    const buckets = perSeries.flatMap((s) => s.points);
    return { kind: "value", value: reduceValues(buckets, "sum"), detail: `sum of ${buckets.length} buckets of ${values.length} series (event counts)` };
  }
  if (perSeries.length === 1) return { kind: "value", value: values[0], detail: `${perSeries[0]?.label} (${reducer ?? "last point"})` };
  return { kind: "value", value: reduceValues(values, reducer ?? "last"), detail: `${reducer} of ${values.length} series` };
}
async function datadogSeries(deps, p, query, from, to) {
  if (p.type !== "datadog") return { error: { kind: "error", message: `provider ${p.name} is not a datadog provider` } };
  const headers = {
    ...authHeaders(p, deps.env),
    "DD-API-KEY": requireEnv(deps.env, p.apiKeyEnv, `provider ${p.name} API key`),
    "DD-APPLICATION-KEY": requireEnv(deps.env, p.appKeyEnv, `provider ${p.name} application key`),
    Accept: "application/json"
  };
  const params = new URLSearchParams({ from: String(from), to: String(to), query });
  const answer = await httpRequest(deps, { url: `${datadogBase(p)}/api/v1/query?${params.toString()}`, method: "GET", headers, timeoutMs: p.timeoutMs });
  const parsed = jsonBody(answer, "Datadog", deps.redact);
  if ("error" in parsed) return parsed;
  const body = parsed.body;
  const errors = Array.isArray(body?.errors) ? body.errors.map(String) : typeof body?.error === "string" && body.error !== "" ? [body.error] : [];
  if (answer.status >= 400 || body?.status === "error" || errors.length > 0) {
    return {
      error: { kind: "error", message: deps.redact(`Datadog: HTTP ${answer.status}: ${errors.join("; ") || answer.statusText || "no error message"}`) }
    };
  }
  return { series: body?.series };
}
async function measureDatadog(deps, req) {
  try {
    const query = renderDatadogQuery(req);
    const to = Math.floor(req.at / 1e3);
    const from = Math.floor((req.at - Math.max(req.gate.windowMs, 1e3)) / 1e3);
    const answer = await datadogSeries(deps, req.provider, query, from, to);
    if ("error" in answer) return answer.error;
    return redactObservation(datadogObservation(answer.series, req.gate.reduce, req.counts === true), deps.redact);
  } catch (err) {
    return { kind: "error", message: deps.redact(messageOf(err)) };
  }
}
function pointlistPoints(s, emit) {
  const list = s.pointlist ?? [];
  if (!Array.isArray(list)) return `Datadog returned a pointlist that is not a list for ${seriesLabel(s)}`;
  for (let i = 0; i < list.length; i++) {
    const point = list[i];
    const time = Array.isArray(point) ? point[0] : void 0;
    const raw = Array.isArray(point) ? point[1] : void 0;
    const value = raw === null ? null : numberOf(raw);
    if (typeof time !== "number" || value === void 0) return `Datadog returned point ${i + 1} of ${seriesLabel(s)} without a time and a number`;
    emit(time, value);
  }
  return void 0;
}
function datadogRangeObservation(seriesList, grid, reducer) {
  const list = Array.isArray(seriesList) ? seriesList : [];
  const series = list.map((s) => ({ name: () => seriesLabel(s), read: (emit) => pointlistPoints(s, emit) }));
  return seriesObservation(grid, series, reducer, "the query");
}
async function measureDatadogRange(deps, req) {
  return readRange(req, deps.redact, async (grid) => {
    const query = renderFor("datadog", req.query, contextValues(req.context));
    const answer = await datadogSeries(deps, req.provider, query, Math.floor(grid.start / 1e3), Math.ceil(grid.end / 1e3));
    return "error" in answer ? answer.error : datadogRangeObservation(answer.series, grid, req.gate.reduce);
  });
}
export {
  datadogBase,
  datadogObservation,
  datadogRangeObservation,
  measureDatadog,
  measureDatadogRange,
  renderDatadogQuery
};
