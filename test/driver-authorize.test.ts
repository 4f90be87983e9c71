/**
 * Who may act on a release (src/driver/authorize.ts): repository permission for every command,
 * the approver lists for commands that let a release go on, no self-approval, and both people
 * behind a run (who started it and who re-ran it).
 */
import { describe, expect, it } from 'vitest';
import type { CommandName } from '../src/core/events.js';
import { denialOf, type Asked } from '../src/driver/authorize.js';
import { TeamsUnreadableError, type PermissionsPort } from '../src/driver/ports.js';
import type { Plan } from '../src/plan/types.js';
import { makePlan, stage } from './support/plans.js';

const PERMISSIONS: Record<string, string> = { alice: 'admin', bob: 'maintain', carol: 'write', dave: 'read', erin: 'maintain', 'github-actions[bot]': 'none' };
const TEAM: Record<string, string[]> = { 'acme/release-managers': ['erin'] };

function people(opts: { orgToken?: boolean; failFor?: string } = {}): PermissionsPort & { teamAsks: number } {
  const port = {
    teamAsks: 0,
    async permissionOf(user: string) {
      if (user === opts.failFor) throw new Error('GitHub answered 502');
      return PERMISSIONS[user] ?? 'none';
    },
    async isTeamMember(team: string, user: string) {
      port.teamAsks++;
      if (!opts.orgToken) throw new TeamsUnreadableError(`membership of team ${team} cannot be read: input org-token is not set`);
      return TEAM[team]?.includes(user) ?? false;
    },
  };
  return port;
}

function plan(over: Partial<Plan['approvals']> = {}, stageUsers: string[] = []): Plan {
  const p = makePlan({ stages: [stage('canary', ['a']), stage('europe', ['b'], { approval: { timeoutMs: 1, users: stageUsers, teams: [] } })] });
  p.approvals = { ...p.approvals, minPermission: 'maintain', ...over };
  return p;
}

const ask = (name: CommandName, by: string, extra: Partial<Asked> = {}): Asked => ({ name, by, stage: 'europe', ...extra });

describe('who may act', () => {
  it.each([
    // [case, plan approvals, asked, initiator, org token, code or undefined, words the denial names]
    ['a maintainer approves', {}, ask('approve', 'bob'), 'carol', false, undefined, []],
    [
      'permission below the minimum',
      {},
      ask('approve', 'carol'),
      'zed',
      false,
      'permission-denied',
      ["carol (who started the run) has repository permission 'write'", "'maintain'"],
    ],
    ['a bot token dispatching a command', {}, ask('approve', 'github-actions[bot]'), 'zed', false, 'permission-denied', ["'none'"]],
    ['the initiator approves', {}, ask('approve', 'alice'), 'alice', false, 'self-approval', ['started the release', 'allowSelfApproval']],
    ['the initiator promotes', {}, ask('promote', 'alice'), 'alice', false, 'self-approval', []],
    // Starting against a spent error budget is a second person's call (issue 15).
    ['the initiator overrides the freeze', {}, ask('override-freeze', 'alice'), 'alice', false, 'self-approval', ['started the release']],
    ['a maintainer overrides the freeze', {}, ask('override-freeze', 'bob'), 'carol', false, undefined, []],
    ['a writer below the minimum overrides the freeze', {}, ask('override-freeze', 'carol'), 'zed', false, 'permission-denied', ["'maintain'"]],
    ['the initiator aborts: stopping needs only the permission', {}, ask('abort', 'alice'), 'alice', false, undefined, []],
    ['self-approval allowed by the plan', { allowSelfApproval: true }, ask('approve', 'alice'), 'alice', false, undefined, []],
    [
      'a re-run by a read-only person',
      {},
      ask('approve', 'bob', { triggeredBy: 'dave' }),
      'zed',
      false,
      'permission-denied',
      ['dave (who re-ran it)', "'read'"],
    ],
    ['a re-run by the initiator', {}, ask('approve', 'bob', { triggeredBy: 'alice' }), 'alice', false, 'self-approval', ['alice (who re-ran it)']],
    [
      'not on the users list',
      { users: ['alice'] },
      ask('approve', 'bob'),
      'zed',
      false,
      'not-approver',
      ['bob (who started the run) is not an approver (users alice)'],
    ],
    ['on the users list', { users: ['bob'] }, ask('approve', 'bob'), 'zed', false, undefined, []],
    ['a list does not bar a stopping command', { users: ['alice'] }, ask('reject', 'bob'), 'zed', false, undefined, []],
    ['resume and retry follow the lists', { users: ['alice'] }, ask('retry', 'bob'), 'zed', false, 'not-approver', []],
    [
      'a team-only rule without an org token refuses',
      { teams: ['acme/release-managers'] },
      ask('approve', 'erin'),
      'zed',
      false,
      'team-unverifiable',
      ['org-token is not set', 'refused rather than allowed'],
    ],
    ['a team member with an org token', { teams: ['acme/release-managers'] }, ask('approve', 'erin'), 'zed', true, undefined, []],
    ['not a team member', { teams: ['acme/release-managers'] }, ask('approve', 'bob'), 'zed', true, 'not-approver', ['teams acme/release-managers']],
    ['the stage list narrows the plan list', { users: ['bob', 'erin'] }, ask('approve', 'bob'), 'zed', false, undefined, []],
  ] as const)('%s', async (_case, approvals, asked, initiator, orgToken, code, words) => {
    const p = plan(approvals as Partial<Plan['approvals']>);
    const denial = await denialOf(asked, p, people({ orgToken }), initiator);
    expect(denial?.deniedCode).toBe(code);
    for (const w of words) expect(denial?.denied).toContain(w);
  });

  it("a stage's own users replace the plan's for that stage", async () => {
    const p = plan({ users: ['bob'] }, ['erin']);
    expect((await denialOf(ask('approve', 'bob'), p, people(), 'zed'))?.deniedCode).toBe('not-approver');
    expect(await denialOf(ask('approve', 'erin'), p, people(), 'zed')).toBeUndefined();
    // Another stage keeps the plan's list.
    expect(await denialOf(ask('approve', 'bob', { stage: 'canary' }), p, people(), 'zed')).toBeUndefined();
  });

  it('a permission lookup that fails denies, never allows', async () => {
    const denial = await denialOf(ask('approve', 'bob'), plan(), people({ failFor: 'bob' }), 'zed');
    expect(denial).toEqual({
      deniedCode: 'permission-denied',
      denied: 'could not read the repository permission of bob (who started the run): GitHub answered 502',
    });
  });

  it('a listed user is allowed without asking about teams', async () => {
    const port = people({ orgToken: true });
    expect(await denialOf(ask('approve', 'bob'), plan({ users: ['bob'], teams: ['acme/release-managers'] }), port, 'zed')).toBeUndefined();
    expect(port.teamAsks).toBe(0);
  });
});
