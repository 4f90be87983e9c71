import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/plan/ids.ts
import { createHash } from "node:crypto";
var RELEASE_ID_MAX = 200;
var RELEASE_ID_SHOWN_MAX = 140;
var RELEASE_ID_CHARS = /^[A-Za-z0-9._-]+$/;
function releaseIdOf(planName, version) {
  const clean = (s) => s.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  const name = clean(planName) || "release";
  let v = clean(version);
  const changed = v !== version || v.length > 64 || name !== planName;
  if (v.length > 64) v = v.slice(0, 64);
  const base = v ? `${name}-${v}` : name;
  if (!changed) return base;
  const hash = createHash("sha256").update(`${planName}\0${version}`).digest("hex").slice(0, 8);
  return `${base}-${hash}`;
}
function isReleaseId(text, max = RELEASE_ID_MAX) {
  return text.length >= 1 && text.length <= max && RELEASE_ID_CHARS.test(text);
}
function parseReleaseId(text, field = "release") {
  if (isReleaseId(text)) return { ok: true, releaseId: text };
  return { ok: false, message: `Invalid ${field} '${text}'. Expected a release id such as shop-1.4.2 (letters, digits, '.', '_' and '-').` };
}
var CORRELATION_ID = /^(.*):([a-z][a-z0-9-]*):(deploy|rollback):(\d+)(?::retry([1-9]\d*))?$/;
var ID_WORD_CHARS = "A-Za-z0-9_.:-";
function correlationId(releaseId, region, kind, step, attempt = 0) {
  const base = `${releaseId}:${region}:${kind}:${step}`;
  return Number.isInteger(attempt) && attempt > 0 ? `${base}:retry${attempt}` : base;
}
function parseCorrelationId(id) {
  const m = CORRELATION_ID.exec(id);
  if (!m)
    return {
      ok: false,
      message: `Invalid correlation id '${id}'. Expected <release id>:<region>:<deploy|rollback>:<step>[:retry<n>] such as shop-1.4.2:eu-west:deploy:0.`
    };
  return {
    ok: true,
    releaseId: m[1] ?? "",
    region: m[2] ?? "",
    kind: m[3] === "rollback" ? "rollback" : "deploy",
    step: Number(m[4]),
    attempt: m[5] !== void 0 ? Number(m[5]) : 0
  };
}
function approvalCorrelationId(releaseId, stage) {
  return `${releaseId}:${stage}:approval`;
}
function titleCarries(correlation) {
  const escaped = correlation.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const word = new RegExp(`(^|[^${ID_WORD_CHARS}])${escaped}($|[^${ID_WORD_CHARS}])`);
  return (title) => word.test(title);
}
function deploymentKey(releaseId, region) {
  return `${releaseId}:${region}`;
}
var CHECK_RUN_PREFIX = "progressive-release: ";
function checkRunName(releaseId) {
  return `${CHECK_RUN_PREFIX}${releaseId}`;
}
function parseCheckRunName(name) {
  if (name?.startsWith(CHECK_RUN_PREFIX)) return { ok: true, releaseId: name.slice(CHECK_RUN_PREFIX.length) };
  return { ok: false, message: `Invalid check-run name '${name ?? ""}'. Expected '${CHECK_RUN_PREFIX}<release id>' such as '${CHECK_RUN_PREFIX}shop-1.4.2'.` };
}
function commandRunKey(runId, attempt) {
  return `${runId}.${attempt}`;
}
var COMMAND_TITLE_PREFIX = "progressive-release ";
var REASON_MAX = 500;
var TITLE_MARKERS = /(^| )(stage|region|reason)=/;
function reasonProblem(reason) {
  if (reason.length > REASON_MAX || /[\u0000-\u001f\u007f]/.test(reason)) return `one line of at most ${REASON_MAX} printable characters`;
  if (TITLE_MARKERS.test(reason)) return "a sentence without 'stage=', 'region=' or 'reason=' (the run title's own fields)";
  return void 0;
}
var COMMAND_TITLE = /^progressive-release ([a-z][a-z-]*(?::[0-9a-f]{6,64})?) ([A-Za-z0-9._-]{1,200}) stage=(\S*) region=(\S*) reason=(.*)$/s;
function parseCommandTitle(title) {
  if (!title.startsWith(COMMAND_TITLE_PREFIX)) return void 0;
  const m = COMMAND_TITLE.exec(title);
  if (!m)
    return {
      ok: false,
      message: `Invalid command run title '${title.slice(0, 120)}'. Expected '${COMMAND_TITLE_PREFIX}<command> <release id> stage=<stage> region=<region> reason=<text>' (the run-name of workflows-examples/release.yml).`
    };
  const [, command = "", releaseId = "", stage = "", region = "", reason = ""] = m;
  const badReason = reasonProblem(reason.trim());
  if (badReason !== void 0) return { ok: false, message: `Invalid command run title '${title.slice(0, 120)}'. Expected its reason to be ${badReason}.` };
  return {
    ok: true,
    command,
    releaseId,
    ...stage !== "" ? { stage } : {},
    ...region !== "" ? { region } : {},
    ...reason.trim() !== "" ? { reason: reason.trim() } : {}
  };
}

// src/plan/duration.ts
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
var DURATION_PATTERN = "^(\\d+(ms|s|m|h|d))+$";
var DURATION_RE = new RegExp(DURATION_PATTERN);
var PART_RE = /(\d+)(ms|s|m|h|d)/g;
function parseDuration(text) {
  if (!DURATION_RE.test(text)) return void 0;
  let total = 0;
  for (const match of text.matchAll(PART_RE)) {
    const unit = UNIT_MS[match[2] ?? ""];
    if (unit === void 0) return void 0;
    total += Number(match[1]) * unit;
  }
  return total;
}
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return String(ms);
  if (ms === 0) return "0s";
  let rest = Math.round(ms);
  let out = "";
  for (const [unit, size] of [
    ["d", 864e5],
    ["h", 36e5],
    ["m", 6e4],
    ["s", 1e3],
    ["ms", 1]
  ]) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

export {
  DURATION_PATTERN,
  parseDuration,
  formatDuration,
  RELEASE_ID_SHOWN_MAX,
  releaseIdOf,
  isReleaseId,
  parseReleaseId,
  correlationId,
  parseCorrelationId,
  approvalCorrelationId,
  titleCarries,
  deploymentKey,
  checkRunName,
  parseCheckRunName,
  commandRunKey,
  reasonProblem,
  parseCommandTitle
};
