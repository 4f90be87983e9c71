/**
 * Names read back from a ledger, for the reasons people read. The ledger is check-run text
 * anyone with write access can edit, so a name in it may hold a line break and a workflow
 * command, Markdown, or a megabyte: shown as is only when a plan could have written it, else
 * quoted, cut and escaped to printable ASCII. The one writer of that rule (plan-pin.ts and
 * state-shape.ts quote through it).
 */

import { NAME_PATTERN } from '../plan/schema.js';

/** Names as a plan allows them (stage and gate names; region names are a subset): safe in any text. */
export const SAFE_NAME = new RegExp(NAME_PATTERN);

/**
 * The largest time a Date holds (ECMAScript: 100,000,000 days either side of 1970). Times read
 * back from a ledger are printed as dates (`toISOString` throws beyond it): one out of range is damage.
 */
export const MAX_DATE_MS = 8.64e15;

/** A value read from the ledger, as text that can go into any log line or Markdown cell. */
export function shownName(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const text = String(value);
  if (SAFE_NAME.test(text)) return text;
  const cut = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  // JSON.stringify escapes quotes, backslashes and C0 controls; the rest of non-ASCII (line
  // separators, bidi controls) as \u escapes. One line of printable ASCII: Markdown writers
  // still escape it (src/report/untrusted.ts), as any reason.
  return JSON.stringify(cut).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
