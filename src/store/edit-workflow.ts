import { and, eq, inArray, sql } from "drizzle-orm";
import type { Assessment } from "../core/schema/index.ts";
import {
  decideSignOff,
  type SignOffFacts,
  TRANSITIONS,
  type WorkflowState,
} from "../core/workflow/sign-off.ts";
import type { Db } from "./db.ts";
import { raiseTriggerIn } from "./review-triggers.ts";
import { assessmentVersions } from "./schema.ts";

type Ctx = { actor: string; now: Date };

/** Set a version's status in its row and in its document's `status` field. */
export async function setVersionStatusIn(
  tx: Db,
  assessmentId: string,
  version: number,
  status: WorkflowState,
): Promise<void> {
  await tx
    .update(assessmentVersions)
    .set({
      status,
      document: sql`jsonb_set(${assessmentVersions.document}, '{status}', to_jsonb(${status}::text))`,
    })
    .where(
      and(
        eq(assessmentVersions.assessmentId, assessmentId),
        eq(assessmentVersions.version, version),
      ),
    );
}

/**
 * The state of the new version an edit saves, for an assessment in `status` (throws when the
 * edit is refused: a retired assessment, or an approved version changed without a reason).
 * Edits reach the store only past the editor policy, so that is the role asked about.
 */
export function decideEdit(
  status: string,
  approvedVersion: number | null,
  reason: string | undefined,
): WorkflowState {
  const facts: SignOffFacts = {
    state: status as WorkflowState,
    hasApprovedVersion: approvedVersion !== null,
    blockers: 0,
    openComments: 0,
    required: [],
    decisions: [],
  };
  const outcome = decideSignOff(facts, { action: "edit", reason }, TRANSITIONS.edit.needs);
  if (!outcome.ok) throw outcome.error;
  return outcome.next;
}

const fieldNames = (doc: Assessment | undefined) =>
  new Set((doc?.lia?.minimisation?.fields ?? []).map((f) => f.name));

/**
 * After an edit of an assessment with a version in force: raise a `field-added` review trigger
 * for the minimisation fields the new version adds to the approved one, unless the version it
 * was based on already had them (a trigger was raised for them then).
 */
export async function raiseFieldTriggersIn(
  tx: Db,
  assessmentId: string,
  approvedVersion: number,
  baseVersion: number,
  doc: Assessment,
  ctx: Ctx,
): Promise<string[]> {
  const rows = await tx
    .select({ version: assessmentVersions.version, document: assessmentVersions.document })
    .from(assessmentVersions)
    .where(
      and(
        eq(assessmentVersions.assessmentId, assessmentId),
        inArray(assessmentVersions.version, [approvedVersion, baseVersion]),
      ),
    );
  const docOf = (v: number) =>
    rows.find((r) => r.version === v)?.document as Assessment | undefined;
  const approved = fieldNames(docOf(approvedVersion));
  const base = fieldNames(docOf(baseVersion));
  const added = [...fieldNames(doc)].filter((f) => !approved.has(f) && !base.has(f));
  if (added.length === 0) return added;
  await raiseTriggerIn(
    tx,
    assessmentId,
    "field-added",
    `${added.length > 1 ? "fields" : "field"} added to the minimisation specification since version ${approvedVersion} was approved: ${added.join(", ")}`,
    ctx,
  );
  return added;
}
