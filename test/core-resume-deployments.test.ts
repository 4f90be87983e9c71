/**
 * Resume re-emits the deployment records a crash lost: a region's deployment whose creation
 * never came back is created again (by its key), and the latest wanted status that GitHub did
 * not confirm is sent again. What was confirmed is not repeated.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../src/core/decide.js';
import type { Effect } from '../src/core/effects.js';
import { type RegionState } from '../src/core/state.js';
import { parseState } from '../src/core/state-read.js';
import { Harness } from './support/harness.js';
import { makePlan, stage } from './support/plans.js';

const MIN = 60_000;

/** Plays GitHub for deployment effects: creations get ids, statuses are confirmed, unless `lost` says the crash ate them. */
class Records {
  private seen = 0;
  private nextId = 100;
  constructor(private readonly h: Harness) {}

  perform(lost: (e: Effect) => boolean = () => false): void {
    while (this.seen < this.h.effects.length) {
      const e = this.h.effects[this.seen++];
      if (!e || lost(e)) continue;
      if (e.type === 'create-deployment') this.h.send({ type: 'deployment-created', at: this.h.now, region: e.region, deploymentId: this.nextId++ });
      else if (e.type === 'set-deployment-status')
        this.h.send({ type: 'deployment-status-set', at: this.h.now, region: e.region, step: e.step, deploymentId: e.deploymentId, state: e.state });
    }
  }

  /** Skips effects produced so far without performing them (the crash). */
  drop(): void {
    this.seen = this.h.effects.length;
  }
}

/** Deployment effects of one batch, as short strings. */
function records(effects: Effect[]): string[] {
  return effects.flatMap((e) => {
    if (e.type === 'create-deployment') return [`create ${e.region}`];
    if (e.type === 'set-deployment-status') return [`${e.region}#${e.step + 1} ${e.state}`];
    return [];
  });
}

function plan(steps = 2) {
  return makePlan({ stages: [stage('one', ['a'], { steps: Array.from({ length: steps }, (_, k) => ({ traffic: (k + 1) * 50, bakeMs: 2 * MIN })) })] });
}

/** Walks region `a` through its steps, performing deployment effects (but the `lost` ones), until `until` says to stop. */
function walk(h: Harness, rec: Records, until: () => boolean, lost?: (e: Effect) => boolean): void {
  for (let guard = 0; guard < 40 && !until(); guard++) {
    rec.perform(lost);
    const r = h.region('a');
    if (r.phase === 'deploying') h.finishRun('a');
    else if (r.phase === 'baking') h.bake('a', () => 0.5);
    else break;
  }
}

interface Case {
  name: string;
  steps?: number;
  /** Brings the release to the moment of the crash (the state saved, the effects not performed dropped). */
  before: (h: Harness, rec: Records) => void;
  /** Deployment effects the `resumed` event must emit. */
  resumed: string[];
  /** Deployment effects once those are performed (creations answered). */
  after?: string[];
}

const cases: Case[] = [
  {
    name: 'creation lost at the first step, run already dispatched: created again, then queued and in_progress',
    before: (h, rec) => {
      h.start();
      h.answerDispatches();
      rec.drop();
    },
    resumed: ['create a'],
    after: ['a#1 queued', 'a#1 in_progress'],
  },
  {
    name: 'in_progress lost after queued was confirmed: only in_progress again',
    before: (h, rec) => {
      h.start();
      rec.perform();
      h.answerDispatches();
      rec.drop();
    },
    resumed: ['a#1 in_progress'],
  },
  {
    name: 'everything confirmed: nothing again',
    before: (h, rec) => {
      h.start();
      h.answerDispatches();
      rec.perform();
    },
    resumed: [],
  },
  {
    name: "the second step's in_progress lost: sent again for step 2 (step 1's was confirmed)",
    before: (h, rec) => {
      h.start();
      walk(h, rec, () => h.region('a').step === 1);
      h.answerDispatches();
      rec.drop();
    },
    resumed: ['a#2 in_progress'],
  },
  {
    name: 'finished release, the last success lost after the final save',
    before: (h, rec) => {
      h.start();
      walk(h, rec, () => h.state.status === 'finished');
      rec.drop();
    },
    resumed: ['a#2 success'],
  },
  {
    name: 'finished release whose deployment was never created: created, queued, then the final success',
    before: (h, rec) => {
      h.start();
      const lost = (e: Effect) => e.type === 'create-deployment';
      walk(h, rec, () => h.state.status === 'finished', lost);
      rec.perform(lost);
    },
    resumed: ['create a'],
    after: ['a#1 queued', 'a#2 success'],
  },
  {
    name: 'rolled back: the inactive status lost',
    steps: 1,
    before: (h, rec) => {
      h.start();
      rec.perform();
      h.finishRun('a', 'failure');
      rec.perform();
      h.finishRun('a');
      rec.drop();
    },
    resumed: ['a#1 inactive'],
  },
];

describe('resume re-emits lost deployment records', () => {
  it.each(cases)('$name', ({ steps, before, resumed, after }) => {
    const h = new Harness(plan(steps));
    const rec = new Records(h);
    before(h, rec);
    h.now += MIN;
    const out = h.send({ type: 'resumed', at: h.now });
    expect(records(out)).toEqual(resumed);
    const mark = h.effects.length;
    rec.perform();
    expect(records(h.effects.slice(mark))).toEqual(after ?? []);
    // Confirmed now: a second resume has nothing left to send.
    expect(records(h.send({ type: 'resumed', at: h.now + MIN }))).toEqual([]);
    // No event about deployment records was refused.
    expect(h.state.history.filter((e) => e.kind === 'ignored')).toEqual([]);
  });

  it('a finished release resumed with nothing owed changes nothing and records nothing', () => {
    const h = new Harness(plan(1));
    const rec = new Records(h);
    h.start();
    walk(h, rec, () => h.state.status === 'finished');
    rec.perform();
    const before = structuredClone(h.state);
    expect(h.send({ type: 'resumed', at: h.now + MIN })).toEqual([]);
    expect({ ...h.state, now: before.now }).toEqual(before);
  });
});

describe('a ledger saved by version 1 (one deployment per region and step)', () => {
  it('goes on with the deployment of its latest step; what GitHub confirmed is not sent again', () => {
    const h = new Harness(plan(2));
    const rec = new Records(h);
    h.start();
    walk(h, rec, () => h.region('a').step === 1);
    h.answerDispatches();
    rec.perform();
    const v2 = h.state.regions.a as RegionState;
    // The same moment as version 1 wrote it: a deployment per step, the wanted status per step.
    const v1 = structuredClone(h.state) as unknown as { schemaVersion: number; regions: Record<string, Record<string, unknown>> };
    v1.schemaVersion = 1;
    const a = v1.regions.a as Record<string, unknown>;
    delete a.deploymentId;
    delete a.deploymentStatus;
    a.deployments = { 0: 41, 1: v2.deploymentId };
    a.statuses = {
      0: { state: 'success', description: 'step 1 at 50% passed', confirmed: 'success' },
      1: { state: 'in_progress', description: v2.deploymentStatus?.description, runUrl: v2.deploymentStatus?.runUrl, confirmed: 'in_progress' },
    };
    const migrated = parseState(JSON.parse(JSON.stringify(v1)));
    expect(migrated.schemaVersion).toBe(2);
    expect(migrated.regions.a).toEqual(v2);
    expect(records(decide(migrated, { type: 'resumed', at: h.now + MIN }, h.plan).effects)).toEqual([]);
  });
});

describe('a ledger saved by version 1 whose latest step has no deployment yet', () => {
  it("keeps that step's wanted status: the resume creates the deployment and sends it", () => {
    const h = new Harness(plan(2));
    h.start();
    const v1 = structuredClone(h.state) as unknown as { schemaVersion: number; regions: Record<string, Record<string, unknown>> };
    v1.schemaVersion = 1;
    const a = v1.regions.a as Record<string, unknown>;
    delete a.deploymentId;
    delete a.deploymentStatus;
    a.deployments = { 0: 41 };
    a.statuses = {
      0: { state: 'success', description: 'step 1 at 50% passed', confirmed: 'success' },
      1: { state: 'in_progress', description: 'deploy run 9 in progress' },
    };
    const migrated = parseState(JSON.parse(JSON.stringify(v1)));
    expect(migrated.regions.a?.deploymentId).toBeUndefined();
    expect(migrated.regions.a?.deploymentStatus).toEqual({ state: 'in_progress', step: 1, description: 'deploy run 9 in progress' });
  });
});

describe('a deployment whose creation failed', () => {
  it("is tried again when the next step starts (looked up first), then catches up with queued and the step's status", () => {
    const h = new Harness(plan(2));
    const rec = new Records(h);
    h.start();
    // The creation fails (no deployment-created); the region goes on.
    walk(
      h,
      rec,
      () => h.region('a').step === 1,
      (e) => e.type === 'create-deployment',
    );
    const again = h.of('create-deployment');
    expect(again.map((e) => [e.key, e.again])).toEqual([
      ['app-1.0.0:a', undefined],
      ['app-1.0.0:a', true],
    ]);
    const mark = h.effects.length;
    h.answerDispatches();
    rec.perform();
    expect(records(h.effects.slice(mark))).toEqual(['a#1 queued', 'a#2 in_progress']);
  });
});
