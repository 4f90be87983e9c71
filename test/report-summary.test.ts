/** The summary people read in the check run and the job summary, from simulated releases. */
import { describe, expect, it } from 'vitest';
import { loadPlanFile } from '../src/plan/load.js';
import { releaseSummary } from '../src/report/summary.js';
import { simulateCommand } from '../src/cli/simulate.js';
import type { State } from '../src/core/state.js';

const PLAN = 'workflows-examples/release-plan.yml';

async function finalState(...scenario: string[]): Promise<State> {
  let out = '';
  await simulateCommand([PLAN, '--json', ...scenario.flatMap((s) => ['--scenario', s])], { out: (s) => (out += s), err: () => undefined });
  return (JSON.parse(out) as { state: State }).state;
}

describe('release summary', () => {
  const plan = loadPlanFile(PLAN, { workflowsDir: false }).plan!;

  it('a rolled-back region shows why (gate, value, threshold) before what followed, and the failure is listed apart', async () => {
    const text = releaseSummary(await finalState('regression=us-west-2@2'), plan);
    const row = text.split('\n').find((l) => l.startsWith('| us-west-2 |')) ?? '';
    expect(row).toContain('↩️ rolled back');
    expect(row).toMatch(/gate error-rate: .*value [\d.]+ is above max 0\.01.* → rollback run \d+ succeeded/);
    const wrong = text.slice(text.indexOf('#### What went wrong'), text.indexOf('#### Latest verdicts'));
    expect(wrong).toMatch(/\*\*gate-failed\*\* \(us-west-2, step 2, error-rate\): .*above max 0\.01/);
    // Said once, not "promoted — promoted; ...".
    expect(text.split('\n')[0]).toMatch(/^### Release `checkout-1\.0\.0`: promoted; 1 region\(s\) failed within the failure budget/);
  });

  it('a healthy release has no "what went wrong" section', async () => {
    const text = releaseSummary(await finalState(), plan);
    expect(text).not.toContain('What went wrong');
    expect(text).toContain('#### Latest verdicts');
    expect(text.split('\n').filter((l) => l.includes('✅ promoted'))).toHaveLength(10);
  });
});
