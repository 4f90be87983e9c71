/**
 * Who may approve or command a release. The core records decisions; this decides whether a
 * person's decision counts, using the plan's `approvals` (and a stage's own approver list) and
 * the person's repository permission. A denied decision is still fed to the core, marked
 * `denied`, so the history shows who tried and why it did not count.
 */
import type { Event } from '../core/events.js';
import { messageOf } from '../report/message.js';
import type { Plan } from '../plan/types.js';
import type { PermissionsPort } from './ports.js';

const RANK: Record<string, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

/** Why `by` may not decide (undefined: allowed). Pure: the permission is looked up by the caller. */
export function denialReason(
  plan: Plan,
  opts: { by: string; permission: string; initiator?: string; stage?: string; isApproval: boolean },
): string | undefined {
  const { approvals } = plan;
  const have = RANK[opts.permission] ?? 0;
  const need = RANK[approvals.minPermission] ?? RANK.write ?? 3;
  if (have < need) return `repository permission '${opts.permission}' is below the required '${approvals.minPermission}'`;
  if (!opts.isApproval) return undefined;
  if (!approvals.allowSelfApproval && opts.initiator !== undefined && opts.by === opts.initiator) {
    return 'the person who started the release cannot approve it (approvals.allowSelfApproval is false)';
  }
  const stage = plan.stages.find((s) => s.name === opts.stage);
  // A stage's own list narrows the plan's; team membership is checked by the adapter that knows teams.
  const users = stage?.approval?.users.length ? stage.approval.users : approvals.users;
  const teams = stage?.approval?.teams.length ? stage.approval.teams : approvals.teams;
  if (users.length > 0 && teams.length === 0 && !users.includes(opts.by)) return `not in the approvers list (${users.join(', ')})`;
  return undefined;
}

/** Marks inbox events whose author may not act. Permission lookups that fail deny (never allow by accident). */
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
    let permission: string;
    try {
      permission = await permissions.permissionOf(ev.by);
    } catch (err) {
      out.push({ ...ev, denied: `could not read the permission of ${ev.by}: ${messageOf(err)}` });
      continue;
    }
    const isApproval = ev.type === 'approval' || ev.name === 'approve' || ev.name === 'promote';
    const stage = ev.stage ?? currentStage;
    const denied = denialReason(plan, {
      by: ev.by,
      permission,
      isApproval,
      ...(stage !== undefined ? { stage } : {}),
      ...(initiator !== undefined ? { initiator } : {}),
    });
    out.push(denied === undefined ? ev : { ...ev, denied });
  }
  return out;
}
