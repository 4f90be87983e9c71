import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  annotationPath
} from "./chunk-plan-repo-path.js";
import {
  formatDiagnostic,
  loadPlanFile,
  workflowsFoundNote,
  workflowsNotFoundNote
} from "./chunk-plan-approval-workflow.js";
import {
  appendSummary,
  error,
  info,
  parseRunnerEnv,
  warning
} from "./chunk-plan-release-info.js";
import "./chunk-plan-compare.js";
import {
  releaseIdOf
} from "./chunk-plan-duration.js";
import {
  planSize,
  plural
} from "./chunk-plan-words.js";
import {
  markdownText
} from "./chunk-report-untrusted.js";
import "./chunk-runtime.js";

// src/modes/validate.ts
var MAX_ANNOTATIONS = 50;
var WORKFLOWS_POINTER = "the action's input workflows-dir (the folder of the deploy and rollback workflows in the checkout)";
function workflowsSkippedNote(result, settings) {
  return workflowsNotFoundNote(result.workflows, settings.plan, WORKFLOWS_POINTER);
}
function validationOutcome(result, settings) {
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  const warnings = result.diagnostics.length - errors.length;
  const outcome = {
    decision: errors.length ? "invalid" : "valid",
    reasonCode: errors.length ? "plan-invalid" : "plan-valid",
    details: {
      plan: settings.plan,
      errors: errors.length,
      warnings,
      diagnostics: result.diagnostics.slice(0, 100).map(({ file, line, col, message, severity }) => ({ file, line, col, message, severity })),
      ...result.workflows ? { workflows: result.workflows } : {}
    }
  };
  if (result.plan && settings.version !== void 0) outcome.releaseId = releaseIdOf(result.plan.name, settings.version);
  if (errors.length) outcome.failed = `release plan ${settings.plan} has ${plural(errors.length, "error")}`;
  return outcome;
}
function summaryMarkdown(result, settings) {
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  const lines = [
    `### Release plan \`${settings.plan}\`: ${errors ? `:x: invalid (${plural(errors, "error")})` : ":white_check_mark: valid"}${warnings ? `, ${plural(warnings, "warning")}` : ""}`,
    ""
  ];
  if (result.plan) {
    const p = result.plan;
    lines.push(
      `**${markdownText(p.name)}**: ${planSize(p)}; deploys with \`${p.deploy.workflow}\`${p.rollback ? `, rolls back with \`${p.rollback.workflow}\`` : ""}.`,
      ""
    );
  }
  const skipped = workflowsSkippedNote(result, settings);
  if (skipped) lines.push(`> [!NOTE]`, `> ${markdownText(skipped)}`, "");
  if (result.diagnostics.length) {
    lines.push("| | where | problem |", "|---|---|---|");
    for (const d of result.diagnostics.slice(0, MAX_ANNOTATIONS)) {
      lines.push(`| ${d.severity === "error" ? "error" : "warning"} | ${markdownText(`${d.file}:${d.line}:${d.col}`)} | ${markdownText(d.message)} |`);
    }
    if (result.diagnostics.length > MAX_ANNOTATIONS) lines.push("", `... and ${result.diagnostics.length - MAX_ANNOTATIONS} more.`);
  }
  return `${lines.join("\n")}
`;
}
function annotate(d, workspace) {
  const props = { file: annotationPath(d.file, workspace), startLine: d.line, startColumn: d.col };
  if (d.endLine === d.line && d.endCol !== void 0 && d.endCol > d.col) props.endColumn = d.endCol;
  if (d.severity === "error") error(d.message, props);
  else warning(d.message, props);
}
async function execute(settings, runner = parseRunnerEnv()) {
  const result = loadPlanFile(settings.plan, settings.workflowsDir !== void 0 ? { workflowsDir: settings.workflowsDir } : {});
  for (const d of result.diagnostics.slice(0, MAX_ANNOTATIONS)) annotate(d, runner.workspace);
  for (const d of result.diagnostics) info(formatDiagnostic(d));
  if (!result.diagnostics.length) info(`${settings.plan}: valid`);
  const skipped = workflowsSkippedNote(result, settings);
  if (skipped) warning(skipped);
  const found = workflowsFoundNote(result.workflows);
  if (found) info(found);
  if (runner.stepSummary) {
    await appendSummary(summaryMarkdown(result, settings));
  }
  return validationOutcome(result, settings);
}
export {
  execute,
  summaryMarkdown,
  validationOutcome,
  workflowsSkippedNote
};
