/**
 * The driver and people (src/driver/interpreter.ts with src/driver/inbox.ts): a release that
 * pauses returns at once by default; with wait-for-people it waits, holding the lease, reads the
 * inbox every poll interval, and goes on within one poll of a command; a resumed driver takes the
 * commands an earlier one left; each command run is taken once.
 */
import { describe, expect, it } from 'vitest';
import { runRelease } from '../src/driver/interpreter.js';
import type { CommandRun, InboxPort, LedgerWrite } from '../src/driver/ports.js';
import { NO_DOUBTS, rolesOf } from '../src/driver/roles.js';
import { commandTitle } from '../src/plan/ids.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { SyntheticMetrics } from '../src/simulate/metrics.js';
import { emptyScenario } from '../src/simulate/scenario.js';
import { makePlan, stage } from './support/plans.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const WORKFLOW = '.github/workflows/release.yml';
const POLL = 15_000;

/** An inbox whose runs appear at given virtual times; counts its reads. */
class ScriptedInbox implements InboxPort {
  reads = 0;
  readonly readTimes: number[] = [];
  constructor(
    private readonly clock: VirtualClock,
    private readonly runs: Array<CommandRun & { visibleAt: number }>,
  ) {}
  async commandRuns(): Promise<CommandRun[]> {
    this.reads++;
    this.readTimes.push(this.clock.now());
    return this.runs.filter((r) => r.visibleAt <= this.clock.now());
  }
}

function commandRun(id: number, command: string, visibleAt: number, by = 'bob'): CommandRun & { visibleAt: number } {
  return {
    runId: id,
    attempt: 1,
    event: 'workflow_dispatch',
    workflowPath: WORKFLOW,
    title: commandTitle({ command, releaseId: 'app-1' }),
    actor: by,
    triggeringActor: by,
    createdAt: visibleAt,
    visibleAt,
  };
}

function setup(runs: Array<CommandRun & { visibleAt: number }>) {
  const plan = makePlan({ stages: [stage('canary', ['a']), stage('rest', ['b'], { approval: { timeoutMs: 24 * 60 * MIN, users: [], teams: [] } })] });
  const clock = new VirtualClock(T0);
  const scenario = emptyScenario();
  const github = new EmulatedGitHub({ clock, scenario, seed: 1 });
  const writes: LedgerWrite[] = [];
  const save = github.saveLedger.bind(github);
  github.saveLedger = async (id: string, w: LedgerWrite) => {
    writes.push({ ...w, state: structuredClone(w.state) });
    return save(id, w);
  };
  const inbox = new ScriptedInbox(clock, runs);
  const ports = { ...rolesOf(github, NO_DOUBTS, inbox), metrics: new SyntheticMetrics(plan, scenario, 1), clock };
  const drive = (extra: Partial<Parameters<typeof runRelease>[0]> = {}) =>
    runRelease({
      plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      ports,
      mode: 'run',
      initiator: 'alice',
      inboxWorkflow: WORKFLOW,
      pollIntervalMs: POLL,
      ...extra,
    });
  return { plan, clock, github, inbox, writes, drive };
}

describe('waiting for people', () => {
  it('by default a pause saves and returns at once, without the lease', async () => {
    const s = setup([]);
    const res = await s.drive();
    expect(res.decision).toBe('paused');
    expect(s.writes.at(-1)?.conclusion).toBe('action_required');
    expect(s.writes.at(-1)?.holdLease).toBeUndefined();
  });

  it('with wait-for-people it waits, holding the lease, and goes on within one poll of a command', async () => {
    const s = setup([]);
    const first = await s.drive({ waitForPeopleMs: 1 });
    const pausedAt = first.state.now;
    const approveAt = pausedAt + 7 * MIN + 3_000;
    const t = setup([commandRun(501, 'approve', approveAt)]);
    const res = await t.drive({ waitForPeopleMs: 60 * MIN });
    expect(res.decision).toBe('promoted');
    const entry = res.state.history.find((h) => h.kind === 'command' || h.kind === 'command-refused');
    expect(entry).toMatchObject({ kind: 'command', by: 'bob', numbers: { runId: 501 } });
    expect(entry!.at - approveAt).toBeLessThanOrEqual(POLL);
    // While it waited, every save kept the lease (completed, action_required, holdLease).
    const waiting = t.writes.filter((w) => w.conclusion === 'action_required');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((w) => w.holdLease === true)).toBe(true);
    expect(t.writes.at(-1)?.holdLease).toBeUndefined();
    // One read per poll interval while waiting, not more.
    const reads = t.inbox.readTimes.filter((x) => x >= pausedAt && x <= approveAt + POLL);
    expect(reads.length).toBeLessThanOrEqual(Math.ceil((approveAt - pausedAt) / POLL) + 2);
  });

  it('the wait ends when it is used up: paused, lease released', async () => {
    const s = setup([]);
    const res = await s.drive({ waitForPeopleMs: 10 * MIN });
    expect(res.decision).toBe('paused');
    expect(s.writes.at(-1)?.holdLease).toBeUndefined();
    const pausedEntry = res.state.history.find((h) => h.kind === 'stage-awaiting-approval');
    expect(s.clock.now() - (pausedEntry?.at ?? 0)).toBeGreaterThanOrEqual(10 * MIN);
  });

  it('the approval deadline still applies while waiting', async () => {
    const s = setup([]);
    s.plan.stages[1]!.approval!.timeoutMs = 30 * MIN;
    const res = await s.drive({ waitForPeopleMs: 2 * 60 * MIN });
    expect(res.decision).toBe('rolled-back');
    expect(res.reasonCode).toBe('approval-timeout');
  });
});

describe('the inbox of a resumed driver', () => {
  it('takes commands an earlier driver left, once; a second driver does not take them again', async () => {
    const s = setup([]);
    const paused = await s.drive();
    const t = setup([commandRun(601, 'approve', 0), commandRun(602, 'approve', 0, 'carol')]);
    const res = await t.drive({ state: paused.state });
    expect(res.decision).toBe('promoted');
    const cmds = res.state.history.filter((h) => h.kind === 'command' || h.kind === 'command-refused');
    expect(cmds.map((h) => [h.kind, h.by, h.numbers?.runId])).toEqual([
      ['command', 'bob', 601],
      ['command-refused', 'carol', 602],
    ]);
    expect(res.state.commandRuns).toEqual(['601.1', '602.1']);
    // A driver that reads the same inbox again takes nothing twice.
    const again = setup([commandRun(601, 'approve', 0), commandRun(602, 'approve', 0, 'carol')]);
    const res2 = await again.drive({ state: res.state });
    expect(res2.state.history.filter((h) => h.kind === 'command' || h.kind === 'command-refused')).toHaveLength(2);
  });

  it('a new release reads no inbox at its start (no command can be for it yet)', async () => {
    const s = setup([]);
    await s.drive();
    expect(s.inbox.readTimes[0]).toBeGreaterThan(T0);
  });
});
