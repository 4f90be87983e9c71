/**
 * Small text helpers for records people read: GitHub caps deployment-status descriptions at
 * 140 characters and check-run output at 65,535; cut on a character boundary and say so.
 */
import type { Plan } from '../plan/types.js';

/** `1 stage`, `2 stages`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 stages, 5 regions, 3 gates`: a plan's size as the CLI, the validate job summary and simulate print it. */
export function planSize(plan: Pick<Plan, 'stages' | 'gates'>): string {
  const regions = plan.stages.reduce((n, s) => n + s.regions.length, 0);
  return `${plural(plan.stages.length, 'stage')}, ${plural(regions, 'region')}, ${plural(Object.keys(plan.gates).length, 'gate')}`;
}

/** At most `max` characters; a cut text ends in an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join('') + '…';
}

/** Deployment-status description (GitHub: at most 140 characters). */
export function deploymentDescription(text: string): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), 140);
}

/** Markdown for a check-run summary: cut to GitHub's limit with a visible note. */
export function fitSummary(markdown: string, max = 65_535): string {
  if (markdown.length <= max) return markdown;
  const note = '\n\n_(summary cut to fit GitHub\'s 65,535-character limit; the full state is in the ledger text)_';
  return markdown.slice(0, max - note.length) + note;
}
