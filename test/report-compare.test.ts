/**
 * A comparison gate where people read it (issue 15): the summary's headline and gates cell say
 * the canary as a multiple of its baseline against the tolerance, and the verdict's sentence is in
 * the history every log line and check run quotes.
 */
import { describe, expect, it } from 'vitest';
import { loadPlanFile } from '../src/plan/load.js';
import { releaseSummary } from '../src/report/summary.js';
import { simulatedState } from './report-support.js';

const PLAN = 'test/fixtures/simulate-compare-plan.yml';
const plan = loadPlanFile(PLAN, { workflowsDir: false }).plan!;

describe('a comparison gate in the summary', () => {
  it('a rolled-back canary: the headline and the row say 1.5x baseline against 1.2x', async () => {
    const state = await simulatedState(PLAN, '--scenario', 'regression=eu-west-1');
    const md = releaseSummary(state, plan);
    expect(md).toMatch(/^### Release `shop-1\.0\.0`: rolled back: eu-west-1 gate error-ratio failed \(1\.\d+x baseline > 1\.2x\)$/m);
    expect(md).toMatch(/\| eu-west-1 \| canary \|.*❌ error-ratio 1\.\d+x baseline > 1\.2x, n=\d+/);
    expect(md).toMatch(/canary 0\.0\d+ vs baseline 0\.0\d+ \(1\.\d+x, n=\d+\/\d+\): above the 1\.2x \+ 0\.001 tolerance/);
  });

  it('a promoted canary: the row says its ratio, p and the tolerance it was held to', async () => {
    const state = await simulatedState(PLAN, '--scenario', 'healthy');
    const md = releaseSummary(state, plan);
    expect(md).toMatch(/\| eu-west-1 \| canary \|.*✅ error-ratio (0\.9\d*|1\.0\d*|1)x baseline \(p=[\d.e-]+\) ≤ 1\.2x, n=30/);
  });
});
