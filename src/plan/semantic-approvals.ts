/**
 * The semantic checks of who approves: logins and team slugs in the approver lists, and a stage
 * approved through a GitHub Environment (its reviewers decide, so lists beside it are refused).
 */
import type { PathSegment } from './positions.js';
import type { Reporter } from './reporter.js';
import type { Checked } from './semantic-context.js';

const USER_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/;
const TEAM_RE = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;

type Names = readonly (string | undefined)[] | undefined;

function checkPeople(users: Names, teams: Names, path: PathSegment[], r: Reporter): void {
  users?.forEach((u, i) => {
    if (u !== undefined && !USER_RE.test(u))
      r.error([...path, 'users', i], `must be a GitHub login (letters, digits and '-', at most 39 characters); got '${u}'`);
  });
  teams?.forEach((t, i) => {
    if (t !== undefined && !TEAM_RE.test(t)) r.error([...path, 'teams', i], `must be a team as org/team-slug, e.g. my-org/release-managers; got '${t}'`);
  });
}

export function checkApprovals({ plan, valid, r }: Checked): void {
  checkPeople(plan.approvals?.users, plan.approvals?.teams, ['approvals'], r);
  plan.stages?.forEach((s, si) => {
    if (!s?.approval || typeof s.approval !== 'object') return;
    const path = ['stages', si, 'approval'];
    checkPeople(s.approval.users, s.approval.teams, path, r);
    // With a broken environment, whether it is set (and so what workflow, users and teams mean) is not known.
    if (!valid.unknown([...path, 'environment'])) checkEnvironmentApproval(s.approval, path, r);
  });
}

/**
 * An environment approval is given in GitHub, by the environment's required reviewers: a list of
 * people here would look like a second rule and be none, so it is refused where it is written.
 */
function checkEnvironmentApproval(
  approval: { environment?: string | undefined; workflow?: string | undefined; users?: Names; teams?: Names },
  path: PathSegment[],
  r: Reporter,
): void {
  const { environment } = approval;
  if (environment === undefined) {
    if (approval.workflow !== undefined)
      r.error(
        [...path, 'workflow'],
        'names the approval workflow of an environment approval, but approval.environment is not set; add environment: <GitHub environment name>',
        'key',
      );
    return;
  }
  for (const field of ['users', 'teams'] as const) {
    if (approval[field] === undefined) continue;
    r.error(
      [...path, field],
      `cannot be combined with approval.environment: the required reviewers of GitHub environment '${environment}' decide who approves this stage (set them in the repository's Settings > Environments); remove ${field}, or remove environment to have the action ask the people listed`,
      'key',
    );
  }
}
