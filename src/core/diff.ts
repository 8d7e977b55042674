/**
 * @module core/diff
 * A readable structural diff between two versions of an assessment: each change is a field
 * path with what it was and what it became. Lists of objects that carry an `id`, `purpose`,
 * `interest` or `name` are matched by that key, so reordering is not reported as a change.
 */
import { formatPath } from "./field-path.ts";

export interface Change {
  path: string;
  op: "added" | "removed" | "changed";
  from?: unknown;
  to?: unknown;
}

const KEYS = ["id", "purpose", "interest", "name", "role", "version"] as const;

/** Changes that turn `before` into `after`, in document order. */
export function diffDocuments(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  walk(before, after, [], out);
  return out;
}

function walk(a: unknown, b: unknown, path: (string | number)[], out: Change[]): void {
  if (a === b) return;
  if (a === undefined) {
    out.push({ path: formatPath(path), op: "added", to: b });
    return;
  }
  if (b === undefined) {
    out.push({ path: formatPath(path), op: "removed", from: a });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = listKey(a, b);
    if (key) {
      const before = new Map(a.map((x) => [String((x as Record<string, unknown>)[key]), x]));
      const after = new Map(b.map((x) => [String((x as Record<string, unknown>)[key]), x]));
      b.forEach((item, i) => {
        const k = String((item as Record<string, unknown>)[key]);
        walk(before.get(k), item, [...path, i], out);
      });
      a.forEach((item, i) => {
        const k = String((item as Record<string, unknown>)[key]);
        if (!after.has(k)) out.push({ path: formatPath([...path, i]), op: "removed", from: item });
      });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], [...path, i], out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) walk(a[k], b[k], [...path, k], out);
    return;
  }
  out.push({ path: formatPath(path), op: "changed", from: a, to: b });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function listKey(a: unknown[], b: unknown[]): string | undefined {
  const all = [...a, ...b];
  if (all.length === 0 || !all.every(isObject)) return undefined;
  for (const k of KEYS) {
    const values = (list: unknown[]) => list.map((x) => (x as Record<string, unknown>)[k]);
    const unique = (list: unknown[]) => new Set(values(list)).size === list.length;
    if (
      all.every((x) => typeof (x as Record<string, unknown>)[k] === "string") &&
      unique(a) &&
      unique(b)
    )
      return k;
  }
  return undefined;
}
