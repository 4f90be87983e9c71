/**
 * Review 13: metric label values come from a hand-edited ledger's history unchecked (gate, stage,
 * region names): unbounded label values, series no plan names.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, State } from '../src/core/state.js';
import type { Plan } from '../src/plan/types.js';
import { createMetricsSink } from '../src/telemetry/metrics-sink.js';
import { Harness, T0 } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';

async function render(plan: Plan, state: State): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'review13-metrics-')), 'release.prom');
  const sink = createMetricsSink({ metricsFile: file, env: {}, warn: () => undefined, setSecret: () => undefined, now: () => T0 + 90_000 });
  sink.opened({ releaseId: 'app-1.0.0', plan, version: '1.0.0', kind: 'run', startedAt: T0 }, state);
  sink.finished({ decision: 'paused', reasonCode: '', reason: '', state, at: T0 + 90_000 });
  await sink.flush(AbortSignal.timeout(5_000));
  return readFileSync(file, 'utf8');
}

function labelValues(text: string): string[] {
  return [...text.matchAll(/[a-z_]+="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
}

describe('review13: metric labels from a hand-edited ledger', () => {
  it('a measurement entry with a 5,000-character gate name and a stage no plan has does not become a label', async () => {
    const plan = makePlan({ stages: [stage('one', ['us-east-1'])], gates: [gate('errors', { max: 0.01 })] });
    const h = new Harness(plan);
    h.start();
    h.finishRun('us-east-1');
    const forged: HistoryEntry = {
      at: h.now,
      kind: 'measurement',
      reason: 'successful: forged',
      reasonCode: 'successful',
      stage: `stage-${'s'.repeat(3000)}`,
      region: `run-${'9'.repeat(2000)}`,
      gate: `gate-${'x'.repeat(5000)}`,
      numbers: { value: 1 },
    } as HistoryEntry;
    const state: State = { ...h.state, history: [...h.state.history, forged] };
    const text = await render(plan, state);
    const longest = Math.max(...labelValues(text).map((v) => v.length));
    expect(longest).toBeLessThanOrEqual(200);
    expect(text).not.toContain('x'.repeat(100));
  });
});
