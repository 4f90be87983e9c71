/** Adversarial review: the driver never dispatches what the ledger does not record. */
import { describe, expect, it } from 'vitest';
import { runRelease } from '../src/driver/interpreter.js';
import { NO_DOUBTS, rolesOf } from '../src/driver/roles.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { SyntheticMetrics } from '../src/simulate/metrics.js';
import { emptyScenario } from '../src/simulate/scenario.js';
import { makePlan, stage } from './support/plans.js';

describe('a ledger that cannot be saved', () => {
  it('dispatches nothing whose state is not on record, and says why', async () => {
    const plan = makePlan({ stages: [stage('one', ['a', 'b'])] });
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const scenario = emptyScenario();
    const emulator = new EmulatedGitHub({ clock, scenario, seed: 1 });
    const github: EmulatedGitHub = Object.assign(Object.create(emulator) as EmulatedGitHub, {
      saveLedger: async () => {
        throw new Error('HTTP 502');
      },
    });
    const warnings: string[] = [];
    const res = await runRelease({
      plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports: { ...rolesOf(github, NO_DOUBTS), metrics: new SyntheticMetrics(plan, scenario, 1), clock },
      mode: 'run',
      onWarning: (m) => warnings.push(m),
    });
    expect(emulator.runs).toHaveLength(0);
    expect(emulator.deployments).toHaveLength(0);
    expect(res).toMatchObject({ decision: 'failed', reasonCode: 'ledger-save-failed' });
    expect(warnings.join('\n')).toContain('HTTP 502');
  });
});
