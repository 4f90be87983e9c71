/**
 * The action bundle for end-to-end tests: built with the package.json build script (what
 * `npm run build` runs) into a temp folder, never dist/, and its $GITHUB_OUTPUT read back.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Builds the action as dist/ is built; returns the path of its index.js. */
export function buildBundle(prefix = 'pr-dist-'): string {
  const out = mkdtempSync(join(tmpdir(), prefix));
  execFileSync(process.execPath, ['scripts/build.mjs', out], { stdio: 'ignore' });
  return join(out, 'index.js');
}

/** Reads a $GITHUB_OUTPUT file (`name<<DELIMITER`, value lines, `DELIMITER`). */
export function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of readFileSync(file, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1] ?? ''] = m[3] ?? '';
  return out;
}
