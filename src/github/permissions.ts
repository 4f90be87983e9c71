/**
 * Repository permission of a person, for approvals. GitHub's `permission` folds maintain into
 * write and triage into read; `role_name` keeps the real role, so it is preferred when it is one
 * of the five built-in roles (a custom role falls back to `permission`).
 */
import { statusOf } from './client.js';
import type { GhContext } from './request-context.js';

const ROLES = new Set(['admin', 'maintain', 'write', 'triage', 'read']);

/** admin | maintain | write | triage | read | none (not a collaborator). */
export async function permissionOf(ctx: GhContext, user: string): Promise<string> {
  try {
    const res = await ctx.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner: ctx.owner, repo: ctx.repo, username: user });
    const d = res.data as { permission: string; role_name: string };
    return ROLES.has(d.role_name) ? d.role_name : d.permission;
  } catch (err) {
    if (statusOf(err) === 404) return 'none';
    throw err;
  }
}
