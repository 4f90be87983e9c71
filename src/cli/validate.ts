/** `progressive-release validate`: the plan loader's diagnostics as file:line:col: message lines, or JSON. */
import { formatDiagnostic } from '../plan/diagnostics.js';
import { loadPlanFile } from '../plan/load.js';
import { plural } from '../plan/words.js';
import { workflowsFoundNote, workflowsNotFoundNote } from '../plan/workflows-folder.js';
import { planSize } from '../report/text.js';
import type { Diagnostic } from '../plan/diagnostics.js';
import { span, styled, type Styled } from './colour.js';
import { writeLines, type CliCommand } from './command.js';
import { WORKFLOWS_OPTIONS, workflowsLoadOptions } from './workflows-option.js';

const HELP = `Usage: progressive-release validate <plan> [--workflows DIR] [--no-workflows] [--json]

Checks a release plan's shape and meaning; prints every problem at once as file:line:col: message.
  --workflows DIR   where the deploy/rollback workflows live; their workflow_dispatch inputs are
                    checked against what the plan sends (default: the plan's own folder when it
                    holds a workflow the plan names, else the nearest .github/workflows above
                    the plan file, within the repository; said which, and skipped with a note
                    when there is none)
  --no-workflows    skip the workflow check
  --json            machine-readable result: { valid, errors, warnings, diagnostics, plan, workflows }
                    (workflows: { checked: true, dir, found? } or { checked: false, reason, note })

Exit status: 0 valid, 1 problems found, 2 bad usage.
`;

/** formatDiagnostic's line, its place bold and a warning's word yellow (the plain text is the same). */
function problemLine(d: Diagnostic): Styled {
  const line = formatDiagnostic(d);
  const place = `${d.file}:${d.line}:${d.col}:`;
  if (!line.startsWith(place)) return styled(line);
  const rest = line.slice(place.length);
  const warning = ' warning:';
  return rest.startsWith(warning)
    ? styled(span('bold', place), ' ', span('attention', 'warning:'), rest.slice(warning.length))
    : styled(span('bold', place), rest);
}

const options = { ...WORKFLOWS_OPTIONS, json: { type: 'boolean' } } as const;

export const validateCommand: CliCommand<typeof options> = {
  spec: { name: 'validate', options, takesPlan: true },
  usage: HELP.slice(0, HELP.indexOf('\n')),
  help: HELP,
  run: async ({ plan, values }, io) => {
    const result = loadPlanFile(plan, workflowsLoadOptions(values));
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    // Skipped for want of a folder: said, since "valid" would read as "its workflows take what it sends". Exit status unchanged.
    const note = workflowsNotFoundNote(result.workflows, plan, '--workflows DIR (or skip it without this note: --no-workflows)');
    if (values.json) {
      const workflows = result.workflows && { ...result.workflows, ...(note ? { note } : {}) };
      io.out(`${JSON.stringify({ valid: errors === 0, errors, warnings, diagnostics: result.diagnostics, plan: result.plan, workflows }, null, 2)}\n`);
    } else {
      // Wrapped lines are indented, so an editor's file:line:col matcher still sees one per problem.
      writeLines(io, result.diagnostics.map(problemLine), 4);
      // A folder the person did not name is said, so a check against the wrong one is seen.
      const found = workflowsFoundNote(result.workflows);
      writeLines(
        io,
        [note, found].filter((n) => n !== undefined && n !== '').map((n) => `note: ${n}`),
        6,
      );
      const warned = warnings ? `, ${plural(warnings, 'warning')}` : '';
      const verdict = result.plan
        ? styled(`${plan}: `, span('passed', 'valid'), ` (${planSize(result.plan)}${warned})`)
        : styled(`${plan}: `, span('failed', plural(errors, 'error')), warned);
      writeLines(io, [verdict]);
    }
    return errors === 0 ? 0 : 1;
  },
};
