/**
 * Found by the issue-12 review: a command run whose command is refused stops right after feeding it
 * (goOnAfterInbox false -> finish()), without draining the effect queue. The `resumed` event
 * (and the tick a person's command fires first) may already have recorded the next step's
 * dispatch (a run record, done:false, no runId): it is saved, never performed, and the next
 * driver takes it for a dispatch in doubt: the region FAILS and is rolled back.
 */
import { describe, expect, it } from 'vitest';
import { runRelease } from '../src/driver/interpreter.js';
import type { InboxPort } from '../src/driver/ports.js';
import { NO_DOUBTS, rolesOf } from '../src/driver/roles.js';
import { commandOutcome } from '../src/driver/operator-command.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { SyntheticMetrics } from '../src/simulate/metrics.js';
import { emptyScenario } from '../src/simulate/scenario.js';
import { makePlan, stage } from './support/plans.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

describe('a refused command run', () => {
  it('does not leave a recorded-but-never-sent dispatch behind', async () => {
    const plan = makePlan({
      stages: [
        stage('canary', ['a'], {
          gates: [],
          steps: [
            { traffic: 50, bakeMs: 5 * MIN },
            { traffic: 100, bakeMs: 5 * MIN },
          ],
        }),
      ],
    });
    const clock = new VirtualClock(T0);
    const scenario = emptyScenario();
    const github = new EmulatedGitHub({ clock, scenario, seed: 1 });
    const inbox: InboxPort = { commandRuns: async () => [] };
    const ports = { ...rolesOf(github, NO_DOUBTS, inbox), metrics: new SyntheticMetrics(plan, scenario, 1), clock };
    const base = { plan, version: '1', releaseId: 'app-1', ref: 'main', ports, initiator: 'alice', inboxWorkflow: '.github/workflows/release.yml' } as const;
    // Reconcile until region a bakes step 1 (its first step).
    let res = await runRelease({ ...base, mode: 'reconcile' });
    for (let i = 0; i < 50 && !res.state.regions.a?.bake; i++) {
      clock.advance(MIN);
      res = await runRelease({ ...base, mode: 'reconcile', state: res.state });
    }
    expect(res.state.regions.a?.bake).toBeDefined();
    const dispatchesBefore = github.runs.length;
    // No driver runs for a while: the bake is over. A person gives `approve` (nothing waits).
    clock.advance(30 * MIN);
    const command = { name: 'approve' as const, by: 'bob', text: 'approve', origin: { runId: 900, attempt: 1 } };
    const refused = await runRelease({
      ...base,
      mode: 'run',
      state: res.state,
      inbox: [{ type: 'command', at: clock.now(), by: 'bob', name: 'approve', origin: { runId: 900, attempt: 1 } }],
      goOnAfterInbox: (added) => commandOutcome(added, { runId: command.origin.runId }).accepted,
    });
    expect(refused.state.history.some((h) => h.kind === 'command-refused' && h.by === 'bob')).toBe(true);
    const a = refused.state.regions.a!;
    const open = a.runs.filter((r) => !r.done);
    // What the ledger now says is in flight must have been sent.
    const unsent = open.filter((r) => r.runId === undefined);
    expect(unsent.map((r) => r.correlationId)).toEqual([]);
    // What resuming asked for was sent (the next step's deploy), once.
    expect(github.runs.length - dispatchesBefore).toBe(open.filter((r) => r.kind === 'deploy').length);
    // The next driver resumes: the region must not fail for a dispatch nobody made.
    const next = await runRelease({ ...base, mode: 'reconcile', state: refused.state });
    expect(next.state.history.filter((h) => h.reasonCode === 'dispatch-in-doubt')).toEqual([]);
  });
});
