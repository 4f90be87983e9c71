/**
 * What a release was started with: a digest of the resolved plan's driving fields and a compact
 * outline, kept in the engine state so that a resume under a different plan (an edit on a newer
 * commit, which reconcile reads) is noticed and named instead of silently driven.
 *
 * Counts: everything in the resolved `Plan` (defaults applied, durations in ms), so a change of
 * what is deployed, where, in which order, how it is judged, rolled back or approved changes the
 * digest. Does not count: `file` (where the plan was read from) and `pos` (source positions), and,
 * because the digest is taken after parsing and normalising, comments, key order, quoting and
 * equivalent spellings (`30m` and `1800s`, a default written out or left implicit).
 */
import { createHash } from 'node:crypto';
import type { Plan } from './types.js';

/** One stage as the outline keeps it: enough to name what changed, and to check a state against. */
export interface OutlineStage {
  name: string;
  regions: string[];
  /** Traffic of each step, in order. */
  steps: number[];
  gates: string[];
}

export interface PlanOutline {
  stages: OutlineStage[];
  /** Gate thresholds, the part of a gate people change most; the rest is in `parts`. */
  gates: Record<string, { min?: number; max?: number }>;
  /**
   * Short digests of the other parts (`deploy`, `rollback`, `environment`, `variables`,
   * `providers`, `approvals`, `name`, `gate:<name>`, `stage:<name>`, `bake:<name>`): a change there is named by
   * its part, without keeping the part's text in the ledger.
   */
  parts: Record<string, string>;
}

export interface PlanPin {
  /** `sha256:` and the hex digest of the canonical JSON of the driving fields. */
  digest: string;
  outline: PlanOutline;
}

/** JSON with object keys sorted at every level and undefined members left out: key order never counts. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The plan without what does not drive the release (its path and source positions). */
export function drivingPlan(plan: Plan): Omit<Plan, 'file'> {
  const { file: _file, ...rest } = plan;
  return {
    ...rest,
    gates: Object.fromEntries(Object.entries(plan.gates).map(([name, { pos: _pos, ...g }]) => [name, g])),
    stages: plan.stages.map(({ pos: _pos, ...s }) => s),
  };
}

/** The digest alone (a resume compares it before building anything else). */
export function planDigest(plan: Plan): string {
  return digestOf(drivingPlan(plan));
}

function digestOf(driving: Omit<Plan, 'file'>): string {
  return `sha256:${sha256(canonicalJson(driving))}`;
}

/** The first 12 hex digits: what people read and type (`adopt-plan:<short>`). */
export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

function partDigest(value: unknown): string {
  return sha256(canonicalJson(value)).slice(0, 12);
}

export function planOutline(plan: Plan): PlanOutline {
  return outlineOf(drivingPlan(plan));
}

function outlineOf(driving: Omit<Plan, 'file'>): PlanOutline {
  const parts: Record<string, string> = {
    name: partDigest(driving.name),
    deploy: partDigest(driving.deploy),
    rollback: partDigest(driving.rollback ?? null),
    environment: partDigest(driving.environment),
    variables: partDigest(driving.variables),
    providers: partDigest(driving.providers),
    approvals: partDigest(driving.approvals),
  };
  const gates: PlanOutline['gates'] = {};
  for (const [name, g] of Object.entries(driving.gates)) {
    const { min, max, ...rest } = g;
    gates[name] = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    parts[`gate:${name}`] = partDigest(rest);
  }
  const stages = driving.stages.map((s) => {
    const { name, regions, steps, gates: stageGates, ...rest } = s;
    parts[`stage:${name}`] = partDigest(rest);
    parts[`bake:${name}`] = partDigest(steps.map((st) => st.bakeMs));
    return { name, regions: [...regions], steps: steps.map((st) => st.traffic), gates: [...stageGates] };
  });
  return { stages, gates, parts };
}

export function planPin(plan: Plan): PlanPin {
  const driving = drivingPlan(plan);
  return { digest: digestOf(driving), outline: outlineOf(driving) };
}

const PART_NAMES: Record<string, string> = {
  name: 'plan name',
  deploy: 'deploy workflow, its inputs or timeout',
  rollback: 'rollback workflow, its inputs, timeout or scope',
  environment: 'environment',
  variables: 'variables',
  providers: 'metric providers',
  approvals: 'approvals',
};

const percent = (steps: number[]): string => (steps.length ? steps.map((t) => `${t}%`).join(', ') : 'none');
const bound = (b: { min?: number; max?: number }, k: 'min' | 'max'): string => (b[k] === undefined ? 'none' : String(b[k]));

/**
 * What changed from `was` to `now`, one phrase each, in plan order ("region eu-west-2 added to
 * stage rest", "step 2 of stage canary changed 50% -> 25%", "gate errors max 0.5 -> 1").
 */
export function describeOutlineChanges(was: PlanOutline, now: PlanOutline): string[] {
  const out: string[] = [];
  const wasStages = new Map(was.stages.map((s) => [s.name, s]));
  const nowStages = new Map(now.stages.map((s) => [s.name, s]));
  const stageOfRegion = (o: PlanOutline): Map<string, string> => new Map(o.stages.flatMap((s) => s.regions.map((r) => [r, s.name] as const)));
  const wasRegion = stageOfRegion(was);
  const nowRegion = stageOfRegion(now);
  for (const s of was.stages) if (!nowStages.has(s.name)) out.push(`stage ${s.name} removed`);
  for (const s of now.stages) if (!wasStages.has(s.name)) out.push(`stage ${s.name} added`);
  const common = (o: PlanOutline, other: Map<string, OutlineStage>) => o.stages.filter((s) => other.has(s.name)).map((s) => s.name);
  const wasOrder = common(was, nowStages);
  const nowOrder = common(now, wasStages);
  if (wasOrder.join() !== nowOrder.join()) out.push(`stages reordered: ${wasOrder.join(', ')} -> ${nowOrder.join(', ')}`);
  for (const s of now.stages) {
    const before = wasStages.get(s.name);
    for (const r of s.regions) {
      const from = wasRegion.get(r);
      if (from === undefined) out.push(`region ${r} added to stage ${s.name}`);
      else if (from !== s.name) out.push(`region ${r} moved from stage ${from} to stage ${s.name}`);
    }
    if (!before) continue;
    for (const r of before.regions) if (!nowRegion.has(r)) out.push(`region ${r} removed from stage ${s.name}`);
    const kept = (list: string[], other: string[]) => list.filter((r) => other.includes(r));
    if (kept(before.regions, s.regions).join() !== kept(s.regions, before.regions).join()) out.push(`regions of stage ${s.name} reordered`);
    if (before.steps.length === s.steps.length) {
      s.steps.forEach((t, i) => {
        if (before.steps[i] !== t) out.push(`step ${i + 1} of stage ${s.name} changed ${before.steps[i]}% -> ${t}%`);
      });
    } else {
      out.push(`steps of stage ${s.name} changed ${percent(before.steps)} -> ${percent(s.steps)}`);
    }
    if (before.gates.join() !== s.gates.join())
      out.push(`gates of stage ${s.name} changed ${before.gates.join(', ') || 'none'} -> ${s.gates.join(', ') || 'none'}`);
    // With as many steps as before, a different bake list is a bake change (else the steps line says it).
    if (before.steps.length === s.steps.length && was.parts[`bake:${s.name}`] !== now.parts[`bake:${s.name}`]) out.push(`bake of stage ${s.name} changed`);
    if (was.parts[`stage:${s.name}`] !== now.parts[`stage:${s.name}`]) out.push(`stage ${s.name} maxParallel, failureBudget or approval changed`);
  }
  for (const s of was.stages) {
    if (nowStages.has(s.name)) continue;
    for (const r of s.regions) if (!nowRegion.has(r)) out.push(`region ${r} removed (with stage ${s.name})`);
  }
  for (const name of Object.keys(was.gates)) if (!(name in now.gates)) out.push(`gate ${name} removed`);
  for (const [name, b] of Object.entries(now.gates)) {
    const a = was.gates[name];
    if (!a) {
      out.push(`gate ${name} added`);
      continue;
    }
    for (const k of ['min', 'max'] as const) if (a[k] !== b[k]) out.push(`gate ${name} ${k} ${bound(a, k)} -> ${bound(b, k)}`);
    if (was.parts[`gate:${name}`] !== now.parts[`gate:${name}`]) out.push(`gate ${name} query, provider, interval, count or limits changed`);
  }
  for (const [part, label] of Object.entries(PART_NAMES)) if (was.parts[part] !== now.parts[part]) out.push(`${label} changed`);
  return out;
}
