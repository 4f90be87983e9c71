/**
 * A comparison gate in the table's gates cell: the canary against its baseline as a ratio, with
 * the test's p and the tolerance it was held to (`❌ error-ratio 1.55x baseline (p=0.003) > 1.2x`).
 * The numbers are the verdict's, or while the gate is still looking the newest look's; a gate
 * with no pair yet reads as such, never as a pass.
 */
import type { Gate } from '../plan/types.js';
import type { HistoryNumbers } from '../core/history.js';
import type { GateFacts } from './history-facts.js';
import { num } from './observed-range.js';

const fmt = (x: number): string => num(x, 3);

/** The numbers after the gate's name, e.g. `1.55x baseline (p=0.003) > 1.2x`. */
export function comparisonNumbers(def: Gate, g: GateFacts): string {
  const n: HistoryNumbers | undefined = g.verdict?.numbers?.canaryN !== undefined ? g.verdict.numbers : g.compared;
  const cmp = def.compare;
  if (!n || n.canaryN === undefined || n.canaryN === 0) return 'no paired samples';
  const ratio = n.ratio !== undefined ? `${fmt(n.ratio)}x baseline` : `canary ${fmt(n.canaryMean ?? NaN)} vs baseline ${fmt(n.baselineMean ?? NaN)}`;
  const p = n.p !== undefined ? ` (p=${fmt(n.p)})` : '';
  // Which bound speaks: above 1 the max (an increase), below it the min.
  const up = cmp?.max !== undefined && (cmp.min === undefined || (n.ratio ?? 1) >= 1);
  const factor = n.tolerance ?? (up ? cmp?.max?.factor : cmp?.min?.factor);
  const beyond = g.status === 'failed' && g.verdict?.reasonCode === 'comparison-failed';
  const op = up ? (beyond ? '>' : '≤') : beyond ? '<' : '≥';
  const bound = factor !== undefined && g.status !== 'measuring' && g.status !== 'inconclusive' ? ` ${op} ${fmt(factor)}x` : '';
  return `${ratio}${p}${bound}, n=${n.canaryN}`;
}
