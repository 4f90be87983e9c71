/**
 * Names read back from a ledger, for the reasons people read. The ledger is check-run text
 * anyone with write access can edit, so a name in it may hold a line break and a workflow
 * command, Markdown, or a megabyte: shown as is only when a plan could have written it, else
 * quoted, cut and escaped to printable ASCII. The one writer of that rule (plan-pin.ts and
 * state-shape.ts quote through it).
 */

/** Names as a plan allows them (region, stage and gate patterns of src/plan/schema.ts): safe in any text. */
export const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** A value read from the ledger, as text that can go into any log line or Markdown cell. */
export function shownName(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const text = String(value);
  if (SAFE_NAME.test(text)) return text;
  const cut = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  // JSON.stringify escapes quotes, backslashes and C0 controls; the rest of non-ASCII (line
  // separators, bidi controls) as \u escapes. One line of printable ASCII: Markdown writers
  // still escape it (src/report/untrusted.ts), as any reason.
  return JSON.stringify(cut)
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
