/**
 * Where the plan's workflow files are looked for, when no folder is given: the plan's own folder
 * when it holds a workflow the plan names (the example plans of this repository, a plan kept with
 * its workflows), else the nearest `.github/workflows` above the plan (within its repository).
 * The folder chosen is always said, so a check against the wrong folder does not pass unseen.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { MAX_PLAN_BYTES, readBoundedFile } from './read-file.js';

/**
 * Whether the workflow files were checked against the plan, and where (`found` says how a folder
 * that was not given was chosen); or why not: turned off (`workflowsDir: false`), or no folder
 * given, none beside the plan and no `.github/workflows` above it. A skipped check is not a
 * problem of the plan (validity is unchanged), but whoever reads the verdict must be told, or
 * "valid" reads as "its workflows take what it sends".
 */
export type WorkflowsChecked = { checked: true; dir: string; found?: 'beside-plan' | 'above-plan' } | { checked: false; reason: 'turned-off' | 'not-found' };

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Finds `.github/workflows` for a plan file: walks up from the plan's folder to the repository
 * root (the folder holding `.git`), returning the first `.github/workflows` found.
 */
export function findWorkflowsDir(planFile: string): string | undefined {
  let dir = dirname(resolve(planFile));
  for (let i = 0; i < 64; i++) {
    const candidate = join(dir, '.github', 'workflows');
    if (isDir(candidate)) return candidate;
    if (existsSync(join(dir, '.git'))) return undefined;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/**
 * Whether `path` is a GitHub workflow (a YAML map with `on` and `jobs`): a `deploy.yml` beside
 * the plan may as well be a Compose or Kubernetes file, which must not take the check over.
 */
function isWorkflowFile(path: string): boolean {
  const read = readBoundedFile(path, MAX_PLAN_BYTES);
  if (!read.ok) return false;
  try {
    const doc: unknown = parse(read.text, { prettyErrors: false });
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
    // YAML 1.1 readers turn a bare `on` key into `true`; accept both spellings.
    return 'jobs' in doc && ('on' in doc || 'true' in doc);
  } catch {
    return false;
  }
}

/**
 * Where the loader checks the workflow files (src/plan/load.ts): the folder given; else the plan's
 * own folder if it holds one of the workflows the plan names (`named`: deploy.workflow,
 * rollback.workflow, approval workflows); else the nearest `.github/workflows` above the plan.
 */
export function workflowsToCheck(given: string | false | undefined, planFile: string, named: readonly string[]): WorkflowsChecked {
  if (given === false) return { checked: false, reason: 'turned-off' };
  if (given !== undefined) return { checked: true, dir: given };
  if (!existsSync(planFile)) return { checked: false, reason: 'not-found' };
  const beside = dirname(resolve(planFile));
  if (named.some((name) => isWorkflowFile(join(beside, name)))) return { checked: true, dir: beside, found: 'beside-plan' };
  const above = findWorkflowsDir(planFile);
  return above !== undefined ? { checked: true, dir: above, found: 'above-plan' } : { checked: false, reason: 'not-found' };
}

/** `dir` as a person at `cwd` would type it: relative when inside it, else as it is. */
function shownDir(dir: string, cwd: string): string {
  const rel = relative(cwd, dir);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
}

/**
 * The sentence saying which folder the workflow files were checked in, when it was not given
 * (a folder given is the one the person named); undefined otherwise.
 */
export function workflowsFoundNote(workflows: WorkflowsChecked | undefined, cwd: string = process.cwd()): string | undefined {
  if (workflows?.checked !== true || workflows.found === undefined) return undefined;
  const why = workflows.found === 'beside-plan' ? "the plan's own folder, which holds a workflow it names" : 'the nearest .github/workflows above the plan';
  return `the workflow inputs were checked against the workflow files in ${shownDir(workflows.dir, cwd)} (${why})`;
}

/**
 * The sentence saying the check was skipped for want of a folder, or undefined when it ran or was
 * turned off on purpose; `pointer` says how to name a folder (a flag, an input).
 */
export function workflowsNotFoundNote(workflows: WorkflowsChecked | undefined, planFile: string, pointer: string): string | undefined {
  if (workflows?.checked !== false || workflows.reason !== 'not-found') return undefined;
  return (
    `the workflow-input check was skipped: no workflow the plan names beside ${planFile} and no .github/workflows folder above it (within its repository), ` +
    `so the deploy and rollback workflows were not checked against the inputs the plan sends; point it at them with ${pointer}`
  );
}
