/**
 * Review 13: span names and attributes built from a hand-edited ledger's history (gate, region
 * names) go out raw: unbounded, multi-line span names.
 */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, State } from '../src/core/state.js';
import { ReleaseSpans, type SpanSpec } from '../src/telemetry/trace-spans.js';
import { Harness } from './support/harness.js';
import { makePlan } from './support/plans.js';

const EVIL_GATE = `errors\n${'x'.repeat(5000)}`;

describe('review13: span names from ledger text', () => {
  it('a measurement entry whose gate name a ledger edit made 5,000 characters and two lines yields bounded one-line span names', () => {
    const h = new Harness(makePlan());
    h.start();
    h.finishRun('us-east-1');
    h.bake('us-east-1', () => 0.001);
    const forged = (e: HistoryEntry): HistoryEntry => (e.gate !== undefined ? { ...e, gate: EVIL_GATE } : e);
    const state: State = { ...h.state, history: h.state.history.map(forged) };
    const spans = new ReleaseSpans(h.plan);
    spans.replay([], { ...state, history: [] });
    const specs: SpanSpec[] = [];
    for (const e of state.history) specs.push(...spans.apply(e, state));
    const gateSpans = specs.filter((s) => s.name.startsWith('gate ') || s.name.startsWith('measurement '));
    expect(gateSpans.length).toBeGreaterThan(0);
    for (const s of specs) {
      expect(s.name).not.toContain('\n');
      expect(s.name.length).toBeLessThanOrEqual(256);
    }
  });
});
