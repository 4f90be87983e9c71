/**
 * Small text helpers for records people read: GitHub caps deployment-status descriptions at
 * 140 characters and check-run output at 65,535; cut on a character boundary and say so.
 */

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
