/**
 * Reads the runs in flight for one poll tick. With a port that reads a workflow's runs in one
 * go (GitHubPort.getRuns), the runs are grouped by workflow, so a tick costs one request per
 * workflow instead of one per run; otherwise each run is read on its own.
 */
import type { Plan } from '../plan/types.js';
import type { GitHubPort, RunInfo } from './ports.js';
import { messageOf } from '../report/message.js';

export interface WatchedRun {
  region: string;
  kind: 'deploy' | 'rollback';
  step: number;
  runId: number;
}

/** Every run asked for, with what was read (undefined after a warning when it could not be read). */
export async function readRuns(github: GitHubPort, plan: Plan, runs: WatchedRun[], warn: (message: string) => void): Promise<Array<{ run: WatchedRun; info: RunInfo | undefined }>> {
  const failed = (run: WatchedRun, err: unknown): undefined => {
    warn(`could not read run ${run.runId}: ${messageOf(err)}`);
    return undefined;
  };
  const one = async (run: WatchedRun) => ({ run, info: await github.getRun(run.runId).catch((err: unknown) => failed(run, err)) });
  const batch = github.getRuns?.bind(github);
  if (!batch) return Promise.all(runs.map(one));
  const byWorkflow = new Map<string, WatchedRun[]>();
  const single: WatchedRun[] = [];
  for (const run of runs) {
    const workflow = (run.kind === 'deploy' ? plan.deploy : plan.rollback)?.workflow;
    if (workflow === undefined) {
      single.push(run);
      continue;
    }
    const list = byWorkflow.get(workflow);
    if (list) list.push(run);
    else byWorkflow.set(workflow, [run]);
  }
  const groups = await Promise.all([...byWorkflow].map(async ([workflow, list]) => {
    try {
      const answers = await batch(workflow, list.map((r) => r.runId));
      return list.map((run) => {
        const a = answers.get(run.runId);
        if (a === undefined) return { run, info: failed(run, new Error('the port did not answer for it')) };
        return { run, info: a instanceof Error ? failed(run, a) : a };
      });
    } catch (err) {
      return list.map((run) => ({ run, info: failed(run, err) }));
    }
  }));
  return [...groups.flat(), ...(await Promise.all(single.map(one)))];
}
