/**
 * The release as a picture: a Mermaid `gantt` (job summaries render Mermaid) of stages and
 * regions, steps and bakes as bars, failures and rollbacks marked `crit`, and a text timeline for
 * where Mermaid is not drawn (the check run's summary). Both come from the one pass over the
 * history (history-facts.ts). A large release is drawn per stage, not per region, so the picture
 * stays readable and small.
 */
import type { State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { durationText, sinceText } from './duration-text.js';
import type { Bar, HistoryFacts } from './history-facts.js';
import { truncate } from './text.js';
import { markdownText, mermaidText } from './untrusted.js';

/** More region bars than this and the picture is drawn per stage. */
export const MAX_REGION_BARS = 150;
/** Failed regions marked per stage in the per-stage picture; more are counted. */
const MARKS_PER_STAGE = 10;
/** Lines of the text timeline; the middle of a longer one is counted. */
export const TEXT_TIMELINE_LINES = 40;

const DAY_MS = 86_400_000;

interface Task {
  name: string;
  bar: Bar;
}

/** `finished`: the release has its outcome, so a bar still open (a stage the stop cut short) ended with it, not "active". */
function line(t: Task, id: number, now: number, finished: boolean): string {
  const going = t.bar.end === undefined && !finished;
  const tags = [t.bar.milestone ? 'milestone' : going ? 'active' : 'done', ...(t.bar.crit ? ['crit'] : [])];
  const end = t.bar.milestone ? '0ms' : String(Math.max(t.bar.end ?? now, t.bar.start));
  return `  ${mermaidText(t.name)} :${tags.join(', ')}, b${id}, ${t.bar.start}, ${end}`;
}

const isTime = (t: unknown): t is number => typeof t === 'number' && Number.isSafeInteger(t);

/**
 * Times go into the block as they are: one that is not a whole number (a hand-edited ledger's
 * `at`) is left out, so it can neither break the block nor carry text into it.
 */
function drawable(t: Task): boolean {
  return isTime(t.bar.start) && (t.bar.end === undefined || isTime(t.bar.end));
}

function perRegion(plan: Plan, facts: HistoryFacts): Array<{ section: string; tasks: Task[] }> {
  return plan.stages.map((stage) => {
    const s = facts.stages.get(stage.name);
    const tasks: Task[] = (s?.waits ?? []).map((bar) => ({ name: `${stage.name} ${bar.label}`, bar }));
    for (const region of stage.regions) for (const bar of facts.regions.get(region)?.bars ?? []) tasks.push({ name: `${region} ${bar.label}`, bar });
    return { section: stage.name, tasks };
  });
}

function perStage(plan: Plan, facts: HistoryFacts): Array<{ section: string; tasks: Task[] }> {
  return plan.stages.map((stage) => {
    const s = facts.stages.get(stage.name);
    const tasks: Task[] = (s?.waits ?? []).map((bar) => ({ name: bar.label, bar }));
    if (s?.start !== undefined) {
      const bar: Bar = { label: '', start: s.start, crit: s.failed, milestone: false, ...(s.end !== undefined ? { end: s.end } : {}) };
      tasks.push({ name: `${stage.regions.length} regions`, bar });
    }
    const marks = stage.regions.flatMap((region) =>
      (facts.regions.get(region)?.bars ?? []).filter((b) => b.milestone).map((bar) => ({ name: `${region} ${bar.label}`, bar })),
    );
    tasks.push(...marks.slice(0, MARKS_PER_STAGE));
    const more = marks.slice(MARKS_PER_STAGE);
    const last = more[more.length - 1];
    if (last) tasks.push({ name: `${more.length} more marks`, bar: { ...last.bar, label: '' } });
    return { section: stage.name, tasks };
  });
}

function regionBars(facts: HistoryFacts): number {
  let n = 0;
  for (const r of facts.regions.values()) n += r.bars.length;
  return n;
}

/** The gantt block (a fenced `mermaid` code block), or undefined before anything happened. */
export function ganttBlock(state: State, plan: Plan, facts: HistoryFacts, perStageOnly = false): string | undefined {
  if (facts.start === undefined) return undefined;
  const sections = perStageOnly || regionBars(facts) > MAX_REGION_BARS ? perStage(plan, facts) : perRegion(plan, facts);
  let id = 0;
  const body: string[] = [];
  for (const { section, tasks } of sections) {
    if (tasks.length === 0) continue;
    body.push(`  section ${mermaidText(section)}`);
    for (const t of tasks.filter(drawable)) body.push(line(t, ++id, state.now, state.outcome !== undefined));
  }
  if (facts.release.length > 0) {
    body.push('  section release');
    for (const t of facts.release.map((bar) => ({ name: bar.label, bar })).filter(drawable)) body.push(line(t, ++id, state.now, state.outcome !== undefined));
  }
  if (body.length === 0) return undefined;
  // `x`: times are epoch milliseconds, as the history has them; the axis shows the reader's clock,
  // with the day when the release spans days. No "today" line: a release read days later would
  // stretch the picture to today.
  if (!isTime(state.now)) return undefined;
  const axis = state.now - facts.start > DAY_MS ? '%m-%d %H:%M' : '%H:%M';
  return ['```mermaid', 'gantt', '  dateFormat x', `  axisFormat ${axis}`, '  todayMarker off', ...body, '```'].join('\n');
}

interface Item {
  at: number;
  text: string;
}

function stageItems(state: State, plan: Plan, facts: HistoryFacts, start: number): Item[] {
  const now = state.now;
  const ended = state.outcome?.at;
  const items: Item[] = [];
  for (const stage of plan.stages) {
    const s = facts.stages.get(stage.name);
    if (!s) continue;
    const name = markdownText(stage.name);
    for (const w of s.waits) {
      const waited =
        w.end !== undefined
          ? `waited ${durationText(w.end - w.start)} for approval`
          : ended !== undefined
            ? `waited ${durationText((state.stop?.at ?? ended) - w.start)} for approval, not given`
            : `waits for approval (${durationText(now - w.start)} so far)`;
      items.push({ at: w.start, text: `✋ stage **${name}** ${waited}` });
    }
    if (s.start === undefined) continue;
    const end =
      s.end !== undefined
        ? `done at ${sinceText(s.end, start)} (${durationText(s.end - s.start)})`
        : ended !== undefined
          ? `stopped at ${sinceText(ended, start)} (${durationText(ended - s.start)})`
          : `running (${durationText(now - s.start)} so far)`;
    items.push({ at: s.start, text: `${s.failed ? '❌' : '▶️'} stage **${name}** started, ${end}` });
  }
  return items;
}

function regionItems(facts: HistoryFacts): Item[] {
  const items: Item[] = [];
  for (const [region, r] of facts.regions) {
    for (const bar of r.bars) {
      if (!bar.milestone) continue;
      const failure = r.failure ?? r.cause;
      const why = bar.label.endsWith('failed') && failure ? `: ${markdownText(truncate(failure.reason, 200))}` : '';
      items.push({ at: bar.start, text: `${bar.label === 'rolled back' ? '↩️' : '❌'} **${markdownText(region)}** ${markdownText(bar.label)}${why}` });
    }
  }
  return items;
}

/** The text timeline: stages, waits for people, failures and rollbacks, the release's own points, at times since its start. */
export function textTimeline(state: State, plan: Plan, facts: HistoryFacts, lines = TEXT_TIMELINE_LINES): string | undefined {
  const start = facts.start;
  if (start === undefined) return undefined;
  const release = facts.release.map((b) => ({ at: b.start, text: `🏁 release ${markdownText(b.label)}` }));
  const items = [...stageItems(state, plan, facts, start), ...regionItems(facts), ...release].sort((a, b) => a.at - b.at);
  const text = items.map((i) => `- ${sinceText(i.at, start)} ${i.text}`);
  if (text.length <= lines) return text.join('\n');
  const half = Math.floor(lines / 2);
  return [
    ...text.slice(0, half),
    `- … ${text.length - 2 * half} more (the job summary's picture and the ledger's history have them)`,
    ...text.slice(-half),
  ].join('\n');
}
