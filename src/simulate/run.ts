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
import type { Scenario } from './scenario.js';

/** Virtual start: a fixed instant, so output and state are identical from run to run. */
export const SIMULATION_START = Date.UTC(2026, 0, 1, 9, 0, 0);
/** A simulated person approves a stage this long after being asked. */
const APPROVER_DELAY_MS = 5 * 60_000;

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
}

export async function simulateRelease(opts: SimulationOptions): Promise<SimulationResult> {
  const clock = new VirtualClock(SIMULATION_START);
  const github = new EmulatedGitHub({ clock, scenario: opts.scenario, seed: opts.seed });
  const metrics = new SyntheticMetrics(opts.plan, opts.scenario, opts.seed);
  const events: Event[] = [];
  let state: State | undefined;
  let inbox: Event[] = [];
  for (;;) {
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
      ...(opts.onTransition ? { onTransition: opts.onTransition } : {}),
    });
    for (const ev of res.events) events.push(ev); // no spread: a large release has more events than the stack allows arguments
    const stage = res.state.stages[res.state.stage];
    if (
      res.decision === 'paused' &&
      (opts.autoApprove ?? true) &&
      stage?.phase === 'awaiting-approval' &&
      res.state.pause?.reasonCode === 'stage-approval-required'
    ) {
      clock.advance(APPROVER_DELAY_MS);
      state = res.state;
      // The simulated person is someone the plan lets approve (the first listed approver, if any).
      const planStage = opts.plan.stages[res.state.stage];
      const by = planStage?.approval?.users[0] ?? opts.plan.approvals.users[0] ?? 'simulated-approver';
      inbox = [{ type: 'approval', at: clock.now(), by, decision: 'approve', stage: stage.name }];
      continue;
    }
    return { decision: res.decision, reasonCode: res.reasonCode, reason: res.reason, state: res.state, events, github, metrics, start: SIMULATION_START };
  }
}
