/**
 * Paths in annotations must be relative to the repository root, or GitHub cannot place them
 * (an absolute `plan` input made the check run's `blob_href` `.../blob/<sha>//tmp/...`).
 * One writer for validate mode's `::error file=` commands and run mode's check-run annotations.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * `file` relative to the workspace (the checkout, GITHUB_WORKSPACE: the entry passes it in) when it
 * lies inside it; as given (without `./`) otherwise.
 */
export function annotationPath(file: string, workspace: string | undefined): string {
  if (workspace) {
    const rel = relative(resolve(workspace), resolve(file));
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return file.replace(/^\.\//, '');
}
