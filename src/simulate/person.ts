/**
 * The simulated person: approves stage approvals (unless told not to), rejects the stages the
 * scenario names, gives the scenario's timed commands (abort@T, pause@T, resume@T) and retries a
 * region once after it failed (retry=REGION). Each is an event fed to the core as a real command
 * run's would be: a `command` (or, for the approver, an `approval`) with `by` and an `origin`.
 *
 * Times: the approver answers PERSON_DELAY_MS after being asked, a retry comes PERSON_DELAY_MS
 * after the region's rollback finished (a person notices, then acts), timed commands come at
 * their time after the start.
 */
import type { CommandName, Event } from '../core/events.js';
import type { HistoryEntry, State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { endFailuresOf, type Scenario } from './scenario.js';

/** A simulated person takes this long to answer (an approval, a failed region). */
export const PERSON_DELAY_MS = 5 * 60_000;
/**
 * Run ids of the simulated command runs: apart from the emulator's deploy and rollback runs (from
 * 1000), so a history entry's `numbers.runId` never names one of those.
 */
const COMMAND_RUN_IDS = 900_000;

/** Something the person will do, and when. */
export interface PersonAction {
  at: number;
  name: CommandName;
  stage?: string;
  region?: string;
  /** The --scenario text it comes from (undefined: the simulated approver). */
  scenario?: string;
}

/** What the person did: the event fed and the scenario text it came from. */
export interface FedAction {
  action: PersonAction;
  event: Event;
}

export class SimulatedPerson {
  private readonly timed: PersonAction[];
  private readonly retries: PersonAction[] = [];
  private readonly retried = new Set<string>();
  /** Stage approvals answered (`stage@requested at`): one answer each, even when the release refuses it. */
  private readonly answered = new Set<string>();
  readonly fed: FedAction[] = [];

  /** `scenario` is the simulation's own copy: a retry ends the region's scripted failure in it. */
  constructor(
    private readonly plan: Plan,
    private readonly scenario: Scenario,
    private readonly start: number,
    private readonly autoApprove: boolean,
  ) {
    this.timed = scenario.commands.map((c) => ({ at: start + c.afterMs, name: c.name, scenario: c.text }));
  }

  /** Someone the plan lets act: its first approver (a stage's own list first), else a made-up login. */
  private who(stage?: string): string {
    const own = this.plan.stages.find((s) => s.name === stage)?.approval?.users[0];
    return own ?? this.plan.approvals.users[0] ?? 'simulated-approver';
  }

  /** Called for every history entry: a region to retry has settled after its failure. */
  observe(e: HistoryEntry): void {
    const region = e.region;
    if (region === undefined || !this.scenario.retries.has(region) || this.retried.has(region)) return;
    const settled = e.kind === 'region-rolled-back' || e.kind === 'rollback-failed' || (e.kind === 'region-failed' && !this.plan.rollback);
    if (!settled) return;
    this.retried.add(region);
    this.retries.push({ at: e.at + PERSON_DELAY_MS, name: 'retry', region, scenario: `retry=${region}` });
  }

  /** When the next action that does not wait for a pause is due (the clock's alarm), if any. */
  nextDue(): number | undefined {
    const times = [...this.timed, ...this.retries].map((a) => a.at);
    return times.length ? Math.min(...times) : undefined;
  }

  /** At a pause: when the person acts next (the approver's answer, or a scripted action), if at all. */
  nextAtPause(state: State): number | undefined {
    const answer = this.approverAnswer(state);
    const due = this.nextDue();
    if (answer === undefined) return due;
    return due === undefined ? answer.at : Math.min(answer.at, due);
  }

  /** The approver's answer to the stage that waits (approve, or reject when the scenario says so). */
  private approverAnswer(state: State): PersonAction | undefined {
    const st = state.stages[state.stage];
    if (st?.phase !== 'awaiting-approval' || state.stop || state.pause?.reasonCode !== 'stage-approval-required') return undefined;
    if (this.answered.has(`${st.name}@${st.approval?.requestedAt ?? ''}`)) return undefined;
    const reject = this.scenario.rejects.has(st.name);
    if (!reject && !this.autoApprove) return undefined;
    const at = (st.approval?.requestedAt ?? state.now) + PERSON_DELAY_MS;
    return { at, name: reject ? 'reject' : 'approve', stage: st.name, ...(reject ? { scenario: `reject=${st.name}` } : {}) };
  }

  /** The events of everything due at `now` (the approver's answer only at a pause), in time order; each is given once. */
  take(now: number, state: State | undefined, paused: boolean): Event[] {
    const due: PersonAction[] = [];
    for (const list of [this.timed, this.retries]) {
      // In the order written: two commands at the same time are given as the scenario lists them.
      due.push(...list.filter((a) => a.at <= now));
      const later = list.filter((a) => a.at > now);
      list.splice(0, list.length, ...later);
    }
    const answer = paused && state ? this.approverAnswer(state) : undefined;
    if (state && answer && answer.at <= now) {
      this.answered.add(`${answer.stage ?? ''}@${state.stages[state.stage]?.approval?.requestedAt ?? ''}`);
      due.push(answer);
    }
    due.sort((a, b) => a.at - b.at);
    return due.map((a) => this.give(a, now));
  }

  private give(a: PersonAction, now: number): Event {
    let event: Event;
    if (a.name === 'approve' && a.scenario === undefined) {
      // The simulated approver, as before commands came by run: an approval event.
      event = { type: 'approval', at: now, by: this.who(a.stage), decision: 'approve', ...(a.stage !== undefined ? { stage: a.stage } : {}) };
    } else {
      if (a.name === 'retry' && a.region !== undefined) endFailuresOf(this.scenario, a.region);
      event = {
        type: 'command',
        at: now,
        by: this.who(a.stage),
        name: a.name,
        ...(a.stage !== undefined ? { stage: a.stage } : {}),
        ...(a.region !== undefined ? { region: a.region } : {}),
        reason: `simulated: --scenario ${a.scenario ?? a.name}`,
        origin: { runId: COMMAND_RUN_IDS + this.fed.length, attempt: 1 },
      };
    }
    this.fed.push({ action: a, event });
    return event;
  }

  /** Scripted actions never given (the release ended before their time), for the notes. */
  unfed(): PersonAction[] {
    return [...this.timed, ...this.retries];
  }
}
