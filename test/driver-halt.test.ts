/**
 * The driver after a failure it must not go on from (FatalPortError: a permission the token
 * lacks): no region's dispatch is performed once any effect met it, even a region whose own
 * deployment was created meanwhile; the core gets one `halted` event; deployments made are closed.
 */
import { describe, expect, it } from 'vitest';
import { runRelease } from '../src/driver/interpreter.js';
import { FatalPortError, type GitHubPorts } from '../src/driver/ports.js';
import { NO_DOUBTS, NO_INBOX, NO_REVIEWS } from '../src/driver/roles.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { SyntheticMetrics } from '../src/simulate/metrics.js';
import { emptyScenario } from '../src/simulate/scenario.js';
import { makePlan, stage } from './support/plans.js';

const T0 = Date.UTC(2026, 0, 1);

describe('runRelease after a missing permission', () => {
  it('a deployment denied for one region stops the dispatch of another whose deployment came back later', async () => {
    const plan = makePlan({ stages: [stage('one', ['a', 'b'])] });
    const clock = new VirtualClock(T0);
    const scenario = emptyScenario();
    const sim = new EmulatedGitHub({ clock, scenario, seed: 1 });
    const dispatched: string[] = [];
    let releaseB: () => void = () => undefined;
    const bLater = new Promise<void>((r) => (releaseB = r));
    const github: GitHubPorts = {
      runs: {
        dispatch: async (req) => {
          dispatched.push(req.correlationId);
          return sim.dispatch(req);
        },
        readRuns: sim.readRuns.bind(sim),
        cancelRun: sim.cancelRun.bind(sim),
      },
      doubts: NO_DOUBTS,
      deployments: {
        createDeployment: async (req) => {
          if (req.payload.region === 'a') {
            // b's creation answers only after a's denial is known.
            setImmediate(releaseB);
            throw new FatalPortError('missing-permission', 'the token lacks `deployments: write`');
          }
          await bLater;
          await new Promise((r) => setImmediate(r));
          return sim.createDeployment(req);
        },
        setDeploymentStatus: sim.setDeploymentStatus.bind(sim),
      },
      ledger: { loadLedger: sim.loadLedger.bind(sim), saveLedger: sim.saveLedger.bind(sim) },
      permissions: { permissionOf: sim.permissionOf.bind(sim), isTeamMember: sim.isTeamMember.bind(sim) },
      inbox: NO_INBOX,
      reviews: NO_REVIEWS,
    };
    const warnings: string[] = [];
    const res = await runRelease({
      plan,
      version: '1',
      releaseId: 'app-1',
      ref: 'main',
      mode: 'run',
      ports: { ...github, metrics: new SyntheticMetrics(plan, scenario, 1), clock },
      onWarning: (m) => warnings.push(m),
    });
    expect(dispatched).toEqual([]);
    expect(res.decision).toBe('failed');
    expect(res.reasonCode).toBe('missing-permission');
    expect(res.events.filter((e) => e.type === 'halted')).toHaveLength(1);
    // b's deployment was made before the halt was known: closed, not left queued.
    expect(sim.deployments.map((d) => [d.request.payload.region, d.statuses.at(-1)])).toEqual([['b', 'error']]);
    expect(res.state.regions.a?.phase).toBe('skipped');
    expect(res.state.regions.b?.phase).toBe('skipped');
    expect(warnings.some((w) => w.includes('deployments: write'))).toBe(true);
    expect(sim.ledger?.conclusion).toBe('failure');
  });
});
