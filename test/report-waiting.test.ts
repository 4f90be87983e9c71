/** What a person reads while a release waits: what waits, until when, and the commands that go on. */
import { describe, expect, it } from 'vitest';
import { initialState, type RegionState, type State } from '../src/core/state.js';
import { releaseSummary } from '../src/report/summary.js';
import { ghCommand, waitingBlock, waitingNotice, type PeopleOptions } from '../src/report/waiting.js';
import { deadlineText, spanInWords, utcMinute } from '../src/report/when.js';
import { makePlan, stage } from './support/plans.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 2, 10, 40);
const PEOPLE: PeopleOptions = {
  workflowFile: 'release.yml',
  workflowUrl: 'https://github.com/acme/shop/actions/workflows/release.yml',
  runUrl: (id) => `https://github.com/acme/shop/actions/runs/${id}`,
};

const plan = makePlan({
  stages: [
    stage('canary', ['us-east-1']),
    stage('europe', ['eu-west-1', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-east-1', 'eu-far-1', 'eu-near-1'], {
      approval: { timeoutMs: 4 * 60 * MIN, users: ['alice'], teams: ['acme/release-managers'] },
    }),
  ],
});

/** A release started at T0 by carol, now at T0 + 40m, with `edit` applied. */
function stateWith(edit: (s: State) => void): State {
  const s = initialState(plan, 'shop-1.4.2', '1.4.2');
  s.status = 'running';
  s.startedAt = T0;
  s.initiator = 'carol';
  s.now = T0 + 40 * MIN;
  edit(s);
  return s;
}

const stageWaits = (s: State): void => {
  s.status = 'paused';
  s.stage = 1;
  const st = s.stages[1]!;
  st.phase = 'awaiting-approval';
  // Asked at T0 + 0, decided by T0 + 4h: from now (T0 + 40m) that is 3h 20m.
  st.approval = { requestedAt: T0, deadline: T0 + 4 * 60 * MIN };
};

function holdRegion(s: State, name: string, reason = 'gate errors: 2 inconclusive measurements exceed inconclusiveLimit 0'): void {
  const r = s.regions[name] as RegionState;
  s.stage = 1;
  s.stages[1]!.phase = 'running';
  r.phase = 'awaiting-approval';
  r.step = 0;
  r.approval = { requestedAt: T0 + 30 * MIN, deadline: T0 + 30 * MIN + 24 * 60 * MIN, reasonCode: 'gate-inconclusive', reason };
  r.bake = {
    startedAt: T0,
    endsAt: T0 + 5 * MIN,
    gates: {
      errors: {
        measurements: 2,
        successful: 0,
        failed: 0,
        inconclusive: 2,
        errors: 0,
        consecutiveErrors: 0,
        noDataWaits: 0,
        target: 5,
        status: 'inconclusive',
        nextAt: T0,
        awaiting: false,
      },
    },
  };
  s.active[name] = true;
}

describe('when: times people read', () => {
  it.each([
    [30_000, 'less than a minute'],
    [45 * MIN, '45m'],
    [3 * 60 * MIN + 20 * MIN + 59_000, '3h 20m'],
    [60 * MIN, '1h'],
    [2 * 24 * 60 * MIN + 4 * 60 * MIN + 7 * MIN, '2d 4h'],
  ])('spanInWords(%d) = %s', (ms, text) => expect(spanInWords(ms)).toBe(text));

  it('a deadline says when in UTC and how long is left, or how long ago it passed', () => {
    expect(utcMinute(T0)).toBe('2026-12-02 10:40 UTC');
    expect(deadlineText(T0 + 200 * MIN, T0)).toBe('until 2026-12-02 14:00 UTC (in 3h 20m)');
    expect(deadlineText(T0, T0 + 5 * MIN)).toBe('until 2026-12-02 10:40 UTC (passed 5m ago)');
    expect(utcMinute(8.7e15)).toBe('?');
  });
});

describe('the waiting block', () => {
  it('nothing waits: no block, no notice (running, pending, finished)', () => {
    for (const edit of [() => {}, (s: State) => void (s.status = 'pending'), (s: State) => void (s.status = 'finished')]) {
      const s = stateWith(edit);
      expect(waitingBlock(s, plan, PEOPLE)).toBeUndefined();
      expect(waitingNotice(s, plan, PEOPLE)).toBeUndefined();
      expect(releaseSummary(s, plan, { people: PEOPLE })).toMatch(/^### Release `shop-1\.4\.2`/);
    }
  });

  it('a stage approval: what waits first, the deadline, who may approve, the exact commands and the route', () => {
    const text = releaseSummary(stateWith(stageWaits), plan, { people: PEOPLE });
    const lines = text.split('\n');
    expect(lines[0]).toBe('### ✋ Release `shop-1.4.2` waits for a person');
    expect(lines[2]).toBe(
      '- Stage `europe` waits for an approval since 2026-12-02 10:40 UTC, until 2026-12-02 14:40 UTC (in 3h 20m); then the release stops (approval-timeout).',
    );
    expect(text).toContain(
      'Who may approve: `alice`, a member of team `acme/release-managers`, with write permission or more; not carol, who started the release.',
    );
    expect(lines).toContain('- approve: `gh workflow run release.yml -f command=approve -f release=shop-1.4.2 -f stage=europe`');
    expect(lines).toContain('- reject: `gh workflow run release.yml -f command=reject -f release=shop-1.4.2 -f stage=europe`');
    expect(lines).toContain('- abort: `gh workflow run release.yml -f command=abort -f release=shop-1.4.2`');
    expect(text).toContain(
      'Or in the browser: Actions tab → [release.yml](https://github.com/acme/shop/actions/workflows/release.yml) → Run workflow → command: approve, release: shop-1.4.2, stage: europe.',
    );
    // The usual headline follows the block.
    expect(text).toContain('\n### Release `shop-1.4.2`: paused');
  });

  it('a region held by a gate: which gate, why, its own deadline and the region commands', () => {
    const text = waitingBlock(
      stateWith((s) => holdRegion(s, 'eu-west-1')),
      plan,
      PEOPLE,
    )!;
    expect(text).toContain(
      '- Region `eu-west-1` (stage `europe`, step 1) is held by gate `errors` since 2026-12-02 11:10 UTC: gate errors: 2 inconclusive measurements exceed inconclusiveLimit 0; until 2026-12-03 11:10 UTC (in 23h 50m), then the region fails (approval-timeout).',
    );
    expect(text).toContain('`gh workflow run release.yml -f command=approve -f release=shop-1.4.2 -f region=eu-west-1`');
    expect(text).toContain('`gh workflow run release.yml -f command=reject -f release=shop-1.4.2 -f region=eu-west-1`');
    expect(text).not.toContain('command=promote'); // one region: approve says it
  });

  it('many held regions: five listed, the rest counted, promote offered', () => {
    const regions = plan.stages[1]!.regions;
    const text = waitingBlock(
      stateWith((s) => regions.forEach((r) => holdRegion(s, r))),
      plan,
      PEOPLE,
    )!;
    expect(text.split('\n').filter((l) => l.startsWith('- Region '))).toHaveLength(5);
    expect(text).toContain('- … and 2 more regions held (the table lists them)');
    expect(text).toContain('`gh workflow run release.yml -f command=promote -f release=shop-1.4.2`');
  });

  it('a pause: who paused, since when, and resume', () => {
    const text = waitingBlock(
      stateWith((s) => (s.hold = { by: 'bob', at: T0 + 20 * MIN, reason: 'waiting for the payments team' })),
      plan,
      PEOPLE,
    )!;
    expect(text).toContain('- Paused by bob since 2026-12-02 11:00 UTC: waiting for the payments team; no new step or region starts until resume.');
    expect(text).toContain('- resume: `gh workflow run release.yml -f command=resume -f release=shop-1.4.2`');
    expect(text).not.toContain('Who may approve');
  });

  it('a changed plan: adopt-plan with the digest the reason names', () => {
    const digest = `sha256:${'ab12'.repeat(16)}`;
    const text = waitingBlock(
      stateWith((s) => {
        s.status = 'paused';
        s.planChanged = { reasonCode: 'plan-changed', digest, reason: 'plan changed since the release started: stage europe added', at: T0 + 10 * MIN };
      }),
      plan,
      PEOPLE,
    )!;
    expect(text).toContain('- The release is held for its plan since 2026-12-02 10:50 UTC: plan changed since the release started: stage europe added');
    expect(text).toContain('- adopt-plan: `gh workflow run release.yml -f command=adopt-plan:ab12ab12ab12 -f release=shop-1.4.2`');
  });

  it('text from outside is neutralised; a name that cannot be a stage or region never reaches a command line', () => {
    const evil = 'x`](https://evil.example)<img src=x>|';
    const s = stateWith((st) => {
      stageWaits(st);
      st.stages[1]!.name = evil;
      st.releaseId = 'shop 1`; rm -rf ~';
      st.hold = { by: '[bob](https://evil.example)', at: T0, reason: '**now**\n| a | b |' };
    });
    const text = waitingBlock(s, plan, { workflowFile: 'release`.yml', workflowUrl: 'javascript:alert(1)' })!;
    expect(text).toContain('`gh workflow run <release workflow> -f command=approve -f release=<release id> -f stage=<stage>`');
    // Markdown reads `\]` and `\<` as the characters, never as a link's end or a tag.
    expect(text).not.toMatch(/(?<!\\)\]\(https:\/\/evil/);
    expect(text).not.toMatch(/(?<!\\)<img/);
    expect(text).not.toContain('javascript:');
    expect(text).toContain('Paused by \\[bob\\](https://evil.example)');
    expect(text).toContain('\\*\\*now\\*\\* \\| a \\| b \\|');
    // Every line of the block is one Markdown line: a reason's line break did not start a table.
    expect(text.split('\n').some((l) => l.startsWith('|'))).toBe(false);
  });

  it('ghCommand builds only from validated words', () => {
    expect(ghCommand(PEOPLE, 'shop-1.4.2', { command: 'approve', region: 'EU_West' })).toBe(
      'gh workflow run release.yml -f command=approve -f release=shop-1.4.2 -f region=<region>',
    );
  });
});

describe('waitingNotice', () => {
  it('one plain line: what waits, the deadline and the command that goes on', () => {
    const line = waitingNotice(stateWith(stageWaits), plan, PEOPLE)!;
    expect(line).toBe(
      'Release shop-1.4.2 waits for a person: Stage europe waits for an approval since 2026-12-02 10:40 UTC, until 2026-12-02 14:40 UTC (in 3h 20m); then the release stops (approval-timeout). To go on: gh workflow run release.yml -f command=approve -f release=shop-1.4.2 -f stage=europe, or reject (or Actions tab → release.yml → Run workflow → command: approve, release: shop-1.4.2, stage: europe).',
    );
  });

  it('untrusted text cannot break the line or start a runner command', () => {
    const line = waitingNotice(
      stateWith((s) => (s.hold = { by: 'mallory', at: T0, reason: 'x\n::error::owned\r\u001b[31m' })),
      plan,
      PEOPLE,
    )!;
    expect(line).not.toMatch(/[\n\r\u001b]/);
    expect(line).toContain('x\\n::error::owned\\r\\u001b[31m');
    expect(line).toContain('gh workflow run release.yml -f command=resume -f release=shop-1.4.2');
    expect(line).not.toContain('`');
  });
});
