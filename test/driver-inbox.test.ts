/**
 * The inbox (src/driver/inbox.ts): which runs carry a command for this release, what each says,
 * and which cannot carry a person's command (forged: another event, another workflow, bad names).
 */
import { describe, expect, it } from 'vitest';
import { initialState } from '../src/core/state.js';
import { commandsFromRuns } from '../src/driver/inbox.js';
import type { CommandRun } from '../src/driver/ports.js';
import { commandTitle } from '../src/plan/ids.js';
import { makePlan } from './support/plans.js';

const WORKFLOW = '.github/workflows/release.yml';
const plan = makePlan();
const state = () => initialState(plan, 'app-1.0', '1.0');

function run(id: number, title: string, over: Partial<CommandRun> = {}): CommandRun {
  return { runId: id, attempt: 1, event: 'workflow_dispatch', workflowPath: WORKFLOW, title, actor: 'bob', triggeringActor: 'bob', createdAt: id, ...over };
}

const approve = commandTitle({ command: 'approve', releaseId: 'app-1.0', stage: 'europe', reason: 'dashboards look fine' });

describe('reading commands from runs', () => {
  it('a command run for this release becomes a command event with its origin', () => {
    const r = commandsFromRuns([run(7, approve, { htmlUrl: 'https://github.example/run/7' })], state(), WORKFLOW, 1000);
    expect(r.events).toEqual([
      {
        type: 'command',
        at: 7,
        by: 'bob',
        name: 'approve',
        stage: 'europe',
        reason: 'dashboards look fine',
        origin: { runId: 7, attempt: 1, htmlUrl: 'https://github.example/run/7', createdAt: 7 },
      },
    ]);
  });

  it('a command is judged when it was given: its run creation, not before what the release took in, not after now', () => {
    const s = state();
    s.now = 500;
    const at = (createdAt: number, floor?: number) => commandsFromRuns([run(8, approve, { createdAt })], s, WORKFLOW, 1000, floor).events[0]?.at;
    expect(at(700)).toBe(700);
    expect(at(300)).toBe(500);
    expect(at(300, 200)).toBe(300);
    expect(at(5000)).toBe(1000);
  });

  it('a run its person cancelled carries nothing; a title whose reason holds another field is not read', () => {
    const tricky = 'progressive-release abort app-1.0 stage= region= reason=typo stage= region= reason=';
    const r = commandsFromRuns([run(8, approve, { conclusion: 'cancelled' }), run(9, tricky)], state(), WORKFLOW, 1);
    expect(r.events).toEqual([]);
    expect(r.unreadable.map((u) => u.key)).toEqual(['9.1']);
  });

  it('skips release starts, other releases and runs already taken; a re-run attempt is new', () => {
    const s = state();
    s.commandRuns = ['5.1'];
    const runs = [
      run(3, 'release 1.0'),
      run(4, commandTitle({ command: 'approve', releaseId: 'app-2.0' })),
      run(5, approve),
      run(5, approve, { attempt: 2, triggeringActor: 'carol' }),
    ];
    const r = commandsFromRuns(runs, s, WORKFLOW, 1);
    expect(r.events.map((e) => [e.origin?.runId, e.origin?.attempt, e.origin?.triggeredBy])).toEqual([[5, 2, 'carol']]);
    expect(r.unreadable).toEqual([]);
  });

  it.each([
    ['started by a push', { event: 'push' }, 'event push, not workflow_dispatch'],
    ['of another workflow', { workflowPath: '.github/workflows/ci.yml' }, 'not of the workflow that drives the release'],
  ] as const)('a run %s cannot carry a command: recorded as refused (run-unverified)', (_c, over, words) => {
    const r = commandsFromRuns([run(9, approve, over)], state(), WORKFLOW, 1);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]?.deniedCode).toBe('run-unverified');
    expect(r.events[0]?.denied).toContain(words);
  });

  it('without a known driving workflow every command is unverified', () => {
    expect(commandsFromRuns([run(9, approve)], state(), undefined, 1).events[0]?.deniedCode).toBe('run-unverified');
  });

  it('a stage name that is not a name is refused, quoted and cut', () => {
    const title = `progressive-release approve app-1.0 stage=${'x'.repeat(70)}\u202e region= reason=`;
    const e = commandsFromRuns([run(9, title)], state(), WORKFLOW, 1).events[0];
    expect(e?.deniedCode).toBe('run-unverified');
    expect(e?.denied).toContain('which is not a stage name');
    expect(e?.denied).not.toContain('\u202e');
  });

  it('a title that looks like a command but cannot be read is reported once, not fed', () => {
    const r = commandsFromRuns(
      [run(9, 'progressive-release approve'), run(10, commandTitle({ command: 'frobnicate', releaseId: 'app-1.0' }))],
      state(),
      WORKFLOW,
      1,
    );
    expect(r.events).toEqual([]);
    expect(r.unreadable.map((u) => u.key)).toEqual(['9.1', '10.1']);
    expect(r.unreadable[1]?.message).toContain('not a command');
  });

  it('oldest run first, whatever order GitHub lists them in', () => {
    const runs = [run(12, approve, { createdAt: 30 }), run(11, commandTitle({ command: 'pause', releaseId: 'app-1.0' }), { createdAt: 20 })];
    expect(commandsFromRuns(runs, state(), WORKFLOW, 1).events.map((e) => e.name)).toEqual(['pause', 'approve']);
  });
});
