/**
 * @module server/policies
 * Who may do what: named, pure policies over the acting principal's role. Routes name the
 * policy they need; the authorisation matrix test walks every route against every role.
 */
import { type Principal, ROLE_RANK, type Role } from "../store/accounts.ts";

const atLeast = (role: Role) => (p: Principal) => ROLE_RANK[p.role] >= ROLE_RANK[role];

export type Policy = ((p: Principal) => boolean) & { role: Role; policyName: string };

function policy(name: string, role: Role): Policy {
  return Object.assign(atLeast(role), { role, policyName: name });
}

export const canRead = policy("canRead", "viewer");
export const canEdit = policy("canEdit", "editor");
export const canApprove = policy("canApprove", "approver");
export const canAdminister = policy("canAdminister", "admin");
/** Submit a version for sign-off review. */
export const canSubmit = policy("canSubmit", "editor");
/** Retire an assessment in force; like approving, a decision of an approver. */
export const canRetire = policy("canRetire", "approver");
/** Comment on an assessment, and resolve or reopen comments. */
export const canComment = policy("canComment", "editor");
