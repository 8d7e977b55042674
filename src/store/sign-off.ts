/**
 * @module store/sign-off
 * Sign-off of assessment versions: the organisation's required roles (a setting), submitting
 * for review, approvers' decisions, retiring, and the signed-off document kept for each
 * approved version. Each operation locks the assessment row, gathers the facts, asks the pure
 * state machine (core/workflow/sign-off) and applies its answer in one transaction that also
 * writes the audit events. Status is kept the same in three places: the assessment row, the
 * version row and the version document's `status` field.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { DomainError } from "../core/errors.ts";
import { SignOffRole as SignOffRoleSchema } from "../core/schema/assessment.ts";
import {
  type ActorRole,
  DEFAULT_REQUIRED_ROLES,
  decideSignOff,
  type RecordedDecision,
  type SignOffFacts,
  type SignOffRequest,
  type SignOffRole,
  type WorkflowState,
} from "../core/workflow/sign-off.ts";
import { refCondition, type WriteContext } from "./assessments.ts";
import { appendAudit, writeTransaction } from "./audit.ts";
import type { StoreCache } from "./cache.ts";
import type { Db } from "./db.ts";
import { setVersionStatusIn } from "./edit-workflow.ts";
import {
  approvals,
  assessments,
  assessmentVersions,
  comments,
  settings,
  signedDocuments,
} from "./schema.ts";

/** A write by a person (or token) with a role: decisions are signed in their name. */
export interface SignOffContext extends WriteContext {
  role: ActorRole;
  /** The signer's display name, kept with the decision. */
  name: string;
  /** The user's id when the actor is a user (approvals.user_id). */
  userId?: string | undefined;
}

export interface DecisionInput {
  version: number;
  role: SignOffRole;
  decision: "approve" | "reject";
  comment?: string | undefined;
}

/** The signed-off file, rendered by the caller (the store does not render). */
export interface SignedFile {
  format: "pdf";
  bytes: Uint8Array;
}

/** How an assessment was retired: kept on its row, and in the audited event. */
export interface Retirement {
  at: string;
  /** The retiring person's name (the principal when it has none). */
  by: string;
  reason: string;
}

export interface DecisionRecord {
  role: SignOffRole;
  decision: "approve" | "reject";
  comment: string | null;
  signer: string;
  signerName: string | null;
  at: string;
}

export interface SignOffOverview {
  assessmentId: string;
  slug: string;
  status: WorkflowState;
  currentVersion: number;
  /** The version in force, if one was approved (kept after retirement, as the last one). */
  approvedVersion: number | null;
  required: SignOffRole[];
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

export const REQUIRED_ROLES_KEY = "sign_off.required_roles";
const RequiredRoles = z.array(SignOffRoleSchema).min(1);
/** The required roles as stored, or the default when none were set. */
export async function requiredRolesIn(tx: Pick<Db, "select">): Promise<SignOffRole[]> {
  const rows = await tx
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, REQUIRED_ROLES_KEY));
  const parsed = RequiredRoles.safeParse((rows[0]?.value as { roles?: unknown })?.roles);
  return parsed.success ? parsed.data : [...DEFAULT_REQUIRED_ROLES];
}

interface Locked {
  id: string;
  slug: string;
  status: WorkflowState;
  currentVersion: number;
  approvedVersion: number | null;
  blockers: number;
}

/** Lock the assessment row for the rest of the transaction: sign-off steps are serialised. */
async function lockAssessment(tx: Db, idOrSlug: string): Promise<Locked> {
  const rows = await tx
    .select({
      id: assessments.id,
      slug: assessments.slug,
      status: assessments.status,
      currentVersion: assessments.currentVersion,
      approvedVersion: assessments.approvedVersion,
      blockers: assessments.blockers,
    })
    .from(assessments)
    .where(refCondition(idOrSlug))
    .for("update");
  const row = rows[0];
  if (!row) throw new DomainError("not_found", `no assessment "${idOrSlug}"`);
  return { ...row, status: row.status as WorkflowState };
}

function expectVersion(a: Locked, version: number): void {
  if (a.currentVersion !== version)
    throw new DomainError(
      "stale_version",
      `assessment changed since version ${version}; the current version is ${a.currentVersion}`,
      { currentVersion: a.currentVersion },
    );
}

async function decisionsIn(tx: Pick<Db, "select">, id: string, version?: number) {
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

async function openCommentsIn(tx: Pick<Db, "select">, id: string): Promise<number> {
  const rows = await tx
    .select({ n: count() })
    .from(comments)
    .where(and(eq(comments.assessmentId, id), isNull(comments.resolvedAt)));
  return Number(rows[0]?.n ?? 0);
}

async function factsIn(tx: Db, a: Locked): Promise<SignOffFacts> {
  const [required, openComments, rows] = await Promise.all([
    requiredRolesIn(tx),
    openCommentsIn(tx, a.id),
    decisionsIn(tx, a.id, a.currentVersion),
  ]);
  return {
    state: a.status,
    hasApprovedVersion: a.approvedVersion !== null,
    blockers: a.blockers,
    openComments,
    required,
    decisions: rows.map(
      (r): RecordedDecision => ({
        role: r.role as SignOffRole,
        signer: r.signer ?? `user:${r.userId}`,
        decision: r.decision as "approve" | "reject",
      }),
    ),
  };
}

function decideOrThrow(facts: SignOffFacts, request: SignOffRequest, role: ActorRole) {
  const outcome = decideSignOff(facts, request, role);
  if (!outcome.ok) throw outcome.error;
  return outcome;
}

function presentDecision(r: typeof approvals.$inferSelect): DecisionRecord {
  return {
    role: r.role as SignOffRole,
    decision: r.decision as "approve" | "reject",
    comment: r.comment,
    signer: r.signer ?? `user:${r.userId}`,
    signerName: r.signerName,
    at: r.createdAt.toISOString(),
  };
}

export class SignOffStore {
  constructor(
    private readonly db: Db,
    private readonly cache: StoreCache,
  ) {}

  private write<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return writeTransaction(this.db, this.cache, work);
  }

  /** The roles that must approve a version (the organisation's setting; default DPO). */
  requiredRoles(): Promise<SignOffRole[]> {
    return requiredRolesIn(this.db);
  }

  async setRequiredRoles(roles: SignOffRole[], ctx: WriteContext): Promise<SignOffRole[]> {
    const unique = [...new Set(roles)];
    RequiredRoles.parse(unique);
    return this.write(async (tx) => {
      const previous = await requiredRolesIn(tx);
      await tx
        .insert(settings)
        .values({ key: REQUIRED_ROLES_KEY, value: { roles: unique } })
        .onConflictDoUpdate({ target: settings.key, set: { value: { roles: unique } } });
      await appendAudit(
        tx,
        {
          actor: ctx.actor,
          action: "settings.sign-off",
          entityType: "settings",
          entityId: REQUIRED_ROLES_KEY,
          data: { roles: unique, previous },
        },
        ctx.now,
      );
      return unique;
    });
  }

  /** Status, required roles, every version's decisions and kept documents. */
  async overview(idOrSlug: string): Promise<SignOffOverview> {
    const rows = await this.db
      .select({
        id: assessments.id,
        slug: assessments.slug,
        status: assessments.status,
        currentVersion: assessments.currentVersion,
        approvedVersion: assessments.approvedVersion,
        retirement: assessments.retirement,
      })
      .from(assessments)
      .where(refCondition(idOrSlug));
    const a = rows[0];
    if (!a) throw new DomainError("not_found", `no assessment "${idOrSlug}"`);
    const [required, openComments, decisions, versions, signed] = await Promise.all([
      requiredRolesIn(this.db),
      openCommentsIn(this.db, a.id),
      decisionsIn(this.db, a.id),
      this.db
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
      this.db
        .select({ version: signedDocuments.version, format: signedDocuments.format })
        .from(signedDocuments)
        .where(eq(signedDocuments.assessmentId, a.id)),
    ]);
    return {
      assessmentId: a.id,
      slug: a.slug,
      status: a.status as WorkflowState,
      currentVersion: a.currentVersion,
      approvedVersion: a.approvedVersion,
      required,
      openComments,
      retired: a.status === "retired" ? ((a.retirement as Retirement | null) ?? null) : null,
      versions: versions.map((v) => ({
        version: v.version,
        status: v.status as WorkflowState,
        reason: v.reason,
        createdBy: v.createdBy,
        createdAt: v.createdAt.toISOString(),
        decisions: decisions.filter((d) => d.version === v.version).map(presentDecision),
        signed: signed.filter((s) => s.version === v.version).map((s) => s.format),
      })),
    };
  }

  /** Submit the current version for review; refused while a blocker finding is open. */
  async submit(idOrSlug: string, baseVersion: number, ctx: SignOffContext): Promise<void> {
    await this.write(async (tx) => {
      const a = await lockAssessment(tx, idOrSlug);
      expectVersion(a, baseVersion);
      const facts = await factsIn(tx, a);
      const { next } = decideOrThrow(facts, { action: "submit" }, ctx.role);
      await setStatusIn(tx, a, next, ctx.now);
      await audit(tx, ctx, "assessment.submitted", a, { version: a.currentVersion });
    });
  }

  /**
   * Record an approver's decision on the version in review. A rejection returns it to draft.
   * The approval that completes the required roles makes the version approved and in force,
   * supersedes the one before, and keeps `signed` (which must then be given, else
   * `signed_document_required`: render it and call again).
   */
  async decide(
    idOrSlug: string,
    input: DecisionInput,
    ctx: SignOffContext,
    signed?: SignedFile,
  ): Promise<{ status: WorkflowState; approvedVersion: number | null; completes: boolean }> {
    return this.write(async (tx) => {
      const a = await lockAssessment(tx, idOrSlug);
      expectVersion(a, input.version);
      const facts = await factsIn(tx, a);
      const signer = ctx.actor;
      const outcome = decideOrThrow(
        facts,
        input.decision === "approve"
          ? { action: "approve", role: input.role, signer }
          : { action: "reject", role: input.role, signer, comment: input.comment },
        ctx.role,
      );
      if (outcome.completes && !signed)
        throw new DomainError(
          "signed_document_required",
          "this approval completes the sign-off: the signed-off document must be kept with it",
        );
      await tx.insert(approvals).values({
        id: randomUUID(),
        assessmentId: a.id,
        version: a.currentVersion,
        role: input.role,
        userId: ctx.userId ?? null,
        signer,
        signerName: ctx.name,
        decision: input.decision,
        comment: input.comment?.trim() || null,
        createdAt: ctx.now,
      });
      await audit(tx, ctx, "assessment.decision", a, {
        version: a.currentVersion,
        role: input.role,
        decision: input.decision,
        comment: input.comment ?? null,
      });
      let approvedVersion = a.approvedVersion;
      if (input.decision === "reject") {
        await setStatusIn(tx, a, outcome.next, ctx.now);
        await audit(tx, ctx, "assessment.rejected", a, {
          version: a.currentVersion,
          role: input.role,
        });
      } else if (outcome.completes && signed) {
        const previous = a.approvedVersion;
        if (previous !== null && previous !== a.currentVersion) {
          await setVersionStatusIn(tx, a.id, previous, "superseded");
          await audit(tx, ctx, "assessment.superseded", a, {
            version: previous,
            by: a.currentVersion,
          });
        }
        const content = Buffer.from(signed.bytes);
        const sha256 = createHash("sha256").update(content).digest("hex");
        await tx.insert(signedDocuments).values({
          assessmentId: a.id,
          version: a.currentVersion,
          format: signed.format,
          content: content.toString("base64"),
          sha256,
          createdAt: ctx.now,
        });
        await setStatusIn(tx, a, "approved", ctx.now, { approvedVersion: a.currentVersion });
        approvedVersion = a.currentVersion;
        await audit(tx, ctx, "assessment.approved", a, {
          version: a.currentVersion,
          roles: facts.required,
          superseded: previous !== null && previous !== a.currentVersion ? previous : null,
          document: { format: signed.format, sha256 },
        });
      }
      return { status: outcome.next, approvedVersion, completes: outcome.completes };
    });
  }

  /** Retire an assessment that has (or had) a version in force; nothing is in force after. */
  async retire(
    idOrSlug: string,
    baseVersion: number,
    reason: string,
    ctx: SignOffContext,
  ): Promise<void> {
    await this.write(async (tx) => {
      const a = await lockAssessment(tx, idOrSlug);
      expectVersion(a, baseVersion);
      const facts = await factsIn(tx, a);
      decideOrThrow(facts, { action: "retire", reason }, ctx.role);
      if (a.approvedVersion !== null && a.approvedVersion !== a.currentVersion)
        await setVersionStatusIn(tx, a.id, a.approvedVersion, "retired");
      const by = ctx.name || ctx.actor;
      await setStatusIn(tx, a, "retired", ctx.now, {
        retirement: { at: ctx.now.toISOString(), by, reason },
      });
      await audit(tx, ctx, "assessment.retired", a, {
        version: a.currentVersion,
        approvedVersion: a.approvedVersion,
        reason,
        by,
      });
    });
  }

  /** The kept signed-off document of an approved version. */
  async signedDocument(
    idOrSlug: string,
    version: number,
    format = "pdf",
  ): Promise<{ assessmentId: string; slug: string; bytes: Buffer; sha256: string }> {
    const rows = await this.db
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
          refCondition(idOrSlug),
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
      bytes: Buffer.from(row.content, "base64"),
      sha256: row.sha256,
    };
  }
}

/** Set the current version's status everywhere it is kept. */
async function setStatusIn(
  tx: Db,
  a: Locked,
  status: WorkflowState,
  now: Date,
  extra: { approvedVersion?: number; retirement?: Retirement } = {},
): Promise<void> {
  await tx
    .update(assessments)
    .set({ status, updatedAt: now, ...extra })
    .where(eq(assessments.id, a.id));
  await setVersionStatusIn(tx, a.id, a.currentVersion, status);
}

function audit(
  tx: Db,
  ctx: WriteContext,
  action: string,
  a: Locked,
  data: Record<string, unknown>,
): Promise<void> {
  return appendAudit(
    tx,
    {
      actor: ctx.actor,
      action,
      entityType: "assessment",
      entityId: a.id,
      data: { slug: a.slug, ...data },
    },
    ctx.now,
  );
}
