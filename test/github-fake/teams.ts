/**
 * The fake's team memberships (`GET /orgs/{org}/teams/{team_slug}/memberships/{username}`), as
 * GitHub answers them to a token that may read the organisation: 200 `{url, role, state}` for a
 * member (`pending` until the invitation is accepted), 404 for anyone else and for a team that
 * does not exist. Who may ask is checked by the server (only the org token).
 */
import type { RepoRef } from './entities.js';
import type { Answer } from './records.js';

/** Members by `org/slug`: `active`, or `pending` (invited, not yet accepted). */
export type Teams = Record<string, Record<string, 'active' | 'pending'>>;

export function teamMembership(r: RepoRef, teams: Teams, org: string, slug: string, username: string): Answer {
  // GitHub's logins, org names and team slugs compare without case.
  const team = Object.entries(teams).find(([name]) => name.toLowerCase() === `${org}/${slug}`.toLowerCase())?.[1] ?? {};
  const state = Object.entries(team).find(([login]) => login.toLowerCase() === username.toLowerCase())?.[1];
  if (state === undefined)
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/teams/members#get-team-membership-for-a-user' } };
  return { status: 200, body: { url: `${r.base}/organizations/1/team/2/memberships/${username}`, role: 'member', state } };
}
