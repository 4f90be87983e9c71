/**
 * The one writer of the CLI's colour. Text the CLI prints is plain strings and `Styled` lines:
 * parts the CLI itself marks with a style (a verdict's word, a file:line:col). Untrusted text
 * (plan strings, backend answers) is only ever a part's text, never a style: `render` escapes
 * every part's text first, exactly as the log writer would (guardLog: control characters, ESC
 * among them, become visible `\u001b`), and only then wraps the styled parts in SGR codes it
 * writes itself. So the CLI's own colour gets through and no text from outside can recolour,
 * move the cursor or rewrite a line.
 *
 * Whether to colour follows https://no-color.org and the FORCE_COLOR convention, in this order:
 * NO_COLOR set and non-empty: never; FORCE_COLOR `0` or `false`: never; FORCE_COLOR set to
 * anything else non-empty: always, even piped; otherwise only on a terminal that takes colour.
 * The rule is ours rather than `tty.WriteStream.hasColors()` alone because Node lets FORCE_COLOR
 * win over NO_COLOR and never colours a pipe; Node is still asked what a terminal can show
 * (TERM=dumb has none). The SGR numbers come from `util.inspect.colors`, Node's own table:
 * no package, and `util.styleText` is missing before Node 20.12 (engines: >=20) and, from 22.13,
 * decides by process.stdout on its own, which would make two rules.
 */
import { inspect } from 'node:util';
import { guardLog } from '../report/untrusted.js';

/** What a part means; the palette below says how it looks. */
export type Style = 'failed' | 'passed' | 'attention' | 'dim' | 'bold';

export interface Span {
  readonly style: Style;
  readonly text: string;
}

export type Part = string | Span;

const PALETTE: Record<Style, keyof typeof inspect.colors> = {
  failed: 'red',
  passed: 'green',
  attention: 'yellow',
  dim: 'dim',
  bold: 'bold',
};

/**
 * Text with styled parts. `toString()` is the plain text, so a writer that knows nothing of
 * colour (a test's buffer) still gets exactly what a pipe would.
 */
export class Styled {
  constructor(readonly parts: readonly Part[]) {}

  toString(): string {
    return this.parts.map(partText).join('');
  }
}

/** What the CLI writes: plain text or a styled line. */
export type CliText = string | Styled;

export function styled(...parts: Part[]): Styled {
  return new Styled(parts);
}

export function span(style: Style, text: string): Span {
  return { style, text };
}

export function partText(p: Part): string {
  return typeof p === 'string' ? p : p.text;
}

/** Whether a stream gets colour (see the rule at the top). `stream` is a process stream or a test's stand-in. */
export function colourWanted(stream: { isTTY?: boolean; hasColors?: (env?: object) => boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force) return force !== '0' && force !== 'false';
  if (!stream.isTTY) return false;
  // NO_COLOR and FORCE_COLOR are settled above: ask the terminal alone (TERM, COLORTERM, CI).
  const rest = { ...env };
  delete rest.NO_COLOR;
  delete rest.FORCE_COLOR;
  return stream.hasColors ? stream.hasColors(rest) : true;
}

function sgr(style: Style, text: string): string {
  const [on, off] = inspect.colors[PALETTE[style]] ?? [0, 0];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}

/**
 * The escaped text of one run of parts that starts mid-line: a leading `::` there is no
 * workflow command (the line starts earlier), so guardLog must not see it as a line's start.
 */
function guardMidLine(text: string): string {
  return guardLog(`x${text}`).slice(1);
}

/**
 * The text as written: escaped as the log writer escapes it and, with `colour`, its styled parts
 * in their colours. Without colour it is exactly guardLog of the plain text.
 */
export function render(text: CliText, colour: boolean): string {
  if (typeof text === 'string' || !colour) return guardLog(String(text));
  let out = '';
  let atLineStart = true;
  const emit = (escaped: string, raw: string) => {
    out += escaped;
    if (raw.length > 0) atLineStart = /[\r\n]$/.test(raw);
  };
  let plain = '';
  const flush = () => {
    if (plain) emit(atLineStart ? guardLog(plain) : guardMidLine(plain), plain);
    plain = '';
  };
  for (const p of text.parts) {
    if (typeof p === 'string') {
      plain += p;
      continue;
    }
    flush();
    // One SGR pair per line, so a line break inside a styled part never carries colour over.
    const lines = p.text.split(/(\r\n|\r|\n)/);
    for (const [i, piece] of lines.entries()) {
      if (i % 2 === 1) emit('\n', piece);
      else if (piece) emit(sgr(p.style, atLineStart ? guardLog(piece) : guardMidLine(piece)), piece);
    }
  }
  flush();
  return out;
}
