/**
 * A person's decision on what waits for one: a stage's approval before it starts, or a region
 * held by an inconclusive gate. `approve`/`reject` name their target (`region`, else `stage`, else
 * whatever waits when only one thing does); `promote` approves everything that waits for a person
 * right now, the waiting stage and every held region, each recorded. It does NOT lift a `pause`
 * hold nor a hold for a changed plan, and it skips no bake, gate or step: what it approves goes on
 * as an approval would. Who may decide is checked by the driver before the event reaches the core
 * (src/driver/authorize.ts); the general checks (started, finished, stopping, held) are in commands.ts.
 */
import { accepted, because, refused, when, who, type PersonEvent, type Target } from './command-record.js';
import { log, type Ctx } from './decide-context.js';
import { environmentApprovalRefusal } from './environment-approval.js';
import { resumeApprovedRegion } from './gates.js';
import { shownName } from './ledger-text.js';
import { regionFailed } from './regions.js';
import { stopRelease } from './rollback.js';
import { fillStage, startStage } from './stages.js';
import type { RegionState, State } from './state.js';
import { noun } from '../plan/words.js';

type Verdict = 'approve' | 'reject';

type Waiting = { kind: 'stage'; index: number } | { kind: 'region'; r: RegionState };

/** What a decision lands on, or the refusal (code, why, what it named). */
type Resolved = { ok: true; on: Waiting } | { ok: false; code: string; why: string; target: Target };

/** Regions held for a person, in start order (only the current stage has any). */
function heldRegions(s: State): RegionState[] {
  const out: RegionState[] = [];
  for (const name in s.active) {
    const r = s.regions[name];
    if (r?.phase === 'awaiting-approval') out.push(r);
  }
  return out;
}

/** What waits for a person, in words, for a refusal to point at. */
function whatWaits(s: State): string {
  const st = s.stages[s.stage];
  if (st?.phase === 'awaiting-approval') return `stage ${st.name} waits for an approval`;
  const held = heldRegions(s).map((r) => r.name);
  if (held.length === 1) return `region ${held[0] ?? ''} waits for a person`;
  if (held.length > 1) return `regions ${held.join(', ')} wait for a person`;
  return 'nothing waits for a person';
}

/** The latest word on a region held for a person: who approved it and when, if that was an approval. */
function lastApproval(s: State, region: string): { by: string; at: number } | undefined {
  for (let i = s.history.length - 1; i >= 0; i--) {
    const h = s.history[i];
    if (h?.region !== region) continue;
    if (h.kind === 'region-approved') return { by: h.by ?? 'someone', at: h.at };
    if (h.kind === 'region-awaiting-approval') return undefined;
  }
  return undefined;
}

function regionTarget(ctx: Ctx, name: string, decision: Verdict): Resolved {
  const { s } = ctx;
  const r = Object.hasOwn(s.regions, name) ? s.regions[name] : undefined;
  if (!r) return { ok: false, code: 'unknown-region', why: `this release has no region ${shownName(name)}`, target: {} };
  const target = { stage: s.stages[r.stage]?.name ?? '', region: r.name };
  if (r.phase === 'awaiting-approval') return { ok: true, on: { kind: 'region', r } };
  const before = decision === 'approve' ? lastApproval(s, r.name) : undefined;
  if (before) return { ok: false, code: 'already-approved', why: `region ${r.name} was approved by ${before.by} at ${when(before.at)}`, target };
  return { ok: false, code: 'region-not-waiting', why: `region ${r.name} is ${r.phase}, not waiting for a person (${whatWaits(s)})`, target };
}

function stageTarget(ctx: Ctx, name: string, decision: Verdict): Resolved {
  const { s } = ctx;
  const index = s.stages.findIndex((st) => st.name === name);
  const st = s.stages[index];
  if (!st) return { ok: false, code: 'unknown-stage', why: `this release has no stage ${shownName(name)}`, target: {} };
  if (index === s.stage && st.phase === 'awaiting-approval') {
    // A stage approved through a GitHub Environment: its reviewers approve it, not a command (a reject still stops it).
    const environment = decision === 'approve' ? environmentApprovalRefusal(ctx) : undefined;
    if (environment !== undefined) return { ok: false, code: 'environment-approval', why: environment, target: { stage: st.name } };
    return { ok: true, on: { kind: 'stage', index } };
  }
  const target = { stage: st.name };
  const a = st.approval;
  if (decision === 'approve' && a?.decision === 'approve')
    return { ok: false, code: 'already-approved', why: `stage ${st.name} was approved by ${a.by ?? 'someone'} at ${when(a.at ?? 0)}`, target };
  const after = a?.decision === 'approve' ? `, approved by ${a.by ?? 'someone'}; to stop the release use abort` : '';
  return { ok: false, code: 'stage-not-waiting', why: `stage ${st.name} is ${st.phase}${after} (${whatWaits(s)})`, target };
}

/** The target of approve/reject: the region named, else the stage named, else the one thing that waits. */
function resolve(ctx: Ctx, ev: PersonEvent, decision: Verdict): Resolved {
  const { s } = ctx;
  if (ev.region !== undefined) return regionTarget(ctx, ev.region, decision);
  if (ev.stage !== undefined) return stageTarget(ctx, ev.stage, decision);
  const st = s.stages[s.stage];
  if (st?.phase === 'awaiting-approval') return stageTarget(ctx, st.name, decision);
  const held = heldRegions(s);
  if (held.length === 1 && held[0]) return { ok: true, on: { kind: 'region', r: held[0] } };
  if (held.length > 1)
    return { ok: false, code: 'ambiguous', why: `regions ${held.map((r) => r.name).join(', ')} wait for a person; name one (input region)`, target: {} };
  if (st && decision === 'approve' && st.approval?.decision === 'approve') return stageTarget(ctx, st.name, decision);
  return { ok: false, code: 'nothing-waiting', why: whatWaits(s), target: {} };
}

/** approve / reject (a command or an approval event). */
export function onDecision(ctx: Ctx, ev: PersonEvent, decision: Verdict): void {
  const found = resolve(ctx, ev, decision);
  if (!found.ok) {
    refused(ctx, ev, found.code, found.why, found.target);
    return;
  }
  const { on } = found;
  const done = decision === 'approve' ? 'approved' : 'rejected';
  if (on.kind === 'region') {
    accepted(ctx, ev, decision, `${done} region ${on.r.name}`, { stage: ctx.s.stages[on.r.stage]?.name ?? '', region: on.r.name });
    decideRegion(ctx, ev, decision, on.r);
  } else {
    const name = ctx.s.stages[on.index]?.name ?? '';
    accepted(ctx, ev, decision, `${done} stage ${name}`, { stage: name });
    decideStage(ctx, ev, decision, on.index);
  }
}

/** promote: every approval that waits, each as its own transition, under one command entry. */
export function onPromote(ctx: Ctx, ev: PersonEvent): void {
  const { s } = ctx;
  const st = s.stages[s.stage];
  // A stage its Environment's reviewers approve is not a person's to promote.
  const environment = environmentApprovalRefusal(ctx);
  const stage = st?.phase === 'awaiting-approval' && environment === undefined ? s.stage : undefined;
  const held = heldRegions(s);
  if (stage === undefined && held.length === 0 && environment !== undefined) {
    refused(ctx, ev, 'environment-approval', environment, st ? { stage: st.name } : {});
    return;
  }
  if (stage === undefined && held.length === 0) {
    refused(ctx, ev, 'nothing-waiting', 'nothing waits for a person (promote approves what waits; it does not lift a pause nor skip bakes, gates or steps)');
    return;
  }
  const what = [
    ...(stage !== undefined ? [`stage ${st?.name ?? ''}`] : []),
    ...(held.length ? [`${noun(held.length, 'region')} ${held.map((r) => r.name).join(', ')}`] : []),
  ];
  const target: Target = {
    ...(st !== undefined ? { stage: st.name } : {}),
    ...(held.length === 1 && held[0] ? { region: held[0].name } : {}),
  };
  accepted(ctx, ev, 'promote', `promoted: approved ${what.join(' and ')}`, target);
  for (const r of held) if (r.phase === 'awaiting-approval') decideRegion(ctx, ev, 'approve', r);
  if (stage !== undefined && s.stages[stage]?.phase === 'awaiting-approval') decideStage(ctx, ev, 'approve', stage);
}

function decideRegion(ctx: Ctx, ev: PersonEvent, decision: Verdict, r: RegionState): void {
  const held = r.approval?.reason ?? 'held';
  if (decision === 'approve') {
    log(ctx, { kind: 'region-approved', region: r.name, step: r.step, by: ev.by, reasonCode: 'approved', reason: `${who(ev)} approved ${r.name} (${held})` });
    resumeApprovedRegion(ctx, r);
    fillStage(ctx, r.stage);
  } else {
    regionFailed(ctx, r, 'approval-rejected', `${who(ev)} rejected ${r.name} (${held})${because(ev)}`);
  }
}

function decideStage(ctx: Ctx, ev: PersonEvent, decision: Verdict, index: number): void {
  const st = ctx.s.stages[index];
  if (!st) return;
  st.approval = { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at, by: ev.by, at: ctx.at, decision };
  if (decision === 'approve') {
    log(ctx, { kind: 'stage-approved', stage: st.name, by: ev.by, reasonCode: 'approved', reason: `${who(ev)} approved stage ${st.name}` });
    startStage(ctx, index);
  } else {
    stopRelease(ctx, 'approval-rejected', `${who(ev)} rejected stage ${st.name}${because(ev)}`, 'touched');
  }
}
