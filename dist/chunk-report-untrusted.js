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
var MERMAID_SAFE = /[A-Za-z0-9 ._\-/@()+=,]/;
var MERMAID_KEYWORD = /^\s*(gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|title|acctitle|accdescr|section|click|call|href)/i;
function mermaidText(text) {
  let out = "";
  for (const ch of text) out += MERMAID_SAFE.test(ch) ? ch : `#${ch.codePointAt(0) ?? 63};`;
  out = out.trim();
  if (out === "") return "?";
  const keyword = MERMAID_KEYWORD.exec(out);
  return keyword ? `#${out.codePointAt(0) ?? 63};${out.slice(1)}` : out;
}

export {
  oneLine,
  guardLog,
  markdownText,
  htmlText,
  safeLinkTarget,
  markdownCode,
  mermaidText
};
