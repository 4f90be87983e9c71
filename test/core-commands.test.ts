/**
 * Every operator command in every situation, through decide: what it does, or the code it is
 * refused with, and the names its one history entry must carry (who, what, on which stage or
 * region, the person's reason, why). Then the walks that matter: a command run taken once, time
 * first, abort mid-bake, pause and resume, retry, rollback of a promoted release.
 */
import { describe, expect, it } from 'vitest';
import type { CommandName, CommandOrigin, Event } from '../src/core/events.js';
import type { HistoryEntry } from '../src/core/state.js';
import type { Plan } from '../src/plan/types.js';
import { Harness, T0 } from './support/harness.js';
import { makePlan, stage } from './support/plans.js';

const MIN = 60_000;
const GOOD = () => 0.5;
const NO_DATA = () => ({ kind: 'no-data' as const, detail: 'none' });
const T0_ISO = new Date(T0).toISOString();

/** Deploys and bakes a region to its end (all good). */
function walk(h: Harness, region: string): void {
  for (let guard = 0; guard < 20; guard++) {
    const r = h.region(region);
    if (r.phase === 'deploying') h.finishRun(region);
    else if (r.phase === 'baking') h.bake(region, GOOD);
    else return;
  }
}

const approvalPlan = (): Plan =>
  makePlan({ stages: [stage('canary', ['c1']), stage('main', ['m1'], { approval: { timeoutMs: 60 * MIN, users: [], teams: [] } })] });
/** Two regions side by side, one failure allowed: one fails while the other still goes. */
const pairPlan = (regions = ['a', 'b'], budget = 1): Plan => makePlan({ stages: [stage('one', regions, { failureBudget: budget })] });

function started(plan: Plan = makePlan()): Harness {
  const h = new Harness(plan);
  h.start();
  h.answerDispatches();
  return h;
}

/** The situations a command meets. */
const SITUATIONS = {
  'not started': (): Harness => new Harness(makePlan()),
  deploying: (): Harness => started(),
  baking: (): Harness => {
    const h = started();
    h.finishRun('us-east-1');
    return h;
  },
  'a stage waits': (): Harness => {
    const h = started(approvalPlan());
    walk(h, 'c1');
    return h;
  },
  'canary deploying, main pending': (): Harness => started(approvalPlan()),
  'stage approved by alice': (): Harness => {
    const h = SITUATIONS['a stage waits']();
    h.send({ type: 'approval', at: h.now, by: 'alice', decision: 'approve', stage: 'main' });
    return h;
  },
  'a region held': (): Harness => {
    const h = started();
    h.finishRun('us-east-1');
    h.bake('us-east-1', NO_DATA);
    return h;
  },
  'a region approved by alice': (): Harness => {
    const h = SITUATIONS['a region held']();
    h.send({ type: 'command', at: h.now, by: 'alice', name: 'approve', region: 'us-east-1' });
    return h;
  },
  'two regions held': (): Harness => {
    const h = started(pairPlan(['a', 'b'], 0));
    h.finishRun('a');
    h.finishRun('b');
    // Both bake at once: every query answered, for either region, until both are held.
    for (let round = 0; round < 20 && h.state.counts['awaiting-approval'] < 2; round++)
      for (const e of h.tickNext()) if (e.type === 'query-metric') for (const g of e.gates) h.measure(e.region, g, NO_DATA());
    expect(h.state.counts['awaiting-approval']).toBe(2);
    return h;
  },
  'paused by erin': (): Harness => {
    const h = SITUATIONS.baking();
    h.send({ type: 'command', at: h.now, by: 'erin', name: 'pause', reason: 'lunch' });
    return h;
  },
  stopping: (): Harness => {
    const h = SITUATIONS.baking();
    h.send({ type: 'command', at: h.now, by: 'dave', name: 'abort' });
    return h;
  },
  promoted: (): Harness => {
    const h = started();
    walk(h, 'us-east-1');
    return h;
  },
  'promoted, no rollback workflow': (): Harness => {
    const h = started(makePlan({ rollbackScope: null }));
    walk(h, 'us-east-1');
    return h;
  },
  'rolled back': (): Harness => {
    const h = SITUATIONS.stopping();
    h.answerDispatches();
    h.finishRun('us-east-1');
    return h;
  },
  'a rolling back, b deploying': (): Harness => {
    const h = started(pairPlan());
    h.finishRun('a', 'failure');
    return h;
  },
  'a rolled back, b deploying': (): Harness => {
    const h = SITUATIONS['a rolling back, b deploying']();
    h.finishRun('a');
    return h;
  },
  'a and b rolled back, c deploying': (): Harness => {
    const h = started(pairPlan(['a', 'b', 'c'], 2));
    for (const r of ['a', 'b']) {
      h.finishRun(r, 'failure');
      h.finishRun(r);
    }
    return h;
  },
  'held for a changed plan': (): Harness => {
    const h = started();
    const moved = new Harness(makePlan({ stages: [stage('one', ['us-east-1', 'eu-west'])] }));
    moved.state = h.state;
    moved.now = h.now;
    moved.send({ type: 'resumed', at: h.now });
    return moved;
  },
  'stopping, held for a changed plan': (): Harness => {
    const h = SITUATIONS.stopping();
    const moved = new Harness(makePlan({ stages: [stage('one', ['us-east-1', 'eu-west'])] }));
    moved.state = h.state;
    moved.now = h.now;
    moved.send({ type: 'resumed', at: h.now });
    return moved;
  },
} satisfies Record<string, () => Harness>;

type Situation = keyof typeof SITUATIONS;

const ORIGIN: CommandOrigin = { runId: 900, attempt: 1 };

interface Row {
  situation: Situation;
  command: CommandName | 'approval:approve' | 'approval:reject';
  with?: { stage?: string; region?: string; reason?: string; denied?: string; deniedCode?: string; digest?: string };
  kind: 'command' | 'command-refused';
  code: string;
  /** What the entry's reason must say (names, numbers, why). */
  says: RegExp[];
  stage?: string;
  region?: string;
}

function commandEvent(h: Harness, row: Row): Event {
  const w = row.with ?? {};
  const base = {
    at: h.now,
    by: 'alice',
    origin: ORIGIN,
    ...(w.stage !== undefined ? { stage: w.stage } : {}),
    ...(w.region !== undefined ? { region: w.region } : {}),
  };
  const denial = { ...(w.denied !== undefined ? { denied: w.denied } : {}), ...(w.deniedCode !== undefined ? { deniedCode: w.deniedCode } : {}) };
  if (row.command.startsWith('approval:'))
    return {
      type: 'approval',
      ...base,
      ...denial,
      decision: row.command === 'approval:approve' ? 'approve' : 'reject',
      ...(w.reason !== undefined ? { comment: w.reason } : {}),
    };
  return {
    type: 'command',
    ...base,
    ...denial,
    name: row.command as CommandName,
    ...(w.reason !== undefined ? { reason: w.reason } : {}),
    ...(w.digest !== undefined ? { digest: w.digest } : {}),
  };
}

const R = (kind: Row['kind']) => kind;
const ROWS: Row[] = [
  // Who may not: the driver's denial, recorded with its code.
  {
    situation: 'a stage waits',
    command: 'approve',
    with: { denied: "repository permission 'read' is below the required 'write'" },
    kind: R('command-refused'),
    code: 'permission-denied',
    says: [/^alice asked to approve; refused: alice may not: repository permission 'read'/],
  },
  {
    situation: 'a stage waits',
    command: 'approve',
    with: { denied: 'the person who started the release cannot approve it', deniedCode: 'self-approval' },
    kind: R('command-refused'),
    code: 'self-approval',
    says: [/cannot approve it/],
  },
  {
    situation: 'a stage waits',
    command: 'approve',
    with: { stage: 'main', denied: 'not in the approvers list (bob)', deniedCode: 'not-approver' },
    kind: R('command-refused'),
    code: 'not-approver',
    says: [/approve stage main; refused: .*not in the approvers list \(bob\)/],
  },
  {
    situation: 'a stage waits',
    command: 'approval:approve',
    with: { denied: 'team acme/release cannot be read without input org-token', deniedCode: 'team-unverifiable' },
    kind: R('command-refused'),
    code: 'team-unverifiable',
    says: [/acme\/release/],
  },
  {
    situation: 'baking',
    command: 'abort',
    with: { denied: 'run 900 was not a workflow_dispatch of release.yml', deniedCode: 'run-unverified' },
    kind: R('command-refused'),
    code: 'run-unverified',
    says: [/abort the release; refused: .*workflow_dispatch/],
  },
  // What the release is.
  { situation: 'not started', command: 'approve', kind: R('command-refused'), code: 'release-not-started', says: [/has not started/] },
  {
    situation: 'not started',
    command: 'rollback',
    kind: R('command-refused'),
    code: 'release-not-started',
    says: [/roll back the release; refused: the release has not started/],
  },
  { situation: 'promoted', command: 'approve', kind: R('command-refused'), code: 'release-finished', says: [/finished \(promoted: all-regions-promoted\)/] },
  {
    situation: 'promoted',
    command: 'abort',
    with: { reason: 'too late' },
    kind: R('command-refused'),
    code: 'release-finished',
    says: [/abort the release \(reason: "too late"\); refused: the release is finished/],
  },
  { situation: 'stopping', command: 'approve', kind: R('command-refused'), code: 'release-stopping', says: [/stopping \(aborted: aborted by dave\)/] },
  { situation: 'stopping', command: 'abort', kind: R('command-refused'), code: 'release-stopping', says: [/stopping/] },
  {
    situation: 'stopping',
    command: 'retry',
    with: { region: 'us-east-1' },
    kind: R('command-refused'),
    code: 'release-stopping',
    says: [/retry region us-east-1/],
  },
  {
    situation: 'held for a changed plan',
    command: 'approve',
    kind: R('command-refused'),
    code: 'plan-held',
    says: [/its plan changed .*only adopt-plan, abort and pause/],
  },
  { situation: 'stopping, held for a changed plan', command: 'abort', kind: R('command-refused'), code: 'release-stopping', says: [/stopping \(aborted/] },
  { situation: 'held for a changed plan', command: 'resume', kind: R('command-refused'), code: 'plan-held', says: [/held/] },
  {
    situation: 'held for a changed plan',
    command: 'adopt-plan',
    with: { digest: '000000000000' },
    kind: R('command-refused'),
    code: 'adopt-plan-refused',
    says: [/adopt plan 000000000000; refused: the plan is [0-9a-f]{12}, not the 000000000000 given/],
  },
  { situation: 'baking', command: 'adopt-plan', kind: R('command-refused'), code: 'adopt-plan-refused', says: [/the plan has not changed/] },
  // approve / reject: their targets.
  { situation: 'baking', command: 'approve', kind: R('command-refused'), code: 'nothing-waiting', says: [/nothing waits for a person/] },
  {
    situation: 'baking',
    command: 'promote',
    kind: R('command-refused'),
    code: 'nothing-waiting',
    says: [/does not lift a pause nor skip bakes, gates or steps/],
  },
  {
    situation: 'canary deploying, main pending',
    command: 'approve',
    with: { stage: 'main' },
    kind: R('command-refused'),
    code: 'stage-not-waiting',
    stage: 'main',
    says: [/approve stage main; refused: stage main is pending \(nothing waits for a person\)/],
  },
  {
    situation: 'a region held',
    command: 'approve',
    with: { stage: 'one' },
    kind: R('command-refused'),
    code: 'stage-not-waiting',
    stage: 'one',
    says: [/stage one is running \(region us-east-1 waits for a person\)/],
  },
  {
    situation: 'stage approved by alice',
    command: 'reject',
    with: { stage: 'main' },
    kind: R('command-refused'),
    code: 'stage-not-waiting',
    stage: 'main',
    says: [/approved by alice; to stop the release use abort/],
  },
  {
    situation: 'a stage waits',
    command: 'approve',
    with: { region: 'c1' },
    kind: R('command-refused'),
    code: 'region-not-waiting',
    stage: 'canary',
    region: 'c1',
    says: [/region c1 is promoted, not waiting for a person \(stage main waits for an approval\)/],
  },
  { situation: 'two regions held', command: 'approve', kind: R('command-refused'), code: 'ambiguous', says: [/regions a, b wait for a person; name one/] },
  {
    situation: 'stage approved by alice',
    command: 'approve',
    with: { stage: 'main' },
    kind: R('command-refused'),
    code: 'already-approved',
    stage: 'main',
    says: [new RegExp(`stage main was approved by alice at ${T0_ISO.slice(0, 10)}`)],
  },
  {
    situation: 'stage approved by alice',
    command: 'approve',
    kind: R('command-refused'),
    code: 'already-approved',
    stage: 'main',
    says: [/was approved by alice at/],
  },
  {
    situation: 'a region approved by alice',
    command: 'approve',
    with: { region: 'us-east-1' },
    kind: R('command-refused'),
    code: 'already-approved',
    stage: 'one',
    region: 'us-east-1',
    says: [/region us-east-1 was approved by alice at \d{4}-/],
  },
  {
    situation: 'a stage waits',
    command: 'approve',
    with: { stage: 'nope' },
    kind: R('command-refused'),
    code: 'unknown-stage',
    says: [/approve stage nope; refused: this release has no stage nope/],
  },
  { situation: 'a stage waits', command: 'approve', with: { stage: 'a\nb' }, kind: R('command-refused'), code: 'unknown-stage', says: [/no stage "a\\nb"/] },
  {
    situation: 'a region held',
    command: 'reject',
    with: { region: 'nowhere' },
    kind: R('command-refused'),
    code: 'unknown-region',
    says: [/reject region nowhere; refused: this release has no region nowhere/],
  },
  {
    situation: 'a stage waits',
    command: 'approve',
    with: { stage: 'main', reason: 'looks good' },
    kind: R('command'),
    code: 'approve',
    stage: 'main',
    says: [/^alice approved stage main \(reason: "looks good"\)$/],
  },
  {
    situation: 'a stage waits',
    command: 'approval:approve',
    with: { reason: 'ok by me' },
    kind: R('command'),
    code: 'approve',
    stage: 'main',
    says: [/^alice approved stage main \(reason: "ok by me"\)$/],
  },
  {
    situation: 'a stage waits',
    command: 'reject',
    with: { reason: 'bad canary' },
    kind: R('command'),
    code: 'reject',
    stage: 'main',
    says: [/^alice rejected stage main \(reason: "bad canary"\)$/],
  },
  {
    situation: 'a region held',
    command: 'approve',
    kind: R('command'),
    code: 'approve',
    stage: 'one',
    region: 'us-east-1',
    says: [/^alice approved region us-east-1$/],
  },
  {
    situation: 'two regions held',
    command: 'approval:reject',
    with: { region: 'b' },
    kind: R('command'),
    code: 'reject',
    stage: 'one',
    region: 'b',
    says: [/^alice rejected region b$/],
  },
  { situation: 'two regions held', command: 'promote', kind: R('command'), code: 'promote', stage: 'one', says: [/promoted: approved regions a, b/] },
  { situation: 'a stage waits', command: 'promote', kind: R('command'), code: 'promote', stage: 'main', says: [/promoted: approved stage main/] },
  // abort, pause, resume.
  {
    situation: 'baking',
    command: 'abort',
    with: { reason: 'customer reports' },
    kind: R('command'),
    code: 'abort',
    says: [/^alice aborted the release \(reason: "customer reports"\)$/],
  },
  {
    situation: 'held for a changed plan',
    command: 'abort',
    kind: R('command'),
    code: 'abort',
    says: [/stops and rolls back once the plan is restored or adopted/],
  },
  { situation: 'baking', command: 'pause', kind: R('command'), code: 'pause', says: [/alice paused the release/] },
  { situation: 'held for a changed plan', command: 'pause', kind: R('command'), code: 'pause', says: [/paused/] },
  { situation: 'paused by erin', command: 'pause', kind: R('command-refused'), code: 'already-paused', says: [/paused by erin at \d{4}-.* \(lunch\)/] },
  { situation: 'paused by erin', command: 'resume', kind: R('command'), code: 'resume', says: [/alice resumed the release/] },
  { situation: 'baking', command: 'resume', kind: R('command-refused'), code: 'not-paused', says: [/not paused by a person/] },
  {
    situation: 'a stage waits',
    command: 'resume',
    kind: R('command-refused'),
    code: 'not-paused',
    says: [/it waits for something else: stage main waits for an approval/],
  },
  // retry.
  {
    situation: 'a rolled back, b deploying',
    command: 'retry',
    kind: R('command'),
    code: 'retry',
    stage: 'one',
    region: 'a',
    says: [/alice retried region a from step 1 \(attempt 2; it failed: deploy run \d+ concluded failure/],
  },
  {
    situation: 'a rolled back, b deploying',
    command: 'retry',
    with: { region: 'b' },
    kind: R('command-refused'),
    code: 'not-retryable',
    stage: 'one',
    region: 'b',
    says: [/region b is deploying, not failed/],
  },
  {
    situation: 'a rolling back, b deploying',
    command: 'retry',
    with: { region: 'a' },
    kind: R('command-refused'),
    code: 'not-retryable',
    stage: 'one',
    region: 'a',
    says: [/region a is still rolling back/],
  },
  {
    situation: 'a stage waits',
    command: 'retry',
    with: { region: 'c1' },
    kind: R('command-refused'),
    code: 'not-retryable',
    stage: 'canary',
    region: 'c1',
    says: [/region c1 is in stage canary \(done\); only a region of the current stage main/],
  },
  {
    situation: 'a and b rolled back, c deploying',
    command: 'retry',
    kind: R('command-refused'),
    code: 'region-required',
    stage: 'one',
    says: [/regions a, b of stage one failed; name the one to retry/],
  },
  { situation: 'baking', command: 'retry', kind: R('command-refused'), code: 'region-required', stage: 'one', says: [/no region of stage one has failed/] },
  { situation: 'baking', command: 'retry', with: { region: 'nowhere' }, kind: R('command-refused'), code: 'unknown-region', says: [/no region nowhere/] },
  // rollback.
  { situation: 'baking', command: 'rollback', kind: R('command-refused'), code: 'release-running', says: [/still running; .*use abort/] },
  {
    situation: 'rolled back',
    command: 'rollback',
    kind: R('command-refused'),
    code: 'not-promoted',
    says: [/ended rolled-back \(aborted\); only a promoted release/],
  },
  {
    situation: 'promoted, no rollback workflow',
    command: 'rollback',
    kind: R('command-refused'),
    code: 'no-rollback-workflow',
    says: [/no rollback workflow/],
  },
  {
    situation: 'promoted',
    command: 'rollback',
    with: { reason: 'bad build' },
    kind: R('command'),
    code: 'rollback',
    says: [/^alice rolled back the release: every region it promoted is rolled back, newest first \(reason: "bad build"\)$/],
  },
];

/** The one entry a command left (kind command or command-refused), after everything it added. */
function commandEntries(added: HistoryEntry[]): HistoryEntry[] {
  return added.filter((h) => h.kind === 'command' || h.kind === 'command-refused' || h.kind === 'ignored');
}

describe('every command in every situation: one entry, its code and what it says', () => {
  it.each(ROWS.map((row) => ({ ...row, label: `${row.command}${row.with ? ` ${JSON.stringify(row.with)}` : ''}` })))(
    '$situation: $label -> $kind $code',
    (row) => {
      const h = SITUATIONS[row.situation]();
      const before = h.state.history.length;
      const beforeState = structuredClone(h.state);
      const out = h.send(commandEvent(h, row));
      const entries = commandEntries(h.state.history.slice(before));
      expect(entries, JSON.stringify(h.state.history.slice(before), null, 1)).toHaveLength(1);
      const entry = entries[0] as HistoryEntry;
      expect(entry).toMatchObject({ kind: row.kind, reasonCode: row.code, by: 'alice', numbers: { runId: 900 } });
      for (const re of row.says) expect(entry.reason).toMatch(re);
      expect(entry.stage).toBe(row.stage);
      expect(entry.region).toBe(row.region);
      expect(h.state.commandRuns?.at(-1)).toBe('900.1');
      if (row.kind === 'command-refused') {
        // A refusal changes nothing but the record of the run taken (and is saved with it).
        const { history: _h, commandRuns: _c, now: _n, ...rest } = h.state;
        const { history: _hb, commandRuns: _cb, now: _nb, ...was } = beforeState;
        expect(rest).toEqual(was);
        expect(out).toEqual([{ type: 'save-state' }]);
      }
    },
  );

  it('uses every refusal code the contract names at least once', () => {
    const codes = new Set(ROWS.filter((r) => r.kind === 'command-refused').map((r) => r.code));
    for (const code of [
      'permission-denied',
      'self-approval',
      'not-approver',
      'team-unverifiable',
      'run-unverified',
      'release-finished',
      'release-not-started',
      'release-stopping',
      'nothing-waiting',
      'stage-not-waiting',
      'region-not-waiting',
      'ambiguous',
      'already-approved',
      'already-paused',
      'not-paused',
      'region-required',
      'not-retryable',
      'release-running',
      'not-promoted',
      'no-rollback-workflow',
      'unknown-stage',
      'unknown-region',
      'plan-held',
      'adopt-plan-refused',
    ])
      expect(codes, code).toContain(code);
  });
});
