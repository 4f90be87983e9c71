/**
 * Drives the pure core by hand in tests: send events, answer effects the way a driver would,
 * move time. No ports, no clock: the test says when things happen.
 */
import { decide, nextWakeAt } from '../../src/core/decide.js';
import type { Effect } from '../../src/core/effects.js';
import type { Event, RunKind } from '../../src/core/events.js';
import { initialState, type RegionState, type State } from '../../src/core/state.js';
import type { Plan } from '../../src/plan/types.js';
import type { Observation, SloObservation } from '../../src/core/values.js';

export const T0 = 1_700_000_000_000;

export class Harness {
  state: State;
  readonly effects: Effect[] = [];
  readonly events: Event[] = [];
  now = T0;
  private answered = 0;
  private nextRunId = 1;

  constructor(readonly plan: Plan) {
    this.state = initialState(plan, 'app-1.0.0', '1.0.0');
  }

  send(ev: Event): Effect[] {
    this.events.push(ev);
    const out = decide(this.state, ev, this.plan);
    this.state = out.state;
    this.effects.push(...out.effects);
    return out.effects;
  }

  start(by = 'starter'): Effect[] {
    return this.send({ type: 'started', at: this.now, by });
  }

  region(name: string): RegionState {
    const r = this.state.regions[name];
    if (!r) throw new Error(`no region ${name}`);
    return r;
  }

  /** Answers every dispatch not answered yet with a run id (or fails the ones in `fail`). */
  answerDispatches(fail: ReadonlySet<string> = new Set()): void {
    while (this.answered < this.effects.length) {
      const e = this.effects[this.answered++];
      if (!e || (e.type !== 'dispatch-deploy' && e.type !== 'dispatch-rollback')) continue;
      const kind: RunKind = e.type === 'dispatch-deploy' ? 'deploy' : 'rollback';
      // The attempt goes back with the answer, as the driver sends it (perform.ts).
      const attempt = e.attempt !== undefined ? { attempt: e.attempt } : {};
      if (fail.has(e.region)) this.send({ type: 'dispatch-failed', at: this.now, region: e.region, kind, step: e.step, ...attempt, message: 'HTTP 500' });
      else {
        const runId = this.nextRunId++;
        this.send({
          type: 'run-dispatched',
          at: this.now,
          region: e.region,
          kind,
          step: e.step,
          ...attempt,
          runId,
          htmlUrl: `https://github.example.test/acme/shop/actions/runs/${runId}`,
        });
      }
    }
  }

  /** Finishes the region's open run. */
  finishRun(region: string, conclusion: string | null = 'success'): Effect[] {
    this.answerDispatches();
    const r = this.region(region);
    const run = [...r.runs].reverse().find((x) => !x.done && x.runId !== undefined);
    if (!run || run.runId === undefined) throw new Error(`${region} has no open run`);
    const out = this.send({ type: 'run-finished', at: this.now, region, kind: run.kind, step: run.step, runId: run.runId, conclusion });
    this.answerDispatches();
    return out;
  }

  tick(at?: number): Effect[] {
    if (at !== undefined) this.now = at;
    const out = this.send({ type: 'timer-fired', at: this.now });
    this.answerDispatches();
    return out;
  }

  /** Moves to the next wake time and ticks. */
  tickNext(): Effect[] {
    const wake = nextWakeAt(this.state);
    if (wake === undefined) throw new Error('nothing to wait for');
    return this.tick(Math.max(wake, this.now));
  }

  measure(region: string, gate: string, obs: Observation | SloObservation | number): Effect[] {
    const observation: Observation | SloObservation = typeof obs === 'number' ? { kind: 'value', value: obs } : obs;
    const out = this.send({ type: 'measurement', at: this.now, region, step: this.region(region).step, gate, observation });
    this.answerDispatches();
    return out;
  }

  /**
   * Answers due queries for `region` with observations from `next(gate)` until the region leaves
   * baking or `max` rounds pass. Returns the number of measurements sent.
   */
  bake(region: string, next: (gate: string) => Observation | SloObservation | number, max = 200): number {
    let sent = 0;
    for (let round = 0; round < max && this.region(region).phase === 'baking'; round++) {
      if (nextWakeAt(this.state) === undefined) break; // held: nothing timed until a person acts
      const out = this.tickNext();
      for (const e of out) {
        if (e.type !== 'query-metric' || e.region !== region) continue;
        for (const g of e.gates) {
          if (this.region(region).phase !== 'baking') break;
          this.measure(region, g, next(g));
          sent++;
        }
      }
    }
    return sent;
  }

  of<T extends Effect['type']>(type: T): Array<Extract<Effect, { type: T }>> {
    return this.effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  }

  historyKinds(): string[] {
    return this.state.history.map((h) => h.kind);
  }
}
