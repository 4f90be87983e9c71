import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  requireEnv
} from "./chunk-metrics-secrets.js";
import {
  MAX_RANGE_STEPS,
  messageOf
} from "./chunk-plan-compare.js";

// src/metrics/http.ts
var HttpError = class extends Error {
  name = "HttpError";
};
async function httpRequest(deps, req) {
  const controller = new AbortController();
  const timeoutMs = req.timeoutMs > 0 ? req.timeoutMs : 1e4;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const init = { method: req.method, headers: req.headers, signal: controller.signal };
    if (req.body !== void 0) init.body = req.body;
    const res = await deps.fetch(req.url, init);
    const text = await res.text();
    return { status: res.status, statusText: res.statusText, text };
  } catch (err) {
    if (controller.signal.aborted) throw new HttpError(`no answer within ${formatMs(timeoutMs)} (timeout) from ${safeUrl(req.url)}`);
    throw new HttpError(`request to ${safeUrl(req.url)} failed: ${causeOf(err)}`);
  } finally {
    clearTimeout(timer);
  }
}
function formatMs(ms) {
  return ms % 1e3 === 0 ? `${ms / 1e3}s` : `${ms}ms`;
}
function safeUrl(url) {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}
function causeOf(err) {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause;
  if (cause instanceof Error) {
    const code = cause.code;
    return code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return err.message;
}
function baseUrl(provider, env) {
  let url;
  if ("url" in provider && provider.url) url = provider.url;
  else if ("urlEnv" in provider && provider.urlEnv) url = requireEnv(env, provider.urlEnv, `provider ${provider.name} url`);
  return url?.replace(/\/+$/, "");
}
function authHeaders(provider, env) {
  const headers = {};
  for (const [name, value] of Object.entries(provider.headers ?? {})) {
    headers[name] = typeof value === "string" ? value : requireEnv(env, value.env, `provider ${provider.name} header ${name}`);
  }
  if ("bearerTokenEnv" in provider && provider.bearerTokenEnv) {
    headers.Authorization = `Bearer ${requireEnv(env, provider.bearerTokenEnv, `provider ${provider.name} bearer token`)}`;
  }
  if ("basicAuth" in provider && provider.basicAuth) {
    const user = requireEnv(env, provider.basicAuth.usernameEnv, `provider ${provider.name} basic auth user`);
    const pass = requireEnv(env, provider.basicAuth.passwordEnv, `provider ${provider.name} basic auth password`);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
  }
  return headers;
}
function parseJson(text, what, redact = (t) => t) {
  try {
    return JSON.parse(text);
  } catch {
    const head = redact(text).slice(0, 120).replace(/\s+/g, " ");
    throw new HttpError(`${what} answered with something that is not JSON: '${head}${text.length > 120 ? "..." : ""}'`);
  }
}
function jsonBody(answer, what, redact) {
  try {
    return { body: parseJson(answer.text, what, redact) };
  } catch (err) {
    const prefix = answer.status >= 400 ? `HTTP ${answer.status} ${answer.statusText}: ` : "";
    return { error: { kind: "error", message: redact(prefix + messageOf(err)) } };
  }
}
function partialData(missing, total, how, answered) {
  const names = missing.slice(0, 5).join(", ") + (missing.length > 5 ? ` and ${missing.length - 5} more` : "");
  return {
    kind: "no-data",
    detail: `${missing.length} of ${total} series have no finite value (${names}); a gate is not decided on part of its data: ${how}`,
    answered: [...answered]
  };
}
function redactObservation(obs, redact) {
  if (obs.kind === "error") return { ...obs, message: redact(obs.message) };
  if (obs.kind === "no-data") return { ...obs, detail: redact(obs.detail) };
  return obs.detail === void 0 ? obs : { ...obs, detail: redact(obs.detail) };
}
function reduceValues(values, reducer) {
  switch (reducer) {
    case "sum":
      return values.reduce((a, b) => a + b, 0);
    case "avg":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "max":
      return Math.max(...values);
    case "min":
      return Math.min(...values);
    case "last":
      return values[values.length - 1];
  }
}
function numberOf(raw) {
  if (typeof raw === "number") return raw;
  if (typeof raw !== "string") return void 0;
  const t = raw.trim();
  if (t === "NaN") return Number.NaN;
  if (t === "+Inf" || t === "Inf") return Number.POSITIVE_INFINITY;
  if (t === "-Inf") return Number.NEGATIVE_INFINITY;
  if (t === "" || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return void 0;
  return Number(t);
}

// src/metrics/series.ts
function rangeGrid(req) {
  const { start, end, stepMs } = req;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return `the range ${String(start)}..${String(end)} is empty or not a time range`;
  if (!Number.isFinite(stepMs) || stepMs <= 0) return `the range step must be a positive number of milliseconds, not ${String(stepMs)}`;
  const steps = Math.floor((end - start) / stepMs) + 1;
  if (steps > MAX_RANGE_STEPS) {
    return `the range from ${new Date(start).toISOString()} to ${new Date(end).toISOString()} every ${stepMs} ms is ${steps} steps; at most ${MAX_RANGE_STEPS} are read (use a longer interval)`;
  }
  return { start, end, stepMs, steps };
}
function severalSeriesError(count, names, reducer) {
  if (count < 2 || reducer !== void 0 && reducer !== "last") return void 0;
  const more = count > 5 ? ` and ${count - 5} more` : "";
  const how = reducer === "last" ? "reduce: last needs one series; use sum, avg, max or min" : "aggregate them in the query (e.g. sum(...)) or set reduce: sum|avg|max|min on the gate";
  return `the query returned ${count} series, expected one: ${names().slice(0, 5).join(", ")}${more}; ${how}`;
}
var StepTable = class {
  constructor(grid, reducer) {
    this.grid = grid;
    this.reducer = reducer;
    this.answered = new Uint32Array(grid.steps);
    this.nonFinite = new Uint8Array(grid.steps);
    this.acc = new Float64Array(grid.steps);
  }
  grid;
  reducer;
  answered;
  nonFinite;
  acc;
  outside = 0;
  /** The step a time falls on (nearest), or -1 outside [start, end]. */
  stepOf(atMs) {
    if (!(atMs >= this.grid.start && atMs <= this.grid.end)) return -1;
    return Math.min(Math.round((atMs - this.grid.start) / this.grid.stepMs), this.grid.steps - 1);
  }
  put(k, value) {
    if (!Number.isFinite(value)) {
      this.nonFinite[k] = 1;
      return;
    }
    const n = this.answered[k];
    const acc = this.acc[k];
    this.answered[k] = n + 1;
    if (n === 0) this.acc[k] = value;
    else if (this.reducer === "max") this.acc[k] = Math.max(acc, value);
    else if (this.reducer === "min") this.acc[k] = Math.min(acc, value);
    else this.acc[k] = acc + value;
  }
  /** The value at step k, or undefined: no series answered, or one answered NaN/Inf (part of the data is none, as for instant reads). */
  valueAt(k) {
    const n = this.answered[k];
    if (n === 0 || this.nonFinite[k] === 1) return void 0;
    return this.reducer === "avg" ? this.acc[k] / n : this.acc[k];
  }
};
function laySeries(table, s) {
  let pending = -1;
  let pendingValue = 0;
  let pendingDistance = Infinity;
  let order = -Infinity;
  let disorder;
  const flush = () => {
    if (pending >= 0) table.put(pending, pendingValue);
  };
  const error = s.read((atMs, value) => {
    if (atMs < order) disorder ??= `the points of ${s.name()} are not in time order`;
    order = atMs;
    const k = table.stepOf(atMs);
    if (k < 0) {
      table.outside++;
      return;
    }
    if (value === null) return;
    const distance = Math.abs(atMs - (table.grid.start + k * table.grid.stepMs));
    if (k !== pending) {
      flush();
      pending = k;
      pendingDistance = Infinity;
    }
    if (distance <= pendingDistance) {
      pendingValue = value;
      pendingDistance = distance;
    }
  });
  flush();
  return error ?? disorder;
}
function seriesObservation(grid, series, reducer, what) {
  if (series.length === 0) return { kind: "no-data", detail: `${what} returned no series` };
  const refused = severalSeriesError(series.length, () => series.slice(0, 5).map((s) => s.name()), reducer);
  if (refused !== void 0) return { kind: "error", message: refused };
  const table = new StepTable(grid, reducer);
  for (const s of series) {
    const error = laySeries(table, s);
    if (error !== void 0) return { kind: "error", message: error };
  }
  const points = [];
  let nonFinite = 0;
  for (let k = 0; k < grid.steps; k++) {
    const value = table.valueAt(k);
    if (value !== void 0) points.push({ at: grid.start + k * grid.stepMs, value });
    else if (table.nonFinite[k] === 1) nonFinite++;
  }
  const missing = grid.steps - points.length;
  const source = series.length === 1 ? series[0].name() : `${reducer} of ${series.length} series`;
  const gaps = missing === 0 ? "" : `; ${missing} of ${grid.steps} steps missing (${nonFinite} NaN or infinite, ${missing - nonFinite} without a value)`;
  const outside = table.outside > 0 ? `; ${table.outside} points outside the range left out` : "";
  if (points.length === 0) return { kind: "no-data", detail: `no step of ${grid.steps} has a finite value: ${source}${gaps}${outside}` };
  return { kind: "series", points, missing, detail: `${source}${gaps}${outside}` };
}
async function readRange(req, redact, read) {
  try {
    const grid = rangeGrid(req);
    if (typeof grid === "string") return { kind: "error", message: grid };
    return redactObservation(await read(grid), redact);
  } catch (err) {
    return { kind: "error", message: redact(messageOf(err)) };
  }
}

export {
  httpRequest,
  safeUrl,
  baseUrl,
  authHeaders,
  parseJson,
  jsonBody,
  partialData,
  redactObservation,
  reduceValues,
  numberOf,
  severalSeriesError,
  seriesObservation,
  readRange
};
