/**
 * `--workflows DIR` and `--no-workflows`, shared by validate and plan: where the workflow files
 * that the plan dispatches are checked, or that they are not.
 */
import type { LoadOptions } from '../plan/load.js';
import { UsageError } from './command.js';

export const WORKFLOWS_OPTIONS = {
  workflows: { type: 'string', expects: 'a folder, e.g. --workflows .github/workflows' },
  'no-workflows': { type: 'boolean' },
} as const;

/** The loader's options for the two flags; both at once are a contradiction, not a matter of order. */
export function workflowsLoadOptions(values: { workflows: string | undefined; 'no-workflows': boolean }): LoadOptions {
  if (values.workflows !== undefined && values['no-workflows']) throw new UsageError('--workflows and --no-workflows exclude each other; give one');
  if (values['no-workflows']) return { workflowsDir: false };
  return values.workflows !== undefined ? { workflowsDir: values.workflows } : {};
}
