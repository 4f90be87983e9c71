/**
 * Times as people read them in a summary: a wall-clock minute in UTC (`2026-12-02 14:00 UTC`)
 * and a span in words (`3h 20m`). The ledger may be edited by anyone with write access, so a time
 * out of Date's range reads as '?' instead of throwing.
 */

/** `2026-12-02 14:00 UTC`; '?' for a time Date cannot hold. */
export function utcMinute(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '?';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const SPAN_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
];

/**
 * A span in its two largest units (`2d 4h`, `3h 20m`, `45m`), rounded down to the minute: a
 * deadline read as "in 1h" when 59 minutes are left would promise a minute that is not there.
 */
export function spanInWords(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  if (ms < 60_000) return 'less than a minute';
  let rest = Math.floor(ms / 60_000) * 60_000;
  const parts: string[] = [];
  for (const [unit, size] of SPAN_UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.join(' ');
}

/** `until 2026-12-02 14:00 UTC (in 3h 20m)`, or `(passed 5m ago)` once `now` is beyond it. */
export function deadlineText(deadline: number, now: number): string {
  const left = deadline - now;
  const when = utcMinute(deadline);
  if (!Number.isFinite(left)) return `until ${when}`;
  return left > 0 ? `until ${when} (in ${spanInWords(left)})` : `until ${when} (passed ${spanInWords(-left)} ago)`;
}
