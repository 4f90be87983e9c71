/**
 * Comparison gates through decide() (issue 15): each look carries the canary's and the baseline's
 * series over the bake so far; the core pairs them by step and judges. A clear regression fails
 * (early, with the sequential judge), an equal canary passes at the end, too few samples or a
 * quiet region is never a pass, errors count against consecutiveErrorLimit, and an inconclusive
 * end pauses for a person.
 */
import { describe, expect, it } from 'vitest';
import { pairSeries } from '../src/core/compare-pairs.js';
import { CANARY, Harness, bakeComparison, compareGate, comparePlan, level, type Sources } from './support/comparison.js';

const BASE = 0.02;

function verdictOf(h: Harness) {
  return h.state.history.find((e) => e.kind === 'gate-failed' || e.kind === 'gate-inconclusive' || e.kind === 'gate-passed');
}

function run(sources: Sources, g = compareGate(), bakeMin = 30) {
  const h = new Harness(comparePlan(g, bakeMin));
  const looks = bakeComparison(h, sources);
  return { h, looks, region: h.region(CANARY), verdict: verdictOf(h) };
}

const equal: Sources = { canary: level(BASE, 0.1, 'c'), baseline: level(BASE, 0.1, 'b') };
const regression: Sources = { canary: level(BASE * 1.5, 0.1, 'c'), baseline: level(BASE, 0.1, 'b') };

describe('a comparison gate over a bake', () => {
  it('rolls back a clear 1.5x regression as soon as the sequential judge shows it, with the numbers', () => {
    const { region, looks, verdict } = run(regression);
    expect(region.phase).toBe('rolling-back');
    expect(looks).toBeLessThan(30);
    expect(verdict).toMatchObject({ kind: 'gate-failed', reasonCode: 'comparison-failed', gate: 'error-ratio' });
    expect(verdict?.reason).toMatch(
      /^canary 0\.0\d+ vs baseline 0\.0\d+ \(1\.[45]\dx, n=\d+\/\d+\): above the 1\.2x \+ 0\.001 tolerance \(99\.8% always-valid interval/,
    );
    expect(verdict?.numbers).toMatchObject({ tolerance: 1.2, canaryN: looks, baselineN: looks });
    expect(verdict?.numbers?.ratio).toBeGreaterThan(1.4);
    // The region's failure says it in the same sentence.
    expect(region.failure?.reason).toContain('gate error-ratio: canary');
  });

  it('without sequential looks, the regression is judged at the end of the bake (Mann-Whitney, with p)', () => {
    const { region, looks, verdict } = run(regression, compareGate({ sequential: false }));
    expect(region.phase).toBe('rolling-back');
    expect(looks).toBe(30);
    expect(verdict?.reason).toMatch(/^canary .* \(1\.\d+x, p=[\d.e-]+ < 0\.0\d+, n=30\/30\): above the 1\.2x \+ 0\.001 tolerance/);
    expect(verdict?.numbers?.p).toBeLessThan(0.01);
    expect(verdict?.numbers?.u).toBeGreaterThan(0);
  });

  it('promotes an equal canary at the end of the bake', () => {
    const { region, looks, verdict, h } = run(equal);
    expect(looks).toBe(30);
    expect(region.phase).toBe('promoted');
    expect(verdict).toMatchObject({ kind: 'gate-passed', reasonCode: 'comparison-passed' });
    expect(verdict?.reason).toMatch(/within the 1\.2x \+ 0\.001 tolerance/);
    expect(h.state.history.filter((e) => e.kind === 'measurement' && e.reasonCode === 'comparison-look')).toHaveLength(29);
  });

  it('promotes early only with promoteEarly, and not before a third of the bake', () => {
    const { region, looks, verdict } = run(equal, compareGate({ promoteEarly: true }));
    expect(region.phase).toBe('promoted');
    expect(looks).toBeLessThan(30);
    expect(looks).toBeGreaterThanOrEqual(10);
    expect(verdict?.reasonCode).toBe('comparison-passed-early');
    expect(verdict?.reason).toMatch(/passed early at look \d+ of 30 \(promoteEarly\)/);
  });

  it('promoteEarly as a duration: no early pass before that much of the bake, then as soon as it is shown', () => {
    const third = run(equal, compareGate({ promoteEarly: true }));
    const later = run(equal, compareGate({ promoteEarly: true, promoteEarlyAfterMs: 20 * 60_000 }));
    expect(later.region.phase).toBe('promoted');
    expect(later.verdict?.reasonCode).toBe('comparison-passed-early');
    expect(later.verdict?.reason).toMatch(/passed early at look \d+ of 30 \(promoteEarly: not before 20m\)$/);
    // 1-minute looks, no initial delay: look 20 is 20 minutes into the bake.
    expect(later.looks).toBeGreaterThanOrEqual(20);
    expect(later.looks).toBeLessThan(30);
    expect(later.looks).toBeGreaterThan(third.looks);
    // Counted from the bake's start, so an initialDelay counts towards it.
    const delayed = run(equal, compareGate({ promoteEarly: true, promoteEarlyAfterMs: 20 * 60_000 }, { initialDelayMs: 5 * 60_000 }));
    expect(delayed.verdict?.reasonCode).toBe('comparison-passed-early');
    expect(delayed.looks).toBe(15);
    // A regression is still rolled back before then: the duration holds back passes only.
    expect(run(regression, compareGate({ promoteEarly: true, promoteEarlyAfterMs: 25 * 60_000 })).looks).toBeLessThan(20);
  });

  it('a pass tolerance looser than the fail one (passMax) passes a slightly worse canary the fail bound alone leaves inconclusive', () => {
    const slightly: Sources = { canary: level(BASE * 1.25, 0.1, 'c'), baseline: level(BASE, 0.1, 'b') };
    const g = { sequential: false, max: { factor: 1.3, offset: 0 } };
    expect(run(slightly, compareGate(g)).region.phase).toBe('awaiting-approval');
    const { region, verdict } = run(slightly, compareGate({ ...g, passMax: { factor: 1.6, offset: 0 } }));
    expect(region.phase).toBe('promoted');
    expect(verdict?.reason).toMatch(/within the 1\.6x tolerance/);
    expect(verdict?.numbers?.tolerance).toBe(1.6);
  });

  it('the ratio judge compares the window means, without a test', () => {
    const fail = run(regression, compareGate({ judge: 'ratio', sequential: false }));
    expect(fail.verdict?.reason).toMatch(/^canary mean .* vs baseline mean .*: above the tolerated /);
    expect(fail.region.phase).toBe('rolling-back');
    const pass = run(equal, compareGate({ judge: 'ratio', sequential: false }));
    expect(pass.region.phase).toBe('promoted');
  });

  it('the ratio judge passes only within its pass bound: between the bounds is inconclusive, never a pass', () => {
    const worse: Sources = { canary: level(BASE * 1.8, 0.05, 'c'), baseline: level(BASE, 0.05, 'b') };
    const g = compareGate({ judge: 'ratio', sequential: false, max: { factor: 2, offset: 0 }, passMax: { factor: 1.1, offset: 0 } });
    const { region, verdict } = run(worse, g);
    expect(region.phase).not.toBe('promoted');
    expect(verdict?.reason).toMatch(/not above the fail bound but above the pass bound/);
  });

  it('a decrease is judged against min', () => {
    const drop: Sources = { canary: level(50, 0.05, 'c'), baseline: level(100, 0.05, 'b') };
    const g = compareGate({ direction: 'decrease', max: undefined, min: { factor: 0.8, offset: 0 } } as never);
    const { region, verdict } = run(drop, g);
    expect(region.phase).toBe('rolling-back');
    expect(verdict?.reason).toMatch(/below the 0\.8x tolerance/);
  });
});

describe('no data is never a pass', () => {
  it('too few paired samples at the end is no data: inconclusive (onNoData), the region waits for a person', () => {
    // Every other step has no canary point: 15 pairs, fewer than minSamples 20; never 5 missing in a row.
    const sparse: Sources = { canary: (r, t) => (Math.floor(t / 60_000) % 2 ? level(BASE)(r, t) : undefined), baseline: level(BASE) };
    const { region, verdict } = run(sparse, compareGate({ minSamples: 20 }));
    expect(region.phase).toBe('awaiting-approval');
    expect(verdict).toMatchObject({ kind: 'gate-inconclusive', reasonCode: 'no-data' });
    expect(verdict?.reason).toMatch(/too few samples \(canary 15, baseline 15; at least 20 each\)/);
  });

  it('onNoData fail turns too few samples into a failure', () => {
    const sparse: Sources = { canary: (r, t) => (Math.floor(t / 60_000) % 2 ? level(BASE)(r, t) : undefined), baseline: level(BASE) };
    const { region, verdict } = run(sparse, compareGate({ minSamples: 20 }, { onNoData: 'fail' }));
    expect(region.phase).toBe('rolling-back');
    expect(verdict?.reasonCode).toBe('no-data-fail');
  });

  it('steps below minVolume are left out: a quiet region is no data, and one that stays quiet fails', () => {
    const g = compareGate({}, { minVolume: { query: 'requests', min: 1 } });
    const quiet = run({ ...equal, volume: () => 0.2 }, g);
    expect(quiet.region.phase).toBe('rolling-back');
    expect(quiet.verdict).toMatchObject({ kind: 'gate-failed', reasonCode: 'gate-no-data' });
    expect(quiet.looks).toBe(5);
    // Busy again: the same data passes.
    expect(run({ ...equal, volume: () => 50 }, g).region.phase).toBe('promoted');
  });

  it('a baseline that never answers fails the gate after consecutiveErrorLimit looks without data', () => {
    const { region, verdict, looks } = run({ canary: level(BASE), baseline: () => undefined });
    expect(region.phase).toBe('rolling-back');
    expect(verdict?.reasonCode).toBe('gate-no-data');
    expect(looks).toBe(5);
  });
});

describe('errors and inconclusive ends', () => {
  it('backend errors are retried and count against consecutiveErrorLimit', () => {
    const { region, verdict } = run({ canary: level(BASE), baseline: () => 'error' });
    expect(region.phase).toBe('rolling-back');
    expect(verdict).toMatchObject({ reasonCode: 'gate-errors' });
    expect(verdict?.reason).toContain('baseline read: HTTP 503 from the backend');
  });

  it('errors that are not consecutive do not fail the gate, and are not counted as looks', () => {
    // Every third look's baseline read fails: the bake takes more intervals, and still promotes.
    const { region, looks, h } = run({ ...equal, failLook: (at) => Math.round(at / 60_000) % 3 === 0 });
    expect(region.phase).toBe('promoted');
    expect(looks).toBeGreaterThan(40);
    expect(h.state.history.filter((e) => e.kind === 'measurement' && e.reasonCode === 'metric-error').length).toBe(looks - 30);
  });

  it('an inconclusive end pauses for a person, never promotes', () => {
    // The canary sits at the tolerance: not shown above it, nor within it.
    const edge: Sources = { canary: level(BASE * 1.2 + 0.001, 0.1, 'c'), baseline: level(BASE, 0.1, 'b') };
    const { region, verdict, h } = run(edge, compareGate({ sequential: false }));
    expect(region.phase).toBe('awaiting-approval');
    expect(verdict).toMatchObject({ kind: 'gate-inconclusive', reasonCode: 'comparison-inconclusive' });
    expect(verdict?.reason).toMatch(/too little evidence either way/);
    expect(h.state.status).toBe('paused');
  });

  it('inconclusiveLimit gives an inconclusive comparison more intervals before a person is asked', () => {
    const edge: Sources = { canary: level(BASE * 1.2 + 0.001, 0.1, 'c'), baseline: level(BASE, 0.1, 'b') };
    const { region, looks, verdict } = run(edge, compareGate({ sequential: false }, { inconclusiveLimit: 2 }));
    expect(looks).toBe(32);
    expect(region.phase).toBe('awaiting-approval');
    expect(verdict?.reason).toMatch(/3 inconclusive ends exceed inconclusiveLimit 2/);
  });
});

describe('pairing by step', () => {
  it('pairs points of the same step, leaves out unmatched and quiet ones, and says whether the look has its own pair', () => {
    const s = (pts: Array<[number, number]>) => ({ kind: 'series' as const, points: pts.map(([at, value]) => ({ at, value })), missing: 0 });
    const obs = {
      kind: 'comparison' as const,
      canary: s([
        [1, 10],
        [2, 11],
        [3, 12],
        [4, 13],
      ]),
      baseline: s([
        [1, 20],
        [3, 22],
        [4, 23],
      ]),
      canaryVolume: s([
        [1, 5],
        [3, 0],
        [4, 5],
      ]),
    };
    expect(pairSeries(obs, 1, 4)).toEqual({
      pairs: [
        { at: 1, canary: 10, baseline: 20 },
        { at: 4, canary: 13, baseline: 23 },
      ],
      quiet: 1,
      newest: true,
    });
    expect(pairSeries(obs, undefined, 5).newest).toBe(false);
    expect(pairSeries(obs, undefined, 5).pairs).toHaveLength(3);
  });
});
