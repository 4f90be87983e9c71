/**
 * Collects positioned diagnostics for checks that work on a parsed plan (semantic checks,
 * workflow-file checks): callers name a path, the reporter finds its line and column.
 */
import type { Diagnostic } from './diagnostics.js';
import type { PathSegment, PositionIndex, SourceSpan } from './positions.js';

/** `stages[0].steps[1].traffic`; the empty path is "the plan". */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? 'the plan' : out;
}

/** Point at the value, at its map key, or at the map that should hold it. */
export type Where = 'value' | 'key' | 'parent';

/** Collects diagnostics with positions from one plan. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly file: string,
    readonly pos: PositionIndex,
  ) {}

  /** A diagnostic at `span`, with `message` as it is (callers that word the path themselves). */
  at(span: SourceSpan, message: string, severity: 'error' | 'warning' = 'error'): void {
    this.diagnostics.push({
      file: this.file,
      line: span.line,
      col: span.col,
      ...(span.endLine !== undefined ? { endLine: span.endLine } : {}),
      ...(span.endCol !== undefined ? { endCol: span.endCol } : {}),
      message,
      severity,
    });
  }

  error(path: readonly PathSegment[], message: string, where: Where = 'value'): void {
    this.at(this.pos[where](path), `${formatPath(path)}: ${message}`, 'error');
  }

  warn(path: readonly PathSegment[], message: string, where: Where = 'value'): void {
    this.at(this.pos[where](path), `${formatPath(path)}: ${message}`, 'warning');
  }

  /** An error at a substring of a scalar (e.g. one `{{ name }}` inside a query). */
  errorWithin(path: readonly PathSegment[], needle: string, message: string): void {
    this.at(this.pos.within(path, needle), `${formatPath(path)}: ${message}`, 'error');
  }
}
