/**
 * The table's gates cell: every gate of the region's stage with its newest bake's numbers against
 * its limits, passing ones too (`✅ error-rate 0.004..0.006 ≤ 0.01`), so a reader sees how close a
 * pass was. A gate with no value reads as such, never as a pass.
 */
import type { Plan } from '../plan/types.js';
import type { GateFacts } from './history-facts.js';
import { againstLimits, limitsText } from './observed-range.js';
import { plural } from './text.js';
import { markdownText } from './untrusted.js';

const MARK: Record<GateFacts['status'], string> = { measuring: '⏳', passed: '✅', failed: '❌', inconclusive: '❔' };

function oneGate(plan: Plan, name: string, g: GateFacts | undefined, step: number, inStep: boolean): string {
  const label = markdownText(name);
  if (!g) return `${label} –`;
  const def = plan.gates[name];
  const v = g.verdict?.numbers;
  const min = def?.min ?? v?.min;
  const max = def?.max ?? v?.max;
  const range = g.range ?? (v?.value !== undefined ? { lo: v.value, hi: v.value } : undefined);
  const lim = limitsText(min, max);
  const numbers = range ? againstLimits(range, min, max) : `no value${lim ? ` (${lim})` : ''}`;
  const missing = g.missing > 0 ? `, ${plural(g.missing, 'answer')} without a value` : '';
  const older = g.step !== step ? ` (step ${g.step + 1})` : '';
  // A bake the region left before the gate spoke (it failed on another gate, or was stopped): no verdict, no pass.
  const mark = g.status === 'measuring' && !inStep ? '⏹️' : MARK[g.status];
  return `${mark} ${label} ${numbers}${missing}${older}`;
}

/** The cell for a region of `stage` at `step`: one gate after another, `<br>`-separated. */
export function gateCell(
  plan: Plan,
  stage: number,
  step: number,
  inStep: boolean,
  gates: ReadonlyMap<string, GateFacts> | undefined,
  compact: boolean,
): string {
  const names = plan.stages[stage]?.gates ?? [];
  if (names.length === 0) return '–';
  const cells = names.map((n) => oneGate(plan, n, gates?.get(n), step, inStep));
  // A large table keeps every row: one line per gate costs a `<br>` each, a separator costs less.
  return cells.join(compact ? '; ' : '<br>');
}
