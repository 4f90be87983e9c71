/**
 * `{{ name }}` templates in plan values. Values are data, never code: there are no
 * expressions, filters or loops, only names looked up in a context and passed through an
 * escaper chosen by the caller (PromQL label value, URL component, plain). A hand-written
 * renderer because the grammar is one token and a template library would add both weight
 * (cold start) and features we must then forbid.
 */

import type { Plan } from './types.js';

/** Everything a template may refer to for one region at one step. */
export interface TemplateContext {
  releaseId: string;
  version: string;
  stage: string;
  region: string;
  step: { index: number; traffic: number };
  /** The gate's window (e.g. `5m`), for `{{ window }}` in queries. */
  window?: string;
  /**
   * The time range an http-json request asks for (epoch ms; `stepMs` the resolution), for
   * `{{ start }}`, `{{ end }}`, `{{ step }}` and their forms (RANGE_NAMES): a range read's own
   * range, or for an instant read the gate's window ending at the measurement time.
   */
  range?: { start: number; end: number; stepMs: number };
  vars: Record<string, string>;
}

const TOKEN_RE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;
const OPEN_RE = /\{\{/g;

/** Names every template may use, besides `vars.NAME` for the plan's own variables. */
export const BUILTIN_NAMES = ['region', 'stage', 'version', 'release.id', 'step.traffic', 'step.index', 'window', 'correlation.id'] as const;

/**
 * Names an http-json gate's url and body may use besides BUILTIN_NAMES: the range asked for.
 * `start`/`end`/`step` are epoch seconds and seconds (what Prometheus-compatible and most HTTP
 * APIs take; fractions only when the time has milliseconds), `.ms` the same in milliseconds,
 * `.rfc3339` a UTC timestamp such as 2026-11-23T12:00:00.000Z. `step` is the range's
 * resolution, not the traffic step (that is `step.index` / `step.traffic`).
 */
export const RANGE_NAMES = ['start', 'end', 'step', 'start.ms', 'end.ms', 'step.ms', 'start.rfc3339', 'end.rfc3339'] as const;

/** A reference found in a template, with its offset for error positions. */
export interface TemplateRef {
  name: string;
  offset: number;
}

/** Lists the `{{ name }}` references in a template, and any `{{` that is not a well-formed reference. */
export function templateRefs(text: string): { refs: TemplateRef[]; malformed: number[] } {
  const refs: TemplateRef[] = [];
  const good = new Set<number>();
  for (const m of text.matchAll(TOKEN_RE)) {
    refs.push({ name: m[1] ?? '', offset: m.index ?? 0 });
    good.add(m.index ?? 0);
  }
  const malformed: number[] = [];
  for (const m of text.matchAll(OPEN_RE)) if (!good.has(m.index ?? 0)) malformed.push(m.index ?? 0);
  return { refs, malformed };
}

/**
 * The template context of one region at one step of a release: what dispatch inputs, gate
 * queries, environment names and the pre-flight render with. Built here only, so a name a
 * template may use means the same in every one of them.
 */
export function templateContext(
  plan: Pick<Plan, 'variables'>,
  release: { releaseId: string; version: string },
  stage: string,
  region: string,
  step: number,
  traffic: number,
  window?: string,
): TemplateContext {
  return {
    releaseId: release.releaseId,
    version: release.version,
    stage,
    region,
    step: { index: step, traffic },
    ...(window !== undefined ? { window } : {}),
    vars: plan.variables,
  };
}

/** Flattens a context into the names templates use (`step.traffic`, `vars.service`, ...). */
export function contextValues(ctx: TemplateContext & { correlationId?: string }): Record<string, string> {
  const values: Record<string, string> = {
    region: ctx.region,
    stage: ctx.stage,
    version: ctx.version,
    'release.id': ctx.releaseId,
    'step.traffic': String(ctx.step.traffic),
    'step.index': String(ctx.step.index),
  };
  if (ctx.window !== undefined) values.window = ctx.window;
  if (ctx.correlationId !== undefined) values['correlation.id'] = ctx.correlationId;
  if (ctx.range !== undefined) Object.assign(values, rangeValues(ctx.range));
  for (const [k, v] of Object.entries(ctx.vars)) values[`vars.${k}`] = v;
  return values;
}

/**
 * The range an instant read asks for: the gate's window ending at the measurement time, at the
 * gate's interval (as Datadog's instant read sends from/to), so `{{ start }}` means the same
 * window in a gate's pre-flight, its instant reads and its range reads' last step.
 */
export function instantRange(at: number, gate: { windowMs: number; intervalMs: number }): NonNullable<TemplateContext['range']> {
  return { start: at - gate.windowMs, end: at, stepMs: gate.intervalMs };
}

function rangeValues(range: NonNullable<TemplateContext['range']>): Record<(typeof RANGE_NAMES)[number], string> {
  const { start, end, stepMs } = range;
  return {
    start: String(start / 1000),
    end: String(end / 1000),
    step: String(stepMs / 1000),
    'start.ms': String(start),
    'end.ms': String(end),
    'step.ms': String(stepMs),
    'start.rfc3339': new Date(start).toISOString(),
    'end.rfc3339': new Date(end).toISOString(),
  };
}

/** Thrown when a template names something the context does not have. */
export class TemplateError extends Error {}

/**
 * Renders a template. `escape` is applied to every substituted value (not to the template
 * text), so a version string cannot break out of a PromQL label or a URL path segment.
 */
export function renderTemplate(text: string, values: Record<string, string>, escape: (value: string, name: string) => string = (v) => v): string {
  return text.replace(TOKEN_RE, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TemplateError(`unknown template variable '{{ ${name} }}'`);
    return escape(value, name);
  });
}
