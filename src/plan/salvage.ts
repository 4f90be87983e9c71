/**
 * What is left of a plan whose shape is wrong somewhere: the parts the schema accepted, so the
 * semantic checks can run on them and one `validate` lists every problem. The schema's issues
 * say where the plan is broken (zod checks every field, element and entry and reports each
 * problem at its own path); everything at, under or above such a path is withheld, so a check
 * sees a broken value as absent and a check that needs it is skipped rather than reporting a
 * second, confusing error about the same mistake.
 */
import type { PathSegment } from './positions.js';
import type { PlanInput } from './schema.js';

/**
 * The plan as far as its shape is valid: every field may be missing, a list keeps the index of
 * a broken item (as `undefined`) and a map the key of a broken entry, so positions, references
 * ("is gate x declared?") and duplicates still see them.
 */
export type PartialPlan = DeepPartial<PlanInput>;

type DeepPartial<T> = T extends readonly (infer E)[]
  ? (DeepPartial<E> | undefined)[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

/** Where the plan's shape is broken, from the schema's issues. */
export class Validity {
  /** A plan whose shape is valid everywhere. */
  static readonly ALL = new Validity([]);

  private readonly broken: string[][];

  constructor(broken: readonly (readonly PathSegment[])[]) {
    this.broken = broken.map((p) => p.map(String));
  }

  /** True when nothing at, under or above `path` is broken: the whole value there can be trusted. */
  ok(path: readonly PathSegment[]): boolean {
    const want = path.map(String);
    return !this.broken.some((b) => startsWith(b, want) || startsWith(want, b));
  }

  /**
   * True when the value at `path`, or a map or list holding it, is broken: its absence in the
   * partial plan says nothing about the file (a check of "missing x" must not run).
   */
  unknown(path: readonly PathSegment[]): boolean {
    const want = path.map(String);
    return this.broken.some((b) => startsWith(want, b));
  }

  /** The value at `data` with every broken part replaced by `undefined` (a copy; `data` is untouched). */
  prune(data: unknown, path: PathSegment[] = []): unknown {
    if (this.unknown(path)) return undefined;
    if (this.ok(path) || data === null || typeof data !== 'object') return data;
    if (Array.isArray(data)) return data.map((item, i) => this.prune(item, [...path, i]));
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) out[key] = this.prune(value, [...path, key]);
    return out;
  }
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}
