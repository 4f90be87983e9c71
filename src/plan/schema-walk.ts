/**
 * Reading the zod schema itself (not validating with it): which keys a map accepts, what a field
 * is described as, which forms a union takes. Used to word error messages; zod 4 keeps this in
 * each schema's `_zod.def`.
 */
import { globalRegistry, type z } from 'zod/mini';
import type { PathSegment } from './positions.js';

interface Def {
  type: string;
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
  innerType?: unknown;
  options?: unknown[];
  discriminator?: string;
  in?: unknown;
}

/** The internal definition of a zod 4 schema (undefined for anything else). */
export function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** Looks through optional/nullable/default/readonly/pipe wrappers to the schema that decides the shape. */
export function unwrap(schema: unknown): unknown {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(s);
    if (!def) return s;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'readonly') s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else return s;
  }
  return s;
}

/** Picks the member of a union that matches the data (by discriminator, else the first object member for maps). */
function pickUnion(def: Def, data: unknown): unknown {
  const options = def.options ?? [];
  if (def.discriminator && data && typeof data === 'object') {
    const tag = (data as Record<string, unknown>)[def.discriminator];
    for (const opt of options) {
      const shape = defOf(unwrap(opt))?.shape;
      const lit = defOf(shape?.[def.discriminator]) as { values?: unknown[] } | undefined;
      if (lit?.values?.includes(tag)) return opt;
    }
    return undefined;
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) return options.find((o) => defOf(unwrap(o))?.type === 'object');
  return undefined;
}

/** The schema that describes the value at `path` (undefined when it cannot be told). */
export function schemaAt(root: unknown, path: readonly PathSegment[], data: unknown): unknown {
  let s = unwrap(root);
  let d = data;
  for (const seg of path) {
    let def = defOf(s);
    if (def?.type === 'union') {
      s = unwrap(pickUnion(def, d));
      def = defOf(s);
    }
    if (!def) return undefined;
    if (def.type === 'object') s = unwrap(def.shape?.[String(seg)]);
    else if (def.type === 'record') s = unwrap(def.valueType);
    else if (def.type === 'array') s = unwrap(def.element);
    else return undefined;
    d = d !== null && typeof d === 'object' ? (d as Record<string | number, unknown>)[seg] : undefined;
  }
  const def = defOf(s);
  if (def?.type === 'union') return unwrap(pickUnion(def, d)) ?? s;
  return s;
}

/** The keys the map at `path` accepts, for "unknown key" messages. */
export function knownKeys(root: unknown, path: readonly PathSegment[], data: unknown): string[] {
  const def = defOf(schemaAt(root, path, data));
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The closest known key by edit distance (typo help), if close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDist) {
      best = c;
      bestDist = dist;
    }
  }
  return best !== undefined && bestDist <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 64;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The description schema.ts gave the field at `path` (on the field or its inner type). */
export function fieldDescription(root: unknown, path: readonly PathSegment[], data: unknown): string | undefined {
  const parent = defOf(schemaAt(root, path.slice(0, -1), data));
  if (parent?.type !== 'object') return undefined;
  const field = parent.shape?.[String(path[path.length - 1])];
  return descriptionOf(field) ?? descriptionOf(unwrap(field));
}

/** Descriptions live in zod's global registry (zod/mini schemas have no `.description`). */
function descriptionOf(schema: unknown): string | undefined {
  if (defOf(schema) === undefined) return undefined;
  return globalRegistry.get(schema as z.core.$ZodType)?.description;
}

/** True when the map at `path`'s parent must have `path`'s last key (the field is not optional). */
export function isRequired(root: unknown, path: readonly PathSegment[], data: unknown): boolean {
  const parent = defOf(schemaAt(root, path.slice(0, -1), data));
  if (parent?.type !== 'object') return false;
  const field = defOf(parent.shape?.[String(path[path.length - 1])]);
  return field !== undefined && field.type !== 'optional';
}
