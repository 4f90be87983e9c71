/**
 * A span of time as an on-call person reads it in a table: its two largest units (`12m 30s`,
 * `2h 5m`, `3d 4h`, `45s`), rounded down, never milliseconds. Unlike `spanInWords` (when.ts),
 * which says deadlines to the minute, a region's step can take seconds in a fast release.
 */

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** `12m 30s`, `2h 5m`, `0s`; '?' for a span that is not a finite, non-negative number (a tampered ledger). */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  let rest = Math.floor(ms / 1000) * 1000;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (parts.length === 2) break;
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.length > 0 ? parts.join(' ') : '0s';
}

/** `+12m 30s` after `start`: a time on the release's own clock, as the text timeline shows it. */
export function sinceText(at: number, start: number): string {
  return `+${durationText(Math.max(0, at - start))}`;
}
