/**
 * What the driver writes to the ledger besides the state: a short summary for people and, at
 * the end, annotations on the plan lines of gates that failed. Both look only at the regions in
 * flight or at the history once, so saving stays cheap for thousands of regions.
 */
import type { State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import type { Annotation } from './ports.js';

/** A few lines of markdown: status, stage, regions in flight, the outcome. */
export function defaultSummary(state: State, plan: Plan): string {
  const lines = [`### ${state.releaseId}: ${state.outcome?.decision ?? state.status}`];
  if (state.outcome) lines.push(`${state.outcome.reasonCode}: ${state.outcome.reason}`);
  else if (state.pause) lines.push(`${state.pause.reasonCode}: ${state.pause.reason}`);
  const stage = plan.stages[state.stage];
  if (stage && !state.outcome) lines.push(`stage ${stage.name} (${state.stage + 1}/${plan.stages.length})`);
  const inFlight: string[] = [];
  let more = false;
  for (const name in state.active) {
    if (inFlight.length === 20) {
      more = true;
      break;
    }
    inFlight.push(`${name} (${state.regions[name]?.phase ?? '?'})`);
  }
  if (inFlight.length > 0) lines.push(`in flight: ${inFlight.join(', ')}${more ? ', ...' : ''}`);
  return lines.join('\n');
}

/** Failure annotations on the plan lines of gates that failed (GitHub accepts at most 50 per request). */
export function annotationsFor(state: State, plan: Plan): Annotation[] {
  const out: Annotation[] = [];
  for (const h of state.history) {
    if (h.kind !== 'gate-failed' || !h.gate) continue;
    const pos = plan.gates[h.gate]?.pos;
    if (!pos) continue;
    out.push({ path: plan.file, line: pos.line, level: 'failure', title: `gate ${h.gate} failed in ${h.region ?? '?'}`, message: h.reason });
    if (out.length >= 50) break;
  }
  return out;
}
