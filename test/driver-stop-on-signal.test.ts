/**
 * The deadline of the last save on a signal (fake timers, no real waits): 5 s after a SIGINT, 1.5 s
 * after a SIGTERM that comes alone, and a SIGTERM after a SIGINT leaves 1.5 s from then at most;
 * answers on their way then are saved too when they arrive within it. And what the log says the
 * ledger lacks when that save failed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialState, type State } from '../src/core/state.js';
import { describeUnsaved, SignalStop } from '../src/driver/stop-on-signal.js';
import { makePlan, stage } from './support/plans.js';

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 12) }));
afterEach(() => vi.useRealTimers());

/** A stop whose save never succeeds: it ends when its deadline aborts. Resolves the time of exit and the code. */
function stopper() {
  const out: { exitedAt?: number; code?: number; warnings: string[]; stopped?: boolean } = { warnings: [] };
  const stop = new SignalStop({
    save: (deadline) => new Promise((_, reject) => deadline.addEventListener('abort', () => reject(new Error('out of time')), { once: true })),
    unsaved: () => 'not recorded: deploy run 7 of a (step 1)',
    log: () => undefined,
    warn: (m) => out.warnings.push(m),
    exit: (code) => {
      out.exitedAt = Date.now();
      out.code = code;
    },
  });
  return { stop, out };
}

describe('the last save on a signal', () => {
  it.each([
    { signals: [['SIGINT', 0]] as const, exitAfterMs: 5_000, code: 130 },
    { signals: [['SIGTERM', 0]] as const, exitAfterMs: 1_500, code: 143 },
    // The runner's order: SIGINT, SIGTERM 7.5 s later (by then the save gave up), or earlier.
    {
      signals: [
        ['SIGINT', 0],
        ['SIGTERM', 1_000],
      ] as const,
      exitAfterMs: 2_500,
      code: 130,
    },
    {
      signals: [
        ['SIGINT', 0],
        ['SIGTERM', 4_000],
      ] as const,
      exitAfterMs: 5_000,
      code: 130,
    },
    {
      signals: [
        ['SIGTERM', 0],
        ['SIGINT', 500],
      ] as const,
      exitAfterMs: 1_500,
      code: 143,
    },
  ])('$signals: exits $exitAfterMs ms after the first', async ({ signals, exitAfterMs, code }) => {
    const { stop, out } = stopper();
    const t0 = Date.now();
    for (const [signal, at] of signals) {
      await vi.advanceTimersByTimeAsync(at - (Date.now() - t0));
      stop.onSignal(signal);
      expect(stop.stop.aborted).toBe(true);
      expect(stop.stopping).toBe(true);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(out.exitedAt !== undefined ? out.exitedAt - t0 : undefined).toBe(exitAfterMs);
    expect(out.code).toBe(code);
    expect(out.warnings).toEqual([`the ledger could not be saved on ${signals[0][0]} (out of time): not recorded: deploy run 7 of a (step 1)`]);
  });
});

describe('answers on their way when the signal came', () => {
  /** A stop whose saves succeed at once; the driver settles after `settleMs` (never when undefined). */
  function settling(settleMs: number | undefined, changed: boolean) {
    const out: { saves: number; exitedAt?: number; logs: string[]; warnings: string[] } = { saves: 0, logs: [], warnings: [] };
    const settled = settleMs === undefined ? new Promise<void>(() => undefined) : new Promise<void>((r) => setTimeout(r, settleMs));
    const stop = new SignalStop({
      save: async () => void (out.saves += 1),
      settled: () => settled,
      changedSinceSave: () => changed,
      unsaved: () => 'requested with no run id known yet: deploy of a (step 1)',
      log: (m) => out.logs.push(m),
      warn: (m) => out.warnings.push(m),
      exit: () => void (out.exitedAt = Date.now()),
    });
    return { stop, out };
  }

  it('saves again once they are recorded, within the deadline', async () => {
    const { stop, out } = settling(3_000, true);
    const t0 = Date.now();
    stop.onSignal('SIGINT');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(out.saves).toBe(2);
    expect(out.exitedAt !== undefined ? out.exitedAt - t0 : undefined).toBe(3_000);
    expect(out.logs.at(-1)).toBe('saved the release state and released the lease');
    expect(out.warnings).toEqual([]);
  });

  it('saves once when they changed nothing', async () => {
    const { stop, out } = settling(100, false);
    stop.onSignal('SIGTERM');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(out.saves).toBe(1);
  });

  it('a SIGTERM alone waits 1.5 s at most for them, then says what is missing', async () => {
    const { stop, out } = settling(undefined, true);
    const t0 = Date.now();
    stop.onSignal('SIGTERM');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(out.saves).toBe(1);
    expect(out.exitedAt !== undefined ? out.exitedAt - t0 : undefined).toBe(1_500);
    expect(out.warnings).toEqual([
      'saved the release state on SIGTERM and released the lease, but answers on their way then did not arrive within the deadline: requested with no run id known yet: deploy of a (step 1)',
    ]);
  });
});

describe('describeUnsaved', () => {
  const plan = makePlan({ stages: [stage('one', ['a', 'b'])] });
  const base = (): State => {
    const s = initialState(plan, 'app-1', '1');
    s.now = Date.UTC(2026, 11, 1, 12);
    for (const name of ['a', 'b'])
      s.regions[name]?.runs.push({ kind: 'deploy', step: 0, correlationId: `app-1:${name}:deploy:0`, dispatchedAt: s.now, deadline: s.now + 1, done: false });
    return s;
  };

  it('names run ids and deployments the saved state lacks, and until when the lease stays', () => {
    const saved = base();
    const live = base();
    const a = live.regions.a;
    if (a?.runs[0]) a.runs[0].runId = 41;
    if (a) a.deploymentId = 9;
    const text = describeUnsaved(saved, live, Date.UTC(2026, 11, 1, 12, 10));
    expect(text).toContain('not recorded: deploy run 41 of a (step 1), deployment 9 of a;');
    expect(text).toContain('otherwise their steps are dispatches in doubt (dispatch-in-doubt)');
    expect(text).toContain('resumes from the state saved at 2026-12-01T12:00:00.000Z');
    expect(text).toContain("this driver's lease stays on the ledger until 2026-12-01T12:10:00.000Z");
  });

  it('says so when nothing is missing, and no lease when it was released', () => {
    const text = describeUnsaved(base(), base(), undefined);
    expect(text).toContain('no run id or deployment is missing from the last saved state');
    // The open runs of base() have no id: requested, their answers never seen.
    expect(text).toContain('requested with no run id known yet: deploy of a (step 1), deploy of b (step 1);');
    expect(text).not.toContain('lease');
  });
});
