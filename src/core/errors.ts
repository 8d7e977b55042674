/**
 * @module core/errors
 * Coded errors raised by the domain. The edges (HTTP, CLI) map codes to statuses and exit
 * codes in one table each; nothing here knows about either.
 */

export type DomainErrorCode =
  | "validation_failed"
  | "not_found"
  | "conflict"
  | "stale_version"
  /** The working draft changed since the revision the client had (core: one per assessment). */
  | "stale_draft"
  | "forbidden"
  | "unauthenticated"
  | "already_set_up"
  | "invalid_setup_token"
  | "invalid_credentials"
  /** An API token asked for with a higher role than its maker's own. */
  | "role_above_own"
  | "approved_versions_exist"
  | "data_dir_locked"
  // sign-off workflow (core/workflow/sign-off)
  | "transition_not_allowed"
  | "blockers_open"
  | "comments_open"
  | "version_rejected"
  | "role_not_required"
  | "already_signed"
  | "author_cannot_approve"
  | "comment_required"
  | "reason_required"
  | "signed_document_required";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}
