/**
 * @module store/comments/list-comments
 * Comments on a section or question of an assessment (named by its field path), as the API
 * shows them: every comment on one assessment, oldest first, open and resolved.
 */
import { asc, eq } from "drizzle-orm";
import type { Comment as CommentRecord } from "../../core/api/workflow.ts";
import { idOf, refCondition } from "../assessment-ref.ts";
import type { StoreDeps } from "../context.ts";
import { assessments, comments } from "../schema.ts";

export type { CommentRecord };

export function presentComment(r: typeof comments.$inferSelect): CommentRecord {
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

/** Every comment on the assessment `ref` (id or slug), oldest first. */
export async function listComments({ db }: StoreDeps, ref: string): Promise<CommentRecord[]> {
  const rows = await db
    .select({ c: comments })
    .from(comments)
    .innerJoin(assessments, eq(assessments.id, comments.assessmentId))
    .where(refCondition(ref))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  // None found: say so if the assessment itself does not exist.
  if (rows.length === 0) await idOf(db, ref);
  return rows.map((r) => presentComment(r.c));
}
