import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  plural,
  truncate
} from "./chunk-plan-words.js";
import {
  markdownText,
  safeLinkTarget
} from "./chunk-report-untrusted.js";

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

// src/report/duration-text.ts
var UNITS = [
  ["d", 864e5],
  ["h", 36e5],
  ["m", 6e4],
  ["s", 1e3]
];
function durationText(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  let rest = Math.floor(ms / 1e3) * 1e3;
  const parts = [];
  for (const [unit, size] of UNITS) {
    if (parts.length === 2) break;
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.length > 0 ? parts.join(" ") : "0s";
}
function sinceText(at, start) {
  return `+${durationText(Math.max(0, at - start))}`;
}

// src/report/observed-range.ts
function num(n, digits = 4) {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(digits)));
}
var MAX_DIGITS = 17;
function digitsFor(...pairs) {
  const reads = (d2) => pairs.every(([v, limit]) => Math.sign(Number(num(v, d2)) - Number(num(limit, d2))) === Math.sign(v - limit));
  let d = 4;
  while (d < MAX_DIGITS && !reads(d)) d++;
  return d;
}
function numsAgainst(value, limit) {
  const d = digitsFor([value, limit]);
  return [num(value, d), num(limit, d)];
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
function againstLimits(seen, min, max) {
  const d = digitsFor(...min === void 0 ? [] : [[seen.lo, min]], ...max === void 0 ? [] : [[seen.hi, max]]);
  const range = rangeText(seen, d);
  const low = min === void 0 ? "" : seen.lo < min ? `${num(min, d)} > ` : `${num(min, d)} \u2264 `;
  const high = max === void 0 ? "" : seen.hi > max ? ` > ${num(max, d)}` : ` \u2264 ${num(max, d)}`;
  if (min !== void 0 && seen.lo < min && max === void 0) return `${range} < ${num(min, d)}`;
  return `${low}${range}${high}`;
}

// src/report/compare-cell.ts
var fmt = (x) => num(x, 3);
function comparisonNumbers(def, g) {
  const n = g.verdict?.numbers?.canaryN !== void 0 ? g.verdict.numbers : g.compared;
  const cmp = def.compare;
  if (!n || n.canaryN === void 0 || n.canaryN === 0) return "no paired samples";
  const ratio = n.ratio !== void 0 ? `${fmt(n.ratio)}x baseline` : `canary ${fmt(n.canaryMean ?? NaN)} vs baseline ${fmt(n.baselineMean ?? NaN)}`;
  const p = n.p !== void 0 ? ` (p=${fmt(n.p)})` : "";
  const up = cmp?.max !== void 0 && (cmp.min === void 0 || (n.ratio ?? 1) >= 1);
  const factor = n.tolerance ?? (up ? cmp?.max?.factor : cmp?.min?.factor);
  const beyond = g.status === "failed" && g.verdict?.reasonCode === "comparison-failed";
  const op = up ? beyond ? ">" : "\u2264" : beyond ? "<" : "\u2265";
  const bound2 = factor !== void 0 && g.status !== "measuring" && g.status !== "inconclusive" ? ` ${op} ${fmt(factor)}x` : "";
  return `${ratio}${p}${bound2}, n=${n.canaryN}`;
}

// src/report/gate-cell.ts
var MARK = { measuring: "\u23F3", passed: "\u2705", failed: "\u274C", inconclusive: "\u2754" };
function oneGate(plan, name, g, step, inStep) {
  const label = markdownText(name);
  if (!g) return `${label} \u2013`;
  const def = plan.gates[name];
  const older = g.step !== step ? ` (step ${g.step + 1})` : "";
  const mark = g.status === "measuring" && !inStep ? "\u23F9\uFE0F" : MARK[g.status];
  if (def?.compare) {
    const missingSteps = g.missing > 0 ? `, ${plural(g.missing, "step")} without a pair` : "";
    return `${mark} ${label} ${comparisonNumbers(def, g)}${missingSteps}${older}`;
  }
  const missing = g.missing > 0 ? `, ${plural(g.missing, "answer")} without a value` : "";
  if (def?.slo) {
    const burn = g.range ? againstLimits(g.range, void 0, def.slo.factor) : `no value (factor ${num(def.slo.factor)})`;
    return `${mark} ${label} burn rate ${burn}${missing}${older}`;
  }
  const v = g.verdict?.numbers;
  const min = def?.min ?? v?.min;
  const max = def?.max ?? v?.max;
  const range = g.range ?? (v?.value !== void 0 ? { lo: v.value, hi: v.value } : void 0);
  const lim = limitsText(min, max);
  const numbers = range ? againstLimits(range, min, max) : `no value${lim ? ` (${lim})` : ""}`;
  return `${mark} ${label} ${numbers}${missing}${older}`;
}
function briefCell(plan, names, gates, step, inStep) {
  const full = [];
  let passed = 0;
  let earlier = 0;
  let open = 0;
  for (const n of names) {
    const g = gates?.get(n);
    if (g?.status === "failed" || g?.status === "inconclusive" || g?.status === "passed" && g.missing > 0) full.push(oneGate(plan, n, g, step, inStep));
    else if (g?.status === "passed" && g.step === step) passed++;
    else if (g?.status === "passed") earlier++;
    else open++;
  }
  const of = `/${names.length}`;
  return [
    ...full,
    ...passed > 0 ? [`\u2705 ${passed}${of} gates within limits`] : [],
    ...earlier > 0 ? [`\u2705 ${earlier}${of} gates within limits at an earlier step`] : [],
    ...open > 0 ? [`${inStep ? "\u23F3" : "\u23F9\uFE0F"} ${open}${of} gates without a verdict`] : []
  ].join("; ");
}
function gateCell(plan, stage, step, inStep, gates, compact, brief = false) {
  const names = plan.stages[stage]?.gates ?? [];
  if (names.length === 0) return "\u2013";
  if (brief) return briefCell(plan, names, gates, step, inStep);
  const cells = names.map((n) => oneGate(plan, n, gates?.get(n), step, inStep));
  return cells.join(compact ? "; " : "<br>");
}

// src/report/region-table.ts
var PHASE_LABEL = {
  pending: "\u23F3 pending",
  deploying: "\u{1F680} deploying",
  baking: "\u{1F525} baking",
  "awaiting-approval": "\u270B awaiting approval",
  promoted: "\u2705 promoted",
  failed: "\u274C failed",
  "rolling-back": "\u21A9\uFE0F rolling back",
  "rolled-back": "\u21A9\uFE0F rolled back",
  skipped: "\u23ED\uFE0F skipped"
};
var TABLE_HEAD = [
  "| Region | Stage | Step | Traffic now | State | Gates (newest bake vs limits) | Runs | Took | Why |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
];
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
function runLink(run, runStatus, short) {
  const label = run.runId !== void 0 ? `${short ? "" : `${run.kind} `}#${run.runId}` : run.conclusion === NOT_DISPATCHED ? `${run.kind}: not dispatched` : `${run.kind}: dispatching`;
  const href = safeLinkTarget(run.htmlUrl);
  const linked = href ? `[${label}](${href})` : label;
  const live = run.runId !== void 0 && !run.done ? runStatus(run.runId) : void 0;
  const done = run.done && run.conclusion !== void 0 ? ` (${run.conclusion ?? "no conclusion"})` : "";
  return `${linked}${markdownText(live ? ` (${live})` : done)}`;
}
function runsCell(r, o) {
  const deploy = lastRun(r, "deploy");
  const rollback = lastRun(r, "rollback");
  if (o.compact) {
    const newest = r.runs[r.runs.length - 1];
    return newest ? runLink(newest, o.runStatus, o.brief === true) : "\u2013";
  }
  const cells = [deploy, rollback].filter((x) => x !== void 0).map((run) => runLink(run, o.runStatus, false));
  return cells.length > 0 ? cells.join("<br>") : "\u2013";
}
function tookCell(state, r) {
  if (r.startedAt === void 0) return "\u2013";
  const end = r.finishedAt ?? state.now;
  return r.finishedAt === void 0 ? `${durationText(end - r.startedAt)} so far` : durationText(end - r.startedAt);
}
var FAILED = /* @__PURE__ */ new Set(["failed", "rolling-back", "rolled-back"]);
function whyCell(r, news, o) {
  const max = o.brief ? 60 : o.compact ? 120 : 300;
  const latest = news?.latest;
  const cause = FAILED.has(r.phase) ? news?.cause : void 0;
  if (o.compact && !cause && !FAILED.has(r.phase) && !r.approval && !r.skippedReason) return "\u2013";
  if (cause && latest && cause !== latest) return `${markdownText(truncate(cause.reason, max))} \u2192 ${markdownText(truncate(latest.reason, max / 2))}`;
  const text = (cause ?? latest)?.reason ?? r.approval?.reason ?? r.skippedReason;
  return text === void 0 ? "\u2013" : markdownText(truncate(text, max));
}
function regionRows(state, plan, facts, o) {
  const rows = [];
  plan.stages.forEach((stage, index) => {
    for (const name of stage.regions) {
      const r = state.regions[name];
      if (!r) continue;
      const news = facts.regions.get(name);
      const step = untouched(r) ? `\u2013/${stage.steps.length}` : `${r.step + 1}/${stage.steps.length}`;
      const gates = untouched(r) ? "\u2013" : gateCell(plan, index, r.step, isInStep(r.phase), news?.gates, o.compact, o.brief);
      const cells = [
        markdownText(name),
        markdownText(stage.name),
        step,
        trafficNow(stage, r),
        PHASE_LABEL[r.phase],
        gates,
        runsCell(r, o),
        tookCell(state, r),
        whyCell(r, news, o)
      ];
      rows.push({ phase: r.phase, text: `| ${cells.join(" | ")} |` });
    }
  });
  return rows;
}

export {
  durationText,
  sinceText,
  num,
  numsAgainst,
  judgedBurn,
  widen,
  planDigest,
  shortDigest,
  planOutline,
  planPin,
  describeOutlineChanges,
  SCHEMA_VERSION,
  NOT_DISPATCHED,
  STATUS_DESCRIPTION_MAX,
  initialState,
  isInStep,
  isActivePhase,
  TABLE_HEAD,
  servedTraffic,
  regionRows
};
