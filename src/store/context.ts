/**
 * @module store/context
 * What every store operation is given: the database, the read cache and the renderer of
 * signed-off documents (`StoreDeps`, bound once by `openStore`), and for a write, who acts
 * and when (`WriteContext`), never the HTTP request.
 */
import type { Assessment } from "../core/schema/index.ts";
import type { Role, SignOffRole } from "../core/vocabulary.ts";
import type { SignedApproval } from "../core/workflow/signed-document.ts";
import type { StoreCache } from "./cache.ts";
import type { Db } from "./db.ts";

/** Who acts, when, and today's date for evaluation: passed in, never read from a request. */
export interface WriteContext {
  actor: string;
  now: Date;
  today: string;
}

/** The part of a write context that raising a trigger or an audit event needs. */
export type ActorClock = Pick<WriteContext, "actor" | "now">;

/**
 * A write by a person (or token) with a role: sign-off decisions and comments are kept in
 * their name.
 */
export interface PersonContext extends WriteContext {
  role: Role;
  /** The person's display name, kept with what they wrote. */
  name: string;
  /** The user's id when the actor is a user (approvals.user_id, comments.author_id). */
  userId?: string | undefined;
}

/** A signed-off file, as rendered for the store. */
export interface SignedFile {
  format: "pdf";
  bytes: Uint8Array;
}

/**
 * Renders the document a completed sign-off keeps, as of `today`. Given to the store when it
 * is opened, so that the store imports nothing from render.
 */
/** The version being signed off and its approvals, for the kept document's own record. */
export interface SigningRecord {
  version: number;
  required: readonly SignOffRole[];
  /** Every approval of the version, the completing one last. */
  approvals: readonly SignedApproval[];
}

/**
 * Renders the signed-off document of a version: its content as approved, and the record it
 * has once this approval completes the sign-off (documents take their standing from a record,
 * never from the file).
 */
export type RenderSigned = (
  doc: Assessment,
  today: string,
  signing: SigningRecord,
) => Promise<SignedFile>;

/** What the store operations run on. */
export interface StoreDeps {
  db: Db;
  cache: StoreCache;
  /** Absent: an approval that completes a sign-off is refused (`signed_document_required`). */
  renderSigned?: RenderSigned | undefined;
}
