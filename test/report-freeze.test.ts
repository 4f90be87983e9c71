/**
 * The freeze and slo verdicts where people read them: the summary (check run and job summary)
 * says what holds the release, the numbers, and the override command; the log notice too.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../src/core/events.js';
import { releaseSummary } from '../src/report/summary.js';
import { waitingNotice } from '../src/report/waiting.js';
import { historyRecord } from '../src/report/log-record.js';
import { guardLog } from '../src/report/untrusted.js';
import { createReleaseLog } from '../src/runner/release-log.js';
import type { Observation } from '../src/core/values.js';
import type { Gate } from '../src/plan/types.js';
import { loadPlanFile } from '../src/plan/load.js';
import { Harness } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';
import { simulatedState } from './report-support.js';

const SLO_GATE: Gate = {
  ...gate('availability', { query: undefined, max: undefined }),
  slo: { good: 'g[{{ window }}]', total: 't[{{ window }}]', objective: 0.999, shortMs: 300_000, longMs: 3_600_000, factor: 14.4 },
};

function frozen(): Harness {
  const plan = makePlan({ gates: [gate('errors'), SLO_GATE], stages: [stage('canary', ['us-east-1'])] });
  plan.freeze = { slo: 'availability', periodMs: 30 * 86_400_000, floor: 0.1, beforeEachStage: false };
  const h = new Harness(plan);
  h.start('carol');
  const read: Event = {
    type: 'budget-read',
    at: h.now,
    stage: 'canary',
    reads: [{ region: 'us-east-1', good: { kind: 'value', value: 999_040 }, total: { kind: 'value', value: 1_000_000 } }],
  };
  h.send(read);
  return h;
}

describe('the freeze in the reports', () => {
  it('the summary says the stage is held by the freeze, with the budget and the floor, and the override command', () => {
    const h = frozen();
    const md = releaseSummary(h.state, h.plan);
    expect(md).toContain('waits for a person');
    expect(md).toContain('Stage `canary` is held by the release freeze (error-budget-exhausted)');
    expect(md).toContain('4% left in us-east-1, below the floor 10%');
    expect(md).toContain('gh workflow run release.yml -f command=override-freeze -f release=app-1.0.0');
    expect(md).toContain('not carol, who started the release');
  });

  it('the log notice names the override', () => {
    const h = frozen();
    expect(waitingNotice(h.state, h.plan)).toMatch(/held by the release freeze .* To go on: gh workflow run release.yml -f command=override-freeze/);
  });
});

describe('an slo gate in the summary', () => {
  const SLO_PLAN = 'test/fixtures/slo-plan.yml';
  const plan = loadPlanFile(SLO_PLAN, { workflowsDir: false }).plan!;
  const row = (md: string, region: string) => md.split('\n').find((l) => l.startsWith(`| ${region} |`)) ?? '';

  it('its gates cell gives the burn rates it was judged by against the factor, never "no value" for answers that had one', async () => {
    const md = releaseSummary(await simulatedState(SLO_PLAN, '--scenario', 'healthy'), plan);
    const cell = row(md, 'eu-west-1');
    expect(cell).toMatch(/✅ availability burn rate 0\.\d+\.\.0\.\d+ ≤ 14\.4(<br>|\s\|)/);
    expect(md).not.toContain('availability no value');
    expect(md).not.toContain('answers without a value');
  });

  it('a burn above the factor reads as beyond it', async () => {
    const md = releaseSummary(await simulatedState(SLO_PLAN, '--scenario', 'slo-burn=us-east-1'), plan);
    expect(row(md, 'us-east-1')).toMatch(/❌ availability burn rate \d+(\.\d+)?(\.\.\d+(\.\d+)?)? > 14\.4/);
  });
});

/** The human log lines of the release as the runner gets them, its check-run summary and its job summary. */
function outputs(h: Harness): { log: string[]; checkRun: string; jobSummary: string } {
  const log: string[] = [];
  const sink = createReleaseLog({
    format: 'human',
    release: h.state.releaseId,
    out: { line: (t) => log.push(...guardLog(t).split('\n')), startGroup: () => undefined, endGroup: () => undefined, annotate: () => undefined },
  });
  for (const e of h.state.history) sink.transition(e, h.state);
  return { log, checkRun: releaseSummary(h.state, h.plan), jobSummary: releaseSummary(h.state, h.plan, { timeline: 'mermaid' }) };
}

const HOSTILE = 'HTTP 503 <img src=x onerror=alert(1)> [docs](http://evil.example) | cell\n::error::owned';

function read(h: Harness, good: Observation): Event {
  return { type: 'budget-read', at: h.now, stage: 'canary', reads: [{ region: 'us-east-1', good, total: { kind: 'value', value: 1_000_000 } }] };
}

/** A log line starts no runner command and holds no control character; Markdown holds no HTML, no link, no line a backend started. */
function expectSafe(log: string[], markdown: string[]): void {
  for (const l of log) {
    expect(l).not.toMatch(/^::|^##\[/);
    expect(l).not.toMatch(/[\u0000-\u001f\u007f]/);
  }
  // Escaped, each reads as written (`\<img`, `\](`): only an unescaped one would be HTML or a link.
  for (const t of markdown) expect(t).not.toMatch(/(?<!\\)(?:<img|<b>|\]\(http:\/\/evil)|^::/m);
}

describe('the freeze in the log, the check run and the job summary: the numbers, and untrusted text escaped', () => {
  it('a held stage: budget, floor, period and region in each', () => {
    const h = frozen();
    const { log, checkRun, jobSummary } = outputs(h);
    const line = log.find((l) => l.includes('release-frozen:'));
    for (const t of [line ?? '', checkRun, jobSummary]) expect(t).toMatch(/over 30d .*4% left in us-east-1, below the floor 10%/);
    const entry = h.state.history.find((e) => e.kind === 'release-frozen');
    const record = entry && historyRecord(entry, h.state);
    expect(record).toMatchObject({ region: 'us-east-1', numbers: { floor: 0.1, budgetRemaining: expect.closeTo(0.04, 9) } });
  });

  it('a budget that cannot be read: the floor, period and region said, the backend answer escaped', () => {
    const plan = frozen().plan;
    const h = new Harness(plan);
    h.start('carol');
    h.send(read(h, { kind: 'error', message: HOSTILE }));
    const { log, checkRun, jobSummary } = outputs(h);
    const line = log.find((l) => l.includes('release-frozen:')) ?? '';
    expect(line).toContain('\\n::error::owned');
    for (const t of [line, checkRun, jobSummary]) expect(t).toMatch(/over 30d .*could not be read against the floor 10% \(us-east-1: /);
    expect(checkRun).toContain('\\<img src=x onerror=alert(1)\\>');
    expectSafe([...log, waitingNotice(h.state, h.plan) ?? ''], [checkRun, jobSummary]);
  });

  it("an override of a held stage: what it overrode, with the numbers; the person's words escaped", () => {
    const h = frozen();
    h.send({ type: 'command', at: h.now, by: 'sre-lead', name: 'override-freeze', reason: '<b>fix</b> | now\n::warning::x' });
    const { log, checkRun, jobSummary } = outputs(h);
    const line = log.find((l) => l.includes('freeze-lifted:')) ?? '';
    for (const t of [line, checkRun, jobSummary])
      expect(t).toMatch(/sre-lead overrode the freeze .*it held: .*over 30d .*4% left in us-east-1, below the floor 10%/);
    expect(jobSummary).toContain('\\<b\\>fix\\</b\\>');
    expectSafe(log, [checkRun, jobSummary]);
  });

  it('an override while the budget was read: the late answer says what it overrode, with the numbers', () => {
    const plan = frozen().plan;
    const h = new Harness(plan);
    h.start('carol');
    h.send({ type: 'command', at: h.now, by: 'sre-lead', name: 'override-freeze' });
    h.send(read(h, { kind: 'value', value: 999_040 }));
    const { log, checkRun, jobSummary } = outputs(h);
    const line = log.find((l) => l.includes('freeze-override-read:')) ?? '';
    expect(line).toMatch(/^us-east-1: freeze-override-read: /);
    for (const t of [line, checkRun, jobSummary])
      expect(t).toMatch(/when sre-lead overrode the freeze came back: .*over 30d .*4% left in us-east-1, below the floor 10%/);
    expect(checkRun).toContain('**freeze-override-read** (us-east-1)');
    expectSafe(log, [checkRun, jobSummary]);
  });
});
