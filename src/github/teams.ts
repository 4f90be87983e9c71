/**
 * Team membership, for approvers named by team (`org/slug`). The repository's token cannot read
 * an organisation's teams, so this asks with the org token (input org-token) through a client of
 * its own; every way of not knowing (no token, a token GitHub refuses or keeps out, an answer
 * without a state) throws, so a team rule refuses and never allows.
 */
import { TeamsUnreadableError } from '../driver/ports.js';
import { oneLine } from '../report/untrusted.js';
import { truncate } from '../report/text.js';
import { isTransient, statusOf } from './client.js';
import type { RequestFn } from './request-context.js';

const TEAM = /^([^/\s]+)\/([^/\s]+)$/;

/** What GitHub said, fit for a log line (it may echo what we sent, so it is not ours). */
function saidBy(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return truncate(oneLine(typeof message === 'string' ? message : String(err)), 200);
}

/**
 * Whether `user` is an active member of `team`: a pending invitation is not membership, and
 * GitHub's 404 (not a member, or no such team) is not either. `request` undefined: no org token.
 */
export async function isTeamMember(request: RequestFn | undefined, team: string, user: string): Promise<boolean> {
  const which = `team ${oneLine(team)}`;
  if (request === undefined)
    throw new TeamsUnreadableError(
      `the membership of ${which} cannot be read: input 'org-token' is not set, and the repository's token cannot read an organisation's teams. ` +
        "Pass a token that may read the organisation's members (a GitHub App or a PAT with members: read) as org-token, or name the approvers as users",
    );
  const parts = TEAM.exec(team);
  if (!parts) throw new TeamsUnreadableError(`the membership of ${which} cannot be read: expected a team as org/team-slug, e.g. my-org/release-managers`);
  const [, org = '', slug = ''] = parts;
  let data: unknown;
  try {
    data = (await request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { org, team_slug: slug, username: user })).data;
  } catch (err) {
    const status = statusOf(err);
    if (status === 404) return false;
    // A rate limit the client gave up on is no answer about the token: it stays what it is.
    if (status === 401 || (status === 403 && !isTransient(err)))
      throw new TeamsUnreadableError(
        `the membership of ${which} cannot be read with input 'org-token': GitHub answered ${status} "${saidBy(err)}". ` +
          (status === 401
            ? 'The token is wrong, expired or revoked: pass a valid one'
            : `Give it read access to the members of ${oneLine(org)} (a GitHub App installed there with members: read, or a PAT with read:org)`),
        { cause: err },
      );
    throw err;
  }
  const state = (data as { state?: unknown } | null)?.state;
  if (state === 'active') return true;
  if (state === 'pending') return false;
  throw new TeamsUnreadableError(`the membership of ${which} cannot be read: GitHub's answer carries no membership state`);
}
