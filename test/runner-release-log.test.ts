/**
 * Issue 13, logs: the release log (src/runner/release-log.ts) fed by a real driver run against the
 * simulated GitHub and metrics, as drive-release.ts feeds it: `::group::` per stage (parallel
 * regions, a resume inside a stage, a stage failing and the release rolling back through an
 * earlier stage), the lines of the whole release outside any group, json mode line by line, and
 * which warnings become annotations.
 */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, State } from '../src/core/state.js';
import { runRelease } from '../src/driver/interpreter.js';
import { NO_DOUBTS, rolesOf } from '../src/driver/roles.js';
import type { Plan } from '../src/plan/types.js';
import type { LogRecord } from '../src/report/log-record.js';
import type { AnnotationProperties } from '../src/runner/io.js';
import { createReleaseLog, type LogFormat, type ReleaseLog } from '../src/runner/release-log.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { SyntheticMetrics } from '../src/simulate/metrics.js';
import { emptyScenario, type Scenario } from '../src/simulate/scenario.js';
import { makePlan, stage } from './support/plans.js';

const T0 = Date.UTC(2026, 0, 1);
const REL = 'app-1';

type Out =
  { type: 'line'; text: string } | { type: 'group'; title: string } | { type: 'end' } | { type: 'annotation'; text: string; place: AnnotationProperties };

function capture(format: LogFormat): { log: ReleaseLog; out: Out[] } {
  const out: Out[] = [];
  const log = createReleaseLog({
    format,
    release: REL,
    now: () => T0,
    out: {
      line: (text) => out.push({ type: 'line', text }),
      startGroup: (title) => out.push({ type: 'group', title }),
      endGroup: () => out.push({ type: 'end' }),
      annotate: (text, place) => out.push({ type: 'annotation', text, place }),
    },
  });
  return { log, out };
}

/** Two stages (one: a, b; two: c, d, e two at a time), a gate at line 12 of the plan, stages at 20 and 30. */
function twoStages(): Plan {
  const plan = makePlan({ stages: [stage('one', ['a', 'b']), stage('two', ['c', 'd', 'e'], { maxParallel: 2 })] });
  plan.gates.errors = { ...plan.gates.errors!, pos: { line: 12, col: 5 } };
  plan.stages[0]!.pos = { line: 20, col: 5 };
  plan.stages[1]!.pos = { line: 30, col: 5 };
  return plan;
}

/** One driver invocation with the release log told what drive-release tells it. */
async function drive(
  plan: Plan,
  log: ReleaseLog,
  opts: { scenario?: (s: Scenario) => void; state?: State; mode?: 'run' | 'reconcile'; clock?: VirtualClock; github?: EmulatedGitHub } = {},
) {
  const clock = opts.clock ?? new VirtualClock(T0);
  const scenario = emptyScenario();
  opts.scenario?.(scenario);
  const github = opts.github ?? new EmulatedGitHub({ clock, scenario, seed: 1 });
  const metrics = new SyntheticMetrics(plan, scenario, 1);
  let live: State | undefined;
  log.opened({ releaseId: REL, plan, version: '1', kind: opts.mode ?? 'run', startedAt: T0 }, opts.state ?? ({} as State));
  const result = await runRelease({
    plan,
    version: '1',
    releaseId: REL,
    ref: 'main',
    ports: { ...rolesOf(github, NO_DOUBTS), metrics, clock },
    mode: opts.mode ?? 'run',
    ...(opts.state ? { state: opts.state } : {}),
    onState: (s) => void (live = s),
    onTransition: (h: HistoryEntry) => log.transition(h, live as State),
    onWarning: (m, audience) => (audience === 'person' ? log.notice(m) : log.warning(m)),
  });
  log.finished({ decision: result.decision, reasonCode: result.reasonCode, reason: result.reason, state: result.state, at: clock.now() });
  await log.flush(AbortSignal.timeout(1000));
  return { result, github, clock };
}

/** Checks the groups are balanced and never nested; returns each line with the stage of the group it is in. */
function grouped(out: Out[]): Array<{ text: string; group: string | undefined }> {
  let open: string | undefined;
  const lines: Array<{ text: string; group: string | undefined }> = [];
  for (const o of out) {
    if (o.type === 'group') {
      expect(open, `group ${o.title} opened inside ${open}`).toBeUndefined();
      open = o.title;
    } else if (o.type === 'end') {
      expect(open, 'an endgroup without a group').toBeDefined();
      open = undefined;
    } else if (o.type === 'line') lines.push({ text: o.text, group: open });
  }
  expect(open, 'a group left open').toBeUndefined();
  return lines;
}

const stageOfTitle = (title: string | undefined) => (title === undefined ? undefined : /^stage (\S+) \(release app-1\)$/.exec(title)?.[1]);

/** The history entries by their human line (`region: kind: reason`), in order: lines of the same text are taken one by one. */
function historyLines(state: State): Map<string, HistoryEntry[]> {
  const byLine = new Map<string, HistoryEntry[]>();
  for (const h of state.history) {
    const line = `${h.region !== undefined ? `${h.region}: ` : ''}${h.kind}: ${h.reason}`;
    byLine.set(line, [...(byLine.get(line) ?? []), h]);
  }
  return byLine;
}

describe('human log: a group per stage', () => {
  it('parallel regions: every line of a stage is in its group, the release-wide lines outside, runs carry their correlation ids', async () => {
    const plan = twoStages();
    const { log, out } = capture('human');
    const { result, github } = await drive(plan, log);
    expect(result.decision).toBe('promoted');
    const lines = grouped(out);
    const titles = out.filter((o) => o.type === 'group').map((o) => (o as { title: string }).title);
    expect(titles).toEqual(['stage one (release app-1)', 'stage two (release app-1)']);
    const byLine = historyLines(result.state);
    let checked = 0;
    for (const { text, group } of lines) {
      const h = byLine.get(text.replace(/ \[[^\]]+\]$/, ''))?.shift();
      if (!h) continue;
      checked++;
      expect(stageOfTitle(group), text).toBe(h.stage);
    }
    expect(checked).toBe(result.state.history.length);
    // The verdict is never folded away.
    expect(lines.find((l) => l.text.startsWith('release-finished:'))?.group).toBeUndefined();
    // Parallel regions of stage two interleave inside one group.
    const inTwo = lines.filter((l) => stageOfTitle(l.group) === 'two').map((l) => l.text.split(':')[0]);
    expect(new Set(inTwo)).toEqual(new Set(['c', 'd', 'e', 'stage-started', 'stage-completed']));
    // Every dispatched run's correlation id is in the human log.
    const ids = github.runs.map((r) => r.request.correlationId);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids)
      expect(
        lines.some((l) => l.text.endsWith(`[${id}]`)),
        id,
      ).toBe(true);
    expect(out.filter((o) => o.type === 'annotation')).toEqual([]);
  });

  it('a stage failing: the release rolls back through the earlier stage, each line in the group of its own stage, the failed gate annotated once at its plan line', async () => {
    const plan = twoStages();
    // Stage two may lose one region: c and d both fail the gate before the release stops.
    plan.stages[1]!.failureBudget = 1;
    const { log, out } = capture('human');
    const { result } = await drive(plan, log, {
      scenario: (s) => {
        s.regressions.set('c', 0);
        s.regressions.set('d', 0);
      },
    });
    expect(result.decision).toBe('rolled-back');
    const lines = grouped(out);
    // Rolled back newest first: stage two's regions, then stage one's, in a second group of stage one.
    const titles = out.filter((o) => o.type === 'group').map((o) => stageOfTitle((o as { title: string }).title));
    expect(titles[0]).toBe('one');
    expect(titles[1]).toBe('two');
    expect(titles.slice(2)).toContain('one');
    const rolledBackA = lines.find((l) => l.text.startsWith('a: region-rolled-back:'));
    expect(rolledBackA && stageOfTitle(rolledBackA.group)).toBe('one');
    const rolledBackC = lines.find((l) => l.text.startsWith('c: region-rolled-back:'));
    expect(rolledBackC && stageOfTitle(rolledBackC.group)).toBe('two');
    expect(lines.find((l) => l.text.startsWith('release-stopped:'))?.group).toBeUndefined();
    // c and d both failed the gate: one annotation, on the gate's line.
    expect(result.state.history.filter((h) => h.kind === 'gate-failed').map((h) => h.region)).toEqual(['c', 'd']);
    const annotations = out.filter((o) => o.type === 'annotation');
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({
      place: { file: 'release-plan.yml', startLine: 12, startColumn: 5, title: expect.stringMatching(/^gate errors failed in [cd] step 1$/) },
    });
  });

  it("a resume inside a stage: the resumed line outside any group, that stage's group reopened right after it", async () => {
    const plan = twoStages();
    const first = capture('human');
    const clock = new VirtualClock(T0);
    const github = new EmulatedGitHub({ clock, scenario: emptyScenario(), seed: 1 });
    const { result: partial } = await drive(plan, first.log, { mode: 'reconcile', clock, github });
    expect(partial.decision).toBe('continue');
    grouped(first.out);
    const current = partial.state.stages[partial.state.stage];
    expect(current?.phase).toBe('running');

    const second = capture('human');
    const { result } = await drive(plan, second.log, { state: structuredClone(partial.state), clock, github });
    expect(result.decision).toBe('promoted');
    grouped(second.out);
    const resumed = second.out.findIndex((o) => o.type === 'line' && o.text.startsWith('release-resumed:'));
    expect(resumed).toBeGreaterThanOrEqual(0);
    // Outside any group, and the stage's group opens right after it.
    expect(second.out.slice(0, resumed).some((o) => o.type === 'group')).toBe(false);
    expect(second.out[resumed + 1]).toEqual({ type: 'group', title: `stage ${current?.name} (release app-1)` });
  });

  it('lines between entries: after a resume inside a stage they are in its group, after the stage completed outside it', () => {
    const { log, out } = capture('human');
    const plan = twoStages();
    log.opened({ releaseId: REL, plan, version: '1', kind: 'run', startedAt: T0 }, {} as State);
    const state = {
      releaseId: REL,
      status: 'running',
      stage: 1,
      regions: {},
      stages: [
        { name: 'one', phase: 'done' },
        { name: 'two', phase: 'running' },
      ],
    } as unknown as State;
    log.transition({ at: T0, kind: 'release-resumed', reasonCode: 'resumed', reason: 'resumed' }, state);
    log.warning('could not read run 7: HTTP 502');
    expect(out).toEqual([
      { type: 'line', text: 'release-resumed: resumed' },
      { type: 'group', title: 'stage two (release app-1)' },
      { type: 'line', text: 'warning: could not read run 7: HTTP 502' },
    ]);
    // A stage's group ends with its last line: what follows before the next stage is outside.
    log.transition({ at: T0, kind: 'stage-completed', stage: 'two', reasonCode: 'completed', reason: 'done' }, state);
    log.message('saved');
    expect(out.slice(3)).toEqual([{ type: 'line', text: 'stage-completed: done' }, { type: 'end' }, { type: 'line', text: 'saved' }]);
    // Between stages (the last one done, the next not started): no group until one starts.
    const between = capture('human');
    between.log.transition({ at: T0, kind: 'release-resumed', reasonCode: 'resumed', reason: 'resumed' }, {
      ...state,
      stages: [
        { name: 'one', phase: 'done' },
        { name: 'two', phase: 'pending' },
      ],
    } as State);
    expect(between.out.filter((o) => o.type === 'group')).toEqual([]);
  });

  it("the driver throwing mid-stage: flush closes the open group; a stage that is not the plan's opens none", async () => {
    const { log, out } = capture('human');
    const plan = twoStages();
    log.opened({ releaseId: REL, plan, version: '1', kind: 'run', startedAt: T0 }, {} as State);
    const state = { releaseId: REL, regions: {}, stages: [{ name: 'one', phase: 'running' }] } as unknown as State;
    log.transition({ at: T0, kind: 'stage-started', stage: 'one', reasonCode: 'started', reason: 'stage one started' }, state);
    // A refused command naming a stage the plan does not have stays in the open group.
    log.transition({ at: T0, kind: 'command-refused', stage: 'nope\n::error::x', by: 'eve', reasonCode: 'unknown-stage', reason: 'no such stage' }, state);
    expect(out.filter((o) => o.type === 'group')).toEqual([{ type: 'group', title: 'stage one (release app-1)' }]);
    expect(out.at(-1)).toMatchObject({ type: 'line' });
    await log.flush(AbortSignal.timeout(100));
    expect(out.at(-1)).toEqual({ type: 'end' });
    grouped(out);
  });
});

describe('json log', () => {
  it('one record per line, every one with the release id, no groups; runs with their correlation ids; the end of the invocation', async () => {
    const plan = twoStages();
    const { log, out } = capture('json');
    log.message('starting release app-1');
    const { result, github } = await drive(plan, log, { scenario: (s) => void s.regressions.set('c', 0) });
    expect(result.decision).toBe('rolled-back');
    expect(out.filter((o) => o.type === 'group' || o.type === 'end')).toEqual([]);
    const records = out.filter((o) => o.type === 'line').map((o) => JSON.parse((o as { text: string }).text) as LogRecord);
    for (const r of records) {
      expect(r.release).toBe(REL);
      expect(r.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(['info', 'warning', 'error']).toContain(r.level);
    }
    expect(records[0]).toMatchObject({ event: 'message', msg: 'starting release app-1' });
    expect(records.filter((r) => r.event !== 'message' && r.event !== 'invocation-finished')).toHaveLength(result.state.history.length);
    for (const id of github.runs.map((r) => r.request.correlationId))
      expect(
        records.some((r) => r.correlationId === id),
        id,
      ).toBe(true);
    expect(records.at(-1)).toMatchObject({ event: 'invocation-finished', decision: 'rolled-back', reasonCode: result.reasonCode, level: 'warning' });
    const failed = records.find((r) => r.event === 'gate-failed');
    expect(failed).toMatchObject({ stage: 'two', region: 'c', step: 1, gate: 'errors', level: 'warning' });
    // The gate's annotation is there in json mode too: the runner needs `::warning`.
    expect(out.filter((o) => o.type === 'annotation')).toHaveLength(1);
  });
});

describe('warnings: annotations only where a person must act', () => {
  it.each(['human', 'json'] as const)('%s: a warning the release copes with is a line; a notice is an annotation (and in json a line too)', (format) => {
    const { log, out } = capture(format);
    log.warning('could not save the ledger: HTTP 502\n::error::x');
    log.notice('Release app-1 waits for a person: stage two waits for an approval.');
    const lines = out.filter((o) => o.type === 'line').map((o) => (o as { text: string }).text);
    const annotations = out.filter((o) => o.type === 'annotation');
    expect(annotations).toEqual([{ type: 'annotation', text: 'Release app-1 waits for a person: stage two waits for an approval.', place: {} }]);
    if (format === 'human') {
      expect(lines).toEqual(['warning: could not save the ledger: HTTP 502\\n::error::x']);
    } else {
      expect(lines.map((l) => JSON.parse(l) as LogRecord)).toEqual([
        expect.objectContaining({ level: 'warning', event: 'message', release: REL, msg: 'warning: could not save the ledger: HTTP 502\\n::error::x' }),
        expect.objectContaining({ level: 'warning', event: 'message', msg: 'warning: Release app-1 waits for a person: stage two waits for an approval.' }),
      ]);
    }
  });

  it('a run the driver could not cancel is an annotation (a person must stop it); a deployment status it could not set is a line', async () => {
    const plan = twoStages();
    plan.deploy.timeoutMs = 60_000;
    const { log, out } = capture('human');
    const clock = new VirtualClock(T0);
    const scenario = emptyScenario();
    scenario.deployTimeouts.add('a');
    const github = new EmulatedGitHub({ clock, scenario, seed: 1 });
    github.cancelRun = async () => {
      throw new Error('HTTP 502 from GitHub');
    };
    github.setDeploymentStatus = async () => {
      throw new Error('HTTP 500 from GitHub');
    };
    const { result } = await drive(plan, log, { clock, github, scenario: (s) => void s.deployTimeouts.add('a') });
    expect(result.decision).toBe('rolled-back');
    const annotations = out.filter((o) => o.type === 'annotation').map((o) => (o as { text: string }).text);
    expect(
      annotations.some((t) => /^could not cancel deploy run \d+ of a: HTTP 502 from GitHub$/.test(t)),
      annotations.join('\n'),
    ).toBe(true);
    expect(annotations.some((t) => t.includes('HTTP 500'))).toBe(false);
    const lines = out.filter((o) => o.type === 'line').map((o) => (o as { text: string }).text);
    expect(lines.some((l) => l.startsWith('warning: could not set deployment') && l.includes('HTTP 500'))).toBe(true);
  });

  it("a gate name from a ledger that is not the plan's own gate is not looked up (no annotation, no throw)", () => {
    const { log, out } = capture('human');
    log.opened({ releaseId: REL, plan: twoStages(), version: '1', kind: 'run', startedAt: T0 }, {} as State);
    const state = { releaseId: REL, regions: {}, stages: [] } as unknown as State;
    log.transition({ at: T0, kind: 'gate-failed', stage: 'one', region: 'a', step: 0, gate: 'constructor', reasonCode: 'gate-failed', reason: 'x' }, state);
    log.transition({ at: T0, kind: 'gate-failed', stage: 'one', region: 'a', step: 0, gate: '__proto__', reasonCode: 'gate-failed', reason: 'x' }, state);
    expect(out.filter((o) => o.type === 'annotation')).toEqual([]);
  });
});
