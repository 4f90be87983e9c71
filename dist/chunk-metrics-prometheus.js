import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  authHeaders,
  baseUrl,
  httpRequest,
  jsonBody,
  numberOf,
  partialData,
  readRange,
  redactObservation,
  reduceValues,
  seriesObservation,
  severalSeriesError
} from "./chunk-metrics-http.js";
import "./chunk-metrics-secrets.js";
import {
  contextValues,
  escapePromqlString,
  renderFor
} from "./chunk-plan-compare.js";
import {
  messageOf
} from "./chunk-report-message.js";
import "./chunk-plan-duration.js";
import {
  oneLine
} from "./chunk-report-untrusted.js";
import "./chunk-runtime.js";

// src/metrics/prometheus.ts
function renderPromql(req) {
  if (req.gate.query === void 0) throw new Error(`gate ${req.gate.name} has no query`);
  return renderFor("promql", req.gate.query, contextValues(req.context));
}
function seriesName(metric) {
  const m = { ...metric ?? {} };
  const name = m.__name__ ?? "";
  delete m.__name__;
  const labels = Object.keys(m).sort().map((k) => `${k}="${escapePromqlString(String(m[k]))}"`).join(", ");
  return oneLine(`${name}{${labels}}`);
}
function nonFinite(value, where) {
  return { kind: "no-data", detail: `${where} is ${value > 0 ? "+Inf" : value < 0 ? "-Inf" : "NaN"}` };
}
function observationOf(data, reducer) {
  const d = data;
  switch (d?.resultType) {
    case "scalar": {
      const value = numberOf(d.result?.[1]);
      if (value === void 0) return { kind: "error", message: "Prometheus returned a scalar without a number" };
      return Number.isFinite(value) ? { kind: "value", value, detail: "scalar" } : nonFinite(value, "the scalar");
    }
    case "vector": {
      const samples = Array.isArray(d.result) ? d.result : [];
      if (samples.length === 0) return { kind: "no-data", detail: "the query returned an empty vector (no series match)" };
      const read = samples.map((s) => ({ name: seriesName(s.metric), value: numberOf(s.value?.[1]) }));
      const bad = read.find((r) => r.value === void 0);
      if (bad) return { kind: "error", message: `Prometheus returned a sample without a number for ${bad.name}` };
      if (read.length === 1) {
        const only = read[0];
        return Number.isFinite(only.value) ? { kind: "value", value: only.value, detail: only.name } : nonFinite(only.value, only.name);
      }
      const refused = severalSeriesError(read.length, () => read.map((r) => r.name), reducer);
      if (refused !== void 0 || reducer === void 0) return { kind: "error", message: refused ?? "several series need a reducer" };
      const missing = read.filter((r) => !Number.isFinite(r.value));
      if (missing.length === read.length) return { kind: "no-data", detail: `all ${read.length} series are NaN or infinite` };
      if (missing.length > 0) {
        const answered = read.filter((r) => Number.isFinite(r.value)).map((r) => r.value);
        return partialData(
          missing.map((r) => `${r.name} = ${String(r.value)}`),
          read.length,
          "drop them in the query if that is intended (e.g. (expr) == (expr) keeps the series that are not NaN)",
          answered
        );
      }
      return {
        kind: "value",
        value: reduceValues(
          read.map((r) => r.value),
          reducer
        ),
        detail: `${reducer} of ${read.length} series`
      };
    }
    case "matrix":
      return {
        kind: "error",
        message: "the query returned a range vector (matrix); a gate needs one instant value: wrap the range selector in a function such as rate(x[5m]) or avg_over_time(x[5m])"
      };
    case "string":
      return { kind: "error", message: "the query returned a string; a gate needs a number" };
    default:
      return { kind: "error", message: `Prometheus answered without a known resultType (${JSON.stringify(d?.resultType ?? null)})` };
  }
}
async function prometheusData(deps, req, api, params) {
  const base = baseUrl(req.provider, deps.env);
  if (base === void 0) return { error: { kind: "error", message: `provider ${req.provider.name} has no url` } };
  const headers = authHeaders(req.provider, deps.env);
  const endpoint = `${base}/api/v1/${api}`;
  const post = req.gate.method === "POST";
  if (post) headers["Content-Type"] = "application/x-www-form-urlencoded";
  const answer = await httpRequest(deps, {
    url: post ? endpoint : `${endpoint}?${params.toString()}`,
    method: post ? "POST" : "GET",
    headers,
    ...post ? { body: params.toString() } : {},
    timeoutMs: req.provider.timeoutMs
  });
  const parsed = jsonBody(answer, "Prometheus", deps.redact);
  if ("error" in parsed) return parsed;
  const body = parsed.body;
  if (body?.status === "error" || answer.status >= 400) {
    const kind = typeof body?.errorType === "string" ? ` (${body.errorType})` : "";
    const why = typeof body?.error === "string" ? body.error : "no error message";
    return { error: { kind: "error", message: deps.redact(`Prometheus: HTTP ${answer.status}${kind}: ${why}`) } };
  }
  if (body?.status !== "success")
    return { error: { kind: "error", message: deps.redact(`Prometheus answered with status ${JSON.stringify(body?.status ?? null)}`) } };
  return { data: body.data };
}
async function measurePrometheus(deps, req) {
  try {
    const params = new URLSearchParams({ query: renderPromql(req), time: (req.at / 1e3).toFixed(3) });
    const answer = await prometheusData(deps, req, "query", params);
    if ("error" in answer) return answer.error;
    return redactObservation(observationOf(answer.data, req.gate.reduce), deps.redact);
  } catch (err) {
    return { kind: "error", message: deps.redact(messageOf(err)) };
  }
}
function matrixPoints(s, emit) {
  if (!Array.isArray(s.values)) {
    return s.histograms !== void 0 ? `${seriesName(s.metric)} has native histogram samples, which are not numbers: use histogram_quantile(...) or a count/sum in the query` : `Prometheus returned a series without values: ${seriesName(s.metric)}`;
  }
  const values = s.values;
  for (let i = 0; i < values.length; i++) {
    const point = values[i];
    const time = Array.isArray(point) ? point[0] : void 0;
    const value = Array.isArray(point) ? numberOf(point[1]) : void 0;
    if (typeof time !== "number" || value === void 0) return `Prometheus returned point ${i + 1} of ${seriesName(s.metric)} without a time and a number`;
    emit(time * 1e3, value);
  }
  return void 0;
}
function rangeObservationOf(data, grid, reducer) {
  const d = data;
  if (d?.resultType !== "matrix") {
    return { kind: "error", message: `Prometheus answered a range query with ${JSON.stringify(d?.resultType ?? null)}, expected a matrix` };
  }
  const result = Array.isArray(d.result) ? d.result : [];
  const series = result.map((s) => ({ name: () => seriesName(s.metric), read: (emit) => matrixPoints(s, emit) }));
  return seriesObservation(grid, series, reducer, "the query");
}
async function measurePrometheusRange(deps, req) {
  return readRange(req, deps.redact, async (grid) => {
    const query = renderFor("promql", req.query, contextValues(req.context));
    const params = new URLSearchParams({ query, start: (grid.start / 1e3).toFixed(3), end: (grid.end / 1e3).toFixed(3), step: String(grid.stepMs / 1e3) });
    const answer = await prometheusData(deps, req, "query_range", params);
    return "error" in answer ? answer.error : rangeObservationOf(answer.data, grid, req.gate.reduce);
  });
}
export {
  measurePrometheus,
  measurePrometheusRange,
  observationOf,
  rangeObservationOf,
  renderPromql,
  seriesName
};
