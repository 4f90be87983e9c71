/**
 * Comparison, slo and freeze numbers in the release's own metrics and traces (issue 15): the
 * ratio and burn rates of a gate's last look as gauges, the freeze's budget left, and every such
 * number as a gate or freeze span attribute; a number that is not finite is never a sample.
 */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, HistoryNumbers, State } from '../src/core/state.js';
import type { Gate, Plan } from '../src/plan/types.js';
import { renderReleaseSeries } from '../src/telemetry/metrics-from-state.js';
import { createMetricsRegistry } from '../src/telemetry/metrics-registry.js';
import { ReleaseSpans } from '../src/telemetry/trace-spans.js';
import { bakeComparison, CANARY, comparePlan, level } from './support/comparison.js';
import type { Event } from '../src/core/events.js';
import { freezePlan } from './support/freeze.js';
import { Harness } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';
import { parseSamples, promtoolProblems, sample } from './support/prometheus.js';

const plan = (): Plan => makePlan({ stages: [stage('one', ['eu'], { gates: ['ratio', 'burn'] })], gates: [gate('ratio'), gate('burn')] });

/** A real release's entries up to its bake, then measurements carrying the numbers a comparison and an slo gate write. */
function release(extra: (at: number) => HistoryEntry[]): { plan: Plan; state: State } {
  const p = plan();
  const h = new Harness(p);
  h.start();
  h.finishRun('eu');
  return { plan: p, state: { ...h.state, history: [...h.state.history, ...extra(h.now)] } };
}

const look = (at: number, g: string, numbers: HistoryNumbers): HistoryEntry => ({
  at,
  kind: 'measurement',
  stage: 'one',
  region: 'eu',
  step: 0,
  gate: g,
  reasonCode: 'comparison-look',
  reason: 'look: forged for the test',
  numbers,
});

const freeze = (at: number, kind: 'release-frozen' | 'freeze-lifted', numbers: HistoryNumbers): HistoryEntry => ({
  at,
  kind,
  stage: 'one',
  region: 'eu',
  reasonCode: kind === 'release-frozen' ? 'error-budget-exhausted' : 'error-budget-ok',
  reason: 'the error budget: forged for the test',
  numbers,
});

async function render(plan: Plan, state: State) {
  const m = createMetricsRegistry();
  renderReleaseSeries(m.release, state, plan);
  const text = await m.registry.metrics();
  return { text, samples: parseSamples(text) };
}

describe('verdict numbers as metrics', () => {
  it('the last look sets the comparison ratio, the burn rates per window and the budget left; promtool accepts them', async () => {
    const { plan: p, state } = release((at) => [
      look(at, 'ratio', { canaryMean: 0.02, baselineMean: 0.01, ratio: 2 }),
      look(at + 1, 'ratio', { canaryMean: 0.013, baselineMean: 0.01, ratio: 1.3, p: 0.2 }),
      look(at + 2, 'burn', { burnRateShort: 14.5, burnRateLong: 3.25, factor: 14.4, objective: 0.999 }),
      freeze(at + 3, 'release-frozen', { budgetRemaining: 0.05, floor: 0.1, objective: 0.999 }),
      freeze(at + 4, 'freeze-lifted', { budgetRemaining: 0.4, floor: 0.1, objective: 0.999 }),
    ]);
    const { text, samples } = await render(p, state);
    expect(promtoolProblems(text)).toBe('');
    expect(sample(samples, 'progressive_release_gate_comparison_ratio', { stage: 'one', region: 'eu', gate: 'ratio' })).toBe(1.3);
    expect(sample(samples, 'progressive_release_gate_burn_rate', { stage: 'one', region: 'eu', gate: 'burn', window: 'short' })).toBe(14.5);
    expect(sample(samples, 'progressive_release_gate_burn_rate', { stage: 'one', region: 'eu', gate: 'burn', window: 'long' })).toBe(3.25);
    expect(sample(samples, 'progressive_release_error_budget_remaining', { stage: 'one', region: 'eu' })).toBe(0.4);
    // A comparison has no value of its own: no gate_value sample stands in for its ratio.
    expect(samples.some((s) => s.name === 'progressive_release_gate_value')).toBe(false);
  });

  it('a number that is not finite, or under a name the plan lacks, is no sample', async () => {
    const { plan: p, state } = release((at) => [
      look(at, 'ratio', { ratio: Number.POSITIVE_INFINITY }),
      look(at, 'burn', { burnRateShort: Number.NaN, burnRateLong: 2 }),
      { ...look(at, 'gone', { ratio: 9 }) },
      { ...freeze(at, 'release-frozen', { budgetRemaining: 0.2 }), stage: 'gone' },
      freeze(at, 'release-frozen', { floor: 0.1 }),
      // A region the plan lacks (a forged ledger) is no label value: the stage's one series is skipped.
      { ...freeze(at, 'release-frozen', { budgetRemaining: 0.3 }), region: 'nowhere' },
    ]);
    const { text, samples } = await render(p, state);
    expect(promtoolProblems(text)).toBe('');
    expect(samples.some((s) => s.name === 'progressive_release_gate_comparison_ratio')).toBe(false);
    expect(samples.filter((s) => s.name === 'progressive_release_gate_burn_rate').map((s) => [s.labels.window, s.value])).toEqual([['long', 2]]);
    expect(samples.some((s) => s.name === 'progressive_release_error_budget_remaining')).toBe(false);
    expect(text).not.toMatch(/ (?:[+-]?Inf|NaN)$|"gone"/m);
  });
});

describe('verdict numbers as span attributes', () => {
  const A = 'progressive_release.';

  function spans(extra: (at: number) => HistoryEntry[]) {
    const p = plan();
    const h = new Harness(p);
    const rs = new ReleaseSpans(p);
    h.start();
    h.finishRun('eu');
    const out = h.state.history.flatMap((e) => rs.apply(e, h.state));
    for (const e of extra(h.now)) out.push(...rs.apply(e, h.state));
    return out;
  }

  it('a comparison look and an slo look carry every number; the freeze read its budget and floor', () => {
    const specs = spans((at) => [
      look(at, 'ratio', {
        canaryMean: 0.013,
        baselineMean: 0.01,
        ratio: 1.3,
        p: 0.2,
        u: 40,
        canaryN: 9,
        baselineN: 9,
        tolerance: 1.2,
        lower: -0.1,
        upper: 0.3,
        upper2: 1,
      } as HistoryNumbers),
      look(at, 'burn', { burnRateShort: 14.5, burnRateLong: 3.25, factor: 14.4, objective: 0.999 }),
      freeze(at, 'release-frozen', { budgetRemaining: 0.05, floor: 0.1, objective: 0.999 }),
    ]);
    const ratio = specs.find((s) => s.name === 'measurement ratio');
    expect(ratio?.attributes).toMatchObject({
      [`${A}gate.canary_mean`]: 0.013,
      [`${A}gate.baseline_mean`]: 0.01,
      [`${A}gate.ratio`]: 1.3,
      [`${A}gate.p`]: 0.2,
      [`${A}gate.u`]: 40,
      [`${A}gate.canary_n`]: 9,
      [`${A}gate.baseline_n`]: 9,
      [`${A}gate.tolerance`]: 1.2,
      [`${A}gate.lower`]: -0.1,
      [`${A}gate.upper`]: 0.3,
    });
    expect(Object.keys(ratio?.attributes ?? {}).some((k) => k.includes('upper2'))).toBe(false);
    expect(specs.find((s) => s.name === 'measurement burn')?.attributes).toMatchObject({
      [`${A}gate.burn_rate_short`]: 14.5,
      [`${A}gate.burn_rate_long`]: 3.25,
      [`${A}gate.factor`]: 14.4,
      [`${A}gate.objective`]: 0.999,
    });
    const frozen = specs.find((s) => s.name === 'freeze one');
    expect(frozen).toMatchObject({ parentKey: 'release' });
    expect(frozen?.attributes).toMatchObject({
      [`${A}freeze.budget_remaining`]: 0.05,
      [`${A}freeze.floor`]: 0.1,
      [`${A}freeze.objective`]: 0.999,
      [`${A}reason_code`]: 'error-budget-exhausted',
    });
  });

  it('a number that is not finite is no attribute', () => {
    const specs = spans((at) => [
      look(at, 'ratio', { ratio: Number.POSITIVE_INFINITY, canaryMean: 1 }),
      freeze(at, 'release-frozen', { budgetRemaining: Number.NaN, floor: 0.1 }),
    ]);
    const attrs = { ...specs.find((s) => s.name === 'measurement ratio')?.attributes, ...specs.find((s) => s.name === 'freeze one')?.attributes };
    expect(attrs[`${A}gate.canary_mean`]).toBe(1);
    expect(attrs[`${A}freeze.floor`]).toBe(0.1);
    expect(`${A}gate.ratio` in attrs).toBe(false);
    expect(`${A}freeze.budget_remaining` in attrs).toBe(false);
  });
});

describe('a comparison gate the real core judged', () => {
  it('the ratio gauge and the measurement spans carry the ratio of its last look', async () => {
    const plan = comparePlan();
    const h = new Harness(plan);
    bakeComparison(h, { canary: level(0.02, 0.05, 'c'), baseline: level(0.01, 0.05, 'b') });
    const looks = h.state.history.filter((e) => e.kind === 'measurement' && e.gate === 'error-ratio');
    const last = looks.at(-1)?.numbers?.ratio;
    expect(looks.length).toBeGreaterThan(3);
    expect(last).toBeGreaterThan(1.8);
    expect(last).toBeLessThan(2.2);
    const { samples } = await render(plan, h.state);
    expect(sample(samples, 'progressive_release_gate_comparison_ratio', { stage: 'canary', region: CANARY, gate: 'error-ratio' })).toBe(last);
    const rs = new ReleaseSpans(plan);
    const specs = h.state.history.flatMap((e) => rs.apply(e, h.state));
    const measured = specs.filter((x) => x.name === 'measurement error-ratio');
    expect(measured.length).toBe(looks.length);
    expect(measured.at(-1)?.attributes['progressive_release.gate.ratio']).toBe(last);
    // The gate's verdict span carries the numbers that decided it.
    const verdict = specs.find((x) => x.name === 'gate error-ratio');
    expect(typeof verdict?.attributes['progressive_release.gate.canary_mean']).toBe('number');
  });
});

describe('the freeze the real core held', () => {
  it('a read 4% left: the budget gauge says 0.04, and the freeze span carries it with the floor', async () => {
    const slo: Gate = {
      ...gate('availability', { query: undefined, max: undefined }),
      slo: { good: 'good[{{ window }}]', total: 'total[{{ window }}]', objective: 0.999, shortMs: 300_000, longMs: 3_600_000, factor: 14.4 },
    };
    const p = makePlan({ gates: [gate('errors'), slo], stages: [stage('canary', ['us-east-1'])] });
    p.freeze = { slo: 'availability', periodMs: 30 * 86_400_000, floor: 0.1, beforeEachStage: false };
    const h = new Harness(p);
    h.start();
    // 96% of the budget spent: bad = 0.96 x 0.001 x total.
    h.send({
      type: 'budget-read',
      at: h.now,
      stage: 'canary',
      reads: [{ region: 'us-east-1', good: { kind: 'value', value: 1_000_000 - 960 }, total: { kind: 'value', value: 1_000_000 } }],
    });
    expect(h.state.history.some((e) => e.kind === 'release-frozen')).toBe(true);
    const { samples } = await render(p, h.state);
    expect(sample(samples, 'progressive_release_error_budget_remaining', { stage: 'canary', region: 'us-east-1' })).toBeCloseTo(0.04, 9);
    const rs = new ReleaseSpans(p);
    const span = h.state.history.flatMap((e) => rs.apply(e, h.state)).find((x) => x.name === 'freeze canary');
    expect(span?.attributes['progressive_release.freeze.budget_remaining']).toBeCloseTo(0.04, 9);
    expect(span?.attributes).toMatchObject({ 'progressive_release.freeze.floor': 0.1, 'progressive_release.reason_code': 'error-budget-exhausted' });
  });
});

describe('the budget gauge names the region whose budget held the stage', () => {
  const read = (h: Harness, spent: Record<string, number>): Event => ({
    type: 'budget-read',
    at: h.now,
    stage: 'canary',
    reads: Object.entries(spent).map(([region, x]) => ({
      region,
      good: { kind: 'value', value: 1_000_000 - x * 1000 },
      total: { kind: 'value', value: 1_000_000 },
    })),
  });
  const budgets = async (h: Harness) =>
    (await render(h.plan, h.state)).samples.filter((s) => s.name === 'progressive_release_error_budget_remaining').map((s) => [s.labels, s.value]);

  it('the lowest of the regions read, and one series per stage: a later read in another region replaces it', async () => {
    const h = new Harness(freezePlan({ regions: ['us-east-1', 'eu-west-1'] }));
    h.start();
    h.send(read(h, { 'us-east-1': 0.2, 'eu-west-1': 0.95 }));
    expect(h.state.history.find((e) => e.kind === 'release-frozen')?.region).toBe('eu-west-1');
    expect(await budgets(h)).toEqual([[{ stage: 'canary', region: 'eu-west-1' }, expect.closeTo(0.05, 9)]]);
    h.now += 60_000;
    h.send({ type: 'resumed', at: h.now });
    h.send(read(h, { 'us-east-1': 0.97, 'eu-west-1': 0.5 }));
    expect(await budgets(h)).toEqual([[{ stage: 'canary', region: 'us-east-1' }, expect.closeTo(0.03, 9)]]);
  });

  it('the late answer of an override sets it too, with its region', async () => {
    const h = new Harness(freezePlan());
    h.start();
    h.send({ type: 'command', at: h.now, by: 'sre-lead', name: 'override-freeze' });
    expect(await budgets(h)).toEqual([]);
    h.send(read(h, { 'us-east-1': 0.96 }));
    expect(await budgets(h)).toEqual([[{ stage: 'canary', region: 'us-east-1' }, expect.closeTo(0.04, 9)]]);
    const rs = new ReleaseSpans(h.plan);
    const spans = h.state.history.flatMap((e) => rs.apply(e, h.state)).filter((x) => x.name === 'freeze canary');
    expect(spans.at(-1)?.attributes).toMatchObject({
      'progressive_release.region': 'us-east-1',
      'progressive_release.reason_code': 'error-budget-exhausted',
      'progressive_release.freeze.budget_remaining': expect.closeTo(0.04, 9),
    });
  });
});
