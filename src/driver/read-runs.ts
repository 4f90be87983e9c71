/**
 * Two ways a port reads the runs of one poll (RunsPort.readRuns): one read per run, for a port
 * whose reads are cheap (the emulator, fakes); or one batch per workflow, for a port that can
 * answer several runs of a workflow in one request (the GitHub adapter).
 */
import type { RunInfo, RunRead, RunRef, RunsReader } from './ports.js';

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Reads each run on its own, all at once, answering in the order asked. */
export function readRunsOneByOne(getRun: (runId: number) => Promise<RunInfo>): RunsReader {
  return <R extends RunRef>(runs: readonly R[]) =>
    Promise.all(runs.map(async (run): Promise<RunRead<R>> => ({ run, info: await getRun(run.runId).catch(asError) })));
}

/**
 * Reads the runs of each workflow in one batch (answering every id asked for, with its RunInfo or
 * the Error that kept it from being read), then a run without a workflow on its own. Answers
 * workflow by workflow, in the order each workflow first appears, then those without one.
 */
export function readRunsByWorkflow(
  getRuns: (workflow: string, runIds: number[]) => Promise<Map<number, RunInfo | Error>>,
  getRun: (runId: number) => Promise<RunInfo>,
): RunsReader {
  const oneByOne = readRunsOneByOne(getRun);
  return async <R extends RunRef>(runs: readonly R[]) => {
    const byWorkflow = new Map<string, R[]>();
    const single: R[] = [];
    for (const run of runs) {
      if (run.workflow === undefined) {
        single.push(run);
        continue;
      }
      const list = byWorkflow.get(run.workflow);
      if (list) list.push(run);
      else byWorkflow.set(run.workflow, [run]);
    }
    const groups = await Promise.all(
      [...byWorkflow].map(async ([workflow, list]): Promise<Array<RunRead<R>>> => {
        try {
          const answers = await getRuns(
            workflow,
            list.map((r) => r.runId),
          );
          return list.map((run) => ({ run, info: answers.get(run.runId) ?? new Error('the port did not answer for it') }));
        } catch (err) {
          return list.map((run) => ({ run, info: asError(err) }));
        }
      }),
    );
    return [...groups.flat(), ...(await oneByOne(single))];
  };
}
