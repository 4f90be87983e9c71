/**
 * Notes on the simulated person's part (stderr): a scripted command that never came into play, or
 * that the release refused, so a user who asked for `resume@10m` and got PAUSED learns why.
 */
import type { HistoryEntry, State } from '../core/state.js';
import { oneLine } from '../report/untrusted.js';
import type { FedAction } from '../simulate/person.js';
import type { SimulationResult } from '../simulate/run.js';
import type { Scenario } from '../simulate/scenario.js';
import { relTime } from './simulate-format.js';

/** The entry that refused a fed command: by its run (numbers.runId), or, in the history of an older core, an `ignored` entry of that person at that time. */
function refusalOf(f: FedAction, state: State): HistoryEntry | undefined {
  const ev = f.event;
  if (ev.type !== 'command' && ev.type !== 'approval') return undefined;
  const runId = ev.origin?.runId;
  return state.history.find(
    (h) =>
      (h.kind === 'command-refused' && runId !== undefined && h.numbers?.runId === runId) ||
      (h.kind === 'ignored' && h.by === ev.by && h.at === ev.at && /^(approval|command) ignored/.test(h.reason)),
  );
}

function ending(result: SimulationResult): string {
  const { state, start } = result;
  return state.outcome
    ? `the release finished (${state.outcome.decision}) at ${relTime(state.outcome.at - start)}`
    : `the simulation stopped at ${relTime(state.now - start)} (${result.decision})`;
}

/** What the person was scripted to do and did not, or did and was refused. */
export function personNotes(scenario: Scenario, result: SimulationResult): string[] {
  const { person, state, start } = result;
  const notes: string[] = [];
  const unfed = person.unfed();
  for (const a of unfed) notes.push(`--scenario ${a.scenario ?? a.name} had no effect: ${ending(result)}, before its time ${relTime(a.at - start)}`);
  const given = new Set([...person.fed.map((f) => f.action.scenario), ...unfed.map((a) => a.scenario)]);
  for (const stage of scenario.rejects)
    if (!given.has(`reject=${stage}`))
      notes.push(
        `--scenario reject=${stage} had no effect: stage ${stage} never waited for an approval (the plan asks for none, or the release ended before it)`,
      );
  for (const region of scenario.retries)
    if (!given.has(`retry=${region}`))
      notes.push(`--scenario retry=${region} had no effect: ${region} never failed; combine it with a failure, e.g. --scenario deploy-failure=${region}`);
  for (const f of person.fed) {
    const refused = f.action.scenario !== undefined ? refusalOf(f, state) : undefined;
    if (refused) notes.push(`--scenario ${f.action.scenario} was refused (${refused.reasonCode}): ${oneLine(refused.reason)}`);
  }
  return notes;
}
