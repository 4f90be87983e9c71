import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  collectSecrets,
  messageOf
} from "./chunk-ZUDVBQ6V.js";
import {
  truncate
} from "./chunk-JB732FG7.js";
import {
  setSecret
} from "./chunk-UBLJND4N.js";

// src/plan/pin.ts
import { createHash } from "node:crypto";
function canonicalJson(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => v === void 0 ? "null" : canonicalJson(v)).join(",")}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}
function drivingPlan(plan) {
  const { file: _file, ...rest } = plan;
  return {
    ...rest,
    gates: Object.fromEntries(Object.entries(plan.gates).map(([name, { pos: _pos, ...g }]) => [name, g])),
    stages: plan.stages.map(({ pos: _pos, ...s }) => s)
  };
}
function planDigest(plan) {
  return digestOf(drivingPlan(plan));
}
function digestOf(driving) {
  return `sha256:${sha256(canonicalJson(driving))}`;
}
function shortDigest(digest) {
  return digest.replace(/^sha256:/, "").slice(0, 12);
}
function partDigest(value) {
  return sha256(canonicalJson(value)).slice(0, 12);
}
function planOutline(plan) {
  return outlineOf(drivingPlan(plan));
}
function outlineOf(driving) {
  const parts = {
    name: partDigest(driving.name),
    deploy: partDigest(driving.deploy),
    rollback: partDigest(driving.rollback ?? null),
    environment: partDigest(driving.environment),
    variables: partDigest(driving.variables),
    providers: partDigest(driving.providers),
    approvals: partDigest(driving.approvals)
  };
  const gates = {};
  for (const [name, g] of Object.entries(driving.gates)) {
    const { min, max, ...rest } = g;
    gates[name] = { ...min !== void 0 ? { min } : {}, ...max !== void 0 ? { max } : {} };
    parts[`gate:${name}`] = partDigest(rest);
  }
  const stages = driving.stages.map((s) => {
    const { name, regions, steps, gates: stageGates, ...rest } = s;
    parts[`stage:${name}`] = partDigest(rest);
    parts[`bake:${name}`] = partDigest(steps.map((st) => st.bakeMs));
    return { name, regions: [...regions], steps: steps.map((st) => st.traffic), gates: [...stageGates] };
  });
  return { stages, gates, parts };
}
function planPin(plan) {
  const driving = drivingPlan(plan);
  return { digest: digestOf(driving), outline: outlineOf(driving) };
}
var PART_NAMES = {
  name: "plan name",
  deploy: "deploy workflow, its inputs or timeout",
  rollback: "rollback workflow, its inputs, timeout or scope",
  environment: "environment",
  variables: "variables",
  providers: "metric providers",
  approvals: "approvals"
};
var percent = (steps) => steps.length ? steps.map((t) => `${t}%`).join(", ") : "none";
var bound = (b, k) => b[k] === void 0 ? "none" : String(b[k]);
function describeOutlineChanges(was, now) {
  const out = [];
  const wasStages = new Map(was.stages.map((s) => [s.name, s]));
  const nowStages = new Map(now.stages.map((s) => [s.name, s]));
  const stageOfRegion = (o) => new Map(o.stages.flatMap((s) => s.regions.map((r) => [r, s.name])));
  const wasRegion = stageOfRegion(was);
  const nowRegion = stageOfRegion(now);
  for (const s of was.stages) if (!nowStages.has(s.name)) out.push(`stage ${s.name} removed`);
  for (const s of now.stages) if (!wasStages.has(s.name)) out.push(`stage ${s.name} added`);
  const common = (o, other) => o.stages.filter((s) => other.has(s.name)).map((s) => s.name);
  const wasOrder = common(was, nowStages);
  const nowOrder = common(now, wasStages);
  if (wasOrder.join() !== nowOrder.join()) out.push(`stages reordered: ${wasOrder.join(", ")} -> ${nowOrder.join(", ")}`);
  for (const s of now.stages) {
    const before = wasStages.get(s.name);
    for (const r of s.regions) {
      const from = wasRegion.get(r);
      if (from === void 0) out.push(`region ${r} added to stage ${s.name}`);
      else if (from !== s.name) out.push(`region ${r} moved from stage ${from} to stage ${s.name}`);
    }
    if (!before) continue;
    for (const r of before.regions) if (!nowRegion.has(r)) out.push(`region ${r} removed from stage ${s.name}`);
    const kept = (list, other) => list.filter((r) => other.includes(r));
    if (kept(before.regions, s.regions).join() !== kept(s.regions, before.regions).join()) out.push(`regions of stage ${s.name} reordered`);
    if (before.steps.length === s.steps.length) {
      s.steps.forEach((t, i) => {
        if (before.steps[i] !== t) out.push(`step ${i + 1} of stage ${s.name} changed ${before.steps[i]}% -> ${t}%`);
      });
    } else {
      out.push(`steps of stage ${s.name} changed ${percent(before.steps)} -> ${percent(s.steps)}`);
    }
    if (before.gates.join() !== s.gates.join()) out.push(`gates of stage ${s.name} changed ${before.gates.join(", ") || "none"} -> ${s.gates.join(", ") || "none"}`);
    if (before.steps.length === s.steps.length && was.parts[`bake:${s.name}`] !== now.parts[`bake:${s.name}`]) out.push(`bake of stage ${s.name} changed`);
    if (was.parts[`stage:${s.name}`] !== now.parts[`stage:${s.name}`]) out.push(`stage ${s.name} maxParallel, failureBudget or approval changed`);
  }
  for (const s of was.stages) {
    if (nowStages.has(s.name)) continue;
    for (const r of s.regions) if (!nowRegion.has(r)) out.push(`region ${r} removed (with stage ${s.name})`);
  }
  for (const name of Object.keys(was.gates)) if (!(name in now.gates)) out.push(`gate ${name} removed`);
  for (const [name, b] of Object.entries(now.gates)) {
    const a = was.gates[name];
    if (!a) {
      out.push(`gate ${name} added`);
      continue;
    }
    for (const k of ["min", "max"]) if (a[k] !== b[k]) out.push(`gate ${name} ${k} ${bound(a, k)} -> ${bound(b, k)}`);
    if (was.parts[`gate:${name}`] !== now.parts[`gate:${name}`]) out.push(`gate ${name} query, provider, interval, count or limits changed`);
  }
  for (const [part, label] of Object.entries(PART_NAMES)) if (was.parts[part] !== now.parts[part]) out.push(`${label} changed`);
  return out;
}

// src/metrics/registry.ts
var loadPrometheus = () => import("./chunk-CGSOAMQB.js");
var loadDatadog = () => import("./chunk-4LEPJKGA.js");
var loadHttpJson = () => import("./chunk-HZVU5PJC.js");
var BACKEND_TEXT_MAX = 1e3;
function bounded(obs) {
  if (obs.kind === "error") return { ...obs, message: truncate(obs.message, BACKEND_TEXT_MAX) };
  if (obs.kind === "no-data") return { ...obs, detail: truncate(obs.detail, BACKEND_TEXT_MAX) };
  return obs.detail === void 0 ? obs : { ...obs, detail: truncate(obs.detail, BACKEND_TEXT_MAX) };
}
function createMetricsPort(plan, env, opts = {}) {
  const redactor = collectSecrets(plan, env, opts.setSecret ?? ((v) => setSecret(v)));
  const deps = { fetch: opts.fetch ?? globalThis.fetch, env, redact: (t) => redactor.redact(t) };
  const measure = async (req) => {
    try {
      switch (req.provider.type) {
        case "prometheus":
          return await (await loadPrometheus()).measurePrometheus(deps, req);
        case "datadog":
          return await (await loadDatadog()).measureDatadog(deps, req);
        case "http-json":
          return await (await loadHttpJson()).measureHttpJson(deps, req);
        case "synthetic":
          return { kind: "error", message: `provider ${req.provider.name} is synthetic: it only works in simulate` };
        default:
          return { kind: "error", message: `provider type ${String(req.provider.type)} is not supported` };
      }
    } catch (err) {
      return { kind: "error", message: redactor.redact(messageOf(err)) };
    }
  };
  return { redactor, measure: async (req) => bounded(await measure(req)) };
}

// src/core/state.ts
var SCHEMA_VERSION = 2;
var NOT_DISPATCHED = "not-dispatched";
function initialState(plan, releaseId, version) {
  const regions = {};
  plan.stages.forEach((stage, index) => {
    for (const name of stage.regions) {
      regions[name] = { name, stage: index, phase: "pending", step: 0, runs: [], rollbackDispatched: false, rollbackFailed: false };
    }
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    releaseId,
    version,
    planName: plan.name,
    status: "pending",
    now: 0,
    stage: 0,
    stages: plan.stages.map((s) => ({ name: s.name, phase: "pending", cursor: 0, failed: 0 })),
    regions,
    active: {},
    counts: { pending: Object.keys(regions).length, deploying: 0, baking: 0, "awaiting-approval": 0, promoted: 0, failed: 0, "rolling-back": 0, "rolled-back": 0, skipped: 0 },
    timers: [],
    touchCount: 0,
    pin: planPin(plan),
    history: []
  };
}
function isInStep(phase) {
  return phase === "deploying" || phase === "baking" || phase === "awaiting-approval";
}
function isActivePhase(phase) {
  return phase === "deploying" || phase === "baking" || phase === "rolling-back" || phase === "awaiting-approval";
}

// src/core/context.ts
function log(ctx, entry) {
  ctx.s.history.push({ at: ctx.at, ...entry });
}
function setPhase(ctx, r, phase) {
  const was = isActivePhase(r.phase);
  const will = isActivePhase(phase);
  ctx.s.counts[r.phase] -= 1;
  ctx.s.counts[phase] += 1;
  r.phase = phase;
  ctx.dirty.add(r.name);
  if (was && !will) delete ctx.s.active[r.name];
  else if (!was && will) ctx.s.active[r.name] = true;
}
function stageOf(ctx, r) {
  const stage = ctx.plan.stages[r.stage];
  if (!stage) throw new Error(`internal: region ${r.name} names stage #${r.stage}, which the plan does not have`);
  return stage;
}
function trafficOf(ctx, r) {
  return stageOf(ctx, r).steps[r.step]?.traffic ?? 0;
}
function ignore(ctx, event, why) {
  const entry = { kind: "ignored", reasonCode: "event-ignored", reason: `${event.type} ignored: ${why}` };
  if ("region" in event && typeof event.region === "string") entry.region = event.region;
  if ("step" in event && typeof event.step === "number") entry.step = event.step;
  if ("by" in event && typeof event.by === "string") entry.by = event.by;
  log(ctx, entry);
}
function correlationId(s, region, kind, step) {
  return `${s.releaseId}:${region}:${kind}:${step}`;
}
function parseCorrelationId(id) {
  const m = /^(.*):([a-z][a-z0-9-]*):(deploy|rollback):(\d+)$/.exec(id);
  if (!m) return void 0;
  return { releaseId: m[1] ?? "", region: m[2] ?? "", kind: m[3] === "rollback" ? "rollback" : "deploy", step: Number(m[4]) };
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
    if (v > gate.max) return { reasonCode: "above-max", reason: `the series that answered already sum to ${fmt(v)}, above max ${fmt(gate.max)},`, value: v, threshold: gate.max };
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
      if (breach) return { phase: "failed", reasonCode: breach.reasonCode, reason: `${breach.reason} although ${detail}`, numbers: { ...limits, value: breach.value, threshold: breach.threshold } };
    }
    switch (gate.onNoData) {
      case "pass":
        if (partial !== void 0) return { phase: "inconclusive", reasonCode: "partial-data", reason: `part of the data is missing (${detail}); inconclusive (onNoData: pass does not apply to part of the data)`, numbers: limits, noData: true };
        return { phase: "successful", reasonCode: "no-data-pass", reason: `no data (${detail}); counted as success (onNoData: pass)`, numbers: limits };
      case "fail":
        return { phase: "failed", reasonCode: "no-data-fail", reason: `no data (${detail}); counted as failure (onNoData: fail)`, numbers: limits, noData: true };
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
    return { phase: "failed", reasonCode: "below-min", reason: `value ${fmt(obs.value)} is below min ${fmt(gate.min)}`, numbers: { ...numbers, threshold: gate.min } };
  }
  if (gate.max !== void 0 && obs.value > gate.max) {
    return { phase: "failed", reasonCode: "above-max", reason: `value ${fmt(obs.value)} is above max ${fmt(gate.max)}`, numbers: { ...numbers, threshold: gate.max } };
  }
  const bounds = [gate.min !== void 0 ? `>= ${fmt(gate.min)}` : "", gate.max !== void 0 ? `<= ${fmt(gate.max)}` : ""].filter(Boolean).join(" and ");
  return { phase: "successful", reasonCode: "within-threshold", reason: `value ${fmt(obs.value)} is ${bounds}`, numbers };
}
function newCounters(target, firstAt) {
  return { measurements: 0, successful: 0, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0, consecutiveNoData: 0, noDataWaits: 0, target, status: "measuring", nextAt: firstAt, awaiting: false };
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
    default:
      next.consecutiveErrors = 0;
      next.measurements += 1;
      next[v.phase] += 1;
      return next;
  }
}
function assessGate(c, gate) {
  const noData = c.consecutiveNoData ?? 0;
  const numbers = { samples: c.measurements, successful: c.successful, failed: c.failed, inconclusive: c.inconclusive, errors: c.errors, consecutiveErrors: c.consecutiveErrors, ...noData > 0 ? { consecutiveNoData: noData } : {} };
  if (c.failed > gate.failureLimit) {
    return { status: "failed", reasonCode: "gate-failed", reason: `${c.failed} failed measurement(s) exceed failureLimit ${gate.failureLimit}`, numbers: { ...numbers, limit: gate.failureLimit } };
  }
  if (c.consecutiveErrors > gate.consecutiveErrorLimit) {
    return { status: "failed", reasonCode: "gate-errors", reason: `${c.consecutiveErrors} consecutive backend errors exceed consecutiveErrorLimit ${gate.consecutiveErrorLimit}`, numbers: { ...numbers, limit: gate.consecutiveErrorLimit } };
  }
  if (noData > gate.consecutiveErrorLimit) {
    return { status: "failed", reasonCode: "gate-no-data", reason: `${noData} answers in a row without data (no data or backend errors) exceed consecutiveErrorLimit ${gate.consecutiveErrorLimit}`, numbers: { ...numbers, limit: gate.consecutiveErrorLimit } };
  }
  if (c.inconclusive > gate.inconclusiveLimit) {
    return { status: "inconclusive", reasonCode: "gate-inconclusive", reason: `${c.inconclusive} inconclusive measurement(s) exceed inconclusiveLimit ${gate.inconclusiveLimit}`, numbers: { ...numbers, limit: gate.inconclusiveLimit } };
  }
  if (c.measurements >= c.target) {
    if (c.successful === 0) {
      return { status: "inconclusive", reasonCode: "gate-no-success", reason: `${c.measurements} measurement(s) taken, none successful`, numbers };
    }
    return { status: "passed", reasonCode: "gate-passed", reason: `${c.successful}/${c.measurements} successful within limits`, numbers };
  }
  return { status: "measuring", reasonCode: "gate-measuring", reason: `${c.measurements}/${c.target} measurements`, numbers };
}
function gateTarget(gate, bakeMs) {
  if (gate.count !== void 0) return gate.count;
  return Math.floor(Math.max(0, bakeMs - gate.initialDelayMs) / gate.intervalMs);
}

export {
  planDigest,
  shortDigest,
  planOutline,
  planPin,
  describeOutlineChanges,
  SCHEMA_VERSION,
  NOT_DISPATCHED,
  initialState,
  isInStep,
  isActivePhase,
  log,
  setPhase,
  stageOf,
  trafficOf,
  ignore,
  correlationId,
  parseCorrelationId,
  createMetricsPort,
  assessObservation,
  newCounters,
  countVerdict,
  assessGate,
  gateTarget
};
