import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  collectSecrets
} from "./chunk-metrics-secrets.js";
import {
  messageOf
} from "./chunk-report-message.js";
import {
  formatDuration
} from "./chunk-plan-duration.js";
import {
  plural,
  truncate
} from "./chunk-plan-words.js";

// src/metrics/registry.ts
var loadPrometheus = () => import("./chunk-metrics-prometheus.js");
var loadDatadog = () => import("./chunk-metrics-datadog.js");
var loadHttpJson = () => import("./chunk-metrics-http-json.js");
var BACKEND_TEXT_MAX = 1e3;
function bounded(obs) {
  if (obs.kind === "error") return { ...obs, message: truncate(obs.message, BACKEND_TEXT_MAX) };
  if (obs.kind === "no-data") return { ...obs, detail: truncate(obs.detail, BACKEND_TEXT_MAX) };
  return obs.detail === void 0 ? obs : { ...obs, detail: truncate(obs.detail, BACKEND_TEXT_MAX) };
}
function createMetricsPort(plan, env, opts) {
  const redactor = collectSecrets(plan, env, opts.setSecret);
  const deps = { fetch: opts.fetch ?? globalThis.fetch, env, redact: (t) => redactor.redact(t) };
  const guarded = async (read2) => {
    try {
      return bounded(await read2());
    } catch (err) {
      return { kind: "error", message: truncate(redactor.redact(messageOf(err)), BACKEND_TEXT_MAX) };
    }
  };
  const measure = (req) => guarded(async () => {
    switch (req.provider.type) {
      case "prometheus":
        return (await loadPrometheus()).measurePrometheus(deps, req);
      case "datadog":
        return (await loadDatadog()).measureDatadog(deps, req);
      case "http-json":
        return (await loadHttpJson()).measureHttpJson(deps, req);
      default:
        return unsupported(req.provider);
    }
  });
  const measureRange = (req) => guarded(async () => {
    switch (req.provider.type) {
      case "prometheus":
        return (await loadPrometheus()).measurePrometheusRange(deps, req);
      case "datadog":
        return (await loadDatadog()).measureDatadogRange(deps, req);
      case "http-json":
        return (await loadHttpJson()).measureHttpJsonRange(deps, req);
      default:
        return unsupported(req.provider);
    }
  });
  return { redactor, measure, measureRange };
}
function unsupported(provider) {
  if (provider.type === "synthetic") return { kind: "error", message: `provider ${provider.name} is synthetic: it only works in simulate` };
  return { kind: "error", message: `provider type ${String(provider.type)} is not supported` };
}

// src/core/verdict.ts
function fmt(n) {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4)));
}
function partialBreach(values, gate) {
  if (values.length === 0) return void 0;
  if (gate.max !== void 0 && gate.reduce === "max") {
    const v = Math.max(...values);
    if (v > gate.max) return { reasonCode: "above-max", reason: `a series is at ${fmt(v)}, above max ${fmt(gate.max)},`, value: v, threshold: gate.max };
  }
  if (gate.min !== void 0 && gate.reduce === "min") {
    const v = Math.min(...values);
    if (v < gate.min) return { reasonCode: "below-min", reason: `a series is at ${fmt(v)}, below min ${fmt(gate.min)},`, value: v, threshold: gate.min };
  }
  if (gate.max !== void 0 && gate.reduce === "sum" && values.every((v) => v >= 0)) {
    const v = values.reduce((a, b) => a + b, 0);
    if (v > gate.max)
      return {
        reasonCode: "above-max",
        reason: `the series that answered already sum to ${fmt(v)}, above max ${fmt(gate.max)},`,
        value: v,
        threshold: gate.max
      };
  }
  return void 0;
}
function assessObservation(obs, gate) {
  const limits = {};
  if (gate.min !== void 0) limits.min = gate.min;
  if (gate.max !== void 0) limits.max = gate.max;
  if (obs.kind === "error") {
    return { phase: "error", reasonCode: "metric-error", reason: `metric backend error: ${obs.message}`, numbers: limits };
  }
  if (obs.kind === "no-data" || !Number.isFinite(obs.value)) {
    const detail = obs.kind === "no-data" ? obs.detail : `value is ${String(obs.value)}`;
    const partial = obs.kind === "no-data" ? obs.answered : void 0;
    if (partial !== void 0) {
      const breach = partialBreach(partial, gate);
      if (breach)
        return {
          phase: "failed",
          reasonCode: breach.reasonCode,
          reason: `${breach.reason} although ${detail}`,
          numbers: { ...limits, value: breach.value, threshold: breach.threshold }
        };
    }
    switch (gate.onNoData) {
      case "pass":
        if (partial !== void 0)
          return {
            phase: "inconclusive",
            reasonCode: "partial-data",
            reason: `part of the data is missing (${detail}); inconclusive (onNoData: pass does not apply to part of the data)`,
            numbers: limits,
            noData: true
          };
        return { phase: "successful", reasonCode: "no-data-pass", reason: `no data (${detail}); counted as success (onNoData: pass)`, numbers: limits };
      case "fail":
        return {
          phase: "failed",
          reasonCode: "no-data-fail",
          reason: `no data (${detail}); counted as failure (onNoData: fail)`,
          numbers: limits,
          noData: true
        };
      case "wait":
        return { phase: "wait", reasonCode: "no-data-wait", reason: `no data (${detail}); measuring again (onNoData: wait)`, numbers: limits, noData: true };
      default:
        return { phase: "inconclusive", reasonCode: "no-data", reason: `no data (${detail}); inconclusive`, numbers: limits, noData: true };
    }
  }
  const numbers = { ...limits, value: obs.value };
  if (gate.min === void 0 && gate.max === void 0) {
    return { phase: "inconclusive", reasonCode: "no-threshold", reason: `value ${fmt(obs.value)} but the gate has neither min nor max`, numbers };
  }
  if (gate.min !== void 0 && obs.value < gate.min) {
    return {
      phase: "failed",
      reasonCode: "below-min",
      reason: `value ${fmt(obs.value)} is below min ${fmt(gate.min)}`,
      numbers: { ...numbers, threshold: gate.min }
    };
  }
  if (gate.max !== void 0 && obs.value > gate.max) {
    return {
      phase: "failed",
      reasonCode: "above-max",
      reason: `value ${fmt(obs.value)} is above max ${fmt(gate.max)}`,
      numbers: { ...numbers, threshold: gate.max }
    };
  }
  const bounds = [gate.min !== void 0 ? `>= ${fmt(gate.min)}` : "", gate.max !== void 0 ? `<= ${fmt(gate.max)}` : ""].filter(Boolean).join(" and ");
  return { phase: "successful", reasonCode: "within-threshold", reason: `value ${fmt(obs.value)} is ${bounds}`, numbers };
}
function newCounters(target, firstAt) {
  return {
    measurements: 0,
    successful: 0,
    failed: 0,
    inconclusive: 0,
    errors: 0,
    consecutiveErrors: 0,
    consecutiveNoData: 0,
    noDataWaits: 0,
    target,
    status: "measuring",
    nextAt: firstAt,
    awaiting: false
  };
}
function countVerdict(c, v) {
  const next = { ...c };
  next.consecutiveNoData = v.phase === "error" || v.noData ? (c.consecutiveNoData ?? 0) + 1 : 0;
  switch (v.phase) {
    case "error":
      next.errors += 1;
      next.consecutiveErrors += 1;
      return next;
    case "wait":
      next.noDataWaits += 1;
      next.consecutiveErrors = 0;
      return next;
    case "look":
      next.consecutiveErrors = 0;
      next.measurements += 1;
      return next;
    default:
      next.consecutiveErrors = 0;
      next.measurements += 1;
      next[v.phase] += 1;
      return next;
  }
}
function assessGate(c, gate) {
  const noData = c.consecutiveNoData ?? 0;
  const numbers = {
    samples: c.measurements,
    successful: c.successful,
    failed: c.failed,
    inconclusive: c.inconclusive,
    errors: c.errors,
    consecutiveErrors: c.consecutiveErrors,
    ...noData > 0 ? { consecutiveNoData: noData } : {}
  };
  if (c.failed > gate.failureLimit) {
    return {
      status: "failed",
      reasonCode: "gate-failed",
      reason: `${plural(c.failed, "failed measurement")} ${c.failed === 1 ? "exceeds" : "exceed"} failureLimit ${gate.failureLimit}`,
      numbers: { ...numbers, limit: gate.failureLimit }
    };
  }
  if (c.consecutiveErrors > gate.consecutiveErrorLimit) {
    return {
      status: "failed",
      reasonCode: "gate-errors",
      reason: `${c.consecutiveErrors} consecutive backend errors exceed consecutiveErrorLimit ${gate.consecutiveErrorLimit}`,
      numbers: { ...numbers, limit: gate.consecutiveErrorLimit }
    };
  }
  if (noData > gate.consecutiveErrorLimit) {
    return {
      status: "failed",
      reasonCode: "gate-no-data",
      reason: `${noData} answers in a row without data (no data or backend errors) exceed consecutiveErrorLimit ${gate.consecutiveErrorLimit}`,
      numbers: { ...numbers, limit: gate.consecutiveErrorLimit }
    };
  }
  if (c.inconclusive > gate.inconclusiveLimit) {
    return {
      status: "inconclusive",
      reasonCode: "gate-inconclusive",
      reason: `${plural(c.inconclusive, "inconclusive measurement")} ${c.inconclusive === 1 ? "exceeds" : "exceed"} inconclusiveLimit ${gate.inconclusiveLimit}`,
      numbers: { ...numbers, limit: gate.inconclusiveLimit }
    };
  }
  if (c.measurements >= c.target) {
    if (c.successful === 0) {
      return { status: "inconclusive", reasonCode: "gate-no-success", reason: `${plural(c.measurements, "measurement")} taken, none successful`, numbers };
    }
    return { status: "passed", reasonCode: "gate-passed", reason: `${c.successful}/${c.measurements} successful within limits`, numbers };
  }
  return { status: "measuring", reasonCode: "gate-measuring", reason: `${c.measurements}/${c.target} measurements`, numbers };
}
function gateTarget(gate, bakeMs) {
  if (gate.count !== void 0) return gate.count;
  return Math.floor(Math.max(0, bakeMs - gate.initialDelayMs) / gate.intervalMs);
}

// src/driver/measure-slo.ts
function sloReadGate(gate, query, windowMs) {
  const { slo: _slo, ...rest } = gate;
  return { ...rest, query, windowMs };
}
function sloReadRequest(t, query, windowMs) {
  return {
    gate: sloReadGate(t.gate, query, windowMs),
    provider: t.provider,
    context: { ...t.context, window: formatDuration(windowMs) },
    at: t.at,
    counts: true
  };
}
async function read(metrics, t, query, windowMs) {
  try {
    return await metrics.measure(sloReadRequest(t, query, windowMs));
  } catch (err) {
    return { kind: "error", message: messageOf(err) };
  }
}
async function readEvents(metrics, t, windowMs) {
  const [good, total] = await Promise.all([read(metrics, t, t.gate.slo.good, windowMs), read(metrics, t, t.gate.slo.total, windowMs)]);
  return { good, total };
}
async function measureSlo(metrics, t) {
  const [short, long] = await Promise.all([readEvents(metrics, t, t.gate.slo.shortMs), readEvents(metrics, t, t.gate.slo.longMs)]);
  return { kind: "slo", short, long };
}

export {
  createMetricsPort,
  assessObservation,
  newCounters,
  countVerdict,
  assessGate,
  gateTarget,
  sloReadRequest,
  readEvents,
  measureSlo
};
