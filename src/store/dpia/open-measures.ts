/**
 * @module store/dpia/open-measures
 * The measures of every DPIA's action plan that are not done yet, across the register, by due
 * date (undated last): what the dashboard lists and what the reminders chase. Read from each
 * assessment's current version; a retired assessment's plan is no longer anyone's work.
 */
import { and, asc, ne, sql } from "drizzle-orm";
import { daysBetween } from "../../core/dates.ts";
import { DpiaMeasure } from "../../core/schema/index.ts";
import { CURRENT_VERSION } from "../assessments/get-assessment.ts";
import type { StoreDeps } from "../context.ts";
import { assessments, assessmentVersions } from "../schema.ts";

export interface OpenMeasure {
  assessmentId: string;
  slug: string;
  /** The assessment's title. */
  title: string;
  measureId: string;
  measure: string;
  status: "planned" | "in-progress";
  owner: string | null;
  due: string | null;
  /** Days from today to the due date (negative when overdue); null when undated. */
  days: number | null;
}

/** Every open DPIA measure of the register's current versions, soonest due first. */
export async function openDpiaMeasures({ db }: StoreDeps, today: string): Promise<OpenMeasure[]> {
  const rows = await db
    .select({
      id: assessments.id,
      slug: assessments.slug,
      title: assessments.title,
      measures: sql<unknown>`${assessmentVersions.document} -> 'dpia' -> 'measures'`,
    })
    .from(assessments)
    .innerJoin(assessmentVersions, CURRENT_VERSION)
    .where(
      and(
        ne(assessments.status, "retired"),
        sql`jsonb_typeof(${assessmentVersions.document} -> 'dpia' -> 'measures') = 'array'`,
      ),
    )
    .orderBy(asc(assessments.slug));
  const out: OpenMeasure[] = [];
  for (const r of rows) {
    for (const item of Array.isArray(r.measures) ? r.measures : []) {
      const m = DpiaMeasure.safeParse(item);
      if (!m.success || m.data.status === "done") continue;
      out.push({
        assessmentId: r.id,
        slug: r.slug,
        title: r.title,
        measureId: m.data.id,
        measure: m.data.title,
        status: m.data.status,
        owner: m.data.owner ?? null,
        due: m.data.due ?? null,
        days: m.data.due === undefined ? null : daysBetween(today, m.data.due),
      });
    }
  }
  return out.sort(
    (x, y) =>
      (x.due ?? "9999-12-31").localeCompare(y.due ?? "9999-12-31") ||
      x.slug.localeCompare(y.slug) ||
      x.measure.localeCompare(y.measure),
  );
}
