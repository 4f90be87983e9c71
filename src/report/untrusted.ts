/**
 * Text the action did not write itself: metric backend answers and series labels, GitHub's
 * answers (error messages, run titles and statuses), plan strings. Each place that text can
 * land has one neutraliser here, and every writer of that place calls it:
 *
 * - the log (stdout, which the runner reads for workflow commands): `oneLine` for a field inside
 *   a line, and `guardLog` in the log writer itself for every line it writes;
 * - Markdown (job summary, check-run summary): `markdownText`;
 * - HTML (a `<pre>` block in a job summary): `htmlText`.
 *
 * Annotations sent as workflow commands are escaped by the command writer (src/runner/io.ts,
 * `@actions/core`'s rules); check-run annotations are JSON fields shown as plain text.
 *
 * What the runner accepts as a command (actions/runner, src/Runner.Common/ActionCommand.cs and
 * src/Runner.Worker/ActionCommandManager.cs): it reads stdout line by line (.NET ReadLine: a line
 * ends at LF, CR or CRLF); a line is a command when, after TrimStart (any Unicode white space),
 * it starts with `::` and names a registered command (`::add-mask::`, `::stop-commands::`,
 * `::set-output`, `::error::`, ...), or when it contains `##[name]` ANYWHERE (the old form, still
 * parsed for the same registered commands).
 */

/** Line breaks as .NET and the log viewer see them (CRLF first, so it reads as one break). */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
/** Control characters other than tab and the line breaks above (ANSI escapes, NUL, DEL, C1). */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
/** White space .NET's TrimStart removes (JS `\s` misses U+0085). */
const LEADING_COMMAND = /^([\s\u0085]*)::/;
const OLD_COMMAND = /##\[/g;

function visible(ch: string): string {
  if (ch === '\r\n' || ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * One line of log text: line breaks and control characters become visible escapes (`\n`,
 * `\u001b`), so backend text can neither start a new line (a new runner command) nor recolour or
 * rewrite the line it sits in. Tabs become spaces.
 */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAK, visible).replace(CONTROL, visible).replace(/\t/g, ' ');
}

/**
 * What the log writer applies to everything it writes (the last guard, whatever a caller
 * forgot): each line that would start a runner command gets a backslash before its `::`, and
 * every `##[` becomes `##\u005b`, which reads the same to a person and is still valid inside
 * a JSON string (the CLI's --json output goes through here too). Line breaks are normalised to
 * LF; the runner would split at a lone CR as well.
 */
export function guardLog(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(CONTROL, visible).replace(LEADING_COMMAND, '$1\\::').replace(OLD_COMMAND, '##\\u005b'))
    .join('\n');
}

/**
 * Markdown punctuation that could make text into something else: a table cell (`|`), a link or
 * image (`[`, `]`, `!`), HTML or a comment (`<`, `>`, `&`), emphasis (`*`, `_`, `~`), code
 * (`` ` ``), a heading (`#`), math (`$`), and the escape character itself.
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>#|~!&$]/g;

/**
 * Text inside a Markdown line or table cell: shown as written, never as Markdown or HTML.
 * Line breaks become spaces (a break would end the row or start a block); control characters
 * become visible escapes; every special character is backslash-escaped (CommonMark renders
 * `\<` as `<`, so the text still reads as the backend wrote it).
 */
export function markdownText(text: string): string {
  return text.replace(LINE_BREAK, ' ').replace(CONTROL, visible).replace(MARKDOWN_SPECIAL, '\\$&');
}

const HTML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text inside an HTML element (a `<pre>` block): entities for the five characters HTML reads. */
export function htmlText(text: string): string {
  return text.replace(CONTROL, visible).replace(/[&<>"']/g, (c) => HTML_ENTITY[c] ?? c);
}

/** A link target the summary may use: an http(s) URL without spaces or Markdown-breaking characters. */
export function safeLinkTarget(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/[^\s()<>[\]`|\\]+$/i.test(url) ? url : undefined;
}

/** What a code span may hold as is: the reason-codes and ids this engine writes (a release id: up to 200, as input `release`). */
const CODE_SAFE = /^[A-Za-z0-9._:@/-]{1,200}$/;

/**
 * A reason-code or id in Markdown: a code span when it is one this engine could have written,
 * else plain escaped text (a backslash does not escape inside a code span, so a backtick from a
 * tampered ledger would end the span and let the rest render as Markdown or HTML).
 */
export function markdownCode(text: string): string {
  return CODE_SAFE.test(text) ? `\`${text}\`` : markdownText(text);
}

/** What a Mermaid label may hold as written: nothing the gantt lexer or the SVG's HTML reads. */
const MERMAID_SAFE = /[A-Za-z0-9 ._\-/@()+=,]/;
/** Words the gantt lexer takes as a statement at the start of a line (case-insensitive), whatever follows. */
const MERMAID_KEYWORD =
  /^\s*(gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|title|acctitle|accdescr|section|click|call|href)/i;

/**
 * Text inside a Mermaid diagram (a gantt task or section name): every character outside a small
 * safe set becomes a Mermaid entity code (`#58;` for `:`), which Mermaid turns back into the
 * character when it draws, so `:` cannot start a task's data, `#`/`;`/`%%` cannot end or comment
 * a statement, a line break cannot start a statement, and `<` cannot become HTML. A name that
 * starts with one of the lexer's keywords (`section x`) has its first letter encoded too.
 * Empty text reads as `?`: a task without a name does not parse.
 */
export function mermaidText(text: string): string {
  let out = '';
  for (const ch of text) out += MERMAID_SAFE.test(ch) ? ch : `#${ch.codePointAt(0) ?? 63};`;
  out = out.trim();
  if (out === '') return '?';
  const keyword = MERMAID_KEYWORD.exec(out);
  return keyword ? `#${out.codePointAt(0) ?? 63};${out.slice(1)}` : out;
}
