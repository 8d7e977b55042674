/**
 * @module store/assessments/update-assessment
 * Saving a new version on top of the version it was based on. The row is locked first, so
 * the version check and the workflow's decision (core/workflow/edit) are made on the
 * assessment as it is, not as a concurrent save, submit or approval left it a moment ago. A
 * stale base is refused with the current record, never applied.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { DomainError } from "../../core/errors.ts";
import type { Evaluation } from "../../core/rules/types.ts";
import type { Assessment } from "../../core/schema/index.ts";
import { decideEdit, fieldsAdded } from "../../core/workflow/edit.ts";
import { type AssessmentContent, contentOf } from "../../core/workflow/recorded-status.ts";
import { type AssessmentHead, lockHead } from "../assessment-ref.ts";
import { chainAudits, type WriteTx, writeTransaction } from "../audit.ts";
import type { ActorClock, StoreDeps, WriteContext } from "../context.ts";
import { takeDraftIn } from "../drafts/draft-row.ts";
import { raiseTriggerIn } from "../reviews/raise-trigger.ts";
import { assessmentVersions } from "../schema.ts";
import { getAssessment } from "./get-assessment.ts";
import { type AssessmentRecord, evaluateForStore, mapUnique, recordOf } from "./record.ts";
import {
  type SerialisedVersion,
  serialiseVersion,
  UPDATE_COLUMNS,
  UPDATE_VALUES,
  VERSION_COLUMNS,
  versionJson,
} from "./row-json.ts";
import { setVersionStatusIn } from "./version-status.ts";

/**
 * Save `doc` as the next version of the assessment `ref` (id or slug), on top of
 * `baseVersion`. A stale base gets `stale_version` with the current record. The new version
 * is a draft: changing an approved version needs a `reason` (`reason_required`), and the
 * approved one stays in force until the draft is approved. A status the document records is
 * ignored: the workflow owns status. With `draftRevision`, the version is saved from the
 * working draft at that revision (`stale_draft` if it changed), which it then replaces.
 */
export async function updateAssessment(
  deps: StoreDeps,
  ref: string,
  baseVersion: number,
  doc: Assessment,
  ctx: WriteContext,
  reason?: string,
  draftRevision?: number,
): Promise<AssessmentRecord> {
  let saved: AssessmentRecord | undefined;
  // Evaluated and serialised before the transaction opens: the rules need nothing the
  // transaction reads, and on PGlite every other request waits while a transaction is open.
  const content = contentOf(doc);
  const evaluation = evaluateForStore(content, ctx.today);
  const evaluated = { content, evaluation, serialised: serialiseVersion(content, evaluation) };
  try {
    saved = await writeTransaction(deps.db, deps.cache, async (tx) => {
      const head = await lockHead(tx, ref);
      if (head.currentVersion !== baseVersion) return undefined;
      // Saved from the working draft: it becomes this version, unless it changed meanwhile.
      if (draftRevision !== undefined) await takeDraftIn(tx, head.id, draftRevision);
      return updateIn(tx, head, doc, ctx, reason, evaluated);
    });
  } catch (e) {
    throw mapUnique(e, doc);
  }
  if (!saved) {
    const current = await getAssessment(deps, ref);
    throw new DomainError(
      "stale_version",
      `assessment changed since version ${baseVersion}; the current version is ${current.version}`,
      { current },
    );
  }
  return saved;
}

/**
 * Save the next version of the locked assessment `head` (its current version is the base),
 * inside the caller's transaction, with the reason given for the change (if any).
 */
export async function updateIn(
  tx: WriteTx,
  head: AssessmentHead,
  changed: Assessment,
  ctx: WriteContext,
  given: string | undefined,
  /** `changed`'s content and evaluation as of `ctx.today`, when the caller made them already. */
  evaluated?: {
    content: AssessmentContent;
    evaluation: Evaluation;
    serialised?: SerialisedVersion;
  },
): Promise<AssessmentRecord> {
  const decision = decideEdit({ state: head.status, approvedVersion: head.approvedVersion }, given);
  const reason = given ?? "updated";
  if (!decision.ok) throw decision.error;
  const content = evaluated?.content ?? contentOf(changed);
  const { id, approvedVersion, currentVersion: base } = head;
  const evaluation = evaluated?.evaluation ?? evaluateForStore(content, ctx.today);
  const next = base + 1;
  const serialised = evaluated?.serialised ?? serialiseVersion(content, evaluation);
  // A review in progress is withdrawn: the reviewers were shown the text being replaced.
  if (decision.withdrawsReview) await setVersionStatusIn(tx, id, base, "draft");
  const added =
    approvedVersion === null
      ? []
      : await raiseFieldTriggersIn(tx, id, approvedVersion, base, content, ctx);
  const audit = await chainAudits(
    tx,
    [
      {
        actor: ctx.actor,
        action: "assessment.update",
        entityId: id,
        data: {
          slug: content.id,
          version: next,
          outcome: evaluation.outcome,
          reason,
          from: head.status,
          ...(approvedVersion === null ? {} : { approvedVersion }),
          ...(added.length ? { fieldsAdded: added } : {}),
        },
      },
    ],
    ctx.now,
  );
  // The row's new columns, the version and its audit event in one statement, each row one
  // JSON parameter: one round trip while the transaction holds the database.
  const row = `{${serialised.register},"status":${JSON.stringify(decision.next)},"current_version":${next},"updated_at":${JSON.stringify(ctx.now)}}`;
  await tx.execute(sql`
    with ${audit},
    changed as (
      update assessments as a set (${UPDATE_COLUMNS}) = (
        select ${UPDATE_VALUES} from json_populate_record(null::assessments, ${row}::json) as r)
      where a.id = ${id}
      returning 1)
    insert into assessment_versions (${VERSION_COLUMNS})
    select ${VERSION_COLUMNS} from json_populate_record(null::assessment_versions,
      ${versionJson(serialised, id, next, decision.next, reason, ctx.actor, ctx.now)}::json)`);
  return recordOf(id, next, content, evaluation, decision.next, ctx);
}

/**
 * After an edit of an assessment with a version in force: a `field-added` review trigger for
 * the minimisation fields the new version adds to the approved one (see core `fieldsAdded`).
 */
async function raiseFieldTriggersIn(
  tx: WriteTx,
  assessmentId: string,
  approvedVersion: number,
  baseVersion: number,
  doc: AssessmentContent,
  ctx: ActorClock,
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
  const docOf = (v: number) => rows.find((r) => r.version === v)?.document;
  const added = fieldsAdded(docOf(approvedVersion), docOf(baseVersion), doc);
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
