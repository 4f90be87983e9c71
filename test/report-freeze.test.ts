/**
 * The freeze and slo verdicts where people read them: the summary (check run and job summary)
 * says what holds the release, the numbers, and the override command; the log notice too.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../src/core/events.js';
import { releaseSummary } from '../src/report/summary.js';
import { waitingNotice } from '../src/report/waiting.js';
import type { Gate } from '../src/plan/types.js';
import { loadPlanFile } from '../src/plan/load.js';
import { Harness } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';
import { simulatedState } from './report-support.js';

const SLO_GATE: Gate = {
  ...gate('availability', { query: undefined, max: undefined }),
  slo: { good: 'g[{{ window }}]', total: 't[{{ window }}]', objective: 0.999, shortMs: 300_000, longMs: 3_600_000, factor: 14.4 },
};

function frozen(): Harness {
  const plan = makePlan({ gates: [gate('errors'), SLO_GATE], stages: [stage('canary', ['us-east-1'])] });
  plan.freeze = { slo: 'availability', periodMs: 30 * 86_400_000, floor: 0.1, beforeEachStage: false };
  const h = new Harness(plan);
  h.start('carol');
  const read: Event = {
    type: 'budget-read',
    at: h.now,
    stage: 'canary',
    reads: [{ region: 'us-east-1', good: { kind: 'value', value: 999_040 }, total: { kind: 'value', value: 1_000_000 } }],
  };
  h.send(read);
  return h;
}

describe('the freeze in the reports', () => {
  it('the summary says the stage is held by the freeze, with the budget and the floor, and the override command', () => {
    const h = frozen();
    const md = releaseSummary(h.state, h.plan);
    expect(md).toContain('waits for a person');
    expect(md).toContain('Stage `canary` is held by the release freeze (error-budget-exhausted)');
    expect(md).toContain('4% left in us-east-1, below the floor 10%');
    expect(md).toContain('gh workflow run release.yml -f command=override-freeze -f release=app-1.0.0');
    expect(md).toContain('not carol, who started the release');
  });

  it('the log notice names the override', () => {
    const h = frozen();
    expect(waitingNotice(h.state, h.plan)).toMatch(/held by the release freeze .* To go on: gh workflow run release.yml -f command=override-freeze/);
  });
});

describe('an slo gate in the summary', () => {
  const SLO_PLAN = 'test/fixtures/slo-plan.yml';
  const plan = loadPlanFile(SLO_PLAN, { workflowsDir: false }).plan!;
  const row = (md: string, region: string) => md.split('\n').find((l) => l.startsWith(`| ${region} |`)) ?? '';

  it('its gates cell gives the burn rates it was judged by against the factor, never "no value" for answers that had one', async () => {
    const md = releaseSummary(await simulatedState(SLO_PLAN, '--scenario', 'healthy'), plan);
    const cell = row(md, 'eu-west-1');
    expect(cell).toMatch(/✅ availability burn rate 0\.\d+\.\.0\.\d+ ≤ 14\.4(<br>|\s\|)/);
    expect(md).not.toContain('availability no value');
    expect(md).not.toContain('answers without a value');
  });

  it('a burn above the factor reads as beyond it', async () => {
    const md = releaseSummary(await simulatedState(SLO_PLAN, '--scenario', 'slo-burn=us-east-1'), plan);
    expect(row(md, 'us-east-1')).toMatch(/❌ availability burn rate \d+(\.\d+)?(\.\.\d+(\.\d+)?)? > 14\.4/);
  });
});
