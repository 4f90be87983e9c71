/**
 * A problem found in a plan (or a workflow file it refers to), with its place in the file.
 * One shape for the CLI (`file:line:col: message`), the action (`core.error` annotations) and
 * the ledger's check-run annotations.
 */
export interface Diagnostic {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  message: string;
  severity: 'error' | 'warning';
  endLine?: number;
  endCol?: number;
}

/** `file:line:col: message` (warnings are prefixed with `warning: ` so they stand out). */
export function formatDiagnostic(d: Diagnostic): string {
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return `${d.file}:${d.line}:${d.col}: ${prefix}${d.message}`;
}

/** Orders diagnostics by position, so output reads top to bottom like the file. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}

/** True when any diagnostic is an error (warnings never block). */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}
