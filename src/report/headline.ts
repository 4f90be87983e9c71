/**
 * The summary's first lines: one short sentence a person on call reads first (what happened and,
 * when something failed, where and with which numbers), and below it the details: the engine's
 * own reason and its code, when and by whom the release started, how long it has taken.
 */
import type { HistoryEntry, State } from '../core/state.js';
import { durationText } from './duration-text.js';
import type { HistoryFacts } from './history-facts.js';
import { num, numsAgainst } from './observed-range.js';
import { plural } from '../plan/words.js';
import { truncate } from './text.js';
import { markdownCode, markdownText } from './untrusted.js';
import { utcMinute } from './when.js';

/** A reason quoted in the sentence: long ones (backend answers) are for the details below it. */
const QUOTE_CHARS = 100;
/** The engine's reason under the headline. */
const DETAILS_CHARS = 600;

/** The first region that failed (in history order) and its failed gate's verdict, if a gate failed it. */
function firstFailure(state: State, facts: HistoryFacts): { region: string; entry: HistoryEntry; gate?: HistoryEntry } | undefined {
  let first: { region: string; entry: HistoryEntry } | undefined;
  for (const [region, r] of facts.regions) {
    const failed = state.regions[region]?.failure;
    if (!failed || !r.failure) continue;
    if (!first || r.failure.at < first.entry.at) first = { region, entry: r.failure };
  }
  if (!first) return undefined;
  const gates = facts.regions.get(first.region)?.gates;
  const gate = gates ? [...gates.values()].find((g) => g.status === 'failed')?.verdict : undefined;
  return gate ? { ...first, gate } : first;
}

/** `eu-west gate error-rate failed (0.031 > 0.02)`, or the region's reason in short. */
export function failureSentence(state: State, facts: HistoryFacts): string | undefined {
  const f = firstFailure(state, facts);
  if (!f) return undefined;
  const n = f.gate?.numbers;
  if (f.gate?.gate !== undefined && n?.value !== undefined && n.threshold !== undefined) {
    const sign = n.max !== undefined && n.threshold === n.max ? '>' : n.min !== undefined && n.threshold === n.min ? '<' : 'vs';
    const [value, limit] = numsAgainst(n.value, n.threshold);
    return `${markdownText(f.region)} gate ${markdownText(f.gate.gate)} failed (${value} ${sign} ${limit})`;
  }
  // A comparison: the canary as a multiple of its baseline against the tolerated multiple.
  if (f.gate?.gate !== undefined && f.gate.reasonCode === 'comparison-failed' && n?.ratio !== undefined && n.tolerance !== undefined) {
    const p = n.p !== undefined ? `, p=${num(n.p, 2)}` : '';
    const sign = n.ratio >= 1 ? '>' : '<';
    return `${markdownText(f.region)} gate ${markdownText(f.gate.gate)} failed (${num(n.ratio, 3)}x baseline ${sign} ${num(n.tolerance, 3)}x${p})`;
  }
  return `${markdownText(f.region)} failed: ${markdownText(truncate(f.entry.reason, QUOTE_CHARS))}`;
}

const DECISION_WORDS: Record<NonNullable<State['outcome']>['decision'], string> = {
  promoted: 'promoted',
  'rolled-back': 'rolled back',
  paused: 'paused',
  failed: 'failed',
};

function regionCount(state: State): number {
  return Object.keys(state.regions).length;
}

/** What happened, in one sentence (without the release id). */
function sentence(state: State, facts: HistoryFacts): string {
  const failure = failureSentence(state, facts);
  const outcome = state.outcome;
  if (outcome) {
    const rolledBack = state.counts['rolled-back'];
    if (outcome.decision === 'promoted') {
      if (rolledBack === 0 || !failure) return `promoted to ${state.counts.promoted} of ${plural(regionCount(state), 'region')}`;
      return `promoted to ${state.counts.promoted} of ${plural(regionCount(state), 'region')}; ${plural(rolledBack, 'region')} rolled back within the failure budget: ${failure}`;
    }
    const why = failure ?? markdownText(truncate(outcome.reason, QUOTE_CHARS));
    const stuck = Object.values(state.regions).filter((r) => r.rollbackFailed);
    const first = stuck[0];
    // A region left serving a bad version is what a person must act on first; the failure that led there follows.
    if (first)
      return `${DECISION_WORDS[outcome.decision]}: rollback failed in ${markdownText(first.name)}${stuck.length > 1 ? ` and ${stuck.length - 1} more` : ''} after ${why}`;
    return `${DECISION_WORDS[outcome.decision]}: ${why}`;
  }
  if (state.pause) return `paused: ${markdownText(truncate(state.pause.reason, QUOTE_CHARS))}`;
  const stage = state.stages[state.stage];
  const where = stage ? `, stage ${markdownText(stage.name)}` : '';
  return `${state.status}${where}: ${state.counts.promoted} of ${plural(regionCount(state), 'region')} promoted${failure ? `; ${failure}` : ''}`;
}

/** `### Release `id`: <one sentence>`. */
export function headline(state: State, facts: HistoryFacts): string {
  return `### Release ${markdownCode(state.releaseId)}: ${sentence(state, facts)}`;
}

/** The line under the headline: the engine's reason and its code, who started it when, how long it took. */
export function detailsLine(state: State): string {
  const parts: string[] = [];
  const why = state.outcome ?? state.pause;
  // The engine's reason names every failed region: a large release's list is cut, the table has them all.
  if (why) parts.push(`${markdownText(truncate(why.reason, DETAILS_CHARS))} (${markdownCode(why.reasonCode)})`);
  if (state.startedAt !== undefined) {
    parts.push(`started ${utcMinute(state.startedAt)}${state.initiator !== undefined ? ` by ${markdownText(state.initiator)}` : ''}`);
    const end = state.outcome?.at ?? state.now;
    parts.push(`${state.outcome ? 'took' : 'running for'} ${durationText(end - state.startedAt)}`);
  }
  parts.push(`version ${markdownCode(state.version)}, plan ${markdownCode(state.planName)}`);
  return parts.join(' · ');
}
