/**
 * Performs one effect through the ports and returns the events it produced. Port failures
 * become events (a failed dispatch, an `error` observation) or warnings (deployment records,
 * cancels), never exceptions: the core decides what a failure means. A failure after which
 * nothing may be done (FatalPortError: a permission the token lacks) becomes a `halted` event
 * whichever effect met it; the driver then performs nothing more.
 */
import type { Effect } from '../core/effects.js';
import { messageOf } from '../report/message.js';
import type { Event } from '../core/events.js';
import type { State } from '../core/state.js';
import { formatDuration } from '../plan/duration.js';
import { contextValues, renderTemplate, templateContext } from '../plan/template.js';
import type { Plan } from '../plan/types.js';
import { performApprovalEffect } from './perform-approval.js';
import { FatalPortError, type Clock, type DriverPorts, type MetricsPort } from './ports.js';
import type { Warn } from './run-options.js';
import { readComparison } from './perform-compare.js';
import type { Observation, SloObservation } from '../core/values.js';
import { measureSlo, readEvents } from './measure-slo.js';
import { plural } from '../plan/words.js';

export interface EffectEnv {
  plan: Plan;
  ports: Pick<DriverPorts, 'runs' | 'deployments' | 'metrics' | 'clock'>;
  ref: string;
  state: State;
  warn: Warn;
}

/** The driver must stop: the core gets one `halted` event. */
function halted(clock: Clock, err: FatalPortError): Event {
  return { type: 'halted', at: clock.now(), reasonCode: err.reasonCode, reason: err.message };
}

export async function performEffect(env: EffectEnv, e: Effect): Promise<Event[]> {
  const { runs, deployments, metrics, clock } = env.ports;
  switch (e.type) {
    case 'dispatch-deploy':
    case 'dispatch-rollback': {
      const kind = e.type === 'dispatch-deploy' ? 'deploy' : 'rollback';
      const spec = kind === 'deploy' ? env.plan.deploy : env.plan.rollback;
      // The attempt goes back with the answer: a retried region's run is told from its earlier ones.
      const base = { region: e.region, kind, step: e.step, ...(e.attempt !== undefined ? { attempt: e.attempt } : {}) } as const;
      if (!spec) return [{ type: 'dispatch-failed', at: clock.now(), ...base, message: 'no rollback workflow configured' }];
      try {
        const values = contextValues({ ...templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic), correlationId: e.correlationId });
        const inputs: Record<string, string> = {};
        for (const [k, v] of Object.entries(spec.inputs)) inputs[k] = renderTemplate(v, values);
        const request = {
          workflow: spec.workflow,
          ref: spec.ref ?? env.ref,
          inputs,
          correlationId: e.correlationId,
          ...(spec.correlationInput !== undefined ? { correlationInput: spec.correlationInput } : {}),
        };
        const answer = await runs.dispatch(request);
        return [
          { type: 'run-dispatched', at: clock.now(), ...base, runId: answer.runId, ...(answer.htmlUrl !== undefined ? { htmlUrl: answer.htmlUrl } : {}) },
        ];
      } catch (err) {
        if (err instanceof FatalPortError) return [halted(clock, err)];
        return [{ type: 'dispatch-failed', at: clock.now(), ...base, message: messageOf(err) }];
      }
    }
    case 'cancel-run':
      try {
        const last = await runs.cancelRun(e.runId);
        // A deploy run the region had given up on (it showed up late) that finished before it could
        // be cancelled has deployed: the records say otherwise, so a person must look.
        if (last && last.status === 'completed' && last.conclusion === 'success' && e.kind === 'deploy' && e.cause === 'late-run') {
          env.warn(
            `deploy run ${e.runId} of ${e.region} showed up late and had already finished (success) before it could be cancelled: ${e.region} may run the new version although the release recorded otherwise; check it and roll it back by hand if so`,
            'person',
          );
        }
      } catch (err) {
        if (err instanceof FatalPortError) return [halted(clock, err)];
        // The run goes on although the release gave up on it (it could deploy after a rollback): only a person can stop it now.
        env.warn(`could not cancel ${e.kind} run ${e.runId} of ${e.region}: ${messageOf(err)}`, 'person');
      }
      return [];
    case 'create-deployment':
      try {
        const stage = env.plan.stages.find((x) => x.name === e.stage);
        const steps = (stage?.steps ?? []).map((x) => x.traffic);
        // The environment template cannot name step values (validate refuses them): one per region.
        const values = contextValues(templateContext(env.plan, env.state, e.stage, e.region, 0, steps[0] ?? 0));
        const environment = renderTemplate(env.plan.environment, values);
        const description = `${env.state.releaseId}: ${e.region}, ${plural(steps.length, 'step')} at ${steps.join('/')}%`;
        const payload = { releaseId: env.state.releaseId, version: env.state.version, stage: e.stage, region: e.region, traffic: steps };
        const { deploymentId } = await deployments.createDeployment({
          ref: env.ref,
          environment,
          description,
          key: e.key,
          payload,
          ...(e.again ? { lookFirst: true } : {}),
        });
        return [{ type: 'deployment-created', at: clock.now(), region: e.region, deploymentId }];
      } catch (err) {
        // Without its deployment a region's dispatch could not be recorded where people look.
        if (err instanceof FatalPortError) return [halted(clock, err)];
        env.warn(`could not create the deployment record for ${e.region}: ${messageOf(err)}`);
        return [];
      }
    case 'set-deployment-status':
      try {
        await deployments.setDeploymentStatus(e.deploymentId, e.state, e.description, e.runUrl);
        // Confirmed: a resume will not send it again.
        return [{ type: 'deployment-status-set', at: clock.now(), region: e.region, step: e.step, deploymentId: e.deploymentId, state: e.state }];
      } catch (err) {
        if (err instanceof FatalPortError) return [halted(clock, err)];
        env.warn(`could not set deployment ${e.deploymentId} to ${e.state}: ${messageOf(err)}`);
        return [];
      }
    case 'query-metric':
      // Gates of one region and interval go out together.
      return Promise.all(
        e.gates.map(async (name): Promise<Event> => {
          const observation = env.plan.gates[name]?.compare ? await readComparison(env, e, name, metrics) : await measureOne(env, e, name, metrics);
          return { type: 'measurement', at: e.at, region: e.region, step: e.step, gate: name, observation };
        }),
      );
    case 'read-budget':
      return [await readBudget(env, e, metrics)];
    case 'dispatch-approval':
    case 'cancel-approval-run':
      return performApprovalEffect(env, e);
    case 'request-approval':
    case 'save-state':
    case 'report':
    case 'wait-until':
    case 'finish':
      return [];
  }
}

async function measureOne(
  env: EffectEnv,
  e: Extract<Effect, { type: 'query-metric' }>,
  name: string,
  metrics: MetricsPort,
): Promise<Observation | SloObservation> {
  const gate = env.plan.gates[name];
  const provider = gate ? env.plan.providers[gate.provider] : undefined;
  if (!gate || !provider) return { kind: 'error', message: `gate ${name} or its provider is not in the plan` };
  if (gate.slo) {
    const context = templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic);
    return measureSlo(metrics, { gate: { ...gate, slo: gate.slo }, provider, context, at: e.at });
  }
  try {
    const context = templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic, formatDuration(gate.windowMs));
    return await metrics.measure({ gate, provider, context, at: e.at });
  } catch (err) {
    // The port promises not to throw; if it does anyway, that is an error measurement, never a pass.
    return { kind: 'error', message: messageOf(err) };
  }
}

/** The freeze's reads: good and total over the SLO period, per region, at the first step's traffic of the stage. */
async function readBudget(env: EffectEnv, e: Extract<Effect, { type: 'read-budget' }>, metrics: MetricsPort): Promise<Event> {
  const freeze = env.plan.freeze;
  const gate = freeze ? env.plan.gates[freeze.slo] : undefined;
  const provider = gate ? env.plan.providers[gate.provider] : undefined;
  const traffic = env.plan.stages.find((s) => s.name === e.stage)?.steps[0]?.traffic ?? 0;
  const reads = await Promise.all(
    e.regions.map(async (region) => {
      if (!freeze || !gate?.slo || !provider) {
        const error: Observation = { kind: 'error', message: `the freeze's slo gate or its provider is not in the plan` };
        return { region, good: error, total: error };
      }
      const context = templateContext(env.plan, env.state, e.stage, region, 0, traffic);
      return { region, ...(await readEvents(metrics, { gate: { ...gate, slo: gate.slo }, provider, context, at: e.at }, freeze.periodMs)) };
    }),
  );
  return { type: 'budget-read', at: e.at, stage: e.stage, reads };
}
