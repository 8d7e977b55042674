/**
 * @module core/workflow/sign-off
 * The sign-off state machine of an assessment version, as data, and the one function that
 * decides whether an action may happen and what state follows. Pure: the store gathers the
 * facts (the current state, open blockers and comments, the decisions already recorded for the
 * version, the required roles) inside its transaction and asks `decideSignOff`; the browser can
 * ask the same question to grey out a button.
 *
 * States belong to versions: `draft → in_review → approved → superseded | retired`. The
 * assessment's status is its current version's. A version that was approved stays in force
 * (the assessment's approved version) while a later draft is worked on, until that draft is
 * approved and supersedes it.
 */
import { DomainError } from "../errors.ts";
import {
  hasRole,
  type Role,
  type SignOffDecision,
  type SignOffRole,
  type WorkflowState,
} from "../vocabulary.ts";

/** The actions a person takes. `supersede` is not one: it follows a later version's approval. */
export const SIGN_OFF_ACTIONS = ["submit", "approve", "reject", "retire", "edit"] as const;
export type SignOffAction = (typeof SIGN_OFF_ACTIONS)[number];

/** The required sign-off roles when the organisation has set none. */
export const DEFAULT_REQUIRED_ROLES: readonly SignOffRole[] = ["dpo"];

/**
 * Segregation of duties when the organisation has not said otherwise: on, so the person who
 * wrote a version is never the one who approves it (a second pair of eyes, Art. 5(2)
 * accountability); a one-person team turns it off in the workflow settings.
 */
export const DEFAULT_SEGREGATE_DUTIES = true;

export interface TransitionRule {
  /** The states the action may start from. */
  from: readonly WorkflowState[];
  /** Where it leads. `approve` stays in review until the last required role approves. */
  to: readonly WorkflowState[];
  /** The least account role that may take it. */
  needs: Role;
}

/**
 * The machine. `edit` saves a new version: from an approved version the new one is a draft
 * (with a stated reason) and the approved one stays in force; from a version in review the
 * review is withdrawn, because the reviewers were shown another text. `retire` ends an
 * assessment that has (or had) a version in force; one never approved is deleted instead.
 */
export const TRANSITIONS: Readonly<Record<SignOffAction, TransitionRule>> = {
  submit: { from: ["draft"], to: ["in_review"], needs: "editor" },
  approve: { from: ["in_review"], to: ["in_review", "approved"], needs: "approver" },
  reject: { from: ["in_review"], to: ["draft"], needs: "approver" },
  retire: { from: ["draft", "in_review", "approved"], to: ["retired"], needs: "approver" },
  edit: { from: ["draft", "in_review", "approved"], to: ["draft"], needs: "editor" },
};

/** What happens to the previously approved version when a later one is approved. */
export const SUPERSEDE: { from: "approved"; to: "superseded" } = {
  from: "approved",
  to: "superseded",
};

/** How an assessment was retired: kept on its row, and in the audited event. */
export interface Retirement {
  /** When (an ISO timestamp). */
  at: string;
  /** The retiring person's name (the principal when it has none). */
  by: string;
  reason: string;
}

/** A decision already recorded for the version under review. */
export interface RecordedDecision {
  role: SignOffRole;
  /** Who signed (e.g. `user:<id>`): one person signs for one role of a version. */
  signer: string;
  decision: SignOffDecision;
}

/** What the store knows about the assessment when an action is asked for. */
export interface SignOffFacts {
  /** The current version's state. */
  state: WorkflowState;
  /** Whether an earlier version is (or was) approved, so there is something to retire. */
  hasApprovedVersion: boolean;
  /** Blocker findings in the current version's stored evaluation. */
  blockers: number;
  /** Unresolved comments on the assessment. */
  openComments: number;
  /** The roles the organisation requires to approve. */
  required: readonly SignOffRole[];
  /** Decisions recorded for the current version. */
  decisions: readonly RecordedDecision[];
  /** Whether the author of a version may not approve it (an organisation setting). */
  segregateDuties: boolean;
  /**
   * The person who created the current version (`user:<id>`; a token's owner stands for
   * the token), or null when unknown.
   */
  author: string | null;
}

export type SignOffRequest =
  | { action: "submit" }
  | {
      action: "approve";
      role: SignOffRole;
      signer: string;
      /** The signer as a person (a token's owner), compared with the author; default `signer`. */
      person?: string | undefined;
    }
  | { action: "reject"; role: SignOffRole; signer: string; comment?: string | undefined }
  | { action: "retire"; reason?: string | undefined }
  | { action: "edit"; reason?: string | undefined };

export type SignOffOutcome =
  | {
      ok: true;
      /** The current version's state afterwards (for `edit`, the new version's). */
      next: WorkflowState;
      /** `approve` only: this decision completes the sign-off. */
      completes: boolean;
    }
  | { ok: false; error: DomainError };

const blank = (s: string | undefined) => s === undefined || s.trim() === "";

/** Whether an account role may take an action at all, whatever the state. */
export function mayTake(action: SignOffAction, role: Role): boolean {
  return hasRole(role, TRANSITIONS[action].needs);
}

/**
 * Decide an action for the facts and the acting account's role: the state that follows, or a
 * coded error saying why not. Checked in this order, so the answer names the first obstacle:
 * the account role, the state, then the action's own conditions.
 */
export function decideSignOff(
  facts: SignOffFacts,
  request: SignOffRequest,
  actorRole: Role,
): SignOffOutcome {
  const rule = TRANSITIONS[request.action];
  if (!mayTake(request.action, actorRole))
    return refuse("forbidden", `to ${request.action} needs the ${rule.needs} role or higher`, {
      action: request.action,
      needs: rule.needs,
    });
  if (!rule.from.includes(facts.state))
    return refuse(
      "transition_not_allowed",
      `cannot ${request.action} an assessment that is ${facts.state.replace("_", " ")}`,
      { action: request.action, state: facts.state, allowedFrom: rule.from },
    );
  switch (request.action) {
    case "submit":
      if (facts.blockers > 0)
        return refuse(
          "blockers_open",
          `${facts.blockers} blocker finding(s) must be resolved before review`,
          { blockers: facts.blockers },
        );
      if (facts.decisions.some((d) => d.decision === "reject"))
        return refuse(
          "version_rejected",
          "this version was rejected; save a changed version and submit that",
        );
      return { ok: true, next: "in_review", completes: false };
    case "approve":
    case "reject": {
      const signed = signingRefusal(facts, request.role, request.signer);
      if (signed) return signed;
      if (request.action === "reject") {
        if (blank(request.comment))
          return refuse("comment_required", "a rejection needs a comment saying what to change");
        return { ok: true, next: "draft", completes: false };
      }
      const person = request.person ?? request.signer;
      if (facts.segregateDuties && facts.author !== null && person === facts.author)
        return refuse(
          "author_cannot_approve",
          "you created this version, so someone else must approve it (segregation of duties)",
          { author: facts.author },
        );
      if (facts.openComments > 0)
        return refuse(
          "comments_open",
          `${facts.openComments} open comment(s) must be resolved before approval`,
          { openComments: facts.openComments },
        );
      const approved = new Set(
        facts.decisions.filter((d) => d.decision === "approve").map((d) => d.role),
      );
      approved.add(request.role);
      const completes = facts.required.every((r) => approved.has(r));
      return { ok: true, next: completes ? "approved" : "in_review", completes };
    }
    case "retire":
      if (facts.state !== "approved" && !facts.hasApprovedVersion)
        return refuse(
          "transition_not_allowed",
          "an assessment never approved is deleted, not retired",
          { action: "retire", state: facts.state },
        );
      if (blank(request.reason)) return refuse("reason_required", "say why it is retired");
      return { ok: true, next: "retired", completes: false };
    case "edit":
      if (facts.state === "approved" && blank(request.reason))
        return refuse(
          "reason_required",
          "an approved version is immutable: a new version needs a reason for the change",
        );
      return { ok: true, next: "draft", completes: false };
  }
}

/** Why this signer may not decide as this role on this version, if they may not. */
function signingRefusal(
  facts: SignOffFacts,
  role: SignOffRole,
  signer: string,
): SignOffOutcome | undefined {
  if (!facts.required.includes(role))
    return refuse("role_not_required", `"${role}" is not a required sign-off role`, {
      role,
      required: facts.required,
    });
  const byRole = facts.decisions.find((d) => d.role === role);
  if (byRole)
    return refuse("already_signed", `"${role}" has already decided on this version`, { role });
  const bySigner = facts.decisions.find((d) => d.signer === signer);
  if (bySigner)
    return refuse(
      "already_signed",
      `you signed this version as "${bySigner.role}"; one person signs for one role`,
      { role: bySigner.role },
    );
  return undefined;
}

function refuse(
  code: ConstructorParameters<typeof DomainError>[0],
  message: string,
  details: Record<string, unknown> = {},
): SignOffOutcome {
  return { ok: false, error: new DomainError(code, message, details) };
}
