/**
 * @module core/field-path
 * Field paths such as `lia.interests[10].title`: how they are written, and their order. No
 * YAML here: the web app writes paths too, and loads nothing it does not use.
 */

const SEGMENT = /[^.[\]]+/g;

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Format a zod-style path as `a.b[0].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Segment by segment, list indexes by number (so `[2]` comes before `[10]`) and names without
 * regard to case. A plain comparison, not `localeCompare`: the first `localeCompare` of a
 * process loads the ICU collator, about 10 ms of a one-shot command's start.
 */
export function comparePaths(x: string, y: string): number {
  if (x === y) return 0;
  const xs = x.match(SEGMENT) ?? [];
  const ys = y.match(SEGMENT) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const a = xs[i] as string;
    const b = ys[i] as string;
    if (a === b) continue;
    const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
    if (numeric) return Number(a) - Number(b);
    return compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b);
  }
  return xs.length - ys.length || compareText(x, y);
}
