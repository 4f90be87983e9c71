/**
 * The pre-flight of a comparison gate's other reads: the baseline (the gate's query rendered for
 * the baseline region, or its baselineQuery) and, with minVolume, the volume of the canary and of
 * a baseline region, as the driver reads them over a bake (driver/perform-compare.ts), each run
 * once now as an instant read, one check each. A read is ready when it answers a finite number:
 * a comparison needs every side of it.
 */
import { gateTemplates, renderFor, queryLanguage } from '../plan/escape.js';
import { contextValues, type TemplateContext } from '../plan/template.js';
import type { Comparison, Gate, Provider } from '../plan/types.js';
import type { MetricsPort } from '../driver/ports.js';
import { messageOf } from '../report/message.js';
import type { SloReadPlan } from './preflight-slo.js';

/** The gate without its comparison: what its own request is rendered from (the baseline and volume reads are checks of their own). */
export function plainGate(gate: Gate): Gate {
  const { compare: _compare, minVolume: _minVolume, ...rest } = gate;
  return rest;
}

/** A plain gate that reads `text` where the gate's own query (for http-json its URL) would be. */
export function instantReadGate(gate: Gate, provider: Provider, text: string): Gate {
  const rest = plainGate(gate);
  return queryLanguage(provider) ? { ...rest, query: text } : { ...rest, url: text };
}

/**
 * A plain read gate's request as sent: its query (for http-json its url and body) rendered with
 * `context`. The gate's own check and a comparison's other reads are shown, and told apart, by it.
 */
export function renderRead(read: Gate, provider: Provider, context: TemplateContext): string {
  try {
    return (
      gateTemplates(read, provider)
        .map((t) => `${t.field === 'query' ? '' : `${t.field}: `}${renderFor(t.language, t.text, contextValues(context))}`)
        .join('\n') || '(no template)'
    );
  } catch (err) {
    return `<cannot render: ${messageOf(err)}>`;
  }
}

/** The reads beside the gate's own query; `context` is the canary's (its region, stage, step, window and range). */
export function compareReads(
  gate: Gate & { compare: Comparison },
  provider: Provider,
  context: TemplateContext,
  metrics: MetricsPort,
  at: number,
): SloReadPlan[] {
  const own = gate.query ?? gate.url;
  const cmp = gate.compare;
  const baselineRegion = 'region' in cmp.baseline ? cmp.baseline.region : undefined;
  const baselineText = 'query' in cmp.baseline ? cmp.baseline.query : own;
  const baseline = baselineRegion !== undefined ? { ...context, region: baselineRegion } : context;
  const reads: Array<{ what: string; text: string | undefined; context: TemplateContext }> = [
    { what: baselineRegion !== undefined ? `baseline ${baselineRegion}` : 'baselineQuery', text: baselineText, context: baseline },
    { what: 'minVolume of the canary', text: gate.minVolume?.query, context },
    // A baseline of its own query has no region to read a volume for (as the driver reads it).
    { what: `minVolume of baseline ${baselineRegion ?? ''}`, text: baselineRegion !== undefined ? gate.minVolume?.query : undefined, context: baseline },
  ];
  return reads.flatMap((r) => {
    const text = r.text;
    if (text === undefined) return [];
    const read = instantReadGate(gate, provider, text);
    return [
      {
        what: r.what,
        request: renderRead(read, provider, r.context),
        gate: read,
        run: () => metrics.measure({ gate: read, provider, context: r.context, at }),
      },
    ];
  });
}
