/**
 * @module store/sign-off/signed-document
 * The signed-off document kept when a version was approved, as it was issued.
 */
import { and, eq } from "drizzle-orm";
import { DomainError } from "../../core/errors.ts";
import { refCondition } from "../assessment-ref.ts";
import type { StoreDeps } from "../context.ts";
import { assessments, signedDocuments } from "../schema.ts";

export interface KeptDocument {
  assessmentId: string;
  slug: string;
  bytes: Buffer;
  sha256: string;
}

export async function signedDocument(
  { db }: StoreDeps,
  ref: string,
  version: number,
  format: "pdf" = "pdf",
): Promise<KeptDocument> {
  const rows = await db
    .select({
      assessmentId: assessments.id,
      slug: assessments.slug,
      content: signedDocuments.content,
      sha256: signedDocuments.sha256,
    })
    .from(assessments)
    .innerJoin(signedDocuments, eq(signedDocuments.assessmentId, assessments.id))
    .where(
      and(
        refCondition(ref),
        eq(signedDocuments.version, version),
        eq(signedDocuments.format, format),
      ),
    );
  const row = rows[0];
  if (!row)
    throw new DomainError("not_found", `version ${version} has no signed-off ${format} document`);
  return {
    assessmentId: row.assessmentId,
    slug: row.slug,
    bytes: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength),
    sha256: row.sha256,
  };
}
