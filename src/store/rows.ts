/** The rows of a raw `execute`: a driver answers with `{ rows }` or with the rows themselves. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
