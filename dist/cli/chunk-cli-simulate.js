import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  assessGate,
  assessObservation,
  countVerdict,
  gateTarget,
  measureSlo,
  newCounters,
  readEvents
} from "./chunk-core-verdict.js";
import {
  NAME_PATTERN,
  REGION_PATTERN,
  SIMULATE_EXIT_CODES,
  UsageError,
  approvalInputs,
  defaultIO,
  fitRow,
  formatDiagnostic,
  loadPlanFile,
  noun,
  partText,
  planSize,
  plural,
  runCommand,
  span,
  styled,
  truncate,
  writeLines
} from "./chunk-cli-args.js";
import {
  approvalCorrelationId,
  commandRunKey,
  contextValues,
  correlationId,
  deploymentKey,
  formatDuration,
  formatPercent,
  messageOf,
  oneLine,
  parseApprovalCorrelationId,
  parseCommandTitle,
  parseCorrelationId,
  parseDuration,
  releaseIdOf,
  renderTemplate,
  templateContext
} from "./chunk-plan-compare.js";

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
    if (before.gates.join() !== s.gates.join())
      out.push(`gates of stage ${s.name} changed ${before.gates.join(", ") || "none"} -> ${s.gates.join(", ") || "none"}`);
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

// src/core/state.ts
var SCHEMA_VERSION = 2;
var NOT_DISPATCHED = "not-dispatched";
var STATUS_DESCRIPTION_MAX = 140;
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
    counts: {
      pending: Object.keys(regions).length,
      deploying: 0,
      baking: 0,
      "awaiting-approval": 0,
      promoted: 0,
      failed: 0,
      "rolling-back": 0,
      "rolled-back": 0,
      skipped: 0
    },
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

// src/core/decide-context.ts
function log(ctx, entry2) {
  ctx.s.history.push({ at: ctx.at, ...entry2 });
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
  const entry2 = { kind: "ignored", reasonCode: "event-ignored", reason: `${event.type} ignored: ${why}` };
  if ("region" in event && typeof event.region === "string") entry2.region = event.region;
  if ("step" in event && typeof event.step === "number") entry2.step = event.step;
  if ("by" in event && typeof event.by === "string") entry2.by = event.by;
  log(ctx, entry2);
}

// src/core/effects.ts
var SAVE_FIRST = /* @__PURE__ */ new Set([
  "dispatch-deploy",
  "dispatch-rollback",
  "dispatch-approval",
  "create-deployment",
  "cancel-run",
  "cancel-approval-run",
  "request-approval",
  "finish"
]);
var IRREVERSIBLE_TYPES = /* @__PURE__ */ new Set(["dispatch-deploy", "dispatch-rollback", "dispatch-approval", "create-deployment"]);
function needsSavedState(effect) {
  return SAVE_FIRST.has(effect.type);
}
function isIrreversible(effect) {
  return IRREVERSIBLE_TYPES.has(effect.type);
}
function barredAfterHalt(effect) {
  return isIrreversible(effect) || effect.type === "cancel-run" || effect.type === "cancel-approval-run";
}
var CANCEL_REASON = {
  "late-run": "no longer wanted",
  "duplicate-run": "duplicate run for one step",
  "timed-out": "timed out",
  "region-failed": "region failed",
  "release-stopped": "release stopped"
};
function cancelEffect(region, kind, runId, cause) {
  return { type: "cancel-run", region, kind, runId, reason: CANCEL_REASON[cause], cause };
}

// src/core/ledger-text.ts
var SAFE_NAME = new RegExp(NAME_PATTERN);
var MAX_DATE_MS = 864e13;
function shownName(value) {
  if (typeof value === "number") return String(value);
  const text = String(value);
  if (SAFE_NAME.test(text)) return text;
  const cut = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return JSON.stringify(cut).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// src/core/command-record.ts
function commandOf(ev) {
  return ev.type === "approval" ? ev.decision : ev.name;
}
var LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}(\[bot\])?$/;
function login(by) {
  return LOGIN.test(by) ? by : shownName(by);
}
function who(ev) {
  const again = ev.origin?.triggeredBy;
  return again !== void 0 && again !== ev.by ? `${login(ev.by)} (re-run by ${login(again)})` : login(ev.by);
}
var PERSON_TEXT_MAX = 200;
var UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;
function personLine(text) {
  const line = text.replace(UNPRINTABLE, " ").trim();
  return line.length > PERSON_TEXT_MAX ? `${line.slice(0, PERSON_TEXT_MAX)}...` : line;
}
function because(ev) {
  const text = ev.type === "command" ? ev.reason : ev.comment;
  const line = text !== void 0 ? personLine(text) : "";
  return line !== "" ? ` (reason: ${JSON.stringify(line)})` : "";
}
function digestText(digest) {
  return /^(sha256:)?[0-9a-f]{1,64}$/.test(digest) ? digest : shownName(digest);
}
function asked(ev, target) {
  const name = commandOf(ev);
  const region = target.region ?? (ev.region !== void 0 ? shownName(ev.region) : void 0);
  const stage = target.stage ?? (ev.stage !== void 0 ? shownName(ev.stage) : void 0);
  const on = region !== void 0 ? ` region ${region}` : stage !== void 0 ? ` stage ${stage}` : "";
  switch (name) {
    case "abort":
    case "pause":
    case "resume":
      return `${name} the release`;
    case "rollback":
      return "roll back the release";
    case "adopt-plan":
      return ev.type === "command" && ev.digest !== void 0 ? `adopt plan ${digestText(ev.digest)}` : "adopt the changed plan";
    case "promote":
      return "promote (approve everything that waits for a person)";
    default:
      return `${name}${on}`;
  }
}
function entry(ev, kind, reasonCode, reason, target) {
  return {
    kind,
    by: ev.by,
    ...target.stage !== void 0 ? { stage: target.stage } : {},
    ...target.region !== void 0 ? { region: target.region } : {},
    reasonCode,
    reason,
    ...ev.origin !== void 0 ? { numbers: { runId: ev.origin.runId } } : {}
  };
}
function accepted(ctx, ev, reasonCode, done, target = {}) {
  log(ctx, entry(ev, "command", reasonCode, `${who(ev)} ${done}${because(ev)}`, target));
}
function refused(ctx, ev, reasonCode, why, target = {}) {
  log(ctx, entry(ev, "command-refused", reasonCode, `${who(ev)} asked to ${asked(ev, target)}${because(ev)}; refused: ${why}`, target));
}
function when(at) {
  return Number.isFinite(at) && Math.abs(at) <= MAX_DATE_MS ? new Date(at).toISOString() : String(at);
}

// src/core/approval-run.ts
function environmentOf(ctx, index) {
  return ctx.plan.stages[index]?.approval?.environment;
}
function openApprovalRun(st) {
  const run = st?.approvalRun;
  return run && !run.done ? run : void 0;
}
function approvalRunInFlight(s) {
  const st = s.stages[s.stage];
  const run = openApprovalRun(st);
  return st && run?.runId !== void 0 ? { stage: st.name, runId: run.runId } : void 0;
}
function approvalDispatchEffect(stage, environment, run) {
  return { type: "dispatch-approval", stage, environment, correlationId: run.correlationId };
}
function askEnvironmentReviewers(ctx, index, wait) {
  const st = ctx.s.stages[index];
  const env = environmentOf(ctx, index);
  if (!st || !env) return;
  st.phase = "awaiting-approval";
  st.approval = { requestedAt: wait.requestedAt, deadline: wait.deadline };
  log(ctx, {
    kind: "stage-awaiting-approval",
    stage: st.name,
    reasonCode: "environment-approval-required",
    reason: `stage ${st.name} waits for the required reviewers of GitHub environment '${env.name}': they approve or reject it in the run of ${env.workflow} ("Review deployments")`
  });
  if (st.approvalRun) return;
  const run = { correlationId: approvalCorrelationId(ctx.s.releaseId, st.name), dispatchedAt: ctx.at, done: false };
  st.approvalRun = run;
  ctx.fx.push(approvalDispatchEffect(st.name, env.name, run));
}
function closeApprovalRun(ctx, st, why) {
  const run = openApprovalRun(st);
  if (!run) return "";
  run.done = true;
  if (run.runId === void 0) return `; its approval run was not started yet (${why})`;
  ctx.fx.push({ type: "cancel-approval-run", stage: st.name, runId: run.runId, reason: why });
  log(ctx, {
    kind: "run-finished",
    stage: st.name,
    reasonCode: "approval-run-cancelled",
    reason: `approval run ${run.runId} of stage ${st.name} is cancelled: ${why}`,
    numbers: { runId: run.runId }
  });
  return `; approval run ${run.runId} cancelled (${why})`;
}
function settleApprovalRun(ctx) {
  const st = ctx.s.stages[ctx.s.stage];
  if (st && st.phase !== "awaiting-approval" && openApprovalRun(st)) closeApprovalRun(ctx, st, `the stage is ${st.phase}`);
}

// src/core/deployment-records.ts
function stepLabel(ctx, r, step = r.step) {
  const steps = stageOf(ctx, r).steps;
  return `step ${step + 1}/${steps.length} at ${steps[step]?.traffic ?? 0}%`;
}
var statusKey = (x) => `${x.state}@${x.step}`;
function deploymentStatus(ctx, r, state, description, opts = {}) {
  const step = opts.step ?? r.step;
  const want = { state, step, description: description.slice(0, STATUS_DESCRIPTION_MAX) };
  const runUrl = opts.runUrl ?? [...r.runs].reverse().find((x) => x.kind === "deploy" && x.step === step)?.htmlUrl;
  if (runUrl !== void 0) want.runUrl = runUrl;
  const confirmed = r.deploymentStatus?.confirmed;
  if (confirmed !== void 0) want.confirmed = confirmed;
  r.deploymentStatus = want;
  emitStatus(ctx, r, want);
}
function emitStatus(ctx, r, want) {
  const id = r.deploymentId;
  if (id === void 0) return;
  const effect = {
    type: "set-deployment-status",
    region: r.name,
    step: want.step,
    deploymentId: id,
    state: want.state,
    description: want.description
  };
  if (want.runUrl !== void 0) effect.runUrl = want.runUrl;
  ctx.fx.push(effect);
}
function onDeploymentCreated(ctx, r, ev) {
  if (r.deploymentId !== void 0) return false;
  r.deploymentId = ev.deploymentId;
  const want = r.deploymentStatus;
  if (want === void 0 || want.state !== "queued")
    emitStatus(ctx, r, { state: "queued", step: 0, description: `${stepLabel(ctx, r, 0)}: deploy run requested` });
  if (want !== void 0) emitStatus(ctx, r, want);
  return true;
}
function onDeploymentStatusSet(r, ev) {
  if (r.deploymentId !== ev.deploymentId) return false;
  const want = r.deploymentStatus;
  if (want) want.confirmed = statusKey(ev);
  else r.deploymentStatus = { state: ev.state, step: ev.step, description: "", confirmed: statusKey(ev) };
  return true;
}
function repairDeployments(ctx, r) {
  const dispatched = r.runs.some((run) => run.kind === "deploy" && run.conclusion !== NOT_DISPATCHED);
  if (!dispatched && r.deploymentId === void 0) return;
  if (r.deploymentId === void 0) {
    ctx.fx.push({ type: "create-deployment", region: r.name, stage: stageOf(ctx, r).name, key: deploymentKey(ctx.s.releaseId, r.name) });
    return;
  }
  const want = r.deploymentStatus;
  if (want && want.confirmed !== statusKey(want)) emitStatus(ctx, r, want);
}

// src/core/record-keeping.ts
function openRun(r) {
  const last = r.runs[r.runs.length - 1];
  return last && !last.done ? last : void 0;
}
function attemptOf(x) {
  return x.attempt ?? 0;
}
function addRun(ctx, r, kind, step, timeoutMs) {
  const attempt = attemptOf(r);
  const run = {
    kind,
    step,
    ...attempt > 0 ? { attempt } : {},
    correlationId: correlationId(ctx.s.releaseId, r.name, kind, step, attempt),
    dispatchedAt: ctx.at,
    deadline: ctx.at + timeoutMs,
    done: false
  };
  r.runs.push(run);
  return run;
}
function dispatchEffect(ctx, r, run) {
  const attempt = attemptOf(run);
  return {
    type: run.kind === "deploy" ? "dispatch-deploy" : "dispatch-rollback",
    region: r.name,
    stage: stageOf(ctx, r).name,
    step: run.step,
    ...attempt > 0 ? { attempt } : {},
    traffic: trafficOf(ctx, r),
    correlationId: run.correlationId
  };
}
function stopRegionWork(ctx, r, cause) {
  const run = openRun(r);
  if (run) {
    run.done = true;
    if (run.runId !== void 0) ctx.fx.push(cancelEffect(r.name, run.kind, run.runId, cause));
  }
  r.bake = void 0;
  r.approval = void 0;
}
function finish(ctx, decision, reasonCode, reason) {
  const { s } = ctx;
  s.status = "finished";
  s.pause = void 0;
  s.outcome = { decision, reasonCode, reason, at: ctx.at };
  log(ctx, { kind: "release-finished", reasonCode, reason: `${decision}: ${reason}` });
  ctx.fx.push({ type: "report", headline: `release ${decision}` });
  ctx.fx.push({ type: "finish", decision, reasonCode, reason });
}

// src/core/rollback.ts
function onRegionFailed(ctx, r) {
  const { s, plan } = ctx;
  if (s.stop) {
    if (plan.rollback && !r.rollbackDispatched && !s.stop.queue.includes(r.name)) enqueueNewestFirst(ctx, r.name);
    processStop(ctx);
    return;
  }
  const stage = stageOf(ctx, r);
  const failed = s.stages[r.stage]?.failed ?? 0;
  if (failed > stage.failureBudget) {
    stopRelease(
      ctx,
      r.failure?.reasonCode ?? "region-failed",
      `stage ${stage.name}: ${plural(failed, "failed region")} ${failed === 1 ? "exceeds" : "exceed"} failureBudget ${stage.failureBudget} (last: ${r.name}: ${r.failure?.reason ?? "failed"})`
    );
    return;
  }
  if (plan.rollback) dispatchRollback(ctx, r);
  ctx.transitions.regionSettled(ctx, r);
}
function enqueueNewestFirst(ctx, name) {
  const stop = ctx.s.stop;
  if (!stop) return;
  stop.queue.push(name);
  const seq = (n) => ctx.s.regions[n]?.touchedSeq ?? 0;
  stop.queue.sort((a, b) => seq(b) - seq(a));
}
function stopRelease(ctx, reasonCode, reason, scopeOverride) {
  const { s, plan } = ctx;
  if (s.stop || s.status === "finished") return;
  const scope = scopeOverride ?? plan.rollback?.scope ?? "touched";
  s.status = "stopping";
  s.pause = void 0;
  s.stop = { reasonCode, reason, at: ctx.at, queue: [] };
  log(ctx, { kind: "release-stopped", reasonCode, reason: `${reason}; rollback scope: ${plan.rollback ? scope : "none configured"}` });
  ctx.fx.push({ type: "report", headline: `release stopped: ${reasonCode}` });
  for (const st of s.stages) if (st.phase === "pending" || st.phase === "awaiting-approval" || st.phase === "running") st.phase = "stopped";
  const queue = [];
  for (const stage of plan.stages) {
    for (const name of stage.regions) {
      const r = s.regions[name];
      if (!r) continue;
      if (r.phase === "pending") {
        const retried = attemptOf(r) > 0;
        r.skippedReason = `${retried ? "retry never started" : "never started"}: the release stopped (${reasonCode})`;
        setPhase(ctx, r, "skipped");
        log(ctx, {
          kind: "region-skipped",
          stage: stage.name,
          region: r.name,
          reasonCode: retried ? "retry-not-started" : "never-started",
          reason: r.skippedReason
        });
        continue;
      }
      if (isInStep(r.phase)) haltInFlight(ctx, r, scope);
      const wanted = scope === "touched" ? r.touchedSeq !== void 0 : r.failure !== void 0;
      if (wanted && !r.rollbackDispatched && r.phase !== "skipped") queue.push(r);
    }
  }
  if (!plan.rollback) {
    finish(ctx, "failed", "no-rollback-workflow", `${reason}; no rollback workflow is configured, nothing was rolled back`);
    return;
  }
  queue.sort((a, b) => (b.touchedSeq ?? 0) - (a.touchedSeq ?? 0));
  s.stop.queue = queue.map((r) => r.name);
  processStop(ctx);
}
function haltInFlight(ctx, r, scope) {
  stopRegionWork(ctx, r, "release-stopped");
  if (scope === "touched" && ctx.plan.rollback) {
    setPhase(ctx, r, "rolling-back");
    return;
  }
  r.skippedReason = `halted at step ${r.step + 1} (${trafficOf(ctx, r)}%) when the release stopped; not rolled back (${ctx.plan.rollback ? "rollback.scope: region" : "no rollback workflow"})`;
  setPhase(ctx, r, "skipped");
  log(ctx, { kind: "region-skipped", stage: stageOf(ctx, r).name, region: r.name, step: r.step, reasonCode: "halted", reason: r.skippedReason });
}
function processStop(ctx) {
  const { s } = ctx;
  const stop = s.stop;
  if (!stop || s.status === "finished") return;
  if (stop.queue.length > 0 && s.counts["rolling-back"] > 0 && Object.values(s.regions).some((r) => r.phase === "rolling-back" && r.rollbackDispatched)) return;
  const next = stop.queue.shift();
  if (next !== void 0) {
    const r = s.regions[next];
    if (r) {
      dispatchRollback(ctx, r);
      return;
    }
  }
  if (s.counts["rolling-back"] > 0) return;
  const failedRollbacks = Object.values(s.regions).filter((r) => r.rollbackFailed);
  if (failedRollbacks.length > 0) {
    finish(
      ctx,
      "failed",
      "rollback-failed",
      `${stop.reason}; rollback FAILED for ${failedRollbacks.map((r) => r.name).join(", ")}: these regions need a person now`
    );
    return;
  }
  finish(ctx, "rolled-back", stop.reasonCode === ROLLED_BACK_BY_COMMAND ? "rollback-command" : stop.reasonCode, stop.reason);
}
var ROLLED_BACK_BY_COMMAND = "rolled-back-by-command";
function rollBackPromoted(ctx, reason) {
  const { s } = ctx;
  const queue = Object.values(s.regions).filter((r) => r.touchedSeq !== void 0 && r.phase === "promoted" && !r.rollbackDispatched).sort((a, b) => (b.touchedSeq ?? 0) - (a.touchedSeq ?? 0)).map((r) => r.name);
  s.status = "stopping";
  s.pause = void 0;
  delete s.outcome;
  s.stop = { reasonCode: ROLLED_BACK_BY_COMMAND, reason, at: ctx.at, queue };
  const which = queue.length > 0 ? `rolling back ${plural(queue.length, "region")}, newest first: ${queue.join(", ")}` : "no promoted region is left to roll back";
  log(ctx, { kind: "release-stopped", reasonCode: ROLLED_BACK_BY_COMMAND, reason: `${reason}; ${which}` });
  ctx.fx.push({ type: "report", headline: `release reopened to roll back: ${ROLLED_BACK_BY_COMMAND}` });
  processStop(ctx);
}
function dispatchRollback(ctx, r) {
  const rb = ctx.plan.rollback;
  if (!rb || r.rollbackDispatched) return;
  r.rollbackDispatched = true;
  setPhase(ctx, r, "rolling-back");
  const run = addRun(ctx, r, "rollback", r.step, rb.timeoutMs);
  const stage = stageOf(ctx, r);
  log(ctx, {
    kind: "rollback-dispatched",
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode: "rollback-dispatched",
    reason: r.failure ? `rolling back: ${r.failure.reason}` : `rolling back: the release stopped (${ctx.s.stop?.reasonCode ?? "stopped"})`
  });
  ctx.fx.push(dispatchEffect(ctx, r, run));
}
function onRollbackFinished(ctx, r, ok, reason) {
  if (r.phase !== "rolling-back") return;
  const stage = stageOf(ctx, r);
  r.finishedAt = ctx.at;
  if (ok) {
    setPhase(ctx, r, "rolled-back");
    log(ctx, { kind: "region-rolled-back", stage: stage.name, region: r.name, step: r.step, reasonCode: "rolled-back", reason });
    const run = [...r.runs].reverse().find((x) => x.kind === "rollback");
    deploymentStatus(
      ctx,
      r,
      "inactive",
      `rolled back${run?.runId !== void 0 ? ` by run ${run.runId}` : ""}`,
      run?.htmlUrl !== void 0 ? { runUrl: run.htmlUrl } : {}
    );
  } else {
    r.rollbackFailed = true;
    setPhase(ctx, r, "failed");
    log(ctx, { kind: "rollback-failed", stage: stage.name, region: r.name, step: r.step, reasonCode: "rollback-failed", reason: `ROLLBACK FAILED: ${reason}` });
    ctx.fx.push({ type: "report", headline: `rollback failed in ${r.name}` });
    if (!ctx.s.stop) {
      stopRelease(ctx, "rollback-failed", `rollback of ${r.name} failed: ${reason}`);
      return;
    }
  }
  ctx.transitions.regionSettled(ctx, r);
}

// src/core/stats/burn-rate.ts
function burnRate(counts, objective) {
  if (!(counts.total > 0)) return NaN;
  const bad = Math.max(0, counts.total - counts.good);
  return bad / counts.total / (1 - objective);
}
function budgetRemaining(counts, objective) {
  if (!(counts.total > 0)) return NaN;
  const bad = Math.max(0, counts.total - counts.good);
  return 1 - bad / ((1 - objective) * counts.total);
}

// src/core/slo-gate.ts
function formatBurn(rate) {
  return `${rate >= 10 ? rate.toFixed(1) : Number(rate.toPrecision(2))}x`;
}
function countsOf(reads, window) {
  const read = (o, what) => {
    if (o.kind === "error") return { error: `${what} over ${window}: ${o.message}` };
    if (o.kind === "no-data") return { noData: `${what} over ${window}: ${o.detail}` };
    return Number.isFinite(o.value) ? o.value : { noData: `${what} over ${window} is ${String(o.value)}` };
  };
  const good = read(reads.good, "good events");
  const total = read(reads.total, "total events");
  for (const r of [good, total]) if (typeof r === "object" && "error" in r) return r;
  for (const r of [good, total]) if (typeof r === "object") return r;
  if (typeof total !== "number" || typeof good !== "number") return { noData: `no events over ${window}` };
  if (!(total > 0)) return { noData: `no events over ${window} (total ${total})` };
  if (good < 0 || good > total) {
    return {
      error: `good events ${good} and total events ${total} over ${window} do not fit (good must be from 0 to total): check that slo.good and slo.total count the same events`
    };
  }
  return { counts: { good, total } };
}
function windowBurn(reads, windowMs, objective) {
  const c = countsOf(reads, formatDuration(windowMs));
  if (!("counts" in c)) return c;
  return { rate: burnRate(c.counts, objective) };
}
function assessSlo(obs, gate) {
  const slo = gate.slo;
  const numbers = { factor: slo.factor, objective: slo.objective };
  if (obs.kind !== "slo") {
    return { phase: "error", reasonCode: "metric-error", reason: `slo gate ${gate.name} was answered with one value, not its good/total reads`, numbers };
  }
  const short = windowBurn(obs.short, slo.shortMs, slo.objective);
  const long = windowBurn(obs.long, slo.longMs, slo.objective);
  const errors = [short, long].flatMap((w) => "error" in w ? [w.error] : []);
  if (errors.length > 0) return { phase: "error", reasonCode: "metric-error", reason: `metric backend error: ${errors.join("; ")}`, numbers };
  if (!("rate" in short) || !("rate" in long)) {
    const detail = [short, long].flatMap((w) => "noData" in w ? [w.noData] : []).join("; ");
    const policy = gate.onNoData === "pass" ? { ...gate, onNoData: "inconclusive" } : gate;
    const v = assessObservation({ kind: "no-data", detail }, policy);
    const note = gate.onNoData === "pass" ? " (onNoData: pass does not pass an slo gate without events)" : "";
    return { ...v, reason: `${v.reason}${note}`, numbers: { ...v.numbers, ...numbers } };
  }
  const both = short.rate > slo.factor && long.rate > slo.factor;
  const measured = { ...numbers, burnRateShort: short.rate, burnRateLong: long.rate };
  const rates = `burn rate ${formatBurn(short.rate)} over ${formatDuration(slo.shortMs)} and ${formatBurn(long.rate)} over ${formatDuration(slo.longMs)}`;
  const objective = `(objective ${formatPercent(slo.objective)})`;
  if (both) {
    return {
      phase: "failed",
      reasonCode: "burn-rate-above-factor",
      reason: `${rates}, both above ${formatBurn(slo.factor)} ${objective}`,
      numbers: { ...measured, threshold: slo.factor }
    };
  }
  const which = short.rate > slo.factor ? "only the short window" : long.rate > slo.factor ? "only the long window" : "neither";
  return {
    phase: "successful",
    reasonCode: "burn-rate-within-factor",
    reason: `${rates}: ${which} above ${formatBurn(slo.factor)} ${objective}`,
    numbers: measured
  };
}

// src/core/freeze.ts
function sloOf(ctx, f) {
  const gate = ctx.plan.gates[f.slo];
  return gate?.slo ? { ...gate, slo: gate.slo } : void 0;
}
function freezeRegions(ctx, f, index) {
  return f.regions ?? ctx.plan.stages[index]?.regions ?? [];
}
function frozenBefore(ctx, index) {
  const { s, plan } = ctx;
  const f = plan.freeze;
  if (!f || index > 0 && !f.beforeEachStage || s.freezeCleared?.includes(index)) return false;
  if (s.freeze?.stage === index) return true;
  askBudget(ctx, index);
  return true;
}
function askBudget(ctx, index) {
  const f = ctx.plan.freeze;
  const stage = ctx.plan.stages[index];
  if (!f || !stage) return;
  const prev = ctx.s.freeze?.stage === index ? ctx.s.freeze : void 0;
  ctx.s.freeze = {
    stage: index,
    phase: "reading",
    at: ctx.at,
    ...prev?.reasonCode !== void 0 ? { reasonCode: prev.reasonCode } : {},
    ...prev?.reason !== void 0 ? { reason: prev.reason } : {},
    ...figureOf(prev ?? {}),
    ...prev?.retries !== void 0 ? { retries: prev.retries } : {},
    ...prev?.heldSince !== void 0 ? { heldSince: prev.heldSince } : {}
  };
  ctx.fx.push({ type: "read-budget", stage: stage.name, regions: freezeRegions(ctx, f, index), at: ctx.at });
}
function resumeFreeze(ctx) {
  const fr = ctx.s.freeze;
  if (fr && !ctx.s.stop) askBudget(ctx, fr.stage);
  const f = ctx.plan.freeze;
  for (const o of ctx.s.freezeOverrides ?? []) {
    const index = ctx.plan.stages.findIndex((st) => st.name === o.stage);
    if (o.readAt === void 0 || !f || index < 0) continue;
    o.readAt = ctx.at;
    ctx.fx.push({ type: "read-budget", stage: o.stage, regions: freezeRegions(ctx, f, index), at: ctx.at });
  }
}
function judgeBudget(ev, objective, window, regions) {
  let worst;
  for (const region of regions) {
    const read = ev.reads.find((x) => x.region === region);
    if (!read) return { why: `no answer for ${region}`, region };
    const c = countsOf(read, window);
    if ("error" in c) return { why: `${region}: ${c.error}`, region };
    if ("noData" in c) return { why: `${region}: ${c.noData}`, region };
    const remaining = budgetRemaining(c.counts, objective);
    if (!worst || remaining < worst.remaining) worst = { remaining, region };
  }
  return worst ?? { why: "no region to read" };
}
function figureOf(x) {
  return { ...x.budgetRemaining !== void 0 ? { budgetRemaining: x.budgetRemaining } : {}, ...x.region !== void 0 ? { region: x.region } : {} };
}
function judgeRead(ctx, f, index, ev) {
  const gate = f ? sloOf(ctx, f) : void 0;
  if (!f || !gate) {
    const why = f ? `freeze.slo '${f.slo}' is not an slo gate of the plan` : "the plan has no freeze now";
    const against = f ? ` against the floor ${formatPercent(f.floor)}` : "";
    return { reasonCode: "error-budget-unknown", reason: `${why}, so the error budget cannot be judged${against}`, numbers: f ? { floor: f.floor } : {} };
  }
  const period = formatDuration(f.periodMs);
  const judged = judgeBudget(ev, gate.slo.objective, period, freezeRegions(ctx, f, index));
  const numbers = { floor: f.floor, objective: gate.slo.objective };
  const what = `the error budget of ${f.slo} over ${period} (objective ${formatPercent(gate.slo.objective)})`;
  const floor = formatPercent(f.floor);
  if ("why" in judged) {
    const reason = `${what} could not be read against the floor ${floor} (${judged.why}); missing data is never a pass`;
    return { reasonCode: "error-budget-unknown", reason, numbers, ...figureOf(judged) };
  }
  const below = judged.remaining < f.floor;
  const left = `${formatPercent(Math.max(judged.remaining, -99.99))} left in ${judged.region}`;
  return {
    reasonCode: below ? "error-budget-exhausted" : "error-budget-ok",
    reason: `${what}: ${left}, ${below ? "below" : "at or above"} the floor ${floor}`,
    numbers: { ...numbers, budgetRemaining: judged.remaining },
    ...figureOf({ budgetRemaining: judged.remaining, region: judged.region })
  };
}
function onBudgetRead(ctx, ev, enter) {
  const { s, plan } = ctx;
  const fr = s.freeze;
  const f = plan.freeze;
  const stage = fr ? plan.stages[fr.stage] : void 0;
  if (!fr || !f || !stage || fr.phase !== "reading" || ev.stage !== stage.name || !(ev.at >= fr.at)) return onOverrideRead(ctx, ev);
  if (s.stop) return false;
  const v = judgeRead(ctx, f, fr.stage, ev);
  if (v.reasonCode !== "error-budget-ok") {
    hold(ctx, v);
    return true;
  }
  s.freeze = void 0;
  (s.freezeCleared ??= []).push(fr.stage);
  log(ctx, { kind: "freeze-lifted", stage: stage.name, ...regionField(v), reasonCode: "error-budget-ok", reason: v.reason, numbers: v.numbers });
  enter(fr.stage);
  return true;
}
var regionField = (v) => v.region !== void 0 ? { region: v.region } : {};
function onOverrideRead(ctx, ev) {
  const index = ctx.plan.stages.findIndex((st) => st.name === ev.stage);
  const stage = ctx.plan.stages[index];
  const o = ctx.s.freezeOverrides?.find((x) => x.readAt !== void 0 && x.stage === ev.stage && ev.at >= x.readAt);
  if (!o || !stage) return false;
  const v = judgeRead(ctx, ctx.plan.freeze, index, ev);
  delete o.readAt;
  delete o.budgetRemaining;
  delete o.region;
  Object.assign(o, { reasonCode: v.reasonCode, ...figureOf(v) });
  log(ctx, {
    kind: "freeze-override-read",
    stage: stage.name,
    ...regionField(v),
    by: o.by,
    reasonCode: v.reasonCode,
    reason: `the budget read in flight when ${login(o.by)} overrode the freeze came back: ${v.reason}; the override stands (stage ${stage.name} started with it and is not held again)`,
    numbers: v.numbers
  });
  return true;
}
var FREEZE_RETRY = { firstMs: 6e4, maxMs: 15 * 6e4 };
function retryDelay(code, retries) {
  if (code !== "error-budget-unknown") return FREEZE_RETRY.maxMs;
  return Math.min(FREEZE_RETRY.maxMs, FREEZE_RETRY.firstMs * 2 ** Math.min(retries, 10));
}
function hold(ctx, v) {
  const fr = ctx.s.freeze;
  const stage = fr ? ctx.plan.stages[fr.stage] : void 0;
  if (!fr || !stage) return;
  const retries = fr.retries ?? 0;
  const delay = retryDelay(v.reasonCode, retries);
  const unknown = v.reasonCode === "error-budget-unknown" ? ", so the release holds" : "";
  const text = `${v.reason}${unknown}; stage ${stage.name} does not start until the budget recovers (read again in ${formatDuration(delay)}, and on resume) or a person gives override-freeze`;
  ctx.s.freeze = {
    stage: fr.stage,
    phase: "held",
    at: fr.at,
    reasonCode: v.reasonCode,
    reason: text,
    ...figureOf(v),
    retryAt: ctx.at + delay,
    retries: retries + 1,
    heldSince: fr.heldSince ?? ctx.at
  };
  log(ctx, { kind: "release-frozen", stage: stage.name, ...regionField(v), reasonCode: v.reasonCode, reason: text, numbers: v.numbers });
  if (retries === 0 || fr.reasonCode !== v.reasonCode) ctx.fx.push({ type: "report", headline: `release frozen: ${v.reasonCode}` });
}
function freezeWakeAt(s) {
  if (s.status !== "paused" || s.stop !== void 0 || s.planChanged !== void 0) return void 0;
  return s.freeze?.phase === "held" ? s.freeze.retryAt : void 0;
}
function retryFreeze(ctx) {
  const fr = ctx.s.freeze;
  if (fr?.phase !== "held" || fr.retryAt === void 0 || fr.retryAt > ctx.at || ctx.s.stop) return;
  askBudget(ctx, fr.stage);
}
function freezeHolds(fr) {
  return fr?.phase === "held" || fr?.phase === "reading" && fr.retries !== void 0;
}
function freezePause(s) {
  const fr = s.freeze;
  return freezeHolds(fr) && fr?.reasonCode && fr.reason ? { reasonCode: fr.reasonCode, reason: fr.reason } : void 0;
}
function onOverrideFreeze(ctx, ev, enter) {
  const fr = ctx.s.freeze;
  const stage = fr ? ctx.plan.stages[fr.stage] : void 0;
  if (!fr || !stage) {
    refused(ctx, ev, "not-frozen", "the release is not held by the freeze");
    return;
  }
  const reading = fr.phase === "reading";
  ctx.s.freeze = void 0;
  (ctx.s.freezeCleared ??= []).push(fr.stage);
  (ctx.s.freezeOverrides ??= []).push({
    by: ev.by,
    at: ctx.at,
    stage: stage.name,
    ...fr.reasonCode ? { reasonCode: fr.reasonCode } : {},
    ...figureOf(fr),
    ...reading ? { readAt: fr.at } : {}
  });
  const code = fr.reasonCode ? ` (${fr.reasonCode})` : reading ? " (its error budget still being read)" : "";
  accepted(ctx, ev, "override-freeze", `overrode the freeze of stage ${stage.name}${code}: it starts`);
  const held = fr.reason !== void 0 ? `; it held: ${fr.reason}` : "";
  const pending = reading ? "; the error budget was being read: its answer is recorded against this override when it comes" : "";
  const floor = ctx.plan.freeze ? { floor: ctx.plan.freeze.floor } : {};
  log(ctx, {
    kind: "freeze-lifted",
    stage: stage.name,
    ...regionField(fr),
    by: ev.by,
    reasonCode: "freeze-overridden",
    reason: `${who(ev)} overrode the freeze${because(ev)}${held}${pending}`,
    numbers: { ...floor, ...fr.budgetRemaining !== void 0 ? { budgetRemaining: fr.budgetRemaining } : {} }
  });
  enter(fr.stage);
}

// src/core/regions.ts
function startStep(ctx, r, index) {
  const { s, plan, at } = ctx;
  const stage = stageOf(ctx, r);
  const step = stage.steps[index];
  if (!step) return;
  const attempt = attemptOf(r);
  const ofAttempt = r.runs.filter((run2) => run2.kind === "deploy" && attemptOf(run2) === attempt);
  if (ofAttempt.some((run2) => run2.step === index)) return;
  if (ofAttempt.length === 0) {
    r.startedAt = at;
    s.touchCount += 1;
    r.touchedSeq = s.touchCount;
  }
  r.step = index;
  r.bake = void 0;
  setPhase(ctx, r, "deploying");
  const run = addRun(ctx, r, "deploy", index, plan.deploy.timeoutMs);
  log(ctx, {
    kind: "step-started",
    stage: stage.name,
    region: r.name,
    step: index,
    reasonCode: "step-started",
    reason: `deploying at ${step.traffic}% traffic`,
    numbers: { traffic: step.traffic }
  });
  if (r.deploymentId === void 0)
    ctx.fx.push({
      type: "create-deployment",
      region: r.name,
      stage: stage.name,
      key: deploymentKey(ctx.s.releaseId, r.name),
      ...index > 0 ? { again: true } : {}
    });
  ctx.fx.push(dispatchEffect(ctx, r, run));
}
function onRunDispatched(ctx, r, ev) {
  const attempt = attemptOf(ev);
  const sameRun = (x) => x.kind === ev.kind && x.step === ev.step && attemptOf(x) === attempt;
  const run = r.runs.find((x) => sameRun(x) && x.runId === void 0);
  if (!run) {
    const other = r.runs.find((x) => sameRun(x) && x.runId !== void 0);
    if (!other || other.runId === ev.runId) return false;
    log(ctx, {
      kind: "run-dispatched",
      stage: stageOf(ctx, r).name,
      region: r.name,
      step: ev.step,
      reasonCode: "duplicate-run-cancelled",
      reason: `${ev.kind} run ${ev.runId} is a second run for step ${ev.step + 1} (run ${other.runId} has it); cancelling it`,
      numbers: { runId: ev.runId }
    });
    ctx.fx.push(cancelEffect(r.name, ev.kind, ev.runId, "duplicate-run"));
    return true;
  }
  run.runId = ev.runId;
  if (ev.htmlUrl !== void 0) run.htmlUrl = ev.htmlUrl;
  if (run.done && ev.kind === "rollback") {
    log(ctx, {
      kind: "run-dispatched",
      stage: stageOf(ctx, r).name,
      region: r.name,
      step: ev.step,
      reasonCode: "late-rollback-run",
      reason: `rollback run ${ev.runId} started after its dispatch was given up on; not cancelled (rolling back is the safe direction), its result is not watched: check it`,
      numbers: { runId: ev.runId }
    });
    return true;
  }
  if (run.done) {
    log(ctx, {
      kind: "run-dispatched",
      stage: stageOf(ctx, r).name,
      region: r.name,
      step: ev.step,
      reasonCode: "late-run-cancelled",
      reason: `${ev.kind} run ${ev.runId} started after the region moved on; cancelling it`,
      numbers: { runId: ev.runId }
    });
    ctx.fx.push(cancelEffect(r.name, ev.kind, ev.runId, "late-run"));
    return true;
  }
  log(ctx, {
    kind: "run-dispatched",
    stage: stageOf(ctx, r).name,
    region: r.name,
    step: ev.step,
    reasonCode: `${ev.kind}-dispatched`,
    reason: `${ev.kind} run ${ev.runId} started`,
    numbers: { runId: ev.runId }
  });
  if (ev.kind === "deploy" && r.phase === "deploying") deploymentStatus(ctx, r, "in_progress", `${stepLabel(ctx, r)}: deploy run ${ev.runId}`);
  return true;
}
function runCanBeFound(plan, kind) {
  return (kind === "deploy" ? plan.deploy : plan.rollback)?.correlationInput !== void 0;
}
function answerMustBeSaved(ctx, ev) {
  return ev.type === "run-dispatched" && !runCanBeFound(ctx.plan, ev.kind);
}
function dispatchInDoubt(ctx, r, run) {
  const spec = run.kind === "deploy" ? ctx.plan.deploy : ctx.plan.rollback;
  const since = new Date(run.dispatchedAt).toISOString();
  const check = `check the runs of ${spec?.workflow ?? `the ${run.kind} workflow`} started since ${since} for ${r.name}`;
  const reason = run.kind === "deploy" ? `DISPATCH IN DOUBT: the deploy of step ${run.step + 1} was requested by a driver that stopped before recording its run, and without deploy.correlationInput that run cannot be found, so it is not dispatched again; ${check} and cancel one still queued or in progress (it could deploy after the rollback)` : `DISPATCH IN DOUBT: the rollback was requested by a driver that stopped before recording its run, and without rollback.correlationInput that run cannot be found, so it is not dispatched again; ${check}: whether it ran and succeeded is unknown`;
  log(ctx, { kind: "dispatch-failed", stage: stageOf(ctx, r).name, region: r.name, step: run.step, reasonCode: "dispatch-in-doubt", reason });
  if (run.done) return;
  run.done = true;
  if (run.kind === "deploy") regionFailed(ctx, r, "dispatch-in-doubt", reason);
  else ctx.transitions.onRollbackFinished(ctx, r, false, reason);
}
function onDispatchFailed(ctx, r, ev) {
  const run = r.runs.find((x) => x.kind === ev.kind && x.step === ev.step && attemptOf(x) === attemptOf(ev) && !x.done && x.runId === void 0);
  if (!run) return false;
  run.done = true;
  log(ctx, {
    kind: "dispatch-failed",
    stage: stageOf(ctx, r).name,
    region: r.name,
    step: ev.step,
    reasonCode: `${ev.kind}-dispatch-failed`,
    reason: `could not dispatch the ${ev.kind} workflow: ${ev.message}`
  });
  if (ev.kind === "deploy") regionFailed(ctx, r, "dispatch-failed", `deploy dispatch failed: ${ev.message}`);
  else ctx.transitions.onRollbackFinished(ctx, r, false, `rollback dispatch failed: ${ev.message}`);
  return true;
}
function onRunFinished(ctx, r, ev) {
  const run = r.runs.find((x) => x.runId === ev.runId && x.kind === ev.kind && !x.done);
  if (!run) return false;
  run.done = true;
  run.conclusion = ev.conclusion;
  const ok = ev.conclusion === "success";
  log(ctx, {
    kind: "run-finished",
    stage: stageOf(ctx, r).name,
    region: r.name,
    step: run.step,
    reasonCode: ok ? `${ev.kind}-succeeded` : `${ev.kind}-failed`,
    reason: `${ev.kind} run ${ev.runId} finished: ${ev.conclusion ?? "no conclusion"}`,
    numbers: { runId: ev.runId }
  });
  if (ev.kind === "rollback") {
    ctx.transitions.onRollbackFinished(
      ctx,
      r,
      ok,
      ok ? `rollback run ${ev.runId} succeeded` : `rollback run ${ev.runId} concluded ${ev.conclusion ?? "without a conclusion"}`
    );
    return true;
  }
  if (r.phase !== "deploying" || run.step !== r.step) return true;
  if (ok) ctx.transitions.startBake(ctx, r);
  else regionFailed(ctx, r, "deploy-failed", `deploy run ${ev.runId} concluded ${ev.conclusion ?? "without a conclusion"} at step ${r.step + 1}`);
  return true;
}
function checkRunDeadline(ctx, r) {
  const run = openRun(r);
  if (!run || ctx.at < run.deadline) return;
  run.done = true;
  run.conclusion = "timed_out";
  const limitMs = run.deadline - run.dispatchedAt;
  const reason = `${run.kind} run ${run.runId ?? "(not yet seen)"} did not finish within ${formatDuration(limitMs)}`;
  log(ctx, {
    kind: "run-timeout",
    stage: stageOf(ctx, r).name,
    region: r.name,
    step: run.step,
    reasonCode: `${run.kind}-timeout`,
    reason,
    ...run.runId !== void 0 ? { numbers: { runId: run.runId } } : {}
  });
  if (run.runId !== void 0) ctx.fx.push(cancelEffect(r.name, run.kind, run.runId, "timed-out"));
  if (run.kind === "deploy") regionFailed(ctx, r, "deploy-timeout", reason);
  else ctx.transitions.onRollbackFinished(ctx, r, false, reason);
}
function stepPassed(ctx, r) {
  const stage = stageOf(ctx, r);
  log(ctx, {
    kind: "step-passed",
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode: "step-passed",
    reason: `step ${r.step + 1} at ${trafficOf(ctx, r)}% passed`,
    numbers: { traffic: trafficOf(ctx, r) }
  });
  if (r.step + 1 < stage.steps.length) {
    startStep(ctx, r, r.step + 1);
    return;
  }
  r.bake = void 0;
  r.finishedAt = ctx.at;
  setPhase(ctx, r, "promoted");
  log(ctx, {
    kind: "region-promoted",
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode: "region-promoted",
    reason: `all ${plural(stage.steps.length, "step")} passed`
  });
  deploymentStatus(ctx, r, "success", `${ctx.s.version} at ${trafficOf(ctx, r)}%: all ${plural(stage.steps.length, "step")} passed`);
  ctx.transitions.regionSettled(ctx, r);
}
function regionFailed(ctx, r, reasonCode, reason) {
  if (!isInStep(r.phase)) return;
  const stage = stageOf(ctx, r);
  stopRegionWork(ctx, r, "region-failed");
  r.failure = { reasonCode, reason, at: ctx.at };
  r.finishedAt = ctx.at;
  setPhase(ctx, r, "failed");
  const st = ctx.s.stages[r.stage];
  if (st) st.failed += 1;
  log(ctx, {
    kind: "region-failed",
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode,
    reason,
    numbers: { failed: st?.failed ?? 0, budget: stage.failureBudget }
  });
  deploymentStatus(ctx, r, "failure", reason);
  ctx.transitions.onRegionFailed(ctx, r);
}

// src/core/stages.ts
function startRelease(ctx, by) {
  const { s } = ctx;
  s.status = "running";
  s.startedAt = ctx.at;
  if (by !== void 0) s.initiator = by;
  log(ctx, {
    kind: "release-started",
    reasonCode: "release-started",
    reason: `release ${s.releaseId} (version ${s.version}) started`,
    ...by !== void 0 ? { by } : {}
  });
  ctx.fx.push({ type: "report", headline: `release ${s.releaseId} started` });
  enterStage(ctx, 0);
}
function enterStage(ctx, index) {
  const { s, plan } = ctx;
  const stage = plan.stages[index];
  const st = s.stages[index];
  if (!stage || !st) return;
  s.stage = index;
  if (stage.approval && st.approval?.decision !== "approve") {
    const deadline = ctx.at + stage.approval.timeoutMs;
    if (stage.approval.environment) {
      askEnvironmentReviewers(ctx, index, { requestedAt: ctx.at, deadline });
      return;
    }
    st.phase = "awaiting-approval";
    st.approval = { requestedAt: ctx.at, deadline };
    log(ctx, {
      kind: "stage-awaiting-approval",
      stage: stage.name,
      reasonCode: "approval-required",
      reason: `stage ${stage.name} needs an approval before it starts`
    });
    ctx.fx.push({ type: "request-approval", stage: stage.name, reason: `stage ${stage.name} is ready to start`, deadline });
    return;
  }
  startStage(ctx, index);
}
function startStage(ctx, index) {
  const stage = ctx.plan.stages[index];
  const st = ctx.s.stages[index];
  if (!stage || !st) return;
  if (frozenBefore(ctx, index)) {
    if (st.phase === "awaiting-approval") st.phase = "pending";
    return;
  }
  st.phase = "running";
  log(ctx, {
    kind: "stage-started",
    stage: stage.name,
    reasonCode: "stage-started",
    reason: `${plural(stage.regions.length, "region")}, up to ${stage.maxParallel} at once, ${plural(stage.steps.length, "step")}`
  });
  ctx.fx.push({ type: "report", headline: `stage ${stage.name} started` });
  fillStage(ctx, index);
}
function fillStage(ctx, index) {
  const { s, plan } = ctx;
  const stage = plan.stages[index];
  const st = s.stages[index];
  if (!stage || !st || st.phase !== "running" || s.stop) return;
  const c = s.counts;
  let inFlight = c.deploying + c.baking + c["awaiting-approval"] + c["rolling-back"];
  const heldForPerson = c["awaiting-approval"] > 0;
  if (!s.hold && !heldForPerson) {
    while (inFlight < stage.maxParallel && st.cursor < stage.regions.length) {
      const r = s.regions[stage.regions[st.cursor] ?? ""];
      st.cursor += 1;
      if (!r || r.phase !== "pending") continue;
      startStep(ctx, r, r.step);
      inFlight += 1;
    }
  }
  if (inFlight === 0 && st.cursor >= stage.regions.length) completeStage(ctx, index);
}
function completeStage(ctx, index) {
  const { s, plan } = ctx;
  const stage = plan.stages[index];
  const st = s.stages[index];
  if (!stage || !st) return;
  st.phase = "done";
  log(ctx, {
    kind: "stage-completed",
    stage: stage.name,
    reasonCode: "stage-completed",
    reason: `${plural(st.failed, "region")} failed, budget ${stage.failureBudget}`,
    numbers: { failed: st.failed, budget: stage.failureBudget }
  });
  if (index + 1 < plan.stages.length) enterStage(ctx, index + 1);
  else finishPromoted(ctx);
}
function finishPromoted(ctx) {
  const regions = Object.values(ctx.s.regions);
  const unrecovered = regions.filter((r) => r.failure && r.phase !== "rolled-back");
  const recovered = regions.filter((r) => r.failure && r.phase === "rolled-back");
  if (unrecovered.length > 0) {
    const code = ctx.plan.rollback ? "rollback-failed" : "no-rollback-workflow";
    const why = ctx.plan.rollback ? "rollback failed for" : "no rollback workflow configured; left failed:";
    finish(ctx, "failed", code, `${why} ${unrecovered.map((r) => r.name).join(", ")}`);
    return;
  }
  if (recovered.length > 0) {
    finish(
      ctx,
      "promoted",
      "promoted-within-budget",
      `promoted; ${plural(recovered.length, "region")} failed within the failure budget and were rolled back: ${recovered.map((r) => r.name).join(", ")}`
    );
    return;
  }
  finish(ctx, "promoted", "all-regions-promoted", `all ${plural(regions.length, "region")} promoted`);
}
function regionSettled(ctx, r) {
  if (ctx.s.stop) {
    processStop(ctx);
    return;
  }
  if (ctx.s.status === "finished") return;
  if (r.stage === ctx.s.stage) fillStage(ctx, r.stage);
}

// src/core/environment-approval.ts
function onApprovalRunEvent(ctx, ev) {
  const index = ctx.s.stages.findIndex((x) => x.name === ev.stage);
  const st = ctx.s.stages[index];
  if (!st?.approvalRun) return false;
  if (ev.type === "approval-run-dispatched") return onDispatched(ctx, st, ev);
  if (ev.type === "approval-dispatch-failed") return onDispatchFailed2(ctx, index, st, ev.message);
  return onFinished(ctx, index, st, ev);
}
function onDispatched(ctx, st, ev) {
  const run = st.approvalRun;
  if (!run) return false;
  const base = { kind: "run-dispatched", stage: st.name, numbers: { runId: ev.runId } };
  if (run.runId !== void 0) {
    if (run.runId === ev.runId) return false;
    log(ctx, {
      ...base,
      reasonCode: "duplicate-run-cancelled",
      reason: `approval run ${ev.runId} is a second run for stage ${st.name} (run ${run.runId} has it); cancelling it`
    });
    ctx.fx.push({ type: "cancel-approval-run", stage: st.name, runId: ev.runId, reason: "duplicate run for one stage approval" });
    return true;
  }
  run.runId = ev.runId;
  if (ev.htmlUrl !== void 0) run.htmlUrl = ev.htmlUrl;
  if (run.done) {
    log(ctx, {
      ...base,
      reasonCode: "late-run-cancelled",
      reason: `approval run ${ev.runId} started after stage ${st.name} stopped waiting for it; cancelling it`
    });
    ctx.fx.push({ type: "cancel-approval-run", stage: st.name, runId: ev.runId, reason: "no longer wanted" });
    return true;
  }
  log(ctx, {
    ...base,
    reasonCode: "approval-dispatched",
    reason: `approval run ${ev.runId} started: stage ${st.name} waits for the reviewers to approve it there`
  });
  return true;
}
function onDispatchFailed2(ctx, index, st, message) {
  const run = openApprovalRun(st);
  const env = environmentOf(ctx, index);
  if (!run || run.runId !== void 0) return false;
  run.done = true;
  const workflow = env?.workflow ?? "the approval workflow";
  log(ctx, { kind: "dispatch-failed", stage: st.name, reasonCode: "approval-dispatch-failed", reason: `could not dispatch ${workflow}: ${message}` });
  if (st.phase === "awaiting-approval")
    stopRelease(
      ctx,
      "approval-dispatch-failed",
      `stage ${st.name} could not ask the reviewers of GitHub environment '${env?.name ?? "?"}': ${workflow} could not be dispatched (${message})`
    );
  return true;
}
function onFinished(ctx, index, st, ev) {
  const run = openApprovalRun(st);
  if (!run || run.runId !== ev.runId) return false;
  run.done = true;
  run.conclusion = ev.conclusion;
  const ok = ev.conclusion === "success";
  const ended = ev.conclusion ?? "without a conclusion";
  log(ctx, {
    kind: "run-finished",
    stage: st.name,
    reasonCode: ok ? "approval-run-succeeded" : "approval-run-failed",
    reason: `approval run ${ev.runId} finished: ${ended}`,
    numbers: { runId: ev.runId }
  });
  if (st.phase !== "awaiting-approval") return true;
  const env = environmentOf(ctx, index)?.name ?? "?";
  const where = `in GitHub environment '${env}' (approval run ${ev.runId})`;
  if (ok) {
    const by2 = named(ev.reviews, "approved") ?? "environment reviewers";
    st.approval = { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at, by: by2, at: ctx.at, decision: "approve" };
    const unnamed = ev.reviews === void 0 ? "; its reviews could not be read" : ev.reviews.length === 0 ? `; no reviewer is listed: check that '${env}' has required reviewers` : "";
    log(ctx, { kind: "stage-approved", stage: st.name, by: by2, reasonCode: "environment-approved", reason: `${by2} approved stage ${st.name} ${where}${unnamed}` });
    startStage(ctx, index);
    return true;
  }
  const rejection = [...ev.reviews ?? []].reverse().find((x) => x.state === "rejected");
  const by = rejection?.user ?? named(ev.reviews, "rejected");
  st.approval = {
    requestedAt: st.approval?.requestedAt ?? ctx.at,
    deadline: st.approval?.deadline ?? ctx.at,
    ...by !== void 0 ? { by } : {},
    at: ctx.at,
    decision: "reject"
  };
  if (rejection) {
    const comment = rejection.comment.trim();
    stopRelease(ctx, "approval-rejected", `${rejection.user} rejected stage ${st.name} ${where}${comment !== "" ? `: ${comment}` : ""}`, "touched");
  } else {
    const unread = ev.reviews === void 0 ? " (its reviews could not be read)" : "";
    stopRelease(
      ctx,
      "approval-run-failed",
      `the approval run of stage ${st.name} ended ${ended} ${where}; nobody is named as rejecting it${unread}`,
      "touched"
    );
  }
  return true;
}
function named(reviews, state) {
  const users = [...new Set((reviews ?? []).filter((x) => x.state === state).map((x) => x.user))];
  return users.length > 0 ? users.join(", ") : void 0;
}
function environmentApprovalRefusal(ctx) {
  const { s } = ctx;
  const st = s.stages[s.stage];
  const env = environmentOf(ctx, s.stage);
  if (!env || st?.phase !== "awaiting-approval") return void 0;
  const url = st.approvalRun?.htmlUrl;
  const where = url !== void 0 ? `in its approval run ${url}` : `in the run of ${env.workflow} once it starts`;
  return `stage ${st.name} is approved by the required reviewers of GitHub environment '${env.name}', ${where} ("Review deployments"), not by a command`;
}
function resumeEnvironmentApproval(ctx) {
  const { s, plan } = ctx;
  const st = s.stages[s.stage];
  const env = environmentOf(ctx, s.stage);
  if (!env || !st) return false;
  const run = st.approvalRun;
  if (!run) {
    askEnvironmentReviewers(ctx, s.stage, { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at });
    return true;
  }
  if (run.done || run.runId !== void 0) return true;
  if (plan.deploy.correlationInput !== void 0) {
    ctx.fx.push(approvalDispatchEffect(st.name, env.name, run));
    return true;
  }
  run.done = true;
  const since = new Date(run.dispatchedAt).toISOString();
  const reason = `DISPATCH IN DOUBT: the approval run of stage ${st.name} was requested by a driver that stopped before recording it, and without deploy.correlationInput it cannot be found, so it is not dispatched again; check the runs of ${env.workflow} started since ${since} and cancel one still waiting`;
  log(ctx, { kind: "dispatch-failed", stage: st.name, reasonCode: "dispatch-in-doubt", reason });
  if (st.phase === "awaiting-approval") stopRelease(ctx, "dispatch-in-doubt", reason);
  return true;
}
function afterTheEndApproval(ctx, ev) {
  if (ev.type === "approval-run-dispatched" && onApprovalRunEvent(ctx, ev)) return;
  ignore(ctx, ev, `the release is finished (${ctx.s.outcome?.decision ?? "done"})`);
}

// src/core/stats/normal.ts
var ERX = 0.8450629115104675;
var EFX = 0.12837916709551256;
var PP = [EFX, -0.3250421072470015, -0.02848174957559851, -0.005770270296489442, -23763016656650163e-21];
var QQ = [1, 0.39791722395915535, 0.0650222499887673, 0.005081306281875766, 13249473800432164e-20, -3960228278775368e-21];
var PA = [
  -0.0023621185607526594,
  0.41485611868374833,
  -0.3722078760357013,
  0.31834661990116175,
  -0.11089469428239668,
  0.035478304325618236,
  -0.002166375594868791
];
var QA = [
  1,
  0.10642088040084423,
  0.540397917702171,
  0.07182865441419627,
  0.12617121980876164,
  0.01363708391202905,
  0.011984499846799107
];
var RA = [
  -0.009864944034847148,
  -0.6938585727071818,
  -10.558626225323291,
  -62.375332450326006,
  -162.39666946257347,
  -184.60509290671104,
  -81.2874355063066,
  -9.814329344169145
];
var SA = [
  1,
  19.651271667439257,
  137.65775414351904,
  434.56587747522923,
  645.3872717332679,
  429.00814002756783,
  108.63500554177944,
  6.570249770319282,
  -0.0604244152148581
];
var RB = [
  -0.0098649429247001,
  -0.799283237680523,
  -17.757954917754752,
  -160.63638485582192,
  -637.5664433683896,
  -1025.0951316110772,
  -483.5191916086514
];
var SB = [
  1,
  30.33806074348246,
  325.7925129965739,
  1536.729586084437,
  3199.8582195085955,
  2553.0504064331644,
  474.52854120695537,
  -22.44095244658582
];
function poly(c, x) {
  let y = 0;
  for (let i = c.length - 1; i >= 0; i--) y = y * x + c[i];
  return y;
}
var words = new DataView(new ArrayBuffer(8));
function highPart(x) {
  words.setFloat64(0, x);
  words.setUint32(4, 0);
  return words.getFloat64(0);
}
function erfc(x) {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return 1 - x;
    const z2 = x * x;
    const y = poly(PP, z2) / poly(QQ, z2);
    return x < 0.25 ? 1 - (x + x * y) : 0.5 - (x * y + (x - 0.5));
  }
  if (ax < 1.25) {
    const s2 = ax - 1;
    const pq = poly(PA, s2) / poly(QA, s2);
    return x < 0 ? 1 + ERX + pq : 1 - ERX - pq;
  }
  if (ax >= 28 || x < -6) return x < 0 ? 2 : 0;
  const s = 1 / (ax * ax);
  const rs = ax < 1 / 0.35 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
  const z = highPart(ax);
  const r = Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + rs);
  return x < 0 ? 2 - r / ax : r / ax;
}
function phi(z) {
  return 0.5 * erfc(-z / Math.SQRT2);
}
var SQRT_2PI = Math.sqrt(2 * Math.PI);

// src/core/stats/ranks.ts
function midRanks(values) {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array(values.length);
  const ties = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && order[end].v === order[start].v) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k].i] = rank;
    if (end - start > 1) ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}
function rankSumSigma(m, n, ties) {
  const big = m + n;
  const tieSum = ties.reduce((s, t) => s + t ** 3 - t, 0);
  return Math.sqrt(m * n / 12 * (big + 1 - tieSum / (big * (big - 1))));
}

// src/core/stats/mann-whitney.ts
var EXACT_BELOW = 50;
function mannWhitney(x, y, options2 = {}) {
  const alternative = options2.alternative ?? "two-sided";
  const m = x.length;
  const n = y.length;
  const { ranks, ties } = midRanks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < m; i++) r1 += ranks[i];
  const u1 = r1 - m * (m + 1) / 2;
  const u2 = m * n - u1;
  const base = { u1, u2, m, n };
  if (m === 0 || n === 0) return { ...base, p: NaN, method: "asymptotic" };
  const method = options2.method ?? "auto";
  const exact = method === "exact" || method === "auto" && ties.length === 0 && m < EXACT_BELOW && n < EXACT_BELOW;
  if (exact) return { ...base, p: exactP(u1, m, n, alternative), method: "exact" };
  const { z, p } = asymptoticP(u1, m, n, ties, alternative, options2.continuity ?? true);
  return { ...base, p, z, method: "asymptotic" };
}
function asymptoticP(u1, m, n, ties, alternative, continuity) {
  const mu = m * n / 2;
  const sigma = rankSumSigma(m, n, ties);
  if (!(sigma > 0)) return { z: NaN, p: NaN };
  const c = !continuity ? 0 : alternative === "greater" ? 0.5 : alternative === "less" ? -0.5 : 0.5 * Math.sign(u1 - mu);
  const z = (u1 - mu - c) / sigma;
  const p = alternative === "greater" ? phi(-z) : alternative === "less" ? phi(z) : Math.min(1, 2 * phi(-Math.abs(z)));
  return { z, p };
}
function exactP(u1, m, n, alternative) {
  const dist = exactDistribution(m, n);
  const atLeast = (u) => {
    let s = 0;
    for (let k = Math.ceil(u - 1e-9); k < dist.length; k++) s += dist[k];
    return s;
  };
  const atMost = (u) => {
    let s = 0;
    for (let k = 0; k <= Math.floor(u + 1e-9) && k < dist.length; k++) s += dist[k];
    return s;
  };
  if (alternative === "greater") return Math.min(1, atLeast(u1));
  if (alternative === "less") return Math.min(1, atMost(u1));
  return Math.min(1, 2 * atLeast(Math.max(u1, m * n - u1)));
}
function exactDistribution(m, n) {
  let prev = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const cur = [[1]];
    for (let j = 1; j <= n; j++) {
      const size = i * j + 1;
      const fromFirst = prev[j];
      const fromSecond = cur[j - 1];
      const d = new Array(size).fill(0);
      const a = i / (i + j);
      const b = j / (i + j);
      for (let u = 0; u < fromFirst.length; u++) d[u + j] += a * fromFirst[u];
      for (let u = 0; u < fromSecond.length; u++) d[u] += b * fromSecond[u];
      cur.push(d);
    }
    prev = cur;
  }
  return prev[n];
}

// src/core/judges/comparison.ts
function applyBound(baseline, b) {
  return baseline * b.factor + b.offset;
}
function mean(xs) {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : NaN;
}
function finite(xs) {
  return xs.filter((x) => Number.isFinite(x));
}
function sidesOf(b) {
  return ["max", "min"].filter((s) => b[s] !== void 0);
}
function sideP(canary, baseline, side, bound2, worse) {
  const moved = baseline.map((b) => applyBound(b, bound2));
  const greater = side === "max" === worse;
  const r = mannWhitney(canary, moved, { alternative: greater ? "greater" : "less" });
  return { p: r.p, u: r.u1 };
}
function samplesOf(canaryIn, baselineIn, s) {
  const canary = finite(canaryIn);
  const baseline = finite(baselineIn);
  const canaryMean = mean(canary);
  const baselineMean = mean(baseline);
  const ratio = baselineMean === 0 ? NaN : canaryMean / baselineMean;
  const numbers = { canaryMean, baselineMean, ratio, p: NaN, pPass: NaN, u: NaN, canaryN: canary.length, baselineN: baseline.length };
  if (canary.length < s.minSamples || baseline.length < s.minSamples) {
    const reason = `too few samples (canary ${canary.length}, baseline ${baseline.length}; at least ${s.minSamples} each)`;
    return { canary, baseline, numbers, tooFew: { outcome: "no-data", reason, numbers } };
  }
  return { canary, baseline, numbers };
}
function judgeComparison(canaryIn, baselineIn, s) {
  const { canary, baseline, numbers, tooFew } = samplesOf(canaryIn, baselineIn, s);
  if (tooFew) return tooFew;
  const sides = sidesOf(s.fail);
  const level = (1 - s.confidence) / sides.length;
  const pass = s.pass ?? s.fail;
  let worst;
  let pPass = 0;
  for (const side of sides) {
    const w = sideP(canary, baseline, side, s.fail[side], true);
    if (!worst || w.p < worst.p || Number.isNaN(worst.p)) worst = { side, ...w };
    pPass = Math.max(pPass, sideP(canary, baseline, side, pass[side] ?? s.fail[side], false).p);
  }
  if (!worst) return { outcome: "no-data", reason: "the gate has no bound to compare against", numbers };
  Object.assign(numbers, { p: worst.p, u: worst.u, pPass });
  if (Number.isNaN(worst.p)) return { outcome: "no-data", side: worst.side, reason: "no test: every value is tied", numbers };
  const outcome = worst.p < level ? "fail" : pPass < level ? "pass" : "inconclusive";
  return { outcome, side: worst.side, reason: describeComparison(outcome, worst.side, numbers, s), numbers };
}
function fmt(x) {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x);
}
function toleranceText(b) {
  if (!b) return "?";
  return b.offset === 0 ? `${fmt(b.factor)}x` : `${fmt(b.factor)}x ${b.offset < 0 ? "-" : "+"} ${fmt(Math.abs(b.offset))}`;
}
function comparisonHead(n, extra = "") {
  const ratio = Number.isNaN(n.ratio) ? "baseline 0" : `${fmt(n.ratio)}x`;
  return `canary ${fmt(n.canaryMean)} vs baseline ${fmt(n.baselineMean)} (${ratio}${extra}, n=${n.canaryN}/${n.baselineN})`;
}
function describeComparison(outcome, side, n, s) {
  const head = (extra) => comparisonHead(n, extra);
  const level = (1 - s.confidence) / sidesOf(s.fail).length;
  const p = (x) => `p=${fmt(x)} ${x < level ? "<" : "\u2265"} ${fmt(level)}`;
  const failB = toleranceText(s.fail[side]);
  const passB = toleranceText((s.pass ?? s.fail)[side] ?? s.fail[side]);
  const beyond = side === "max" ? "above" : "below";
  if (outcome === "fail") return `${head(`, ${p(n.p)}`)}: ${beyond} the ${failB} tolerance`;
  if (outcome === "pass") return `${head("")}: within the ${passB} tolerance (${p(n.pPass)})`;
  return `${head("")}: not shown ${beyond} ${failB} (${p(n.p)}) nor within ${passB} (${p(n.pPass)}): too little evidence either way`;
}
function judgeWindowAndRecentHalf(canary, baseline, s) {
  const half = { ...s, confidence: 1 - (1 - s.confidence) / 2 };
  const whole = judgeComparison(canary, baseline, half);
  const from = Math.floor(Math.min(canary.length, baseline.length) / 2);
  const recent = judgeComparison(canary.slice(from), baseline.slice(from), half);
  const ofRecent = (v) => ({ ...v, reason: `over the second half of the bake: ${v.reason}` });
  if (whole.outcome === "fail") return whole;
  if (recent.outcome === "fail") return ofRecent(recent);
  if (whole.outcome === "no-data") return whole;
  if (whole.outcome === "pass" && recent.outcome === "pass") return whole;
  if (recent.outcome === "pass") return { ...whole, outcome: "inconclusive" };
  return { ...ofRecent(recent), outcome: "inconclusive" };
}

// src/core/judges/ratio.ts
function judgeRatio(canaryIn, baselineIn, s) {
  const { canary, baseline, numbers, tooFew } = samplesOf(canaryIn, baselineIn, s);
  if (tooFew) return tooFew;
  const { canaryMean, baselineMean, ratio } = numbers;
  const head = `canary mean ${fmt(canaryMean)} vs baseline mean ${fmt(baselineMean)} (${Number.isNaN(ratio) ? "baseline 0" : `${fmt(ratio)}x`}, n=${canary.length}/${baseline.length})`;
  const pass = s.pass ?? s.fail;
  let within;
  let between;
  for (const side of sidesOf(s.fail)) {
    const limit = applyBound(baselineMean, s.fail[side]);
    const beyond = side === "max" ? canaryMean > limit : canaryMean < limit;
    if (beyond) return { outcome: "fail", side, reason: `${head}: ${side === "max" ? "above" : "below"} the tolerated ${fmt(limit)}`, numbers };
    const passLimit = applyBound(baselineMean, pass[side] ?? s.fail[side]);
    const inside = side === "max" ? canaryMean <= passLimit : canaryMean >= passLimit;
    if (!inside) between ??= { side, limit: passLimit };
    else within ??= { side, limit: passLimit };
  }
  if (between) {
    const word = between.side === "max" ? "above" : "below";
    return {
      outcome: "inconclusive",
      side: between.side,
      reason: `${head}: not above the fail bound but ${word} the pass bound ${fmt(between.limit)}: too little evidence either way`,
      numbers
    };
  }
  if (!within) return { outcome: "no-data", reason: "the gate has no bound to compare against", numbers };
  return { outcome: "pass", side: within.side, reason: `${head}: within the tolerated ${fmt(within.limit)}`, numbers };
}

// src/core/stats/confidence-sequence.ts
function normalMixtureBound(intrinsicTime, rho, alpha) {
  return Math.sqrt((intrinsicTime + rho) * (Math.log(1 + intrinsicTime / rho) + 2 * Math.log(1 / alpha)));
}
function bestRho(vOpt, alpha) {
  const l = 2 * Math.log(1 / alpha);
  return vOpt / (l + Math.log(1 + l));
}
function sequentialInterval(diffs, variance2, plannedN, alpha) {
  const n = diffs.length;
  let sum = 0;
  for (const d of diffs) sum += d;
  const mean2 = n ? sum / n : NaN;
  if (n === 0 || !(variance2 > 0)) return { n, mean: mean2, lower: -Infinity, upper: Infinity };
  const rho = bestRho(Math.max(plannedN, n) * variance2, alpha);
  const half = normalMixtureBound(n * variance2, rho, alpha) / n;
  return { n, mean: mean2, lower: mean2 - half, upper: mean2 + half };
}

// src/core/judges/sequential.ts
function sampleVariance(xs) {
  const n = xs.length;
  if (n < 2) return NaN;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  return v / (n - 1);
}
function excesses(pairs, b, side) {
  return finite(pairs.map(({ canary, baseline }) => side === "max" ? canary - applyBound(baseline, b) : applyBound(baseline, b) - canary));
}
function variance(d, b) {
  const floor = (b.offset / 10) ** 2 || 1e-18;
  return d.length < 2 ? NaN : Math.max(sampleVariance(d), floor);
}
function shownWithin(pairs, s, alpha) {
  const passT = s.pass ?? s.fail;
  const d = excesses(pairs, passT, s.side);
  if (d.length < s.minSamples) return void 0;
  const v = variance(d, passT);
  const whole = sequentialInterval(d, v, s.plannedSamples, alpha / 2);
  if (!(whole.upper < 0)) return void 0;
  const half = Math.floor(d.length / 2);
  if (d.length - half >= s.minSamples && !(sequentialInterval(d.slice(half), v, s.plannedSamples - half, alpha / 2).upper < 0)) return void 0;
  return whole;
}
function lookSequential(pairs, s) {
  const alpha = 1 - s.confidence;
  const d = excesses(pairs, s.fail, s.side);
  const restarts = Math.max(1, Math.ceil(s.plannedSamples / s.restartEvery));
  const v = variance(d, s.fail);
  const whole = sequentialInterval(d, v, s.plannedSamples, alpha / restarts);
  const level = 1 - alpha / restarts;
  if (d.length < s.minSamples) return { decision: "continue", interval: whole, from: 0, confidence: level };
  for (let from = 0; from < restarts * s.restartEvery && d.length - from >= s.minSamples; from += s.restartEvery) {
    const i = from === 0 ? whole : sequentialInterval(d.slice(from), v, s.plannedSamples - from, alpha / restarts);
    if (i.lower > 0) return { decision: "fail", interval: i, from, confidence: level };
  }
  if (s.promoteEarly) {
    const pass = shownWithin(pairs, s, alpha);
    if (pass) return { decision: "pass", interval: pass, from: 0, confidence: 1 - alpha / 2 };
  }
  return { decision: "continue", interval: whole, from: 0, confidence: level };
}

// src/core/compare-pairs.ts
function pointsOf(s) {
  const out = /* @__PURE__ */ new Map();
  if (s?.kind === "series") {
    for (const p of s.points) if (Number.isFinite(p.value)) out.set(p.at, p.value);
  }
  return out;
}
function pairSeries(obs, minVolume, at) {
  const baseline = pointsOf(obs.baseline);
  const volumes = minVolume === void 0 ? [] : [pointsOf(obs.canaryVolume), ...obs.baselineVolume ? [pointsOf(obs.baselineVolume)] : []];
  const pairs = [];
  let quiet = 0;
  for (const [t, canary] of [...pointsOf(obs.canary)].sort((a, b) => a[0] - b[0])) {
    const b = baseline.get(t);
    if (b === void 0) continue;
    if (volumes.some((v) => !((v.get(t) ?? NaN) >= (minVolume ?? 0)))) {
      quiet += 1;
      continue;
    }
    pairs.push({ at: t, canary, baseline: b });
  }
  return { pairs, quiet, newest: pairs.length > 0 && pairs[pairs.length - 1].at === at };
}
function readError(obs) {
  if (obs.kind === "error") return obs.message;
  if (obs.kind !== "comparison") return `a comparison gate needs range reads, but an instant ${obs.kind} answer came`;
  const reads = [
    ["canary", obs.canary],
    ["baseline", obs.baseline],
    ["canary volume", obs.canaryVolume],
    ["baseline volume", obs.baselineVolume]
  ];
  for (const [what, s] of reads) if (s?.kind === "error") return `${what} read: ${s.message}`;
  return void 0;
}

// src/core/compare-gate.ts
function testConfidences(cmp, inconclusiveLimit) {
  const alpha = 1 - cmp.confidence;
  const sequential = cmp.sequential && cmp.judge === "mann-whitney";
  const end = (sequential ? alpha / 2 : alpha) / (1 + inconclusiveLimit);
  return { looks: 1 - alpha / 2, end: 1 - end };
}
function settingsOf(cmp, inconclusiveLimit) {
  const fail = { ...cmp.max ? { max: cmp.max } : {}, ...cmp.min ? { min: cmp.min } : {} };
  const pass = { ...cmp.max ? { max: cmp.passMax ?? cmp.max } : {}, ...cmp.min ? { min: cmp.passMin ?? cmp.min } : {} };
  return { fail, pass, confidence: testConfidences(cmp, inconclusiveLimit).end, minSamples: cmp.minSamples };
}
function numbersOf(n) {
  const out = {};
  for (const [k, v] of Object.entries(n)) if (v !== void 0 && Number.isFinite(v)) out[k] = v;
  return out;
}
function headOf(pairs) {
  const canaryMean = mean(pairs.map((p) => p.canary));
  const baselineMean = mean(pairs.map((p) => p.baseline));
  const n = { canaryMean, baselineMean, ratio: baselineMean === 0 ? NaN : canaryMean / baselineMean, canaryN: pairs.length, baselineN: pairs.length };
  return { text: comparisonHead(n), numbers: numbersOf(n) };
}
function mayPassEarly(cmp, gate, look, target) {
  if (!cmp.promoteEarly) return false;
  if (cmp.promoteEarlyAfterMs === void 0) return look * 3 >= target;
  return gate.initialDelayMs + look * gate.intervalMs >= cmp.promoteEarlyAfterMs;
}
function sequentialLook(pairs, gate, cmp, c, look) {
  const sides = ["max", "min"].filter((s) => cmp[s] !== void 0);
  const confidence = 1 - (1 - testConfidences(cmp, gate.inconclusiveLimit).looks) / sides.length;
  const promoteEarly = mayPassEarly(cmp, gate, look, c.target);
  let passes = 0;
  let first;
  for (const side of sides) {
    const bound2 = cmp[side];
    const pass = (side === "max" ? cmp.passMax : cmp.passMin) ?? bound2;
    const l = lookSequential(pairs, {
      side,
      fail: bound2,
      pass,
      confidence,
      minSamples: cmp.minSamples,
      plannedSamples: c.target,
      restartEvery: Math.max(1, Math.ceil(c.target / 6)),
      promoteEarly
    });
    if (l.decision === "fail") return { side, look: l, bound: bound2, pass };
    if (l.decision === "pass") passes += 1;
    first ??= { side, look: l, bound: bound2, pass };
  }
  return passes === sides.length ? first : void 0;
}
function sequentialVerdict(pairs, s, cmp, look, target) {
  const head = headOf(pairs);
  const i = s.look.interval;
  const since = s.look.from > 0 ? `, over samples ${s.look.from + 1} to ${pairs.length}` : "";
  const interval = `${fmt(s.look.confidence * 100)}% always-valid interval of the excess ${fmt(i.lower)} to ${fmt(i.upper)}${since}`;
  const numbers = { ...head.numbers, ...numbersOf({ lower: i.lower, upper: i.upper, tolerance: (s.look.decision === "fail" ? s.bound : s.pass).factor }) };
  const beyond = s.side === "max" ? "above" : "below";
  if (s.look.decision === "fail")
    return {
      phase: "failed",
      reasonCode: "comparison-failed",
      reason: `${head.text}: ${beyond} the ${toleranceText(s.bound)} tolerance (${interval}); shown at look ${look} of ${target}`,
      numbers
    };
  return {
    phase: "successful",
    reasonCode: "comparison-passed-early",
    reason: `${head.text}: within the ${toleranceText(s.pass)} tolerance (${interval}); passed early at look ${look} of ${target} (promoteEarly${cmp.promoteEarlyAfterMs !== void 0 ? `: not before ${formatDuration(cmp.promoteEarlyAfterMs)}` : ""})`,
    numbers
  };
}
function noDataVerdict(gate, c, detail, numbers) {
  switch (gate.onNoData) {
    case "pass":
      return { phase: "successful", reasonCode: "no-data-pass", reason: `no data (${detail}); counted as success (onNoData: pass)`, numbers };
    case "fail":
      return { phase: "failed", reasonCode: "no-data-fail", reason: `no data (${detail}); counted as failure (onNoData: fail)`, numbers, noData: true };
    case "wait":
      if (c.noDataWaits < c.target)
        return { phase: "wait", reasonCode: "no-data-wait", reason: `no data (${detail}); measuring again (onNoData: wait)`, numbers, noData: true };
      return {
        phase: "inconclusive",
        reasonCode: "no-data-wait-exhausted",
        reason: `no data (${detail}); still no data after ${c.noDataWaits} waits: inconclusive`,
        numbers,
        noData: true
      };
    default:
      return { phase: "inconclusive", reasonCode: "no-data", reason: `no data (${detail}); inconclusive`, numbers, noData: true };
  }
}
function endVerdict(pairs, paired, gate, cmp, c) {
  const canary = pairs.map((p) => p.canary);
  const baseline = pairs.map((p) => p.baseline);
  const s = settingsOf(cmp, gate.inconclusiveLimit);
  const v = cmp.judge === "ratio" ? judgeRatio(canary, baseline, s) : judgeWindowAndRecentHalf(canary, baseline, s);
  const n = v.numbers;
  const side = v.side ?? (cmp.max ? "max" : "min");
  const numbers = numbersOf({
    canaryMean: n.canaryMean,
    baselineMean: n.baselineMean,
    ratio: n.ratio,
    p: v.outcome === "pass" ? n.pPass : n.p,
    u: n.u,
    canaryN: n.canaryN,
    baselineN: n.baselineN,
    tolerance: (v.outcome === "pass" ? side === "max" ? cmp.passMax : cmp.passMin : void 0)?.factor ?? cmp[side]?.factor
  });
  const quiet = paired.quiet > 0 ? `; ${plural(paired.quiet, "step")} below minVolume ${gate.minVolume?.min ?? 0} left out` : "";
  switch (v.outcome) {
    case "fail":
      return { phase: "failed", reasonCode: "comparison-failed", reason: `${v.reason}${quiet}`, numbers };
    case "pass":
      return { phase: "successful", reasonCode: "comparison-passed", reason: `${v.reason}${quiet}`, numbers };
    case "inconclusive":
      return { phase: "inconclusive", reasonCode: "comparison-inconclusive", reason: `${v.reason}${quiet}`, numbers };
    default:
      return noDataVerdict(gate, c, `${v.reason}${quiet}`, numbers);
  }
}
function lookVerdict(c, gate, cmp, obs, at) {
  const error = readError(obs);
  if (error !== void 0 || obs.kind !== "comparison")
    return { phase: "error", reasonCode: "metric-error", reason: `metric backend error: ${error ?? "?"}`, numbers: {} };
  const paired = pairSeries(obs, gate.minVolume?.min, at);
  const look = c.measurements + 1;
  const last = look >= c.target + c.inconclusive;
  if (cmp.sequential && cmp.judge === "mann-whitney" && paired.pairs.length >= cmp.minSamples) {
    const s = sequentialLook(paired.pairs, gate, cmp, c, look);
    if (s) return sequentialVerdict(paired.pairs, s, cmp, look, c.target);
  }
  if (last) return endVerdict(paired.pairs, paired, gate, cmp, c);
  const head = paired.pairs.length > 0 ? headOf(paired.pairs) : { text: "no paired samples yet", numbers: {} };
  const missing = !paired.newest && gate.onNoData !== "pass";
  return {
    phase: "look",
    reasonCode: missing ? "comparison-step-missing" : "comparison-look",
    reason: `${head.text}${missing ? "; this step has no pair (missing, or below minVolume)" : ""}; not decided yet (${look} of ${c.target})`,
    numbers: head.numbers,
    ...missing ? { noData: true } : {}
  };
}
function assessLooks(c, gate, v) {
  const noData = c.consecutiveNoData ?? 0;
  const numbers = {
    ...v.numbers,
    samples: c.measurements,
    errors: c.errors,
    consecutiveErrors: c.consecutiveErrors,
    ...noData > 0 ? { consecutiveNoData: noData } : {}
  };
  const limit = gate.consecutiveErrorLimit;
  if (v.phase === "failed") return { status: "failed", reasonCode: v.reasonCode, reason: v.reason, numbers };
  if (c.consecutiveErrors > limit)
    return {
      status: "failed",
      reasonCode: "gate-errors",
      reason: `${c.consecutiveErrors} consecutive backend errors exceed consecutiveErrorLimit ${limit} (last: ${v.reason})`,
      numbers: { ...numbers, limit }
    };
  if (noData > limit)
    return {
      status: "failed",
      reasonCode: "gate-no-data",
      reason: `${noData} looks in a row without data (no pair at the step, or backend errors) exceed consecutiveErrorLimit ${limit} (last: ${v.reason})`,
      numbers: { ...numbers, limit }
    };
  if (v.phase === "successful") return { status: "passed", reasonCode: v.reasonCode, reason: v.reason, numbers };
  if (v.phase === "inconclusive" && c.inconclusive > gate.inconclusiveLimit)
    return {
      status: "inconclusive",
      reasonCode: v.reasonCode,
      reason: `${v.reason}${c.inconclusive > 1 ? ` (${c.inconclusive} inconclusive ends exceed inconclusiveLimit ${gate.inconclusiveLimit})` : ""}`,
      numbers: { ...numbers, limit: gate.inconclusiveLimit }
    };
  return { status: "measuring", reasonCode: "gate-measuring", reason: `${c.measurements} of ${c.target} looks`, numbers };
}
function lookComparison(c, gate, cmp, obs, at) {
  const verdict = lookVerdict(c, gate, cmp, obs, at);
  const next = countVerdict(c, verdict);
  return { verdict, next, status: assessLooks(next, gate, verdict) };
}

// src/core/gates.ts
function startBake(ctx, r) {
  const stage = stageOf(ctx, r);
  const bakeMs = stage.steps[r.step]?.bakeMs ?? 0;
  const gates = {};
  const described = [];
  for (const name of stage.gates) {
    const gate = ctx.plan.gates[name];
    if (!gate) continue;
    const target = gateTarget(gate, bakeMs);
    if (target === 0) {
      described.push(`${name}: not measured (bake shorter than interval)`);
      continue;
    }
    gates[name] = newCounters(target, ctx.at + gate.initialDelayMs + gate.intervalMs);
    described.push(`${name}: ${plural(target, "measurement")}`);
  }
  r.bake = { startedAt: ctx.at, endsAt: ctx.at + bakeMs, gates };
  setPhase(ctx, r, "baking");
  log(ctx, {
    kind: "bake-started",
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode: "bake-started",
    reason: `baking ${formatDuration(bakeMs)} at ${trafficOf(ctx, r)}%${described.length ? `; ${described.join(", ")}` : ""}`,
    numbers: { traffic: trafficOf(ctx, r) }
  });
  tickBake(ctx, r);
}
function tickBake(ctx, r) {
  if (!r.bake || r.phase !== "baking") return;
  queryDue(ctx, r);
  settleRound(ctx, r);
}
function tickHeld(ctx, r) {
  if (r.bake && r.phase === "awaiting-approval") queryDue(ctx, r);
}
function isMeasured(r, c) {
  if (r.phase === "baking") return c.status === "measuring";
  return r.phase === "awaiting-approval" && c.measureWhileHeld === true;
}
function measuresWhileHeld(r) {
  if (r.phase !== "awaiting-approval" || !r.bake) return false;
  for (const c of Object.values(r.bake.gates)) if (c.measureWhileHeld) return true;
  return false;
}
function queryDue(ctx, r) {
  const bake = r.bake;
  if (!bake) return;
  ctx.dirty.add(r.name);
  let due;
  for (const [name, c] of Object.entries(bake.gates)) {
    if (isMeasured(r, c) && !c.awaiting && c.nextAt <= ctx.at) {
      c.awaiting = true;
      due ??= /* @__PURE__ */ new Map();
      const list = due.get(c.nextAt);
      if (list) list.push(name);
      else due.set(c.nextAt, [name]);
    }
  }
  if (due) {
    const stage = stageOf(ctx, r);
    for (const [at, gates] of [...due].sort((a, b) => a[0] - b[0])) {
      const ranged = gates.some((g) => ctx.plan.gates[g]?.compare !== void 0);
      ctx.fx.push({
        type: "query-metric",
        region: r.name,
        stage: stage.name,
        step: r.step,
        traffic: trafficOf(ctx, r),
        gates,
        at,
        ...ranged ? { bakeStartedAt: bake.startedAt } : {}
      });
    }
  }
}
function maybeFinishBake(ctx, r) {
  const bake = r.bake;
  if (!bake || r.phase !== "baking" || ctx.s.hold || ctx.s.stop) return;
  const gates = Object.values(bake.gates);
  if (ctx.at < bake.endsAt && !gates.some((c) => c.passedEarly)) return;
  for (const c of gates) if (c.status !== "passed") return;
  stepPassed(ctx, r);
}
function heldWakeAt(r) {
  if (r.phase !== "awaiting-approval" || !r.bake) return void 0;
  let next;
  for (const c of Object.values(r.bake.gates)) {
    if (c.measureWhileHeld && !c.awaiting && (next === void 0 || c.nextAt < next)) next = c.nextAt;
  }
  return next;
}
function bakeWakeAt(r, held) {
  const bake = r.bake;
  if (!bake || r.phase !== "baking") return void 0;
  let next;
  let allPassed = true;
  for (const c of Object.values(bake.gates)) {
    if (c.status !== "passed") allPassed = false;
    if (c.status === "measuring" && !c.awaiting && (next === void 0 || c.nextAt < next)) next = c.nextAt;
  }
  if (allPassed && !held && (next === void 0 || bake.endsAt < next)) next = bake.endsAt;
  return next;
}
function noDataWaitExhausted(c, v) {
  if (v.phase !== "wait" || c.noDataWaits < c.target) return v;
  return { ...v, phase: "inconclusive", reasonCode: "no-data-wait-exhausted", reason: `${v.reason}; still no data after ${c.noDataWaits} waits: inconclusive` };
}
function judge(obs, gate) {
  if (gate.slo) return assessSlo(obs, { ...gate, slo: gate.slo });
  if (obs.kind === "slo")
    return { phase: "error", reasonCode: "metric-error", reason: `gate ${gate.name} is not an slo gate but was answered with slo reads`, numbers: {} };
  return assessObservation(obs, gate);
}
function judgeInstant(c, gate, obs) {
  const observation = obs.kind === "comparison" ? { kind: "error", message: "a range read came for a gate without compare" } : obs;
  const verdict = noDataWaitExhausted(c, judge(observation, gate));
  const next = countVerdict(c, verdict);
  const assessed = assessGate(next, gate);
  const status = assessed.status === "failed" || assessed.status === "inconclusive" ? { ...assessed, reason: `${assessed.reason} (last: ${verdict.reason})`, numbers: { ...verdict.numbers, ...assessed.numbers } } : assessed;
  return { verdict, next, status };
}
function onMeasurement(ctx, r, ev) {
  const c = r.bake?.gates[ev.gate];
  const gate = ctx.plan.gates[ev.gate];
  if (!r.bake || !c || !gate || !isMeasured(r, c) || ev.step !== r.step || !c.awaiting) return false;
  if (!(ev.at >= c.nextAt)) return false;
  ctx.dirty.add(r.name);
  const held = r.phase === "awaiting-approval";
  const { verdict, next, status } = gate.compare ? lookComparison(c, gate, gate.compare, ev.observation, ev.at) : judgeInstant(c, gate, ev.observation);
  next.awaiting = false;
  next.nextAt = ev.at + gate.intervalMs;
  const where = { stage: stageOf(ctx, r).name, region: r.name, step: r.step, gate: ev.gate };
  const dataBack = held && status.status !== "failed" && verdict.phase !== "error" && !verdict.noData;
  const heldNote = !held ? "" : dataBack ? "; data is back: no longer measured while held, still waiting for a person" : "; measured while held for missing data";
  log(ctx, {
    kind: "measurement",
    ...where,
    reasonCode: verdict.phase === "wait" ? "no-data-wait" : verdict.reasonCode,
    reason: `${verdict.phase}: ${verdict.reason}${heldNote}`,
    numbers: { ...verdict.numbers, samples: next.measurements, ...next.consecutiveNoData ? { consecutiveNoData: next.consecutiveNoData } : {} }
  });
  if (dataBack) delete next.measureWhileHeld;
  else if (!held || status.status === "failed") applyGateStatus(ctx, where, next, status, verdict);
  r.bake.gates[ev.gate] = next;
  settleRound(ctx, r);
  return true;
}
function applyGateStatus(ctx, where, next, status, last) {
  next.status = status.status;
  if (status.status === "passed" && status.reasonCode === "comparison-passed-early") next.passedEarly = true;
  if (status.status === "passed") {
    log(ctx, { kind: "gate-passed", ...where, reasonCode: status.reasonCode, reason: status.reason, numbers: status.numbers });
    return;
  }
  if (status.status !== "failed" && status.status !== "inconclusive") return;
  next.verdict = { reasonCode: status.reasonCode, reason: status.reason };
  if (status.status === "inconclusive" && last.noData) next.measureWhileHeld = true;
  else delete next.measureWhileHeld;
  log(ctx, {
    kind: status.status === "failed" ? "gate-failed" : "gate-inconclusive",
    ...where,
    reasonCode: status.reasonCode,
    reason: status.reason,
    numbers: status.numbers
  });
}
function settleRound(ctx, r) {
  const bake = r.bake;
  if (!bake) return;
  for (const c of Object.values(bake.gates)) if (c.awaiting) return;
  const judged = stageOf(ctx, r).gates.filter((g) => bake.gates[g]?.status === "failed" || r.phase === "baking" && bake.gates[g]?.status === "inconclusive");
  judged.sort((a, b) => Number(bake.gates[b]?.status === "failed") - Number(bake.gates[a]?.status === "failed"));
  const [first, ...others] = judged;
  const worst = first !== void 0 ? bake.gates[first] : void 0;
  if (first === void 0 || !worst) {
    maybeFinishBake(ctx, r);
    return;
  }
  const also = others.map((g) => `gate ${g} ${bake.gates[g]?.status ?? ""}: ${bake.gates[g]?.verdict?.reason ?? ""}`);
  const reasonCode = worst.verdict?.reasonCode ?? (worst.status === "failed" ? "gate-failed" : "gate-inconclusive");
  const reason = `gate ${first}: ${worst.verdict?.reason ?? worst.status}${also.length ? `; also ${also.join("; ")}` : ""}`;
  if (worst.status === "failed") regionFailed(ctx, r, reasonCode, reason);
  else awaitPerson(ctx, r, reasonCode, reason);
}
function awaitPerson(ctx, r, reasonCode, reason) {
  const deadline = ctx.at + ctx.plan.approvals.timeoutMs;
  r.approval = { requestedAt: ctx.at, deadline, reasonCode, reason };
  setPhase(ctx, r, "awaiting-approval");
  const stage = stageOf(ctx, r);
  log(ctx, {
    kind: "region-awaiting-approval",
    stage: stage.name,
    region: r.name,
    step: r.step,
    reasonCode,
    reason: `${reason}; waiting for a person to approve or reject`
  });
  ctx.fx.push({ type: "request-approval", stage: stage.name, region: r.name, reason, deadline });
}
function resumeApprovedRegion(ctx, r) {
  r.approval = void 0;
  setPhase(ctx, r, "baking");
  for (const c of Object.values(r.bake?.gates ?? {})) {
    if (c.status === "inconclusive") c.status = "passed";
    delete c.measureWhileHeld;
    c.awaiting = false;
  }
  tickBake(ctx, r);
}

// src/core/approvals.ts
function heldRegions(s) {
  const out = [];
  for (const name in s.active) {
    const r = s.regions[name];
    if (r?.phase === "awaiting-approval") out.push(r);
  }
  return out;
}
function whatWaits(s) {
  const st = s.stages[s.stage];
  if (st?.phase === "awaiting-approval") return `stage ${st.name} waits for an approval`;
  const held = heldRegions(s).map((r) => r.name);
  if (held.length === 1) return `region ${held[0] ?? ""} waits for a person`;
  if (held.length > 1) return `regions ${held.join(", ")} wait for a person`;
  return "nothing waits for a person";
}
function lastApproval(s, region) {
  for (let i = s.history.length - 1; i >= 0; i--) {
    const h = s.history[i];
    if (h?.region !== region) continue;
    if (h.kind === "region-approved") return { by: h.by ?? "someone", at: h.at };
    if (h.kind === "region-awaiting-approval") return void 0;
  }
  return void 0;
}
function regionTarget(ctx, name, decision) {
  const { s } = ctx;
  const r = Object.hasOwn(s.regions, name) ? s.regions[name] : void 0;
  if (!r) return { ok: false, code: "unknown-region", why: `this release has no region ${shownName(name)}`, target: {} };
  const target = { stage: s.stages[r.stage]?.name ?? "", region: r.name };
  if (r.phase === "awaiting-approval") return { ok: true, on: { kind: "region", r } };
  const before = decision === "approve" ? lastApproval(s, r.name) : void 0;
  if (before) return { ok: false, code: "already-approved", why: `region ${r.name} was approved by ${before.by} at ${when(before.at)}`, target };
  return { ok: false, code: "region-not-waiting", why: `region ${r.name} is ${r.phase}, not waiting for a person (${whatWaits(s)})`, target };
}
function stageTarget(ctx, name, decision) {
  const { s } = ctx;
  const index = s.stages.findIndex((st2) => st2.name === name);
  const st = s.stages[index];
  if (!st) return { ok: false, code: "unknown-stage", why: `this release has no stage ${shownName(name)}`, target: {} };
  if (index === s.stage && st.phase === "awaiting-approval") {
    const environment = decision === "approve" ? environmentApprovalRefusal(ctx) : void 0;
    if (environment !== void 0) return { ok: false, code: "environment-approval", why: environment, target: { stage: st.name } };
    return { ok: true, on: { kind: "stage", index } };
  }
  const target = { stage: st.name };
  const a = st.approval;
  if (decision === "approve" && a?.decision === "approve")
    return { ok: false, code: "already-approved", why: `stage ${st.name} was approved by ${a.by ?? "someone"} at ${when(a.at ?? 0)}`, target };
  const after = a?.decision === "approve" ? `, approved by ${a.by ?? "someone"}; to stop the release use abort` : "";
  return { ok: false, code: "stage-not-waiting", why: `stage ${st.name} is ${st.phase}${after} (${whatWaits(s)})`, target };
}
function resolve(ctx, ev, decision) {
  const { s } = ctx;
  if (ev.region !== void 0) return regionTarget(ctx, ev.region, decision);
  if (ev.stage !== void 0) return stageTarget(ctx, ev.stage, decision);
  const st = s.stages[s.stage];
  if (st?.phase === "awaiting-approval") return stageTarget(ctx, st.name, decision);
  const held = heldRegions(s);
  if (held.length === 1 && held[0]) return { ok: true, on: { kind: "region", r: held[0] } };
  if (held.length > 1)
    return { ok: false, code: "ambiguous", why: `regions ${held.map((r) => r.name).join(", ")} wait for a person; name one (input region)`, target: {} };
  if (st && decision === "approve" && st.approval?.decision === "approve") return stageTarget(ctx, st.name, decision);
  return { ok: false, code: "nothing-waiting", why: whatWaits(s), target: {} };
}
function onDecision(ctx, ev, decision) {
  const found = resolve(ctx, ev, decision);
  if (!found.ok) {
    refused(ctx, ev, found.code, found.why, found.target);
    return;
  }
  const { on } = found;
  const done = decision === "approve" ? "approved" : "rejected";
  if (on.kind === "region") {
    accepted(ctx, ev, decision, `${done} region ${on.r.name}`, { stage: ctx.s.stages[on.r.stage]?.name ?? "", region: on.r.name });
    decideRegion(ctx, ev, decision, on.r);
  } else {
    const name = ctx.s.stages[on.index]?.name ?? "";
    accepted(ctx, ev, decision, `${done} stage ${name}`, { stage: name });
    decideStage(ctx, ev, decision, on.index);
  }
}
function onPromote(ctx, ev) {
  const { s } = ctx;
  const st = s.stages[s.stage];
  const environment = environmentApprovalRefusal(ctx);
  const stage = st?.phase === "awaiting-approval" && environment === void 0 ? s.stage : void 0;
  const held = heldRegions(s);
  if (stage === void 0 && held.length === 0 && environment !== void 0) {
    refused(ctx, ev, "environment-approval", environment, st ? { stage: st.name } : {});
    return;
  }
  if (stage === void 0 && held.length === 0) {
    refused(ctx, ev, "nothing-waiting", "nothing waits for a person (promote approves what waits; it does not lift a pause nor skip bakes, gates or steps)");
    return;
  }
  const what = [
    ...stage !== void 0 ? [`stage ${st?.name ?? ""}`] : [],
    ...held.length ? [`${noun(held.length, "region")} ${held.map((r) => r.name).join(", ")}`] : []
  ];
  const target = {
    ...st !== void 0 ? { stage: st.name } : {},
    ...held.length === 1 && held[0] ? { region: held[0].name } : {}
  };
  accepted(ctx, ev, "promote", `promoted: approved ${what.join(" and ")}`, target);
  for (const r of held) if (r.phase === "awaiting-approval") decideRegion(ctx, ev, "approve", r);
  if (stage !== void 0 && s.stages[stage]?.phase === "awaiting-approval") decideStage(ctx, ev, "approve", stage);
}
function decideRegion(ctx, ev, decision, r) {
  const held = r.approval?.reason ?? "held";
  if (decision === "approve") {
    log(ctx, { kind: "region-approved", region: r.name, step: r.step, by: ev.by, reasonCode: "approved", reason: `${who(ev)} approved ${r.name} (${held})` });
    resumeApprovedRegion(ctx, r);
    fillStage(ctx, r.stage);
  } else {
    regionFailed(ctx, r, "approval-rejected", `${who(ev)} rejected ${r.name} (${held})${because(ev)}`);
  }
}
function decideStage(ctx, ev, decision, index) {
  const st = ctx.s.stages[index];
  if (!st) return;
  st.approval = { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at, by: ev.by, at: ctx.at, decision };
  if (decision === "approve") {
    log(ctx, { kind: "stage-approved", stage: st.name, by: ev.by, reasonCode: "approved", reason: `${who(ev)} approved stage ${st.name}` });
    startStage(ctx, index);
  } else {
    stopRelease(ctx, "approval-rejected", `${who(ev)} rejected stage ${st.name}${because(ev)}`, "touched");
  }
}

// src/core/plan-pin.ts
function referenceOutline(s, plan, digest) {
  return s.pin && s.pin.digest !== digest ? s.pin.outline : planOutline(plan);
}
function stateMismatch(s, outline) {
  if (!readableOutline(outline) || s.pin !== void 0 && !PIN_DIGEST.test(String(s.pin.digest)))
    return ["its plan pin (state.pin) is not a digest and an outline of stages, regions and steps"];
  const out = [];
  const stages = Array.isArray(s.stages) ? s.stages : [];
  if (stages.length !== outline.stages.length) out.push(`the ledger has ${plural(stages.length, "stage")}, the plan ${outline.stages.length}`);
  stages.forEach((st, i) => {
    const want = outline.stages[i]?.name;
    if (want !== void 0 && st?.name !== want) out.push(`the ledger's stage ${i + 1} is ${shownName(st?.name)}, the plan's is ${want}`);
  });
  if (!Number.isInteger(s.stage) || s.stage < 0 || s.stage >= Math.max(1, outline.stages.length))
    out.push(`the ledger's current stage #${shownName(s.stage)} is not in the plan`);
  const where = /* @__PURE__ */ new Map();
  outline.stages.forEach((st, i) => st.regions.forEach((r) => where.set(r, i)));
  const regions = typeof s.regions === "object" && s.regions !== null ? s.regions : {};
  for (const [name, r] of Object.entries(regions)) {
    const stage = where.get(name);
    if (stage === void 0) {
      out.push(`the ledger names region ${shownName(name)}, which the plan lacks`);
      continue;
    }
    if (r?.name !== name || r.stage !== stage) {
      out.push(`the ledger puts region ${name} in stage #${shownName(r?.stage)}, the plan in ${outline.stages[stage]?.name ?? "?"}`);
      continue;
    }
    const steps = outline.stages[stage]?.steps.length ?? 0;
    const named2 = [r.step, ...Array.isArray(r.runs) ? r.runs.map((run) => run?.step) : []];
    if (named2.some((step) => !Number.isInteger(step) || step < 0 || step >= steps)) {
      out.push(
        `the ledger names step ${shownName(Math.max(...named2.map(Number)) + 1)} of region ${name}; stage ${outline.stages[stage]?.name ?? "?"} has ${steps}`
      );
      continue;
    }
    const gates = outline.stages[stage]?.gates ?? [];
    const unknown = Object.keys(r.bake?.gates ?? {}).filter((g) => !gates.includes(g));
    if (unknown.length > 0)
      out.push(`the ledger measures ${noun(unknown.length, "gate")} ${unknown.map(shownName).join(", ")} in region ${name}, which its stage lacks`);
  }
  for (const name of where.keys()) if (!Object.hasOwn(regions, name)) out.push(`the ledger lacks region ${name} of the plan`);
  return out.slice(0, 5);
}
var PIN_DIGEST = /^sha256:[0-9a-f]{64}$/;
function readableOutline(o) {
  const isMap = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
  const names = (v) => Array.isArray(v) && v.every((x) => typeof x === "string" && SAFE_NAME.test(x));
  if (!o || !Array.isArray(o.stages) || !isMap(o.gates) || !isMap(o.parts)) return false;
  const bound2 = (v) => v === void 0 || typeof v === "number" && Number.isFinite(v);
  if (!Object.entries(o.gates).every(([g, b]) => SAFE_NAME.test(g) && isMap(b) && bound2(b.min) && bound2(b.max)))
    return false;
  return o.stages.every(
    (st) => typeof st?.name === "string" && SAFE_NAME.test(st.name) && names(st.regions) && names(st.gates) && Array.isArray(st.steps) && st.steps.every((t) => typeof t === "number" && Number.isFinite(t))
  );
}
function stateMismatchWith(s, plan, digest) {
  return stateMismatch(s, referenceOutline(s, plan, digest));
}
function touched(r) {
  return r.phase !== "pending";
}
function adoptionProblems(s, plan) {
  const out = [];
  const was = s.pin?.outline;
  if (!was) return ["the ledger was saved before plans were pinned: restore the plan the release started with"];
  if (s.freeze && !(plan.freeze && plan.gates[plan.freeze.slo]?.slo)) {
    const stage = was.stages[s.freeze.stage]?.name ?? `#${s.freeze.stage + 1}`;
    out.push(
      `the release freeze holds stage ${stage}: a plan without the freeze (or its slo gate) cannot be adopted now; give override-freeze first, or adopt it once the stage has started`
    );
  }
  for (let i = 0; i <= s.stage && i < was.stages.length; i++) {
    const before = was.stages[i];
    const now = plan.stages[i];
    if (before && now?.name !== before.name)
      out.push(`stage ${before.name} (entered) must stay stage ${i + 1}${now ? `, the plan has ${now.name} there` : ""}`);
  }
  for (const r of Object.values(s.regions)) {
    if (!touched(r)) continue;
    const stage = plan.stages[r.stage];
    const before = was.stages[r.stage];
    if (!stage || !before || stage.name !== before.name || !stage.regions.includes(r.name)) {
      const now = plan.stages.find((st) => st.regions.includes(r.name));
      out.push(`region ${r.name} (${r.phase}) ${now ? `moved from stage ${before?.name ?? "?"} to ${now.name}` : "is no longer in the plan"}`);
      continue;
    }
    const dropped = Object.keys(r.bake?.gates ?? {}).filter((g) => !stage.gates.includes(g));
    if (dropped.length > 0) {
      out.push(
        `region ${r.name} (${r.phase}) measures ${noun(dropped.length, "gate")} ${dropped.join(", ")} in this step, which stage ${stage.name} no longer has: adopt it once the step is done`
      );
      continue;
    }
    if (r.phase === "promoted" && stage.steps.length > r.step + 1) {
      out.push(
        `region ${r.name} was promoted after step ${r.step + 1} of stage ${stage.name}; the plan now has ${stage.steps.length} steps there, which it would never run`
      );
      continue;
    }
    const reached = Math.min(r.step, before.steps.length - 1);
    for (let i = 0; i <= reached; i++) {
      if (stage.steps[i]?.traffic !== before.steps[i]) {
        out.push(
          `region ${r.name} reached step ${reached + 1} of stage ${stage.name}; step ${i + 1} was ${before.steps[i]}%, the plan now says ${stage.steps[i] ? `${stage.steps[i]?.traffic}%` : "no such step"}`
        );
        break;
      }
    }
  }
  for (let i = 0; i < s.stage && i < plan.stages.length; i++) {
    const stage = plan.stages[i];
    const added = stage?.regions.filter((r) => !Object.hasOwn(s.regions, r)) ?? [];
    if (stage && added.length > 0) out.push(`stage ${stage.name} is done: ${noun(added.length, "region")} ${added.join(", ")} would never be deployed`);
  }
  return out;
}
function adopt(ctx) {
  const { s, plan } = ctx;
  const regions = {};
  plan.stages.forEach((stage, index) => {
    for (const name of stage.regions) {
      const r = Object.hasOwn(s.regions, name) ? s.regions[name] : void 0;
      if (r) {
        r.stage = index;
        regions[name] = r;
      } else {
        regions[name] = { name, stage: index, phase: "pending", step: 0, runs: [], rollbackDispatched: false, rollbackFailed: false };
        s.counts.pending += 1;
      }
    }
  });
  for (const name of Object.keys(s.regions)) if (!Object.hasOwn(regions, name)) s.counts.pending -= 1;
  s.regions = regions;
  s.stages = plan.stages.map((stage, i) => {
    const kept = i <= s.stage ? s.stages[i] : void 0;
    if (!kept) return { name: stage.name, phase: "pending", cursor: 0, failed: 0 };
    return i === s.stage ? { ...kept, cursor: 0 } : kept;
  });
  s.pin = planPin(plan);
}
function checkPlanOnResume(ctx) {
  const { s, plan } = ctx;
  const now = planPin(plan);
  const mismatch = stateMismatch(s, referenceOutline(s, plan, now.digest));
  if (mismatch.length > 0) {
    holdFor(
      ctx,
      "state-plan-mismatch",
      now.digest,
      `the ledger's state does not match ${s.pin && s.pin.digest !== now.digest ? "the plan it was started with" : "the plan"}: ${mismatch.join("; ")}; refusing to drive it (restore the ledger or start a new release)`
    );
    return false;
  }
  if (!s.pin) {
    s.pin = now;
    log(ctx, {
      kind: "plan-pinned",
      reasonCode: "plan-pinned",
      reason: `the ledger was saved before plans were pinned; it matches the plan's stages, regions and steps, so the release goes on pinned to plan ${shortDigest(now.digest)}`
    });
  }
  if (s.pin.digest === now.digest) {
    if (s.planChanged)
      log(ctx, {
        kind: "release-continued",
        reasonCode: "plan-restored",
        reason: `the plan is again the one the release was started with (${shortDigest(now.digest)})`
      });
    s.planChanged = void 0;
    return true;
  }
  const changes = describeOutlineChanges(s.pin.outline, now.outline);
  const what = changes.length > 0 ? changes.join("; ") : "the plan differs from the one the release was started with";
  holdFor(
    ctx,
    "plan-changed",
    now.digest,
    `plan changed since the release started (${shortDigest(s.pin.digest)} -> ${shortDigest(now.digest)}): ${what}; nothing is done until the plan is restored or a person adopts it (command adopt-plan:${shortDigest(now.digest)})`
  );
  return false;
}
function holdFor(ctx, reasonCode, digest, reason) {
  const { s } = ctx;
  const same = s.planChanged?.digest === digest && s.planChanged.reason === reason;
  s.planChanged = { reasonCode, digest, reason, at: ctx.at };
  if (!same) log(ctx, { kind: "plan-changed", reasonCode, reason });
  ctx.fx.push({ type: "save-state" });
}
function heldForPlan(s, event) {
  if (!s.planChanged) return false;
  return !(event.type === "resumed" || event.type === "cancelled" || event.type === "command" && event.name === "adopt-plan");
}
function onAdoptPlan(ctx, ev) {
  const { s, plan } = ctx;
  const held = s.planChanged;
  if (!held || held.reasonCode !== "plan-changed") {
    refuse(ctx, ev, held ? "the ledger does not match its plan; a changed plan cannot be adopted over it" : "the plan has not changed");
    return false;
  }
  const now = held.digest;
  if (ev.digest !== void 0 && !now.replace(/^sha256:/, "").startsWith(ev.digest.replace(/^sha256:/, ""))) {
    refuse(ctx, ev, `the plan is ${shortDigest(now)}, not the ${digestText(ev.digest)} given`);
    return false;
  }
  const problems = adoptionProblems(s, plan);
  if (problems.length > 0) {
    refuse(ctx, ev, problems.join("; "));
    return false;
  }
  const was = s.pin?.digest ?? "none";
  const changes = s.pin ? describeOutlineChanges(s.pin.outline, planOutline(plan)) : [];
  adopt(ctx);
  s.planChanged = void 0;
  accepted(ctx, ev, "plan-adopted", `adopted plan ${now} (was ${was})${changes.length ? `: ${changes.join("; ")}` : ""}`);
  return true;
}
function refuse(ctx, ev, why) {
  refused(ctx, ev, "adopt-plan-refused", why);
}

// src/core/timers.ts
function less(a, b) {
  return a[0] < b[0] || a[0] === b[0] && a[1] < b[1];
}
function pushTimer(heap, t) {
  heap.push(t);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = i - 1 >> 1;
    const p = heap[parent];
    if (!less(t, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = t;
}
function popTimer(heap) {
  const top = heap[0];
  const last = heap.pop();
  if (top === void 0 || last === void 0 || heap.length === 0) return top;
  let i = 0;
  for (; ; ) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    let best = last;
    const lt = heap[l];
    const rt = heap[r];
    if (lt && less(lt, best)) {
      m = l;
      best = lt;
    }
    if (rt && less(rt, best)) m = r;
    if (m === i) break;
    heap[i] = heap[m];
    i = m;
  }
  heap[i] = last;
  return top;
}
function peekTimer(heap) {
  return heap[0];
}

// src/core/ticks.ts
function tick(ctx) {
  const { s } = ctx;
  const st = s.stages[s.stage];
  if (st?.phase === "awaiting-approval" && st.approval && ctx.at >= st.approval.deadline) {
    const closed = closeApprovalRun(ctx, st, "timed out");
    stopRelease(ctx, "approval-timeout", `stage ${st.name} was not approved within ${formatDuration(st.approval.deadline - st.approval.requestedAt)}${closed}`);
    return;
  }
  for (let top = peekTimer(s.timers); top !== void 0 && top[0] <= ctx.at; top = peekTimer(s.timers)) {
    popTimer(s.timers);
    const r = s.regions[top[1]];
    if (!r || r.wakeAt !== top[0]) continue;
    r.wakeAt = void 0;
    ctx.dirty.add(r.name);
    if (s.status !== "finished") tickRegion(ctx, r);
  }
}
function tickRegion(ctx, r) {
  if (r.phase === "deploying" || r.phase === "rolling-back") checkRunDeadline(ctx, r);
  else if (r.phase === "baking") tickBake(ctx, r);
  else if (r.phase === "awaiting-approval" && r.approval && ctx.at >= r.approval.deadline) {
    regionFailed(ctx, r, "approval-timeout", `nobody decided on ${r.name} within ${formatDuration(ctx.plan.approvals.timeoutMs)} (${r.approval.reason})`);
  } else if (r.phase === "awaiting-approval") tickHeld(ctx, r);
}
function regionWakeAt(s, r) {
  if (r.phase === "deploying" || r.phase === "rolling-back") return openRun(r)?.deadline;
  if (r.phase === "baking") return bakeWakeAt(r, s.hold !== void 0 || s.stop !== void 0);
  if (r.phase === "awaiting-approval") {
    const measure = heldWakeAt(r);
    const deadline = r.approval?.deadline;
    return measure !== void 0 && (deadline === void 0 || measure < deadline) ? measure : deadline;
  }
  return void 0;
}
function reschedule(ctx) {
  const { s } = ctx;
  for (const name of ctx.dirty) {
    const r = s.regions[name];
    if (!r) continue;
    const wake = s.status === "finished" ? void 0 : regionWakeAt(s, r);
    if (wake === r.wakeAt) continue;
    r.wakeAt = wake;
    if (wake !== void 0) pushTimer(s.timers, [wake, name]);
  }
  for (let top = peekTimer(s.timers); top !== void 0; top = peekTimer(s.timers)) {
    if (s.regions[top[1]]?.wakeAt === top[0]) break;
    popTimer(s.timers);
  }
}

// src/core/resume.ts
function resume(ctx) {
  const { s } = ctx;
  repairAllDeployments(ctx);
  const unrecorded = [];
  for (const name of Object.keys(s.active)) {
    const r = s.regions[name];
    const run = r ? openRun(r) : void 0;
    if (r && run && run.runId === void 0 && (run.kind === "rollback" || r.phase === "deploying")) unrecorded.push([r, run]);
  }
  for (const [r, run] of unrecorded) {
    if (!runCanBeFound(ctx.plan, run.kind)) dispatchInDoubt(ctx, r, run);
    else if (!run.done) ctx.fx.push(dispatchEffect(ctx, r, run));
  }
  const st = s.stages[s.stage];
  if (st?.phase === "awaiting-approval" && st.approval && !resumeEnvironmentApproval(ctx))
    ctx.fx.push({ type: "request-approval", stage: st.name, reason: `stage ${st.name} is ready to start`, deadline: st.approval.deadline });
  for (const name of Object.keys(s.active)) {
    const r = s.regions[name];
    if (!r) continue;
    ctx.dirty.add(name);
    if (r.bake) for (const c of Object.values(r.bake.gates)) c.awaiting = false;
    if (r.phase === "awaiting-approval" && r.approval) {
      ctx.fx.push({ type: "request-approval", stage: stageOf(ctx, r).name, region: r.name, reason: r.approval.reason, deadline: r.approval.deadline });
      tickHeld(ctx, r);
    } else tickRegion(ctx, r);
  }
  resumeFreeze(ctx);
}
function repairAllDeployments(ctx) {
  for (const name in ctx.s.regions) {
    const r = ctx.s.regions[name];
    if (r) repairDeployments(ctx, r);
  }
}

// src/core/retry.ts
function failedHere(ctx, r) {
  return r.stage === ctx.s.stage && r.failure !== void 0 && (r.phase === "failed" || r.phase === "rolled-back" || r.phase === "rolling-back");
}
function notRetryable(ctx, r) {
  const { s } = ctx;
  const st = s.stages[r.stage];
  const current = s.stages[s.stage];
  if (r.stage !== s.stage)
    return `region ${r.name} is in stage ${st?.name ?? "?"} (${st?.phase ?? "?"}); only a region of the current stage ${current?.name ?? "?"} is retried`;
  if (current?.phase !== "running") return `stage ${current?.name ?? "?"} is ${current?.phase ?? "?"}, not running`;
  if (r.phase === "rolling-back") return `region ${r.name} is still rolling back; retry it once its rollback has ended`;
  if (!failedHere(ctx, r)) return `region ${r.name} is ${r.phase}, not failed`;
  if (r.rollbackFailed) return `the rollback of region ${r.name} failed: a person must look at it first`;
  return void 0;
}
function onRetry(ctx, ev) {
  const { s } = ctx;
  const stageName = s.stages[s.stage]?.name ?? "?";
  let r;
  if (ev.region !== void 0) {
    r = Object.hasOwn(s.regions, ev.region) ? s.regions[ev.region] : void 0;
    if (!r) {
      refused(ctx, ev, "unknown-region", `this release has no region ${shownName(ev.region)}`);
      return;
    }
  } else {
    const failed = Object.values(s.regions).filter((x) => failedHere(ctx, x));
    if (failed.length !== 1) {
      const why2 = failed.length ? `regions ${failed.map((x) => x.name).join(", ")} of stage ${stageName} failed; name the one to retry (input region)` : `no region of stage ${stageName} has failed; name the region to retry (input region)`;
      refused(ctx, ev, "region-required", why2, { stage: stageName });
      return;
    }
    r = failed[0];
  }
  if (!r) return;
  const target = { stage: s.stages[r.stage]?.name ?? "?", region: r.name };
  const why = notRetryable(ctx, r);
  if (why !== void 0) {
    refused(ctx, ev, "not-retryable", why, target);
    return;
  }
  const attempt = attemptOf(r) + 1;
  accepted(ctx, ev, "retry", `retried region ${r.name} from step ${r.step + 1} (attempt ${attempt + 1}; it failed: ${r.failure?.reason ?? "failed"})`, target);
  restart(ctx, r, attempt);
}
function restart(ctx, r, attempt) {
  const st = ctx.s.stages[r.stage];
  if (st) st.failed = Math.max(0, st.failed - 1);
  r.attempt = attempt;
  delete r.failure;
  delete r.finishedAt;
  r.rollbackDispatched = false;
  r.rollbackFailed = false;
  r.bake = void 0;
  r.approval = void 0;
  setPhase(ctx, r, "pending");
  const index = ctx.plan.stages[r.stage]?.regions.indexOf(r.name) ?? -1;
  if (st && index >= 0) st.cursor = Math.min(st.cursor, index);
  fillStage(ctx, r.stage);
}

// src/core/commands.ts
function commandRunOf(ev) {
  if (ev.type !== "command" && ev.type !== "approval" || ev.origin === void 0) return void 0;
  return commandRunKey(ev.origin.runId, ev.origin.attempt);
}
function takenAlready(s, ev) {
  const key = commandRunOf(ev);
  return key !== void 0 && (s.commandRuns?.includes(key) ?? false);
}
function takesCommandRun(ev) {
  return commandRunOf(ev) !== void 0;
}
function onPersonEvent(ctx, ev) {
  const { s } = ctx;
  const key = commandRunOf(ev);
  if (key !== void 0) (s.commandRuns ??= []).push(key);
  if (s.status === "pending") {
    refused(ctx, ev, "release-not-started", "the release has not started");
    return;
  }
  if (ev.denied !== void 0) {
    refused(ctx, ev, ev.deniedCode ?? "permission-denied", `${login(ev.by)} may not: ${ev.denied}`);
    return;
  }
  const name = commandOf(ev);
  if (s.status === "finished") {
    if (name === "rollback") onRollback(ctx, ev);
    else refused(ctx, ev, "release-finished", finishedText(s));
    return;
  }
  if (s.planChanged) {
    underPlanHold(ctx, ev);
    return;
  }
  tick(ctx);
  if (finished(s)) {
    refused(ctx, ev, "release-finished", finishedText(s));
    return;
  }
  if (s.stop) {
    refused(ctx, ev, "release-stopping", `the release is stopping (${s.stop.reasonCode}: ${s.stop.reason})`);
    return;
  }
  onCommand(ctx, ev);
}
function finished(s) {
  return s.status === "finished";
}
function finishedText(s) {
  return `the release is finished (${s.outcome?.decision ?? "done"}: ${s.outcome?.reasonCode ?? "finished"})`;
}
function onCommand(ctx, ev) {
  const name = commandOf(ev);
  switch (name) {
    case "approve":
    case "reject":
      onDecision(ctx, ev, name);
      return;
    case "promote":
      onPromote(ctx, ev);
      return;
    case "retry":
      onRetry(ctx, ev);
      return;
    case "rollback":
      refused(ctx, ev, "release-running", `the release is still ${ctx.s.status}; to stop it and roll back what it touched, use abort`);
      return;
    case "adopt-plan":
      if (ev.type === "command") onAdoptPlan(ctx, ev);
      return;
    case "abort":
      accepted(ctx, ev, "abort", "aborted the release");
      stopRelease(ctx, "aborted", `aborted by ${who(ev)}${because(ev)}`, "touched");
      return;
    case "pause":
      pause(ctx, ev);
      return;
    case "resume":
      onResume(ctx, ev);
      return;
    case "override-freeze":
      onOverrideFreeze(ctx, ev, (index) => enterStage(ctx, index));
      return;
  }
}
function pause(ctx, ev) {
  const { s } = ctx;
  if (s.hold) {
    refused(ctx, ev, "already-paused", `the release was paused by ${login(s.hold.by)} at ${when(s.hold.at)} (${s.hold.reason})`);
    return;
  }
  const text = ev.type === "command" && ev.reason !== void 0 ? personLine(ev.reason) : "";
  s.hold = { by: ev.by, at: ctx.at, reason: text !== "" ? text : "paused by a person" };
  accepted(ctx, ev, "pause", "paused the release: no new step or region starts until resume");
  log(ctx, { kind: "release-held", by: ev.by, reasonCode: "held", reason: `${who(ev)} paused the release${because(ev)}; no new step or region starts` });
}
function onResume(ctx, ev) {
  const { s } = ctx;
  if (!s.hold) {
    const waits = s.status === "paused" && s.pause ? `; it waits for something else: ${s.pause.reason}` : "";
    refused(ctx, ev, "not-paused", `the release is not paused by a person${waits}`);
    return;
  }
  s.hold = void 0;
  accepted(ctx, ev, "resume", "resumed the release");
  log(ctx, { kind: "release-continued", by: ev.by, reasonCode: "resumed", reason: `${who(ev)} resumed the release${because(ev)}` });
  for (const name of Object.keys(s.active)) {
    const r = s.regions[name];
    if (r) tickBake(ctx, r);
  }
  fillStage(ctx, s.stage);
}
function underPlanHold(ctx, ev) {
  const { s } = ctx;
  const name = commandOf(ev);
  if (name === "adopt-plan") {
    if (ev.type === "command" && onAdoptPlan(ctx, ev)) goOn(ctx, true);
    return;
  }
  if (s.stop && (name === "abort" || name === "pause")) {
    refused(ctx, ev, "release-stopping", `the release is stopping (${s.stop.reasonCode}: ${s.stop.reason})`);
    return;
  }
  if (name === "pause") {
    pause(ctx, ev);
    return;
  }
  const held = `the release is held: ${s.planChanged?.reasonCode === "plan-changed" ? "its plan changed (adopt it with adopt-plan, or restore it)" : "its ledger does not match its plan"}`;
  if (name !== "abort") {
    refused(ctx, ev, "plan-held", `${held}; only adopt-plan, abort and pause are taken now`);
    return;
  }
  if (s.abortRequested) {
    refused(ctx, ev, "release-stopping", `${login(s.abortRequested.by)} aborted the release at ${when(s.abortRequested.at)} already`);
    return;
  }
  s.abortRequested = { by: ev.by, at: ctx.at, reason: `aborted by ${who(ev)}${because(ev)}` };
  accepted(ctx, ev, "abort", `aborted the release; ${held}, so it stops and rolls back once the plan is restored or adopted`);
}
function goOn(ctx, fill) {
  const { s } = ctx;
  resume(ctx);
  const abort = s.abortRequested;
  if (abort) {
    s.abortRequested = void 0;
    stopRelease(ctx, "aborted", abort.reason, "touched");
    return;
  }
  tick(ctx);
  if (fill) fillStage(ctx, s.stage);
}
function onRollback(ctx, ev) {
  const { s, plan } = ctx;
  const decision = s.outcome?.decision ?? "done";
  if (decision !== "promoted") {
    refused(
      ctx,
      ev,
      "not-promoted",
      `the release ended ${decision} (${s.outcome?.reasonCode ?? "finished"}); only a promoted release is rolled back by command`
    );
    return;
  }
  if (!plan.rollback) {
    refused(ctx, ev, "no-rollback-workflow", "the plan has no rollback workflow");
    return;
  }
  const digest = planPin(plan).digest;
  if (s.pin !== void 0 && s.pin.digest !== digest || stateMismatchWith(s, plan, digest).length > 0) {
    refused(ctx, ev, "plan-changed", "the plan is not the one the release ran under; restore that plan to roll the release back");
    return;
  }
  accepted(ctx, ev, "rollback", "rolled back the release: every region it promoted is rolled back, newest first");
  rollBackPromoted(ctx, `rolled back by ${who(ev)}${because(ev)}`);
}

// src/core/halt.ts
function haltRelease(ctx, reasonCode, reason) {
  const { s } = ctx;
  log(ctx, { kind: "release-halted", reasonCode, reason: `${reason}; nothing more is dispatched` });
  for (const st of s.stages) if (st.phase === "pending" || st.phase === "awaiting-approval" || st.phase === "running") st.phase = "stopped";
  const leftAsIs = [];
  for (const name in s.regions) {
    const r = s.regions[name];
    if (!r) continue;
    if (r.phase === "pending") {
      r.skippedReason = `never started: the release halted (${reasonCode})`;
      setPhase(ctx, r, "skipped");
      log(ctx, { kind: "region-skipped", stage: stageOf(ctx, r).name, region: r.name, reasonCode: "never-started", reason: r.skippedReason });
      continue;
    }
    if (!isActivePhase(r.phase)) continue;
    if (haltRegion(ctx, r, reasonCode)) leftAsIs.push(r.name);
  }
  s.stop = void 0;
  const after = leftAsIs.length > 0 ? `; ${leftAsIs.join(", ")} had deploy or rollback runs and ${leftAsIs.length === 1 ? "is" : "are"} left as ${leftAsIs.length === 1 ? "it is" : "they are"}: check ${leftAsIs.length === 1 ? "it" : "them"}` : "; no region was deployed";
  finish(ctx, "failed", reasonCode, `${reason}${after}. This release is finished; once that is fixed, start a new one (another version or release id)`);
}
function haltRegion(ctx, r, reasonCode) {
  const run = openRun(r);
  let running;
  if (run) {
    run.done = true;
    if (run.runId === void 0) run.conclusion = NOT_DISPATCHED;
    else running = run.runId;
  }
  r.bake = void 0;
  r.approval = void 0;
  r.finishedAt = ctx.at;
  const stage = stageOf(ctx, r).name;
  const deployed = r.runs.some((x) => x.runId !== void 0);
  if (!deployed) {
    r.skippedReason = `not deployed: the release halted (${reasonCode}) before its deploy run was dispatched`;
    setPhase(ctx, r, "skipped");
    log(ctx, { kind: "region-skipped", stage, region: r.name, step: r.step, reasonCode: "not-deployed", reason: r.skippedReason });
    deploymentStatus(ctx, r, "error", `not deployed: the release halted (${reasonCode})`);
    return false;
  }
  const reason = `halted at step ${r.step + 1} (${reasonCode})${running !== void 0 ? `; run ${running} was still going and is no longer watched` : ""}; left as it is`;
  r.failure = { reasonCode, reason, at: ctx.at };
  setPhase(ctx, r, "failed");
  log(ctx, {
    kind: "region-failed",
    stage,
    region: r.name,
    step: r.step,
    reasonCode,
    reason,
    ...running !== void 0 ? { numbers: { runId: running } } : {}
  });
  deploymentStatus(ctx, r, "failure", reason);
  return true;
}

// src/core/transitions.ts
var TRANSITIONS = Object.freeze({ startBake, onRegionFailed, onRollbackFinished, regionSettled });

// src/core/decide.ts
function advance(state, event, plan) {
  if (takenAlready(state, event)) return { state, effects: [] };
  const ctx = { plan, s: state, fx: [], at: Number.isFinite(event.at) ? event.at : state.now, dirty: /* @__PURE__ */ new Set(), transitions: TRANSITIONS };
  if (ctx.at > state.now) state.now = ctx.at;
  const before = state.history.length;
  apply(ctx, event);
  settleApprovalRun(ctx);
  let ignored = state.history.length > before;
  for (let i = before; i < state.history.length && ignored; i++) if (state.history[i]?.kind !== "ignored") ignored = false;
  if (ignored) return { state, effects: [] };
  updateStatus(ctx);
  reschedule(ctx);
  if ((event.type === "started" || event.type === "resumed" || event.type === "timer-fired") && state.status !== "finished") {
    const wake = nextWakeAt(state);
    if (wake !== void 0) ctx.fx.push({ type: "wait-until", at: wake, reason: "next deadline, measurement or end of bake" });
  }
  if (answerMustBeSaved(ctx, event) || takesCommandRun(event) || ctx.fx.some(needsSavedState)) ctx.fx.unshift({ type: "save-state" });
  return { state, effects: ctx.fx };
}
function apply(ctx, event) {
  const { s } = ctx;
  if (event.type === "started") {
    if (s.status !== "pending") ignore(ctx, event, "the release has already started");
    else startRelease(ctx, event.by);
    return;
  }
  if (event.type === "approval" || event.type === "command") {
    onPersonEvent(ctx, event);
    return;
  }
  if (s.status === "pending") {
    ignore(ctx, event, "the release has not started");
    return;
  }
  if (event.type === "deployment-status-set" || event.type === "deployment-created" && s.status === "finished") {
    const r = regionNamed(s, event.region);
    const fits = r !== void 0 && (event.type === "deployment-status-set" ? onDeploymentStatusSet(r, event) : onDeploymentCreated(ctx, r, event));
    if (!fits) ignore(ctx, event, `it does not match the deployment of ${event.region}`);
    return;
  }
  if (s.status === "finished" && event.type !== "cancelled") {
    afterTheEnd(ctx, event);
    return;
  }
  if (heldForPlan(s, event)) {
    ignore(
      ctx,
      event,
      `the release is held: ${s.planChanged?.reasonCode === "plan-changed" ? "its plan changed (adopt it or restore it)" : "its ledger does not match its plan"}`
    );
    return;
  }
  switch (event.type) {
    case "resumed":
    case "timer-fired":
    case "halted":
    case "cancelled":
      onReleaseEvent(ctx, event);
      return;
    case "approval-run-dispatched":
    case "approval-dispatch-failed":
    case "approval-run-finished":
      if (!onApprovalRunEvent(ctx, event)) ignore(ctx, event, `it does not match the approval run of stage ${String(event.stage)}`);
      return;
    case "budget-read":
      if (!onBudgetRead(ctx, event, (index) => enterStage(ctx, index))) ignore(ctx, event, "the release is not reading an error budget for that stage");
      return;
    default:
      onRegionEvent(ctx, event);
  }
}
function afterTheEnd(ctx, event) {
  const { s } = ctx;
  if (isStageRunEvent(event)) {
    afterTheEndApproval(ctx, event);
    return;
  }
  if (event.type === "resumed") {
    repairAllDeployments(ctx);
    return;
  }
  if (event.type === "run-dispatched") {
    const r = regionNamed(s, event.region);
    if (!r || !onRunDispatched(ctx, r, event)) ignore(ctx, event, `the release is finished (${s.outcome?.decision ?? "done"})`);
    return;
  }
  if (event.type === "budget-read" && onOverrideRead(ctx, event)) return;
  ignore(ctx, event, `the release is finished (${s.outcome?.decision ?? "done"})`);
}
function isStageRunEvent(event) {
  return event.type === "approval-run-dispatched" || event.type === "approval-dispatch-failed" || event.type === "approval-run-finished";
}
function onReleaseEvent(ctx, event) {
  switch (event.type) {
    case "resumed":
      if (!checkPlanOnResume(ctx)) return;
      log(ctx, { kind: "release-resumed", reasonCode: "resumed", reason: "state loaded; continuing without re-dispatching runs already recorded" });
      goOn(ctx, false);
      return;
    case "timer-fired":
      retryFreeze(ctx);
      tick(ctx);
      return;
    case "halted":
      haltRelease(ctx, event.reasonCode, event.reason);
      return;
    case "cancelled":
      log(ctx, {
        kind: "cancelled",
        reasonCode: "cancelled",
        reason: `the job was cancelled${event.reason ? `: ${event.reason}` : ""}; state saved, nothing decided`
      });
      ctx.fx.push({ type: "save-state" });
      return;
  }
}
function onRegionEvent(ctx, event) {
  const r = regionNamed(ctx.s, event.region);
  if (!r) {
    ignore(ctx, event, `unknown region '${String(event.region)}'`);
    return;
  }
  let fits = false;
  switch (event.type) {
    case "run-dispatched":
      fits = onRunDispatched(ctx, r, event);
      break;
    case "dispatch-failed":
      fits = onDispatchFailed(ctx, r, event);
      break;
    case "run-finished":
      fits = onRunFinished(ctx, r, event);
      break;
    case "deployment-created":
      fits = onDeploymentCreated(ctx, r, event);
      break;
    case "measurement":
      fits = onMeasurement(ctx, r, event);
      break;
  }
  if (!fits) ignore(ctx, event, `it does not match region ${r.name} (phase ${r.phase}, step ${r.step + 1})`);
}
function regionNamed(s, name) {
  return typeof name === "string" && Object.hasOwn(s.regions, name) ? s.regions[name] : void 0;
}
function updateStatus(ctx) {
  const { s } = ctx;
  if (s.status !== "running" && s.status !== "paused") return;
  const c = s.counts;
  let busy = c.deploying + c.baking + c["rolling-back"] > 0;
  let heldRegion;
  if (!busy || s.hold) {
    busy = false;
    for (const name in s.active) {
      const r = s.regions[name];
      if (!r) continue;
      if (r.phase === "awaiting-approval" && !measuresWhileHeld(r)) heldRegion ??= `${r.name}: ${r.approval?.reason ?? "held"}`;
      else if (!(r.phase === "baking" && s.hold && bakeWakeAt(r, true) === void 0)) {
        busy = true;
        break;
      }
    }
  }
  if (openApprovalRun(s.stages[s.stage])) busy = true;
  const st = s.stages[s.stage];
  let pause2;
  if (s.planChanged) {
    if (s.status === "running" || s.pause?.reasonCode !== s.planChanged.reasonCode) {
      s.status = "paused";
      s.pause = { reasonCode: s.planChanged.reasonCode, reason: s.planChanged.reason };
      ctx.fx.push({ type: "report", headline: `release paused: ${s.planChanged.reasonCode}` });
    }
    return;
  }
  if (s.status === "paused" && (s.pause?.reasonCode === "plan-changed" || s.pause?.reasonCode === "state-plan-mismatch")) {
    s.status = "running";
    s.pause = void 0;
  }
  if (!busy) {
    if (heldRegion) pause2 = { reasonCode: "awaiting-approval", reason: `waiting for a person: ${heldRegion}` };
    else if (st?.phase === "awaiting-approval") pause2 = { reasonCode: "stage-approval-required", reason: `stage ${st.name} waits for an approval` };
    else if (s.hold) pause2 = { reasonCode: "held", reason: `paused by ${s.hold.by}: ${s.hold.reason}` };
    else pause2 = freezePause(s);
  }
  if (pause2 && s.status === "running") {
    s.status = "paused";
    s.pause = pause2;
    log(ctx, { kind: "release-paused", reasonCode: pause2.reasonCode, reason: pause2.reason });
    ctx.fx.push({ type: "report", headline: `release paused: ${pause2.reason}` });
  } else if (pause2 && s.status === "paused" && s.pause?.reasonCode !== pause2.reasonCode) {
    s.pause = pause2;
  } else if (!pause2 && s.status === "paused") {
    s.status = "running";
    s.pause = void 0;
  }
}
function nextWakeAt(s) {
  if (s.status === "finished" || s.status === "pending") return void 0;
  let next;
  const consider = (t) => {
    if (t !== void 0 && (next === void 0 || t < next)) next = t;
  };
  const st = s.stages[s.stage];
  if (st?.phase === "awaiting-approval") consider(st.approval?.deadline);
  consider(peekTimer(s.timers)?.[0]);
  consider(freezeWakeAt(s));
  return next;
}
function runsInFlight(s) {
  const out = [];
  for (const name in s.active) {
    const r = s.regions[name];
    const run = r ? openRun(r) : void 0;
    if (r && run && run.runId !== void 0) out.push({ region: r.name, kind: run.kind, step: run.step, runId: run.runId });
  }
  return out;
}

// src/driver/ports.ts
var TeamsUnreadableError = class extends Error {
  name = "TeamsUnreadableError";
};
var FatalPortError = class extends Error {
  constructor(reasonCode, message, details = {}) {
    super(message);
    this.reasonCode = reasonCode;
    this.details = details;
  }
  reasonCode;
  details;
  name = "FatalPortError";
};

// src/driver/authorize.ts
var RANK = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };
var ADVANCES = /* @__PURE__ */ new Set(["approve", "promote", "resume", "retry", "adopt-plan", "override-freeze"]);
var APPROVES = /* @__PURE__ */ new Set(["approve", "promote", "override-freeze"]);
function askedOf(ev, currentStage) {
  const name = ev.type === "approval" ? ev.decision : ev.name;
  const stage = currentStage;
  const triggeredBy = ev.origin?.triggeredBy;
  return { name, by: ev.by, ...triggeredBy !== void 0 && triggeredBy !== ev.by ? { triggeredBy } : {}, ...stage !== void 0 ? { stage } : {} };
}
async function denialOf(asked2, plan, permissions, initiator) {
  const people = [{ login: asked2.by, role: "who started the run" }];
  if (asked2.triggeredBy !== void 0) people.push({ login: asked2.triggeredBy, role: "who re-ran it" });
  for (const person of people) {
    const denial = await personDenial(asked2, person, plan, permissions, initiator);
    if (denial) return denial;
  }
  return void 0;
}
async function personDenial(asked2, person, plan, permissions, initiator) {
  const { approvals } = plan;
  const who2 = `${person.login} (${person.role})`;
  let permission;
  try {
    permission = await permissions.permissionOf(person.login);
  } catch (err) {
    return { deniedCode: "permission-denied", denied: `could not read the repository permission of ${who2}: ${messageOf(err)}` };
  }
  const need = RANK[approvals.minPermission] ?? RANK.write ?? 3;
  if ((RANK[permission] ?? 0) < need)
    return { deniedCode: "permission-denied", denied: `${who2} has repository permission '${permission}', below the required '${approvals.minPermission}'` };
  if (APPROVES.has(asked2.name) && !approvals.allowSelfApproval && initiator !== void 0 && person.login === initiator)
    return { deniedCode: "self-approval", denied: `${who2} started the release and may not approve it (approvals.allowSelfApproval is false)` };
  if (!ADVANCES.has(asked2.name)) return void 0;
  return listDenial(asked2, person.login, who2, plan, permissions);
}
async function listDenial(asked2, login2, who2, plan, permissions) {
  const stage = plan.stages.find((s) => s.name === asked2.stage);
  const users = stage?.approval?.users.length ? stage.approval.users : plan.approvals.users;
  const teams = stage?.approval?.teams.length ? stage.approval.teams : plan.approvals.teams;
  if (users.length === 0 && teams.length === 0) return void 0;
  if (users.includes(login2)) return void 0;
  const unreadable = [];
  for (const team of teams) {
    try {
      if (await permissions.isTeamMember(team, login2)) return void 0;
    } catch (err) {
      unreadable.push(err instanceof TeamsUnreadableError ? err.message : `${team}: ${messageOf(err)}`);
    }
  }
  const lists = [users.length ? `users ${users.join(", ")}` : "", teams.length ? `teams ${teams.join(", ")}` : ""].filter(Boolean).join(" or ");
  if (unreadable.length > 0)
    return {
      deniedCode: "team-unverifiable",
      denied: `${who2} is not among the approvers' ${users.length ? "users" : "names"}, and team membership could not be checked (${unreadable.join("; ")}): refused rather than allowed`
    };
  return { deniedCode: "not-approver", denied: `${who2} is not an approver (${lists})` };
}
async function authorizeInbox(events, plan, permissions, initiator, currentStage) {
  const out = [];
  for (const ev of events) {
    if (ev.type !== "approval" && ev.type !== "command" || ev.denied !== void 0) {
      out.push(ev);
      continue;
    }
    const denial = await denialOf(askedOf(ev, currentStage), plan, permissions, initiator);
    out.push(denial === void 0 ? ev : { ...ev, ...denial });
  }
  return out;
}

// src/driver/operator-command.ts
var COMMAND = /^(approve|reject|abort|pause|resume|promote|retry|rollback|adopt-plan|override-freeze)(?::([0-9a-f]{6,64}))?$/;
function parseOperatorCommand(text) {
  const m = COMMAND.exec(text);
  const name = m?.[1];
  if (!m || name === void 0 || m[2] !== void 0 && name !== "adopt-plan") return void 0;
  return m[2] !== void 0 ? { name, digest: m[2] } : { name };
}

// src/driver/inbox.ts
var STAGE_NAME = new RegExp(NAME_PATTERN);
var REGION_NAME = new RegExp(REGION_PATTERN);
function commandsFromRuns(runs, state, workflowPath, at, floor = state.now) {
  const taken = new Set(state.commandRuns ?? []);
  const reading = { events: [], unreadable: [] };
  const ordered = [...runs].sort((a, b) => a.createdAt - b.createdAt || a.runId - b.runId || a.attempt - b.attempt);
  for (const run of ordered) {
    const key = commandRunKey(run.runId, run.attempt);
    if (taken.has(key)) continue;
    if (run.conclusion === "cancelled") continue;
    const titled = parseCommandTitle(run.title);
    if (titled === void 0) continue;
    if (!titled.ok) {
      reading.unreadable.push({ key, message: `run ${run.runId} looks like a command but its title cannot be read: ${titled.message}` });
      continue;
    }
    if (titled.releaseId !== state.releaseId) continue;
    const command = parseOperatorCommand(titled.command);
    if (command === void 0) {
      reading.unreadable.push({ key, message: `run ${run.runId} asks for ${shownName(titled.command)}, which is not a command` });
      continue;
    }
    const base = commandEventOf(
      {
        by: run.actor,
        name: command.name,
        ...command.digest !== void 0 ? { digest: command.digest } : {},
        ...titled.stage !== void 0 ? { stage: titled.stage } : {},
        ...titled.region !== void 0 ? { region: titled.region } : {},
        ...titled.reason !== void 0 ? { reason: titled.reason } : {},
        origin: {
          runId: run.runId,
          attempt: run.attempt,
          ...run.triggeringActor !== run.actor ? { triggeredBy: run.triggeringActor } : {},
          ...run.htmlUrl !== void 0 ? { htmlUrl: run.htmlUrl } : {},
          ...run.createdAt > 0 ? { createdAt: run.createdAt } : {}
        }
      },
      at,
      floor
    );
    const unverified = originProblem(run, workflowPath, titled.stage, titled.region);
    reading.events.push(unverified === void 0 ? base : { ...base, denied: unverified, deniedCode: "run-unverified" });
  }
  return reading;
}
function commandEventOf(asked2, now, floor) {
  return { type: "command", at: Math.min(now, Math.max(floor, asked2.origin?.createdAt ?? now)), ...asked2 };
}
function originProblem(run, workflowPath, stage, region) {
  if (run.event !== "workflow_dispatch")
    return `run ${run.runId} was started by event ${shownName(run.event)}, not workflow_dispatch: it cannot carry a person's command`;
  if (workflowPath === void 0 || run.workflowPath !== workflowPath)
    return `run ${run.runId} is a run of ${shownName(run.workflowPath)}, not of the workflow that drives the release (${shownName(workflowPath ?? "unknown")})`;
  if (stage !== void 0 && !STAGE_NAME.test(stage)) return `run ${run.runId} names stage ${shownName(stage)}, which is not a stage name`;
  if (region !== void 0 && !REGION_NAME.test(region)) return `run ${run.runId} names region ${shownName(region)}, which is not a region name`;
  return void 0;
}

// src/driver/inbox-reader.ts
var InboxReader = class {
  constructor(o) {
    this.o = o;
  }
  o;
  /** When the inbox is read next (the driver's loop and its waits look at it). */
  nextAt = Number.NEGATIVE_INFINITY;
  warned = /* @__PURE__ */ new Set();
  get enabled() {
    return this.o.workflow !== void 0;
  }
  /** The next read is due a poll interval from now. */
  scheduleNext() {
    this.nextAt = this.o.ports.clock.now() + this.o.everyMs;
  }
  /** The command events for this release not taken yet (empty when it cannot be read: warned); `floor`: see commandsFromRuns. */
  async events(floor) {
    const { ports, state, workflow, warn } = this.o;
    if (workflow === void 0) return [];
    let runs;
    try {
      runs = await ports.inbox.commandRuns();
    } catch (err) {
      warn(`could not read the commands given to release ${state.releaseId}: ${messageOf(err)}; trying again in ${formatDuration(this.o.everyMs)}`);
      return [];
    }
    const reading = commandsFromRuns(runs, state, workflow, ports.clock.now(), floor ?? state.now);
    for (const u of reading.unreadable) {
      if (this.warned.has(u.key)) continue;
      this.warned.add(u.key);
      warn(u.message);
    }
    return reading.events;
  }
  /** Marks the events whose people may not act (authorize.ts), against the current stage. */
  authorize(events) {
    const { plan, ports, state, initiator } = this.o;
    return authorizeInbox(events, plan, ports.permissions, state.initiator ?? initiator, state.stages[state.stage]?.name);
  }
  /** A read when due: the authorized events to feed (the next read is scheduled). */
  async read() {
    if (!this.enabled) return [];
    this.scheduleNext();
    const events = await this.events();
    return events.length > 0 ? this.authorize(events) : [];
  }
};
function mergeGiven(given, inbox) {
  const own = new Set(given.map(commandRunOf).filter((k) => k !== void 0));
  return inOrderGiven([...given, ...inbox.filter((ev) => !own.has(commandRunOf(ev) ?? ""))]);
}
function inOrderGiven(events) {
  const created = (ev) => (ev.type === "command" || ev.type === "approval") && ev.origin?.createdAt !== void 0 ? ev.origin.createdAt : Number.POSITIVE_INFINITY;
  return events.map((ev, i) => ({ ev, i })).sort((a, b) => created(a.ev) - created(b.ev) || a.i - b.i).map((x) => x.ev);
}

// src/driver/doubts.ts
function handOverDoubts(state, plan, doubts) {
  for (const r of Object.values(state.regions)) {
    for (const run of r.runs) {
      const workflow = (run.kind === "deploy" ? plan.deploy : plan.rollback)?.workflow;
      if (run.done && run.runId === void 0 && workflow !== void 0 && runCanBeFound(plan, run.kind))
        doubts.watchFor(run.correlationId, workflow, run.dispatchedAt);
    }
  }
}
async function takeStrays(doubts, clock, feed, warn) {
  const strays = await doubts.strayRuns().catch((err) => {
    warn(`could not look for runs of doubtful dispatches: ${messageOf(err)}`);
    return [];
  });
  for (const run of strays)
    feed({
      type: "run-dispatched",
      at: clock.now(),
      region: run.region,
      kind: run.kind,
      step: run.step,
      ...run.attempt !== void 0 ? { attempt: run.attempt } : {},
      runId: run.runId,
      ...run.htmlUrl !== void 0 ? { htmlUrl: run.htmlUrl } : {}
    });
  return strays.length > 0;
}

// src/driver/perform-approval.ts
async function performApprovalEffect(env, e) {
  const { runs, clock } = env.ports;
  if (e.type === "cancel-approval-run") {
    try {
      await runs.cancelRun(e.runId);
    } catch (err) {
      if (err instanceof FatalPortError) return [halted(env, err)];
      env.warn(
        `could not cancel approval run ${e.runId} of stage ${e.stage} (${e.reason}): ${messageOf(err)}; cancel it by hand so nobody approves it by mistake`,
        "person"
      );
    }
    return [];
  }
  const approval = env.plan.stages.find((x) => x.name === e.stage)?.approval?.environment;
  if (!approval)
    return [{ type: "approval-dispatch-failed", at: clock.now(), stage: e.stage, message: `stage ${e.stage} has no approval.environment in the plan` }];
  const { correlationInput } = env.plan.deploy;
  try {
    const answer = await runs.dispatch({
      workflow: approval.workflow,
      ref: env.ref,
      inputs: approvalInputs({ environment: e.environment, releaseId: env.state.releaseId, stage: e.stage, correlationInput, correlationId: e.correlationId }),
      correlationId: e.correlationId,
      ...correlationInput !== void 0 ? { correlationInput } : {}
    });
    return [
      {
        type: "approval-run-dispatched",
        at: clock.now(),
        stage: e.stage,
        runId: answer.runId,
        ...answer.htmlUrl !== void 0 ? { htmlUrl: answer.htmlUrl } : {}
      }
    ];
  } catch (err) {
    if (err instanceof FatalPortError) return [halted(env, err)];
    return [{ type: "approval-dispatch-failed", at: clock.now(), stage: e.stage, message: messageOf(err) }];
  }
}
function halted(env, err) {
  return { type: "halted", at: env.ports.clock.now(), reasonCode: err.reasonCode, reason: err.message };
}

// src/driver/perform-compare.ts
function rangeStart(state, e, gate) {
  const startedAt = e.bakeStartedAt ?? state.regions[e.region]?.bake?.startedAt ?? e.at;
  return Math.min(e.at, startedAt + gate.initialDelayMs + gate.intervalMs);
}
async function readComparison(env, e, name, metrics) {
  const gate = env.plan.gates[name];
  const provider = gate ? env.plan.providers[gate.provider] : void 0;
  const cmp = gate?.compare;
  const query = gate?.query ?? gate?.url;
  if (!gate || !provider || !cmp || query === void 0) return { kind: "error", message: `gate ${name}, its comparison or its provider is not in the plan` };
  const window = formatDuration(gate.windowMs);
  const canary = templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic, window);
  const baselineRegion = "region" in cmp.baseline ? cmp.baseline.region : void 0;
  const baseline = baselineRegion !== void 0 ? { ...canary, region: baselineRegion } : canary;
  const baselineQuery = "query" in cmp.baseline ? cmp.baseline.query : query;
  const range = { provider, gate, start: rangeStart(env.state, e, gate), end: e.at, stepMs: gate.intervalMs };
  const volume = gate.minVolume?.query;
  const read = (q, context) => metrics.measureRange({ ...range, query: q, context }).catch((err) => ({ kind: "error", message: messageOf(err) }));
  const [c, b, cv, bv] = await Promise.all([
    read(query, canary),
    read(baselineQuery, baseline),
    volume !== void 0 ? read(volume, canary) : void 0,
    // A baseline of its own query has no region to read a volume for.
    volume !== void 0 && baselineRegion !== void 0 ? read(volume, baseline) : void 0
  ]);
  return { kind: "comparison", canary: c, baseline: b, ...cv ? { canaryVolume: cv } : {}, ...bv ? { baselineVolume: bv } : {} };
}

// src/driver/perform.ts
function halted2(clock, err) {
  return { type: "halted", at: clock.now(), reasonCode: err.reasonCode, reason: err.message };
}
async function performEffect(env, e) {
  const { runs, deployments, metrics, clock } = env.ports;
  switch (e.type) {
    case "dispatch-deploy":
    case "dispatch-rollback": {
      const kind = e.type === "dispatch-deploy" ? "deploy" : "rollback";
      const spec = kind === "deploy" ? env.plan.deploy : env.plan.rollback;
      const base = { region: e.region, kind, step: e.step, ...e.attempt !== void 0 ? { attempt: e.attempt } : {} };
      if (!spec) return [{ type: "dispatch-failed", at: clock.now(), ...base, message: "no rollback workflow configured" }];
      try {
        const values = contextValues({ ...templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic), correlationId: e.correlationId });
        const inputs = {};
        for (const [k, v] of Object.entries(spec.inputs)) inputs[k] = renderTemplate(v, values);
        const request = {
          workflow: spec.workflow,
          ref: spec.ref ?? env.ref,
          inputs,
          correlationId: e.correlationId,
          ...spec.correlationInput !== void 0 ? { correlationInput: spec.correlationInput } : {}
        };
        const answer = await runs.dispatch(request);
        return [
          { type: "run-dispatched", at: clock.now(), ...base, runId: answer.runId, ...answer.htmlUrl !== void 0 ? { htmlUrl: answer.htmlUrl } : {} }
        ];
      } catch (err) {
        if (err instanceof FatalPortError) return [halted2(clock, err)];
        return [{ type: "dispatch-failed", at: clock.now(), ...base, message: messageOf(err) }];
      }
    }
    case "cancel-run":
      try {
        const last = await runs.cancelRun(e.runId);
        if (last && last.status === "completed" && last.conclusion === "success" && e.kind === "deploy" && e.cause === "late-run") {
          env.warn(
            `deploy run ${e.runId} of ${e.region} showed up late and had already finished (success) before it could be cancelled: ${e.region} may run the new version although the release recorded otherwise; check it and roll it back by hand if so`,
            "person"
          );
        }
      } catch (err) {
        if (err instanceof FatalPortError) return [halted2(clock, err)];
        env.warn(`could not cancel ${e.kind} run ${e.runId} of ${e.region}: ${messageOf(err)}`, "person");
      }
      return [];
    case "create-deployment":
      try {
        const stage = env.plan.stages.find((x) => x.name === e.stage);
        const steps = (stage?.steps ?? []).map((x) => x.traffic);
        const values = contextValues(templateContext(env.plan, env.state, e.stage, e.region, 0, steps[0] ?? 0));
        const environment = renderTemplate(env.plan.environment, values);
        const description = `${env.state.releaseId}: ${e.region}, ${plural(steps.length, "step")} at ${steps.join("/")}%`;
        const payload = { releaseId: env.state.releaseId, version: env.state.version, stage: e.stage, region: e.region, traffic: steps };
        const { deploymentId } = await deployments.createDeployment({
          ref: env.ref,
          environment,
          description,
          key: e.key,
          payload,
          ...e.again ? { lookFirst: true } : {}
        });
        return [{ type: "deployment-created", at: clock.now(), region: e.region, deploymentId }];
      } catch (err) {
        if (err instanceof FatalPortError) return [halted2(clock, err)];
        env.warn(`could not create the deployment record for ${e.region}: ${messageOf(err)}`);
        return [];
      }
    case "set-deployment-status":
      try {
        await deployments.setDeploymentStatus(e.deploymentId, e.state, e.description, e.runUrl);
        return [{ type: "deployment-status-set", at: clock.now(), region: e.region, step: e.step, deploymentId: e.deploymentId, state: e.state }];
      } catch (err) {
        if (err instanceof FatalPortError) return [halted2(clock, err)];
        env.warn(`could not set deployment ${e.deploymentId} to ${e.state}: ${messageOf(err)}`);
        return [];
      }
    case "query-metric":
      return Promise.all(
        e.gates.map(async (name) => {
          const observation = env.plan.gates[name]?.compare ? await readComparison(env, e, name, metrics) : await measureOne(env, e, name, metrics);
          return { type: "measurement", at: e.at, region: e.region, step: e.step, gate: name, observation };
        })
      );
    case "read-budget":
      return [await readBudget(env, e, metrics)];
    case "dispatch-approval":
    case "cancel-approval-run":
      return performApprovalEffect(env, e);
    case "request-approval":
    case "save-state":
    case "report":
    case "wait-until":
    case "finish":
      return [];
  }
}
async function measureOne(env, e, name, metrics) {
  const gate = env.plan.gates[name];
  const provider = gate ? env.plan.providers[gate.provider] : void 0;
  if (!gate || !provider) return { kind: "error", message: `gate ${name} or its provider is not in the plan` };
  if (gate.slo) {
    const context = templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic);
    return measureSlo(metrics, { gate: { ...gate, slo: gate.slo }, provider, context, at: e.at });
  }
  try {
    const context = templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic, formatDuration(gate.windowMs));
    return await metrics.measure({ gate, provider, context, at: e.at });
  } catch (err) {
    return { kind: "error", message: messageOf(err) };
  }
}
async function readBudget(env, e, metrics) {
  const freeze = env.plan.freeze;
  const gate = freeze ? env.plan.gates[freeze.slo] : void 0;
  const provider = gate ? env.plan.providers[gate.provider] : void 0;
  const traffic = env.plan.stages.find((s) => s.name === e.stage)?.steps[0]?.traffic ?? 0;
  const reads = await Promise.all(
    e.regions.map(async (region) => {
      if (!freeze || !gate?.slo || !provider) {
        const error = { kind: "error", message: `the freeze's slo gate or its provider is not in the plan` };
        return { region, good: error, total: error };
      }
      const context = templateContext(env.plan, env.state, e.stage, region, 0, traffic);
      return { region, ...await readEvents(metrics, { gate: { ...gate, slo: gate.slo }, provider, context, at: e.at }, freeze.periodMs) };
    })
  );
  return { type: "budget-read", at: e.at, stage: e.stage, reads };
}

// src/driver/effect-queue.ts
var EffectQueue = class {
  constructor(o) {
    this.o = o;
  }
  o;
  pending = [];
  /**
   * The first `halted` event a port failure produced (a permission the token lacks): from then on
   * nothing irreversible is performed, in any region, and the core is fed that one event.
   */
  halt;
  notSaved;
  /** Set when the state that asked for a dispatch could not be saved: why nothing was dispatched (the driver stops). */
  get unsaved() {
    return this.notSaved;
  }
  push(effects) {
    for (const e of effects) this.pending.push(e);
  }
  /** Performs batches until none is left (the answers' effects included), the driver stops, or a save before a dispatch fails. */
  async drain() {
    while (this.pending.length > 0 && !this.o.stopped()) {
      const batch = this.pending;
      this.pending = [];
      const saved = !batch.some((e) => e.type === "save-state") || await this.o.save();
      if (this.o.stopped()) return;
      if (!saved && batch.some(isIrreversible)) {
        this.notSaved = "the ledger could not be saved before dispatching; nothing was dispatched, the next run resumes from the last saved state";
        this.pending = [];
        return;
      }
      await this.perform(this.byRegion(batch));
    }
  }
  barred(e) {
    return this.halt !== void 0 && barredAfterHalt(e);
  }
  /** The effects to perform, one list per region (and one per type of effect of no region). */
  byRegion(batch) {
    const groups = /* @__PURE__ */ new Map();
    for (const e of batch) {
      if (e.type === "save-state" || e.type === "wait-until" || e.type === "finish" || e.type === "report") continue;
      if (this.barred(e)) continue;
      const key = "region" in e && e.region !== void 0 ? `r:${e.region}` : `x:${e.type}`;
      const group = groups.get(key);
      if (group) group.push(e);
      else groups.set(key, [e]);
    }
    return [...groups.values()];
  }
  /**
   * Regions are independent: their effects run concurrently; one region's effects run in order,
   * and none goes on after a halt (a dispatch is never performed once its deployment was denied).
   */
  async perform(groups) {
    const { env } = this.o;
    const haltedBefore = this.halt !== void 0;
    const answers = await Promise.all(
      groups.map(async (group) => {
        const out = [];
        for (const e of group) {
          if (this.o.stopped()) break;
          if (this.barred(e)) break;
          for (const ev of await performEffect(env, e)) {
            if (ev.type !== "halted") out.push(ev);
            else if (this.halt) env.warn(ev.reason);
            else this.halt = ev;
          }
        }
        return out;
      })
    );
    for (const list of answers) for (const ev of list) this.o.feed(ev);
    if (this.halt && !haltedBefore) {
      env.warn(this.halt.reason);
      this.o.feed(this.halt);
    }
  }
};

// src/driver/ledger-write.ts
function defaultSummary(state, plan) {
  const lines = [`### ${state.releaseId}: ${state.outcome?.decision ?? state.status}`];
  if (state.outcome) lines.push(`${state.outcome.reasonCode}: ${state.outcome.reason}`);
  else if (state.pause) lines.push(`${state.pause.reasonCode}: ${state.pause.reason}`);
  const stage = plan.stages[state.stage];
  if (stage && !state.outcome) lines.push(`stage ${stage.name} (${state.stage + 1}/${plan.stages.length})`);
  const inFlight = [];
  let more = false;
  for (const name in state.active) {
    if (inFlight.length === 20) {
      more = true;
      break;
    }
    inFlight.push(`${name} (${state.regions[name]?.phase ?? "?"})`);
  }
  if (inFlight.length > 0) lines.push(`in flight: ${inFlight.join(", ")}${more ? ", ..." : ""}`);
  return lines.join("\n");
}
function annotationsFor(state, plan) {
  const out = [];
  const stageLine = (name) => plan.stages.find((st) => st.name === name)?.pos?.line;
  for (const h of state.history) {
    let line;
    let level = "failure";
    let title = "";
    const where = `${h.region ?? "?"}${h.step !== void 0 ? ` step ${h.step + 1}` : ""}`;
    if ((h.kind === "gate-failed" || h.kind === "gate-inconclusive") && h.gate) {
      line = plan.gates[h.gate]?.pos?.line;
      level = h.kind === "gate-failed" ? "failure" : "warning";
      title = `gate ${h.gate} ${h.kind === "gate-failed" ? "failed" : "inconclusive"} in ${where}`;
    } else if (h.kind === "region-failed" && !h.reasonCode.startsWith("gate-")) {
      line = stageLine(h.stage);
      title = `${where} failed in stage ${h.stage ?? "?"} (${h.reasonCode})`;
    } else if (h.kind === "stage-awaiting-approval") {
      line = stageLine(h.stage);
      level = "notice";
      title = `stage ${h.stage ?? "?"} waits for an approval`;
    }
    if (line === void 0) continue;
    out.push({ path: plan.file, line, level, title, message: h.reason });
    if (out.length >= 50) break;
  }
  return out;
}
function ledgerStatus(state) {
  if (state.status === "finished") return { status: "completed", conclusion: state.outcome?.decision === "promoted" ? "success" : "failure" };
  if (state.status === "paused") return { status: "completed", conclusion: "action_required" };
  return { status: "in_progress" };
}

// src/driver/ledger-saver.ts
var LedgerSaver = class {
  constructor(o) {
    this.o = o;
  }
  o;
  failure;
  /** When the last save was sent (the clock's time; -Infinity: none yet). */
  lastSentAt = Number.NEGATIVE_INFINITY;
  /** Why the latest save failed (undefined: it did not). */
  get error() {
    return this.failure;
  }
  /**
   * Saves the live state; `last`: the driver stops after this save (annotations go out). Resolves
   * false when the ledger could not be written (warned; the error kept).
   */
  async save(last = false) {
    const { state, plan } = this.o;
    const holdLease = this.o.waitsForPeople === true && !last && state.status === "paused";
    const write = {
      // The live state, which the driver keeps changing after this call returns: an adapter
      // serialises it before it resolves (the simulator keeps the reference on purpose).
      state,
      summary: (this.o.summarize ?? defaultSummary)(state, plan),
      ...ledgerStatus(state),
      // One history scan per driver stop, not per save; the ledger never sends one twice.
      annotations: state.status === "finished" || last ? annotationsFor(state, plan) : [],
      ...holdLease ? { holdLease: true } : {}
    };
    this.o.onSave?.(write);
    if (this.o.now) this.lastSentAt = this.o.now();
    try {
      await this.o.ledger.saveLedger(state.releaseId, write);
      this.failure = void 0;
      return true;
    } catch (err) {
      this.failure = messageOf(err);
      if (!this.o.stopped()) this.o.warn(`could not save the ledger: ${this.failure}`);
      return false;
    }
  }
  outcome() {
    return this.failure === void 0 ? { ledgerSaved: true } : { ledgerSaved: false, ledgerError: this.failure };
  }
};

// src/driver/poll-runs.ts
function workflowOf(plan, run) {
  if (run.kind === "approval") return plan.stages.find((x) => x.name === run.stage)?.approval?.environment?.workflow;
  return (run.kind === "deploy" ? plan.deploy : plan.rollback)?.workflow;
}
async function readRuns(port, plan, runs, warn) {
  const refs = runs.map((run) => ({ run, runId: run.runId, workflow: workflowOf(plan, run) }));
  const answers = await port.readRuns(refs);
  return answers.map(({ run: ref, info }) => {
    if (!(info instanceof Error)) return { run: ref.run, info };
    warn(`could not read run ${ref.run.runId}: ${info.message}`);
    return { run: ref.run, info: void 0 };
  });
}

// src/driver/run-watcher.ts
var REVIEW_COMMENT_MAX = 280;
function pollDelay(base, quiet) {
  return quiet < 4 ? base : quiet < 8 ? base * 1.5 : base * 2;
}
var RunWatcher = class {
  constructor(o) {
    this.o = o;
    for (const run of runsInFlight(o.state)) this.watched.set(run.runId, run);
    const approval = approvalRunInFlight(o.state);
    if (approval) this.watched.set(approval.runId, { kind: "approval", ...approval });
  }
  o;
  watched = /* @__PURE__ */ new Map();
  /** A run was dispatched since the last poll: polling comes back to its base interval. */
  newRun = false;
  /** Polls in a row in which no run finished: the interval backs off (pollDelay). */
  quiet = 0;
  nextAt = Number.NEGATIVE_INFINITY;
  /** When the next poll is due. */
  get nextPollAt() {
    return this.nextAt;
  }
  /** Watches a run the driver just recorded as dispatched. */
  dispatched(run) {
    this.watched.set(run.runId, run);
    this.newRun = true;
  }
  /** Told of every event the driver feeds: a run dispatched is watched from then on. */
  saw(ev) {
    if (ev.type === "run-dispatched") this.dispatched({ region: ev.region, kind: ev.kind, step: ev.step, runId: ev.runId });
    else if (ev.type === "approval-run-dispatched") this.dispatched({ stage: ev.stage, kind: "approval", runId: ev.runId });
  }
  /** Whether the state still waits for `run` (it may have timed out, been cancelled or abandoned by a stop). */
  stillOpen(run) {
    const { state } = this.o;
    if (run.kind === "approval") {
      const st = state.stages.find((x) => x.name === run.stage);
      return openApprovalRun(st)?.runId === run.runId;
    }
    const region = state.regions[run.region];
    return region !== void 0 && openRun(region)?.runId === run.runId;
  }
  /** Whether the runs are due to be polled now. */
  due() {
    if (this.newRun) {
      this.newRun = false;
      this.quiet = 0;
      this.nextAt = Math.min(this.nextAt, this.o.clock.now() + this.o.base);
    }
    return this.o.clock.now() >= this.nextAt;
  }
  /** Reads the runs still open (one request per workflow where the port can); resolves those that completed, in the order read. */
  async completed() {
    const runs = [];
    for (const run of this.watched.values()) {
      if (this.stillOpen(run)) runs.push(run);
      else this.watched.delete(run.runId);
    }
    const infos = await readRuns(this.o.runs, this.o.plan, runs, this.o.warn);
    const done = [];
    for (const { run, info } of infos) if (info?.status === "completed") done.push({ run, info });
    return done;
  }
  /**
   * The runs that completed since the last poll, as the events the driver feeds, in the order
   * read. An approval run's event names who reviewed it; a lookup that fails names nobody (the
   * run's conclusion still decides) and is warned about.
   */
  async finishedEvents() {
    const events = [];
    for (const { run, info } of await this.completed()) {
      const { conclusion } = info;
      if (run.kind !== "approval") {
        events.push({ type: "run-finished", at: this.o.clock.now(), region: run.region, kind: run.kind, step: run.step, runId: run.runId, conclusion });
        continue;
      }
      const reviews = await this.reviewsOf(run.runId, run.stage);
      events.push({ type: "approval-run-finished", at: this.o.clock.now(), stage: run.stage, runId: run.runId, conclusion, ...reviews ? { reviews } : {} });
    }
    return events;
  }
  async reviewsOf(runId, stage) {
    try {
      const reviews = await this.o.reviews.reviewsOf(runId);
      return reviews.map((r) => ({ ...r, comment: truncate(r.comment, REVIEW_COMMENT_MAX) }));
    } catch (err) {
      this.o.warn(
        `could not read who reviewed approval run ${runId} of stage ${stage} (${messageOf(err)}); the stage is decided by how the run ended, naming no reviewer`
      );
      return void 0;
    }
  }
  /** A poll ended; `progressed`: a run finished or a stray run was found (back to the base interval). */
  polled(progressed) {
    this.quiet = progressed ? 0 : this.quiet + 1;
    this.nextAt = this.o.clock.now() + pollDelay(this.o.base, this.quiet);
  }
};

// src/driver/interpreter.ts
var DEFAULT_POLL_MS = 15e3;
async function runRelease(opts) {
  return new ReleaseDriver(opts).run();
}
var ReleaseDriver = class {
  constructor(opts) {
    this.opts = opts;
    const { plan, ports } = opts;
    const state = opts.state ? structuredClone(opts.state) : initialState(plan, opts.releaseId, opts.version);
    this.state = state;
    this.reported = state.history.length;
    const warn = opts.onWarning ?? (() => {
    });
    this.env = { plan, ports, ref: opts.ref, state, warn };
    opts.onState?.(state);
    this.watcher = new RunWatcher({
      state,
      plan,
      runs: ports.runs,
      reviews: ports.reviews,
      clock: ports.clock,
      base: opts.pollIntervalMs ?? DEFAULT_POLL_MS,
      warn
    });
    this.saver = new LedgerSaver({
      ledger: ports.ledger,
      plan,
      state,
      warn,
      stopped: this.stopped,
      ...opts.summarize ? { summarize: opts.summarize } : {},
      ...opts.onSave ? { onSave: opts.onSave } : {},
      waitsForPeople: opts.mode === "run" && opts.inboxWorkflow !== void 0 && (opts.waitForPeopleMs ?? 0) > 0,
      now: () => ports.clock.now()
    });
    this.inbox = new InboxReader({
      ports,
      plan,
      state,
      workflow: opts.inboxWorkflow,
      everyMs: opts.pollIntervalMs ?? DEFAULT_POLL_MS,
      initiator: opts.initiator,
      warn
    });
    this.queue = new EffectQueue({ env: this.env, save: () => this.saver.save(), feed: this.feed, stopped: this.stopped });
  }
  opts;
  // The driver owns its copy: `advance` mutates it, which keeps each event O(1) in release size.
  state;
  events = [];
  reported;
  env;
  watcher;
  saver;
  queue;
  inbox;
  // A tick at the same time is repeated only if the last one changed something: no spinning.
  lastTick = { at: Number.NEGATIVE_INFINITY, history: -1 };
  // When the inbox is read next (mode run), and since when this driver waits for a person.
  waitingSince;
  lastLook = false;
  stopped = () => this.opts.stop?.aborted === true;
  feed = (ev) => {
    const { state, opts } = this;
    if (opts.recordEvents ?? true) this.events.push(ev);
    this.watcher.saw(ev);
    this.queue.push(advance(state, ev, opts.plan).effects);
    if (opts.onTransition) while (this.reported < state.history.length) opts.onTransition(state.history[this.reported++]);
    else this.reported = state.history.length;
  };
  async run() {
    const { opts, state } = this;
    const { clock } = opts.ports;
    const resuming = opts.state !== void 0 && opts.state.status !== "pending";
    if (resuming) handOverDoubts(state, opts.plan, opts.ports.doubts);
    const untilStopped = this.listenForStop();
    if (this.stopped()) return this.cancelled();
    this.feed(
      resuming ? { type: "resumed", at: clock.now() } : { type: "started", at: clock.now(), ...opts.initiator !== void 0 ? { by: opts.initiator } : {} }
    );
    const given = opts.inbox ?? [];
    const waiting = resuming ? await this.inbox.events(opts.state?.now) : [];
    const inbox = mergeGiven(given, waiting);
    this.inbox.scheduleNext();
    const authorized = opts.inboxAuthorized || inbox.length === 0 ? inbox : await this.inbox.authorize(inbox);
    if (this.stopped()) return this.cancelled();
    const before = state.history.length;
    for (const ev of authorized) this.feed(ev);
    if (opts.goOnAfterInbox && !opts.goOnAfterInbox(state.history.slice(before))) {
      await this.queue.drain();
      return this.finish();
    }
    return await this.loop(untilStopped) ?? this.finish();
  }
  /** Reads the inbox when it is due and feeds what it holds for this release; whether anything was fed. */
  async readInbox() {
    const events = await this.inbox.read();
    if (this.stopped() || events.length === 0) return false;
    for (const ev of events) this.feed(ev);
    return true;
  }
  /** The history says the job was cancelled, once; resolves when it is. */
  listenForStop() {
    const { stop, ports } = this.opts;
    const onStop = () => this.feed({ type: "cancelled", at: ports.clock.now(), reason: String(stop?.reason ?? "stopped") });
    if (stop?.aborted) onStop();
    else stop?.addEventListener("abort", onStop, { once: true });
    return new Promise((resolve2) => stop?.aborted ? resolve2() : stop?.addEventListener("abort", () => resolve2(), { once: true }));
  }
  /** Drives until the release ends or pauses, or (reconcile) has nothing left to do without waiting: undefined; or returns why it stopped early. */
  async loop(untilStopped) {
    const { state, opts } = this;
    for (; ; ) {
      await this.queue.drain();
      if (this.stopped()) return this.cancelled();
      if (this.queue.unsaved !== void 0) return this.result("failed", "ledger-save-failed", this.queue.unsaved);
      const waited = state.status === "paused";
      const settled = state.status === "finished" || waited && await this.waitForPeople(untilStopped) === "stop";
      if (this.stopped()) return this.cancelled();
      if (settled) {
        if (opts.mode !== "run" || this.lastLook || !await this.readInbox()) return void 0;
        this.lastLook = true;
        continue;
      }
      if (waited) continue;
      this.waitingSince = void 0;
      this.lastLook = false;
      if (this.saver.error !== void 0) await this.saver.save();
      if (this.stopped()) return this.cancelled();
      const polled = await this.poll();
      if (polled === "stopped") return this.cancelled();
      if (polled === "progressed") continue;
      const now = opts.ports.clock.now();
      const wake = nextWakeAt(state);
      if (this.tick(now, wake)) continue;
      if (opts.mode === "reconcile") return void 0;
      if (now >= this.inbox.nextAt && await this.readInbox()) continue;
      const stalled = await this.sleep(now, wake, untilStopped);
      if (stalled) return stalled;
    }
  }
  /** Polls the runs in flight when due, and looks for stray runs; says whether anything came of it. */
  async poll() {
    if (!this.watcher.due()) return "not-due";
    const { clock, doubts } = this.opts.ports;
    const finished2 = await this.watcher.finishedEvents();
    if (this.stopped()) return "stopped";
    let progressed = false;
    for (const ev of finished2) {
      this.feed(ev);
      progressed = true;
    }
    if (await takeStrays(doubts, clock, this.feed, this.env.warn)) progressed = true;
    this.watcher.polled(progressed);
    return progressed ? "progressed" : "quiet";
  }
  /** Fires the timers due at `now`; whether it did. */
  tick(now, wake) {
    const { state } = this;
    if (wake === void 0 || wake > now || now <= this.lastTick.at && state.history.length <= this.lastTick.history) return false;
    this.feed({ type: "timer-fired", at: now });
    this.lastTick = { at: now, history: state.history.length };
    return true;
  }
  /** Sleeps until the next timer or poll (or the stop); returns why the driver stops if there is nothing to wait for. */
  async sleep(now, wake, untilStopped) {
    const { state } = this;
    const due = wake !== void 0 && wake > now ? Math.min(wake, this.watcher.nextPollAt) : Number.POSITIVE_INFINITY;
    const target = this.inbox.enabled && due !== Number.POSITIVE_INFINITY ? Math.min(due, Math.max(this.inbox.nextAt, now + 1)) : due;
    if (target === Number.POSITIVE_INFINITY) {
      this.env.warn(`release ${state.releaseId} has nothing to wait for but is ${state.status}; stopping the driver`);
      await this.saver.save();
      return this.result("failed", "engine-stalled", `nothing to wait for while ${state.status}`);
    }
    const renew = this.opts.leaseRenewMs;
    if (renew !== void 0 && now - this.saver.lastSentAt >= renew) {
      await this.saver.save();
      return void 0;
    }
    const until = renew !== void 0 ? Math.min(target, this.saver.lastSentAt + renew) : target;
    await Promise.race([this.opts.ports.clock.sleepUntil(Math.max(until, now + 1)), untilStopped]);
    return void 0;
  }
  /**
   * The release waits for a person. Mode run with wait-for-people: wait in the job, reading the
   * inbox every poll interval and firing the timers (an approval's deadline) as they fall due,
   * until a command moves the release or the wait is used up ('stop': save and return paused).
   */
  async waitForPeople(untilStopped) {
    const { opts, state } = this;
    const { clock } = opts.ports;
    const limit = opts.mode === "run" && opts.inboxWorkflow !== void 0 ? opts.waitForPeopleMs ?? 0 : 0;
    const now = clock.now();
    this.waitingSince ??= now;
    if (now - this.waitingSince >= limit) return "stop";
    await this.saver.save();
    const wake = nextWakeAt(state);
    if (this.tick(now, wake)) return "again";
    if (now >= this.inbox.nextAt && await this.readInbox()) return "again";
    const until = Math.min(this.inbox.nextAt, this.waitingSince + limit, wake !== void 0 && wake > now ? wake : Number.POSITIVE_INFINITY);
    await Promise.race([clock.sleepUntil(Math.max(until, now + 1)), untilStopped]);
    return "again";
  }
  /** The driver stops: a last look for strays, the last save, what is still in doubt, the result. */
  async finish() {
    const { state } = this;
    const { clock, doubts } = this.opts.ports;
    if (doubts.openDoubts().length > 0 && await takeStrays(doubts, clock, this.feed, this.env.warn)) await this.queue.drain();
    if (this.stopped()) return this.cancelled();
    await this.saver.save(true);
    const inDoubt = doubts.openDoubts();
    if (inDoubt.length > 0) {
      this.env.warn(
        `dispatches whose runs were never seen (${inDoubt.join(", ")}) may still start a run: check the workflow's runs and cancel any that carry these ids`,
        "person"
      );
    }
    if (state.status === "finished" && state.outcome) {
      return this.result(state.outcome.decision, state.outcome.reasonCode, state.outcome.reason);
    }
    if (state.status === "paused") {
      return this.result("paused", state.pause?.reasonCode ?? "paused", state.pause?.reason ?? "waiting for a person");
    }
    const wake = nextWakeAt(state);
    return this.result("continue", "waiting", wake !== void 0 ? `next check due at ${new Date(wake).toISOString()}` : "waiting for runs to finish");
  }
  cancelled() {
    return this.result("continue", "cancelled", `the job was cancelled (${String(this.opts.stop?.reason ?? "stopped")}); nothing was started after it`);
  }
  /** The driver's result; what it says about the last save (the driver stops after it) is what the ledger keeps. */
  result(decision, reasonCode, reason) {
    return { state: this.state, decision, reasonCode, reason, events: this.events, ...this.saver.outcome() };
  }
};

// src/driver/roles.ts
var NO_INBOX = { commandRuns: async () => [] };
var NO_DOUBTS = {
  strayRuns: async () => [],
  openDoubts: () => [],
  watchFor: () => void 0
};
function rolesOf(github, doubts, inbox = NO_INBOX) {
  return { runs: github, reviews: github, doubts, deployments: github, ledger: github, permissions: github, inbox };
}

// src/simulate/clock.ts
var VirtualClock = class {
  t;
  alarm;
  constructor(start) {
    this.t = start;
  }
  now() {
    return this.t;
  }
  /** A sleep that would pass the alarm's time stops there and rings it (once): time never skips a person's command. */
  async sleepUntil(epochMs) {
    const alarm = this.alarm;
    const due = alarm?.due();
    if (alarm && due !== void 0 && due < epochMs) {
      this.alarm = void 0;
      if (due > this.t) this.t = due;
      alarm.ring();
      return;
    }
    if (epochMs > this.t) this.t = epochMs;
  }
  /** Sets (or, undefined, clears) the alarm. */
  setAlarm(alarm) {
    this.alarm = alarm;
  }
  /** Moves time forward by `ms` (a simulated person taking a while to approve). */
  advance(ms) {
    this.t += Math.max(0, ms);
  }
  /** Moves time forward to `epochMs` (never back). */
  advanceTo(epochMs) {
    if (epochMs > this.t) this.t = epochMs;
  }
};

// src/driver/read-runs.ts
function asError(err) {
  return err instanceof Error ? err : new Error(String(err));
}
function readRunsOneByOne(getRun) {
  return (runs) => Promise.all(runs.map(async (run) => ({ run, info: await getRun(run.runId).catch(asError) })));
}

// src/simulate/random.ts
function hash32(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function randomFor(seed, key) {
  return mulberry32(hash32(`${seed}|${key}`))();
}

// src/simulate/github.ts
var SIMULATED_REVIEWER = "simulated-reviewer";
var EmulatedGitHub = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  runs = [];
  deployments = [];
  deploymentByKey = /* @__PURE__ */ new Map();
  /** Last ledger write (kept by reference: serialising thousands of regions per save would dominate the simulation). */
  ledger;
  ledgerWrites = 0;
  byCorrelation = /* @__PURE__ */ new Map();
  async dispatch(request) {
    const existing = this.byCorrelation.get(request.correlationId);
    if (existing) return { runId: existing.id, htmlUrl: this.url(existing.id) };
    const parsed = parseCorrelationId(request.correlationId);
    const approval = parseApprovalCorrelationId(request.correlationId).ok;
    const region = parsed.ok ? parsed.region : "unknown";
    const kind = approval ? "approval" : parsed.ok ? parsed.kind : "deploy";
    const now = this.opts.clock.now();
    const base = this.opts.runMs ?? 18e4;
    const duration = Math.round(base * (0.7 + 0.6 * randomFor(this.opts.seed, `run|${request.correlationId}`)));
    const sc = this.opts.scenario;
    const hung = kind === "deploy" && sc.deployTimeouts.has(region);
    const failed = kind === "deploy" ? sc.deployFailures.has(region) : sc.rollbackFailures.has(region);
    const run = {
      id: 1e3 + this.runs.length,
      request,
      region,
      kind,
      step: parsed.ok ? parsed.step : 0,
      startedAt: now,
      endsAt: hung ? void 0 : now + duration,
      conclusion: failed ? "failure" : "success",
      cancelled: false
    };
    this.runs.push(run);
    this.byCorrelation.set(request.correlationId, run);
    return { runId: run.id, htmlUrl: this.url(run.id) };
  }
  async getRun(runId) {
    const run = this.runs[runId - 1e3];
    if (!run) throw new Error(`run ${runId} not found`);
    const done = run.cancelled || run.endsAt !== void 0 && this.opts.clock.now() >= run.endsAt;
    return {
      id: run.id,
      status: done ? "completed" : run.kind === "approval" ? "waiting" : "in_progress",
      conclusion: done ? run.cancelled ? "cancelled" : run.conclusion : null,
      htmlUrl: this.url(run.id)
    };
  }
  /** Run by run, through getRun (which a test may replace on an object made from this one). */
  readRuns(runs) {
    return readRunsOneByOne((runId) => this.getRun(runId))(runs);
  }
  /** The simulated reviewer approves every approval run (the scenario has no rejections). */
  async reviewsOf(runId) {
    const run = this.runs[runId - 1e3];
    return run?.kind === "approval" && !run.cancelled ? [{ user: SIMULATED_REVIEWER, state: "approved", comment: "simulated approval" }] : [];
  }
  async cancelRun(runId) {
    const run = this.runs[runId - 1e3];
    if (run && !(run.endsAt !== void 0 && this.opts.clock.now() >= run.endsAt)) run.cancelled = true;
  }
  async createDeployment(request) {
    const found = this.deploymentByKey.get(request.key);
    if (found !== void 0) return { deploymentId: found };
    const id = 5e3 + this.deployments.length;
    this.deployments.push({ id, request, statuses: [] });
    this.deploymentByKey.set(request.key, id);
    return { deploymentId: id };
  }
  async setDeploymentStatus(deploymentId, state) {
    this.deployments[deploymentId - 5e3]?.statuses.push(state);
  }
  async loadLedger() {
    return this.ledger ? { state: this.ledger.state } : void 0;
  }
  async saveLedger(_releaseId, write) {
    this.ledger = write;
    this.ledgerWrites += 1;
  }
  async permissionOf() {
    return "admin";
  }
  /** The simulated approver is on every team. */
  async isTeamMember() {
    return true;
  }
  url(id) {
    return `https://github.example/simulate/actions/runs/${id}`;
  }
};

// src/simulate/metrics.ts
var SyntheticMetrics = class {
  constructor(plan, scenario, seed) {
    this.plan = plan;
    this.scenario = scenario;
    this.seed = seed;
  }
  plan;
  scenario;
  seed;
  calls = [];
  recordCalls = false;
  /** `region|gate` pairs whose one gap (scenario no-data-gap) is behind them. */
  gapped = /* @__PURE__ */ new Set();
  async measure(req) {
    if (this.recordCalls) this.calls.push(req);
    const { gate, context } = req;
    const key = `${context.region}|${gate.name}|${context.step.index}|${req.at}`;
    if (this.scenario.noData.has(context.region)) return { kind: "no-data", detail: "simulated: the query returned no series" };
    const gap = `${context.region}|${gate.name}`;
    if (this.scenario.noDataGaps.has(context.region) && !this.gapped.has(gap)) {
      this.gapped.add(gap);
      return { kind: "no-data", detail: "simulated: a gap, the query returned no series once" };
    }
    if (this.scenario.flakyRate > 0 && randomFor(this.seed, `flaky|${key}`) < this.scenario.flakyRate) {
      return { kind: "error", message: "simulated: backend answered 503" };
    }
    const slo = this.plan.gates[gate.name]?.slo;
    if (slo && (gate.query === slo.good || gate.query === slo.total)) return this.sloRead(req, slo, gate.query === slo.good, key);
    const degraded = this.degraded(gate, context);
    const noise = randomFor(this.seed, `value|${key}`) * 2 - 1;
    return { kind: "value", value: valueFor(gate.min, gate.max, degraded, noise, baselineOf(req)), detail: degraded ? "simulated regression" : "simulated" };
  }
  /**
   * One read of an slo gate (driver/measure-slo.ts): 1,000 events a minute over the window read.
   * Healthy regions burn at about 0.2x; slo-burn at 30x in every window; the freeze's period read
   * finds 70% of the budget left, or 3% with budget-exhausted.
   */
  sloRead(req, slo, good, key) {
    const { gate, context } = req;
    const budget = 1 - slo.objective;
    const total = Math.round(1e3 * gate.windowMs / 6e4);
    const freeze = this.plan.freeze;
    const period = freeze !== void 0 && freeze.slo === gate.name && gate.windowMs === freeze.periodMs;
    const from = this.scenario.sloBurns.get(context.region);
    const noise = randomFor(this.seed, `slo|${key}|${gate.windowMs}`) * 2 - 1;
    const ratio = period ? budget * (this.scenario.budgetExhausted ? 0.97 : 0.3) : from !== void 0 && context.step.index >= from ? Math.min(1, budget * (30 + 3 * noise)) : budget * 0.2 * (1 + 0.3 * noise);
    const detail = period && this.scenario.budgetExhausted ? "simulated: budget exhausted" : from !== void 0 ? "simulated slo burn" : "simulated";
    return { kind: "value", value: good ? total * (1 - ratio) : total, detail };
  }
  /** A regression scenario puts the region's first gate of its stage at 1.5x from its step on. */
  degraded(gate, context) {
    const from = this.scenario.regressions.get(context.region);
    const stage = this.plan.stages.find((s) => s.name === context.stage);
    return from !== void 0 && context.step.index >= from && stage?.gates[0] === gate.name;
  }
  /**
   * A comparison gate's range read: a point per step around the provider's `baseline` level (0.02
   * if unset) with seeded noise of +-10 %, the same for a step at every look; a regression scenario
   * puts the region's first gate at 1.5x from its step on. The volume query answers 100 per step,
   * or 0.1 in a quiet region. Scenarios of missing data and flaky backends apply as to instant reads.
   */
  async measureRange(req) {
    const { gate, context } = req;
    if (this.scenario.noData.has(context.region)) return { kind: "no-data", detail: "simulated: the query returned no series" };
    const volume = req.query === gate.minVolume?.query;
    const key = `${context.region}|${gate.name}|${volume ? "volume" : req.query}`;
    if (this.scenario.flakyRate > 0 && randomFor(this.seed, `flaky|${key}|${req.end}`) < this.scenario.flakyRate) {
      return { kind: "error", message: "simulated: backend answered 503" };
    }
    const degraded = this.degraded(gate, context);
    const level = volume ? this.scenario.quiet.has(context.region) ? 0.1 : 100 : (req.provider.type === "synthetic" ? req.provider.baseline : void 0) ?? 0.02;
    const points = [];
    for (let at = req.start; at <= req.end; at += req.stepMs) {
      const noise = randomFor(this.seed, `range|${key}|${at}`) * 2 - 1;
      points.push({ at, value: level * (volume ? 1 : degraded ? 1.5 : 1) * (1 + 0.1 * noise) });
    }
    return { kind: "series", points, missing: 0, detail: degraded && !volume ? "simulated regression (1.5x)" : "simulated" };
  }
};
function baselineOf(req) {
  return req.provider.type === "synthetic" ? req.provider.baseline : void 0;
}
function valueFor(min, max, degraded, noise, baseline) {
  if (max !== void 0 && min !== void 0) {
    const mid = (min + max) / 2;
    const half = (max - min) / 2;
    return degraded ? max + half * (0.5 + 0.25 * noise) + Math.abs(max) * 0.1 + 1e-9 : mid + half * 0.4 * noise;
  }
  if (max !== void 0) {
    const scale = Math.abs(max) || 1;
    if (degraded) return max + scale * (0.5 + 0.2 * noise);
    const healthy = baseline !== void 0 && baseline < max ? baseline : max - scale * 0.5;
    return healthy + scale * 0.2 * noise * 0.5;
  }
  if (min !== void 0) {
    const scale = Math.abs(min) || 1;
    if (degraded) return min - scale * (0.5 + 0.2 * noise);
    const healthy = baseline !== void 0 && baseline > min ? baseline : min + scale * 0.5;
    return healthy + scale * 0.2 * noise * 0.5;
  }
  return baseline ?? 0;
}

// src/simulate/scenario.ts
var SCENARIO_FORMS = [
  "healthy",
  "regression=REGION[@STEP]",
  "no-data=REGION",
  "no-data-gap=REGION",
  "quiet=REGION",
  "deploy-failure=REGION",
  "deploy-timeout=REGION",
  "rollback-failure=REGION",
  "flaky-metrics",
  "reject=STAGE",
  "abort@T",
  "pause@T",
  "resume@T",
  "retry=REGION",
  "slo-burn=REGION[@STEP]",
  "budget-exhausted",
  "override-freeze@T"
];
function emptyScenario() {
  return {
    regressions: /* @__PURE__ */ new Map(),
    noData: /* @__PURE__ */ new Set(),
    quiet: /* @__PURE__ */ new Set(),
    noDataGaps: /* @__PURE__ */ new Set(),
    deployFailures: /* @__PURE__ */ new Set(),
    deployTimeouts: /* @__PURE__ */ new Set(),
    rollbackFailures: /* @__PURE__ */ new Set(),
    flakyRate: 0,
    rejects: /* @__PURE__ */ new Set(),
    commands: [],
    retries: /* @__PURE__ */ new Set(),
    sloBurns: /* @__PURE__ */ new Map(),
    budgetExhausted: false
  };
}
function copyScenario(s) {
  return {
    regressions: new Map(s.regressions),
    noData: new Set(s.noData),
    quiet: new Set(s.quiet),
    noDataGaps: new Set(s.noDataGaps),
    deployFailures: new Set(s.deployFailures),
    deployTimeouts: new Set(s.deployTimeouts),
    rollbackFailures: new Set(s.rollbackFailures),
    flakyRate: s.flakyRate,
    rejects: new Set(s.rejects),
    commands: [...s.commands],
    retries: new Set(s.retries),
    sloBurns: new Map(s.sloBurns),
    budgetExhausted: s.budgetExhausted
  };
}
function endFailuresOf(s, region) {
  s.regressions.delete(region);
  s.noData.delete(region);
  s.quiet.delete(region);
  s.noDataGaps.delete(region);
  s.deployFailures.delete(region);
  s.deployTimeouts.delete(region);
  s.sloBurns.delete(region);
}
var REGION_KINDS = /* @__PURE__ */ new Set([
  "regression",
  "slo-burn",
  "no-data",
  "no-data-gap",
  "quiet",
  "deploy-failure",
  "deploy-timeout",
  "rollback-failure",
  "retry"
]);
var REGION_RE = /^[a-z][a-z0-9-]{0,62}$/;
var TIMED = /^(abort|pause|resume|override-freeze)@(.*)$/;
function addTimed(s, text, name, when2) {
  const afterMs = parseDuration(when2);
  if (afterMs === void 0) return `--scenario '${text}': '${when2}' is not a duration; write ${name}@T with T such as 25m, 2h or 1h30m (after the start)`;
  s.commands.push({ name, afterMs, text });
  s.commands.sort((a, b) => a.afterMs - b.afterMs);
  return void 0;
}
function addReject(s, text, stage, stages) {
  if (stage === "") return `--scenario '${text}' needs a stage: reject=STAGE`;
  if (!stages.has(stage)) return `--scenario '${text}': stage '${stage}' is not in the plan (stages: ${sample([...stages])})`;
  s.rejects.add(stage);
  return void 0;
}
function addScenario(s, text, regions, stages = /* @__PURE__ */ new Set()) {
  if (text === "healthy") return void 0;
  if (text === "budget-exhausted") {
    s.budgetExhausted = true;
    return void 0;
  }
  if (text === "flaky-metrics") {
    s.flakyRate = 0.2;
    return void 0;
  }
  const timed = TIMED.exec(text);
  if (timed) return addTimed(s, text, timed[1], timed[2] ?? "");
  if (text === "reject" || text.startsWith("reject=")) return addReject(s, text, text.slice("reject=".length), stages);
  const eq = text.indexOf("=");
  const kind = eq < 0 ? text : text.slice(0, eq);
  const arg = eq < 0 ? "" : text.slice(eq + 1);
  const bad = `invalid --scenario '${text}'. Expected one of: ${SCENARIO_FORMS.join(", ")}`;
  if (!REGION_KINDS.has(kind)) return bad;
  if (arg === "") return `--scenario '${text}' needs a region: ${kind}=REGION${kind === "regression" || kind === "slo-burn" ? "[@STEP]" : ""}`;
  let region = arg;
  let step = 1;
  if (kind === "regression" || kind === "slo-burn") {
    const m = /^([^@]+)(?:@(\d{1,4}))?$/.exec(arg);
    if (!m) return bad;
    region = m[1] ?? "";
    step = m[2] !== void 0 ? Number(m[2]) : 1;
  } else if (arg.includes("@")) {
    return `--scenario '${text}': only regression and slo-burn take @STEP; write ${kind}=REGION`;
  }
  if (!REGION_RE.test(region)) return bad;
  const steps = regions.get(region);
  if (steps === void 0) return `--scenario '${text}': region '${region}' is not in the plan (regions: ${sample([...regions.keys()])})`;
  if (step < 1 || step > steps) return `--scenario '${text}': ${region} has no step ${step}; its steps are 1 to ${steps}`;
  switch (kind) {
    case "regression":
      s.regressions.set(region, step - 1);
      return void 0;
    case "slo-burn":
      s.sloBurns.set(region, step - 1);
      return void 0;
    case "no-data":
      s.noData.add(region);
      return void 0;
    case "no-data-gap":
      s.noDataGaps.add(region);
      return void 0;
    case "quiet":
      s.quiet.add(region);
      return void 0;
    case "deploy-failure":
      s.deployFailures.add(region);
      return void 0;
    case "deploy-timeout":
      s.deployTimeouts.add(region);
      return void 0;
    case "rollback-failure":
      s.rollbackFailures.add(region);
      return void 0;
    case "retry":
      s.retries.add(region);
      return void 0;
    default:
      return bad;
  }
}
function sample(names, max = 8) {
  return names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")}, ... ${names.length - max} more`;
}

// src/simulate/person.ts
var PERSON_DELAY_MS = 5 * 6e4;
var COMMAND_RUN_IDS = 9e5;
var SimulatedPerson = class {
  /** `scenario` is the simulation's own copy: a retry ends the region's scripted failure in it. */
  constructor(plan, scenario, start, autoApprove) {
    this.plan = plan;
    this.scenario = scenario;
    this.start = start;
    this.autoApprove = autoApprove;
    this.timed = scenario.commands.map((c) => ({ at: start + c.afterMs, name: c.name, scenario: c.text }));
  }
  plan;
  scenario;
  start;
  autoApprove;
  timed;
  retries = [];
  retried = /* @__PURE__ */ new Set();
  /** Stage approvals answered (`stage@requested at`): one answer each, even when the release refuses it. */
  answered = /* @__PURE__ */ new Set();
  fed = [];
  /** Someone the plan lets act: its first approver (a stage's own list first), else a made-up login. */
  who(stage) {
    const own = this.plan.stages.find((s) => s.name === stage)?.approval?.users[0];
    return own ?? this.plan.approvals.users[0] ?? "simulated-approver";
  }
  /** Called for every history entry: a region to retry has settled after its failure. */
  observe(e) {
    const region = e.region;
    if (region === void 0 || !this.scenario.retries.has(region) || this.retried.has(region)) return;
    const settled = e.kind === "region-rolled-back" || e.kind === "rollback-failed" || e.kind === "region-failed" && !this.plan.rollback;
    if (!settled) return;
    this.retried.add(region);
    this.retries.push({ at: e.at + PERSON_DELAY_MS, name: "retry", region, scenario: `retry=${region}` });
  }
  /** When the next action that does not wait for a pause is due (the clock's alarm), if any. */
  nextDue() {
    const times = [...this.timed, ...this.retries].map((a) => a.at);
    return times.length ? Math.min(...times) : void 0;
  }
  /** At a pause: when the person acts next (the approver's answer, or a scripted action), if at all. */
  nextAtPause(state) {
    const answer = this.approverAnswer(state);
    const due = this.nextDue();
    if (answer === void 0) return due;
    return due === void 0 ? answer.at : Math.min(answer.at, due);
  }
  /** The approver's answer to the stage that waits (approve, or reject when the scenario says so). */
  approverAnswer(state) {
    const st = state.stages[state.stage];
    if (st?.phase !== "awaiting-approval" || state.stop || state.pause?.reasonCode !== "stage-approval-required") return void 0;
    if (this.answered.has(`${st.name}@${st.approval?.requestedAt ?? ""}`)) return void 0;
    const reject = this.scenario.rejects.has(st.name);
    if (!reject && !this.autoApprove) return void 0;
    const at = (st.approval?.requestedAt ?? state.now) + PERSON_DELAY_MS;
    return { at, name: reject ? "reject" : "approve", stage: st.name, ...reject ? { scenario: `reject=${st.name}` } : {} };
  }
  /** The events of everything due at `now` (the approver's answer only at a pause), in time order; each is given once. */
  take(now, state, paused) {
    const due = [];
    for (const list of [this.timed, this.retries]) {
      due.push(...list.filter((a) => a.at <= now));
      const later = list.filter((a) => a.at > now);
      list.splice(0, list.length, ...later);
    }
    const answer = paused && state ? this.approverAnswer(state) : void 0;
    if (state && answer && answer.at <= now) {
      this.answered.add(`${answer.stage ?? ""}@${state.stages[state.stage]?.approval?.requestedAt ?? ""}`);
      due.push(answer);
    }
    due.sort((a, b) => a.at - b.at);
    return due.map((a) => this.give(a, now));
  }
  give(a, now) {
    let event;
    if (a.name === "approve" && a.scenario === void 0) {
      event = { type: "approval", at: now, by: this.who(a.stage), decision: "approve", ...a.stage !== void 0 ? { stage: a.stage } : {} };
    } else {
      if (a.name === "retry" && a.region !== void 0) endFailuresOf(this.scenario, a.region);
      event = {
        type: "command",
        at: now,
        by: this.who(a.stage),
        name: a.name,
        ...a.stage !== void 0 ? { stage: a.stage } : {},
        ...a.region !== void 0 ? { region: a.region } : {},
        reason: `simulated: --scenario ${a.scenario ?? a.name}`,
        origin: { runId: COMMAND_RUN_IDS + this.fed.length, attempt: 1 }
      };
    }
    this.fed.push({ action: a, event });
    return event;
  }
  /** Scripted actions never given (the release ended before their time), for the notes. */
  unfed() {
    return [...this.timed, ...this.retries];
  }
};

// src/simulate/run.ts
var SIMULATION_START = Date.UTC(2026, 0, 1, 9, 0, 0);
var HAND_OVER = "simulate: a person gives a command now, and the run carrying it resumes the release";
async function simulateRelease(opts) {
  const clock = new VirtualClock(SIMULATION_START);
  const scenario = copyScenario(opts.scenario);
  const github = new EmulatedGitHub({ clock, scenario, seed: opts.seed });
  const metrics = new SyntheticMetrics(opts.plan, scenario, opts.seed);
  const person = new SimulatedPerson(opts.plan, scenario, SIMULATION_START, opts.autoApprove ?? true);
  const events = [];
  let state;
  let inbox = person.take(clock.now(), void 0, false);
  for (; ; ) {
    const handOver = new AbortController();
    clock.setAlarm({ due: () => person.nextDue(), ring: () => handOver.abort(HAND_OVER) });
    const res = await runRelease({
      plan: opts.plan,
      version: opts.version,
      releaseId: opts.releaseId,
      ref: "refs/heads/main",
      ports: { ...rolesOf(github, NO_DOUBTS), metrics, clock },
      mode: "run",
      ...state ? { state } : {},
      initiator: "simulate",
      inbox,
      pollIntervalMs: 3e4,
      recordEvents: opts.recordEvents ?? true,
      stop: handOver.signal,
      onTransition: (e) => {
        person.observe(e);
        opts.onTransition?.(e);
      }
    });
    clock.setAlarm(void 0);
    for (const ev of res.events) events.push(ev);
    state = res.state;
    if (handOver.signal.aborted) {
      inbox = person.take(clock.now(), res.state, false);
      continue;
    }
    const next = res.decision === "paused" ? person.nextAtPause(res.state) : void 0;
    if (next !== void 0) {
      clock.advanceTo(next);
      inbox = person.take(clock.now(), res.state, true);
      continue;
    }
    return {
      decision: res.decision,
      reasonCode: res.reasonCode,
      reason: res.reason,
      state: res.state,
      events,
      github,
      metrics,
      start: SIMULATION_START,
      person
    };
  }
}

// src/report/observed-range.ts
function num(n, digits = 4) {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(digits)));
}
function judgedBurn(n) {
  const short = n?.burnRateShort;
  const long = n?.burnRateLong;
  return short !== void 0 && long !== void 0 && Number.isFinite(short) && Number.isFinite(long) ? Math.min(short, long) : void 0;
}
function widen(seen, v) {
  return seen ? { lo: Math.min(seen.lo, v), hi: Math.max(seen.hi, v) } : { lo: v, hi: v };
}
function rangeText(seen, digits = 4) {
  return seen.lo === seen.hi ? num(seen.lo, digits) : `${num(seen.lo, digits)}..${num(seen.hi, digits)}`;
}
function limitsText(min, max) {
  return [min !== void 0 ? `min ${num(min)}` : "", max !== void 0 ? `max ${num(max)}` : ""].filter(Boolean).join(", ");
}
var ObservedRanges = class {
  seen = /* @__PURE__ */ new Map();
  add(key, v) {
    this.seen.set(key, widen(this.seen.get(key), v));
  }
  take(key) {
    const r = this.seen.get(key);
    this.seen.delete(key);
    return r;
  }
};

// src/report/region-table.ts
var untouched = (r) => r.phase === "pending" || r.phase === "skipped" && r.touchedSeq === void 0;
function lastRun(r, kind) {
  for (let i = r.runs.length - 1; i >= 0; i--) {
    const run = r.runs[i];
    if (run?.kind === kind) return run;
  }
  return void 0;
}
function servingDeploy(r) {
  for (let i = r.runs.length - 1; i >= 0; i--) {
    const run = r.runs[i];
    if (run?.conclusion !== "success") continue;
    if (run.kind === "rollback") return void 0;
    if (run.kind === "deploy") return run;
  }
  return void 0;
}
var pct = (stage, step) => {
  const t = step === void 0 ? 0 : stage.steps[step]?.traffic;
  return t === void 0 ? "?" : `${t}%`;
};
function servedTraffic(stage, r) {
  if (untouched(r) || r.phase === "rolled-back") return 0;
  const served = servingDeploy(r);
  return served === void 0 ? 0 : stage.steps[served.step]?.traffic ?? 0;
}
function trafficNow(stage, r) {
  if (untouched(r)) return "\u2013";
  if (r.phase === "rolled-back") return "0% (rolled back)";
  const served = servingDeploy(r);
  const now = served === void 0 ? "0%" : `${servedTraffic(stage, r)}%`;
  if (r.phase === "rolling-back") return `${now} \u2192 0%`;
  if (r.rollbackFailed) return `${now} (rollback failed)`;
  if (served?.step === r.step) return now;
  const target = pct(stage, r.step);
  if (r.phase === "deploying") return `${now} \u2192 ${target}`;
  const deploy = lastRun(r, "deploy");
  return deploy && deploy.step === r.step && deploy.done ? `${now} (deploy to ${target} failed)` : now;
}

// src/cli/simulate-format.ts
function relTime(ms) {
  const total = Math.max(0, Math.round(ms / 1e3));
  const h = Math.floor(total / 3600);
  const m = Math.floor(total % 3600 / 60);
  const s = total % 60;
  return `T+${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}
var QUIET = /* @__PURE__ */ new Set(["measurement", "ignored"]);
var PASSED_KINDS = /* @__PURE__ */ new Set([
  "gate-passed",
  "step-passed",
  "region-promoted",
  "stage-completed",
  "stage-approved",
  "region-approved"
]);
function kindStyle(kind) {
  if (/failed|stopped|halted|refused|timeout/.test(kind)) return "failed";
  if (PASSED_KINDS.has(kind)) return "passed";
  if (/awaiting|paused|held|inconclusive|rolled-back|rollback-dispatched/.test(kind)) return "attention";
  if (kind === "measurement" || kind === "ignored") return "dim";
  return void 0;
}
function phaseStyle(phase) {
  if (phase === "failed") return "failed";
  if (phase === "promoted") return "passed";
  if (phase === "rolled-back" || phase === "rolling-back" || phase === "awaiting-approval") return "attention";
  if (phase === "skipped" || phase === "pending") return "dim";
  return void 0;
}
function padded(text, width, style) {
  const pad = " ".repeat(Math.max(0, width - text.length));
  return style ? [span(style, text), pad] : [text + pad];
}
var ProgressFormatter = class {
  constructor(start, verbose, plan) {
    this.start = start;
    this.verbose = verbose;
    this.plan = plan;
  }
  start;
  verbose;
  plan;
  observed = new ObservedRanges();
  burns = new ObservedRanges();
  /** The line for `e` (plain, one line), or undefined when it is not shown at this verbosity. */
  line(e) {
    const row = this.row(e);
    return row && [...row.head, ...row.why].map(partText).join("");
  }
  /** The lines for `e` within `width` columns (the reason wraps), or undefined when it is not shown at this verbosity. */
  lines(e, width) {
    const row = this.row(e);
    return row && fitRow(row.head, row.why, width);
  }
  row(e) {
    const key = `${e.region ?? ""}|${e.step ?? ""}|${e.gate ?? ""}`;
    if (e.kind === "measurement" && e.numbers?.value !== void 0) this.observed.add(key, e.numbers.value);
    const burn = e.kind === "measurement" ? judgedBurn(e.numbers) : void 0;
    if (burn !== void 0) this.burns.add(key, burn);
    if (!this.verbose && (QUIET.has(e.kind) || e.kind === "release-resumed" || e.kind === "cancelled")) return void 0;
    let reason = oneLine(e.reason);
    if ((e.kind === "gate-passed" || e.kind === "gate-failed") && e.gate) {
      reason += this.gateNumbers(e, key);
    }
    if (e.kind === "stage-approved" && e.by) reason += " (simulated approver; --no-auto-approve stops here instead)";
    else if (e.by && !reason.includes(e.by)) reason += ` (by ${e.by})`;
    const step = e.step !== void 0 ? `step ${e.step + 1}` : "-";
    const what = e.gate ? `${e.kind} [${e.gate}]` : e.kind;
    const head = `${relTime(e.at - this.start)}  ${(e.stage ?? "-").padEnd(10)} ${(e.region ?? "-").padEnd(16)} ${step.padEnd(7)} `;
    return { head: [head, ...padded(what, 28, kindStyle(e.kind)), " "], why: [reason] };
  }
  /** `; observed 0.004..0.006 vs max 0.01` for a gate verdict, from the measurements seen and the plan. */
  gateNumbers(e, key) {
    const gate = e.gate ? this.plan?.gates[e.gate] : void 0;
    const lim = e.kind === "gate-passed" ? limitsText(gate?.min ?? e.numbers?.min, gate?.max ?? e.numbers?.max) : "";
    const seen = this.observed.take(key);
    const burns = this.burns.take(key);
    if (burns && gate?.slo)
      return e.kind === "gate-passed" ? ` (burn rate, lower of both windows, observed ${rangeText(burns)} vs factor ${gate.slo.factor})` : "";
    const range = seen ? rangeText(seen) : "";
    const parts = [[range ? `observed ${range}` : "", lim].filter(Boolean).join(" vs ")];
    const errors = e.numbers?.errors ?? 0;
    if (e.kind === "gate-passed" && errors > 0) parts.push(`${plural(errors, "backend error")} retried`);
    const text = parts.filter(Boolean).join("; ");
    return text ? ` (${text})` : "";
  }
};
function progressHeader(width) {
  const head = `${"TIME".padEnd(10)}  ${"STAGE".padEnd(10)} ${"REGION".padEnd(16)} ${"STEP".padEnd(7)} ${"EVENT".padEnd(28)} `;
  return fitRow([span("bold", head)], [span("bold", "WHY")], width);
}
function table(rows, width) {
  const widths = [];
  for (const row of rows) row.forEach((cell, i) => widths[i] = Math.max(widths[i] ?? 0, cell.text.length));
  return rows.flatMap((row) => {
    const head = row.slice(0, -1).flatMap((cell, i) => [...padded(cell.text, widths[i] ?? 0, cell.style), "  "]);
    const last = row[row.length - 1];
    return fitRow(head, last ? [last.style ? span(last.style, last.text) : last.text] : [], width, 2);
  });
}
var PERSON_STOPS = /* @__PURE__ */ new Set(["aborted", "approval-rejected", "rolled-back-by-command"]);
function stoppedWhy(stop) {
  const base = `rolled back: the release stopped (${stop.reasonCode})`;
  return PERSON_STOPS.has(stop.reasonCode) ? `${base}: ${stop.reason}` : base;
}
function personal(state, r, retry, start) {
  if (state.hold && (r.phase === "baking" || r.phase === "deploying")) return `held: paused by ${state.hold.by} (nothing new starts until resume)`;
  return retry ? `retried by ${retry.by ?? "a person"} at ${relTime(retry.at - start)}` : "";
}
function textRegionTable(state, plan, start, width) {
  const rows = [["REGION", "STAGE", "PHASE", "STEP", "TRAFFIC", "FINISHED", "WHY"].map((text) => ({ text, style: "bold" }))];
  const rollbackFailure = /* @__PURE__ */ new Map();
  const retries = /* @__PURE__ */ new Map();
  for (const e of state.history) {
    if (e.kind === "rollback-failed" && e.region) rollbackFailure.set(e.region, e.reason);
    if (e.kind === "command" && e.reasonCode === "retry" && e.region) retries.set(e.region, e);
  }
  for (const stage of plan.stages) {
    for (const name of stage.regions) {
      const r = state.regions[name];
      if (!r) continue;
      const reached = r.phase === "pending" || r.phase === "skipped" && r.touchedSeq === void 0 ? "-" : `${r.step + 1}/${stage.steps.length}`;
      const traffic = reached === "-" ? "-" : trafficNow(stage, r);
      const stopped = r.phase === "rolled-back" && state.stop ? stoppedWhy(state.stop) : "";
      const why = r.rollbackFailed ? [rollbackFailure.get(name) ?? "ROLLBACK FAILED", "needs a person", r.failure ? `the region had failed: ${r.failure.reason}` : ""].filter(Boolean).join("; ") : r.failure?.reason ?? r.skippedReason ?? r.approval?.reason ?? (stopped || personal(state, r, retries.get(name), start));
      const finished2 = r.finishedAt !== void 0 ? relTime(r.finishedAt - start) : "-";
      const cells = [name, stage.name, r.phase, reached, traffic, finished2, oneLine(why)].map((text) => ({ text }));
      cells[2].style = phaseStyle(r.phase);
      rows.push(cells);
    }
  }
  return table(rows, width);
}
var MILESTONES = /* @__PURE__ */ new Set([
  "release-started",
  "stage-awaiting-approval",
  "stage-approved",
  "stage-started",
  "stage-completed",
  "region-promoted",
  "region-failed",
  "region-awaiting-approval",
  "region-approved",
  "rollback-dispatched",
  "region-rolled-back",
  "rollback-failed",
  "release-stopped",
  "release-paused",
  "release-held",
  "release-continued",
  "command",
  "command-refused",
  "release-finished"
]);
function timelineWhy(e) {
  const asks = e.kind.startsWith("release") || e.kind.includes("failed") || e.kind === "region-awaiting-approval" || e.kind.startsWith("command");
  return asks ? e.reason : "";
}
function timeline(state, start, limit = 60, width) {
  const rows = state.history.filter((e) => MILESTONES.has(e.kind)).map((e) => {
    const place = [e.stage, e.region].filter(Boolean).join(" / ");
    const where = e.by !== void 0 && (e.kind === "stage-approved" || e.kind === "region-approved") ? `${place} (by ${oneLine(e.by)})` : place;
    const why = timelineWhy(e);
    return fitRow([`${relTime(e.at - start)}  `, ...padded(e.kind, 24, kindStyle(e.kind)), " "], [[where, oneLine(why)].filter(Boolean).join(": ")], width);
  });
  if (rows.length <= limit) return rows.flat();
  const head = rows.slice(0, limit / 2);
  const tail = rows.slice(rows.length - limit / 2);
  return [...head.flat(), ...fitRow([`  ... ${rows.length - limit} more ...`], [], width), ...tail.flat()];
}

// src/cli/simulate-notes.ts
function refusalOf(f, state) {
  const ev = f.event;
  if (ev.type !== "command" && ev.type !== "approval") return void 0;
  const runId = ev.origin?.runId;
  return state.history.find(
    (h) => h.kind === "command-refused" && runId !== void 0 && h.numbers?.runId === runId || h.kind === "ignored" && h.by === ev.by && h.at === ev.at && /^(approval|command) ignored/.test(h.reason)
  );
}
function ending(result) {
  const { state, start } = result;
  return state.outcome ? `the release finished (${state.outcome.decision}) at ${relTime(state.outcome.at - start)}` : `the simulation stopped at ${relTime(state.now - start)} (${result.decision})`;
}
function personNotes(scenario, result) {
  const { person, state, start } = result;
  const notes = [];
  const unfed = person.unfed();
  for (const a of unfed) notes.push(`--scenario ${a.scenario ?? a.name} had no effect: ${ending(result)}, before its time ${relTime(a.at - start)}`);
  const given = /* @__PURE__ */ new Set([...person.fed.map((f) => f.action.scenario), ...unfed.map((a) => a.scenario)]);
  for (const stage of scenario.rejects)
    if (!given.has(`reject=${stage}`))
      notes.push(
        `--scenario reject=${stage} had no effect: stage ${stage} never waited for an approval (the plan asks for none, or the release ended before it)`
      );
  for (const region of scenario.retries)
    if (!given.has(`retry=${region}`))
      notes.push(`--scenario retry=${region} had no effect: ${region} never failed; combine it with a failure, e.g. --scenario deploy-failure=${region}`);
  for (const f of person.fed) {
    const refused2 = f.action.scenario !== void 0 ? refusalOf(f, state) : void 0;
    if (refused2) notes.push(`--scenario ${f.action.scenario} was refused (${refused2.reasonCode}): ${oneLine(refused2.reason)}`);
  }
  return notes;
}

// src/cli/simulate.ts
var USAGE = `usage: progressive-release simulate <plan> [--version v] [--scenario S]... [--seed n] [--json] [--quiet] [--verbose] [--no-auto-approve]
  scenarios: ${SCENARIO_FORMS.join(" | ")}
  exit codes: 0 promoted, 1 invalid plan, 2 bad usage, 3 paused, 4 failed, 5 rolled back`;
var HELP = `${USAGE}

Runs the whole release in memory: an emulated GitHub (deploy runs finish after a simulated
time), synthetic metrics around each gate's threshold (seeded noise) and a virtual clock.
  --scenario S        what goes wrong; repeat to combine. STEP is 1-based, as printed ("step 2"):
                        healthy                    nothing (the default)
                        regression=REGION[@STEP]   its stage's first gate degrades there from STEP on (default 1)
                        no-data=REGION             its queries return no series (the gate's onNoData applies; persisting, it rolls back)
                        no-data-gap=REGION         its first query of each gate returns no series, later ones answer
                        deploy-failure=REGION      its deploy run concludes failure
                        deploy-timeout=REGION      its deploy run never finishes (deploy.timeout trips)
                        rollback-failure=REGION    its rollback run fails (only matters if it is rolled back)
                        flaky-metrics              1 in 5 measurements is a backend error
                        slo-burn=REGION[@STEP]     its slo gates burn the error budget at ~30x in both windows from STEP on
                        budget-exhausted           the freeze finds 3% of the error budget left: nothing starts (exit 3)
                      what a person does (the simulated person: the plan's first approver). T is a
                      duration after the start, as in the plan (25m, 1h30m):
                        reject=STAGE               reject STAGE's approval instead of approving it (the release stops, touched regions roll back)
                        abort@T                    abort the release at T (every touched region rolls back)
                        pause@T                    pause at T: nothing new starts (exit 3 unless a resume follows)
                        resume@T                   resume a paused release at T
                        override-freeze@T          override the release freeze at T (recorded with who and when)
                        retry=REGION               retry REGION once, 5m after it failed and was rolled back; its scripted
                                                   failure was transient and does not happen again (with deploy-failure=REGION)
  --version v         what is released (default 1.0.0)
  --seed n            noise and run durations (default 1); the same seed gives the same output
  --json              the final decision, reason and state (with its history) as JSON
  --quiet             no progress lines; only the region table, timeline and verdict
  --verbose           also every individual measurement, and events the core ignored (an answer that no
                      longer fits, e.g. a deploy run finishing after its region began rolling back)
  --no-auto-approve   stop (exit 3) at the first stage approval instead of approving as a simulated person
                      (a reject=STAGE still rejects that stage)
`;
var options = {
  version: { type: "string", expects: "a value, e.g. --version 1.4.2" },
  scenario: { type: "string", multiple: true, expects: `a value: ${SCENARIO_FORMS.join(" | ")}` },
  seed: { type: "string", expects: "a value: a non-negative integer, e.g. --seed 42" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  verbose: { type: "boolean" },
  "no-auto-approve": { type: "boolean" }
};
var simulateCliCommand = {
  spec: { name: "simulate", options, takesPlan: true },
  usage: USAGE,
  help: HELP,
  run: async ({ plan: file, values }, io) => {
    const seedText = values.seed ?? "1";
    if (!/^\d{1,9}$/.test(seedText)) throw new UsageError(`invalid --seed '${seedText}'. Expected a non-negative integer, e.g. --seed 42`);
    return simulate(
      {
        plan: file,
        version: values.version ?? "1.0.0",
        scenarios: values.scenario,
        seed: Number(seedText),
        json: values.json,
        quiet: values.quiet,
        verbose: values.verbose,
        autoApprove: !values["no-auto-approve"]
      },
      io
    );
  }
};
async function simulateCommand(argv, io = defaultIO) {
  return runCommand(simulateCliCommand, argv, io);
}
async function simulate(args, io) {
  const loaded = loadPlanFile(args.plan);
  writeLines(io, loaded.diagnostics.map(formatDiagnostic), 4, "err");
  const plan = loaded.plan;
  if (!plan) {
    const errors = loaded.diagnostics.filter((d) => d.severity === "error").length;
    io.err(`${args.plan}: ${plural(errors, "error")}; nothing simulated
`);
    return SIMULATE_EXIT_CODES["invalid-plan"];
  }
  const scenario = emptyScenario();
  const regions = new Map(plan.stages.flatMap((s) => s.regions.map((r) => [r, s.steps.length])));
  const stages = new Set(plan.stages.map((s) => s.name));
  for (const text of args.scenarios) {
    const err = addScenario(scenario, text, regions, stages);
    if (err) throw new UsageError(err);
  }
  const releaseId = releaseIdOf(plan.name, args.version);
  const human = !args.json;
  const start = SIMULATION_START;
  const progress = new ProgressFormatter(start, args.verbose, plan);
  if (human) {
    writeLines(io, [`Simulating ${releaseId}: ${planSize(plan)}; emulated GitHub, synthetic metrics, virtual clock (seed ${args.seed}). Nothing is deployed.`]);
    if (!args.quiet) writeLines(io, progressHeader(io.width), 0);
  }
  const result = await simulateRelease({
    plan,
    version: args.version,
    releaseId,
    scenario,
    seed: args.seed,
    autoApprove: args.autoApprove,
    recordEvents: false,
    ...human && !args.quiet ? {
      onTransition: (e) => {
        const lines = progress.lines(e, io.width);
        if (lines) writeLines(io, lines, 0);
      }
    } : {}
  });
  const notes = [...unusedScenarios(scenario, result.state), ...personNotes(scenario, result)];
  writeLines(
    io,
    notes.map((note) => `note: ${note}`),
    6,
    "err"
  );
  printOutcome(result, args, plan, io);
  return SIMULATE_EXIT_CODES[result.decision];
}
var DECISION_STYLE = {
  promoted: "passed",
  paused: "attention",
  failed: "failed",
  continue: "failed",
  "rolled-back": "failed"
};
function printOutcome(result, args, plan, io) {
  const start = result.start;
  if (args.json) {
    io.out(`${JSON.stringify({ decision: result.decision, reasonCode: result.reasonCode, reason: result.reason, state: result.state }, null, 2)}
`);
  } else {
    const elapsed = result.state.now - start;
    const bold = (title) => styled(span("bold", title));
    writeLines(io, ["", bold("Regions"), ...textRegionTable(result.state, plan, start, io.width), "", bold("Timeline")]);
    writeLines(io, [...timeline(result.state, start, 60, io.width), ""], 0);
    const verdict = styled(
      span(DECISION_STYLE[result.decision], `${result.decision.toUpperCase()} (${result.reasonCode})`),
      ` after ${formatDuration(elapsed)} of simulated time: ${oneLine(result.reason)}`
    );
    const after = [verdict];
    if (args.scenarios.every((t) => t === "healthy") && result.decision === "promoted") {
      const example = plan.stages[plan.stages.length > 1 ? 1 : 0]?.regions[0] ?? "REGION";
      const steps = plan.stages.find((st) => st.regions.includes(example))?.steps.length ?? 1;
      after.push(`Next: watch a gate fail and a rollback with --scenario regression=${example}${steps > 1 ? "@2" : ""}; --help lists every scenario.`);
    }
    if (result.decision === "paused") after.push(pausedHint(result.reasonCode));
    writeLines(io, after);
  }
}
function unusedScenarios(s, state) {
  const notes = [];
  const rolledBack = new Set(state.history.filter((h) => h.kind === "rollback-dispatched").map((h) => h.region));
  for (const region of s.rollbackFailures) {
    if (!rolledBack.has(region))
      notes.push(
        `--scenario rollback-failure=${region} had no effect: no rollback of ${region} was needed. Combine it with a failure that triggers one, e.g. --scenario regression=${region}`
      );
  }
  const parts = [
    ["regression", s.regressions.keys()],
    ["no-data", s.noData],
    ["no-data-gap", s.noDataGaps],
    ["quiet", s.quiet],
    ["deploy-failure", s.deployFailures],
    ["deploy-timeout", s.deployTimeouts]
  ];
  const readByFreeze = new Set(state.history.filter((h) => h.kind === "release-frozen" || h.kind === "freeze-lifted").map((h) => h.region));
  for (const [kind, regions] of parts) {
    for (const region of regions) {
      const r = state.regions[region];
      if (kind.startsWith("no-data") && readByFreeze.has(region)) continue;
      if (r && r.touchedSeq === void 0) notes.push(`--scenario ${kind}=${region} had no effect: ${region} ${r.skippedReason ?? "never started"}`);
    }
  }
  return notes;
}
function pausedHint(reasonCode) {
  if (reasonCode === "stage-approval-required") {
    return "A person decides now: approve (the stage starts) or reject (the release stops and every touched region is rolled back). simulate stops here (--no-auto-approve; --scenario reject=STAGE rejects instead).";
  }
  if (reasonCode === "error-budget-exhausted" || reasonCode === "error-budget-unknown")
    return "The release freeze holds it: no stage starts until the error budget is read at or above the floor (read again by itself every few minutes, and on every resume) or a person gives override-freeze (recorded with who and when). simulate stops here (--scenario override-freeze@T overrides it at T).";
  if (reasonCode === "held")
    return "The release is held by a pause command; resume lets new steps start again. simulate stops here (--scenario resume@T resumes it at T).";
  return "A person decides now: approve (the bake goes on) or reject (the region fails and the failure budget applies). simulate stops here.";
}
export {
  pausedHint,
  simulateCliCommand,
  simulateCommand,
  unusedScenarios
};
