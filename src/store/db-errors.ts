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

/** The error, then each error it wraps (its `cause`, and so on), each once. */
function* causes(error: unknown): Generator<ErrorLike & { syscall?: unknown }> {
  const seen = new Set<unknown>();
  for (
    let cur = error as ErrorLike | undefined;
    cur && !seen.has(cur);
    cur = cur.cause as ErrorLike
  ) {
    seen.add(cur);
    yield cur;
  }
}

/** The SQLSTATE code of a PostgreSQL error, or of the one a wrapper carries. */
export function databaseCode(error: unknown): string | undefined {
  for (const cur of causes(error))
    if (typeof cur.code === "string" && /^[0-9A-Z]{5}$/.test(cur.code)) return cur.code;
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

/** Node's codes for a connection that could not be made or was cut. */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * Why the database could not be used at all, when that is the error: the server could not be
 * reached (a refused connection, an unknown host, a missing socket), or it refused this client
 * (SQLSTATE class 08, a connection exception, or 28, a wrong user or password) or has no such
 * database (3D000). These messages name the server, user or database of DATABASE_URL, never a
 * statement or its values, so they are shown as they are. Undefined for any other error.
 */
export function connectionProblem(error: unknown): string | undefined {
  for (const cur of causes(error)) {
    const code = typeof cur.code === "string" ? cur.code : "";
    const unreachable = UNREACHABLE.has(code) || (code === "ENOENT" && cur.syscall === "connect");
    if (unreachable || /^(08|28)[0-9A-Z]{3}$/.test(code) || code === "3D000")
      return `${cur.message ?? code}${unreachable ? "" : ` (SQLSTATE ${code})`}`;
  }
  return undefined;
}

/** An error's message and those of the errors it wraps, for an operator who asked for them. */
export function messageChain(error: unknown): string {
  return [...causes(error)]
    .map((cur) => (cur.message ?? String(cur)).trim())
    .filter((m) => m !== "")
    .join("; caused by: ");
}
