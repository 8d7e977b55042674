/**
 * @module store/comments/resolve-comment
 * Resolving an open comment, and reopening a resolved one (it blocks approval again): a
 * state change with its audit event like any other. Doing either twice is refused
 * (`conflict`).
 */
import { eq } from "drizzle-orm";
import { DomainError } from "../../core/errors.ts";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import { comments } from "../schema.ts";
import { type CommentRecord, presentComment } from "./list-comments.ts";

export function resolveComment(deps: StoreDeps, id: string, ctx: WriteContext) {
  return setResolved(deps, id, true, ctx);
}

export function reopenComment(deps: StoreDeps, id: string, ctx: WriteContext) {
  return setResolved(deps, id, false, ctx);
}

function setResolved(
  { db, cache }: StoreDeps,
  id: string,
  resolved: boolean,
  ctx: WriteContext,
): Promise<CommentRecord> {
  return writeTransaction(db, cache, async (tx) => {
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
        entityId: id,
        data: { assessmentId: row.assessmentId, path: row.path },
      },
      ctx.now,
    );
    return presentComment(row);
  });
}
