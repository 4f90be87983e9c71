/**
 * Checks requests and responses against the OpenAPI extract (openapi-extract.json): the subset
 * of JSON Schema that GitHub's description uses (type, nullable, enum, format, properties,
 * required, additionalProperties, items, oneOf/anyOf/allOf, length/size limits, $ref).
 *
 * Hand-written instead of ajv because the extract is OpenAPI 3.0 (`nullable`, path/query
 * parameters as strings) and the subset is small; nothing is added to node_modules.
 *
 * Requests are checked strictly: a body property the description does not name is an error
 * (that is how a typo such as `required_context` is caught; GitHub would silently ignore it).
 */
import { readFileSync } from 'node:fs';

type Schema = { [k: string]: unknown };
type Json = unknown;

/**
 * Request body properties accepted although the extract's description may not name them.
 * `return_run_details` exists on api.github.com since 2026-02-19 and is in @octokit/openapi
 * 23.0.2, but older descriptions (and GHES <= 3.20, which answer 400 to it) lack it: the
 * client sends it on purpose and falls back when refused, so regenerating the extract from an
 * older spec must not turn every dispatch into a validation error.
 */
export const REQUEST_EXTRA_ALLOWED: Record<string, readonly string[]> = {
  'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches': ['return_run_details'],
};

/**
 * Query parameters whose description is narrower than what GitHub accepts: `created` is
 * typed `format: date-time` but takes search qualifiers (`>=2026-11-23T10:00:00Z`, `a..b`),
 * which is how runs are filtered by creation time. Checked against that syntax instead.
 */
const QUERY_RELAXED: Record<string, RegExp> = {
  created: /^(>=|<=|>|<)?\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?(\.\.\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?)?$/,
};

export interface Operation {
  method: string;
  template: string;
  op: Schema;
  params: Record<string, string>;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export class OpenApiValidator {
  readonly spec: Schema;
  private readonly routes: Array<{ template: string; re: RegExp; names: string[] }>;

  constructor(spec?: Schema) {
    this.spec = spec ?? (JSON.parse(readFileSync(new URL('./openapi-extract.json', import.meta.url), 'utf8')) as Schema);
    const paths = this.spec.paths as Record<string, Schema>;
    this.routes = Object.keys(paths).map((template) => {
      const names: string[] = [];
      const re = new RegExp(
        '^' +
          template.replace(/\{([^}]+)\}/g, (_m, n: string) => {
            names.push(n);
            return '([^/]+)';
          }) +
          '$',
      );
      return { template, re, names };
    });
  }

  /** Finds the operation for a method and a path (without query). */
  match(method: string, pathname: string): Operation | undefined {
    for (const r of this.routes) {
      const m = r.re.exec(pathname);
      if (!m) continue;
      const op = (this.spec.paths as Record<string, Schema>)[r.template]?.[method.toLowerCase()] as Schema | undefined;
      if (!op) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
      return { method: method.toUpperCase(), template: r.template, op, params };
    }
    return undefined;
  }

  /** Errors in a request: path and query parameters, then the JSON body. */
  checkRequest(op: Operation, query: URLSearchParams, body: Json): string[] {
    const errors: string[] = [];
    const where = `${op.method} ${op.template}`;
    const declared = new Map<string, Schema>();
    for (const p of (op.op.parameters as Schema[] | undefined) ?? []) {
      const param = this.deref(p);
      declared.set(`${String(param.in)}:${String(param.name)}`, param);
    }
    for (const [key, param] of declared) {
      const [loc, name] = key.split(':') as [string, string];
      const raw = loc === 'path' ? op.params[name] : loc === 'query' ? (query.get(name) ?? undefined) : undefined;
      if (raw === undefined) {
        if (param.required === true) errors.push(`${where}: missing required ${loc} parameter '${name}'`);
        continue;
      }
      const schema = param.schema as Schema;
      const relaxed = loc === 'query' ? QUERY_RELAXED[name] : undefined;
      if (relaxed) {
        if (!relaxed.test(raw)) errors.push(`${where}: query parameter '${name}'='${raw}' is not a date qualifier`);
        continue;
      }
      const candidates: unknown[] = [raw];
      if (/^-?\d+$/.test(raw)) candidates.push(Number(raw));
      if (raw === 'true' || raw === 'false') candidates.push(raw === 'true');
      if (!candidates.some((c) => this.validate(schema, c, '', false).length === 0)) {
        errors.push(`${where}: ${loc} parameter '${name}'='${raw}' ${this.validate(schema, raw, '', false).join('; ')}`);
      }
    }
    for (const name of query.keys()) {
      if (!declared.has(`query:${name}`)) errors.push(`${where}: undeclared query parameter '${name}'`);
    }
    const rb = op.op.requestBody as Schema | undefined;
    if (rb === undefined) {
      if (body !== undefined && !(typeof body === 'object' && body !== null && Object.keys(body).length === 0)) {
        errors.push(`${where}: body sent to an operation that takes none`);
      }
    } else if (body === undefined) {
      if (rb.required === true) errors.push(`${where}: missing required body`);
    } else {
      const schema = ((rb.content as Schema)['application/json'] as Schema).schema as Schema;
      const allowed = new Set(REQUEST_EXTRA_ALLOWED[where] ?? []);
      errors.push(...this.validate(schema, body, 'body', true, allowed).map((e) => `${where}: ${e}`));
    }
    return errors;
  }

  /** Errors in a response: the status must be described, and the body must fit its schema. */
  checkResponse(op: Operation, status: number, body: Json): string[] {
    const where = `${op.method} ${op.template} -> ${status}`;
    const responses = op.op.responses as Record<string, Schema>;
    const described = responses[String(status)] ?? responses.default;
    if (described === undefined) return [`${where}: status not described for this operation`];
    const response = this.deref(described);
    const content = response.content as Record<string, Schema> | undefined;
    const schema = content?.['application/json']?.schema as Schema | undefined;
    if (schema === undefined) {
      if (body === undefined || body === '') return [];
      // An error the description lists without content (the memberships route's 404): GitHub
      // still answers with its error shape, so that is what is checked.
      if (status >= 400) return this.validate({ $ref: '#/components/schemas/basic-error' }, body, `${where}: response`, false);
      return [`${where}: body sent where none is described`];
    }
    return this.validate(schema, body, 'response', false).map((e) => `${where}: ${e}`);
  }

  private deref(node: Schema): Schema {
    let cur = node;
    for (let i = 0; i < 20 && typeof cur.$ref === 'string'; i++) {
      let target: unknown = this.spec;
      for (const part of (cur.$ref as string).slice(2).split('/')) target = (target as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (target === undefined) throw new Error(`dangling $ref ${String(cur.$ref)}`);
      cur = target as Schema;
    }
    return cur;
  }

  /** Validates a value; `strict`: unknown object properties are errors unless additionalProperties allows them. */
  validate(schemaIn: Schema, value: Json, at: string, strict: boolean, allowedExtra: Set<string> = new Set()): string[] {
    const s = this.deref(schemaIn);
    const errors: string[] = [];
    if (value === null) {
      if (s.nullable === true) return [];
      if (s.type === undefined && s.oneOf === undefined && s.anyOf === undefined && s.allOf === undefined && s.enum === undefined) return [];
      if (!(Array.isArray(s.enum) && s.enum.includes(null))) return [`${at}: null where not nullable`];
    }
    if (typeof s.type === 'string' && value !== null) {
      const t = s.type;
      const ok =
        t === 'integer'
          ? typeof value === 'number' && Number.isInteger(value)
          : t === 'number'
            ? typeof value === 'number' && Number.isFinite(value)
            : t === 'string'
              ? typeof value === 'string'
              : t === 'boolean'
                ? typeof value === 'boolean'
                : t === 'array'
                  ? Array.isArray(value)
                  : t === 'object'
                    ? typeof value === 'object' && !Array.isArray(value)
                    : false;
      if (!ok) return [`${at}: expected ${t}, got ${Array.isArray(value) ? 'array' : typeof value} ${short(value)}`];
    }
    if (Array.isArray(s.enum) && !s.enum.includes(value)) errors.push(`${at}: ${short(value)} not one of ${JSON.stringify(s.enum)}`);
    if (typeof value === 'string') {
      if (typeof s.maxLength === 'number' && value.length > s.maxLength) errors.push(`${at}: longer than ${s.maxLength} characters (${value.length})`);
      if (typeof s.minLength === 'number' && value.length < s.minLength) errors.push(`${at}: shorter than ${s.minLength} characters`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern).test(value)) errors.push(`${at}: does not match ${s.pattern}`);
      if (s.format === 'date-time' && !DATE_TIME.test(value)) errors.push(`${at}: not a date-time: ${short(value)}`);
      if (s.format === 'uri' && !URL.canParse(value)) errors.push(`${at}: not a URI: ${short(value)}`);
    }
    if (typeof value === 'number') {
      if (typeof s.maximum === 'number' && value > s.maximum) errors.push(`${at}: above ${s.maximum}`);
      if (typeof s.minimum === 'number' && value < s.minimum) errors.push(`${at}: below ${s.minimum}`);
    }
    if (Array.isArray(value)) {
      if (typeof s.maxItems === 'number' && value.length > s.maxItems) errors.push(`${at}: more than ${s.maxItems} items (${value.length})`);
      if (typeof s.minItems === 'number' && value.length < s.minItems) errors.push(`${at}: fewer than ${s.minItems} items`);
      if (s.items !== undefined) value.forEach((v, i) => errors.push(...this.validate(s.items as Schema, v, `${at}[${i}]`, strict)));
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const obj = value as Record<string, unknown>;
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      if (typeof s.maxProperties === 'number' && Object.keys(obj).length > s.maxProperties) errors.push(`${at}: more than ${s.maxProperties} properties`);
      for (const r of (s.required as string[] | undefined) ?? []) if (!(r in obj)) errors.push(`${at}: missing required property '${r}'`);
      for (const [k, v] of Object.entries(obj)) {
        const p = props[k];
        if (p !== undefined) errors.push(...this.validate(p, v, `${at}.${k}`, strict));
        else if (typeof s.additionalProperties === 'object') errors.push(...this.validate(s.additionalProperties as Schema, v, `${at}.${k}`, strict));
        else if (s.additionalProperties === false) errors.push(`${at}: property '${k}' not allowed`);
        else if (strict && s.additionalProperties !== true && s.properties !== undefined && !allowedExtra.has(k))
          errors.push(`${at}: property '${k}' is not in the API description`);
      }
    }
    if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) errors.push(...this.validate(sub, value, at, false));
    if (Array.isArray(s.anyOf)) {
      const fits = (s.anyOf as Schema[]).map((sub) => this.validate(sub, value, at, false));
      if (!fits.some((e) => e.length === 0)) errors.push(`${at}: matches none of anyOf (${fits.map((e) => e[0]).join(' | ')})`);
    }
    if (Array.isArray(s.oneOf)) {
      const fits = (s.oneOf as Schema[]).map((sub) => this.validate(sub, value, at, strict));
      const n = fits.filter((e) => e.length === 0).length;
      if (n !== 1) errors.push(`${at}: matches ${n} of oneOf (${fits.map((e) => e[0] ?? 'ok').join(' | ')})`);
    }
    return errors;
  }
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}
