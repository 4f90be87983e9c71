import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  formatDuration,
  parseDuration,
  releaseIdOf
} from "./chunk-plan-duration.js";

// src/plan/template.ts
var TOKEN_RE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;
var OPEN_RE = /\{\{/g;
var BUILTIN_NAMES = ["region", "stage", "version", "release.id", "step.traffic", "step.index", "window", "correlation.id"];
var RANGE_NAMES = ["start", "end", "step", "start.ms", "end.ms", "step.ms", "start.rfc3339", "end.rfc3339"];
function templateRefs(text) {
  const refs = [];
  const good = /* @__PURE__ */ new Set();
  for (const m of text.matchAll(TOKEN_RE)) {
    refs.push({ name: m[1] ?? "", offset: m.index ?? 0 });
    good.add(m.index ?? 0);
  }
  const malformed = [];
  for (const m of text.matchAll(OPEN_RE)) if (!good.has(m.index ?? 0)) malformed.push(m.index ?? 0);
  return { refs, malformed };
}
function templateContext(plan, release, stage, region, step, traffic, window) {
  return {
    releaseId: release.releaseId,
    version: release.version,
    stage,
    region,
    step: { index: step, traffic },
    ...window !== void 0 ? { window } : {},
    vars: plan.variables
  };
}
function contextValues(ctx) {
  const values = {
    region: ctx.region,
    stage: ctx.stage,
    version: ctx.version,
    "release.id": ctx.releaseId,
    "step.traffic": String(ctx.step.traffic),
    "step.index": String(ctx.step.index)
  };
  if (ctx.window !== void 0) values.window = ctx.window;
  if (ctx.correlationId !== void 0) values["correlation.id"] = ctx.correlationId;
  if (ctx.range !== void 0) Object.assign(values, rangeValues(ctx.range));
  for (const [k, v] of Object.entries(ctx.vars)) values[`vars.${k}`] = v;
  return values;
}
function instantRange(at, gate) {
  return { start: at - gate.windowMs, end: at, stepMs: gate.intervalMs };
}
function rangeValues(range) {
  const { start, end, stepMs } = range;
  return {
    start: String(start / 1e3),
    end: String(end / 1e3),
    step: String(stepMs / 1e3),
    "start.ms": String(start),
    "end.ms": String(end),
    "step.ms": String(stepMs),
    "start.rfc3339": new Date(start).toISOString(),
    "end.rfc3339": new Date(end).toISOString()
  };
}
var TemplateError = class extends Error {
};
function renderTemplate(text, values, escape = (v) => v) {
  return text.replace(TOKEN_RE, (_whole, name) => {
    const value = values[name];
    if (value === void 0) throw new TemplateError(`unknown template variable '{{ ${name} }}'`);
    return escape(value, name);
  });
}

// src/plan/escape.ts
var UnsafeValueError = class extends Error {
  name = "UnsafeValueError";
};
var BARE_TOKEN = /^[A-Za-z0-9_.:]+$/;
var DATADOG_TAG = /^[A-Za-z0-9_.:/-]+$/;
function escapePromqlString(value, quote = '"') {
  let out = "";
  for (const ch of value) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "	") out += "\\t";
    else if (ch < " " || ch === "\x7F") out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out;
}
function escapeUrlComponent(value, name = "value") {
  try {
    return encodeURIComponent(value);
  } catch {
    throw new UnsafeValueError(`{{ ${name} }} is not valid Unicode text and cannot be put in a URL`);
  }
}
function escapeDatadogTag(value, name = "value") {
  if (!DATADOG_TAG.test(value)) {
    throw new UnsafeValueError(`{{ ${name} }} = '${value}' cannot be used in a Datadog query: tag values may only contain letters, digits and _ - : . /`);
  }
  return value.toLowerCase();
}
function quoteAt(text, offsets, language) {
  const wanted = new Set(offsets);
  const out = /* @__PURE__ */ new Map();
  const quotes = language === "promql" ? ['"', "'", "`"] : ['"'];
  let open;
  for (let i = 0; i < text.length; i++) {
    if (wanted.has(i)) out.set(i, open);
    const ch = text[i] ?? "";
    if (open === "#") {
      if (ch === "\n") open = void 0;
    } else if (open !== void 0) {
      if (ch === "\\" && open !== "`") i++;
      else if (ch === open) open = void 0;
    } else if (quotes.includes(ch)) {
      open = ch;
    } else if (ch === "#" && language === "promql") {
      open = "#";
    }
  }
  return out;
}
function bare(value, name, language) {
  if (!BARE_TOKEN.test(value)) {
    throw new UnsafeValueError(
      `{{ ${name} }} = '${value}' is outside a quoted string in a ${language} template, so it must be a plain token (letters, digits, '_', '.', ':'); quote it, e.g. label="{{ ${name} }}"`
    );
  }
  return value;
}
function renderFor(language, text, values) {
  switch (language) {
    case "plain":
      return renderTemplate(text, values);
    case "url":
      return renderTemplate(text, values, (v, name) => escapeUrlComponent(v, name));
    case "datadog":
      return renderTemplate(text, values, (v, name) => escapeDatadogTag(v, name));
    case "promql":
    case "json": {
      const { refs } = templateRefs(text);
      const context = quoteAt(
        text,
        refs.map((r) => r.offset),
        language
      );
      let i = 0;
      return renderTemplate(text, values, (v, name) => {
        const quote = context.get(refs[i++]?.offset ?? -1);
        if (quote === void 0) return bare(v, name, language === "promql" ? "PromQL" : "JSON");
        if (quote === "#") {
          if (/[\r\n]/.test(v)) throw new UnsafeValueError(`{{ ${name} }} contains a line break and sits in a PromQL comment`);
          return v;
        }
        if (quote === "`") {
          if (v.includes("`")) throw new UnsafeValueError(`{{ ${name} }} = '${v}' contains a backtick and sits in a PromQL raw string; use "..." instead`);
          return v;
        }
        if (language === "json") return JSON.stringify(v).slice(1, -1);
        return escapePromqlString(v, quote);
      });
    }
  }
}
function queryLanguage(provider) {
  if (provider.type === "prometheus") return "promql";
  if (provider.type === "datadog") return "datadog";
  return void 0;
}
function gateTemplates(gate, provider) {
  const out = [];
  const lang = queryLanguage(provider);
  if (gate.query !== void 0 && lang) out.push({ field: "query", text: gate.query, language: lang });
  if (gate.slo !== void 0 && lang) {
    out.push({ field: "slo.good", text: gate.slo.good, language: lang }, { field: "slo.total", text: gate.slo.total, language: lang });
  }
  if (provider.type === "http-json") {
    if (gate.url !== void 0) out.push({ field: "url", text: gate.url, language: "url" });
    if (gate.body !== void 0) out.push({ field: "body", text: gate.body, language: "json" });
  }
  const others = [gate.compare && "query" in gate.compare.baseline ? gate.compare.baseline.query : void 0, gate.minVolume?.query];
  for (const text of others) {
    if (text === void 0) continue;
    if (lang) out.push({ field: "query", text, language: lang });
    else if (provider.type === "http-json") out.push({ field: "url", text, language: "url" });
  }
  return out;
}
var RANGE_EXAMPLE_END = Date.UTC(2026, 0, 1, 12, 0, 0);
function unsafeTemplateValues(plan, version = "1.0.0", releaseId = releaseIdOf(plan.name, version)) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const rendered = /* @__PURE__ */ new Set();
  for (const stage of plan.stages) {
    for (const gateName of stage.gates) {
      const gate = plan.gates[gateName];
      const provider = gate ? plan.providers[gate.provider] : void 0;
      if (!gate || !provider) continue;
      const templates = gateTemplates(gate, provider).map((t) => ({ ...t, names: templateRefs(t.text).refs.map((ref) => ref.name) }));
      const window = formatDuration(gate.windowMs);
      for (const region of stage.regions) {
        stage.steps.forEach((step, index) => {
          let values;
          for (const t of templates) {
            values ??= contextValues({
              ...templateContext(plan, { releaseId, version }, stage.name, region, index, step.traffic, window),
              range: instantRange(RANGE_EXAMPLE_END, gate)
            });
            const tried = `${gateName}|${t.field}|${t.names.map((name) => values?.[name] ?? "\0").join("")}`;
            if (rendered.has(tried)) continue;
            rendered.add(tried);
            try {
              renderFor(t.language, t.text, values);
            } catch (err) {
              if (!(err instanceof UnsafeValueError) && !(err instanceof TemplateError)) throw err;
              const key = `${gateName}|${t.field}|${err.message}`;
              if (seen.has(key)) continue;
              seen.add(key);
              out.push({ gate: gateName, field: t.field, stage: stage.name, region, step: index, message: err.message });
            }
          }
        });
      }
    }
  }
  return out;
}

// src/plan/percent.ts
function parsePercent(text) {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (!m) return void 0;
  const n = Number(m[1]);
  return Number.isFinite(n) ? Number((n / 100).toPrecision(15)) : void 0;
}
function formatPercent(fraction) {
  return `${Number((fraction * 100).toPrecision(6))}%`;
}

// src/plan/tolerance.ts
var NUMBER = "(\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?)";
var FORMS = [
  new RegExp(`^baseline(?:\\s*\\*\\s*${NUMBER})?(?:\\s*([-+])\\s*${NUMBER})?$`, "i"),
  new RegExp(`^${NUMBER}\\s*\\*\\s*baseline(?:\\s*([-+])\\s*${NUMBER})?$`, "i")
];
var BOUND_FORM = "'baseline * FACTOR + OFFSET' (e.g. 'baseline * 1.2 + 0.001'; either part may be left out)";
function parseBound(text) {
  const t = text.trim();
  for (const re of FORMS) {
    const m = re.exec(t);
    if (!m) continue;
    const factor = m[1] === void 0 ? 1 : Number(m[1]);
    const sign = m[2] === "-" ? -1 : 1;
    const offset = m[3] === void 0 ? 0 : sign * Number(m[3]);
    if (!Number.isFinite(factor) || !Number.isFinite(offset) || factor <= 0) return void 0;
    return { factor, offset };
  }
  return void 0;
}

// src/plan/compare.ts
var COMPARE_DEFAULTS = {
  judge: "mann-whitney",
  direction: "increase",
  confidence: 0.98,
  minSamples: 10,
  promoteEarly: false
};
function parseConfidence(value) {
  if (value === void 0) return COMPARE_DEFAULTS.confidence;
  if (typeof value === "number") return value > 0.5 && value < 1 ? value : void 0;
  const f = parsePercent(value.trim()) ?? NaN;
  return f > 0.5 && f < 1 ? f : void 0;
}
function boundOf(text, field) {
  if (text === void 0) return void 0;
  const b = parseBound(text);
  if (!b) throw new Error(`internal: compare.${field} '${text}' passed the checks but does not parse`);
  return b;
}
function normalizeComparison(c) {
  const judge = c.judge ?? COMPARE_DEFAULTS.judge;
  const confidence = parseConfidence(c.confidence);
  if (confidence === void 0) throw new Error(`internal: compare.confidence '${String(c.confidence)}' passed the checks but does not parse`);
  const out = {
    baseline: c.baseline !== void 0 ? { region: c.baseline } : { query: c.baselineQuery ?? "" },
    judge,
    direction: c.direction ?? COMPARE_DEFAULTS.direction,
    confidence,
    minSamples: c.minSamples ?? COMPARE_DEFAULTS.minSamples,
    // Sequential looks need a test with an error rate under repeated looks: the ratio judge has none.
    sequential: c.sequential ?? judge === "mann-whitney",
    promoteEarly: c.promoteEarly === void 0 ? COMPARE_DEFAULTS.promoteEarly : c.promoteEarly !== false
  };
  if (typeof c.promoteEarly === "string") {
    const after = parseDuration(c.promoteEarly);
    if (after === void 0) throw new Error(`internal: compare.promoteEarly '${c.promoteEarly}' passed the checks but does not parse`);
    out.promoteEarlyAfterMs = after;
  }
  const max = boundOf(c.max, "max");
  const min = boundOf(c.min, "min");
  const passMax = boundOf(c.passMax, "passMax");
  const passMin = boundOf(c.passMin, "passMin");
  if (max && out.direction !== "decrease") out.max = max;
  if (min && out.direction !== "increase") out.min = min;
  if (passMax && out.max) out.passMax = passMax;
  if (passMin && out.min) out.passMin = passMin;
  return out;
}
var MAX_RANGE_STEPS = 11e3;

export {
  BUILTIN_NAMES,
  RANGE_NAMES,
  templateRefs,
  templateContext,
  contextValues,
  instantRange,
  renderTemplate,
  parsePercent,
  formatPercent,
  BOUND_FORM,
  parseBound,
  COMPARE_DEFAULTS,
  parseConfidence,
  normalizeComparison,
  MAX_RANGE_STEPS,
  escapePromqlString,
  renderFor,
  queryLanguage,
  gateTemplates,
  unsafeTemplateValues
};
