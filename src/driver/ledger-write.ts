/**
 * What the driver writes to the ledger besides the state: a short summary for people and, at
 * the end of each driver run, annotations on the plan lines of the gates and stages that drove a verdict. Both look only at the regions in
 * flight or at the history once, so saving stays cheap for thousands of regions.
 */
import type { State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import type { Annotation, LedgerWrite } from './ports.js';

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

/**
 * Annotations on the plan file at the lines that drove a verdict: a failed gate (failure), an
 * inconclusive gate that holds a region for a person (warning), a region that failed for a
 * reason of its stage (deploy run, timeout, dispatch, approval: failure on the stage), and a stage
 * that waits for an approval (notice). Lines come from the plan's source positions; entries
 * without one are skipped. The first 50 matching history entries only: the list is a prefix of
 * what a later call returns (the history only grows), so a release never sends more than 50 in
 * all, and the ledger, which remembers what it sent, batches them by GitHub's 50 per request.
 */
export function annotationsFor(state: State, plan: Plan): Annotation[] {
  const out: Annotation[] = [];
  const stageLine = (name: string | undefined) => plan.stages.find((st) => st.name === name)?.pos?.line;
  for (const h of state.history) {
    let line: number | undefined;
    let level: Annotation['level'] = 'failure';
    let title = '';
    const where = `${h.region ?? '?'}${h.step !== undefined ? ` step ${h.step + 1}` : ''}`;
    if ((h.kind === 'gate-failed' || h.kind === 'gate-inconclusive') && h.gate) {
      line = plan.gates[h.gate]?.pos?.line;
      level = h.kind === 'gate-failed' ? 'failure' : 'warning';
      title = `gate ${h.gate} ${h.kind === 'gate-failed' ? 'failed' : 'inconclusive'} in ${where}`;
    } else if (h.kind === 'region-failed' && !h.reasonCode.startsWith('gate-')) {
      // Gate failures are annotated on the gate above; other failures belong to the stage.
      line = stageLine(h.stage);
      title = `${where} failed in stage ${h.stage ?? '?'} (${h.reasonCode})`;
    } else if (h.kind === 'stage-awaiting-approval') {
      line = stageLine(h.stage);
      level = 'notice';
      title = `stage ${h.stage ?? '?'} waits for an approval`;
    }
    if (line === undefined) continue;
    out.push({ path: plan.file, line, level, title, message: h.reason });
    if (out.length >= 50) break;
  }
  return out;
}

/**
 * How the ledger's check run shows a state: completed once finished (success only when
 * promoted), completed with action_required while paused for a person, in progress otherwise.
 */
export function ledgerStatus(state: State): Pick<LedgerWrite, 'status' | 'conclusion'> {
  if (state.status === 'finished') return { status: 'completed', conclusion: state.outcome?.decision === 'promoted' ? 'success' : 'failure' };
  if (state.status === 'paused') return { status: 'completed', conclusion: 'action_required' };
  return { status: 'in_progress' };
}
