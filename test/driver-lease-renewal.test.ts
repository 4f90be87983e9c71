/**
 * A mode-run driver renews its 10-minute lease only by saving: during a long bake with nothing
 * else to save, it saves every `leaseRenewMs` (the GitHub modes pass 200 s). Before this, a
 * 40-minute bake went 44 minutes without a save, and a command run or a reconcile claimed the
 * release beside the live driver (found by the issue-12 review).
 */
import { describe, expect, it } from 'vitest';
import { runRelease } from '../src/driver/interpreter.js';
import type { InboxPort } from '../src/driver/ports.js';
import { NO_DOUBTS, rolesOf } from '../src/driver/roles.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { SyntheticMetrics } from '../src/simulate/metrics.js';
import { emptyScenario } from '../src/simulate/scenario.js';
import { makePlan, stage } from './support/plans.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

describe('lease renewal in mode run', () => {
  it.each([[[] as string[]], [['errors']]])('gates %j: a 40-min bake saves at least every 5 min', async (gates) => {
    const plan = makePlan({ stages: [stage('canary', ['a'], { gates, steps: [{ traffic: 100, bakeMs: 40 * MIN }] })] });
    const clock = new VirtualClock(T0);
    const scenario = emptyScenario();
    const github = new EmulatedGitHub({ clock, scenario, seed: 1 });
    const saves: number[] = [];
    const save = github.saveLedger.bind(github);
    github.saveLedger = async (id, w) => {
      saves.push(clock.now());
      return save(id, w);
    };
    const inbox: InboxPort = { commandRuns: async () => [] };
    const ports = { ...rolesOf(github, NO_DOUBTS, inbox), metrics: new SyntheticMetrics(plan, scenario, 1), clock };
    const res = await runRelease({
      plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports,
      mode: 'run',
      initiator: 'alice',
      inboxWorkflow: 'w.yml',
      leaseRenewMs: 200_000,
    });
    expect(res.decision).toBe('promoted');
    const gaps = saves.slice(1).map((t, i) => t - (saves[i] ?? 0));
    expect(Math.max(...gaps) / MIN).toBeLessThanOrEqual(5);
  });
});
