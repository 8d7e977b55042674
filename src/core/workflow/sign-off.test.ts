/**
 * The sign-off state machine: every action from every state for every account role, allowed
 * and refused, from a table written out by hand (not derived from TRANSITIONS, so a change to
 * the machine shows up here), then each action's own conditions.
 */
import { describe, expect, it } from "vitest";
import { ROLES, type Role, WORKFLOW_STATES, type WorkflowState } from "../vocabulary.ts";
import {
  decideSignOff,
  type SignOffAction,
  type SignOffFacts,
  type SignOffRequest,
} from "./sign-off.ts";

const facts = (state: WorkflowState, over: Partial<SignOffFacts> = {}): SignOffFacts => ({
  state,
  hasApprovedVersion: true,
  blockers: 0,
  openComments: 0,
  required: ["dpo", "legal-counsel"],
  decisions: [],
  segregateDuties: true,
  author: "user:author",
  ...over,
});

/** A request that meets every condition but the state and the role. */
const REQUESTS: Record<SignOffAction, SignOffRequest> = {
  submit: { action: "submit" },
  approve: { action: "approve", role: "dpo", signer: "user:a" },
  reject: { action: "reject", role: "dpo", signer: "user:a", comment: "Name the retention" },
  retire: { action: "retire", reason: "No longer processed" },
  edit: { action: "edit", reason: "Add a field" },
};

/** action → least role, and the state each allowed starting state leads to. */
const EXPECTED: Record<
  SignOffAction,
  { needs: Role; from: Partial<Record<WorkflowState, WorkflowState>> }
> = {
  submit: { needs: "editor", from: { draft: "in_review" } },
  approve: { needs: "approver", from: { in_review: "in_review" } },
  reject: { needs: "approver", from: { in_review: "draft" } },
  retire: {
    needs: "approver",
    from: { draft: "retired", in_review: "retired", approved: "retired" },
  },
  edit: { needs: "editor", from: { draft: "draft", in_review: "draft", approved: "draft" } },
};

const RANK: Record<Role, number> = { viewer: 1, editor: 2, approver: 3, admin: 4 };

describe("every transition x every role", () => {
  for (const [action, { needs, from }] of Object.entries(EXPECTED) as [
    SignOffAction,
    (typeof EXPECTED)[SignOffAction],
  ][]) {
    for (const state of WORKFLOW_STATES) {
      for (const role of ROLES) {
        const next = from[state];
        const roleOk = RANK[role] >= RANK[needs];
        const label = `${action} from ${state} as ${role}`;
        it(`${roleOk && next ? "allows" : "refuses"} ${label}`, () => {
          const out = decideSignOff(facts(state), REQUESTS[action], role);
          if (roleOk && next) {
            expect(out).toEqual({ ok: true, next, completes: false });
          } else {
            expect(out.ok).toBe(false);
            if (!out.ok)
              expect(out.error.code).toBe(roleOk ? "transition_not_allowed" : "forbidden");
          }
        });
      }
    }
  }
});

describe("conditions of each action", () => {
  it("refuses submission while a blocker finding is open", () => {
    const out = decideSignOff(facts("draft", { blockers: 2 }), REQUESTS.submit, "editor");
    expect(out.ok || out.error.code).toBe("blockers_open");
  });

  it("refuses to resubmit a rejected version unchanged", () => {
    const decisions = [{ role: "dpo", signer: "user:a", decision: "reject" }] as const;
    const out = decideSignOff(facts("draft", { decisions }), REQUESTS.submit, "editor");
    expect(out.ok || out.error.code).toBe("version_rejected");
  });

  it("stays in review until the last required role approves, then approves", () => {
    const first = decideSignOff(facts("in_review"), REQUESTS.approve, "approver");
    expect(first).toEqual({ ok: true, next: "in_review", completes: false });
    const last = decideSignOff(
      facts("in_review", { decisions: [{ role: "dpo", signer: "user:a", decision: "approve" }] }),
      { action: "approve", role: "legal-counsel", signer: "user:b" },
      "approver",
    );
    expect(last).toEqual({ ok: true, next: "approved", completes: true });
  });

  it("refuses approval while a comment is open, but not a rejection", () => {
    const open = facts("in_review", { openComments: 1 });
    const out = decideSignOff(open, REQUESTS.approve, "approver");
    expect(out.ok || out.error.code).toBe("comments_open");
    expect(decideSignOff(open, REQUESTS.reject, "approver").ok).toBe(true);
  });

  it("refuses one person signing for two roles, a role signing twice and a role not required", () => {
    const decisions = [{ role: "dpo", signer: "user:a", decision: "approve" }] as const;
    const twoRoles = decideSignOff(
      facts("in_review", { decisions }),
      { action: "approve", role: "legal-counsel", signer: "user:a" },
      "approver",
    );
    expect(twoRoles.ok || twoRoles.error.code).toBe("already_signed");
    const twice = decideSignOff(
      facts("in_review", { decisions }),
      { action: "reject", role: "dpo", signer: "user:b", comment: "No" },
      "approver",
    );
    expect(twice.ok || twice.error.code).toBe("already_signed");
    const notRequired = decideSignOff(
      facts("in_review"),
      { action: "approve", role: "security-lead", signer: "user:c" },
      "admin",
    );
    expect(notRequired.ok || notRequired.error.code).toBe("role_not_required");
  });

  it("refuses the author of a version its approval while duties are segregated, but not a rejection", () => {
    const authored = facts("in_review", { author: "user:a" });
    const own = decideSignOff(authored, REQUESTS.approve, "approver");
    expect(own.ok || own.error.code).toBe("author_cannot_approve");
    expect(decideSignOff(authored, REQUESTS.reject, "approver").ok).toBe(true);
    // Through one of their API tokens the author is the same person.
    const viaToken = decideSignOff(
      authored,
      { action: "approve", role: "dpo", signer: "token:t1", person: "user:a" },
      "approver",
    );
    expect(viaToken.ok || viaToken.error.code).toBe("author_cannot_approve");
    expect(
      decideSignOff(facts("in_review", { author: "user:b" }), REQUESTS.approve, "approver").ok,
    ).toBe(true);
    const oneTeam = facts("in_review", { author: "user:a", segregateDuties: false });
    expect(decideSignOff(oneTeam, REQUESTS.approve, "approver")).toEqual({
      ok: true,
      next: "in_review",
      completes: false,
    });
  });

  it("refuses a rejection without a comment", () => {
    const out = decideSignOff(
      facts("in_review"),
      { action: "reject", role: "dpo", signer: "user:a", comment: "  " },
      "approver",
    );
    expect(out.ok || out.error.code).toBe("comment_required");
  });

  it("needs a reason to change an approved version, not a draft", () => {
    const approved = decideSignOff(facts("approved"), { action: "edit" }, "editor");
    expect(approved.ok || approved.error.code).toBe("reason_required");
    expect(decideSignOff(facts("draft"), { action: "edit" }, "editor").ok).toBe(true);
  });

  it("retires only what has a version in force, with a reason", () => {
    const never = decideSignOff(
      facts("draft", { hasApprovedVersion: false }),
      REQUESTS.retire,
      "approver",
    );
    expect(never.ok || never.error.code).toBe("transition_not_allowed");
    const noReason = decideSignOff(facts("approved"), { action: "retire" }, "approver");
    expect(noReason.ok || noReason.error.code).toBe("reason_required");
  });
});
