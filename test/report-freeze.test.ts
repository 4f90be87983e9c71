/**
 * The freeze and slo verdicts where people read them: the summary (check run and job summary)
 * says what holds the release, the numbers, and the override command; the log notice too.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../src/core/events.js';
import { releaseSummary } from '../src/report/summary.js';
import { waitingNotice } from '../src/report/waiting.js';
import type { Gate } from '../src/plan/types.js';
import { Harness } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';

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
