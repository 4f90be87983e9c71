/**
 * The effects of a stage approved by GitHub Environment reviewers: dispatching its approval run
 * and cancelling one the stage no longer waits for. Failures become events (a dispatch that
 * failed) or warnings (a cancel), never exceptions; a FatalPortError halts, as every effect's does.
 */
import type { Effect } from '../core/effects.js';
import type { Event } from '../core/events.js';
import { approvalInputs } from '../plan/approval-workflow.js';
import { messageOf } from '../report/message.js';
import type { Plan } from '../plan/types.js';
import { FatalPortError, type DriverPorts } from './ports.js';
import type { Warn } from './run-options.js';

type ApprovalEffect = Extract<Effect, { type: 'dispatch-approval' | 'cancel-approval-run' }>;

/** What of perform.ts's EffectEnv these effects use (its own type, so the two modules do not import each other). */
export interface ApprovalEffectEnv {
  plan: Plan;
  ports: Pick<DriverPorts, 'runs' | 'clock'>;
  ref: string;
  state: { releaseId: string };
  warn: Warn;
}

export async function performApprovalEffect(env: ApprovalEffectEnv, e: ApprovalEffect): Promise<Event[]> {
  const { runs, clock } = env.ports;
  if (e.type === 'cancel-approval-run') {
    try {
      await runs.cancelRun(e.runId);
    } catch (err) {
      if (err instanceof FatalPortError) return [halted(env, err)];
      env.warn(
        `could not cancel approval run ${e.runId} of stage ${e.stage} (${e.reason}): ${messageOf(err)}; cancel it by hand so nobody approves it by mistake`,
        'person',
      );
    }
    return [];
  }
  const approval = env.plan.stages.find((x) => x.name === e.stage)?.approval?.environment;
  if (!approval)
    return [{ type: 'approval-dispatch-failed', at: clock.now(), stage: e.stage, message: `stage ${e.stage} has no approval.environment in the plan` }];
  const { correlationInput } = env.plan.deploy;
  try {
    const answer = await runs.dispatch({
      workflow: approval.workflow,
      ref: env.ref,
      inputs: approvalInputs({ environment: e.environment, releaseId: env.state.releaseId, stage: e.stage, correlationInput, correlationId: e.correlationId }),
      correlationId: e.correlationId,
      ...(correlationInput !== undefined ? { correlationInput } : {}),
    });
    return [
      {
        type: 'approval-run-dispatched',
        at: clock.now(),
        stage: e.stage,
        runId: answer.runId,
        ...(answer.htmlUrl !== undefined ? { htmlUrl: answer.htmlUrl } : {}),
      },
    ];
  } catch (err) {
    if (err instanceof FatalPortError) return [halted(env, err)];
    return [{ type: 'approval-dispatch-failed', at: clock.now(), stage: e.stage, message: messageOf(err) }];
  }
}

function halted(env: ApprovalEffectEnv, err: FatalPortError): Event {
  return { type: 'halted', at: env.ports.clock.now(), reasonCode: err.reasonCode, reason: err.message };
}
