/**
 * @module server/errors
 * The one table that maps domain error codes to HTTP statuses, and the error body shape:
 * `{ error: { code, message, details? } }`.
 */
import type { DomainErrorCode } from "../core/errors.ts";

export const HTTP_STATUS: Record<
  DomainErrorCode | "csrf_failed" | "rate_limited" | "internal",
  number
> = {
  validation_failed: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  forbidden: 403,
  role_above_own: 403,
  csrf_failed: 403,
  invalid_setup_token: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  stale_draft: 409,
  already_set_up: 409,
  approved_versions_exist: 409,
  data_dir_locked: 503,
  transition_not_allowed: 409,
  blockers_open: 409,
  comments_open: 409,
  version_rejected: 409,
  role_not_required: 400,
  already_signed: 409,
  author_cannot_approve: 403,
  comment_required: 400,
  reason_required: 400,
  signed_document_required: 409,
  rate_limited: 429,
  internal: 500,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
