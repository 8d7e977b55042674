/**
 * @module store/comments
 * Comments on a section or question of an assessment (named by its field path), with
 * resolve and reopen. An open comment blocks approval (see store/sign-off), so resolving one
 * is a state change with its audit event like any other.
 */
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { DomainError } from "../core/errors.ts";
import { refCondition, type WriteContext } from "./assessments.ts";
import { appendAudit, writeTransaction } from "./audit.ts";
import type { StoreCache } from "./cache.ts";
import type { Db } from "./db.ts";
import { assessments, comments } from "./schema.ts";

export interface CommentContext extends WriteContext {
  name: string;
  userId?: string | undefined;
}

export interface CommentRecord {
  id: string;
  assessmentId: string;
  /** The version current when the comment was made. */
  version: number | null;
  path: string;
  body: string;
  author: string | null;
  resolved: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  createdAt: string;
}

function present(r: typeof comments.$inferSelect): CommentRecord {
  return {
    id: r.id,
    assessmentId: r.assessmentId,
    version: r.version,
    path: r.path,
    body: r.body,
    author: r.authorName,
    resolved: r.resolvedAt !== null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.resolvedBy,
    createdAt: r.createdAt.toISOString(),
  };
}

export class CommentStore {
  constructor(
    private readonly db: Db,
    private readonly cache: StoreCache,
  ) {}

  /** Every comment on an assessment, oldest first (open and resolved). */
  async list(idOrSlug: string): Promise<CommentRecord[]> {
    const rows = await this.db
      .select({ c: comments })
      .from(comments)
      .innerJoin(assessments, eq(assessments.id, comments.assessmentId))
      .where(refCondition(idOrSlug))
      .orderBy(asc(comments.createdAt), asc(comments.id));
    if (rows.length === 0) {
      const exists = await this.db
        .select({ id: assessments.id })
        .from(assessments)
        .where(refCondition(idOrSlug));
      if (exists.length === 0) throw new DomainError("not_found", `no assessment "${idOrSlug}"`);
    }
    return rows.map((r) => present(r.c));
  }

  async create(
    idOrSlug: string,
    input: { path: string; body: string },
    ctx: CommentContext,
  ): Promise<CommentRecord> {
    return writeTransaction(this.db, this.cache, async (tx) => {
      const found = await tx
        .select({ id: assessments.id, version: assessments.currentVersion })
        .from(assessments)
        .where(refCondition(idOrSlug));
      const a = found[0];
      if (!a) throw new DomainError("not_found", `no assessment "${idOrSlug}"`);
      const rows = await tx
        .insert(comments)
        .values({
          id: randomUUID(),
          assessmentId: a.id,
          version: a.version,
          path: input.path,
          body: input.body,
          authorId: ctx.userId ?? null,
          authorName: ctx.name,
          createdAt: ctx.now,
        })
        .returning();
      const row = rows[0] as typeof comments.$inferSelect;
      await appendAudit(
        tx,
        {
          actor: ctx.actor,
          action: "comment.created",
          entityType: "comment",
          entityId: row.id,
          data: { assessmentId: a.id, version: a.version, path: input.path },
        },
        ctx.now,
      );
      return present(row);
    });
  }

  /** Resolve an open comment; resolving a resolved one is refused (`conflict`). */
  resolve(id: string, ctx: WriteContext): Promise<CommentRecord> {
    return this.setResolved(id, true, ctx);
  }

  /** Reopen a resolved comment: it blocks approval again. */
  reopen(id: string, ctx: WriteContext): Promise<CommentRecord> {
    return this.setResolved(id, false, ctx);
  }

  private setResolved(id: string, resolved: boolean, ctx: WriteContext): Promise<CommentRecord> {
    return writeTransaction(this.db, this.cache, async (tx) => {
      const found = await tx.select().from(comments).where(eq(comments.id, id)).for("update");
      const current = found[0];
      if (!current) throw new DomainError("not_found", "no such comment");
      if ((current.resolvedAt !== null) === resolved)
        throw new DomainError(
          "conflict",
          resolved ? "the comment is already resolved" : "the comment is open",
        );
      const rows = await tx
        .update(comments)
        .set(
          resolved
            ? { resolvedAt: ctx.now, resolvedBy: ctx.actor }
            : { resolvedAt: null, resolvedBy: null },
        )
        .where(eq(comments.id, id))
        .returning();
      const row = rows[0] as typeof comments.$inferSelect;
      await appendAudit(
        tx,
        {
          actor: ctx.actor,
          action: resolved ? "comment.resolved" : "comment.reopened",
          entityType: "comment",
          entityId: id,
          data: { assessmentId: row.assessmentId, path: row.path },
        },
        ctx.now,
      );
      return present(row);
    });
  }
}
