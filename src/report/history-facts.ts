/**
 * Everything the release summary reads from the history, in ONE pass: the summary is written on
 * every ledger save, and a search of the history per region (or per gate, or per bar) would cost
 * regions x history. The table's cells, the headline's numbers and the timeline's bars all come
 * from here.
 */
import type { HistoryEntry, HistoryNumbers, State } from '../core/state.js';
import { judgedBurn, widen, type ObservedRange } from './observed-range.js';

/** One gate of one region, in the newest bake it was measured in. */
export interface GateFacts {
  step: number;
  /** The values seen in that bake; for an slo gate, the burn rates it was judged by (judgedBurn). */
  range?: ObservedRange;
  /** Answers without a value (backend errors, no data) in that bake. */
  missing: number;
  status: 'measuring' | 'passed' | 'failed' | 'inconclusive';
  /** The verdict's own numbers (a failed gate's last value and the threshold it broke). */
  verdict?: HistoryEntry;
  /** A comparison gate: the newest look's numbers (ratio, samples), before its verdict. */
  compared?: HistoryNumbers;
}

/** A span on the timeline (a step's deploy, its bake, a wait for a person, a rollback), or a point (`end === start`, milestone). */
export interface Bar {
  label: string;
  start: number;
  /** Absent: still going at the state's `now`. */
  end?: number;
  crit: boolean;
  milestone: boolean;
}

export interface RegionFacts {
  /** The newest verdict (a run's end, a gate verdict, the region's own end). */
  latest?: HistoryEntry;
  /** Why it was rolled back: its own failure, else the rollback order that reached it. */
  cause?: HistoryEntry;
  /** Its newest `region-failed` entry. */
  failure?: HistoryEntry;
  gates: Map<string, GateFacts>;
  bars: Bar[];
}

export interface StageFacts {
  start?: number;
  end?: number;
  failed: boolean;
  /** Waits for an approval before the stage started. */
  waits: Bar[];
}

export interface HistoryFacts {
  /** The release's first entry: the timeline's zero. */
  start?: number;
  regions: Map<string, RegionFacts>;
  stages: Map<string, StageFacts>;
  /** Points of the whole release: stopped, halted, paused, finished. */
  release: Bar[];
  /** Measurements were left out of the saved history: ranges cover the ones kept. */
  compacted: boolean;
}

export const VERDICT_KINDS = new Set<HistoryEntry['kind']>([
  'gate-passed',
  'gate-failed',
  'gate-inconclusive',
  'run-finished',
  'run-timeout',
  'dispatch-failed',
  'region-promoted',
  'region-failed',
  'region-rolled-back',
  'rollback-failed',
  'release-stopped',
  'release-paused',
  'release-finished',
  // The release freeze (core/freeze.ts): the error budget read, and what it let start or held.
  'release-frozen',
  'freeze-lifted',
  'freeze-override-read',
]);
/** The freeze's entries name the region whose budget they report: the stage's verdict, not the region's (its table row keeps its own). */
const FREEZE_KINDS = new Set<HistoryEntry['kind']>(['release-frozen', 'freeze-lifted', 'freeze-override-read']);
const CAUSE_KINDS = new Set<HistoryEntry['kind']>(['region-failed', 'rollback-dispatched']);
const RELEASE_POINTS = new Set<HistoryEntry['kind']>(['release-stopped', 'release-halted', 'release-paused', 'release-finished']);

function regionOf(facts: HistoryFacts, name: string): RegionFacts {
  let r = facts.regions.get(name);
  if (!r) facts.regions.set(name, (r = { gates: new Map(), bars: [] }));
  return r;
}

function stageOf(facts: HistoryFacts, name: string): StageFacts {
  let s = facts.stages.get(name);
  if (!s) facts.stages.set(name, (s = { failed: false, waits: [] }));
  return s;
}

/** The region's bar still going, closed at `at`. */
function close(r: RegionFacts, at: number, crit = false): void {
  const open = r.bars[r.bars.length - 1];
  if (open && open.end === undefined && !open.milestone) {
    open.end = at;
    if (crit) open.crit = true;
  }
}

function open(r: RegionFacts, label: string, at: number, crit = false): void {
  close(r, at);
  r.bars.push({ label, start: at, crit, milestone: false });
}

function point(bars: Bar[], label: string, at: number, crit: boolean): void {
  bars.push({ label, start: at, end: at, crit, milestone: true });
}

function gate(r: RegionFacts, h: HistoryEntry): void {
  if (h.gate === undefined) return;
  const step = h.step ?? 0;
  let g = r.gates.get(h.gate);
  // A new bake: the numbers are of the newest one only.
  if (!g || g.step !== step || (h.kind === 'measurement' && g.status !== 'measuring')) r.gates.set(h.gate, (g = { step, missing: 0, status: 'measuring' }));
  if (h.kind === 'measurement' && (h.reasonCode.startsWith('comparison-') || h.numbers?.canaryN !== undefined)) {
    // A comparison's look has no value of its own: its numbers are the bake so far.
    if (h.numbers) g.compared = h.numbers;
    if (h.reasonCode === 'comparison-step-missing') g.missing++;
    return;
  }
  if (h.kind === 'measurement') {
    // An slo gate's answer has no value of its own: its range is of the burn rate it was judged by.
    const v = h.numbers?.value ?? judgedBurn(h.numbers);
    if (v !== undefined && Number.isFinite(v)) g.range = widen(g.range, v);
    else g.missing++;
    return;
  }
  g.status = h.kind === 'gate-passed' ? 'passed' : h.kind === 'gate-failed' ? 'failed' : 'inconclusive';
  g.verdict = h;
}

/** The timeline's bars of a region (one step: deploy, then bake; a failure, a wait, a rollback). */
function bars(r: RegionFacts, h: HistoryEntry): void {
  const step = `step ${(h.step ?? 0) + 1}`;
  const traffic = h.numbers?.traffic !== undefined ? ` ${h.numbers.traffic}%` : '';
  if (h.kind === 'step-started') open(r, `${step} deploy${traffic}`, h.at);
  else if (h.kind === 'bake-started') open(r, `${step} bake${traffic}`, h.at);
  else if (h.kind === 'step-passed' || h.kind === 'region-promoted' || h.kind === 'region-skipped') close(r, h.at);
  else if (h.kind === 'region-awaiting-approval') open(r, `${step} waits for a person`, h.at);
  else if (h.kind === 'region-approved') close(r, h.at);
  else if (h.kind === 'region-failed') {
    close(r, h.at, true);
    point(r.bars, `${step} failed`, h.at, true);
  } else if (h.kind === 'rollback-dispatched') open(r, 'rollback', h.at, true);
  else if (h.kind === 'region-rolled-back') {
    close(r, h.at);
    point(r.bars, 'rolled back', h.at, true);
  } else if (h.kind === 'rollback-failed') {
    close(r, h.at, true);
    point(r.bars, 'ROLLBACK FAILED', h.at, true);
  }
}

function stage(facts: HistoryFacts, h: HistoryEntry): void {
  if (h.stage === undefined || h.region !== undefined) return;
  const s = stageOf(facts, h.stage);
  if (h.kind === 'stage-awaiting-approval') s.waits.push({ label: 'waits for approval', start: h.at, crit: false, milestone: false });
  else if (h.kind === 'stage-approved') {
    const w = s.waits[s.waits.length - 1];
    if (w && w.end === undefined) w.end = h.at;
  } else if (h.kind === 'stage-started') s.start ??= h.at;
  else if (h.kind === 'stage-completed') s.end = h.at;
}

/** The one pass over `state.history`. */
export function historyFacts(state: State): HistoryFacts {
  const facts: HistoryFacts = { regions: new Map(), stages: new Map(), release: [], compacted: false };
  for (const h of state.history) {
    facts.start ??= h.at;
    if (h.kind === 'history-compacted') facts.compacted = true;
    if (RELEASE_POINTS.has(h.kind)) point(facts.release, h.kind.replace('release-', ''), h.at, h.kind !== 'release-paused' && h.kind !== 'release-finished');
    stage(facts, h);
    if (h.region === undefined || FREEZE_KINDS.has(h.kind)) continue;
    const r = regionOf(facts, h.region);
    if (VERDICT_KINDS.has(h.kind)) r.latest = h;
    if (CAUSE_KINDS.has(h.kind)) r.cause = h;
    if (h.kind === 'region-failed') r.failure = h;
    if (h.kind === 'measurement' || h.kind === 'gate-passed' || h.kind === 'gate-failed' || h.kind === 'gate-inconclusive') gate(r, h);
    bars(r, h);
    if (h.kind === 'region-failed' && h.stage !== undefined) stageOf(facts, h.stage).failed = true;
  }
  return facts;
}
