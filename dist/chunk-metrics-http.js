import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  requireEnv
} from "./chunk-metrics-secrets.js";
import {
  messageOf
} from "./chunk-report-message.js";

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
  if (obs.kind === "error") return { kind: "error", message: redact(obs.message) };
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
  numberOf
};
