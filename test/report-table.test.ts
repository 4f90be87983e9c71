/** The region table's cells: what serves now, the gates' numbers against their limits, durations as people read them. */
import { describe, expect, it } from 'vitest';
import { initialState, type RegionState, type RunRecord } from '../src/core/state.js';
import { durationText } from '../src/report/duration-text.js';
import { gateCell } from '../src/report/gate-cell.js';
import type { GateFacts } from '../src/report/history-facts.js';
import { againstLimits } from '../src/report/observed-range.js';
import { releaseSummary } from '../src/report/summary.js';
import { trafficNow } from '../src/report/region-table.js';
import { gate, makePlan, stage } from './support/plans.js';

const steps = [
  { traffic: 10, bakeMs: 60_000 },
  { traffic: 50, bakeMs: 60_000 },
  { traffic: 100, bakeMs: 60_000 },
];
const st = stage('main', ['eu-west'], { steps, gates: ['errors', 'score'] });
const plan = makePlan({ stages: [st], gates: [gate('errors', { max: 0.02 }), gate('score', { min: 0.95, max: undefined })] });

const run = (step: number, conclusion: string | null | undefined, kind: RunRecord['kind'] = 'deploy'): RunRecord => ({
  kind,
  step,
  correlationId: `c${step}${kind}`,
  dispatchedAt: 0,
  deadline: 1,
  runId: 100 + step,
  ...(conclusion !== undefined ? { conclusion } : {}),
  done: conclusion !== undefined,
});
/** A region of the table's stage; `touched: false`, one the release never started. */
const region = (over: Partial<RegionState>, touched = true): RegionState => ({
  name: 'eu-west',
  stage: 0,
  phase: 'baking',
  step: 0,
  runs: [],
  rollbackDispatched: false,
  rollbackFailed: false,
  ...(touched ? { touchedSeq: 1 } : {}),
  ...over,
});

describe('traffic now', () => {
  it.each([
    ['never started', region({ phase: 'pending' }, false), '–'],
    ['skipped before it started', region({ phase: 'skipped' }, false), '–'],
    ['first deploy under way', region({ phase: 'deploying', runs: [run(0, undefined)] }), '0% → 10%'],
    ['mid-deploy to step 2', region({ phase: 'deploying', step: 1, runs: [run(0, 'success'), run(1, undefined)] }), '10% → 50%'],
    ['baking step 2', region({ phase: 'baking', step: 1, runs: [run(0, 'success'), run(1, 'success')] }), '50%'],
    ['promoted', region({ phase: 'promoted', step: 2, runs: [run(0, 'success'), run(1, 'success'), run(2, 'success')] }), '100%'],
    ['the step-2 deploy failed', region({ phase: 'failed', step: 1, runs: [run(0, 'success'), run(1, 'failure')] }), '10% (deploy to 50% failed)'],
    ['rolling back', region({ phase: 'rolling-back', step: 1, runs: [run(0, 'success'), run(1, 'success'), run(1, undefined, 'rollback')] }), '50% → 0%'],
    ['rolled back', region({ phase: 'rolled-back', step: 1, runs: [run(0, 'success'), run(1, 'success'), run(1, 'success', 'rollback')] }), '0% (rolled back)'],
    [
      'its rollback failed',
      region({ phase: 'failed', step: 1, rollbackFailed: true, runs: [run(0, 'success'), run(1, 'success'), run(1, 'failure', 'rollback')] }),
      '50% (rollback failed)',
    ],
  ])('%s: %s', (_what, r, want) => {
    expect(trafficNow(st, r)).toBe(want);
  });
});

describe('gates cell', () => {
  const facts = (over: Partial<GateFacts>): GateFacts => ({ step: 0, missing: 0, status: 'passed', ...over });

  it('passing gates show their range against the limit, failed ones the limit they broke, and every gate of the stage is listed', () => {
    const gates = new Map([['errors', facts({ range: { lo: 0.01, hi: 0.014 } })]]);
    expect(gateCell(plan, 0, 0, true, gates, false)).toBe('✅ errors 0.01..0.014 ≤ 0.02<br>score –');
    const failed = new Map([
      ['errors', facts({ status: 'failed', range: { lo: 0.012, hi: 0.031 } })],
      ['score', facts({ status: 'failed', range: { lo: 0.91, hi: 0.97 } })],
    ]);
    expect(gateCell(plan, 0, 0, false, failed, true)).toBe('❌ errors 0.012..0.031 > 0.02; ❌ score 0.91..0.97 < 0.95');
  });

  it('missing data is never a pass: a gate still measuring when its region stopped, and answers without a value, say so', () => {
    const gates = new Map([
      ['errors', facts({ status: 'measuring', range: { lo: 0.001, hi: 0.001 }, missing: 2 })],
      ['score', facts({ status: 'measuring', missing: 3 })],
    ]);
    const cell = gateCell(plan, 0, 0, false, gates, true);
    expect(cell).toBe('⏹️ errors 0.001 ≤ 0.02, 2 answers without a value; ⏹️ score no value (min 0.95), 3 answers without a value');
    expect(cell).not.toContain('✅');
    expect(gateCell(plan, 0, 0, true, gates, true)).toMatch(/^⏳ errors/);
  });

  it('numbers of an earlier step say which step they are from', () => {
    const gates = new Map([['errors', facts({ step: 0, range: { lo: 0.001, hi: 0.002 } })]]);
    expect(gateCell(plan, 0, 1, true, gates, true)).toBe('✅ errors 0.001..0.002 ≤ 0.02 (step 1); score –');
  });

  it.each([
    [{ lo: 0.5, hi: 0.7 }, 0.4, 0.8, '0.4 ≤ 0.5..0.7 ≤ 0.8'],
    [{ lo: 0.3, hi: 0.7 }, 0.4, 0.8, '0.4 > 0.3..0.7 ≤ 0.8'],
    [{ lo: 0.5, hi: 0.9 }, 0.4, 0.8, '0.4 ≤ 0.5..0.9 > 0.8'],
    [{ lo: 0.2, hi: 0.2 }, 0.4, undefined, '0.2 < 0.4'],
    [{ lo: 0.5, hi: 0.5 }, 0.4, undefined, '0.4 ≤ 0.5'],
  ])('againstLimits %j min %s max %s: %s', (range, min, max, want) => {
    expect(againstLimits(range, min, max)).toBe(want);
  });
});

describe('durations', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45_000, '45s'],
    [750_000, '12m 30s'],
    [7_500_000, '2h 5m'],
    [3_600_000, '1h'],
    [93_784_000, '1d 2h'],
    [-1, '?'],
    [Number.NaN, '?'],
  ])('%d ms reads %s', (ms, want) => {
    expect(durationText(ms)).toBe(want);
  });

  it("a region's took cell is relative and says when it is still going", () => {
    const state = initialState(plan, 'app-1.0.0', '1.0.0');
    state.now = 1_000_000 + 750_500;
    Object.assign(state.regions['eu-west'] ?? {}, { phase: 'baking', touchedSeq: 1, startedAt: 1_000_000, runs: [run(0, 'success')] });
    const row = releaseSummary(state, plan)
      .split('\n')
      .find((l) => l.startsWith('| eu-west |'));
    expect(row).toContain('| 12m 30s so far |');
    expect(row).toContain('| 10% |');
  });
});
