/**
 * Mode 'validate': check the release plan (and the workflow files it dispatches), annotate every
 * problem on its line, write a short job summary, and fail the step when there is an error.
 * Meant for pull requests that change the plan.
 */
import * as core from '../runner/io.js';
import type { ModeOutcome, Settings } from '../action-io.js';
import { formatDiagnostic, type Diagnostic } from '../plan/diagnostics.js';
import { releaseIdOf } from '../plan/ids.js';
import { loadPlanFile, type LoadResult } from '../plan/load.js';
import { annotationPath } from '../plan/repo-path.js';
import { plural } from '../plan/words.js';
import { workflowsFoundNote, workflowsNotFoundNote } from '../plan/workflows-folder.js';
import { planSize } from '../report/text.js';
import { markdownText } from '../report/untrusted.js';
import { parseRunnerEnv, type RunnerEnv } from '../runner/env.js';

/** Annotations beyond this many are summarized: GitHub shows at most 10 per step anyway. */
const MAX_ANNOTATIONS = 50;

/** How a person points the action at the workflow files. */
const WORKFLOWS_POINTER = "the action's input workflows-dir (the folder of the deploy and rollback workflows in the checkout)";

/** Says the workflow-input check was skipped for want of a folder (undefined: it ran, or was turned off on purpose). */
export function workflowsSkippedNote(result: LoadResult, settings: Pick<Settings, 'plan'>): string | undefined {
  return workflowsNotFoundNote(result.workflows, settings.plan, WORKFLOWS_POINTER);
}

/** The outcome of a validation, without I/O. */
export function validationOutcome(result: LoadResult, settings: Pick<Settings, 'plan' | 'version'>): ModeOutcome {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.length - errors.length;
  const outcome: ModeOutcome = {
    decision: errors.length ? 'invalid' : 'valid',
    reasonCode: errors.length ? 'plan-invalid' : 'plan-valid',
    details: {
      plan: settings.plan,
      errors: errors.length,
      warnings,
      diagnostics: result.diagnostics.slice(0, 100).map(({ file, line, col, message, severity }) => ({ file, line, col, message, severity })),
      ...(result.workflows ? { workflows: result.workflows } : {}),
    },
  };
  if (result.plan && settings.version !== undefined) outcome.releaseId = releaseIdOf(result.plan.name, settings.version);
  if (errors.length) outcome.failed = `release plan ${settings.plan} has ${plural(errors.length, 'error')}`;
  return outcome;
}

/** The job summary: a verdict line and a table of problems (markdown). */
export function summaryMarkdown(result: LoadResult, settings: Pick<Settings, 'plan'>): string {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const lines = [
    `### Release plan \`${settings.plan}\`: ${errors ? `:x: invalid (${plural(errors, 'error')})` : ':white_check_mark: valid'}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`,
    '',
  ];
  if (result.plan) {
    const p = result.plan;
    lines.push(
      `**${markdownText(p.name)}**: ${planSize(p)}; deploys with \`${p.deploy.workflow}\`${p.rollback ? `, rolls back with \`${p.rollback.workflow}\`` : ''}.`,
      '',
    );
  }
  const skipped = workflowsSkippedNote(result, settings);
  if (skipped) lines.push(`> [!NOTE]`, `> ${markdownText(skipped)}`, '');
  if (result.diagnostics.length) {
    lines.push('| | where | problem |', '|---|---|---|');
    for (const d of result.diagnostics.slice(0, MAX_ANNOTATIONS)) {
      lines.push(`| ${d.severity === 'error' ? 'error' : 'warning'} | ${markdownText(`${d.file}:${d.line}:${d.col}`)} | ${markdownText(d.message)} |`);
    }
    if (result.diagnostics.length > MAX_ANNOTATIONS) lines.push('', `... and ${result.diagnostics.length - MAX_ANNOTATIONS} more.`);
  }
  return `${lines.join('\n')}\n`;
}

function annotate(d: Diagnostic, workspace: string | undefined): void {
  // Renders as `::error file=F,line=L,col=C[,endColumn=E]::message`. GitHub ignores columns on
  // multi-line spans, so the end column is given only when the span is on one line.
  const props: core.AnnotationProperties = { file: annotationPath(d.file, workspace), startLine: d.line, startColumn: d.col };
  if (d.endLine === d.line && d.endCol !== undefined && d.endCol > d.col) props.endColumn = d.endCol;
  if (d.severity === 'error') core.error(d.message, props);
  else core.warning(d.message, props);
}

/** Validates the plan named in the settings. */
export async function execute(settings: Settings, runner: RunnerEnv = parseRunnerEnv()): Promise<ModeOutcome> {
  const result = loadPlanFile(settings.plan, settings.workflowsDir !== undefined ? { workflowsDir: settings.workflowsDir } : {});
  for (const d of result.diagnostics.slice(0, MAX_ANNOTATIONS)) annotate(d, runner.workspace);
  for (const d of result.diagnostics) core.info(formatDiagnostic(d));
  if (!result.diagnostics.length) core.info(`${settings.plan}: valid`);
  // An annotation, not a line: the check a pull request relies on did not run, and a person must say where the workflows are.
  const skipped = workflowsSkippedNote(result, settings);
  if (skipped) core.warning(skipped);
  const found = workflowsFoundNote(result.workflows);
  if (found) core.info(found);
  if (runner.stepSummary) {
    await core.appendSummary(summaryMarkdown(result, settings));
  }
  return validationOutcome(result, settings);
}
