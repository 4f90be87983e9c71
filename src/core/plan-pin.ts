/**
 * The state against its plan. A resumed release must drive the plan it was started with: the
 * state keeps that plan's pin (src/plan/pin.ts), and a resume under another plan stops with
 * `plan-changed`, naming what changed, until the plan is restored or a person adopts the new one
 * (`adopt-plan`). Adoption is refused when it would rewrite what already happened: every region
 * the release touched must still be in the plan, in the same stage, with the same steps up to
 * the step it reached (a promoted region: no step added after its last; a region in a step: no
 * gate dropped that the step measures), every stage entered
 * keeps its name and place, and a stage already done takes no new region. A state that names regions, stages or steps its own plan lacks was not
 * written by this engine (a tampered or mixed-up ledger) and is refused (`state-plan-mismatch`).
 */
import { describeOutlineChanges, planOutline, planPin, shortDigest, type PlanOutline } from '../plan/pin.js';
import type { Plan } from '../plan/types.js';
import { accepted, digestText, refused } from './command-record.js';
import { log, type Ctx } from './decide-context.js';
import { SAFE_NAME, shownName as shown } from './ledger-text.js';
import type { Event } from './events.js';
import type { RegionState, State } from './state.js';
import { noun, plural } from '../plan/words.js';

/**
 * The outline the state must agree with: its own pin when the plan changed since (a state is
 * judged against what it was written under), else the plan itself (the plan is the truth; a pin
 * is only text in the ledger). A state without a pin is judged against the plan.
 */
export function referenceOutline(s: State, plan: Plan, digest: string): PlanOutline {
  return s.pin && s.pin.digest !== digest ? s.pin.outline : planOutline(plan);
}

/**
 * Where the state names what the outline lacks, or lacks what it names (empty: consistent).
 * At most a few, each naming the field: enough for a person to see the ledger was edited.
 */
export function stateMismatch(s: State, outline: PlanOutline): string[] {
  if (!readableOutline(outline) || (s.pin !== undefined && !PIN_DIGEST.test(String(s.pin.digest))))
    return ['its plan pin (state.pin) is not a digest and an outline of stages, regions and steps'];
  const out: string[] = [];
  const stages = Array.isArray(s.stages) ? s.stages : [];
  if (stages.length !== outline.stages.length) out.push(`the ledger has ${plural(stages.length, 'stage')}, the plan ${outline.stages.length}`);
  stages.forEach((st, i) => {
    const want = outline.stages[i]?.name;
    if (want !== undefined && st?.name !== want) out.push(`the ledger's stage ${i + 1} is ${shown(st?.name)}, the plan's is ${want}`);
  });
  if (!Number.isInteger(s.stage) || s.stage < 0 || s.stage >= Math.max(1, outline.stages.length))
    out.push(`the ledger's current stage #${shown(s.stage)} is not in the plan`);
  const where = new Map<string, number>();
  outline.stages.forEach((st, i) => st.regions.forEach((r) => where.set(r, i)));
  const regions = typeof s.regions === 'object' && s.regions !== null ? s.regions : {};
  for (const [name, r] of Object.entries(regions) as Array<[string, RegionState]>) {
    const stage = where.get(name);
    if (stage === undefined) {
      out.push(`the ledger names region ${shown(name)}, which the plan lacks`);
      continue;
    }
    if (r?.name !== name || r.stage !== stage) {
      out.push(`the ledger puts region ${name} in stage #${shown(r?.stage)}, the plan in ${outline.stages[stage]?.name ?? '?'}`);
      continue;
    }
    const steps = outline.stages[stage]?.steps.length ?? 0;
    const named = [r.step, ...(Array.isArray(r.runs) ? r.runs.map((run) => run?.step) : [])];
    if (named.some((step) => !Number.isInteger(step) || (step as number) < 0 || (step as number) >= steps)) {
      out.push(
        `the ledger names step ${shown(Math.max(...named.map(Number)) + 1)} of region ${name}; stage ${outline.stages[stage]?.name ?? '?'} has ${steps}`,
      );
      continue;
    }
    const gates = outline.stages[stage]?.gates ?? [];
    const unknown = Object.keys(r.bake?.gates ?? {}).filter((g) => !gates.includes(g));
    if (unknown.length > 0)
      out.push(`the ledger measures ${noun(unknown.length, 'gate')} ${unknown.map(shown).join(', ')} in region ${name}, which its stage lacks`);
  }
  for (const name of where.keys()) if (!Object.hasOwn(regions, name)) out.push(`the ledger lacks region ${name} of the plan`);
  return out.slice(0, 5);
}

/** A digest as pin.ts writes it: only then is it quoted (short) in the plan-changed and plan-adopted reasons. */
const PIN_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** A pin's outline as pin.ts writes it, with names a plan could have: only then is it compared and quoted. */
function readableOutline(o: PlanOutline | undefined): o is PlanOutline {
  const isMap = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
  const names = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string' && SAFE_NAME.test(x));
  if (!o || !Array.isArray(o.stages) || !isMap(o.gates) || !isMap(o.parts)) return false;
  const bound = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v));
  if (!Object.entries(o.gates).every(([g, b]) => SAFE_NAME.test(g) && isMap(b) && bound((b as { min?: unknown }).min) && bound((b as { max?: unknown }).max)))
    return false;
  return o.stages.every(
    (st) =>
      typeof st?.name === 'string' &&
      SAFE_NAME.test(st.name) &&
      names(st.regions) &&
      names(st.gates) &&
      Array.isArray(st.steps) &&
      st.steps.every((t) => typeof t === 'number' && Number.isFinite(t)),
  );
}

/** Why the state cannot go on under `plan` (empty: it can). Pure; the driver also refuses early with it. */
export function stateMismatchWith(s: State, plan: Plan, digest: string): string[] {
  return stateMismatch(s, referenceOutline(s, plan, digest));
}

/** A region the release has acted on (anything but never started): adoption must keep its past. */
function touched(r: RegionState): boolean {
  return r.phase !== 'pending';
}

/** Why `plan` cannot be adopted by the state (empty: it can). */
export function adoptionProblems(s: State, plan: Plan): string[] {
  const out: string[] = [];
  const was = s.pin?.outline;
  if (!was) return ['the ledger was saved before plans were pinned: restore the plan the release started with'];
  // A stage the freeze is reading or holding waits for an answer judged under the freeze's slo gate:
  // a plan without it would leave the stage waiting for nothing.
  if (s.freeze && !(plan.freeze && plan.gates[plan.freeze.slo]?.slo)) {
    const stage = was.stages[s.freeze.stage]?.name ?? `#${s.freeze.stage + 1}`;
    out.push(
      `the release freeze holds stage ${stage}: a plan without the freeze (or its slo gate) cannot be adopted now; give override-freeze first, or adopt it once the stage has started`,
    );
  }
  // Every stage the release entered keeps its place and name: region and stage states are indexed by it.
  for (let i = 0; i <= s.stage && i < was.stages.length; i++) {
    const before = was.stages[i];
    const now = plan.stages[i];
    if (before && now?.name !== before.name)
      out.push(`stage ${before.name} (entered) must stay stage ${i + 1}${now ? `, the plan has ${now.name} there` : ''}`);
  }
  for (const r of Object.values(s.regions)) {
    if (!touched(r)) continue;
    const stage = plan.stages[r.stage];
    const before = was.stages[r.stage];
    if (!stage || !before || stage.name !== before.name || !stage.regions.includes(r.name)) {
      const now = plan.stages.find((st) => st.regions.includes(r.name));
      out.push(`region ${r.name} (${r.phase}) ${now ? `moved from stage ${before?.name ?? '?'} to ${now.name}` : 'is no longer in the plan'}`);
      continue;
    }
    // A bake's gates are what stateMismatch checks against the stage: a gate dropped from the stage
    // while a region keeps its counters would make every later resume refuse the state.
    const dropped = Object.keys(r.bake?.gates ?? {}).filter((g) => !stage.gates.includes(g));
    if (dropped.length > 0) {
      out.push(
        `region ${r.name} (${r.phase}) measures ${noun(dropped.length, 'gate')} ${dropped.join(', ')} in this step, which stage ${stage.name} no longer has: adopt it once the step is done`,
      );
      continue;
    }
    // A promoted region is done with its stage: a step added after its last would never run there.
    if (r.phase === 'promoted' && stage.steps.length > r.step + 1) {
      out.push(
        `region ${r.name} was promoted after step ${r.step + 1} of stage ${stage.name}; the plan now has ${stage.steps.length} steps there, which it would never run`,
      );
      continue;
    }
    const reached = Math.min(r.step, before.steps.length - 1);
    for (let i = 0; i <= reached; i++) {
      if (stage.steps[i]?.traffic !== before.steps[i]) {
        out.push(
          `region ${r.name} reached step ${reached + 1} of stage ${stage.name}; step ${i + 1} was ${before.steps[i]}%, the plan now says ${stage.steps[i] ? `${stage.steps[i]?.traffic}%` : 'no such step'}`,
        );
        break;
      }
    }
  }
  // A stage already done cannot take new regions: they would never be deployed.
  for (let i = 0; i < s.stage && i < plan.stages.length; i++) {
    const stage = plan.stages[i];
    const added = stage?.regions.filter((r) => !Object.hasOwn(s.regions, r)) ?? [];
    if (stage && added.length > 0) out.push(`stage ${stage.name} is done: ${noun(added.length, 'region')} ${added.join(', ')} would never be deployed`);
  }
  return out;
}

/** The state under `plan`, whose adoption adoptionProblems allowed: regions not started are added, dropped or moved. */
function adopt(ctx: Ctx): void {
  const { s, plan } = ctx;
  const regions: Record<string, RegionState> = {};
  plan.stages.forEach((stage, index) => {
    for (const name of stage.regions) {
      const r = Object.hasOwn(s.regions, name) ? s.regions[name] : undefined;
      if (r) {
        r.stage = index;
        regions[name] = r;
      } else {
        regions[name] = { name, stage: index, phase: 'pending', step: 0, runs: [], rollbackDispatched: false, rollbackFailed: false };
        s.counts.pending += 1;
      }
    }
  });
  for (const name of Object.keys(s.regions)) if (!Object.hasOwn(regions, name)) s.counts.pending -= 1;
  s.regions = regions;
  s.stages = plan.stages.map((stage, i) => {
    const kept = i <= s.stage ? s.stages[i] : undefined;
    if (!kept) return { name: stage.name, phase: 'pending', cursor: 0, failed: 0 };
    // The current stage looks at its regions from the start again (started ones are skipped), so
    // a region added before the old cursor is not passed over.
    return i === s.stage ? { ...kept, cursor: 0 } : kept;
  });
  s.pin = planPin(plan);
}

/**
 * On `resumed`: true when the release may go on under `plan`. Otherwise the release is held
 * (`planChanged`, status paused by updateStatus) and the history says why; nothing else happens.
 * A plan that matches again lifts an earlier hold; a state without a pin that matches is pinned.
 */
export function checkPlanOnResume(ctx: Ctx): boolean {
  const { s, plan } = ctx;
  const now = planPin(plan);
  const mismatch = stateMismatch(s, referenceOutline(s, plan, now.digest));
  if (mismatch.length > 0) {
    holdFor(
      ctx,
      'state-plan-mismatch',
      now.digest,
      `the ledger's state does not match ${s.pin && s.pin.digest !== now.digest ? 'the plan it was started with' : 'the plan'}: ${mismatch.join('; ')}; refusing to drive it (restore the ledger or start a new release)`,
    );
    return false;
  }
  if (!s.pin) {
    s.pin = now;
    log(ctx, {
      kind: 'plan-pinned',
      reasonCode: 'plan-pinned',
      reason: `the ledger was saved before plans were pinned; it matches the plan's stages, regions and steps, so the release goes on pinned to plan ${shortDigest(now.digest)}`,
    });
  }
  if (s.pin.digest === now.digest) {
    if (s.planChanged)
      log(ctx, {
        kind: 'release-continued',
        reasonCode: 'plan-restored',
        reason: `the plan is again the one the release was started with (${shortDigest(now.digest)})`,
      });
    s.planChanged = undefined;
    return true;
  }
  const changes = describeOutlineChanges(s.pin.outline, now.outline);
  const what = changes.length > 0 ? changes.join('; ') : 'the plan differs from the one the release was started with';
  holdFor(
    ctx,
    'plan-changed',
    now.digest,
    `plan changed since the release started (${shortDigest(s.pin.digest)} -> ${shortDigest(now.digest)}): ${what}; nothing is done until the plan is restored or a person adopts it (command adopt-plan:${shortDigest(now.digest)})`,
  );
  return false;
}

function holdFor(ctx: Ctx, reasonCode: 'plan-changed' | 'state-plan-mismatch', digest: string, reason: string): void {
  const { s } = ctx;
  const same = s.planChanged?.digest === digest && s.planChanged.reason === reason;
  s.planChanged = { reasonCode, digest, reason, at: ctx.at };
  // A reconcile every few minutes would otherwise repeat the same line in the history each time.
  if (!same) log(ctx, { kind: 'plan-changed', reasonCode, reason });
  ctx.fx.push({ type: 'save-state' });
}

/**
 * While held for a plan change, only these events count: another resume, the adoption, a
 * cancellation. (A person's commands never come here: commands.ts takes adopt-plan, abort and
 * pause under the hold and refuses the others, plan-held.)
 */
export function heldForPlan(s: State, event: Event): boolean {
  if (!s.planChanged) return false;
  return !(event.type === 'resumed' || event.type === 'cancelled' || (event.type === 'command' && event.name === 'adopt-plan'));
}

/** `adopt-plan`: the person takes the changed plan (checked: adoptionProblems). True when adopted; its one entry says either way. */
export function onAdoptPlan(ctx: Ctx, ev: Extract<Event, { type: 'command' }>): boolean {
  const { s, plan } = ctx;
  const held = s.planChanged;
  if (!held || held.reasonCode !== 'plan-changed') {
    refuse(ctx, ev, held ? 'the ledger does not match its plan; a changed plan cannot be adopted over it' : 'the plan has not changed');
    return false;
  }
  const now = held.digest;
  if (ev.digest !== undefined && !now.replace(/^sha256:/, '').startsWith(ev.digest.replace(/^sha256:/, ''))) {
    refuse(ctx, ev, `the plan is ${shortDigest(now)}, not the ${digestText(ev.digest)} given`);
    return false;
  }
  const problems = adoptionProblems(s, plan);
  if (problems.length > 0) {
    refuse(ctx, ev, problems.join('; '));
    return false;
  }
  const was = s.pin?.digest ?? 'none';
  const changes = s.pin ? describeOutlineChanges(s.pin.outline, planOutline(plan)) : [];
  adopt(ctx);
  s.planChanged = undefined;
  accepted(ctx, ev, 'plan-adopted', `adopted plan ${now} (was ${was})${changes.length ? `: ${changes.join('; ')}` : ''}`);
  return true;
}

function refuse(ctx: Ctx, ev: Extract<Event, { type: 'command' }>, why: string): void {
  refused(ctx, ev, 'adopt-plan-refused', why);
}

/**
 * The regions another release still rolling out on the commit (`other`) shares with a new
 * release of `plan` at `version`, deploying the same way (its pin's deploy part): starting the
 * new one would deploy them again (a plan renamed mid-release gets a new release id). Empty: no
 * conflict (finished, another version, or another plan's deploy workflow or inputs).
 */
export function sharedInFlight(other: State, plan: Plan, version: string): string[] {
  if (other.status === 'finished' || other.version !== version) return [];
  if (other.pin !== undefined && other.pin.outline.parts.deploy !== planPin(plan).outline.parts.deploy) return [];
  const regions = new Set(plan.stages.flatMap((st) => st.regions));
  return Object.keys(other.regions).filter((r) => regions.has(r));
}
