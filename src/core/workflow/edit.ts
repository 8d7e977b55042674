/**
 * @module core/workflow/edit
 * What saving an edit does to an assessment's workflow, decided without the database: the
 * state of the new version, whether a review in progress is withdrawn, and which
 * minimisation fields the edit adds to the version in force (each needs a review trigger:
 * seed 004's "no field may be added without a new or updated LIA"). The store gathers the
 * facts on the locked row and applies the answer in its transaction.
 */
import type { DomainError } from "../errors.ts";
import type { Assessment } from "../schema/index.ts";
import type { WorkflowState } from "../vocabulary.ts";
import { decideSignOff, TRANSITIONS } from "./sign-off.ts";

/** What the store knows about the assessment when an edit is saved. */
export interface EditFacts {
  /** The current version's state. */
  state: WorkflowState;
  /** The version in force, if one was approved (kept after a later draft is started). */
  approvedVersion: number | null;
}

export type EditDecision =
  | {
      ok: true;
      /** The new version's state: always a draft, which the sign-off workflow takes on. */
      next: WorkflowState;
      /** The edited version was in review: the review is withdrawn (back to draft). */
      withdrawsReview: boolean;
    }
  | { ok: false; error: DomainError };

/**
 * Decide an edit of an assessment in `facts.state`, with the reason the editor gave. Refused
 * when the assessment is retired, or when an approved version is changed without a reason
 * (`reason_required`). Edits reach the store only past the editor policy, so the editor role
 * is the one asked about.
 */
export function decideEdit(facts: EditFacts, reason: string | undefined): EditDecision {
  const outcome = decideSignOff(
    {
      state: facts.state,
      hasApprovedVersion: facts.approvedVersion !== null,
      blockers: 0,
      openComments: 0,
      required: [],
      decisions: [],
      segregateDuties: false,
      author: null,
    },
    { action: "edit", reason },
    TRANSITIONS.edit.needs,
  );
  if (!outcome.ok) return outcome;
  return { ok: true, next: outcome.next, withdrawsReview: facts.state === "in_review" };
}

const fieldNames = (doc: Pick<Assessment, "lia"> | undefined) =>
  new Set((doc?.lia?.minimisation?.fields ?? []).map((f) => f.name));

/**
 * The minimisation fields `next` adds to the approved version's specification, in the order
 * `next` lists them, leaving out those the version it was based on already had (a trigger was
 * raised for them when that version was saved).
 */
export function fieldsAdded(
  approved: Pick<Assessment, "lia"> | undefined,
  base: Pick<Assessment, "lia"> | undefined,
  next: Pick<Assessment, "lia">,
): string[] {
  const inForce = fieldNames(approved);
  const before = fieldNames(base);
  return [...fieldNames(next)].filter((f) => !inForce.has(f) && !before.has(f));
}
