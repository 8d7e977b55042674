/**
 * @module server/routes/comments
 * Comments on a section or question of an assessment, named by its field path (e.g.
 * `lia.balancing[0].safeguards`), with resolve and reopen. Open comments block approval.
 */

import { z } from "zod";
import { Comment, CommentList } from "../../core/api/index.ts";
import { canComment, canRead } from "../policies.ts";
import { defineRoute } from "../route.ts";
import { AssessmentRef } from "./assessments.ts";

const IdParams = z.strictObject({ id: AssessmentRef });
const CommentParams = z.strictObject({ id: z.uuid() });
/** A field path as findings name them, or a questionnaire question id. */
const CommentPath = z
  .string()
  .min(1)
  .max(300)
  .regex(
    /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+|\[\d+\])*$/,
    "use a field path such as lia.balancing[0]",
  );

export function commentRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/comments",
      summary: "Every comment on an assessment, oldest first, open and resolved",
      tag: "comments",
      policy: canRead,
      response: { json: CommentList },
      params: IdParams,
      async handler({ store, params }) {
        const comments = await store.comments.list(params.id);
        return { comments, open: comments.filter((c) => !c.resolved).length };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/assessments/:id/comments",
      summary: "Comment on a section or question; an open comment blocks approval",
      tag: "comments",
      policy: canComment,
      response: { json: Comment },
      status: 201,
      params: IdParams,
      body: z.strictObject({ path: CommentPath, body: z.string().trim().min(1).max(5000) }),
      async handler({ store, params, body, person }) {
        // Kept in the author's name, as a sign-off decision is.
        return store.comments.create(params.id, body, person);
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/comments/:id/resolve",
      summary: "Resolve an open comment",
      tag: "comments",
      policy: canComment,
      response: { json: Comment },
      params: CommentParams,
      async handler({ store, params, actor, now, today }) {
        return store.comments.resolve(params.id, { actor, now, today });
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/comments/:id/reopen",
      summary: "Reopen a resolved comment; it blocks approval again",
      tag: "comments",
      policy: canComment,
      response: { json: Comment },
      params: CommentParams,
      async handler({ store, params, actor, now, today }) {
        return store.comments.reopen(params.id, { actor, now, today });
      },
    }),
  ];
}
