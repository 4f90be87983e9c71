/**
 * Dispatches in doubt, on the driver's side: a resumed driver hands over those an earlier one
 * could not confirm, and runs such dispatches may have made are fed to the core, which records
 * each or cancels it (a second run for a step, a run its region gave up on).
 */
import { runCanBeFound } from '../core/regions.js';
import { messageOf } from '../report/message.js';
import type { Event } from '../core/events.js';
import type { State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import type { Clock, DoubtsPort } from './ports.js';

/** Dispatches an earlier driver could not confirm (done, no run id) may still have made runs: the port looks for them too. */
export function handOverDoubts(state: State, plan: Plan, doubts: DoubtsPort): void {
  for (const r of Object.values(state.regions)) {
    for (const run of r.runs) {
      // Only a run whose title carries its correlation id can be found.
      const workflow = (run.kind === 'deploy' ? plan.deploy : plan.rollback)?.workflow;
      if (run.done && run.runId === undefined && workflow !== undefined && runCanBeFound(plan, run.kind))
        doubts.watchFor(run.correlationId, workflow, run.dispatchedAt);
    }
  }
}

/** Feeds the stray runs the port found as dispatched runs; resolves whether there were any. */
export async function takeStrays(doubts: DoubtsPort, clock: Clock, feed: (ev: Event) => void, warn: (message: string) => void): Promise<boolean> {
  const strays = await doubts.strayRuns().catch((err: unknown) => {
    warn(`could not look for runs of doubtful dispatches: ${messageOf(err)}`);
    return [];
  });
  for (const run of strays)
    feed({
      type: 'run-dispatched',
      at: clock.now(),
      region: run.region,
      kind: run.kind,
      step: run.step,
      ...(run.attempt !== undefined ? { attempt: run.attempt } : {}),
      runId: run.runId,
      ...(run.htmlUrl !== undefined ? { htmlUrl: run.htmlUrl } : {}),
    });
  return strays.length > 0;
}
