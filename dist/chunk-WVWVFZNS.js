import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/report/text.ts
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function planSize(plan) {
  const regions = plan.stages.reduce((n, s) => n + s.regions.length, 0);
  return `${plural(plan.stages.length, "stage")}, ${plural(regions, "region")}, ${plural(Object.keys(plan.gates).length, "gate")}`;
}
function truncate(text, max) {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join("") + "\u2026";
}
function deploymentDescription(text) {
  return truncate(text.replace(/\s+/g, " ").trim(), 140);
}
function fitSummary(markdown, max = 65535) {
  if (markdown.length <= max) return markdown;
  const note = "\n\n_(summary cut to fit GitHub's 65,535-character limit; the full state is in the ledger text)_";
  return markdown.slice(0, max - note.length) + note;
}

// src/plan/repo-path.ts
import { isAbsolute, relative, resolve, sep } from "node:path";
function annotationPath(file, workspace = process.env.GITHUB_WORKSPACE) {
  if (workspace) {
    const rel = relative(resolve(workspace), resolve(file));
    if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  }
  return file.replace(/^\.\//, "");
}

export {
  plural,
  planSize,
  deploymentDescription,
  fitSummary,
  annotationPath
};
