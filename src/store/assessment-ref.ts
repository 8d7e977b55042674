/**
 * @module store/assessment-ref
 * Every operation on one assessment takes a reference: its uuid or its slug (the file's id).
 * This is the one place that turns a reference into a row, so no caller looks an assessment
 * up first to learn its uuid.
 */
import { eq, type SQL } from "drizzle-orm";
import { DomainError } from "../core/errors.ts";
import type { WorkflowState } from "../core/vocabulary.ts";
import type { WriteTx } from "./audit.ts";
import type { Db } from "./db.ts";
import { assessments } from "./schema.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a reference is a uuid (else it is a slug). */
export const isUuid = (ref: string): boolean => UUID.test(ref);

/** Where-condition: the assessment a reference names. */
export function refCondition(ref: string): SQL {
  return isUuid(ref) ? eq(assessments.id, ref) : eq(assessments.slug, ref);
}

export const notFound = (ref: string) => new DomainError("not_found", `no assessment "${ref}"`);

/** The columns of an assessment row that workflow decisions are made on. */
export interface AssessmentHead {
  id: string;
  slug: string;
  status: WorkflowState;
  currentVersion: number;
  approvedVersion: number | null;
  blockers: number;
}

/** The columns of an `AssessmentHead`, for a select. */
export const HEAD = {
  id: assessments.id,
  slug: assessments.slug,
  status: assessments.status,
  currentVersion: assessments.currentVersion,
  approvedVersion: assessments.approvedVersion,
  blockers: assessments.blockers,
};

/** The assessment's row, or undefined. */
export async function findHead(
  db: Pick<Db, "select">,
  ref: string,
): Promise<AssessmentHead | undefined> {
  const rows = await db.select(HEAD).from(assessments).where(refCondition(ref));
  const row = rows[0];
  return row && { ...row, status: row.status };
}

/**
 * The assessment's row, locked for the rest of the transaction: workflow steps and edits on
 * one assessment are serialised, and each decides on the row as it is. `not_found` if none.
 */
export async function lockHead(tx: WriteTx, ref: string): Promise<AssessmentHead> {
  const rows = await tx.select(HEAD).from(assessments).where(refCondition(ref)).for("update");
  const row = rows[0];
  if (!row) throw notFound(ref);
  return { ...row, status: row.status };
}

/** The assessment's uuid; `not_found` if none. */
export async function idOf(db: Pick<Db, "select">, ref: string): Promise<string> {
  const rows = await db.select({ id: assessments.id }).from(assessments).where(refCondition(ref));
  const row = rows[0];
  if (!row) throw notFound(ref);
  return row.id;
}

/** A stale base version: `stale_version` with the current one. */
export function expectVersion(head: AssessmentHead, version: number): void {
  if (head.currentVersion !== version)
    throw new DomainError(
      "stale_version",
      `assessment changed since version ${version}; the current version is ${head.currentVersion}`,
      { currentVersion: head.currentVersion },
    );
}
