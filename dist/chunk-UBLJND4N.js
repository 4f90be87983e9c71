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
  const file = process.env.GITHUB_OUTPUT || "";
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

export {
  oneLine,
  markdownText,
  htmlText,
  safeLinkTarget,
  markdownCode,
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
