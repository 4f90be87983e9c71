/**
 * The ledger's annotations: GitHub appends them (each update adds, none is replaced) and takes at
 * most 50 per request, so the ledger sends each once, keyed by what it says, in batches of 50.
 */
import type { Annotation } from '../driver/ports.js';

const ANNOTATIONS_PER_REQUEST = 50;

/** What tells one annotation from another: the ledger remembers the keys of those it sent. */
export function annotationKey(a: Annotation): string {
  return `${a.path}:${a.line}:${a.level}:${a.title}:${a.message}`;
}

/** The annotations in GitHub's batches of at most 50. */
export function annotationBatches(fresh: readonly Annotation[]): Annotation[][] {
  const batches: Annotation[][] = [];
  for (let i = 0; i < fresh.length; i += ANNOTATIONS_PER_REQUEST) batches.push(fresh.slice(i, i + ANNOTATIONS_PER_REQUEST));
  return batches;
}

/** The check-run API's form of annotations (one line each). */
export function toApi(list: readonly Annotation[]) {
  return list.map((a) => ({ path: a.path, start_line: a.line, end_line: a.line, annotation_level: a.level, title: a.title, message: a.message }));
}
