/**
 * Turns zod issues into diagnostics a person can act on: the field path, what was expected,
 * what was found, at the line and column of the offending YAML node. Unknown keys point at the
 * key, missing keys at the map that should hold them.
 */
import type { z } from 'zod/mini';
import type { Diagnostic } from './diagnostics.js';
import type { PathSegment, PositionIndex, SourceSpan } from './positions.js';
import { formatPath, Reporter } from './reporter.js';
import { plural } from './words.js';
import { closest, defOf, fieldDescription, isRequired, knownKeys, schemaAt, unwrap } from './schema-walk.js';

type Issue = z.core.$ZodIssue;

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

/** The known key an unknown key was probably meant to be (typo help), if any. */
function guessFor(root: unknown, path: readonly PathSegment[], data: unknown, key: string): string | undefined {
  return closest(key, knownKeys(root, path, data));
}

/**
 * The paths where the plan's shape is broken, for the semantic checks to stay clear of. An
 * unknown key breaks nothing beside it, except the key it was probably meant to be: with `bak:
 * 10m` the step's bake is unknown, not the default 0s.
 */
export function brokenPaths(issues: readonly Issue[], data: unknown, root: unknown): PathSegment[][] {
  const out: PathSegment[][] = [];
  for (const issue of issues) {
    const path = issue.path as PathSegment[];
    const inner = mapFormIssues(issue, path, valueAt(data, path));
    if (inner) out.push(...brokenPaths(inner, data, root));
    else if (issue.code !== 'unrecognized_keys') out.push(path);
    else
      for (const key of issue.keys) {
        const guess = guessFor(root, path, data, key);
        if (guess !== undefined) out.push([...path, guess]);
      }
  }
  return out;
}

/** `deploy.workflow` when `deploy` has the unknown key `workflows`: the missing key is the typo's, said once. */
function typoTargets(issues: readonly Issue[], data: unknown, root: unknown): Set<string> {
  const out = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path as PathSegment[];
    for (const key of issue.keys) {
      const guess = guessFor(root, path, data, key);
      if (guess !== undefined && valueAt(data, [...path, guess]) === undefined) out.add(formatPath([...path, guess]));
    }
  }
  return out;
}

function unknownKeys(issue: Extract<Issue, { code: 'unrecognized_keys' }>, data: unknown, root: unknown, missing: Set<string>, r: Reporter): void {
  const path = issue.path as PathSegment[];
  const where = formatPath(path);
  const keys = knownKeys(root, path, data);
  for (const key of issue.keys) {
    const guess = guessFor(root, path, data, key);
    const required = guess !== undefined && missing.has(formatPath([...path, guess])) && isRequired(root, [...path, guess], data);
    const hint = guess ? `did you mean '${guess}'? ${required ? `${where} requires it; ` : ''}` : '';
    const list = keys.length ? `(${hint}expected one of: ${keys.join(', ')})` : '';
    r.at(r.pos.key([...path, key]), `${formatPath([...path, key])}: unknown key '${key}' in ${where} ${list}`.trim());
  }
}

/**
 * A map of a discriminated union (a provider) without its `type`. zod stops at the missing tag
 * and never reports the map's unknown keys, so a typo of the tag (`typ: prometheus`) is found
 * here and said once, at the typo.
 */
function missingDiscriminator(path: readonly PathSegment[], tag: string, options: string, data: unknown, r: Reporter): void {
  const map = path.slice(0, -1);
  const held = valueAt(data, map);
  const keys = held !== null && typeof held === 'object' && !Array.isArray(held) ? Object.keys(held) : [];
  const typo = keys.find((k) => closest(k, [tag]) === tag);
  if (typo === undefined) r.at(r.pos.parent(path), `${formatPath(map)}: missing required key '${tag}' (one of ${options})`);
  else
    r.at(
      r.pos.key([...map, typo]),
      `${formatPath([...map, typo])}: unknown key '${typo}' in ${formatPath(map)} (did you mean '${tag}'? ${formatPath(map)} requires it: one of ${options})`,
    );
}

/** The issues of a union's map form, at their full paths, when a map was given and only that form takes maps. */
export function mapFormIssues(issue: Issue, path: readonly PathSegment[], value: unknown): Issue[] | undefined {
  if (issue.code !== 'invalid_union' || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const notAMap = (errs: readonly Issue[]) => errs.length === 1 && errs[0]?.code === 'invalid_type' && errs[0].path.length === 0;
  const forms = (issue.errors ?? []).filter((errs) => !notAMap(errs));
  if (forms.length !== 1 || !forms[0]?.length) return undefined;
  return forms[0].map((inner) => ({ ...inner, path: [...path, ...inner.path] }) as Issue);
}

/** Maps every zod issue to one or more diagnostics. */
export function issuesToDiagnostics(issues: readonly Issue[], data: unknown, pos: PositionIndex, file: string, root: unknown): Diagnostic[] {
  const r = new Reporter(file, pos);
  const push = (span: SourceSpan, message: string) => r.at(span, message);
  const typos = typoTargets(issues, data, root);

  for (const issue of issues) {
    const path = issue.path as PathSegment[];
    const where = formatPath(path);
    const value = valueAt(data, path);
    const describeValue = (v: unknown) => (isSecretField(path) && typeof v === 'string' ? 'a value that is not shown (it may be a secret)' : describeAny(v));
    // A missing key that an unknown key beside it was meant to be is reported with that key.
    if (value === undefined && typos.has(where) && issue.code !== 'unrecognized_keys') continue;
    switch (issue.code) {
      case 'unrecognized_keys':
        unknownKeys(issue, data, root, typos, r);
        break;
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
          if (value === undefined) missingDiscriminator(path, issue.discriminator, options, data, r);
          else push(pos.value(path), `${where}: expected one of ${options}; got ${describeValue(value)}`);
          break;
        }
        // A map given to a union of a scalar form and a map form: the map form is what was
        // meant, so its own issues say what is wrong inside it (`approval: { timeout: 90 }`).
        const inner = mapFormIssues(issue, path, value);
        if (inner) {
          r.diagnostics.push(...issuesToDiagnostics(inner, data, pos, file, root));
          break;
        }
        // Otherwise (approval: true | {timeout, users, teams}; header: "text" | {env: NAME}): name both forms.
        // A union that says its own forms in words (compare.promoteEarly) is quoted as written.
        push(pos.value(path), `${where}: ${custom(issue) ?? `expected ${unionForms(root, path, data)}`}; got ${describeValue(value)}`);
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
  return r.diagnostics;
}

function boundMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'array':
    case 'set':
      return small ? `needs at least ${plural(Number(bound), 'item')}` : `may have at most ${plural(Number(bound), 'item')}`;
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
