/**
 * Who may approve or command a release. The core records decisions; this decides whether a
 * person's decision counts, before the core sees it, from the plan's `approvals` (a stage's own
 * approver lists narrow the plan's), the person's repository permission and team membership.
 * A denied decision is still fed to the core, marked `denied` with a stable `deniedCode`, so the
 * history shows who tried, what and why it did not count.
 *
 * Both people behind a run must qualify: GITHUB_ACTOR (who started the run) and
 * GITHUB_TRIGGERING_ACTOR (who started this attempt): a re-run by someone else does not inherit
 * the first person's right. Which rules apply depends on what the command does:
 * - every command: repository permission at least `approvals.minPermission`;
 * - commands that let the release go on (approve, promote, resume, retry, adopt-plan): the
 *   approver lists (`users`, `teams`) of the current stage, when the plan has any;
 * - approve and promote: not the person who started the release, unless `allowSelfApproval`.
 * Stopping commands (reject, abort, pause, rollback) need the permission only: anyone trusted to
 * release may stop one. A lookup that fails denies; nothing is allowed by accident.
 */
import type { CommandName, Event } from '../core/events.js';
import { messageOf } from '../report/message.js';
import type { Plan } from '../plan/types.js';
import { TeamsUnreadableError, type PermissionsPort } from './ports.js';

const RANK: Record<string, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

/** Commands that let a release go on: the approver lists apply to them. */
const ADVANCES: ReadonlySet<CommandName> = new Set(['approve', 'promote', 'resume', 'retry', 'adopt-plan', 'override-freeze']);
/**
 * Commands that approve: the person who started the release may not give them (allowSelfApproval).
 * override-freeze is one: starting against a spent error budget is a second person's call.
 */
const APPROVES: ReadonlySet<CommandName> = new Set(['approve', 'promote', 'override-freeze']);

export interface Denial {
  deniedCode: 'permission-denied' | 'self-approval' | 'not-approver' | 'team-unverifiable' | 'run-unverified';
  denied: string;
}

/** The decision a person asks for, as authorization sees it. */
export interface Asked {
  name: CommandName;
  /** GITHUB_ACTOR of the run. */
  by: string;
  /** GITHUB_TRIGGERING_ACTOR of the attempt, when it is someone else. */
  triggeredBy?: string;
  /** The stage whose approver lists apply (the stage named, else the current one). */
  stage?: string;
}

/** The command an event asks for (an approval event is an approve or a reject). */
function askedOf(ev: Extract<Event, { type: 'approval' | 'command' }>, currentStage: string | undefined): Asked {
  const name: CommandName = ev.type === 'approval' ? ev.decision : ev.name;
  // The lists of the current stage: everything a person can approve (its approval, its held
  // regions, its failed regions) is in it, whatever stage the command names (the core refuses a
  // stage that does not wait); a named stage must not pick a laxer list.
  const stage = currentStage;
  const triggeredBy = ev.origin?.triggeredBy;
  return { name, by: ev.by, ...(triggeredBy !== undefined && triggeredBy !== ev.by ? { triggeredBy } : {}), ...(stage !== undefined ? { stage } : {}) };
}

/** Why `asked` does not count, or undefined when it does. Looks the people up through `permissions`. */
export async function denialOf(asked: Asked, plan: Plan, permissions: PermissionsPort, initiator: string | undefined): Promise<Denial | undefined> {
  const people: Array<{ login: string; role: string }> = [{ login: asked.by, role: 'who started the run' }];
  if (asked.triggeredBy !== undefined) people.push({ login: asked.triggeredBy, role: 'who re-ran it' });
  for (const person of people) {
    const denial = await personDenial(asked, person, plan, permissions, initiator);
    if (denial) return denial;
  }
  return undefined;
}

async function personDenial(
  asked: Asked,
  person: { login: string; role: string },
  plan: Plan,
  permissions: PermissionsPort,
  initiator: string | undefined,
): Promise<Denial | undefined> {
  const { approvals } = plan;
  const who = `${person.login} (${person.role})`;
  let permission: string;
  try {
    permission = await permissions.permissionOf(person.login);
  } catch (err) {
    return { deniedCode: 'permission-denied', denied: `could not read the repository permission of ${who}: ${messageOf(err)}` };
  }
  const need = RANK[approvals.minPermission] ?? RANK.write ?? 3;
  if ((RANK[permission] ?? 0) < need)
    return { deniedCode: 'permission-denied', denied: `${who} has repository permission '${permission}', below the required '${approvals.minPermission}'` };
  if (APPROVES.has(asked.name) && !approvals.allowSelfApproval && initiator !== undefined && person.login === initiator)
    return { deniedCode: 'self-approval', denied: `${who} started the release and may not approve it (approvals.allowSelfApproval is false)` };
  if (!ADVANCES.has(asked.name)) return undefined;
  return listDenial(asked, person.login, who, plan, permissions);
}

/** The approver lists: a person named in `users`, or an active member of one of `teams`. */
async function listDenial(asked: Asked, login: string, who: string, plan: Plan, permissions: PermissionsPort): Promise<Denial | undefined> {
  const stage = plan.stages.find((s) => s.name === asked.stage);
  const users = stage?.approval?.users.length ? stage.approval.users : plan.approvals.users;
  const teams = stage?.approval?.teams.length ? stage.approval.teams : plan.approvals.teams;
  if (users.length === 0 && teams.length === 0) return undefined;
  if (users.includes(login)) return undefined;
  const unreadable: string[] = [];
  for (const team of teams) {
    try {
      if (await permissions.isTeamMember(team, login)) return undefined;
    } catch (err) {
      unreadable.push(err instanceof TeamsUnreadableError ? err.message : `${team}: ${messageOf(err)}`);
    }
  }
  const lists = [users.length ? `users ${users.join(', ')}` : '', teams.length ? `teams ${teams.join(', ')}` : ''].filter(Boolean).join(' or ');
  if (unreadable.length > 0)
    return {
      deniedCode: 'team-unverifiable',
      denied: `${who} is not among the approvers' ${users.length ? 'users' : 'names'}, and team membership could not be checked (${unreadable.join('; ')}): refused rather than allowed`,
    };
  return { deniedCode: 'not-approver', denied: `${who} is not an approver (${lists})` };
}

/** Marks the approvals and commands whose people may not act (denied, deniedCode); others pass unchanged. */
export async function authorizeInbox(
  events: Event[],
  plan: Plan,
  permissions: PermissionsPort,
  initiator: string | undefined,
  currentStage: string | undefined,
): Promise<Event[]> {
  const out: Event[] = [];
  for (const ev of events) {
    if ((ev.type !== 'approval' && ev.type !== 'command') || ev.denied !== undefined) {
      out.push(ev);
      continue;
    }
    const denial = await denialOf(askedOf(ev, currentStage), plan, permissions, initiator);
    out.push(denial === undefined ? ev : { ...ev, ...denial });
  }
  return out;
}
