/**
 * The table's gates cell: every gate of the region's stage with its newest bake's numbers against
 * its limits, passing ones too (`✅ error-rate 0.004..0.006 ≤ 0.01`), so a reader sees how close a
 * pass was; an slo gate its burn rates against the factor (`✅ availability burn rate 0.14..0.25 ≤ 14.4`). A gate with no value reads as such, never as a pass.
 */
import type { Plan } from '../plan/types.js';
import type { GateFacts } from './history-facts.js';
import { againstLimits, limitsText, num } from './observed-range.js';
import { plural } from '../plan/words.js';
import { markdownText } from './untrusted.js';
import { comparisonNumbers } from './compare-cell.js';

const MARK: Record<GateFacts['status'], string> = { measuring: '⏳', passed: '✅', failed: '❌', inconclusive: '❔' };

function oneGate(plan: Plan, name: string, g: GateFacts | undefined, step: number, inStep: boolean): string {
  const label = markdownText(name);
  if (!g) return `${label} –`;
  const def = plan.gates[name];
  const older = g.step !== step ? ` (step ${g.step + 1})` : '';
  // A bake the region left before the gate spoke (it failed on another gate, or was stopped): no verdict, no pass.
  const mark = g.status === 'measuring' && !inStep ? '⏹️' : MARK[g.status];
  if (def?.compare) {
    const missingSteps = g.missing > 0 ? `, ${plural(g.missing, 'step')} without a pair` : '';
    return `${mark} ${label} ${comparisonNumbers(def, g)}${missingSteps}${older}`;
  }
  const missing = g.missing > 0 ? `, ${plural(g.missing, 'answer')} without a value` : '';
  if (def?.slo) {
    const burn = g.range ? againstLimits(g.range, undefined, def.slo.factor) : `no value (factor ${num(def.slo.factor)})`;
    return `${mark} ${label} burn rate ${burn}${missing}${older}`;
  }
  const v = g.verdict?.numbers;
  const min = def?.min ?? v?.min;
  const max = def?.max ?? v?.max;
  const range = g.range ?? (v?.value !== undefined ? { lo: v.value, hi: v.value } : undefined);
  const lim = limitsText(min, max);
  const numbers = range ? againstLimits(range, min, max) : `no value${lim ? ` (${lim})` : ''}`;
  return `${mark} ${label} ${numbers}${missing}${older}`;
}

/**
 * The brief form (a release too large for every gate's numbers): a gate that failed, was
 * inconclusive or passed with answers missing in full; the clean passes counted in one
 * `✅ 7/8 gates within limits`, and so the gates still without a verdict, never counted as passes.
 */
function briefCell(plan: Plan, names: readonly string[], gates: ReadonlyMap<string, GateFacts> | undefined, step: number, inStep: boolean): string {
  const full: string[] = [];
  let passed = 0;
  let earlier = 0;
  let open = 0;
  for (const n of names) {
    const g = gates?.get(n);
    if (g?.status === 'failed' || g?.status === 'inconclusive' || (g?.status === 'passed' && g.missing > 0)) full.push(oneGate(plan, n, g, step, inStep));
    else if (g?.status === 'passed' && g.step === step) passed++;
    else if (g?.status === 'passed') earlier++;
    else open++;
  }
  const of = `/${names.length}`;
  return [
    ...full,
    ...(passed > 0 ? [`✅ ${passed}${of} gates within limits`] : []),
    ...(earlier > 0 ? [`✅ ${earlier}${of} gates within limits at an earlier step`] : []),
    ...(open > 0 ? [`${inStep ? '⏳' : '⏹️'} ${open}${of} gates without a verdict`] : []),
  ].join('; ');
}

/** The cell for a region of `stage` at `step`: one gate after another, `<br>`-separated. */
export function gateCell(
  plan: Plan,
  stage: number,
  step: number,
  inStep: boolean,
  gates: ReadonlyMap<string, GateFacts> | undefined,
  compact: boolean,
  brief = false,
): string {
  const names = plan.stages[stage]?.gates ?? [];
  if (names.length === 0) return '–';
  if (brief) return briefCell(plan, names, gates, step, inStep);
  const cells = names.map((n) => oneGate(plan, n, gates?.get(n), step, inStep));
  // A large table keeps every row: one line per gate costs a `<br>` each, a separator costs less.
  return cells.join(compact ? '; ' : '<br>');
}
