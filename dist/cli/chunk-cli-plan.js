import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  WORKFLOWS_OPTIONS,
  workflowsLoadOptions
} from "./chunk-cli-workflows-option.js";
import {
  assessObservation,
  sloReadRequest
} from "./chunk-core-verdict.js";
import {
  defaultIO,
  fitText,
  formatDiagnostic,
  loadPlanFile,
  noun,
  plural,
  runCommand,
  span,
  styled,
  truncate,
  writeLines
} from "./chunk-cli-args.js";
import {
  collectSecrets
} from "./chunk-metrics-secrets.js";
import {
  contextValues,
  correlationId,
  formatDuration,
  gateTemplates,
  instantRange,
  messageOf,
  oneLine,
  queryLanguage,
  releaseIdOf,
  renderFor,
  renderTemplate,
  templateContext,
  unsafeTemplateValues
} from "./chunk-plan-compare.js";

// src/metrics/preflight-slo.ts
function sloReads(gate, provider, context, windows, metrics, at) {
  const out = [];
  const lang = queryLanguage(provider);
  for (const windowMs of windows) {
    const window = formatDuration(windowMs);
    for (const field of ["good", "total"]) {
      const query = gate.slo[field];
      const ctx = { ...context, window };
      let request;
      try {
        request = lang ? renderFor(lang, query, contextValues(ctx)) : renderTemplate(query, contextValues(ctx));
      } catch (err) {
        request = `<cannot render: ${messageOf(err)}>`;
      }
      const read = sloReadRequest({ gate, provider, context, at }, query, windowMs);
      out.push({ what: `${field} events over ${window}`, request, gate: read.gate, run: () => metrics.measure(read) });
    }
  }
  return out;
}
function sloReadVerdict(what, o, readCode = "slo-read") {
  if (o.kind === "value" && Number.isFinite(o.value)) return { phase: "read", reasonCode: readCode, reason: `${what}: ${o.value}`, evaluable: true };
  if (o.kind === "error") return { phase: "error", reasonCode: "metric-error", reason: `${what}: ${o.message}`, evaluable: false };
  const detail = o.kind === "no-data" ? o.detail : `value is ${String(o.value)}`;
  return { phase: "no-data", reasonCode: "no-data", reason: `${what}: no data (${detail}); never a pass`, evaluable: false };
}
function freezeReads(plan, contextFor, metrics, at) {
  const f = plan.freeze;
  const gate = f ? plan.gates[f.slo] : void 0;
  const provider = gate ? plan.providers[gate.provider] : void 0;
  const first = plan.stages[0];
  const slo = gate?.slo;
  if (!f || !gate || !slo || !provider || !first) return [];
  return (f.regions ?? first.regions).map((region) => ({
    stage: first.name,
    region,
    reads: sloReads({ ...gate, slo }, provider, contextFor(first.name, region), [f.periodMs], metrics, at)
  }));
}

// src/metrics/preflight-compare.ts
function plainGate(gate) {
  const { compare: _compare, minVolume: _minVolume, ...rest } = gate;
  return rest;
}
function instantReadGate(gate, provider, text) {
  const rest = plainGate(gate);
  return queryLanguage(provider) ? { ...rest, query: text } : { ...rest, url: text };
}
function renderRead(read, provider, context) {
  try {
    return gateTemplates(read, provider).map((t) => `${t.field === "query" ? "" : `${t.field}: `}${renderFor(t.language, t.text, contextValues(context))}`).join("\n") || "(no template)";
  } catch (err) {
    return `<cannot render: ${messageOf(err)}>`;
  }
}
function compareReads(gate, provider, context, metrics, at) {
  const own = gate.query ?? gate.url;
  const cmp = gate.compare;
  const baselineRegion = "region" in cmp.baseline ? cmp.baseline.region : void 0;
  const baselineText = "query" in cmp.baseline ? cmp.baseline.query : own;
  const baseline = baselineRegion !== void 0 ? { ...context, region: baselineRegion } : context;
  const reads = [
    { what: baselineRegion !== void 0 ? `baseline ${baselineRegion}` : "baselineQuery", text: baselineText, context: baseline },
    { what: "minVolume of the canary", text: gate.minVolume?.query, context },
    // A baseline of its own query has no region to read a volume for (as the driver reads it).
    { what: `minVolume of baseline ${baselineRegion ?? ""}`, text: baselineRegion !== void 0 ? gate.minVolume?.query : void 0, context: baseline }
  ];
  return reads.flatMap((r) => {
    const text = r.text;
    if (text === void 0) return [];
    const read = instantReadGate(gate, provider, text);
    return [
      {
        what: r.what,
        request: renderRead(read, provider, r.context),
        gate: read,
        run: () => metrics.measure({ gate: read, provider, context: r.context, at })
      }
    ];
  });
}

// src/metrics/preflight-report.ts
async function pool(tasks, limit) {
  const out = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    })
  );
  return out;
}
function readKey(provider, gate, request, counts = false) {
  return [provider, gate.windowMs, gate.reduce ?? "", gate.path ?? "", gate.method, counts, request].join("\0");
}
function readCheck(where, read, o = {}) {
  return {
    ...where,
    request: read.request,
    // An slo or freeze read counts events (sloReadRequest): not the same request as a plain read of that text.
    key: readKey(where.provider, read.gate, read.request, o.counts),
    run: read.run,
    read: o.label ?? read.what,
    ...o.readCode !== void 0 ? { readCode: o.readCode } : {}
  };
}
function gateChecks(plan, o, w) {
  const gate = plan.gates[w.gate];
  const provider = gate ? plan.providers[gate.provider] : void 0;
  if (!gate || !provider) return [];
  const at = { ...w, provider: provider.name };
  if (gate.slo) {
    const base = templateContext(plan, o, w.stage, w.region, w.step, w.traffic);
    return sloReads({ ...gate, slo: gate.slo }, provider, base, [gate.slo.shortMs, gate.slo.longMs], o.metrics, o.at).map(
      (r) => readCheck(at, r, { counts: true })
    );
  }
  const context = {
    ...templateContext(plan, o, w.stage, w.region, w.step, w.traffic, formatDuration(gate.windowMs)),
    range: instantRange(o.at, gate)
  };
  const own = plainGate(gate);
  const request = renderRead(own, provider, context);
  const checks = [
    { ...at, request, key: readKey(provider.name, own, request), run: () => o.metrics.measure({ gate, provider, context, at: o.at }) }
  ];
  if (gate.compare)
    for (const r of compareReads({ ...gate, compare: gate.compare }, provider, context, o.metrics, o.at))
      checks.push(readCheck(at, r, { readCode: "comparison-read" }));
  return checks;
}
async function preflight(plan, o) {
  const unsafe = unsafeTemplateValues(plan, o.version, o.releaseId);
  const planned = [];
  const dispatches = [];
  for (const stage of plan.stages) {
    for (const region of stage.regions) {
      stage.steps.forEach((step, index) => {
        const dctx = {
          ...templateContext(plan, o, stage.name, region, index, step.traffic),
          correlationId: correlationId(o.releaseId, region, "deploy", index)
        };
        const values = contextValues(dctx);
        const inputs = {};
        for (const [k, v] of Object.entries(plan.deploy.inputs)) {
          try {
            inputs[k] = renderTemplate(v, values);
          } catch (err) {
            inputs[k] = `<error: ${messageOf(err)}>`;
          }
        }
        dispatches.push({
          stage: stage.name,
          region,
          step: index,
          traffic: step.traffic,
          workflow: plan.deploy.workflow,
          ref: plan.deploy.ref ?? o.ref,
          inputs
        });
        for (const gateName of stage.gates)
          planned.push(...gateChecks(plan, o, { gate: gateName, stage: stage.name, region, step: index, traffic: step.traffic }));
      });
    }
  }
  const firstTraffic = plan.stages[0]?.steps[0]?.traffic ?? 0;
  for (const f of freezeReads(plan, (st, region) => templateContext(plan, o, st, region, 0, firstTraffic), o.metrics, o.at)) {
    const where = {
      gate: `freeze:${plan.freeze?.slo ?? ""}`,
      provider: plan.gates[plan.freeze?.slo ?? ""]?.provider ?? "",
      stage: f.stage,
      region: f.region,
      step: 0,
      traffic: firstTraffic
    };
    for (const read of f.reads) planned.push(readCheck(where, read, { label: `freeze ${read.what}`, counts: true }));
  }
  const firstByKey = /* @__PURE__ */ new Map();
  planned.forEach((p, i) => firstByKey.has(p.key) || firstByKey.set(p.key, i));
  const unique = [...firstByKey.values()];
  const answers = await pool(
    unique.map((i) => planned[i].run),
    o.concurrency ?? 8
  );
  const byKey = new Map(unique.map((i, n) => [planned[i].key, answers[n]]));
  const checks = planned.map(({ key, run: _run, read, readCode, ...p }) => {
    const observation = byKey.get(key);
    if (read !== void 0) {
      const { evaluable: evaluable2, ...verdict } = sloReadVerdict(read, observation, readCode);
      return { ...p, observation, verdict, evaluable: evaluable2 };
    }
    const gate = plan.gates[p.gate];
    const v = !gate ? { phase: "error", reasonCode: "no-gate", reason: "gate not in plan" } : gate.compare && observation.kind !== "error" ? (
      // A comparison has no threshold for one value: it is judged against its baseline over a bake.
      {
        phase: "look",
        reasonCode: "comparison",
        reason: `compared with ${"region" in gate.compare.baseline ? `baseline ${gate.compare.baseline.region}` : "its baselineQuery"} over the bake, not judged on one value`
      }
    ) : assessObservation(observation, gate);
    const evaluable = observation.kind === "value" ? Number.isFinite(observation.value) : observation.kind === "no-data" && (gate?.onNoData === "pass" || gate?.onNoData === "fail");
    return { ...p, observation, verdict: { phase: v.phase, reasonCode: v.reasonCode, reason: v.reason }, evaluable };
  });
  return {
    plan: plan.file,
    version: o.version,
    releaseId: o.releaseId,
    at: o.at,
    checks,
    dispatches,
    unsafe,
    ok: unsafe.length === 0 && checks.every((c) => c.evaluable)
  };
}
function obsText(o) {
  if (o.kind === "value") return `value ${o.value}${o.detail ? ` (${oneLine(o.detail)})` : ""}`;
  if (o.kind === "no-data") return `no data: ${oneLine(o.detail)}`;
  return `error: ${oneLine(o.message)}`;
}
function formatPreflight(r) {
  const lines = [
    `pre-flight of ${r.plan} for version ${r.version} (release ${r.releaseId}) at ${new Date(r.at).toISOString()}; nothing is dispatched`,
    ""
  ];
  lines.push("GATES");
  for (const c of r.checks) {
    lines.push(`${c.evaluable ? "ok  " : "FAIL"} ${c.gate} @ ${c.stage}/${c.region} step ${c.step + 1} (${c.traffic}%) [${c.provider}]`);
    lines.push(`     request: ${c.request.split("\n").map(oneLine).join("\n              ")}`);
    lines.push(`     answer:  ${obsText(c.observation)}`);
    lines.push(`     today:   ${c.verdict.phase}: ${oneLine(c.verdict.reason)}`);
  }
  if (r.checks.length === 0) lines.push("(no gates are used by any stage)");
  if (r.unsafe.length) {
    lines.push("", "UNSAFE TEMPLATE VALUES");
    for (const u of r.unsafe) lines.push(`FAIL ${u.gate}.${u.field} @ ${u.stage}/${u.region} step ${u.step + 1}: ${oneLine(u.message)}`);
  }
  lines.push("", "DISPATCHES (what each deploy would receive)");
  for (const d of r.dispatches) lines.push(`${d.stage}/${d.region} step ${d.step + 1} (${d.traffic}%): ${d.workflow}@${d.ref} ${JSON.stringify(d.inputs)}`);
  const bad = r.checks.filter((c) => !c.evaluable).length;
  const causes = /* @__PURE__ */ new Map();
  for (const c of r.checks) {
    if (c.evaluable) continue;
    const key = `[${c.provider}] ${obsText(c.observation)}`;
    const seen = causes.get(key);
    if (seen) seen.count += 1;
    else causes.set(key, { count: 1, first: c });
  }
  if (causes.size > 0) {
    lines.push("", "WHY (each distinct answer once)");
    for (const [key, { count, first }] of causes)
      lines.push(`${String(count).padStart(4)} ${noun(count, "check")}: ${key} (first: ${first.gate} @ ${first.stage}/${first.region} step ${first.step + 1})`);
  }
  lines.push(
    "",
    r.ok ? `ready: all ${plural(r.checks.length, "gate check")} can be evaluated` : `NOT READY: ${bad} of ${plural(r.checks.length, "gate check")} cannot be evaluated${r.unsafe.length ? `, ${plural(r.unsafe.length, "unsafe template value")}` : ""}`
  );
  if (!r.ok && r.checks.some((c) => c.observation.kind === "no-data" && c.request.includes(r.version))) {
    lines.push(
      `note: queries that filter on the version (${r.version}) have no data before it is deployed; pass --version of a release that is live to check them`
    );
  }
  return lines.join("\n");
}

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
  const guarded = async (read) => {
    try {
      return bounded(await read());
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

// src/metrics/preflight.ts
var PREFLIGHT_VERSION = "preflight";
async function runPreflight(req) {
  const loaded = loadPlanFile(req.file, req.load);
  const diagnostics = loaded.diagnostics.map(formatDiagnostic);
  if (!loaded.plan) return { diagnostics };
  const metrics = createMetricsPort(loaded.plan, req.env, { setSecret: req.setSecret, ...req.fetch ? { fetch: req.fetch } : {} });
  const report = await preflight(loaded.plan, {
    version: req.version,
    releaseId: releaseIdOf(loaded.plan.name, req.version),
    ref: req.ref,
    metrics,
    at: req.now
  });
  return { report, diagnostics };
}

// src/cli/plan.ts
var HELP = `Usage: progressive-release plan <plan> [--version V] [--ref REF] [--json] [--workflows DIR | --no-workflows]

Runs each gate's query once against its provider (credentials from the environment variables the
plan names) and reports whether it can be evaluated. Nothing is dispatched.
  --version V       what the queries and deploy inputs render {{ version }} with (default: ${PREFLIGHT_VERSION})
  --ref REF         the ref the deploys would be dispatched on (default: HEAD)
  --json            the report as JSON: { ok, checks, dispatches, unsafe, diagnostics, ... }
  --workflows DIR, --no-workflows
                    as for validate

Exit status: 0 every gate can be evaluated, 1 not ready or invalid plan, 2 bad usage.
`;
var options = {
  ...WORKFLOWS_OPTIONS,
  version: { type: "string", expects: "a value, e.g. --version v1.4.2" },
  ref: { type: "string", expects: "a value, e.g. --ref main" },
  json: { type: "boolean" }
};
var VERDICT_WORD = /^(ok|FAIL|ready|NOT READY)(?=[ :])/;
function verdictLine(line) {
  const word = VERDICT_WORD.exec(line)?.[1];
  if (word === void 0) return line;
  return styled(span(word === "ok" || word === "ready" ? "passed" : "failed", word), line.slice(word.length));
}
function planCliCommand(deps) {
  return {
    spec: { name: "plan", options, takesPlan: true },
    usage: HELP.slice(0, HELP.indexOf("\n")),
    help: HELP,
    run: async ({ plan, values }, io) => {
      const load = workflowsLoadOptions(values);
      const { report, diagnostics } = await runPreflight({
        file: plan,
        version: values.version ?? PREFLIGHT_VERSION,
        ref: values.ref ?? "HEAD",
        load,
        env: deps.env,
        ...deps.fetch ? { fetch: deps.fetch } : {},
        setSecret: () => {
        },
        now: (deps.now ?? Date.now)()
      });
      if (!report) {
        if (values.json) io.out(`${JSON.stringify({ ok: false, diagnostics }, null, 2)}
`);
        else io.out(fitText(`${diagnostics.join("\n")}
${plan}: invalid plan; fix it before a pre-flight
`, io.width, 4));
        return 1;
      }
      if (values.json) io.out(`${JSON.stringify({ ...report, diagnostics }, null, 2)}
`);
      else writeLines(io, [...diagnostics, ...formatPreflight(report).split("\n").map(verdictLine)], 5);
      return report.ok ? 0 : 1;
    }
  };
}
async function planCommand(argv, io = {}) {
  const deps = { env: io.env ?? process.env, ...io.fetch ? { fetch: io.fetch } : {}, ...io.now ? { now: io.now } : {} };
  const out = io.out ? { out: io.out, width: io.width } : { out: defaultIO.out, width: defaultIO.width };
  const err = io.err ? { err: io.err, errWidth: io.errWidth } : { err: defaultIO.err, errWidth: defaultIO.errWidth };
  return runCommand(planCliCommand(deps), argv, { ...out, ...err });
}
export {
  planCliCommand,
  planCommand
};
