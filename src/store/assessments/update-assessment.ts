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
import { type AssessmentHead, isUuid, lockHead, notFound } from "../assessment-ref.ts";
import {
  chainAudits,
  eventWithHoles,
  type WriteTx,
  writeStatement,
  writeTransaction,
} from "../audit.ts";
import type { ActorClock, StoreDeps, WriteContext } from "../context.ts";
import { takeDraftIn } from "../drafts/draft-row.ts";
import { raiseTriggerIn } from "../reviews/raise-trigger.ts";
import { rowsOf } from "../rows.ts";
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
  // Evaluated and serialised before anything is locked: the rules need nothing the write
  // reads, and on PGlite every other request waits while the database is held.
  const content = contentOf(doc);
  const evaluation = evaluateForStore(content, ctx.today);
  const evaluated = { content, evaluation, serialised: serialiseVersion(content, evaluation) };
  let saved: AssessmentRecord | "stale" | undefined;
  try {
    saved = await saveDraft(deps, ref, baseVersion, ctx, reason, draftRevision, evaluated);
    // Anything else (a review to withdraw, a version in force, a working draft that changed)
    // is decided on the locked row in a transaction.
    saved ??= await writeTransaction(deps.db, deps.cache, async (tx) => {
      const head = await lockHead(tx, ref);
      if (head.currentVersion !== baseVersion) return "stale";
      // Saved from the working draft: it becomes this version, unless it changed meanwhile.
      if (draftRevision !== undefined) await takeDraftIn(tx, head.id, draftRevision);
      return updateIn(tx, head, doc, ctx, reason, evaluated);
    });
  } catch (e) {
    throw mapUnique(e, doc);
  }
  if (saved === "stale") {
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
 * The common save, in one statement (the `basis_save_version` function, migration 0012):
 * a new version of a draft with no version in force. The workflow's decision is made here on
 * that assumption, and the function writes only if the locked row bears it out. Undefined
 * when it does not (nothing was written): the caller saves in a transaction.
 */
async function saveDraft(
  deps: StoreDeps,
  ref: string,
  base: number,
  ctx: WriteContext,
  given: string | undefined,
  draftRevision: number | undefined,
  evaluated: { content: AssessmentContent; evaluation: Evaluation; serialised: SerialisedVersion },
): Promise<AssessmentRecord | "stale" | undefined> {
  const from = "draft";
  const decision = decideEdit({ state: from, approvedVersion: null }, given);
  if (!decision.ok) return undefined;
  const { content, evaluation, serialised } = evaluated;
  const next = base + 1;
  const reason = given ?? "updated";
  const event = eventWithHoles(
    {
      actor: ctx.actor,
      action: "assessment.update",
      entityId: "",
      data: { slug: content.id, version: next, outcome: evaluation.outcome, reason, from },
    },
    ctx.now,
  );
  const row = `{${serialised.register},"status":${JSON.stringify(decision.next)},"current_version":${next},"updated_at":${JSON.stringify(ctx.now)}}`;
  const uuid = isUuid(ref);
  const result = await writeStatement(
    deps.db,
    deps.cache,
    ["assessment.update"],
    sql`select result, result_id from basis_save_version(
      ${uuid ? ref : null}::uuid, ${uuid ? null : ref}::text, ${base}::integer, ${from}::text,
      ${draftRevision ?? null}::integer, ${row}::json,
      ${versionJson(serialised, null, next, decision.next, reason, ctx.actor, ctx.now)}::json,
      ${event.row}::json, ${sql.param(event.hashParts)}::text[])`,
  );
  const saved = rowsOf<{ result: string; result_id: string | null }>(result)[0];
  switch (saved?.result) {
    case "saved":
      return recordOf(saved.result_id as string, next, content, evaluation, decision.next, ctx);
    case "stale":
      return "stale";
    case "not_found":
      throw notFound(ref);
    default:
      return undefined;
  }
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
