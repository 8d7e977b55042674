/**
 * @module store/db-errors
 * Recognising a database error without repeating it: drizzle wraps a PostgreSQL error in one
 * whose message quotes the failed statement and its parameters (user data), so callers that
 * print or log an error name it by its SQLSTATE code instead.
 */

interface ErrorLike {
  name?: string;
  message?: string;
  code?: unknown;
  cause?: unknown;
}

/** The SQLSTATE code of a PostgreSQL error, or of the one a wrapper carries. */
export function databaseCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (
    let cur = error as ErrorLike | undefined;
    cur && !seen.has(cur);
    cur = cur.cause as ErrorLike
  ) {
    seen.add(cur);
    if (typeof cur.code === "string" && /^[0-9A-Z]{5}$/.test(cur.code)) return cur.code;
  }
  return undefined;
}

/** Whether the error came from the database (and its message may quote SQL or values). */
export function isDatabaseError(error: unknown): boolean {
  const e = (error ?? {}) as ErrorLike;
  return (
    databaseCode(error) !== undefined ||
    e.name === "DrizzleQueryError" ||
    /^Failed query:/.test(e.message ?? "")
  );
}
