/**
 * @module store/sign-off/sign-off-overview
 * The sign-off record of an assessment: its status, the required roles, open comments, and
 * for every version its status, decisions and kept signed-off documents.
 */
import { asc, eq } from "drizzle-orm";
import type { SignOffRole, WorkflowState } from "../../core/vocabulary.ts";
import type { Retirement } from "../../core/workflow/sign-off.ts";
import { notFound, refCondition } from "../assessment-ref.ts";
import type { StoreDeps } from "../context.ts";
import { assessments, assessmentVersions, signedDocuments } from "../schema.ts";
import { requiredRolesIn, segregateDutiesIn } from "./required-roles.ts";
import {
  type DecisionRecord,
  decisionsIn,
  openCommentsIn,
  presentDecision,
} from "./sign-off-facts.ts";

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

export async function signOffOverview({ db }: StoreDeps, ref: string): Promise<SignOffOverview> {
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
    .where(refCondition(ref));
  const a = rows[0];
  if (!a) throw notFound(ref);
  const [required, segregateDuties, openComments, decisions, versions, signed] = await Promise.all([
    requiredRolesIn(db),
    segregateDutiesIn(db),
    openCommentsIn(db, a.id),
    decisionsIn(db, a.id),
    db
      .select({
        version: assessmentVersions.version,
        status: assessmentVersions.status,
        reason: assessmentVersions.reason,
        createdBy: assessmentVersions.createdBy,
        createdAt: assessmentVersions.createdAt,
      })
      .from(assessmentVersions)
      .where(eq(assessmentVersions.assessmentId, a.id))
      .orderBy(asc(assessmentVersions.version)),
    db
      .select({ version: signedDocuments.version, format: signedDocuments.format })
      .from(signedDocuments)
      .where(eq(signedDocuments.assessmentId, a.id)),
  ]);
  return {
    assessmentId: a.id,
    slug: a.slug,
    status: a.status,
    currentVersion: a.currentVersion,
    approvedVersion: a.approvedVersion,
    required,
    segregateDuties,
    openComments,
    retired: a.status === "retired" ? (a.retirement ?? null) : null,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      reason: v.reason,
      createdBy: v.createdBy,
      createdAt: v.createdAt.toISOString(),
      decisions: decisions.filter((d) => d.version === v.version).map(presentDecision),
      signed: signed.filter((s) => s.version === v.version).map((s) => s.format),
    })),
  };
}
