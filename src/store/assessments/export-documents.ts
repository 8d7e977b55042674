/**
 * @module store/assessments/export-documents
 * Every assessment's current version as a file, for exports (YAML, the register documents,
 * `basis check --server`): the content with its stored status written in.
 */
import { asc } from "drizzle-orm";
import type { Assessment } from "../../core/schema/index.ts";
import { asFile } from "../../core/workflow/recorded-status.ts";
import type { StoreDeps } from "../context.ts";
import { assessments, assessmentVersions } from "../schema.ts";
import { CURRENT_VERSION } from "./get-assessment.ts";

/** Every assessment's current document as a file, in slug order. */
export async function exportDocuments({ db }: StoreDeps): Promise<Assessment[]> {
  const rows = await db
    .select({ document: assessmentVersions.document, status: assessments.status })
    .from(assessments)
    .innerJoin(assessmentVersions, CURRENT_VERSION)
    .orderBy(asc(assessments.slug));
  return rows.map((r) => asFile(r.document, r.status));
}
