/**
 * Turns zod issues into diagnostics a person can act on: the field path, what was expected,
 * what was found, at the line and column of the offending YAML node. Unknown keys point at the
 * key, missing keys at the map that should hold them.
 */
import type { z } from 'zod';
import type { Diagnostic } from './diagnostics.js';
import type { PathSegment, PositionIndex, SourceSpan } from './positions.js';

type Issue = z.core.$ZodIssue;

/** `stages[0].steps[1].traffic`; the empty path is "the plan". */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? 'the plan' : out;
}

/** A short description of a YAML/JSON value for "got ..." (never the whole value: it may be big). */
export function describeAny(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string '${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a map (key: value lines)',
  array: 'a list',
  record: 'a map (key: value lines)',
};

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

// --- walking the zod schema, to list the keys a map accepts ------------------------------------

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

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
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

/** Fields that name an environment variable holding a secret: a wrong value there may BE the secret. */
function isSecretField(path: readonly PathSegment[]): boolean {
  const last = path[path.length - 1];
  return typeof last === 'string' && (last === 'env' || last.endsWith('Env'));
}

// --- issue -> diagnostic ------------------------------------------------------------------------

/** Zod's own default messages start like this; ours (in schema.ts) say what is expected instead. */
const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Expected|Unrecognized)/;

function custom(issue: Issue): string | undefined {
  return DEFAULT_MESSAGE.test(issue.message) ? undefined : issue.message;
}

/** Maps every zod issue to one or more diagnostics. */
export function issuesToDiagnostics(
  issues: readonly Issue[],
  data: unknown,
  pos: PositionIndex,
  file: string,
  root: unknown,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (span: SourceSpan, message: string) =>
    out.push({ file, line: span.line, col: span.col, endLine: span.endLine, endCol: span.endCol, message, severity: 'error' });

  for (const issue of issues) {
    const path = issue.path as PathSegment[];
    const where = formatPath(path);
    const value = valueAt(data, path);
    const describeValue = (v: unknown) => (isSecretField(path) && typeof v === 'string' ? 'a value that is not shown (it may be a secret)' : describeAny(v));
    switch (issue.code) {
      case 'unrecognized_keys': {
        const keys = knownKeys(root, path, data);
        for (const key of issue.keys) {
          const guess = closest(key, keys);
          const hint = guess ? `did you mean '${guess}'? ` : '';
          const list = keys.length ? `(${hint}expected one of: ${keys.join(', ')})` : '';
          push(pos.key([...path, key]), `${formatPath([...path, key])}: unknown key '${key}' in ${where} ${list}`.trim());
        }
        break;
      }
      case 'invalid_type': {
        const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
        const form = custom(issue) ?? `expected ${expected}`;
        if (value === undefined && path.length > 0) {
          const last = path[path.length - 1];
          const about = fieldDescription(root, path, data);
          push(pos.parent(path), `${formatPath(path.slice(0, -1))}: missing required key '${String(last)}' (${form}${about ? `: ${about}` : ''})`);
        } else if (path.length === 0) {
          push(pos.value(path), `the plan must be a YAML map with at least name, deploy and stages; got ${describeValue(value)}`);
        } else {
          push(pos.value(path), `${where}: ${form}; got ${describeValue(value)}`);
        }
        break;
      }
      case 'invalid_key': {
        const inner = issue.issues[0]?.message ?? 'invalid key';
        push(pos.key(path), `${where}: invalid name '${String(path[path.length - 1])}': ${inner}`);
        break;
      }
      case 'invalid_union': {
        if ('discriminator' in issue && issue.discriminator) {
          const options = ((issue as { options?: unknown[] }).options ?? []).map((o) => `'${String(o)}'`).join(', ');
          if (value === undefined) push(pos.parent(path), `${formatPath(path.slice(0, -1))}: missing required key '${issue.discriminator}' (one of ${options})`);
          else push(pos.value(path), `${where}: expected one of ${options}; got ${describeValue(value)}`);
          break;
        }
        // A union of a scalar form and a map form (approval: true | {timeout, users, teams};
        // header: "text" | {env: NAME}): name both forms.
        const forms = unionForms(root, path, data);
        push(pos.value(path), `${where}: expected ${forms}; got ${describeValue(value)}`);
        break;
      }
      case 'invalid_value': {
        const options = issue.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
        push(pos.value(path), `${where}: expected ${issue.values.length > 1 ? 'one of ' : ''}${options}; got ${describeValue(value)}`);
        break;
      }
      case 'too_small':
      case 'too_big': {
        const msg = custom(issue) ?? boundMessage(issue);
        push(pos.value(path), `${where}: ${msg}; got ${describeValue(value)}`);
        break;
      }
      case 'invalid_format': {
        const msg = custom(issue) ?? (issue.format === 'url' ? 'must be an absolute URL such as https://host.example.com' : `must be a valid ${issue.format}`);
        push(pos.value(path), `${where}: ${msg}; got ${describeValue(value)}`);
        break;
      }
      default:
        push(pos.value(path), `${where}: ${issue.message}`);
    }
  }
  return out;
}

function boundMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'array':
    case 'set':
      return small ? `needs at least ${bound} item${bound === 1 ? '' : 's'}` : `may have at most ${bound} items`;
    case 'string':
      return small ? (Number(bound) === 1 ? 'must not be empty' : `must be at least ${bound} characters`) : `must be at most ${bound} characters`;
    default:
      if (small) return Number(bound) === 0 && !inclusive ? 'must be greater than 0' : `must be at least ${inclusive ? bound : `more than ${bound}`}`;
      return `must be at most ${inclusive ? bound : `less than ${bound}`}`;
  }
}

function unionForms(root: unknown, path: readonly PathSegment[], data: unknown): string {
  // Find the union schema itself (schemaAt resolves unions by the data, so walk the parent).
  const parent = schemaAt(root, path.slice(0, -1), data);
  const def = defOf(parent);
  let union: unknown;
  const last = path[path.length - 1];
  if (def?.type === 'object') union = unwrap(def.shape?.[String(last)]);
  else if (def?.type === 'record') union = unwrap(def.valueType);
  else if (def?.type === 'array') union = unwrap(def.element);
  const options = defOf(union)?.options ?? [];
  const forms = options.map((o) => {
    const od = defOf(unwrap(o));
    if (od?.type === 'object' && od.shape) return `a map with ${Object.keys(od.shape).join('/')}`;
    return TYPE_WORDS[od?.type ?? ''] ?? od?.type ?? 'a value';
  });
  return forms.length ? forms.join(' or ') : 'a different form';
}

/** The schema's `.describe()` text for the field at `path` (on the field or its inner type). */
export function fieldDescription(root: unknown, path: readonly PathSegment[], data: unknown): string | undefined {
  const parent = defOf(schemaAt(root, path.slice(0, -1), data));
  if (parent?.type !== 'object') return undefined;
  const field = parent.shape?.[String(path[path.length - 1])] as { description?: string } | undefined;
  return field?.description ?? (unwrap(field) as { description?: string } | undefined)?.description;
}
