/**
 * The one writer of how wide the CLI's human output may be, and of fitting a line into it.
 * The width is the terminal's on a terminal, else `COLUMNS` when set, else none: piped output
 * keeps whole lines, as `ls` and `gh` do, so `grep` and files see every line as one.
 *
 * A table's last column (WHY) is the only one that gives: the columns before it keep their
 * width, so the table still reads as columns, and the reason wraps at spaces onto lines below,
 * indented to where it started. It is wrapped, never cut: a verdict's reason is the point of the
 * line. Where the columns before it leave too little room, the reason goes under the row with a
 * small indent instead. Widths count code points (what the CLI prints is ASCII, arrows and
 * dashes); a word longer than a line is split.
 */
import { oneLine } from '../report/untrusted.js';
import { partText, Styled, type CliText, type Part } from './colour.js';

/** Below this many columns a reason beside the row would be a ribbon: it goes under the row. */
const MIN_TAIL = 24;

/** The width the human output must fit, or undefined for no limit. */
export function outputWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number | undefined {
  if (stream.isTTY && stream.columns !== undefined && stream.columns > 0) return stream.columns;
  const columns = env.COLUMNS?.trim();
  return columns && /^\d{1,5}$/.test(columns) && Number(columns) > 0 ? Number(columns) : undefined;
}

function width(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

function sliceCodePoints(text: string, from: number, to?: number): string {
  return [...text].slice(from, to).join('');
}

function withText(p: Part, text: string): Part {
  return typeof p === 'string' ? text : { style: p.style, text };
}

/**
 * Parts as the writer will show them: a control character becomes its visible escape (`\u001b`,
 * six columns) there, so it is measured as that here, or the line would outgrow the width.
 */
function shown(parts: readonly Part[]): Part[] {
  return parts.map((p) => withText(p, oneLine(partText(p))));
}

function partsWidth(parts: readonly Part[]): number {
  return parts.reduce((n, p) => n + width(partText(p)), 0);
}

/** Splits parts into lines of at most `max` characters at spaces, keeping each piece's style. */
export function wrapParts(parts: readonly Part[], max: number): Part[][] {
  const room = Math.max(1, max);
  const lines: Part[][] = [];
  let line: Part[] = [];
  let used = 0;
  let space: Part | undefined;
  const breakLine = () => {
    lines.push(line);
    line = [];
    used = 0;
    space = undefined;
  };
  for (const p of parts) {
    for (const token of partText(p).split(/( +)/)) {
      if (token === '') continue;
      if (token.startsWith(' ')) {
        if (used > 0) space = withText(p, token);
        continue;
      }
      const gap = space ? width(partText(space)) : 0;
      if (used > 0 && used + gap + width(token) > room) breakLine();
      if (space && used > 0) {
        line.push(space);
        used += gap;
      }
      space = undefined;
      let rest = token;
      while (used + width(rest) > room) {
        const fits = room - used;
        if (fits > 0) line.push(withText(p, sliceCodePoints(rest, 0, fits)));
        rest = fits > 0 ? sliceCodePoints(rest, fits) : rest;
        breakLine();
      }
      if (rest) {
        line.push(withText(p, rest));
        used += width(rest);
      }
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

/** The parts cut to at most `max` characters (a row's own columns, on a terminal narrower than they are). */
function cutParts(parts: readonly Part[], max: number): Part[] {
  const out: Part[] = [];
  let left = max;
  for (const p of parts) {
    const text = partText(p);
    if (width(text) <= left) {
      out.push(p);
      left -= width(text);
    } else {
      if (left > 0) out.push(withText(p, sliceCodePoints(text, 0, left)));
      break;
    }
  }
  return out;
}

function trimEnd(parts: Part[]): Part[] {
  const out = [...parts];
  while (out.length > 0) {
    const last = out[out.length - 1] as Part;
    const text = partText(last).trimEnd();
    if (text) {
      out[out.length - 1] = withText(last, text);
      break;
    }
    out.pop();
  }
  return out;
}

/**
 * One table row within `max` columns: `head` is the columns before the last, `tail` the last
 * (the reason). Without a limit, or when it fits, the row is one line as before.
 */
export function fitRow(headParts: readonly Part[], tailParts: readonly Part[], max: number | undefined, indent = 4): Styled[] {
  const head = max === undefined ? headParts : shown(headParts);
  const tail = max === undefined ? tailParts : shown(tailParts);
  const all = [...head, ...tail];
  if (max === undefined || partsWidth(all) <= max) return [new Styled(trimEnd(all))];
  const headWidth = partsWidth(head);
  if (max - headWidth >= MIN_TAIL) {
    const pad = ' '.repeat(headWidth);
    return wrapParts(tail, max - headWidth).map((l, i) => new Styled(i === 0 ? [...head, ...l] : [pad, ...l]));
  }
  const under = Math.min(indent, Math.floor(max / 2));
  const first = new Styled(trimEnd(cutParts(head, max)));
  const rest = partsWidth(tail) > 0 ? wrapParts(tail, max - under).map((l) => new Styled([' '.repeat(under), ...l])) : [];
  return [first, ...rest];
}

/** A line of prose (a verdict, a note, a diagnostic) within `max` columns: wrapped at spaces, later lines indented. */
export function fitLine(line: CliText, max: number | undefined, indent = 2): CliText[] {
  if (max === undefined) return [line];
  const parts = shown(typeof line === 'string' ? [line] : line.parts);
  if (partsWidth(parts) <= max) return [line];
  // The line's own indent (a help text's option lines) stays, and later lines sit deeper.
  const lead = /^ */.exec(partText(parts[0] ?? ''))?.[0] ?? '';
  const own = Math.min(width(lead), Math.floor(max / 2));
  const under = Math.min(own + indent, Math.floor(max / 2));
  const [first = [], ...rest] = wrapParts(parts, max - own);
  // Later lines are re-wrapped to the room their indent leaves.
  const tail = rest.length
    ? wrapParts(
        rest.flatMap((l, i) => (i === 0 ? l : [' ', ...l])),
        max - under,
      )
    : [];
  return [new Styled([' '.repeat(own), ...first]), ...tail.map((l) => new Styled([' '.repeat(under), ...l]))];
}

/** Every line of `text` (lines end with '\n') fitted; the result ends as `text` does. */
export function fitText(text: string, max: number | undefined, indent = 2): string {
  if (max === undefined) return text;
  const ends = text.endsWith('\n');
  const lines = (ends ? text.slice(0, -1) : text).split('\n');
  return lines.flatMap((l) => fitLine(l, max, indent).map(String)).join('\n') + (ends ? '\n' : '');
}
