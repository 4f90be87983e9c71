/**
 * The operator commands the action takes (input `command`): approve, reject, abort, pause,
 * resume, promote, retry, rollback and adopt-plan, the last with an optional digest
 * (`adopt-plan:<hex>`, the leading digits of the plan digest the plan-changed reason names), so a
 * person adopts the plan they looked at and not a later edit. What each means is the core's
 * (src/core/commands.ts); whether it took effect is read back from the one history entry it left.
 */
import type { CommandName } from '../core/events.js';
import type { HistoryEntry, State } from '../core/state.js';
import { planDigest, shortDigest } from '../plan/pin.js';
import type { Plan } from '../plan/types.js';

export interface OperatorCommand {
  name: CommandName;
  digest?: string;
}

const COMMAND = /^(approve|reject|abort|pause|resume|promote|retry|rollback|adopt-plan|override-freeze)(?::([0-9a-f]{6,64}))?$/;

/** The command, or undefined for text that is none (a digest only after adopt-plan). */
export function parseOperatorCommand(text: string): OperatorCommand | undefined {
  const m = COMMAND.exec(text);
  const name = m?.[1] as CommandName | undefined;
  if (!m || name === undefined || (m[2] !== undefined && name !== 'adopt-plan')) return undefined;
  return m[2] !== undefined ? { name, digest: m[2] } : { name };
}

/** How a command's entry is found among those the release added: by the run it came in, else by who gave it. */
export type CommandOf = { runId: number } | { by: string };

export type CommandOutcome = { accepted: true; reasonCode: string; message: string } | { accepted: false; reasonCode: string; message: string };

/**
 * Whether the command took effect, from the one entry it left in the history added since it was
 * fed (kind `command`: accepted, reasonCode the command's name or plan-adopted; kind
 * `command-refused`: the code and the reason). No entry: the release had taken that run already
 * (`command-not-taken`), and this feed changed nothing.
 */
export function commandOutcome(added: ReadonlyArray<HistoryEntry>, of: CommandOf): CommandOutcome {
  const mine = (h: HistoryEntry): boolean => ('runId' in of ? h.numbers?.runId === of.runId : h.by === of.by);
  const entry = added.filter((h) => (h.kind === 'command' || h.kind === 'command-refused') && mine(h)).at(-1);
  if (!entry) return { accepted: false, reasonCode: 'command-not-taken', message: 'the release had taken this command already; nothing more was done' };
  if (entry.kind === 'command') return { accepted: true, reasonCode: entry.reasonCode, message: entry.reason };
  return { accepted: false, reasonCode: entry.reasonCode, message: entry.reason };
}

/**
 * adopt-plan means something only for a release in flight pinned to another plan than `plan`:
 * undefined when it does, else why not, in a sentence (a finished release is not "unchanged").
 */
export function notAdoptable(state: State, plan: Plan): string | undefined {
  if (state.status === 'finished')
    return `release ${state.releaseId} is finished (${state.outcome?.decision ?? 'done'}); there is nothing to adopt a plan for, nothing done`;
  if (state.status === 'pending') return `release ${state.releaseId} has not started; it starts under the plan given, nothing to adopt, nothing done`;
  if (state.pin === undefined)
    return `release ${state.releaseId} was saved before plans were pinned; nothing to adopt, nothing done (a run pins it to the plan if that matches)`;
  if (state.pin.digest === planDigest(plan))
    return `the plan of release ${state.releaseId} has not changed since it started (${shortDigest(state.pin.digest)}); nothing to adopt, nothing done`;
  return undefined;
}
