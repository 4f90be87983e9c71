/**
 * Collects positioned diagnostics for checks that work on a parsed plan (semantic checks,
 * workflow-file checks): callers name a path, the reporter finds its line and column.
 */
import type { Diagnostic } from './diagnostics.js';
import { formatPath } from './issues.js';
import type { PathSegment, PositionIndex, SourceSpan } from './positions.js';

/** Point at the value, at its map key, or at the map that should hold it. */
export type Where = 'value' | 'key' | 'parent';

/** Collects diagnostics with positions from one plan. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly file: string,
    readonly pos: PositionIndex,
  ) {}

  private push(span: SourceSpan, message: string, severity: 'error' | 'warning'): void {
    this.diagnostics.push({ file: this.file, line: span.line, col: span.col, endLine: span.endLine, endCol: span.endCol, message, severity });
  }

  error(path: readonly PathSegment[], message: string, where: Where = 'value'): void {
    this.push(this.pos[where](path), `${formatPath(path)}: ${message}`, 'error');
  }

  warn(path: readonly PathSegment[], message: string, where: Where = 'value'): void {
    this.push(this.pos[where](path), `${formatPath(path)}: ${message}`, 'warning');
  }

  /** An error at a substring of a scalar (e.g. one `{{ name }}` inside a query). */
  errorWithin(path: readonly PathSegment[], needle: string, message: string): void {
    this.push(this.pos.within(path, needle), `${formatPath(path)}: ${message}`, 'error');
  }
}
