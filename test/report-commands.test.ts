/** The "Approvals and commands" table: who gave the release what, and what came of it. */
import { describe, expect, it } from 'vitest';
import { initialState, type HistoryEntry, type State } from '../src/core/state.js';
import { commandEntries, commandsTable } from '../src/report/commands.js';
import { releaseSummary } from '../src/report/summary.js';
import { makePlan, stage } from './support/plans.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 2, 10, 40);
const runUrl = (id: number): string => `https://github.com/acme/shop/actions/runs/${id}`;
const plan = makePlan({ stages: [stage('canary', ['us-east-1']), stage('europe', ['eu-west-1'])] });

function stateOf(history: Array<Omit<HistoryEntry, 'at'> & { at?: number }>): State {
  const s = initialState(plan, 'shop-1.4.2', '1.4.2');
  s.status = 'running';
  s.now = T0 + 60 * MIN;
  s.history = history.map((h, i) => ({ at: T0 + i * MIN, ...h }));
  return s;
}

const approved: Omit<HistoryEntry, 'at'> = {
  kind: 'command',
  by: 'alice',
  stage: 'europe',
  reasonCode: 'approve',
  reason: 'alice approved stage europe: looks good',
  numbers: { runId: 4242 },
};
const refused: Omit<HistoryEntry, 'at'> = {
  kind: 'command-refused',
  by: 'bob',
  region: 'eu-west-1',
  reasonCode: 'region-not-waiting',
  reason: 'bob asked to approve region eu-west-1; refused: eu-west-1 is baking, nothing waits for a person there',
  numbers: { runId: 4243 },
};

describe('the approvals-and-commands table', () => {
  it('one row per command: when, who, what, accepted or refused with its code and why, the run linked', () => {
    const table = commandsTable(stateOf([{ kind: 'release-started', reasonCode: 'release-started', reason: 'started' }, approved, refused]), { runUrl })!;
    expect(table.split('\n')).toEqual([
      '| When (UTC) | Who | What | Result | Run |',
      '| --- | --- | --- | --- | --- |',
      '| 2026-12-02 10:41 UTC | alice | `approve` (stage `europe`) | ✅ accepted: alice approved stage europe: looks good | [run 4242](https://github.com/acme/shop/actions/runs/4242) |',
      '| 2026-12-02 10:42 UTC | bob | region `eu-west-1` | ⛔ refused (`region-not-waiting`): bob asked to approve region eu-west-1; refused: eu-west-1 is baking, nothing waits for a person there | [run 4243](https://github.com/acme/shop/actions/runs/4243) |',
    ]);
  });

  it('no run link without a URL base, nor to a URL that is not a plain https link; no table without commands', () => {
    expect(commandsTable(stateOf([approved]))).toContain('| run 4242 |');
    expect(commandsTable(stateOf([approved]), { runUrl: () => 'javascript:alert(1)' })).toContain('| run 4242 |');
    expect(commandsTable(stateOf([{ kind: 'release-started', reasonCode: 'x', reason: 'x' }]))).toBeUndefined();
  });

  it('older ledgers: approvals, pause and resume recorded as transitions, and ignored commands, are listed; a new entry is not listed twice', () => {
    const older = stateOf([
      { kind: 'release-started', by: 'carol', reasonCode: 'release-started', reason: 'started' },
      { kind: 'ignored', by: 'carol', reasonCode: 'event-ignored', reason: 'started ignored: the release has already started' },
      { kind: 'stage-approved', by: 'alice', stage: 'europe', reasonCode: 'approved', reason: 'alice approved stage europe' },
      { kind: 'release-held', by: 'bob', reasonCode: 'held', reason: 'bob paused the release' },
      { kind: 'ignored', by: 'bob', reasonCode: 'event-ignored', reason: 'command ignored: already paused' },
    ]);
    expect(commandEntries(older).map((h) => [h.kind, h.by])).toEqual([
      ['stage-approved', 'alice'],
      ['release-held', 'bob'],
      ['ignored', 'bob'],
    ]);
    const table = commandsTable(older)!;
    expect(table).toContain('| alice | `approve` (stage `europe`) | ✅ accepted: alice approved stage europe |');
    expect(table).toContain('| bob | `pause` | ✅ accepted: bob paused the release |');
    expect(table).toContain('| bob | – | ⛔ refused (`event-ignored`): command ignored: already paused |');
    // The new core: the command entry and the transition it caused, at the same instant, by the same person.
    const both = stateOf([approved]);
    both.history.push({ ...both.history[0]!, kind: 'stage-approved', reasonCode: 'approved', reason: 'alice approved stage europe' });
    expect(commandEntries(both).map((h) => h.kind)).toEqual(['command']);
  });

  it('names and reasons from outside cannot add a row, a link or HTML', () => {
    const table = commandsTable(stateOf([{ ...refused, by: 'x|y', stage: 'a`b', reason: '[click](https://evil.example)\n| forged | row |<script>' }]), {
      runUrl,
    })!;
    const rows = table.split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain('| x\\|y |');
    expect(rows[2]).toContain('stage a\\`b');
    expect(rows[2]).toContain('\\[click\\](https://evil.example) \\| forged \\| row \\|\\<script\\>');
    // Five cells: every other `|` in the row is escaped.
    expect(rows[2]!.split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it('the newest rows that fit, oldest first, with how many were left out; never half a row', () => {
    const many = stateOf(Array.from({ length: 60 }, (_, i) => ({ ...approved, reason: `alice approved stage europe (${i}) ${'x'.repeat(200)}` })));
    const byCount = commandsTable(many, { rows: 20 })!;
    expect(byCount.split('\n')[0]).toBe("_40 earlier entries left out; the release's history in its ledger has them._");
    expect(byCount).toContain('(59)');
    expect(byCount).not.toContain('(39)');
    const byBytes = commandsTable(many, { rows: 20, maxBytes: 2_000 })!;
    expect(Buffer.byteLength(byBytes)).toBeLessThanOrEqual(2_000);
    const rows = byBytes.split('\n').filter((l) => l.startsWith('| 2026'));
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect(row).toMatch(/^\| 2026-12-02 \d\d:\d\d UTC \| alice \| .* \| run 4242 \|$/);
    expect(rows.at(-1)).toContain('(59)');
    expect(byBytes.split('\n')[0]).toBe(`_${60 - rows.length} earlier entries left out; the release's history in its ledger has them._`);
  });

  it('in the summary: its own section, within the check run limit, rows whole, and the waiting block kept', () => {
    const s = stateOf(Array.from({ length: 400 }, (_, i) => ({ ...approved, reason: `alice approved stage europe (${i}) ${'y'.repeat(400)}` })));
    s.status = 'paused';
    s.hold = { by: 'bob', at: T0, reason: 'lunch' };
    const text = releaseSummary(s, plan, { people: { workflowFile: 'release.yml', runUrl }, maxBytes: 20_000 });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(20_000);
    expect(text.startsWith('### ✋ Release `shop-1.4.2` waits for a person')).toBe(true);
    const section = text.slice(text.indexOf('#### Approvals and commands'), text.indexOf('#### Latest verdicts'));
    expect(section).toMatch(/_\d+ earlier entries left out/);
    const rows = section.split('\n').filter((l) => l.startsWith('| 2026'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/\| \[run 4242\]\(https:\/\/github\.com\/acme\/shop\/actions\/runs\/4242\) \|$/);
    expect(section).toContain('(399)');
  });
});
