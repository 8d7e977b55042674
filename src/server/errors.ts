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
  csrf_failed: 403,
  invalid_setup_token: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  already_set_up: 409,
  approved_versions_exist: 409,
  data_dir_locked: 503,
  rate_limited: 429,
  internal: 500,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
