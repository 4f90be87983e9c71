/**
 * The gates cell's brief form (a release too large for every gate's numbers): clean passes are
 * counted, what went wrong is shown in full, and a gate without a verdict is never a pass.
 */
import { describe, expect, it } from 'vitest';
import type { GateFacts } from '../src/report/history-facts.js';
import { gateCell } from '../src/report/gate-cell.js';
import { gate, makePlan, stage } from './support/plans.js';

const plan = makePlan({
  stages: [stage('one', ['a'], { gates: ['g1', 'g2', 'g3', 'g4'] })],
  gates: [gate('g1', { max: 0.01 }), gate('g2', { max: 0.01 }), gate('g3', { max: 0.01 }), gate('g4', { max: 0.01 })],
});

describe('gate cell, brief', () => {
  it('counts clean passes, shows a failure in full and counts a gate with no facts apart', () => {
    const gates = new Map<string, GateFacts>([
      ['g1', { step: 0, missing: 0, status: 'passed', range: { lo: 0.001, hi: 0.002 } }],
      ['g2', { step: 0, missing: 0, status: 'passed', range: { lo: 0.001, hi: 0.002 } }],
      ['g3', { step: 0, missing: 0, status: 'failed', range: { lo: 0.02, hi: 0.03 } }],
    ]);
    const cell = gateCell(plan, 0, 0, true, gates, true, true);
    expect(cell).toBe('❌ g3 0.02..0.03 > 0.01; ✅ 2/4 gates within limits; ⏳ 1/4 gates without a verdict');
  });
  it('a pass with answers missing is shown in full, not counted within limits', () => {
    const gates = new Map<string, GateFacts>([
      ['g1', { step: 0, missing: 2, status: 'passed', range: { lo: 0.001, hi: 0.002 } }],
      ['g2', { step: 0, missing: 0, status: 'passed', range: { lo: 0.001, hi: 0.002 } }],
      ['g3', { step: 0, missing: 0, status: 'measuring' }],
      ['g4', { step: 0, missing: 0, status: 'measuring' }],
    ]);
    const cell = gateCell(plan, 0, 0, false, gates, true, true);
    expect(cell).toContain('g1 0.001..0.002 ≤ 0.01, 2 answers without a value');
    expect(cell).toContain('✅ 1/4 gates within limits');
    expect(cell).toContain('⏹️ 2/4 gates without a verdict');
  });
});
