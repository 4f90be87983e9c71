/** Resolved gates, providers and contexts for provider tests (the shapes the loader produces). */
import type { Gate, Provider } from '../../src/plan/types.js';
import type { MeasureRequest, RangeRequest } from '../../src/driver/ports.js';
import type { TemplateContext } from '../../src/plan/template.js';

export function gate(overrides: Partial<Gate> = {}): Gate {
  return {
    name: 'errors',
    provider: 'prom',
    method: 'GET',
    intervalMs: 60_000,
    windowMs: 60_000,
    initialDelayMs: 0,
    failureLimit: 0,
    inconclusiveLimit: 0,
    consecutiveErrorLimit: 4,
    onNoData: 'inconclusive',
    max: 0.05,
    ...overrides,
  };
}

export function context(overrides: Partial<TemplateContext> = {}): TemplateContext {
  return {
    releaseId: 'shop-1.4.2',
    version: '1.4.2',
    stage: 'canary',
    region: 'eu-west-1',
    step: { index: 0, traffic: 10 },
    window: '1m',
    vars: { service: 'checkout' },
    ...overrides,
  };
}

export function request(provider: Provider, g: Partial<Gate> = {}, ctx: Partial<TemplateContext> = {}, at = Date.UTC(2026, 10, 23, 12, 0, 0)): MeasureRequest {
  return { gate: gate({ provider: provider.name, ...g }), provider, context: context(ctx), at };
}

export function prometheus(url: string, extra: Record<string, unknown> = {}): Provider {
  return { type: 'prometheus', name: 'prom', url, timeoutMs: 2_000, ...extra } as Provider;
}

/** A range read of `query` over [start, end] every stepMs (the gate's reducer, path and method apply). */
export function rangeRequest(
  provider: Provider,
  query: string,
  range: { start: number; end: number; stepMs: number },
  g: Partial<Gate> = {},
  ctx: Partial<TemplateContext> = {},
): RangeRequest {
  return { provider, gate: gate({ provider: provider.name, ...g }), query, context: context(ctx), ...range };
}
