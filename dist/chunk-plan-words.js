import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/plan/words.ts
function plural(n, word, many) {
  return `${n} ${noun(n, word, many)}`;
}
function noun(n, word, many) {
  return n === 1 ? word : many ?? `${word}s`;
}

// src/report/text.ts
function planSize(plan) {
  const regions = plan.stages.reduce((n, s) => n + s.regions.length, 0);
  return `${plural(plan.stages.length, "stage")}, ${plural(regions, "region")}, ${plural(Object.keys(plan.gates).length, "gate")}`;
}
function truncate(text, max) {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join("") + "\u2026";
}
var CHECK_RUN_TEXT_BYTES = 65535;
var JOB_SUMMARY_BYTES = 1024 * 1024;
function utf8Bytes(codePoint) {
  return codePoint < 128 ? 1 : codePoint < 2048 ? 2 : codePoint < 65536 ? 3 : 4;
}
var graphemes;
function cutToBytes(text, maxBytes) {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const n = utf8Bytes(ch.codePointAt(0) ?? 0);
    if (bytes + n > maxBytes) break;
    bytes += n;
    end += ch.length;
  }
  graphemes ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  const cluster = graphemes.segment(text).containing(end);
  if (cluster && cluster.index < end) end = cluster.index;
  return text.slice(0, end);
}
function fitSummary(markdown, maxBytes = CHECK_RUN_TEXT_BYTES, elsewhere = "the full state is in the ledger text") {
  if (Buffer.byteLength(markdown, "utf8") <= maxBytes) return markdown;
  const note = `

_(summary cut to fit the limit of ${maxBytes.toLocaleString("en-US")} bytes; ${elsewhere})_`;
  const budget = maxBytes - Buffer.byteLength(note, "utf8");
  if (budget <= 0) return cutToBytes(markdown, maxBytes);
  const lines = markdown.split("\n");
  const kept = [];
  let bytes = 0;
  let openFence;
  for (const line of lines) {
    const n = Buffer.byteLength(line, "utf8") + (kept.length ? 1 : 0);
    if (bytes + n > budget) break;
    if (line.trimStart().startsWith("```")) openFence = openFence === void 0 ? kept.length : void 0;
    kept.push(line);
    bytes += n;
  }
  if (openFence !== void 0) kept.length = openFence;
  if (kept.length === 0) return openFence !== void 0 ? note.trimStart() : cutToBytes(markdown, budget) + note;
  return kept.join("\n") + note;
}

export {
  plural,
  noun,
  planSize,
  truncate,
  CHECK_RUN_TEXT_BYTES,
  JOB_SUMMARY_BYTES,
  fitSummary
};
