/**
 * A held freeze in a running job (src/driver/interpreter.ts waiting for people): the core's own
 * re-read of the budget (core/freeze.ts, retryAt) wakes the driver, which reads again, so a blip
 * on the metrics backend at a stage's start costs minutes, not a person's night.
 */
import { describe, expect, it } from 'vitest';
import { runRelease } from '../src/driver/interpreter.js';
import type { MeasureRequest, MetricsPort } from '../src/driver/ports.js';
import { NO_DOUBTS, rolesOf } from '../src/driver/roles.js';
import type { Observation } from '../src/core/values.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { emptyScenario } from '../src/simulate/scenario.js';
import { SLO_GATE, freezePlan } from './support/freeze.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

/** Budget reads fail `failures` times (HTTP 503), then answer 90% left; other reads answer healthy numbers. */
function flakyBudget(clock: VirtualClock, failures: number): MetricsPort & { budgetReads: number[] } {
  let failed = 0;
  const budgetReads: number[] = [];
  return {
    budgetReads,
    async measure(req: MeasureRequest): Promise<Observation> {
      const budget = req.gate.windowMs >= 86_400_000;
      if (budget) budgetReads.push(clock.now());
      if (budget && failed < failures * 2) {
        failed++;
        return { kind: 'error', message: 'HTTP 503 from prometheus' };
      }
      return { kind: 'value', value: req.gate.query?.startsWith('good') ? 999_900 : 1_000_000 };
    },
    async measureRange() {
      return { kind: 'error', message: 'not used' };
    },
  };
}

function drive(failures: number, waitForPeopleMs: number) {
  const plan = freezePlan();
  plan.gates = { availability: SLO_GATE };
  for (const st of plan.stages) st.gates = [];
  const clock = new VirtualClock(T0);
  const scenario = emptyScenario();
  const github = new EmulatedGitHub({ clock, scenario, seed: 1 });
  const inbox = { commandRuns: async () => [] };
  const metrics = flakyBudget(clock, failures);
  const ports = { ...rolesOf(github, NO_DOUBTS, inbox), metrics, clock };
  const run = runRelease({
    plan,
    version: '1',
    releaseId: 'app-1',
    ref: 'main',
    ports,
    mode: 'run',
    initiator: 'alice',
    inboxWorkflow: '.github/workflows/release.yml',
    pollIntervalMs: 15_000,
    waitForPeopleMs,
  });
  return { run, metrics };
}

describe('a held freeze while the job waits', () => {
  it('two unreadable budget reads at the start: read again after 1 and 2 minutes, then the release goes on by itself', async () => {
    const { run, metrics } = drive(2, 60 * MIN);
    const res = await run;
    expect(res.decision).toBe('promoted');
    const frozen = res.state.history.filter((e) => e.kind === 'release-frozen');
    expect(frozen.map((e) => e.reasonCode)).toEqual(['error-budget-unknown', 'error-budget-unknown']);
    expect(res.state.history.find((e) => e.kind === 'freeze-lifted')?.reason).toMatch(/90% left in us-east-1/);
    // One region in the first stage: each attempt is one good and one total read, at the same time.
    const attempts = [...new Set(metrics.budgetReads)].map((t) => Math.round((t - T0) / 1000));
    expect(attempts.slice(0, 3)).toEqual([attempts[0], attempts[0]! + 60, attempts[0]! + 180]);
  });

  it('without waiting for people, the hold ends the job paused (a resume reads again)', async () => {
    const { run } = drive(1, 0);
    const res = await run;
    expect(res.decision).toBe('paused');
    expect(res.reasonCode).toBe('error-budget-unknown');
    expect(res.state.freeze?.retryAt).toBeGreaterThan(res.state.freeze?.at ?? Infinity);
  });
});
