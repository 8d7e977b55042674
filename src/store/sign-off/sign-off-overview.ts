/**
 * @module store/sign-off/sign-off-overview
 * The sign-off record of an assessment: its status, the required roles, open comments, and
 * for every version its status, decisions and kept signed-off documents.
 */
import { and, asc, count, inArray, isNull, or } from "drizzle-orm";
import type { SignOffRole, WorkflowState } from "../../core/vocabulary.ts";
import type { Retirement } from "../../core/workflow/sign-off.ts";
import { isUuid, notFound } from "../assessment-ref.ts";
import type { StoreDeps } from "../context.ts";
import {
  approvals,
  assessments,
  assessmentVersions,
  comments,
  signedDocuments,
} from "../schema.ts";
import { requiredRolesIn, segregateDutiesIn } from "./required-roles.ts";
import { type DecisionRecord, presentDecision } from "./sign-off-facts.ts";

export interface SignOffOverview {
  assessmentId: string;
  slug: string;
  status: WorkflowState;
  currentVersion: number;
  /** The version in force, if one was approved (kept after retirement, as the last one). */
  approvedVersion: number | null;
  required: SignOffRole[];
  /** Whether the author of a version may not approve it. */
  segregateDuties: boolean;
  openComments: number;
  /** When, by whom and why it was retired; null unless retired. */
  retired: Retirement | null;
  versions: {
    version: number;
    status: WorkflowState;
    reason: string | null;
    createdBy: string;
    createdAt: string;
    decisions: DecisionRecord[];
    /** Formats of the kept signed-off document (`pdf`), empty unless approved once. */
    signed: string[];
  }[];
}

export async function signOffOverview(deps: StoreDeps, ref: string): Promise<SignOffOverview> {
  const found = (await signOffOverviews(deps, [ref])).get(ref);
  if (!found) throw notFound(ref);
  return found;
}

/** At most this many assessments are read per query (PostgreSQL takes 65,535 parameters). */
const BATCH = 1000;

/**
 * The overviews of many assessments, by the reference each was asked by (a slug or an id):
 * six queries per thousand, not six per assessment (a register's documents name every
 * activity's record). `not_found` for the first reference no assessment has.
 */
export async function signOffOverviews(
  { db }: StoreDeps,
  refs: readonly string[],
): Promise<Map<string, SignOffOverview>> {
  const out = new Map<string, SignOffOverview>();
  const wanted = [...new Set(refs)];
  if (wanted.length === 0) return out;
  const [required, segregateDuties] = [await requiredRolesIn(db), await segregateDutiesIn(db)];
  for (let from = 0; from < wanted.length; from += BATCH) {
    const batch = wanted.slice(from, from + BATCH);
    const ids = batch.filter(isUuid);
    const slugs = batch.filter((r) => !isUuid(r));
    const rows = await db
      .select({
        id: assessments.id,
        slug: assessments.slug,
        status: assessments.status,
        currentVersion: assessments.currentVersion,
        approvedVersion: assessments.approvedVersion,
        retirement: assessments.retirement,
      })
      .from(assessments)
      .where(
        or(
          ids.length > 0 ? inArray(assessments.id, ids) : undefined,
          slugs.length > 0 ? inArray(assessments.slug, slugs) : undefined,
        ),
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    const missing = batch.find((r) => !(isUuid(r) ? byId : bySlug).has(r));
    if (missing !== undefined) throw notFound(missing);
    const found = rows.map((r) => r.id);
    const open = await db
      .select({ assessmentId: comments.assessmentId, n: count() })
      .from(comments)
      .where(and(inArray(comments.assessmentId, found), isNull(comments.resolvedAt)))
      .groupBy(comments.assessmentId);
    const decisions = await db
      .select()
      .from(approvals)
      .where(inArray(approvals.assessmentId, found))
      .orderBy(asc(approvals.createdAt), asc(approvals.id));
    const versions = await db
      .select({
        assessmentId: assessmentVersions.assessmentId,
        version: assessmentVersions.version,
        status: assessmentVersions.status,
        reason: assessmentVersions.reason,
        createdBy: assessmentVersions.createdBy,
        createdAt: assessmentVersions.createdAt,
      })
      .from(assessmentVersions)
      .where(inArray(assessmentVersions.assessmentId, found))
      .orderBy(asc(assessmentVersions.assessmentId), asc(assessmentVersions.version));
    const signed = await db
      .select({
        assessmentId: signedDocuments.assessmentId,
        version: signedDocuments.version,
        format: signedDocuments.format,
      })
      .from(signedDocuments)
      .where(inArray(signedDocuments.assessmentId, found));
    const openOf = new Map(open.map((o) => [o.assessmentId, Number(o.n)]));
    const decisionsOf = groupBy(decisions, (d) => d.assessmentId);
    const versionsOf = groupBy(versions, (v) => v.assessmentId);
    const signedOf = groupBy(signed, (d) => d.assessmentId);
    for (const ref of batch) {
      const a = (isUuid(ref) ? byId : bySlug).get(ref);
      if (!a) continue; // not reached: a missing reference was refused above
      const mine = decisionsOf.get(a.id) ?? [];
      const kept = signedOf.get(a.id) ?? [];
      out.set(ref, {
        assessmentId: a.id,
        slug: a.slug,
        status: a.status,
        currentVersion: a.currentVersion,
        approvedVersion: a.approvedVersion,
        required: [...required],
        segregateDuties,
        openComments: openOf.get(a.id) ?? 0,
        retired: a.status === "retired" ? (a.retirement ?? null) : null,
        versions: (versionsOf.get(a.id) ?? []).map((v) => ({
          version: v.version,
          status: v.status,
          reason: v.reason,
          createdBy: v.createdBy,
          createdAt: v.createdAt.toISOString(),
          decisions: mine.filter((d) => d.version === v.version).map(presentDecision),
          signed: kept.filter((s) => s.version === v.version).map((s) => s.format),
        })),
      });
    }
  }
  return out;
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
