/**
 * A run that carries a command (src/modes/command-run.ts): what it reads from the inputs and the
 * runner, what it publishes when refused, and handing its command over to the live driver.
 */
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../src/action-settings.js';
import type { HistoryEntry, State } from '../src/core/state.js';
import { commandOutcome } from '../src/driver/operator-command.js';
import type { CommandRun } from '../src/driver/ports.js';
import { handOver, readCommand, refusalOutcome, type GivenCommand, type HandOverPorts } from '../src/modes/command-run.js';
import { commandTitle } from '../src/plan/ids.js';
import { parseRunnerEnv } from '../src/runner/env.js';

const settings = (raw: Record<string, string>) => {
  const all: Record<string, string> = { token: 't', release: 'shop-1.0', ...raw };
  return parseSettings((name) => all[name] ?? '');
};
const runner = (env: Record<string, string>) => parseRunnerEnv({ GITHUB_ACTOR: 'bob', GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2', ...env });

describe('reading the command', () => {
  it('takes the command, its names and reason, and the run it came in', () => {
    const read = readCommand(settings({ command: 'approve', stage: 'europe', reason: 'ok' }), runner({ GITHUB_TRIGGERING_ACTOR: 'carol' }), 'shop-1.0');
    expect(read).toEqual({
      ok: true,
      command: { name: 'approve', stage: 'europe', reason: 'ok', by: 'bob', origin: { runId: 77, attempt: 2, triggeredBy: 'carol' }, text: 'approve' },
    });
  });

  it('no command: nothing to read', () => expect(readCommand(settings({ version: '1' }), runner({}), 'shop-1.0')).toEqual({ ok: true }));

  it.each([
    [
      { command: 'deploy' },
      {},
      'bad-input',
      "Invalid command 'deploy'. Expected one of approve, reject, abort, pause, resume, promote, retry, rollback, adopt-plan[:<digest>], override-freeze.",
    ],
    [{ command: 'approve' }, { GITHUB_ACTOR: '' }, 'bad-environment', 'Environment variable GITHUB_ACTOR is not set'],
  ])('refuses %j with %j', (raw, env, code, words) => {
    const read = readCommand(settings(raw), runner(env), 'shop-1.0');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.outcome.reasonCode).toBe(code);
    expect(read.outcome.failed).toContain(words);
  });
});

const approve: GivenCommand = { name: 'approve', by: 'bob', origin: { runId: 77, attempt: 1 }, text: 'approve' };
const entry = (kind: HistoryEntry['kind'], reasonCode: string): HistoryEntry => ({
  at: 1,
  kind,
  reasonCode,
  reason: `bob asked: ${reasonCode}`,
  by: 'bob',
  numbers: { runId: 77 },
});

describe('what a refused command publishes', () => {
  it('refused: the step fails with what was asked', () => {
    const out = refusalOutcome(commandOutcome([entry('command-refused', 'permission-denied')], { runId: 77 }), approve, 'shop-1.0');
    expect(out).toMatchObject({ decision: 'refused', reasonCode: 'permission-denied' });
    expect(out?.failed).toContain('command approve by bob on release shop-1.0');
  });
  it('a repeat changes nothing and does not fail', () => {
    const out = refusalOutcome(commandOutcome([entry('command-refused', 'already-approved')], { runId: 77 }), approve, 'shop-1.0');
    expect(out).toMatchObject({ decision: 'unchanged', reasonCode: 'already-approved' });
    expect(out?.failed).toBeUndefined();
  });
  it('taken: nothing to publish here', () =>
    expect(refusalOutcome(commandOutcome([entry('command', 'approve')], { runId: 77 }), approve, 'shop-1.0')).toBeUndefined());
});

function run(id: number, title: string, workflowPath = '.github/workflows/release.yml'): CommandRun {
  return { runId: id, attempt: 1, event: 'workflow_dispatch', workflowPath, title, actor: 'bob', triggeringActor: 'bob', createdAt: 0 };
}

function ports(runs: CommandRun[], states: Array<Partial<State> | undefined>): HandOverPorts & { peeks: number } {
  let t = 0;
  const p = {
    peeks: 0,
    commandRun: async (id: number) => {
      const r = runs.find((x) => x.runId === id);
      if (!r) throw new Error(`no run ${id}`);
      return r;
    },
    peek: async () => states[Math.min(p.peeks++, states.length - 1)],
    sleep: async (ms: number) => void (t += ms),
    ackTimeoutMs: 1_000,
    ackEveryMs: 100,
    monotonic: () => t,
    log: () => undefined,
  };
  return p;
}

const title = commandTitle({ command: 'approve', releaseId: 'shop-1.0' });
const HOLDER = '55:1:release:abc123';

describe('handing a command over to the driver that holds the release', () => {
  it('the driver takes it: accepted', async () => {
    const taken: Partial<State> = { status: 'running', commandRuns: ['77.1'], history: [entry('command', 'approve')] };
    const p = ports([run(77, title), run(55, 'release 1.0')], [undefined, { commandRuns: [], history: [] }, taken]);
    const out = await handOver(approve, 'shop-1.0', HOLDER, 'held', p);
    expect(out).toMatchObject({ decision: 'accepted', reasonCode: 'taken-by-driver' });
    expect(p.peeks).toBe(3);
  });

  it('the driver refuses it: refused, with its reason', async () => {
    const p = ports([run(77, title), run(55, 'release 1.0')], [{ commandRuns: ['77.1'], history: [entry('command-refused', 'self-approval')] }]);
    expect(await handOver(approve, 'shop-1.0', HOLDER, 'held', p)).toMatchObject({ decision: 'refused', reasonCode: 'self-approval' });
  });

  it('not taken in time: delivered, not failed', async () => {
    const p = ports([run(77, title), run(55, 'release 1.0')], [{ commandRuns: [], history: [] }]);
    const out = await handOver(approve, 'shop-1.0', HOLDER, 'held', p);
    expect(out).toMatchObject({ decision: 'delivered', reasonCode: 'awaiting-driver' });
    expect(out.failed).toBeUndefined();
    expect(p.peeks).toBe(11);
  });

  it('a title that does not carry the command: refused, naming the fix (the driver could never read it)', async () => {
    const p = ports([run(77, 'release'), run(55, 'release 1.0')], [undefined]);
    const out = await handOver(approve, 'shop-1.0', HOLDER, 'held', p);
    expect(out).toMatchObject({ decision: 'refused', reasonCode: 'command-title-mismatch' });
    expect(out.failed).toContain('workflows-examples/release.yml');
    expect(p.peeks).toBe(0);
  });

  it('a title for another stage is not this command', async () => {
    const p = ports([run(77, commandTitle({ command: 'approve', releaseId: 'shop-1.0', stage: 'europe' }))], [undefined]);
    expect((await handOver(approve, 'shop-1.0', undefined, 'held', p)).reasonCode).toBe('command-title-mismatch');
  });

  it('the holder drives from another workflow: refused, naming it', async () => {
    const p = ports([run(77, title), run(55, 'release 1.0', '.github/workflows/reconcile.yml')], [undefined]);
    const out = await handOver(approve, 'shop-1.0', HOLDER, 'held', p);
    expect(out).toMatchObject({ decision: 'refused', reasonCode: 'other-workflow' });
    expect(out.failed).toContain('.github/workflows/reconcile.yml');
  });
});
