/**
 * @module store/assessments/get-assessment
 * The current version of one assessment, by id or slug: a hot read, cached (the cache drops
 * it when an audited write touches assessments) and, on a miss, one prepared query.
 */
import { and, eq, sql } from "drizzle-orm";
import { isUuid, notFound } from "../assessment-ref.ts";
import type { StoreDeps } from "../context.ts";
import type { Db } from "../db.ts";
import { assessments, assessmentVersions } from "../schema.ts";
import type { AssessmentRecord } from "./record.ts";

/** Join condition: an assessment with its current version. */
export const CURRENT_VERSION = and(
  eq(assessmentVersions.assessmentId, assessments.id),
  eq(assessmentVersions.version, assessments.currentVersion),
);

function prepare(db: Db) {
  const current = (by: typeof assessments.id | typeof assessments.slug, name: string) =>
    db
      .select({ a: assessments, v: assessmentVersions })
      .from(assessments)
      .innerJoin(assessmentVersions, CURRENT_VERSION)
      .where(eq(by, sql.placeholder("ref")))
      .prepare(name);
  return {
    id: current(assessments.id, "basis_assessment_by_id"),
    slug: current(assessments.slug, "basis_assessment_by_slug"),
  };
}

/** Prepared once per database. */
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

/** The current version of an assessment (cached and frozen: do not change it). */
export async function getAssessment(
  { db, cache }: StoreDeps,
  ref: string,
): Promise<AssessmentRecord> {
  const by = isUuid(ref) ? "id" : "slug";
  const found = await cache.read(
    "assessments",
    `${by}:${ref}`,
    async () => {
      let queries = prepared.get(db);
      if (!queries) {
        queries = prepare(db);
        prepared.set(db, queries);
      }
      const row = (await queries[by].execute({ ref }))[0];
      if (!row) return undefined;
      const r: AssessmentRecord = {
        id: row.a.id,
        slug: row.a.slug,
        title: row.a.title,
        status: row.a.status,
        version: row.a.currentVersion,
        outcome: row.a.outcome,
        updatedAt: row.a.updatedAt.toISOString(),
        document: row.v.document,
        evaluation: row.v.evaluation,
      };
      return r;
    },
    { aliases: (r) => [`id:${r.id}`, `slug:${r.slug}`] },
  );
  if (!found) throw notFound(ref);
  return found;
}
