/**
 * Escaping template values for the language they land in. Values are data, never code: a
 * version string must not be able to add a PromQL matcher, a Datadog tag or a URL segment.
 *
 * The escaper depends on WHERE a `{{ name }}` sits in the template, not only on the language:
 * inside a PromQL string literal ("..." or '...') a value is escaped like a Go string; outside
 * any literal (e.g. `rate(x[{{ window }}])`) nothing can be escaped, so the value must be a
 * plain token (number, duration, identifier). A value that cannot be made safe is refused:
 * `unsafeTemplateValues` lets the validator refuse it before a release starts, and `render*`
 * throws `UnsafeValueError` at measurement time (the provider turns it into an error observation).
 */
import { contextValues, instantRange, renderTemplate, templateContext, templateRefs, TemplateError } from './template.js';
import type { Gate, Plan, Provider } from './types.js';
import { formatDuration } from './duration.js';
import { releaseIdOf } from './ids.js';

/** Languages a template can be rendered into. */
export type TemplateLanguage = 'promql' | 'datadog' | 'url' | 'json' | 'plain';

/** Thrown when a value cannot be placed safely; the message names the variable and why. */
export class UnsafeValueError extends Error {
  override name = 'UnsafeValueError';
}

/** A value outside any string literal must be one plain token: number, duration, identifier, dotted version. */
const BARE_TOKEN = /^[A-Za-z0-9_.:]+$/;
/** Datadog tag values: letters, digits, `_ - : . /` (Datadog's tag rules); anything else (`,` `}` space) would change the scope. */
const DATADOG_TAG = /^[A-Za-z0-9_.:/-]+$/;

/** Escapes a value for the inside of a PromQL double- or single-quoted string (Go string escaping). */
export function escapePromqlString(value: string, quote: '"' | "'" = '"'): string {
  let out = '';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\u007f') out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

/** Escapes a value for a URL path segment or query parameter (everything but unreserved characters). */
export function escapeUrlComponent(value: string, name = 'value'): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // Only a lone UTF-16 surrogate cannot be encoded.
    throw new UnsafeValueError(`{{ ${name} }} is not valid Unicode text and cannot be put in a URL`);
  }
}

/**
 * Datadog tag values cannot be quoted in a metrics query, so a value is either a valid tag
 * value (returned lower-cased: Datadog stores tags lower-case, so `EU-West` would never match)
 * or refused.
 */
export function escapeDatadogTag(value: string, name = 'value'): string {
  if (!DATADOG_TAG.test(value)) {
    throw new UnsafeValueError(`{{ ${name} }} = '${value}' cannot be used in a Datadog query: tag values may only contain letters, digits and _ - : . /`);
  }
  return value.toLowerCase();
}

/** The string-literal context at each offset of a template: which quote is open there (`#`: a PromQL comment), if any. */
function quoteAt(text: string, offsets: readonly number[], language: 'promql' | 'json'): Map<number, string | undefined> {
  const wanted = new Set(offsets);
  const out = new Map<number, string | undefined>();
  const quotes = language === 'promql' ? ['"', "'", '`'] : ['"'];
  let open: string | undefined;
  for (let i = 0; i < text.length; i++) {
    if (wanted.has(i)) out.set(i, open);
    const ch = text[i] ?? '';
    if (open === '#') {
      // A PromQL comment runs to the end of the line; quotes inside it open nothing.
      if (ch === '\n') open = undefined;
    } else if (open !== undefined) {
      if (ch === '\\' && open !== '`') i++;
      else if (ch === open) open = undefined;
    } else if (quotes.includes(ch)) {
      open = ch;
    } else if (ch === '#' && language === 'promql') {
      open = '#';
    }
  }
  return out;
}

function bare(value: string, name: string, language: string): string {
  if (!BARE_TOKEN.test(value)) {
    throw new UnsafeValueError(
      `{{ ${name} }} = '${value}' is outside a quoted string in a ${language} template, so it must be a plain token (letters, digits, '_', '.', ':'); quote it, e.g. label="{{ ${name} }}"`,
    );
  }
  return value;
}

/**
 * Renders a template for a language, escaping every substituted value for the place it lands.
 * Throws `UnsafeValueError` (value cannot be made safe) or `TemplateError` (unknown name).
 */
export function renderFor(language: TemplateLanguage, text: string, values: Record<string, string>): string {
  switch (language) {
    case 'plain':
      return renderTemplate(text, values);
    case 'url':
      return renderTemplate(text, values, (v, name) => escapeUrlComponent(v, name));
    case 'datadog':
      return renderTemplate(text, values, (v, name) => escapeDatadogTag(v, name));
    case 'promql':
    case 'json': {
      const { refs } = templateRefs(text);
      const context = quoteAt(
        text,
        refs.map((r) => r.offset),
        language,
      );
      // renderTemplate replaces left to right, in the same order templateRefs found them.
      let i = 0;
      return renderTemplate(text, values, (v, name) => {
        const quote = context.get(refs[i++]?.offset ?? -1);
        if (quote === undefined) return bare(v, name, language === 'promql' ? 'PromQL' : 'JSON');
        if (quote === '#') {
          // In a comment only a line break could escape: the rest of the line is inert.
          if (/[\r\n]/.test(v)) throw new UnsafeValueError(`{{ ${name} }} contains a line break and sits in a PromQL comment`);
          return v;
        }
        if (quote === '`') {
          // PromQL raw strings have no escapes: only a value without backticks is safe.
          if (v.includes('`')) throw new UnsafeValueError(`{{ ${name} }} = '${v}' contains a backtick and sits in a PromQL raw string; use "..." instead`);
          return v;
        }
        if (language === 'json') return JSON.stringify(v).slice(1, -1);
        return escapePromqlString(v, quote as '"' | "'");
      });
    }
  }
}

/** The language a gate's query is written in, by provider type (undefined: no query language). */
export function queryLanguage(provider: Pick<Provider, 'type'>): TemplateLanguage | undefined {
  if (provider.type === 'prometheus') return 'promql';
  if (provider.type === 'datadog') return 'datadog';
  return undefined;
}

/** The templates of one gate, each with the language it is rendered in. */
export function gateTemplates(gate: Gate, provider: Pick<Provider, 'type'>): Array<{ field: GateTemplateField; text: string; language: TemplateLanguage }> {
  const out: Array<{ field: GateTemplateField; text: string; language: TemplateLanguage }> = [];
  const lang = queryLanguage(provider);
  if (gate.query !== undefined && lang) out.push({ field: 'query', text: gate.query, language: lang });
  // An slo gate's good and total queries are rendered like a query (the driver reads each as one).
  if (gate.slo !== undefined && lang) {
    out.push({ field: 'slo.good', text: gate.slo.good, language: lang }, { field: 'slo.total', text: gate.slo.total, language: lang });
  }
  if (provider.type === 'http-json') {
    if (gate.url !== undefined) out.push({ field: 'url', text: gate.url, language: 'url' });
    if (gate.body !== undefined) out.push({ field: 'body', text: gate.body, language: 'json' });
  }
  // A comparison's other queries (the baseline's own, the volume's) are rendered like the gate's
  // query, so they are checked and shown like it (for http-json they are URL templates).
  const others = [gate.compare && 'query' in gate.compare.baseline ? gate.compare.baseline.query : undefined, gate.minVolume?.query];
  for (const text of others) {
    if (text === undefined) continue;
    if (lang) out.push({ field: 'query', text, language: lang });
    else if (provider.type === 'http-json') out.push({ field: 'url', text, language: 'url' });
  }
  return out;
}

export type GateTemplateField = 'query' | 'url' | 'body' | 'slo.good' | 'slo.total';

/** One value that cannot be placed safely in one gate template. */
export interface UnsafeTemplateValue {
  gate: string;
  field: GateTemplateField;
  stage: string;
  region: string;
  step: number;
  message: string;
}

/**
 * The end of the range the validator renders `{{ start }}`, `{{ end }}` with (known only when a
 * gate is read): any time has the same form (digits, a dot; an RFC 3339 text), so any one checks them.
 */
const RANGE_EXAMPLE_END = Date.UTC(2026, 0, 1, 12, 0, 0);

/**
 * For the validator: renders every gate template for every (stage, region, step) that uses it
 * and returns the values that cannot be made safe. `version` is known only at run time; the
 * validator passes a representative one (default `1.0.0`) and `plan`/`run` pass the real one.
 * `{{ release.id }}` is checked with the id a release of that version gets (the pre-flight's own).
 * Reported once per (gate, field, message) so 500 regions do not give 500 copies of one problem.
 */
export function unsafeTemplateValues(plan: Plan, version = '1.0.0', releaseId = releaseIdOf(plan.name, version)): UnsafeTemplateValue[] {
  const out: UnsafeTemplateValue[] = [];
  const seen = new Set<string>();
  // Whether a render is safe depends only on the values the template names: each distinct
  // combination is rendered once (a region-only query once per region, not per step and stage).
  const rendered = new Set<string>();
  for (const stage of plan.stages) {
    for (const gateName of stage.gates) {
      const gate = plan.gates[gateName];
      const provider = gate ? plan.providers[gate.provider] : undefined;
      if (!gate || !provider) continue;
      const templates = gateTemplates(gate, provider).map((t) => ({ ...t, names: templateRefs(t.text).refs.map((ref) => ref.name) }));
      const window = formatDuration(gate.windowMs);
      for (const region of stage.regions) {
        stage.steps.forEach((step, index) => {
          let values: Record<string, string> | undefined;
          for (const t of templates) {
            values ??= contextValues({
              ...templateContext(plan, { releaseId, version }, stage.name, region, index, step.traffic, window),
              range: instantRange(RANGE_EXAMPLE_END, gate),
            });
            const tried = `${gateName}|${t.field}|${t.names.map((name) => values?.[name] ?? '\u0000').join('\u0001')}`;
            if (rendered.has(tried)) continue;
            rendered.add(tried);
            try {
              renderFor(t.language, t.text, values);
            } catch (err) {
              if (!(err instanceof UnsafeValueError) && !(err instanceof TemplateError)) throw err;
              const key = `${gateName}|${t.field}|${err.message}`;
              if (seen.has(key)) continue;
              seen.add(key);
              out.push({ gate: gateName, field: t.field, stage: stage.name, region, step: index, message: err.message });
            }
          }
        });
      }
    }
  }
  return out;
}
