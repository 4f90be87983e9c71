/**
 * The inbox: commands given while a driver holds the release. A person's command is a
 * workflow_dispatch run of the release workflow, and its title (`run-name`) says what was asked
 * (plan/ids.ts commandTitle). GitHub writes a run's title, event, workflow path, actor and
 * triggering actor when the run is created, and nobody can change them afterwards: the driver
 * reads commands from the runs themselves (InboxPort), never from a record that anything holding
 * a token could write. What a run claims is still checked before the core sees it:
 * - its event is workflow_dispatch (a push or schedule run cannot carry a person's command);
 * - it is a run of the workflow that drives the release (another workflow's title proves nothing);
 * - its command word and names have the forms the inputs allow;
 * then authorize.ts checks both people behind it, and the core takes each run attempt once
 * (state.commandRuns), so a command is never applied twice and never lost when the driver it
 * was meant for stopped first: the next driver finds it in the same list.
 */
import { shownName } from '../core/ledger-text.js';
import type { Event } from '../core/events.js';
import type { State } from '../core/state.js';
import { commandRunKey, parseCommandTitle } from '../plan/ids.js';
import { NAME_PATTERN, REGION_PATTERN } from '../plan/schema.js';
import { parseOperatorCommand } from './operator-command.js';
import type { CommandRun } from './ports.js';

const STAGE_NAME = new RegExp(NAME_PATTERN);
const REGION_NAME = new RegExp(REGION_PATTERN);

export interface InboxReading {
  /** Command events for this release not taken yet, oldest run first (some `denied` with deniedCode run-unverified). */
  events: Array<Extract<Event, { type: 'command' }>>;
  /** Runs that look like commands but cannot be read (for a warning, once each). */
  unreadable: Array<{ key: string; message: string }>;
}

/**
 * The command events in `runs` for `state`'s release that it has not taken yet. `workflowPath`:
 * the driving workflow (GITHUB_WORKFLOW_REF's file); runs of any other are not its commands.
 * Each is judged at its run's creation time, but never before `floor` (what the release already
 * took in: the saved state's time for a driver that resumes it) nor after `at` (now).
 */
export function commandsFromRuns(runs: readonly CommandRun[], state: State, workflowPath: string | undefined, at: number, floor = state.now): InboxReading {
  const taken = new Set(state.commandRuns ?? []);
  const reading: InboxReading = { events: [], unreadable: [] };
  const ordered = [...runs].sort((a, b) => a.createdAt - b.createdAt || a.runId - b.runId || a.attempt - b.attempt);
  for (const run of ordered) {
    const key = commandRunKey(run.runId, run.attempt);
    if (taken.has(key)) continue;
    // The person withdrew it (cancelled the run before a driver read it): it carries nothing.
    if (run.conclusion === 'cancelled') continue;
    const titled = parseCommandTitle(run.title);
    if (titled === undefined) continue;
    if (!titled.ok) {
      reading.unreadable.push({ key, message: `run ${run.runId} looks like a command but its title cannot be read: ${titled.message}` });
      continue;
    }
    if (titled.releaseId !== state.releaseId) continue;
    const command = parseOperatorCommand(titled.command);
    if (command === undefined) {
      reading.unreadable.push({ key, message: `run ${run.runId} asks for ${shownName(titled.command)}, which is not a command` });
      continue;
    }
    const base = commandEventOf(
      {
        by: run.actor,
        name: command.name,
        ...(command.digest !== undefined ? { digest: command.digest } : {}),
        ...(titled.stage !== undefined ? { stage: titled.stage } : {}),
        ...(titled.region !== undefined ? { region: titled.region } : {}),
        ...(titled.reason !== undefined ? { reason: titled.reason } : {}),
        origin: {
          runId: run.runId,
          attempt: run.attempt,
          ...(run.triggeringActor !== run.actor ? { triggeredBy: run.triggeringActor } : {}),
          ...(run.htmlUrl !== undefined ? { htmlUrl: run.htmlUrl } : {}),
          ...(run.createdAt > 0 ? { createdAt: run.createdAt } : {}),
        },
      },
      at,
      floor,
    );
    const unverified = originProblem(run, workflowPath, titled.stage, titled.region);
    reading.events.push(unverified === undefined ? base : { ...base, denied: unverified, deniedCode: 'run-unverified' });
  }
  return reading;
}

/** A person's command, as the core is fed it (from a run's title here, from a command run's inputs in src/modes/command-run.ts). */
export type AskedCommand = Omit<Extract<Event, { type: 'command' }>, 'type' | 'at' | 'denied' | 'deniedCode'>;

/**
 * The command event: given when its run was created (an approval given before its deadline
 * counts, however late it is read), but never before `floor` (what the release already took in)
 * nor after `now`. The one writer of that rule, for the inbox and a command run's own command.
 */
export function commandEventOf(asked: AskedCommand, now: number, floor: number): Extract<Event, { type: 'command' }> {
  return { type: 'command', at: Math.min(now, Math.max(floor, asked.origin?.createdAt ?? now)), ...asked };
}

/** Why the run cannot carry a person's command for this release, or undefined. */
function originProblem(run: CommandRun, workflowPath: string | undefined, stage: string | undefined, region: string | undefined): string | undefined {
  if (run.event !== 'workflow_dispatch')
    return `run ${run.runId} was started by event ${shownName(run.event)}, not workflow_dispatch: it cannot carry a person's command`;
  if (workflowPath === undefined || run.workflowPath !== workflowPath)
    return `run ${run.runId} is a run of ${shownName(run.workflowPath)}, not of the workflow that drives the release (${shownName(workflowPath ?? 'unknown')})`;
  if (stage !== undefined && !STAGE_NAME.test(stage)) return `run ${run.runId} names stage ${shownName(stage)}, which is not a stage name`;
  if (region !== undefined && !REGION_NAME.test(region)) return `run ${run.runId} names region ${shownName(region)}, which is not a region name`;
  return undefined;
}
