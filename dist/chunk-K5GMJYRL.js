import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/report/untrusted.ts
var LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
var CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
var LEADING_COMMAND = /^([\s\u0085]*)::/;
var OLD_COMMAND = /##\[/g;
function visible(ch) {
  if (ch === "\r\n" || ch === "\n") return "\\n";
  if (ch === "\r") return "\\r";
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
function oneLine(text) {
  return text.replace(LINE_BREAK, visible).replace(CONTROL, visible).replace(/\t/g, " ");
}
function guardLog(text) {
  return text.split(/\r\n|\r|\n/).map((line) => line.replace(CONTROL, visible).replace(LEADING_COMMAND, "$1\\::").replace(OLD_COMMAND, "##\\u005b")).join("\n");
}
var MARKDOWN_SPECIAL = /[\\`*_[\]<>#|~!&$]/g;
function markdownText(text) {
  return text.replace(LINE_BREAK, " ").replace(CONTROL, visible).replace(MARKDOWN_SPECIAL, "\\$&");
}
var HTML_ENTITY = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function htmlText(text) {
  return text.replace(CONTROL, visible).replace(/[&<>"']/g, (c) => HTML_ENTITY[c] ?? c);
}
function safeLinkTarget(url) {
  return url !== void 0 && /^https?:\/\/[^\s()<>[\]`|\\]+$/i.test(url) ? url : void 0;
}
var CODE_SAFE = /^[A-Za-z0-9._:@/-]{1,200}$/;
function markdownCode(text) {
  return CODE_SAFE.test(text) ? `\`${text}\`` : markdownText(text);
}

// src/runner/env.ts
var VIRTUAL_TIME_ENV = "PROGRESSIVE_RELEASE_VIRTUAL_TIME";
var DEFAULT_SERVER_URL = "https://github.com";
var DEFAULT_API_URL = "https://api.github.com";
var REQUIRED = {
  repository: { variable: "GITHUB_REPOSITORY", form: "owner/repo" },
  sha: { variable: "GITHUB_SHA", form: "the commit SHA being released" },
  ref: { variable: "GITHUB_REF", form: "the ref that started the workflow" },
  actor: { variable: "GITHUB_ACTOR", form: "the login of the person who started the workflow" }
};
var RunnerEnvError = class extends Error {
  constructor(variable, message) {
    super(message);
    this.variable = variable;
    this.name = "RunnerEnvError";
  }
  variable;
};
function parseRunnerEnv(env = process.env) {
  const read = (name) => env[name] || void 0;
  const invalid = {};
  const repositoryText = read("GITHUB_REPOSITORY");
  const [owner, repo] = repositoryText?.split("/") ?? [];
  const repository = owner && repo ? { owner, repo } : void 0;
  if (repositoryText !== void 0 && !repository) invalid.repository = `GITHUB_REPOSITORY '${repositoryText}' is not owner/repo`;
  const fields = {
    sha: read("GITHUB_SHA"),
    ref: read("GITHUB_REF"),
    refName: read("GITHUB_REF_NAME"),
    runId: read("GITHUB_RUN_ID"),
    runAttempt: read("GITHUB_RUN_ATTEMPT"),
    job: read("GITHUB_JOB"),
    actor: read("GITHUB_ACTOR"),
    stepSummary: read("GITHUB_STEP_SUMMARY"),
    outputFile: read("GITHUB_OUTPUT"),
    workspace: read("GITHUB_WORKSPACE")
  };
  const runner = {
    serverUrl: read("GITHUB_SERVER_URL") ?? DEFAULT_SERVER_URL,
    apiUrl: read("GITHUB_API_URL") ?? DEFAULT_API_URL,
    virtualTime: env[VIRTUAL_TIME_ENV] === "1",
    invalid,
    ...repository ? { repository } : {}
  };
  for (const [key, value] of Object.entries(fields)) if (value !== void 0) Object.assign(runner, { [key]: value });
  return runner;
}
function runnerValueProblem(runner, key, form = REQUIRED[key].form) {
  if (runner[key] !== void 0) return void 0;
  const { variable } = REQUIRED[key];
  return runner.invalid[key] ?? `Environment variable ${variable} is not set. Expected ${form} (the runner sets it).`;
}
function requireRunnerValue(runner, key, form) {
  const problem = runnerValueProblem(runner, key, form);
  if (problem !== void 0) throw new RunnerEnvError(REQUIRED[key].variable, problem);
  return runner[key];
}
function runUrl(runner, repository) {
  return runner.runId !== void 0 ? `${runner.serverUrl}/${repository.owner}/${repository.repo}/actions/runs/${runner.runId}` : void 0;
}

// src/runner/io.ts
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync } from "node:fs";
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
function toCommandProperties(p) {
  if (!Object.keys(p).length) return {};
  return { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn };
}
function getInput(name) {
  return process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "";
}
function info(message) {
  process.stdout.write(guardLog(message).split("\n").join(EOL) + EOL);
}
function logLine(message) {
  info(oneLine(message));
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function keyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  const converted = toCommandValue(value);
  if (key.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (converted.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${key}<<${delimiter}${EOL}${converted}${EOL}${delimiter}`;
}
function setOutput(name, value) {
  const file = parseRunnerEnv().outputFile;
  if (file) {
    if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
    appendFileSync(file, `${keyValueMessage(name, value)}${EOL}`, { encoding: "utf8" });
    return;
  }
  process.stdout.write(EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = 1;
  error(message);
}
async function appendSummary(markdown, options = {}) {
  const file = parseRunnerEnv().stepSummary;
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

export {
  oneLine,
  markdownText,
  htmlText,
  safeLinkTarget,
  markdownCode,
  RunnerEnvError,
  parseRunnerEnv,
  runnerValueProblem,
  requireRunnerValue,
  runUrl,
  getInput,
  info,
  logLine,
  debug,
  error,
  warning,
  setSecret,
  setOutput,
  setFailed,
  appendSummary,
  summary
};
