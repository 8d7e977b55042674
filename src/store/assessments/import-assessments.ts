/**
 * @module store/assessments/import-assessments
 * Importing files by their id (slug), all in one transaction: new ones are created, changed
 * ones get a new version (reason "imported"), identical ones are left alone. Content is
 * compared without the status a file records, which is only a hint for a new assessment.
 */
import { eq } from "drizzle-orm";
import type { Assessment } from "../../core/schema/index.ts";
import { contentOf } from "../../core/workflow/recorded-status.ts";
import { HEAD } from "../assessment-ref.ts";
import { canonical, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import { assessments, assessmentVersions } from "../schema.ts";
import { createIn } from "./create-assessment.ts";
import { CURRENT_VERSION } from "./get-assessment.ts";
import { mapUnique } from "./record.ts";
import { updateIn } from "./update-assessment.ts";

export interface ImportResult {
  slug: string;
  result: "created" | "updated" | "unchanged";
  version: number;
}

export async function importAssessments(
  { db, cache }: StoreDeps,
  docs: Assessment[],
  ctx: WriteContext,
): Promise<ImportResult[]> {
  return writeTransaction(db, cache, async (tx) => {
    const out: ImportResult[] = [];
    for (const doc of docs) {
      const existing = await tx
        .select({ ...HEAD, document: assessmentVersions.document })
        .from(assessments)
        .innerJoin(assessmentVersions, CURRENT_VERSION)
        .where(eq(assessments.slug, doc.id))
        .for("update", { of: assessments });
      const row = existing[0];
      if (!row) {
        const rec = await createIn(tx, doc, ctx, "imported").catch((e) => {
          throw mapUnique(e, doc);
        });
        out.push({ slug: doc.id, result: "created", version: rec.version });
      } else if (canonical(row.document) === canonical(contentOf(doc))) {
        out.push({ slug: doc.id, result: "unchanged", version: row.currentVersion });
      } else {
        const { document: _stored, ...head } = row;
        const rec = await updateIn(tx, { ...head, status: head.status }, doc, ctx, "imported");
        out.push({ slug: doc.id, result: "updated", version: rec.version });
      }
    }
    return out;
  });
}
