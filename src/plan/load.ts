/**
 * Loads a release plan: YAML with source positions -> shape check (zod) -> semantic checks ->
 * workflow-file checks -> the resolved `Plan`. Every problem comes back as a positioned
 * diagnostic, all at once; the plan is returned only when there is no error.
 */
import { isCollection, isPair, LineCounter, parseDocument, visit } from 'yaml';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { unsafeTemplateValues } from './escape.js';
import { brokenPaths, issuesToDiagnostics } from './issues.js';
import { normalizePlan } from './normalize.js';
import { PositionIndex } from './positions.js';
import { MAX_PLAN_BYTES, readBoundedFile } from './read-file.js';
import { Validity, type PartialPlan } from './salvage.js';
import { PlanSchema } from './schema.js';
import { checkSemantics } from './semantic.js';
import type { Plan } from './types.js';
import { checkWorkflows, namedWorkflows } from './workflows.js';
import { workflowsToCheck, type WorkflowsChecked } from './workflows-folder.js';

export interface LoadOptions {
  /**
   * Folder with the deploy/rollback workflow files to check the plan against. Default, when the
   * plan file exists on disk: its own folder if that holds a workflow the plan names, else the
   * `.github/workflows` of the repository holding it (src/plan/workflows-folder.ts); `false`
   * turns the check off.
   */
  workflowsDir?: string | false;
}

export interface LoadResult {
  /** Present only when there are no errors (warnings allowed). */
  plan?: Plan;
  diagnostics: Diagnostic[];
  /** Whether the workflow files were checked, and where (absent: the loader stopped before that check). */
  workflows?: WorkflowsChecked;
}

/** Aliases may expand a small file into a huge value ("billion laughs"); cap the expansion. */
const MAX_ALIAS_COUNT = 100;

/** Validates and resolves plan text; `file` is the path used in diagnostics and workflow discovery. */
export function loadPlanText(text: string, file: string, opts: LoadOptions = {}): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = new PositionIndex(doc, lineCounter, text);
  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    const at = pos.at(err.pos[0]);
    // Library wording that tells the reader to call a function is replaced by what to do.
    const message = err.code === 'MULTIPLE_DOCS' ? "a release plan is one YAML document; remove the '---' separator and what follows" : err.message;
    diagnostics.push({ file, line: at.line, col: at.col, message: `YAML syntax error: ${message}`, severity: 'error' });
  }
  for (const warning of doc.warnings) {
    const at = pos.at(warning.pos[0]);
    diagnostics.push({ file, line: at.line, col: at.col, message: `YAML: ${warning.message}`, severity: 'warning' });
  }
  // A list or map used as a key (`? [a, b]: x`) has no meaning in a plan, and turning it into a
  // JS object key would only print a runtime warning; report it where it is written.
  visit(doc, {
    Pair(_key, pair) {
      if (isPair(pair) && isCollection(pair.key)) {
        const at = pos.at(pair.key.range?.[0] ?? 0);
        diagnostics.push({ file, line: at.line, col: at.col, message: 'YAML: a map key must be a plain name, not a list or a map', severity: 'error' });
      }
    },
  });
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics) };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    diagnostics.push({ file, line: 1, col: 1, message: `YAML: ${(err as Error).message}`, severity: 'error' });
    return { diagnostics };
  }

  const parsed = PlanSchema.safeParse(data);
  // Where the shape is wrong, the semantic and workflow checks still run on every part that is right.
  const valid = parsed.success ? Validity.ALL : new Validity(brokenPaths(parsed.error.issues, data, PlanSchema));
  if (!parsed.success) diagnostics.push(...issuesToDiagnostics(parsed.error.issues, data, pos, file, PlanSchema));
  // A broken root (a list, a scalar) prunes to nothing: no part is left to check.
  const input: PartialPlan = parsed.success ? parsed.data : ((valid.prune(data) ?? {}) as PartialPlan);
  diagnostics.push(...checkSemantics(input, file, pos, valid));
  const workflows = workflowsToCheck(opts.workflowsDir, file, namedWorkflows(input, valid));
  if (workflows.checked) diagnostics.push(...checkWorkflows(input, workflows.dir, file, pos, valid));

  const sorted = sortDiagnostics(diagnostics);
  if (!parsed.success || hasErrors(sorted)) return { diagnostics: sorted, workflows };
  const plan = normalizePlan(parsed.data, file, pos);
  // Values that cannot be made safe for the query language (PromQL label, URL, JSON) are refused
  // here, before a release starts, at the gate that would render them.
  const unsafe = unsafeTemplateValues(plan).map((u): Diagnostic => {
    const at = plan.gates[u.gate]?.pos ?? { line: 1, col: 1 };
    return {
      file,
      line: at.line,
      col: at.col,
      severity: 'error',
      message: `gates.${u.gate}.${u.field}: ${u.message} (stage ${u.stage}, region ${u.region}, step ${u.step + 1})`,
    };
  });
  if (unsafe.length > 0) return { diagnostics: sortDiagnostics([...sorted, ...unsafe]), workflows };
  return { plan, diagnostics: sorted, workflows };
}

/** Reads and validates a plan file; a missing, unreadable, special or oversized file is a diagnostic, not a throw. */
export function loadPlanFile(path: string, opts: LoadOptions = {}): LoadResult {
  const read = readBoundedFile(path, MAX_PLAN_BYTES);
  if (!read.ok) return { diagnostics: [{ file: path, line: 1, col: 1, message: `cannot read the release plan: ${read.reason}`, severity: 'error' }] };
  return loadPlanText(read.text, path, opts);
}
