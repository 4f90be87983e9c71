/**
 * The timeline picture: the gantt blocks the summaries carry are valid Mermaid (parsed by
 * Mermaid's own parser, every task's dates compiled), draw what happened, and untrusted names
 * cannot break them; the text timeline says the same where Mermaid is not drawn.
 */
import { describe, expect, it } from 'vitest';
import { loadPlanFile } from '../src/plan/load.js';
import { releaseSummary } from '../src/report/summary.js';
import { historyFacts } from '../src/report/history-facts.js';
import { ganttBlock, textTimeline } from '../src/report/timeline.js';
import { mermaidText } from '../src/report/untrusted.js';
import { bigRelease, mermaidBlock, parseGantt, simulatedState } from './report-support.js';

const PLAN = 'workflows-examples/release-plan.yml';
const plan = loadPlanFile(PLAN, { workflowsDir: false }).plan!;

describe('the gantt block', () => {
  it.each([
    ['promoted', ['--scenario', 'healthy']],
    ['rolled back', ['--scenario', 'regression=us-east-1@2']],
    ['promoted with a region rolled back', ['--scenario', 'regression=us-west-2@2']],
    ['paused for an approval', ['--no-auto-approve']],
    ['failed (the rollback failed)', ['--scenario', 'regression=us-east-1@2', '--scenario', 'rollback-failure=us-east-1']],
  ])('%s: Mermaid parses it, every bar lies within the release, failures and rollbacks are marked crit', async (_what, args) => {
    const state = await simulatedState(PLAN, ...args);
    const md = releaseSummary(state, plan, { timeline: 'mermaid', maxBytes: 1024 * 1024 });
    const body = mermaidBlock(md);
    expect(body).toBeDefined();
    const tasks = await parseGantt(body ?? '');
    expect(tasks.length).toBeGreaterThan(0);
    const first = state.history[0]?.at ?? 0;
    for (const t of tasks) {
      expect(t.start).toBeGreaterThanOrEqual(first);
      expect(t.end).toBeGreaterThanOrEqual(t.start);
      expect(t.end).toBeLessThanOrEqual(state.now);
      expect(plan.stages.map((s) => s.name)).toContain(t.section === 'release' ? plan.stages[0]?.name : t.section);
    }
    // Every region the release touched has bars; failed ones a crit milestone, rolled-back ones their rollback bar.
    for (const r of Object.values(state.regions)) {
      const own = tasks.filter((t) => t.name.startsWith(`${r.name} `));
      if (r.touchedSeq === undefined) expect(own).toHaveLength(0);
      else expect(own.length).toBeGreaterThan(0);
      if (r.failure) expect(own.some((t) => t.milestone && t.crit && t.name.endsWith('failed'))).toBe(true);
      if (r.phase === 'rolled-back') expect(own.some((t) => t.crit && t.name === `${r.name} rollback`)).toBe(true);
      if (r.phase === 'promoted') expect(own.some((t) => t.crit)).toBe(false);
    }
  });

  it("a hand-edited ledger's time that is not a number cannot carry a statement into the block", async () => {
    const state = await simulatedState(PLAN, '--scenario', 'regression=us-west-2@2');
    const evil = '1767261600000\n  click b1 href "javascript:alert(1)"' as unknown as number;
    const history = state.history.map((h) => (h.kind === 'bake-started' && h.region === 'us-west-2' ? { ...h, at: evil } : h));
    const md = releaseSummary({ ...state, history }, plan, { timeline: 'mermaid', maxBytes: 1024 * 1024 });
    const body = mermaidBlock(md) ?? '';
    expect(body).not.toMatch(/^\s*click/m);
    const tasks = await parseGantt(body);
    // Only the bars that time touches are left out.
    expect(tasks.some((t) => t.name === 'us-west-2 rolled back')).toBe(true);
    expect(tasks.some((t) => t.name.startsWith('ca-central-1 '))).toBe(true);
  });

  it('a release of 150 regions is drawn per stage (a bar per stage, failures as marks), and still parses', async () => {
    const { state, plan: big } = await bigRelease(150);
    const facts = historyFacts(state);
    const tasks = await parseGantt(mermaidBlock(ganttBlock(state, big, facts) ?? '') ?? '');
    expect(tasks.filter((t) => t.name === '150 regions')).toHaveLength(1);
    expect(tasks.length).toBeLessThan(20);
    expect(tasks.filter((t) => t.milestone && t.crit).length).toBeGreaterThan(0);
  });
});

describe('mermaidText: untrusted names inside a gantt', () => {
  const hostile = [
    'a:b',
    'x#y;z',
    'two\nlines',
    'section evil',
    'Title: x',
    'click b1 href "javascript:alert(1)"',
    '%%{init: {"theme": "dark"}}%%',
    '<img src=x onerror=alert(1)>',
    'dateFormat YYYY',
    'a,b, c',
    '日本語 ✅ 🇩🇪',
    '#58; already',
  ];
  const block = (escape: (s: string) => string, name: string): string =>
    ['gantt', '  dateFormat x', `  section ${escape(name)}`, `  ${escape(name)} :done, b1, 1000, 2000`, `  after it :done, b2, 2000, 3000`].join('\n');

  it.each(hostile)('%j: the block parses to exactly the two tasks, and the name reads back as written', async (name) => {
    const tasks = await parseGantt(block(mermaidText, name));
    expect(tasks).toHaveLength(2);
    expect(tasks[0]?.name).toBe(name.trim());
    expect(tasks[0]?.section).toBe(name.trim());
    expect(tasks[0]?.start).toBe(1000);
    expect(tasks[1]?.name).toBe('after it');
  });

  it('the same names written raw break the block: the check above can fail', async () => {
    const raw = (s: string): string => s;
    const broken = ['a:b', 'x#y;z', 'two\nlines', 'section evil', 'click b1 href "javascript:alert(1)"', 'dateFormat YYYY'];
    for (const name of broken) {
      const read = await parseGantt(block(raw, name)).then(
        (tasks) => tasks.length === 2 && tasks[0]?.name === name && tasks[0]?.section === name,
        () => false,
      );
      expect(read, name).toBe(false);
    }
  });

  it('empty or blank text is a name Mermaid accepts', async () => {
    expect(mermaidText('')).toBe('?');
    expect(mermaidText('   ')).toBe('?');
    await expect(parseGantt(block(mermaidText, ''))).resolves.toHaveLength(2);
  });

  it('a broken block fails the parse (a date that is not one, a task without data)', async () => {
    await expect(parseGantt('gantt\n  dateFormat x\n  a :done, b1, yesterday, 2000')).rejects.toThrow();
    await expect(parseGantt('gantt\n  dateFormat x\n  a task without data')).rejects.toThrow();
  });
});

describe('the text timeline', () => {
  it('says when stages started and ended, how long an approval waited, which region failed why and when it was rolled back', async () => {
    const state = await simulatedState(PLAN, '--scenario', 'regression=us-west-2@2');
    const text = textTimeline(state, plan, historyFacts(state)) ?? '';
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^- \+0s ▶️ stage \*\*canary\*\* started, done at \+(\d+h )?\d+m/);
    expect(text).toMatch(/- \+(\d+h )?\d+m ✋ stage \*\*americas\*\* waited \d+m for approval/);
    const failed = lines.findIndex((l) => /❌ \*\*us-west-2\*\* step 2 failed: gate error-rate: .*above max 0\.01/.test(l));
    const rolled = lines.findIndex((l) => /↩️ \*\*us-west-2\*\* rolled back/.test(l));
    expect(failed).toBeGreaterThan(0);
    expect(rolled).toBeGreaterThan(failed);
    expect(lines.at(-1)).toMatch(/🏁 release finished$/);
    // Times as a person reads them: relative, never milliseconds.
    expect(text).not.toMatch(/\d{4,}ms|\d+\.\d+s/);
  });

  it('a stage the stop cut short reads stopped when it ended, not running; an approval never given says so', async () => {
    const stopped = await simulatedState(PLAN, '--scenario', 'regression=us-east-1@2');
    expect(textTimeline(stopped, plan, historyFacts(stopped))).toMatch(/^- \+0s ❌ stage \*\*canary\*\* started, stopped at \+41m 45s \(41m 45s\)$/m);
    const rejected = await simulatedState(PLAN, '--scenario', 'reject=americas');
    const text = textTimeline(rejected, plan, historyFacts(rejected)) ?? '';
    expect(text).toMatch(/✋ stage \*\*americas\*\* waited \d+m for approval, not given/);
    expect(text).not.toContain('so far');
  });

  it('a long one keeps its start and end and counts the middle', async () => {
    const state = await simulatedState(PLAN, '--scenario', 'regression=us-west-2@2');
    const text = textTimeline(state, plan, historyFacts(state), 6) ?? '';
    const lines = text.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[3]).toMatch(/^- … \d+ more/);
    expect(lines.at(-1)).toMatch(/release finished/);
  });

  it('the check-run summary carries the text timeline, the job summary the picture', async () => {
    const state = await simulatedState(PLAN, '--scenario', 'regression=us-west-2@2');
    const check = releaseSummary(state, plan);
    const job = releaseSummary(state, plan, { timeline: 'mermaid', maxBytes: 1024 * 1024 });
    expect(check).not.toContain('```mermaid');
    expect(check).toContain('#### Timeline\n\n- +0s');
    expect(job).toContain('#### Timeline\n\n```mermaid\ngantt');
  });
});
