/**
 * Review 13: `progressive_release_rollbacks` is rendered from the regions' current flags, which a
 * retry clears: a rollback that happened vanishes from the metric (the history still has it).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { State } from '../src/core/state.js';
import type { Plan } from '../src/plan/types.js';
import { createMetricsSink } from '../src/telemetry/metrics-sink.js';
import { Harness, T0 } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';

const MIN = 60_000;

async function rollbacks(plan: Plan, state: State): Promise<number> {
  const file = join(mkdtempSync(join(tmpdir(), 'review13-rb-')), 'release.prom');
  const sink = createMetricsSink({ metricsFile: file, env: {}, warn: () => undefined, setSecret: () => undefined, now: () => T0 });
  sink.opened({ releaseId: 'app-1', plan, version: '1', kind: 'run', startedAt: T0 }, state);
  sink.finished({ decision: 'paused', reasonCode: '', reason: '', state, at: T0 });
  await sink.flush(AbortSignal.timeout(5_000));
  const text = readFileSync(file, 'utf8');
  let sum = 0;
  for (const m of text.matchAll(/^progressive_release_rollbacks\{[^}]*\} (\S+)$/gm)) sum += Number(m[1]);
  return sum;
}

describe('review13: rollbacks by cause survive a retry', () => {
  it('a region rolled back, then retried: the rollback is still counted', async () => {
    const plan = makePlan({
      stages: [stage('one', ['a', 'b'], { steps: [{ traffic: 10, bakeMs: 5 * MIN }], failureBudget: 1 })],
      gates: [gate('errors', { max: 0.01 })],
      rollbackScope: 'region',
    });
    const h = new Harness(plan);
    h.start();
    h.answerDispatches();
    h.finishRun('a');
    h.bake('a', () => 0.5);
    h.answerDispatches();
    h.finishRun('a'); // the rollback run
    expect(h.region('a').phase).toBe('rolled-back');
    const before = await rollbacks(plan, h.state);
    expect(before).toBe(1);
    h.send({ type: 'command', at: h.now, by: 'alice', name: 'retry', region: 'a', reason: 'flaky' });
    expect(h.state.history.some((e) => e.kind === 'rollback-dispatched')).toBe(true);
    expect(await rollbacks(plan, h.state)).toBe(before);
  });
});
