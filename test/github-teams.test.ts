/**
 * Team membership through the org token, against the HTTP fake: an active member is a member, a
 * pending one and anyone GitHub answers 404 for are not; without an org token, with a token
 * GitHub refuses (401) or keeps out (403, the repository's own token), or with an answer that
 * says no state, it throws TeamsUnreadableError, so a team rule refuses and never allows. The
 * org token never shows in a log line or a message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, TEST_TIMING } from '../src/github/client.js';
import { installEtagCache } from '../src/github/etag.js';
import { createGitHubPort, type GitHubPortOptions } from '../src/github/port.js';
import { isTeamMember } from '../src/github/teams.js';
import { TeamsUnreadableError } from '../src/driver/ports.js';
import { GitHubFake, type FakeOptions } from './github-fake/server.js';
import { OpenApiValidator } from './github-fake/validator.js';

const ORG_TOKEN = 'org-secret-7f3a';
let fake: GitHubFake;

async function setup(po: { [K in keyof GitHubPortOptions]?: GitHubPortOptions[K] | undefined } = {}, fo: FakeOptions = {}) {
  fake = new GitHubFake({
    orgToken: ORG_TOKEN,
    teams: { 'acme/release-managers': { alice: 'active', pat: 'pending' }, 'acme/sre': { Bob: 'active' } },
    permissions: { alice: 'admin' },
    ...fo,
  });
  await fake.start();
  const logs: string[] = [];
  const octokit = createClient({ token: 'test-token', baseUrl: fake.url, timing: TEST_TIMING, log: (m) => logs.push(m) });
  installEtagCache(octokit);
  const port = createGitHubPort(
    withoutUndefined({
      octokit,
      owner: 'acme',
      repo: 'shop',
      headSha: 'a'.repeat(40),
      holder: '4242',
      apiUrl: fake.url,
      orgToken: ORG_TOKEN,
      orgClientTiming: TEST_TIMING,
      sleep: async () => undefined,
      log: (m) => logs.push(m),
      ...po,
    }),
  );
  return { port, logs };
}

const memberships = () => fake.log.filter((e) => e.template === '/orgs/{org}/teams/{team_slug}/memberships/{username}');

/** What a refusal says: the error's message, or the value itself when it did not throw. */
async function refusal(p: Promise<unknown>): Promise<TeamsUnreadableError> {
  const got = await p.then(
    (v) => v,
    (e: unknown) => e,
  );
  expect(got).toBeInstanceOf(TeamsUnreadableError);
  return got as TeamsUnreadableError;
}

/** An option given as undefined is left out (exactOptionalPropertyTypes: absent, not undefined). */
function withoutUndefined(o: { [K in keyof GitHubPortOptions]?: GitHubPortOptions[K] | undefined }): GitHubPortOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as GitHubPortOptions;
}

afterEach(async () => {
  await fake?.stop();
});

describe('isTeamMember', () => {
  it.each([
    { who: 'an active member', team: 'acme/release-managers', user: 'alice', member: true },
    { who: 'a pending member (invited, not accepted)', team: 'acme/release-managers', user: 'pat', member: false },
    { who: 'a non-member (GitHub answers 404)', team: 'acme/release-managers', user: 'mallory', member: false },
    { who: 'anyone, of a team that does not exist (404)', team: 'acme/nobody', user: 'alice', member: false },
    { who: 'an active member, logins compared without case', team: 'acme/sre', user: 'bob', member: true },
  ])('$who: $member', async ({ team, user, member }) => {
    const { port } = await setup();
    expect(await port.isTeamMember(team, user)).toBe(member);
    expect(memberships()).toHaveLength(1);
    expect(fake.errors).toEqual([]);
  });

  it('asks with the org token, and the same question again costs a 304', async () => {
    const { port } = await setup();
    expect(await port.isTeamMember('acme/release-managers', 'alice')).toBe(true);
    expect(await port.isTeamMember('acme/release-managers', 'alice')).toBe(true);
    expect(memberships().map((e) => e.status)).toEqual([200, 304]);
    // The repository's own requests still go with the repository's token.
    expect(await port.permissionOf('alice')).toBe('admin');
    expect(fake.errors).toEqual([]);
  });

  it('without an org token: TeamsUnreadableError naming the input, and nothing asked', async () => {
    const { port } = await setup({ orgToken: undefined });
    const err = await refusal(port.isTeamMember('acme/release-managers', 'alice'));
    expect(err.message).toMatch(/membership of team acme\/release-managers cannot be read: input 'org-token' is not set/);
    expect(memberships()).toEqual([]);
  });

  it("the repository's token as org token is kept out (403): TeamsUnreadableError naming the team and what GitHub said", async () => {
    const { port } = await setup({ orgToken: 'test-token' });
    const err = await refusal(port.isTeamMember('acme/release-managers', 'alice'));
    expect(err.message).toMatch(
      /^the membership of team acme\/release-managers cannot be read with input 'org-token': GitHub answered 403 "Resource not accessible by integration.*"\. Give it read access to the members of acme/,
    );
    expect(memberships().map((e) => e.status)).toEqual([403]);
    expect(fake.errors).toEqual([]);
  });

  it('a token GitHub refuses (401): TeamsUnreadableError, and the token shows nowhere', async () => {
    const { port, logs } = await setup({ orgToken: 'revoked-9c1d' });
    const err = await refusal(port.isTeamMember('acme/release-managers', 'alice'));
    expect(err.message).toMatch(/GitHub answered 401 .*The token is wrong, expired or revoked/);
    expect(JSON.stringify([err.message, String(err.cause), logs])).not.toContain('revoked-9c1d');
    expect(fake.errors).toEqual([]);
  });

  it("the fake's answers are held to the extract: a 404 described without content still has GitHub's error shape", () => {
    const v = new OpenApiValidator();
    const op = v.match('GET', '/orgs/acme/teams/sre/memberships/bob');
    if (!op) throw new Error('the extract lacks the memberships route');
    expect(v.checkResponse(op, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })).toEqual([]);
    expect(v.checkResponse(op, 404, { message: 404 }).join()).toMatch(/message: expected string/);
    expect(v.checkResponse(op, 200, { url: 'https://x.test/m', role: 'member', state: 'gone' }).join()).toMatch(/not one of \["active","pending"\]/);
  });

  it('the org token reaches only the organisation (the fake keeps it out of the repository, as a members: read token)', async () => {
    await setup();
    const res = await fetch(`${fake.url}/repos/acme/shop/collaborators/alice/permission`, { headers: { authorization: `token ${ORG_TOKEN}` } });
    expect(res.status).toBe(403);
  });

  it('never shows the org token in a log line or a message', async () => {
    const { port, logs } = await setup({}, { faults: (c) => (c.template.startsWith('/orgs/') ? { kind: 'status', status: 502 } : undefined) });
    const err = await port.isTeamMember('acme/release-managers', 'alice').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(JSON.stringify([String(err), (err as { request?: unknown }).request, logs])).not.toContain(ORG_TOKEN);
  });
});

describe('isTeamMember on odd answers (a plain request function)', () => {
  const failing = (status: number, message: string) => async () => {
    throw Object.assign(new Error(message), { status });
  };

  it('an answer without a state is no membership: TeamsUnreadableError', async () => {
    const err = await refusal(isTeamMember(async () => ({ status: 200, data: '<html>', headers: {} }), 'acme/sre', 'bob'));
    expect(err.message).toMatch(/carries no membership state/);
  });

  it("GitHub's words are neutralised: one line, no runner command, cut", async () => {
    const err = await refusal(isTeamMember(failing(403, `nope\n::add-mask::x ${'y'.repeat(400)}`), 'acme/sre', 'bob'));
    expect(err.message).not.toMatch(/\n/);
    expect(err.message).toContain('nope\\n::add-mask::x');
    expect(err.message.length).toBeLessThan(500);
  });

  it('a rate limit the client gave up on stays a rate limit (not "the token may not read")', async () => {
    const err = await isTeamMember(failing(403, 'API rate limit exceeded'), 'acme/sre', 'bob').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(TeamsUnreadableError);
    expect(err).toMatchObject({ status: 403 });
  });

  it('a team that is not org/slug: TeamsUnreadableError naming the expected form', async () => {
    const err = await refusal(isTeamMember(failing(500, 'unused'), 'release-managers', 'bob'));
    expect(err.message).toMatch(/expected a team as org\/team-slug/);
  });
});
