/** Adversarial review of the core's safety promises: stale answers, late runs, rollbacks that fail. */
import { describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';

const MIN = 60_000;

describe('stale and duplicate answers', () => {
  it('a duplicate answer for an earlier measurement time is not counted for the query now awaited', () => {
    const plan = makePlan({ gates: [gate('errors', { count: 2 })], stages: [stage('one', ['r1'], { steps: [{ traffic: 100, bakeMs: 2 * MIN }] })] });
    const h = new Harness(plan);
    h.start();
    h.finishRun('r1');
    const t1 = h.tickNext().find((e) => e.type === 'query-metric');
    expect(t1).toBeDefined();
    const first = {
      type: 'measurement',
      at: t1!.type === 'query-metric' ? t1!.at : 0,
      region: 'r1',
      step: 0,
      gate: 'errors',
      observation: { kind: 'value', value: 0.5 },
    } as const;
    h.send(first);
    const t2 = h.tickNext().find((e) => e.type === 'query-metric');
    expect(t2 && t2.type === 'query-metric' && t2.at > first.at).toBe(true);
    // The same answer again (a retried delivery): it says nothing about the time now asked for.
    h.send({ ...first });
    expect(h.region('r1').bake?.gates.errors?.measurements).toBe(1);
    // The real answer for the second time is bad: the gate fails, it does not pass on the echo.
    h.send({ ...first, at: (t2 as { at: number }).at, observation: { kind: 'value', value: 5 } });
    expect(h.region('r1').phase).not.toBe('promoted');
    expect(h.region('r1').failure?.reasonCode).toBe('gate-failed');
  });

  it('a run-finished for the previous step or a duplicate changes nothing', () => {
    const plan = makePlan({
      stages: [
        stage('one', ['r1'], {
          steps: [
            { traffic: 10, bakeMs: 2 * MIN },
            { traffic: 100, bakeMs: 2 * MIN },
          ],
        }),
      ],
    });
    const h = new Harness(plan);
    h.start();
    h.finishRun('r1');
    const oldRun = h.region('r1').runs[0]!;
    h.bake('r1', () => 0.5);
    expect(h.region('r1').step).toBe(1);
    const before = h.effects.length;
    for (const conclusion of ['failure', 'success']) {
      const out = h.send({ type: 'run-finished', at: h.now, region: 'r1', kind: 'deploy', step: 0, runId: oldRun.runId!, conclusion });
      expect(out).toEqual([]);
    }
    expect(h.region('r1').phase).toBe('deploying');
    expect(h.effects.length).toBe(before);
  });
});

describe('rollbacks that fail', () => {
  it('a rollback within budget that fails stops the release; every other touched region is rolled back exactly once', () => {
    const plan = makePlan({ stages: [stage('one', ['a', 'b', 'c'], { maxParallel: 3, failureBudget: 1 })] });
    const h = new Harness(plan);
    h.start();
    h.finishRun('a', 'failure'); // within budget: a rolls back
    expect(h.region('a').phase).toBe('rolling-back');
    h.finishRun('a', 'failure'); // its rollback fails: the release stops
    expect(h.state.stop?.reasonCode).toBe('rollback-failed');
    for (let guard = 0; guard < 10 && h.state.status !== 'finished'; guard++) {
      const rolling = ['b', 'c'].find(
        (n) => h.region(n).phase === 'rolling-back' && h.region(n).runs.at(-1)?.kind === 'rollback' && !h.region(n).runs.at(-1)?.done,
      );
      if (!rolling) break;
      h.finishRun(rolling, 'success');
    }
    const rolled = h
      .of('dispatch-rollback')
      .map((e) => e.region)
      .sort();
    expect(rolled).toEqual(['a', 'b', 'c']);
    expect(h.state.outcome).toMatchObject({ decision: 'failed', reasonCode: 'rollback-failed' });
    h.send({ type: 'resumed', at: h.now });
    expect(h.of('dispatch-rollback')).toHaveLength(3);
  });

  it('two regions failing in the same instant with budget 1: both rolled back once, the third never dispatched twice', () => {
    const plan = makePlan({ stages: [stage('one', ['a', 'b', 'c'], { maxParallel: 2, failureBudget: 1 })], rollbackScope: 'region' });
    const h = new Harness(plan);
    h.start();
    h.answerDispatches();
    h.finishRun('a', 'failure');
    h.finishRun('b', 'failure');
    expect(h.state.stop).toBeDefined();
    for (let guard = 0; guard < 10 && h.state.status !== 'finished'; guard++) {
      const rolling = ['a', 'b', 'c'].find(
        (n) => h.region(n).runs.at(-1)?.kind === 'rollback' && !h.region(n).runs.at(-1)?.done && h.region(n).runs.at(-1)?.runId !== undefined,
      );
      if (!rolling) break;
      h.finishRun(rolling, 'success');
    }
    const rolled = h
      .of('dispatch-rollback')
      .map((e) => e.region)
      .sort();
    expect(rolled).toEqual(['a', 'b']);
    expect(new Set(h.of('dispatch-deploy').map((e) => `${e.region}:${e.step}`)).size).toBe(h.of('dispatch-deploy').length);
    expect(h.state.outcome?.decision).toBe('rolled-back');
  });
});

describe('plan input that would break the bake loop', () => {
  it('rejects a gate interval of 0s, naming the field', async () => {
    const { loadPlanText } = await import('../src/plan/load.js');
    const { edit } = await import('./fixtures/base-plan.js');
    const res = loadPlanText(edit(['    max: 1\n', '    max: 1\n    interval: 0s\n']), 'plan.yml');
    const errors = res.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    expect(
      errors.some((m) => m.startsWith('gates.errors.interval:') && m.includes('longer than 0s')),
      errors.join('\n'),
    ).toBe(true);
  });
});

describe('fuzz: repeated deliveries never count twice', () => {
  it('each (region, step, gate, time) is counted at most once, and no run is dispatched twice, whatever is delivered again', async () => {
    const fc = (await import('fast-check')).default;
    const { decide, nextWakeAt, runsInFlight } = await import('../src/core/decide.js');
    const { initialState } = await import('../src/core/state.js');
    type Ev = import('../src/core/events.js').Event;
    const plan = makePlan({
      gates: [gate('errors', { count: 2, onNoData: 'wait' }), gate('latency', { failureLimit: 1, inconclusiveLimit: 1 })],
      stages: [
        stage('one', ['a', 'b'], {
          maxParallel: 2,
          failureBudget: 1,
          gates: ['errors', 'latency'],
          steps: [
            { traffic: 10, bakeMs: 3 * MIN },
            { traffic: 100, bakeMs: 3 * MIN },
          ],
        }),
      ],
    });
    fc.assert(
      fc.property(fc.array(fc.record({ kind: fc.nat(6), pick: fc.nat(1000), roll: fc.nat(99) }), { maxLength: 150 }), (actions) => {
        let state = initialState(plan, 'app-1', '1');
        let now = 1_000_000;
        let runId = 1;
        const sent: Ev[] = [];
        const pendingQ: Array<{ region: string; step: number; gate: string; at: number }> = [];
        const pendingD: Array<{ region: string; kind: 'deploy' | 'rollback'; step: number }> = [];
        const dispatched = new Map<string, string>();
        const send = (ev: Ev) => {
          sent.push(ev);
          const out = decide(state, ev, plan);
          state = out.state;
          for (const e of out.effects) {
            if (e.type === 'query-metric') for (const g of e.gates) pendingQ.push({ region: e.region, step: e.step, gate: g, at: e.at });
            if (e.type === 'dispatch-deploy' || e.type === 'dispatch-rollback') {
              const key = `${e.region}:${e.type}:${e.step}`;
              // A re-emitted dispatch (resume) must carry the same correlation id: the adapter dedupes on it.
              if (dispatched.has(key)) expect(dispatched.get(key)).toBe(e.correlationId);
              dispatched.set(key, e.correlationId);
              pendingD.push({ region: e.region, kind: e.type === 'dispatch-deploy' ? 'deploy' : 'rollback', step: e.step });
            }
          }
        };
        send({ type: 'started', at: now });
        for (const a of actions) {
          switch (a.kind) {
            case 0: {
              const d = pendingD.splice(a.pick % Math.max(1, pendingD.length), 1)[0];
              if (d) send({ type: 'run-dispatched', at: now, ...d, runId: runId++ });
              break;
            }
            case 1: {
              const q = pendingQ.splice(a.pick % Math.max(1, pendingQ.length), 1)[0];
              const obs =
                a.roll < 60
                  ? { kind: 'value' as const, value: 0.1 }
                  : a.roll < 80
                    ? { kind: 'value' as const, value: 5 }
                    : { kind: 'no-data' as const, detail: 'x' };
              if (q) send({ type: 'measurement', ...q, observation: obs });
              break;
            }
            case 2: {
              const runs = runsInFlight(state);
              const r = runs[a.pick % Math.max(1, runs.length)];
              if (r) send({ type: 'run-finished', at: now, ...r, conclusion: a.roll < 85 ? 'success' : 'failure' });
              break;
            }
            case 3: {
              const wake = nextWakeAt(state);
              now = wake !== undefined && wake > now ? wake : now + MIN;
              send({ type: 'timer-fired', at: now });
              break;
            }
            case 4: {
              // Deliver again something already delivered (a retried webhook, a replayed answer).
              const old = sent.filter((e) => e.type === 'measurement' || e.type === 'run-finished' || e.type === 'run-dispatched');
              const ev = old[a.pick % Math.max(1, old.length)];
              if (ev) send({ ...ev });
              break;
            }
            case 5:
              send({ type: 'resumed', at: now });
              break;
            default: {
              const held = Object.keys(state.active).find((n) => state.regions[n]?.phase === 'awaiting-approval');
              send({ type: 'approval', at: now, by: 'p', decision: 'approve', ...(held ? { region: held } : {}) });
            }
          }
        }
        const counted = new Set<string>();
        for (const h of state.history) {
          if (h.kind !== 'measurement' || h.reasonCode === 'no-data-wait') continue;
          const key = `${h.region}:${h.step}:${h.gate}:${h.at}`;
          expect(counted.has(key), `${key} counted twice`).toBe(false);
          counted.add(key);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('events naming inherited object members', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('an event for region %s is ignored, never thrown', (region) => {
    const h = new Harness(makePlan());
    h.start();
    const events = [
      { type: 'run-finished', at: h.now, region, kind: 'deploy', step: 0, runId: 1, conclusion: 'success' },
      { type: 'run-dispatched', at: h.now, region, kind: 'deploy', step: 0, runId: 1 },
      { type: 'dispatch-failed', at: h.now, region, kind: 'deploy', step: 0, message: 'x' },
      { type: 'deployment-created', at: h.now, region, step: 0, deploymentId: 1 },
      { type: 'deployment-status-set', at: h.now, region, step: 0, deploymentId: 1, state: 'success' },
      { type: 'measurement', at: h.now, region, step: 0, gate: 'errors', observation: { kind: 'value', value: 0 } },
    ] as const;
    for (const ev of events) {
      expect(h.send(ev)).toEqual([]);
      expect(h.state.history.at(-1)?.kind).toBe('ignored');
    }
  });
});

describe('a second run for one step', () => {
  it('a run-dispatched naming another run for a step that already has one cancels the newcomer', () => {
    const h = new Harness(makePlan());
    h.start();
    h.answerDispatches();
    const first = h.region('us-east-1').runs[0]!;
    expect(first.runId).toBeDefined();
    // The same answer again: ignored, nothing cancelled.
    expect(h.send({ type: 'run-dispatched', at: h.now, region: 'us-east-1', kind: 'deploy', step: 0, runId: first.runId! })).toEqual([]);
    // A different run for the same step (a dispatch repeated after a lost answer): it must not deploy on its own.
    const out = h.send({ type: 'run-dispatched', at: h.now, region: 'us-east-1', kind: 'deploy', step: 0, runId: 999 });
    expect(out).toContainEqual(expect.objectContaining({ type: 'cancel-run', runId: 999 }));
    expect(h.region('us-east-1').runs.filter((r) => r.kind === 'deploy')).toHaveLength(1);
    expect(h.region('us-east-1').runs[0]?.runId).toBe(first.runId);
  });
});

describe('a measurement without a usable time', () => {
  it('is ignored rather than scheduling the next measurement at NaN', () => {
    const h = new Harness(makePlan());
    h.start();
    h.finishRun('us-east-1');
    const q = h.tickNext().find((e) => e.type === 'query-metric');
    const out = h.send({ type: 'measurement', at: Number.NaN, region: 'us-east-1', step: 0, gate: 'errors', observation: { kind: 'value', value: 0.5 } });
    expect(out).toEqual([]);
    expect(Number.isFinite(h.region('us-east-1').bake?.gates.errors?.nextAt)).toBe(true);
    // The real answer for the time asked still counts.
    h.send({ type: 'measurement', at: (q as { at: number }).at, region: 'us-east-1', step: 0, gate: 'errors', observation: { kind: 'value', value: 0.5 } });
    expect(h.region('us-east-1').bake?.gates.errors?.measurements).toBe(1);
  });
});

describe('rollbacks run one at a time', () => {
  it('a stop while an in-budget rollback runs waits for it before dispatching the next rollback', () => {
    const plan = makePlan({ stages: [stage('one', ['a', 'b', 'c'], { failureBudget: 1 })] });
    const h = new Harness(plan);
    h.start();
    h.answerDispatches();
    h.finishRun('a', 'failure'); // within budget: a alone is rolled back, the release goes on
    const rollbacks = () => h.of('dispatch-rollback').map((e) => e.region);
    expect(rollbacks()).toEqual(['a']);
    h.finishRun('b', 'failure'); // over budget: the release stops and rolls back what it touched
    expect(h.state.status).toBe('stopping');
    // a's rollback is still running: nothing else is dispatched yet.
    expect(rollbacks()).toEqual(['a']);
    h.finishRun('a'); // a's rollback run succeeds
    expect(rollbacks()).toHaveLength(2);
    h.finishRun(rollbacks()[1] as string);
    expect(rollbacks()).toHaveLength(3);
    h.finishRun(rollbacks()[2] as string);
    expect(new Set(rollbacks())).toEqual(new Set(['a', 'b', 'c']));
    expect(h.state.outcome?.decision).toBe('rolled-back');
  });
});

describe('late runs', () => {
  it('a rollback run that shows up after its dispatch was given up on is not cancelled halfway, and the history says so', () => {
    const plan = makePlan({ stages: [stage('one', ['a'])] });
    const h = new Harness(plan);
    h.start();
    h.answerDispatches();
    const deploy = h.region('a').runs[0]?.runId as number;
    // The region fails; its rollback is dispatched (and not answered: send, not finishRun).
    h.send({ type: 'run-finished', at: h.now, region: 'a', kind: 'deploy', step: 0, runId: deploy, conclusion: 'failure' });
    const rb = h.of('dispatch-rollback')[0];
    expect(rb).toBeDefined();
    // The rollback dispatch could not be confirmed (answer lost, run not found in time).
    h.send({ type: 'dispatch-failed', at: h.now, region: 'a', kind: 'rollback', step: 0, message: 'no run titled with the correlation id appeared' });
    const before = h.effects.length;
    const out = h.send({ type: 'run-dispatched', at: h.now, region: 'a', kind: 'rollback', step: 0, runId: 777 });
    expect(out.filter((e) => e.type === 'cancel-run')).toEqual([]);
    expect(h.effects.slice(before).filter((e) => e.type === 'cancel-run')).toEqual([]);
    expect(h.state.history.at(-1)).toMatchObject({ reasonCode: 'late-rollback-run', region: 'a' });
    expect(h.state.history.at(-1)?.reason).toContain('rollback run 777 started after its dispatch was given up on; not cancelled');
  });

  it('a deploy run that shows up after its region gave up on it is cancelled, also after the release finished', () => {
    const plan = makePlan({ stages: [stage('one', ['a'])], rollbackScope: null });
    const h = new Harness(plan);
    h.start();
    h.send({ type: 'dispatch-failed', at: h.now, region: 'a', kind: 'deploy', step: 0, message: 'no run titled with the correlation id appeared' });
    expect(h.state.status).toBe('finished');
    const out = h.send({ type: 'run-dispatched', at: h.now, region: 'a', kind: 'deploy', step: 0, runId: 778 });
    expect(out).toContainEqual({ type: 'cancel-run', region: 'a', kind: 'deploy', runId: 778, reason: 'no longer wanted', cause: 'late-run' });
    expect(h.state.history.at(-1)).toMatchObject({ reasonCode: 'late-run-cancelled', region: 'a' });
  });
});
