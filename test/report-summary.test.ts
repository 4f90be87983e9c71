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
    // The headline is one short sentence with the numbers of what failed; the engine's reason and its code are the line below it.
    const [head, , details] = text.split('\n');
    expect(head).toMatch(
      /^### Release `checkout-1\.0\.0`: promoted to 9 of 10 regions; 1 region rolled back within the failure budget: us-west-2 gate error-rate failed \(0\.0\d+ > 0\.01\)$/,
    );
    expect(details).toMatch(/^promoted; 1 region failed within the failure budget and were rolled back: us-west-2 \(`promoted-within-budget`\)/);
  });

  it('a healthy release has no "what went wrong" section', async () => {
    const text = releaseSummary(await finalState(), plan);
    expect(text).not.toContain('What went wrong');
    expect(text).toContain('#### Latest verdicts');
    expect(text.split('\n').filter((l) => l.includes('✅ promoted'))).toHaveLength(10);
  });
});
