/**
 * The approval workflow of a stage approved by GitHub Environment reviewers: what it is called
 * unless the plan names it, and the inputs it is dispatched with. One writer, so the dispatch
 * (src/driver) and the workflow-file check (workflows.ts) can never disagree on a name.
 */

/** The approval workflow when the plan names none (workflows-examples/approve.yml). */
export const DEFAULT_APPROVAL_WORKFLOW = 'approve.yml';

/** The inputs every approval run gets; the deploy's correlation input is added when the plan has one. */
export const APPROVAL_INPUTS = ['environment', 'release_id', 'stage'] as const;

/** The names of the inputs an approval run is dispatched with. */
export function approvalInputNames(correlationInput: string | undefined): string[] {
  const names: string[] = [...APPROVAL_INPUTS];
  if (correlationInput !== undefined && !names.includes(correlationInput)) names.push(correlationInput);
  return names;
}

/**
 * The inputs of one approval run. The correlation id travels in the deploy's correlation input
 * (the approval workflow's run-name shows it, as the deploy workflow's does), so a run whose
 * dispatch answer was lost is found again the same way.
 */
export function approvalInputs(a: {
  environment: string;
  releaseId: string;
  stage: string;
  correlationInput?: string | undefined;
  correlationId: string;
}): Record<string, string> {
  const inputs: Record<string, string> = { environment: a.environment, release_id: a.releaseId, stage: a.stage };
  if (a.correlationInput !== undefined) inputs[a.correlationInput] = a.correlationId;
  return inputs;
}
