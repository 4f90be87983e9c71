import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  authHeaders,
  baseUrl,
  httpRequest,
  jsonBody,
  numberOf,
  partialData,
  redactObservation,
  reduceValues
} from "./chunk-metrics-http.js";
import "./chunk-metrics-secrets.js";
import {
  contextValues,
  messageOf,
  renderFor
} from "./chunk-plan-duration.js";

// src/metrics/prometheus.ts
function renderPromql(req) {
  if (req.gate.query === void 0) throw new Error(`gate ${req.gate.name} has no query`);
  return renderFor("promql", req.gate.query, contextValues(req.context));
}
function seriesName(metric) {
  const m = { ...metric ?? {} };
  const name = m.__name__ ?? "";
  delete m.__name__;
  const labels = Object.keys(m).sort().map((k) => `${k}="${m[k]}"`).join(", ");
  return `${name}{${labels}}`;
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
      if (reducer === void 0 || reducer === "last") {
        const names = read.slice(0, 5).map((r) => r.name).join(", ");
        const more = read.length > 5 ? ` and ${read.length - 5} more` : "";
        const how = reducer === "last" ? "reduce: last needs one series; use sum, avg, max or min" : "aggregate them in the query (e.g. sum(...)) or set reduce: sum|avg|max|min on the gate";
        return { kind: "error", message: `the query returned ${read.length} series, expected one: ${names}${more}; ${how}` };
      }
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
async function measurePrometheus(deps, req) {
  try {
    const base = baseUrl(req.provider, deps.env);
    if (base === void 0) return { kind: "error", message: `provider ${req.provider.name} has no url` };
    const query = renderPromql(req);
    const params = new URLSearchParams({ query, time: (req.at / 1e3).toFixed(3) });
    const headers = authHeaders(req.provider, deps.env);
    const endpoint = `${base}/api/v1/query`;
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
    if ("error" in parsed) return parsed.error;
    const body = parsed.body;
    if (body?.status === "error" || answer.status >= 400) {
      const kind = typeof body?.errorType === "string" ? ` (${body.errorType})` : "";
      const why = typeof body?.error === "string" ? body.error : "no error message";
      return { kind: "error", message: deps.redact(`Prometheus: HTTP ${answer.status}${kind}: ${why}`) };
    }
    if (body?.status !== "success") return { kind: "error", message: deps.redact(`Prometheus answered with status ${JSON.stringify(body?.status ?? null)}`) };
    const obs = observationOf(body.data, req.gate.reduce);
    return redactObservation(obs, deps.redact);
  } catch (err) {
    return { kind: "error", message: deps.redact(messageOf(err)) };
  }
}
export {
  measurePrometheus,
  observationOf,
  renderPromql,
  seriesName
};
