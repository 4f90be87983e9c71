/**
 * Words that change with a count, written once for every layer: the plan's checks, the core's
 * reasons, the reports and the CLI all count things (`1 region`, `2 regions`), and "(s)" reads
 * as unfinished. It lives in the lowest layer so that every layer may import it.
 */

/** `1 stage`, `2 stages`; `plural(2, 'entry', 'entries')` for a word that does not take an `s`. */
export function plural(n: number, word: string, many?: string): string {
  return `${n} ${noun(n, word, many)}`;
}

/** The word alone, for a list that follows it: `region eu-west-1`, `regions eu-west-1, us-east-1`. */
export function noun(n: number, word: string, many?: string): string {
  return n === 1 ? word : (many ?? `${word}s`);
}
