/**
 * The operator commands the action accepts today (input `command`): only `adopt-plan`, with an
 * optional digest (`adopt-plan:<hex>`, the leading digits of the plan digest that the
 * plan-changed reason names), so a person adopts the plan they looked at and not a later edit.
 */
import type { HistoryEntry, State } from '../core/state.js';
import { planDigest, shortDigest } from '../plan/pin.js';
import type { Plan } from '../plan/types.js';

export interface OperatorCommand {
  name: 'adopt-plan';
  digest?: string;
}

/** The command, or undefined for any other (still refused as not available). */
export function parseOperatorCommand(text: string): OperatorCommand | undefined {
  const m = /^adopt-plan(?::([0-9a-f]{6,64}))?$/.exec(text);
  if (!m) return undefined;
  return m[1] !== undefined ? { name: 'adopt-plan', digest: m[1] } : { name: 'adopt-plan' };
}

/**
 * Whether the command given to this driver took effect, from the history it added: undefined when
 * it did (`plan-adopted`), else the reason code and message the step fails with. `denied`: the
 * driver refused the person (authorize.ts set the fed event's `denied`), told by the event, not by
 * the history's wording.
 */
export function commandOutcome(added: ReadonlyArray<HistoryEntry>, by: string, denied: boolean): { reasonCode: string; failed: string } | undefined {
  const own = added.filter((h) => h.by === by && (h.kind === 'command' || h.kind === 'ignored'));
  if (own.some((h) => h.reasonCode === 'plan-adopted')) return undefined;
  const last = own.at(-1);
  const reasonCode = last?.reasonCode === 'adopt-plan-refused' ? 'adopt-plan-refused' : denied ? 'command-denied' : 'command-ignored';
  return { reasonCode, failed: `command adopt-plan did not take effect: ${last?.reason ?? 'the release did not take it'}` };
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
