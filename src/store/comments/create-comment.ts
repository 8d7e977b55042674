/**
 * @module store/comments/create-comment
 * A comment on the current version of an assessment, kept in its author's name. An open
 * comment blocks approval (see core/workflow/sign-off).
 */
import { randomUUID } from "node:crypto";
import { findHead, notFound } from "../assessment-ref.ts";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { PersonContext, StoreDeps } from "../context.ts";
import { comments } from "../schema.ts";
import { type CommentRecord, presentComment } from "./list-comments.ts";

export function createComment(
  { db, cache }: StoreDeps,
  ref: string,
  input: { path: string; body: string },
  ctx: PersonContext,
): Promise<CommentRecord> {
  return writeTransaction(db, cache, async (tx) => {
    const a = await findHead(tx, ref);
    if (!a) throw notFound(ref);
    const rows = await tx
      .insert(comments)
      .values({
        id: randomUUID(),
        assessmentId: a.id,
        version: a.currentVersion,
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
        entityId: row.id,
        data: { assessmentId: a.id, version: a.currentVersion, path: input.path },
      },
      ctx.now,
    );
    return presentComment(row);
  });
}
