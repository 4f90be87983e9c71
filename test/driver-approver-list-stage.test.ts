/**
 * Found by the issue-12 review: authorize.ts checks the approver lists of `ev.stage ?? currentStage`, but the
 * core ignores `stage` for `promote` (it approves what waits now) and for `approve region=...`.
 * Naming another stage whose lists are empty (or include you) passes authorization and approves
 * the stage/region whose own list excludes you.
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

describe('approver lists', () => {
  it.each(['promote', 'approve'] as const)('%s naming another stage does not approve prod (only lead may)', async (name) => {
    const plan = makePlan({
      stages: [stage('canary', ['a']), stage('prod', ['b'], { approval: { timeoutMs: 24 * 60 * MIN, users: ['lead'], teams: [] } })],
    });
    const clock = new VirtualClock(T0);
    const scenario = emptyScenario();
    const github = new EmulatedGitHub({ clock, scenario, seed: 1 });
    const inbox: InboxPort = { commandRuns: async () => [] };
    const ports = { ...rolesOf(github, NO_DOUBTS, inbox), metrics: new SyntheticMetrics(plan, scenario, 1), clock };
    const base = { plan, version: '1', releaseId: 'app-1', ref: 'main', ports, initiator: 'alice', mode: 'run' as const };
    const paused = await runRelease(base);
    expect(paused.state.stages[1]?.phase).toBe('awaiting-approval');
    // Control: mallory (admin, not lead) approving prod directly is refused.
    const direct = await runRelease({
      ...base,
      state: paused.state,
      inbox: [{ type: 'command', at: clock.now(), by: 'mallory', name: 'approve', stage: 'prod', origin: { runId: 1, attempt: 1 } }],
    });
    expect(direct.state.history.find((h) => h.by === 'mallory')?.reasonCode).toBe('not-approver');
    // Naming stage canary (no list of its own, the plan has none) instead:
    const res = await runRelease({
      ...base,
      state: paused.state,
      inbox: [
        {
          type: 'command',
          at: clock.now(),
          by: 'mallory',
          name,
          stage: 'canary',
          origin: { runId: 2, attempt: 1 },
        },
      ],
    });
    const entry = res.state.history.find((h) => (h.kind === 'command' || h.kind === 'command-refused') && h.by === 'mallory');
    expect(res.state.history.some((h) => h.kind === 'stage-approved' && h.by === 'mallory')).toBe(false);
    expect(entry?.kind).toBe('command-refused');
  });
});
