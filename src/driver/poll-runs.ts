/**
 * Reads the runs in flight for one poll tick through the port (RunsPort.readRuns, which chooses
 * how: one request per workflow for the GitHub adapter, one read per run for a fake); a run that
 * could not be read is a warning, and is read again at the next tick.
 */
import type { Plan } from '../plan/types.js';
import type { RunInfo, RunsPort } from './ports.js';

/** A run the driver watches: a region's deploy or rollback run, or a stage's approval run (Environment reviewers). */
export type WatchedRun = { region: string; kind: 'deploy' | 'rollback'; step: number; runId: number } | { stage: string; kind: 'approval'; runId: number };

/** The workflow that made a watched run (undefined: the plan has none for it). */
function workflowOf(plan: Plan, run: WatchedRun): string | undefined {
  if (run.kind === 'approval') return plan.stages.find((x) => x.name === run.stage)?.approval?.environment?.workflow;
  return (run.kind === 'deploy' ? plan.deploy : plan.rollback)?.workflow;
}

/** Every run asked for, with what was read (undefined after a warning when it could not be read), in the order the port read them. */
export async function readRuns(
  port: Pick<RunsPort, 'readRuns'>,
  plan: Plan,
  runs: WatchedRun[],
  warn: (message: string) => void,
): Promise<Array<{ run: WatchedRun; info: RunInfo | undefined }>> {
  const refs = runs.map((run) => ({ run, runId: run.runId, workflow: workflowOf(plan, run) }));
  const answers = await port.readRuns(refs);
  return answers.map(({ run: ref, info }) => {
    if (!(info instanceof Error)) return { run: ref.run, info };
    warn(`could not read run ${ref.run.runId}: ${info.message}`);
    return { run: ref.run, info: undefined };
  });
}
