/**
 * Small text helpers for records people read: GitHub caps check-run output at 65,535 bytes and
 * a job summary at 1 MiB; cut on a character boundary and say so.
 */
import type { Plan } from '../plan/types.js';
import { plural } from '../plan/words.js';

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

/** GitHub's limit on a check run's `output.summary` and `output.text`, in UTF-8 bytes ("exceeds a maximum bytesize of 65535"). */
export const CHECK_RUN_TEXT_BYTES = 65_535;
/** The limit on one step's job summary ($GITHUB_STEP_SUMMARY), in bytes. */
export const JOB_SUMMARY_BYTES = 1024 * 1024;

/** UTF-8 bytes of one code point (a lone surrogate is written as U+FFFD: 3 bytes). */
function utf8Bytes(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Made on the first cut, not at load: building a Segmenter loads ICU data (~20 ms of every cold start). */
let graphemes: Intl.Segmenter | undefined;

/**
 * The longest prefix of `text` of at most `maxBytes` UTF-8 bytes that ends between two
 * characters as a reader sees them: never half a surrogate pair, never an emoji without its
 * variation selector or a flag without its second half.
 */
export function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const n = utf8Bytes(ch.codePointAt(0) ?? 0);
    if (bytes + n > maxBytes) break;
    bytes += n;
    end += ch.length;
  }
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const cluster = graphemes.segment(text).containing(end);
  if (cluster && cluster.index < end) end = cluster.index;
  return text.slice(0, end);
}

/**
 * Markdown cut to a byte limit (a check-run summary: 65,535 bytes) with a visible note: whole
 * lines only, so a table loses rows, never half a row; a single line longer than the limit is cut
 * on a character boundary. Callers that know what a line is (the release summary's region rows)
 * fit first and say what they left out; this is the last guard.
 */
export function fitSummary(markdown: string, maxBytes = CHECK_RUN_TEXT_BYTES, elsewhere = 'the full state is in the ledger text'): string {
  if (Buffer.byteLength(markdown, 'utf8') <= maxBytes) return markdown;
  const note = `\n\n_(summary cut to fit the limit of ${maxBytes.toLocaleString('en-US')} bytes; ${elsewhere})_`;
  const budget = maxBytes - Buffer.byteLength(note, 'utf8');
  if (budget <= 0) return cutToBytes(markdown, maxBytes);
  const lines = markdown.split('\n');
  const kept: string[] = [];
  let bytes = 0;
  // Where the fence open at the cut began: a block without its closing fence swallows the note and
  // everything after it (a Mermaid block that does not parse is drawn as an error), so it goes whole.
  let openFence: number | undefined;
  for (const line of lines) {
    const n = Buffer.byteLength(line, 'utf8') + (kept.length ? 1 : 0);
    if (bytes + n > budget) break;
    if (line.trimStart().startsWith('```')) openFence = openFence === undefined ? kept.length : undefined;
    kept.push(line);
    bytes += n;
  }
  if (openFence !== undefined) kept.length = openFence;
  if (kept.length === 0) return openFence !== undefined ? note.trimStart() : cutToBytes(markdown, budget) + note;
  return kept.join('\n') + note;
}
