/**
 * @module store/assessments/export-documents
 * Every assessment's current version as a file, for exports (YAML, the register documents,
 * `basis check --server`): the content with its stored status written in. Given the
 * register's filter, search and sort, only the activities of that view, in its order, so an
 * export says what the register page showed.
 */
import { asc } from "drizzle-orm";
import type { Assessment } from "../../core/schema/index.ts";
import { asFile } from "../../core/workflow/recorded-status.ts";
import type { StoreDeps } from "../context.ts";
import { assessments, assessmentVersions } from "../schema.ts";
import { CURRENT_VERSION } from "./get-assessment.ts";
import { type RegisterSelection, registerSelection } from "./list-register.ts";

/**
 * Every assessment's current document as a file, in slug order; or, given a register view,
 * the documents of its rows in its order.
 */
export async function exportDocuments(
  { db }: StoreDeps,
  view?: RegisterSelection,
): Promise<Assessment[]> {
  const { where, order } = view
    ? registerSelection(view)
    : { where: undefined, order: [asc(assessments.slug)] };
  const rows = await db
    .select({ document: assessmentVersions.document, status: assessments.status })
    .from(assessments)
    .innerJoin(assessmentVersions, CURRENT_VERSION)
    .where(where)
    .orderBy(...order);
  return rows.map((r) => asFile(r.document, r.status));
}
