/**
 * Texts people read number steps from 1, as the summary tables do; the state keeps 0-based
 * step indexes (see state.ts).
 */
import { describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';
import { makePlan, stage } from './support/plans.js';

const MIN = 60_000;
const twoSteps = {
  steps: [
    { traffic: 50, bakeMs: 2 * MIN },
    { traffic: 100, bakeMs: 2 * MIN },
  ],
};

describe('human-facing step numbers are 1-based', () => {
  it('step-passed reasons and deployment descriptions', () => {
    const h = new Harness(makePlan({ stages: [stage('one', ['a'], twoSteps)] }));
    h.start();
    h.send({ type: 'deployment-created', at: h.now, region: 'a', deploymentId: 5 });
    for (let i = 0; i < 10 && h.state.status !== 'finished'; i++) {
      if (h.region('a').phase === 'deploying') h.finishRun('a');
      else h.bake('a', () => 0.5);
    }
    expect(h.state.history.filter((e) => e.kind === 'step-passed').map((e) => [e.step, e.reason])).toEqual([
      [0, 'step 1 at 50% passed'],
      [1, 'step 2 at 100% passed'],
    ]);
    const descriptions = h.of('set-deployment-status').map((e) => `${e.state}: ${e.description}`);
    expect(descriptions).toContain('queued: step 1/2 at 50%: deploy run requested');
    expect(descriptions.filter((d) => d.startsWith('in_progress')).map((d) => d.replace(/run \d+/, 'run N'))).toEqual([
      'in_progress: step 1/2 at 50%: deploy run N',
      'in_progress: step 2/2 at 100%: deploy run N',
    ]);
    expect(descriptions.at(-1)).toBe('success: 1.0.0 at 100%: all 2 steps passed');
  });

  it('a deploy run that fails at the second step says step 2', () => {
    const h = new Harness(makePlan({ stages: [stage('one', ['a'], twoSteps)] }));
    h.start();
    h.finishRun('a');
    h.bake('a', () => 0.5);
    expect(h.region('a').step).toBe(1);
    h.finishRun('a', 'failure');
    expect(h.region('a').failure?.reason).toMatch(/concluded failure at step 2$/);
  });

  it('a region halted mid-step under rollback.scope region says its 1-based step', () => {
    const h = new Harness(makePlan({ rollbackScope: 'region', stages: [stage('one', ['a', 'b'], twoSteps)] }));
    h.start();
    h.finishRun('b');
    h.finishRun('a', 'failure');
    expect(h.region('b').skippedReason).toMatch(/^halted at step 1 \(50%\)/);
  });
});
