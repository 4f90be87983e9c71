/**
 * The semantic checks of stages: unique stage names and regions, ascending traffic steps, gate
 * references, and gates that a stage without bakes would never measure. Each reads only parts
 * whose shape is valid: a broken region, step or list is skipped, never reported twice.
 */
import { parseDuration } from './duration.js';
import type { PathSegment } from './positions.js';
import { formatPath, type Reporter } from './reporter.js';
import { closest } from './schema-walk.js';
import type { Checked } from './semantic-context.js';

type Steps = readonly ({ traffic?: number | undefined } | undefined)[];

function checkSteps(steps: Steps, path: PathSegment[], r: Reporter): void {
  steps.forEach((step, i) => {
    const prev = steps[i - 1];
    // Only two neighbours that are both valid can be compared; a broken step was reported by the schema.
    if (step?.traffic === undefined || prev?.traffic === undefined) return;
    if (step.traffic <= prev.traffic) {
      r.error([...path, i, 'traffic'], `traffic must go up from step to step (1..100, ascending); got ${step.traffic} after ${prev.traffic}`);
    }
  });
}

function gateRefChecker({ plan, valid, r }: Checked): (refs: readonly (string | undefined)[] | undefined, path: PathSegment[]) => void {
  // A gate whose own shape is broken keeps its name: referring to it is no second error.
  const gateNames = Object.keys(plan.gates ?? {});
  const known = !valid.unknown(['gates']);
  return (refs, path) =>
    refs?.forEach((ref, i) => {
      if (!known || ref === undefined || gateNames.includes(ref)) return;
      const guess = closest(ref, gateNames);
      r.error(
        [...path, i],
        `unknown gate '${ref}'${guess ? ` (did you mean '${guess}'?)` : ''}; ${gateNames.length ? `declared gates: ${gateNames.join(', ')}` : 'no gates are declared under gates'}`,
      );
    });
}

export function checkStages(c: Checked): void {
  const { plan, valid, r } = c;
  const checkRefs = gateRefChecker(c);
  if (plan.defaults?.steps) checkSteps(plan.defaults.steps, ['defaults', 'steps'], r);
  checkRefs(plan.defaults?.gates, ['defaults', 'gates']);

  const regionAt = new Map<string, { stage: string; path: PathSegment[] }>();
  const stageAt = new Map<string, number>();
  (plan.stages ?? []).forEach((s, si) => {
    if (s === undefined) return;
    const path: PathSegment[] = ['stages', si];
    const label = s.name !== undefined ? `stage '${s.name}'` : formatPath(path);
    if (s.name !== undefined) {
      const first = stageAt.get(s.name);
      if (first !== undefined) r.error([...path, 'name'], `stage name '${s.name}' is already used by stages[${first}]; stage names must be unique`);
      else stageAt.set(s.name, si);
    }

    s.regions?.forEach((region, ri) => {
      if (region === undefined) return;
      const seen = regionAt.get(region);
      if (seen) {
        r.error(
          [...path, 'regions', ri],
          `region '${region}' is already in ${seen.stage} (${formatPath(seen.path)}); each region belongs to exactly one stage`,
        );
      } else {
        regionAt.set(region, { stage: label, path: [...path, 'regions', ri] });
      }
    });

    const stepsKnown = !valid.unknown([...path, 'steps']) && !valid.unknown(['defaults', 'steps']);
    if (!s.steps && !plan.defaults?.steps && stepsKnown) {
      r.error(path, `${label} has no steps and the plan has no defaults.steps; add steps such as [{traffic: 100, bake: 10m}]`);
    }
    if (s.steps) checkSteps(s.steps, [...path, 'steps'], r);
    checkRefs(s.gates, [...path, 'gates']);
    checkUnmeasured(c, si);
  });
}

/** Gates in a stage whose steps all have no bake would never be measured. */
function checkUnmeasured({ plan, valid, r }: Checked, si: number): void {
  const s = plan.stages?.[si];
  const path: PathSegment[] = ['stages', si];
  if (s === undefined) return;
  const gatesPath = s.gates !== undefined || valid.unknown([...path, 'gates']) ? [...path, 'gates'] : ['defaults', 'gates'];
  const stepsPath = s.steps !== undefined || valid.unknown([...path, 'steps']) ? [...path, 'steps'] : ['defaults', 'steps'];
  if (!valid.ok(gatesPath) || !valid.ok(stepsPath)) return;
  const gates = (s.gates ?? plan.defaults?.gates ?? []).filter((g) => g !== undefined);
  const steps = s.steps ?? plan.defaults?.steps ?? [];
  if (gates.length > 0 && steps.length > 0 && steps.every((st) => (parseDuration(st?.bake ?? '0s') ?? 0) === 0)) {
    const label = s.name !== undefined ? `stage '${s.name}'` : formatPath(path);
    r.error(path, `${label} has gates (${gates.join(', ')}) but no step bakes, so they would never be measured; give a step a bake such as 10m`);
  }
}
