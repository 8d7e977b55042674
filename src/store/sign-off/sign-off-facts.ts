/**
 * @module store/sign-off/sign-off-facts
 * What the sign-off state machine (core/workflow/sign-off) is asked with: the facts about an
 * assessment gathered inside the caller's transaction, on its locked row. Queries on one
 * transaction run one after another: a transaction is one connection.
 */
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { SignOffDecisionRecord as DecisionRecord } from "../../core/api/workflow.ts";
import type { Role } from "../../core/vocabulary.ts";
import {
  decideSignOff,
  type RecordedDecision,
  type SignOffFacts,
  type SignOffRequest,
} from "../../core/workflow/sign-off.ts";
import { type AssessmentHead, expectVersion, lockHead } from "../assessment-ref.ts";
import { appendAudit, type WriteTx } from "../audit.ts";
import type { AuditData, AuditInput } from "../audit-events.ts";
import type { WriteContext } from "../context.ts";
import type { Db } from "../db.ts";
import { apiTokens, approvals, assessmentVersions, comments } from "../schema.ts";
import { requiredRolesIn, segregateDutiesIn } from "./required-roles.ts";

export type { DecisionRecord };

export function presentDecision(r: typeof approvals.$inferSelect): DecisionRecord {
  return {
    role: r.role,
    decision: r.decision,
    comment: r.comment,
    signer: r.signer ?? `user:${r.userId}`,
    signerName: r.signerName,
    at: r.createdAt.toISOString(),
  };
}

/** The decisions on an assessment (of one version, or all), in the order they were made. */
export async function decisionsIn(tx: Pick<Db, "select">, id: string, version?: number) {
  return tx
    .select()
    .from(approvals)
    .where(
      version === undefined
        ? eq(approvals.assessmentId, id)
        : and(eq(approvals.assessmentId, id), eq(approvals.version, version)),
    )
    .orderBy(asc(approvals.createdAt), asc(approvals.id));
}

export async function openCommentsIn(tx: Pick<Db, "select">, id: string): Promise<number> {
  const rows = await tx
    .select({ n: count() })
    .from(comments)
    .where(and(eq(comments.assessmentId, id), isNull(comments.resolvedAt)));
  return Number(rows[0]?.n ?? 0);
}

/**
 * The person behind an actor: an API token acts for the user who made it, so a version saved
 * with a token and approved in the browser (or the other way round) is one person's work.
 */
export async function personOf(tx: Pick<Db, "select">, actor: string): Promise<string> {
  const token = /^token:(.+)$/.exec(actor)?.[1];
  if (!token) return actor;
  const rows = await tx
    .select({ owner: apiTokens.createdBy })
    .from(apiTokens)
    .where(eq(apiTokens.id, token));
  const owner = rows[0]?.owner;
  return owner ? `user:${owner}` : actor;
}

/** Who created version `version` of the assessment, as a person (see `personOf`). */
async function authorIn(tx: Pick<Db, "select">, id: string, version: number) {
  const rows = await tx
    .select({ createdBy: assessmentVersions.createdBy })
    .from(assessmentVersions)
    .where(and(eq(assessmentVersions.assessmentId, id), eq(assessmentVersions.version, version)));
  const createdBy = rows[0]?.createdBy;
  return createdBy ? personOf(tx, createdBy) : null;
}

/** The facts, and the decisions recorded for the current version as stored. */
export async function factsIn(
  tx: WriteTx,
  a: AssessmentHead,
): Promise<{ facts: SignOffFacts; decisions: (typeof approvals.$inferSelect)[] }> {
  const required = await requiredRolesIn(tx);
  const openComments = await openCommentsIn(tx, a.id);
  const rows = await decisionsIn(tx, a.id, a.currentVersion);
  const segregateDuties = await segregateDutiesIn(tx);
  const author = await authorIn(tx, a.id, a.currentVersion);
  const facts: SignOffFacts = {
    state: a.status,
    hasApprovedVersion: a.approvedVersion !== null,
    blockers: a.blockers,
    openComments,
    required,
    decisions: rows.map(
      (r): RecordedDecision => ({
        role: r.role,
        signer: r.signer ?? `user:${r.userId}`,
        decision: r.decision,
      }),
    ),
    segregateDuties,
    author,
  };
  return { facts, decisions: rows };
}

/**
 * Lock the assessment `ref` for the rest of the transaction, refuse a stale `version`, and
 * gather the facts: how every sign-off step starts.
 */
export async function lockedFactsIn(tx: WriteTx, ref: string, version: number) {
  const a = await lockHead(tx, ref);
  expectVersion(a, version);
  return { a, ...(await factsIn(tx, a)) };
}

/** The state machine's answer, or its coded refusal thrown. */
export function decideOrThrow(facts: SignOffFacts, request: SignOffRequest, role: Role) {
  const outcome = decideSignOff(facts, request, role);
  if (!outcome.ok) throw outcome.error;
  return outcome;
}

type SignOffEvent =
  | "assessment.submitted"
  | "assessment.decision"
  | "assessment.rejected"
  | "assessment.superseded"
  | "assessment.approved"
  | "assessment.retired";

/** Append a sign-off event about `a`, which names it by its slug too. */
export function auditSignOff<A extends SignOffEvent>(
  tx: WriteTx,
  ctx: WriteContext,
  action: A,
  a: AssessmentHead,
  data: Omit<AuditData<A>, "slug">,
): Promise<void> {
  // The compiler checks `data` against `action` at the call; it cannot follow the spread.
  const input = { actor: ctx.actor, action, entityId: a.id, data: { slug: a.slug, ...data } };
  return appendAudit(tx, input as AuditInput, ctx.now);
}
