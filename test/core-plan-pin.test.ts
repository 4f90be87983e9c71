/**
 * The plan pin (issue 10, item 4): what counts in the digest, how a change is named, when a
 * changed plan may be adopted, and what a resumed state must agree with. Table-driven on the pure
 * functions, then through decide: a resume under another plan holds the release with no effect
 * but the save, and adopt-plan lets it go on.
 */
import { describe, expect, it } from 'vitest';
import { adoptionProblems, stateMismatchWith } from '../src/core/plan-pin.js';
import type { State } from '../src/core/state.js';
import { loadPlanText } from '../src/plan/load.js';
import { describeOutlineChanges, planDigest, planOutline } from '../src/plan/pin.js';
import type { Plan } from '../src/plan/types.js';
import { Harness } from './support/harness.js';
import { gate, makePlan, stage } from './support/plans.js';

const MIN = 60_000;

function base(over: { canary?: string[]; rest?: string[]; steps?: number[]; restSteps?: number[]; max?: number } = {}): Plan {
  const steps = (over.steps ?? [50, 100]).map((traffic) => ({ traffic, bakeMs: 2 * MIN }));
  const restSteps = (over.restSteps ?? over.steps ?? [50, 100]).map((traffic) => ({ traffic, bakeMs: 2 * MIN }));
  return makePlan({
    gates: [gate('errors', { max: over.max ?? 0.5 })],
    stages: [
      stage('canary', over.canary ?? ['eu-west'], { steps, maxParallel: 1 }),
      stage('rest', over.rest ?? ['us-east', 'ap-south'], { steps: restSteps, maxParallel: 1 }),
    ],
  });
}

const YAML = (extra = ''): string =>
  [
    'name: shop',
    'deploy:',
    '  workflow: deploy.yml',
    '  inputs: { region: "{{ region }}", traffic: "{{ step.traffic }}" }',
    '  timeout: 30m',
    'providers:',
    '  prom: { type: prometheus, url: "https://prom.example.com" }',
    'gates:',
    '  errors: { provider: prom, query: "up", max: 0.5 }',
    'stages:',
    '  - name: canary',
    '    regions: [eu-west]',
    '    steps: [{ traffic: 50, bake: 2m }, { traffic: 100 }]',
    '    gates: [errors]',
    extra,
    '',
  ].join('\n');

function digestOf(text: string): string {
  const loaded = loadPlanText(text, 'release-plan.yml');
  if (!loaded.plan) throw new Error(JSON.stringify(loaded.diagnostics));
  return planDigest(loaded.plan);
}

describe('plan digest', () => {
  it.each([
    ['a comment', YAML('# a note for people')],
    [
      'key order and flow style',
      YAML().replace('  errors: { provider: prom, query: "up", max: 0.5 }', '  errors:\n    max: 0.5\n    query: "up"\n    provider: prom'),
    ],
    ['an equivalent duration', YAML().replace('timeout: 30m', 'timeout: 1800s')],
    ['a default written out', YAML().replace('max: 0.5 }', 'max: 0.5, failureLimit: 0 }')],
    ['the file it was read from', YAML()],
  ])('does not count %s', (_what, text) => {
    expect(digestOf(text)).toBe(digestOf(YAML()));
    expect(loadPlanText(text, 'elsewhere/plan.yml').plan && planDigest(loadPlanText(text, 'elsewhere/plan.yml').plan as Plan)).toBe(digestOf(YAML()));
  });

  it.each([
    ['a threshold', YAML().replace('max: 0.5', 'max: 1')],
    ['a traffic step', YAML().replace('traffic: 50', 'traffic: 25')],
    ['a bake', YAML().replace('bake: 2m', 'bake: 3m')],
    ['a region', YAML().replace('[eu-west]', '[eu-west, eu-north]')],
    ['a deploy input', YAML().replace('traffic: "{{ step.traffic }}"', 'traffic: "{{ step.traffic }}", v: "1"')],
    ['the deploy timeout', YAML().replace('timeout: 30m', 'timeout: 20m')],
    ['approvals', YAML('approvals: { minPermission: admin }')],
    ['a rollback workflow', YAML('rollback: { workflow: rollback.yml }')],
  ])('counts %s', (_what, text) => {
    expect(digestOf(text)).not.toBe(digestOf(YAML()));
  });

  it('is sha256 hex', () => {
    expect(digestOf(YAML())).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('describeOutlineChanges names what changed', () => {
  it.each<[string, Plan, string[]]>([
    ['a region added', base({ rest: ['us-east', 'ap-south', 'eu-west-2'] }), ['region eu-west-2 added to stage rest']],
    ['a region removed', base({ rest: ['us-east'] }), ['region ap-south removed from stage rest']],
    ['a region moved', base({ canary: ['eu-west', 'ap-south'], rest: ['us-east'] }), ['region ap-south moved from stage rest to stage canary']],
    ['regions reordered', base({ rest: ['ap-south', 'us-east'] }), ['regions of stage rest reordered']],
    ['a step changed', base({ steps: [25, 100], restSteps: [50, 100] }), ['step 1 of stage canary changed 50% -> 25%']],
    ['a step inserted', base({ steps: [25, 50, 100], restSteps: [50, 100] }), ['steps of stage canary changed 50%, 100% -> 25%, 50%, 100%']],
    ['a gate threshold', base({ max: 1 }), ['gate errors max 0.5 -> 1']],
    [
      'a bake',
      (() => {
        const p = base();
        (p.stages[1]?.steps[0] as { bakeMs: number }).bakeMs = 5 * MIN;
        return p;
      })(),
      ['bake of stage rest changed'],
    ],
    ['nothing', base(), []],
  ])('%s', (_what, plan, expected) => {
    expect(describeOutlineChanges(planOutline(base()), planOutline(plan))).toEqual(expected);
  });

  it('a stage added, a gate query, the deploy workflow', () => {
    const plan = base();
    plan.stages.push(stage('late', ['sa-east'], { steps: [{ traffic: 100, bakeMs: 0 }] }));
    plan.gates.errors = { ...gate('errors', { max: 0.5 }), query: 'other' };
    plan.deploy = { ...plan.deploy, workflow: 'deploy2.yml' };
    expect(describeOutlineChanges(planOutline(base()), planOutline(plan))).toEqual([
      'stage late added',
      'region sa-east added to stage late',
      'gate errors query, provider, interval, count or limits changed',
      'deploy workflow, its inputs or timeout changed',
    ]);
  });
});

/** A release under `base()` that started canary eu-west (step `step`, 0-based) and nothing else. */
function started(step = 0, plan = base()): Harness {
  const h = new Harness(plan);
  h.start();
  h.answerDispatches();
  h.region('eu-west').step = step;
  return h;
}

describe('adoptionProblems', () => {
  it.each<[string, Plan, number, RegExp | undefined]>([
    ['a region added to a stage not started', base({ rest: ['us-east', 'ap-south', 'eu-west-2'] }), 0, undefined],
    ['a region not started removed', base({ rest: ['us-east'] }), 0, undefined],
    ['a threshold changed', base({ max: 1 }), 0, undefined],
    ['a step after the one reached changed', base({ steps: [50, 75] }), 0, undefined],
    ['a step appended', base({ steps: [50, 100, 100] }), 1, undefined],
    [
      'a step inserted before the one reached',
      base({ steps: [25, 50, 100] }),
      0,
      /region eu-west reached step 1 of stage canary; step 1 was 50%, the plan now says 25%/,
    ],
    ['the step reached changed', base({ steps: [50, 75] }), 1, /step 2 was 100%, the plan now says 75%/],
    ['the touched region removed', base({ canary: ['eu-north'] }), 0, /region eu-west \(deploying\) is no longer in the plan/],
    [
      'the touched region moved',
      base({ canary: ['eu-north'], rest: ['eu-west', 'us-east', 'ap-south'] }),
      0,
      /region eu-west \(deploying\) moved from stage canary to rest/,
    ],
  ])('%s', (_what, plan, step, refused) => {
    const problems = adoptionProblems(started(step).state, plan);
    if (refused) expect(problems.join('; ')).toMatch(refused);
    else expect(problems).toEqual([]);
  });

  it('a step appended after the last one of a promoted region is refused: it would never run there', () => {
    const h = started(1);
    h.state.regions['eu-west'] = { ...(h.state.regions['eu-west'] as State['regions'][string]), phase: 'promoted' };
    expect(adoptionProblems(h.state, base({ steps: [50, 100, 100] })).join('; ')).toMatch(
      /region eu-west was promoted after step 2 of stage canary; the plan now has 3 steps there/,
    );
    expect(adoptionProblems(h.state, base({ rest: ['us-east'] }))).toEqual([]);
  });

  it('a stage entered keeps its name and place; a region added to a stage already done is refused', () => {
    const h = started();
    h.state.stage = 1;
    h.state.stages[0] = { ...h.state.stages[0], phase: 'done' } as State['stages'][number];
    expect(adoptionProblems(h.state, base({ canary: ['eu-west', 'eu-north'] })).join('; ')).toMatch(
      /stage canary is done: region eu-north would never be deployed/,
    );
    const renamed = base();
    (renamed.stages[1] as { name: string }).name = 'others';
    expect(adoptionProblems(h.state, renamed).join('; ')).toMatch(/stage rest \(entered\) must stay stage 2, the plan has others there/);
  });
});

describe('stateMismatch: a state that names what its plan lacks', () => {
  // Judged against the plan while the digest matches, against the state's own pin once it differs.
  it.each<[string, (s: State) => void, RegExp | undefined]>([
    ['as saved', () => undefined, undefined],
    [
      'a region added',
      (s) => void (s.regions['xx-tampered'] = { ...(s.regions['us-east'] as State['regions'][string]), name: 'xx-tampered' }),
      /names region xx-tampered, which the plan lacks/,
    ],
    ['a region dropped', (s) => void delete s.regions['ap-south'], /lacks region ap-south of the plan/],
    ['a stage added', (s) => void s.stages.push({ name: 'extra', phase: 'pending', cursor: 0, failed: 0 }), /the ledger has 3 stages, the plan 2/],
    ['a stage renamed', (s) => void ((s.stages[1] as { name: string }).name = 'other'), /stage 2 is other, the plan's is rest/],
    ['a step beyond the stage', (s) => void ((s.regions['eu-west'] as { step: number }).step = 4), /names step 5 of region eu-west; stage canary has 2/],
    ['a region in another stage', (s) => void ((s.regions['us-east'] as { stage: number }).stage = 0), /puts region us-east in stage #0, the plan in rest/],
    ['a current stage out of range', (s) => void (s.stage = 7), /current stage #7 is not in the plan/],
    [
      'a region name with a newline and a workflow command, quoted and escaped',
      (s) => void (s.regions['x\n::add-mask::y'] = { ...(s.regions['us-east'] as State['regions'][string]), name: 'x\n::add-mask::y' }),
      /names region "x\\n::add-mask::y", which the plan lacks/,
    ],
    [
      'a pin whose outline names a region no plan could have',
      (s) =>
        void (s.pin = {
          digest: 'sha256:00',
          outline: { ...planOutline(base()), stages: [{ name: 'canary', regions: ['a\n::stop-commands::x'], steps: [50], gates: [] }] },
        }),
      /plan pin \(state.pin\) is not a digest and an outline/,
    ],
    [
      'a pin that is not an outline',
      (s) => void (s.pin = { digest: 'sha256:00', outline: { stages: 'x' } } as unknown as NonNullable<State['pin']>),
      /plan pin \(state.pin\) is not a digest and an outline/,
    ],
  ])('%s', (_what, edit, refused) => {
    const s = structuredClone(started().state);
    edit(s);
    const problems = stateMismatchWith(s, base(), planDigest(base()));
    expect(problems.join('; ')).not.toMatch(/[\r\n]/);
    if (refused) expect(problems.join('; ')).toMatch(refused);
    else expect(problems).toEqual([]);
  });
});

describe('decide: resume under another plan', () => {
  it('holds the release: no dispatch, no poll, the history names what changed; other events are ignored', () => {
    const h = started();
    const changed = base({ rest: ['us-east', 'ap-south', 'eu-west-2'] });
    const out = h.send({ type: 'resumed', at: h.now + MIN });
    expect(out.map((e) => e.type)).not.toContain('dispatch-deploy');
    const moved = new Harness(changed);
    moved.state = h.state;
    const effects = moved.send({ type: 'resumed', at: h.now + MIN });
    expect(effects.filter((e) => e.type !== 'save-state' && e.type !== 'report' && e.type !== 'wait-until')).toEqual([]);
    expect(moved.state.status).toBe('paused');
    expect(moved.state.pause?.reasonCode).toBe('plan-changed');
    const entry = moved.state.history.at(-1);
    expect(entry?.kind).toBe('plan-changed');
    expect(entry?.reason).toMatch(/region eu-west-2 added to stage rest/);
    expect(entry?.reason).toMatch(/adopt-plan:[0-9a-f]{12}/);
    // A run finishing under the changed plan is not taken.
    const run = moved.region('eu-west').runs[0];
    moved.send({ type: 'run-finished', at: h.now + 2 * MIN, region: 'eu-west', kind: 'deploy', step: 0, runId: run?.runId ?? 0, conclusion: 'success' });
    expect(moved.region('eu-west').phase).toBe('deploying');
    expect(moved.state.history.at(-1)?.kind).toBe('ignored');
    // The same plan again: no second identical line.
    const count = moved.state.history.length;
    moved.send({ type: 'resumed', at: h.now + 3 * MIN });
    expect(moved.state.history.filter((x) => x.kind === 'plan-changed')).toHaveLength(1);
    expect(moved.state.history.length).toBe(count);
  });

  it('the plan restored lifts the hold', () => {
    const h = started();
    const moved = new Harness(base({ max: 1 }));
    moved.state = h.state;
    moved.send({ type: 'resumed', at: h.now + MIN });
    expect(moved.state.pause?.reasonCode).toBe('plan-changed');
    h.state = moved.state;
    h.send({ type: 'resumed', at: h.now + 2 * MIN });
    expect(h.state.status).toBe('running');
    expect(h.state.planChanged).toBeUndefined();
    expect(h.state.history.some((x) => x.reasonCode === 'plan-restored')).toBe(true);
  });

  it('adopt-plan takes a compatible plan: recorded with who and both digests, the added region deploys', () => {
    const h = started();
    const changed = base({ rest: ['us-east', 'ap-south', 'eu-west-2'] });
    const moved = new Harness(changed);
    moved.state = h.state;
    moved.send({ type: 'resumed', at: h.now + MIN });
    const was = moved.state.pin?.digest;
    moved.send({ type: 'command', at: h.now + MIN, by: 'alice', name: 'adopt-plan' });
    const adopted = moved.state.history.find((x) => x.reasonCode === 'plan-adopted');
    expect(adopted?.by).toBe('alice');
    expect(adopted?.reason).toContain(`adopted plan ${planDigest(changed)} (was ${was})`);
    expect(moved.state.pin?.digest).toBe(planDigest(changed));
    expect(moved.state.status).toBe('running');
    expect(moved.state.regions['eu-west-2']?.phase).toBe('pending');
    expect(moved.state.counts.pending).toBe(3);
  });

  it('adopt-plan refuses an incompatible plan and a digest that is not the plan', () => {
    const h = started();
    const moved = new Harness(base({ steps: [25, 50, 100] }));
    moved.state = h.state;
    moved.send({ type: 'resumed', at: h.now + MIN });
    moved.send({ type: 'command', at: h.now + MIN, by: 'alice', name: 'adopt-plan' });
    expect(moved.state.history.at(-1)).toMatchObject({ kind: 'command-refused', by: 'alice', reasonCode: 'adopt-plan-refused' });
    expect(moved.state.pause?.reasonCode).toBe('plan-changed');
    const other = new Harness(base({ max: 1 }));
    other.state = started().state;
    other.send({ type: 'resumed', at: h.now + MIN });
    other.send({ type: 'command', at: h.now + MIN, by: 'alice', name: 'adopt-plan', digest: '000000000000' });
    expect(other.state.history.at(-1)?.reason).toMatch(/the plan is [0-9a-f]{12}, not the 000000000000 given/);
    expect(other.state.pause?.reasonCode).toBe('plan-changed');
  });

  it('a state saved before pins is pinned when it matches the plan, held as state-plan-mismatch when it does not', () => {
    const h = started();
    delete h.state.pin;
    h.send({ type: 'resumed', at: h.now + MIN });
    const after: State = h.state;
    expect(after.pin?.digest).toBe(planDigest(base()));
    expect(after.history.some((x) => x.kind === 'plan-pinned')).toBe(true);
    const legacy = started();
    delete legacy.state.pin;
    const moved = new Harness(base({ rest: ['us-east'] }));
    moved.state = legacy.state;
    moved.send({ type: 'resumed', at: h.now + MIN });
    expect(moved.state.pause?.reasonCode).toBe('state-plan-mismatch');
    moved.send({ type: 'command', at: h.now + MIN, by: 'alice', name: 'adopt-plan' });
    expect(moved.state.pause?.reasonCode).toBe('state-plan-mismatch');
  });
});
