/**
 * Runs a whole release in process: the real driver and core against the GitHub emulator,
 * synthetic metrics and a virtual clock. Used by the `simulate` command, tests and benchmarks.
 */
import type { Event } from '../core/events.js';
import type { HistoryEntry, State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { runRelease, type RunDecision } from '../driver/interpreter.js';
import { NO_DOUBTS, rolesOf } from '../driver/roles.js';
import { VirtualClock } from './clock.js';
import { EmulatedGitHub } from './github.js';
import { SyntheticMetrics } from './metrics.js';
import { SimulatedPerson } from './person.js';
import { copyScenario, type Scenario } from './scenario.js';

/** Virtual start: a fixed instant, so output and state are identical from run to run. */
export const SIMULATION_START = Date.UTC(2026, 0, 1, 9, 0, 0);

/** Why the simulation stops a driver (the history's `cancelled` entry says it). */
const HAND_OVER = 'simulate: a person gives a command now, and the run carrying it resumes the release';

export interface SimulationOptions {
  plan: Plan;
  version: string;
  releaseId: string;
  scenario: Scenario;
  seed: number;
  /** Approve stage approvals as a simulated person (default true); regions held by an inconclusive gate are never auto-approved. */
  autoApprove?: boolean;
  onTransition?: (entry: HistoryEntry) => void;
  /** Keep every event fed to the core in the result (default true; the command turns it off to save memory). */
  recordEvents?: boolean;
}

export interface SimulationResult {
  decision: RunDecision;
  reasonCode: string;
  reason: string;
  state: State;
  events: Event[];
  github: EmulatedGitHub;
  metrics: SyntheticMetrics;
  start: number;
  /** What the simulated person did and what they never got to do. */
  person: SimulatedPerson;
}

/**
 * How a person's command reaches the release: the driver takes people's events at its start
 * (`inbox`), so the simulation runs it until the person acts and starts it again with the event.
 * At a pause the driver returns by itself; for a command in the middle of a bake (abort@T, a
 * retry) the virtual clock's alarm stops it (`stop`: the history says `cancelled`, then
 * `release-resumed`) at the person's time, as a command run that finds the lease free takes the
 * release over. Runs in flight are polled, never dispatched again, across the hand-over.
 */
export async function simulateRelease(opts: SimulationOptions): Promise<SimulationResult> {
  const clock = new VirtualClock(SIMULATION_START);
  // The simulation's own copy: a retried region's scripted failure ends in it (scenario.ts, retries).
  const scenario = copyScenario(opts.scenario);
  const github = new EmulatedGitHub({ clock, scenario, seed: opts.seed });
  const metrics = new SyntheticMetrics(opts.plan, scenario, opts.seed);
  const person = new SimulatedPerson(opts.plan, scenario, SIMULATION_START, opts.autoApprove ?? true);
  const events: Event[] = [];
  let state: State | undefined;
  let inbox = person.take(clock.now(), undefined, false);
  for (;;) {
    const handOver = new AbortController();
    clock.setAlarm({ due: () => person.nextDue(), ring: () => handOver.abort(HAND_OVER) });
    const res = await runRelease({
      plan: opts.plan,
      version: opts.version,
      releaseId: opts.releaseId,
      ref: 'refs/heads/main',
      ports: { ...rolesOf(github, NO_DOUBTS), metrics, clock },
      mode: 'run',
      ...(state ? { state } : {}),
      initiator: 'simulate',
      inbox,
      pollIntervalMs: 30_000,
      recordEvents: opts.recordEvents ?? true,
      stop: handOver.signal,
      onTransition: (e) => {
        person.observe(e);
        opts.onTransition?.(e);
      },
    });
    clock.setAlarm(undefined);
    for (const ev of res.events) events.push(ev); // no spread: a large release has more events than the stack allows arguments
    state = res.state;
    if (handOver.signal.aborted) {
      inbox = person.take(clock.now(), res.state, false);
      continue;
    }
    const next = res.decision === 'paused' ? person.nextAtPause(res.state) : undefined;
    if (next !== undefined) {
      clock.advanceTo(next);
      inbox = person.take(clock.now(), res.state, true);
      continue;
    }
    return {
      decision: res.decision,
      reasonCode: res.reasonCode,
      reason: res.reason,
      state: res.state,
      events,
      github,
      metrics,
      start: SIMULATION_START,
      person,
    };
  }
}
