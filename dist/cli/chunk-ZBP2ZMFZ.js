import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  assessObservation,
  correlationId
} from "./chunk-FYSTVG57.js";
import {
  JOB_SUMMARY_BYTES,
  fitSummary,
  formatDiagnostic,
  guardLog,
  htmlText,
  loadPlanFile,
  oneLine,
  releaseIdOf,
  truncate
} from "./chunk-W55Y2TW2.js";
import {
  collectSecrets,
  messageOf
} from "./chunk-ZUDVBQ6V.js";
import {
  contextValues,
  formatDuration,
  gateTemplates,
  renderFor,
  renderTemplate,
  unsafeTemplateValues
} from "./chunk-E5G76ZYS.js";

// src/runner/io.ts
import { access, appendFile, constants, writeFile } from "node:fs/promises";
import { EOL } from "node:os";
function toCommandValue(input) {
  if (input === null || input === void 0) return "";
  if (typeof input === "string" || input instanceof String) return String(input);
  return JSON.stringify(input);
}
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function commandLine(command, properties, message) {
  let line = `::${command}`;
  const entries = Object.entries(properties);
  if (entries.length > 0) {
    line += " ";
    let first = true;
    for (const [key, val] of entries) {
      if (!val) continue;
      if (!first) line += ",";
      first = false;
      line += `${key}=${escapeProperty(val)}`;
    }
  }
  return `${line}::${escapeData(message)}`;
}
function issueCommand(command, properties, message) {
  process.stdout.write(commandLine(command, properties, message) + EOL);
}
function info(message) {
  process.stdout.write(guardLog(message).split("\n").join(EOL) + EOL);
}
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
async function appendSummary(markdown, options = {}) {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) throw new Error("Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.");
  try {
    await access(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
  }
  await (options.overwrite ? writeFile : appendFile)(file, markdown, { encoding: "utf8" });
}
var Summary = class {
  buffer = "";
  /** Adds text, and a line end when `addEOL`. */
  addRaw(text, addEOL = false) {
    this.buffer += text;
    if (addEOL) this.buffer += EOL;
    return this;
  }
  /** Appends the buffer to the summary file and empties it. */
  async write(options = {}) {
    await appendSummary(this.buffer, options);
    this.buffer = "";
    return this;
  }
};
var summary = new Summary();

// src/metrics/preflight-report.ts
function contextOf(plan, o, stage, region, step, traffic, window) {
  return { releaseId: o.releaseId, version: o.version, stage, region, step: { index: step, traffic }, ...window !== void 0 ? { window } : {}, vars: plan.variables };
}
async function pool(tasks, limit) {
  const out = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  }));
  return out;
}
async function preflight(plan, o) {
  const unsafe = unsafeTemplateValues(plan, o.version);
  const planned = [];
  const dispatches = [];
  const fakeState = { releaseId: o.releaseId };
  for (const stage of plan.stages) {
    for (const region of stage.regions) {
      stage.steps.forEach((step, index) => {
        const dctx = { ...contextOf(plan, o, stage.name, region, index, step.traffic), correlationId: correlationId(fakeState, region, "deploy", index) };
        const values = contextValues(dctx);
        const inputs = {};
        for (const [k, v] of Object.entries(plan.deploy.inputs)) {
          try {
            inputs[k] = renderTemplate(v, values);
          } catch (err) {
            inputs[k] = `<error: ${messageOf(err)}>`;
          }
        }
        dispatches.push({ stage: stage.name, region, step: index, traffic: step.traffic, workflow: plan.deploy.workflow, ref: plan.deploy.ref ?? o.ref, inputs });
        for (const gateName of stage.gates) {
          const gate = plan.gates[gateName];
          const provider = gate ? plan.providers[gate.provider] : void 0;
          if (!gate || !provider) continue;
          const context = contextOf(plan, o, stage.name, region, index, step.traffic, formatDuration(gate.windowMs));
          let request;
          try {
            request = gateTemplates(gate, provider).map((t) => `${t.field === "query" ? "" : `${t.field}: `}${renderFor(t.language, t.text, contextValues(context))}`).join("\n") || "(no template)";
          } catch (err) {
            request = `<cannot render: ${messageOf(err)}>`;
          }
          planned.push({
            gate: gateName,
            provider: provider.name,
            stage: stage.name,
            region,
            step: index,
            traffic: step.traffic,
            request,
            key: `${provider.name}\0${request}`,
            run: () => o.metrics.measure({ gate, provider, context, at: o.at })
          });
        }
      });
    }
  }
  const firstByKey = /* @__PURE__ */ new Map();
  planned.forEach((p, i) => firstByKey.has(p.key) || firstByKey.set(p.key, i));
  const unique = [...firstByKey.values()];
  const answers = await pool(unique.map((i) => planned[i].run), o.concurrency ?? 8);
  const byKey = new Map(unique.map((i, n) => [planned[i].key, answers[n]]));
  const checks = planned.map(({ key, run: _run, ...p }) => {
    const observation = byKey.get(key);
    const gate = plan.gates[p.gate];
    const v = gate ? assessObservation(observation, gate) : { phase: "error", reasonCode: "no-gate", reason: "gate not in plan" };
    const evaluable = observation.kind === "value" ? Number.isFinite(observation.value) : observation.kind === "no-data" && (gate?.onNoData === "pass" || gate?.onNoData === "fail");
    return { ...p, observation, verdict: { phase: v.phase, reasonCode: v.reasonCode, reason: v.reason }, evaluable };
  });
  return { plan: plan.file, version: o.version, releaseId: o.releaseId, at: o.at, checks, dispatches, unsafe, ok: unsafe.length === 0 && checks.every((c) => c.evaluable) };
}
function obsText(o) {
  if (o.kind === "value") return `value ${o.value}${o.detail ? ` (${oneLine(o.detail)})` : ""}`;
  if (o.kind === "no-data") return `no data: ${oneLine(o.detail)}`;
  return `error: ${oneLine(o.message)}`;
}
function formatPreflight(r) {
  const lines = [`pre-flight of ${r.plan} for version ${r.version} (release ${r.releaseId}) at ${new Date(r.at).toISOString()}; nothing is dispatched`, ""];
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
    for (const [key, { count, first }] of causes) lines.push(`${String(count).padStart(4)} check(s): ${key} (first: ${first.gate} @ ${first.stage}/${first.region} step ${first.step + 1})`);
  }
  lines.push("", r.ok ? `ready: all ${r.checks.length} gate check(s) can be evaluated` : `NOT READY: ${bad} of ${r.checks.length} gate check(s) cannot be evaluated${r.unsafe.length ? `, ${r.unsafe.length} unsafe template value(s)` : ""}`);
  if (!r.ok && r.checks.some((c) => c.observation.kind === "no-data" && c.request.includes(r.version))) {
    lines.push(`note: queries that filter on the version (${r.version}) have no data before it is deployed; pass --version of a release that is live to check them`);
  }
  return lines.join("\n");
}

// src/metrics/registry.ts
var loadPrometheus = () => import("./chunk-ICRGK5U2.js");
var loadDatadog = () => import("./chunk-A5YYTBFD.js");
var loadHttpJson = () => import("./chunk-EP62TSPZ.js");
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

// src/metrics/preflight.ts
var PREFLIGHT_VERSION = "preflight";
var USAGE = "usage: progressive-release plan <plan> [--version V] [--ref REF] [--json] [--workflows DIR | --no-workflows]";
function parseArgs(argv) {
  let plan;
  const args = { version: PREFLIGHT_VERSION, ref: "HEAD", json: false, load: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    const value = (name) => a.startsWith(`${name}=`) ? a.slice(name.length + 1) : a === name ? argv[++i] : void 0;
    if (a === "--json") args.json = true;
    else if (a === "--no-workflows") args.load.workflowsDir = false;
    else if (a === "--version" || a.startsWith("--version=")) {
      const v = value("--version");
      if (!v) return "--version needs a value, e.g. --version v1.4.2";
      args.version = v;
    } else if (a === "--ref" || a.startsWith("--ref=")) {
      const v = value("--ref");
      if (!v) return "--ref needs a value, e.g. --ref main";
      args.ref = v;
    } else if (a === "--workflows" || a.startsWith("--workflows=")) {
      const v = value("--workflows");
      if (!v) return "--workflows needs a folder, e.g. --workflows .github/workflows";
      args.load.workflowsDir = v;
    } else if (a.startsWith("-")) return `unknown option '${a}' for plan`;
    else if (plan === void 0) plan = a;
    else return `plan takes one plan file; got '${plan}' and '${a}'`;
  }
  if (plan === void 0) return "plan needs the path of a release plan, e.g. progressive-release plan .github/release-plan.yml";
  return { plan, ...args };
}
async function runPreflight(file, version, ref, load, env, opts) {
  const loaded = loadPlanFile(file, load);
  const diagnostics = loaded.diagnostics.map(formatDiagnostic);
  if (!loaded.plan) return { diagnostics };
  const metrics = createMetricsPort(loaded.plan, env, { setSecret: opts.setSecret, ...opts.fetch ? { fetch: opts.fetch } : {} });
  const report = await preflight(loaded.plan, { version, releaseId: releaseIdOf(loaded.plan.name, version), ref, metrics, at: opts.now });
  return { report, diagnostics };
}
async function planCommand(argv, io = {}) {
  const out = io.out ?? ((t) => void process.stdout.write(guardLog(t)));
  const err = io.err ?? ((t) => void process.stderr.write(guardLog(t)));
  const args = parseArgs(argv);
  if (typeof args === "string") {
    err(`progressive-release plan: ${args}
${USAGE}
`);
    return 2;
  }
  const { report, diagnostics } = await runPreflight(args.plan, args.version, args.ref, args.load, io.env ?? process.env, { ...io.fetch ? { fetch: io.fetch } : {}, setSecret: () => {
  }, now: (io.now ?? Date.now)() });
  if (!report) {
    if (args.json) out(`${JSON.stringify({ ok: false, diagnostics }, null, 2)}
`);
    else out(`${diagnostics.join("\n")}
${args.plan}: invalid plan; fix it before a pre-flight
`);
    return 1;
  }
  if (args.json) out(`${JSON.stringify({ ...report, diagnostics }, null, 2)}
`);
  else out(`${diagnostics.length ? `${diagnostics.join("\n")}
` : ""}${formatPreflight(report)}
`);
  return report.ok ? 0 : 1;
}
function preflightSummary(report) {
  const escaped = report.split("\n").map(htmlText).join("\n");
  return `<h2>Release pre-flight</h2>
<pre><code>${fitSummary(escaped, JOB_SUMMARY_BYTES - 100, "the full report is in the log")}</code></pre>
`;
}
async function planMode(settings, deps = {}) {
  const version = settings.version ?? PREFLIGHT_VERSION;
  const load = settings.workflowsDir !== void 0 ? { workflowsDir: settings.workflowsDir } : {};
  const { report, diagnostics } = await runPreflight(settings.plan, version, settings.ref ?? process.env.GITHUB_REF ?? "HEAD", load, deps.env ?? process.env, { ...deps.fetch ? { fetch: deps.fetch } : {}, setSecret: (v) => setSecret(v), now: (deps.now ?? Date.now)() });
  if (!report) {
    return { decision: "invalid", reasonCode: "plan-invalid", details: { diagnostics }, failed: `release plan ${settings.plan} is invalid: ${diagnostics.length} problem(s)` };
  }
  const text = formatPreflight(report);
  info(text);
  if (process.env.GITHUB_STEP_SUMMARY) await appendSummary(preflightSummary(text));
  const notEvaluable = report.checks.filter((c) => !c.evaluable).length;
  const outcome = {
    decision: report.ok ? "ready" : "not-ready",
    reasonCode: report.ok ? "preflight-ok" : report.unsafe.length ? "unsafe-template-value" : "gate-not-evaluable",
    releaseId: report.releaseId,
    details: { checks: report.checks.slice(0, 200), dispatches: report.dispatches.slice(0, 200), unsafe: report.unsafe }
  };
  if (!report.ok) outcome.failed = `pre-flight: ${notEvaluable} gate check(s) cannot be evaluated${report.unsafe.length ? `, ${report.unsafe.length} unsafe template value(s)` : ""}`;
  return outcome;
}
export {
  PREFLIGHT_VERSION,
  planCommand,
  planMode,
  preflightSummary
};
