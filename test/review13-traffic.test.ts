/**
 * Review 13: the traffic column (and the region_traffic_percent metric, same writer) after a
 * rolled-back region is retried: the earlier attempt's deploy no longer serves anything.
 */
import { describe, expect, it } from 'vitest';
import { historyFacts } from '../src/report/history-facts.js';
import { regionRows, servedTraffic, trafficNow } from '../src/report/region-table.js';
import { Harness } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';

const MIN = 60_000;

function retriedAfterRollback(): Harness {
  const plan = makePlan({
    stages: [
      stage('one', ['a', 'b'], {
        steps: [
          { traffic: 10, bakeMs: 5 * MIN },
          { traffic: 50, bakeMs: 5 * MIN },
        ],
        failureBudget: 1,
      }),
    ],
    gates: [gate('errors', { max: 0.01 })],
    rollbackScope: 'region',
  });
  const h = new Harness(plan);
  h.start();
  h.answerDispatches();
  h.finishRun('a'); // step 1 (10%) deployed
  h.bake('a', () => 0.001);
  h.answerDispatches();
  h.finishRun('a'); // step 2 (50%) deployed
  h.bake('a', () => 0.5); // the gate fails: rollback dispatched
  h.answerDispatches();
  h.finishRun('a'); // the rollback run succeeded: a serves nothing
  if (h.region('a').phase !== 'rolled-back') throw new Error(`a is ${h.region('a').phase}: ${h.historyKinds().join(' ')}`);
  h.send({ type: 'command', at: h.now, by: 'alice', name: 'retry', region: 'a', reason: 'flaky' });
  return h;
}

describe('review13: traffic now after a retry of a rolled-back region', () => {
  it("the retried region, its new deploy not yet succeeded, serves 0% (not the old attempt's 50%)", () => {
    const h = retriedAfterRollback();
    const r = h.region('a');
    const stage0 = h.plan.stages[0];
    if (!stage0) throw new Error('no stage');
    expect(r.phase).not.toBe('rolled-back');
    expect(servedTraffic(stage0, r)).toBe(0);
    expect(trafficNow(stage0, r)).toMatch(/^0%/);
    const row = regionRows(h.state, h.plan, historyFacts(h.state), { runStatus: () => undefined, compact: false }).find((x) => x.text.startsWith('| a |'));
    expect(row?.text).not.toMatch(/\| 50%/);
  });
});
