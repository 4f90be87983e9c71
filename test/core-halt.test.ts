/**
 * `halted`: the driver cannot go on (the token lacks a permission). Whatever moment it comes
 * at, the release finishes failed with the driver's reason, nothing is dispatched (no rollback
 * either), runs never dispatched say so, deployments made for regions never deployed are closed
 * with `error`, deployed regions are left as they are and named. Table-driven over the moments.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../src/core/decide.js';
import type { Effect } from '../src/core/effects.js';
import { NOT_DISPATCHED } from '../src/core/state.js';
import { Harness } from './support/harness.js';
import { makePlan, stage } from './support/plans.js';

const MIN = 60_000;
const REASON = 'the token lacks `actions: write`';

function plan() {
  return makePlan({ stages: [stage('canary', ['a']), stage('rest', ['b', 'c'], { maxParallel: 2 })] });
}

function halt(h: Harness): Effect[] {
  return h.send({ type: 'halted', at: h.now, reasonCode: 'missing-permission', reason: REASON });
}

interface Case {
  name: string;
  /** Brings the release to the moment of the halt. */
  setup: (h: Harness) => void;
  phases: Record<string, string>;
  /** Statuses the halt sends, as `region state`. */
  statuses: string[];
  /** Regions named as left as they are (deployed). */
  leftAsIs: string[];
}

const cases: Case[] = [
  {
    name: 'at the first dispatch, before any deployment exists (deployments: write denied)',
    setup: (h) => void h.start(),
    phases: { a: 'skipped', b: 'skipped', c: 'skipped' },
    statuses: [],
    leftAsIs: [],
  },
  {
    name: 'at the first dispatch, its deployment made (actions: write denied)',
    setup: (h) => {
      h.start();
      h.send({ type: 'deployment-created', at: h.now, region: 'a', deploymentId: 7 });
    },
    phases: { a: 'skipped', b: 'skipped', c: 'skipped' },
    statuses: ['a error'],
    leftAsIs: [],
  },
  {
    name: "in the second stage: the canary promoted, b deployed and baking, c's deploy run still going",
    setup: (h) => {
      h.start();
      h.send({ type: 'deployment-created', at: h.now, region: 'a', deploymentId: 7 });
      h.finishRun('a');
      h.bake('a', () => 0.5);
      expect(h.region('a').phase).toBe('promoted');
      h.send({ type: 'deployment-created', at: h.now, region: 'b', deploymentId: 8 });
      h.send({ type: 'deployment-created', at: h.now, region: 'c', deploymentId: 9 });
      h.finishRun('b');
      expect(h.region('b').phase).toBe('baking');
      expect(h.region('c').phase).toBe('deploying');
    },
    phases: { a: 'promoted', b: 'failed', c: 'failed' },
    statuses: ['b failure', 'c failure'],
    leftAsIs: ['b, c'],
  },
  {
    name: 'while stopping, a rollback queued but not yet dispatched',
    setup: (h) => {
      h.start();
      h.send({ type: 'deployment-created', at: h.now, region: 'a', deploymentId: 7 });
      h.send({ type: 'run-dispatched', at: h.now, region: 'a', kind: 'deploy', step: 0, runId: 42 });
      h.send({ type: 'run-finished', at: h.now, region: 'a', kind: 'deploy', step: 0, runId: 42, conclusion: 'failure' });
      // The rollback dispatch is out but not answered (denied).
      expect(h.region('a').phase).toBe('rolling-back');
    },
    phases: { a: 'failed', b: 'skipped', c: 'skipped' },
    statuses: ['a failure'],
    leftAsIs: ['a'],
  },
];

describe('halted (the driver cannot go on)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const h = new Harness(plan());
      c.setup(h);
      const fx = halt(h);
      const s = h.state;
      expect(s.status).toBe('finished');
      expect(s.outcome).toMatchObject({ decision: 'failed', reasonCode: 'missing-permission' });
      expect(s.outcome?.reason).toContain(REASON);
      for (const name of c.leftAsIs) expect(s.outcome?.reason).toContain(`${name} had deploy or rollback runs`);
      if (c.leftAsIs.length === 0) expect(s.outcome?.reason).toContain('no region was deployed');
      expect(Object.fromEntries(Object.values(s.regions).map((r) => [r.name, r.phase]))).toEqual(c.phases);
      // Nothing irreversible, nothing cancelled: the driver performs nothing more.
      expect(
        fx.filter((e) => e.type === 'dispatch-deploy' || e.type === 'dispatch-rollback' || e.type === 'create-deployment' || e.type === 'cancel-run'),
      ).toEqual([]);
      expect(fx[0]?.type).toBe('save-state');
      expect(fx.flatMap((e) => (e.type === 'set-deployment-status' ? [`${e.region} ${e.state}`] : []))).toEqual(c.statuses);
      // No run is left open, and none that never went out looks like it might have.
      for (const r of Object.values(s.regions)) {
        for (const run of r.runs) {
          expect(run.done).toBe(true);
          if (run.runId === undefined) expect(run.conclusion).toBe(NOT_DISPATCHED);
        }
      }
      expect(s.active).toEqual({});
      // A later driver only re-reads it: no deployment is made for a region never deployed.
      const resumed = decide(s, { type: 'resumed', at: h.now + MIN }, h.plan).effects;
      expect(resumed.filter((e) => e.type === 'create-deployment' || e.type === 'dispatch-deploy' || e.type === 'dispatch-rollback')).toEqual([]);
    });
  }

  it('a second halted event after the end changes nothing', () => {
    const h = new Harness(plan());
    h.start();
    halt(h);
    expect(h.state.outcome?.reasonCode).toBe('missing-permission');
    const before = structuredClone(h.state);
    expect(halt(h)).toEqual([]);
    expect(h.state.outcome).toEqual(before.outcome);
  });
});
