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

const DIGITS = /^\d+$/;

/**
 * One segment against another: list indexes before names; indexes by number (compared as
 * digits, so no length overflows), names without regard to case. Never 0 for two different
 * segments, so paths sort the same way whatever order they come in.
 */
function compareSegments(a: string, b: string): number {
  const an = DIGITS.test(a);
  const bn = DIGITS.test(b);
  if (an !== bn) return an ? -1 : 1;
  if (an) {
    const x = a.replace(/^0+(?=\d)/, "");
    const y = b.replace(/^0+(?=\d)/, "");
    return x.length - y.length || compareText(x, y) || compareText(a, b);
  }
  return compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b);
}

/**
 * Segment by segment, so `[2]` comes before `[10]`; a path before the longer paths it starts.
 * A plain comparison, not `localeCompare`: the first `localeCompare` of a process loads the
 * ICU collator, about 10 ms of a one-shot command's start.
 */
export function comparePaths(x: string, y: string): number {
  if (x === y) return 0;
  const xs = x.match(SEGMENT) ?? [];
  const ys = y.match(SEGMENT) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const order = compareSegments(xs[i] as string, ys[i] as string);
    if (order !== 0) return order;
  }
  return xs.length - ys.length || compareText(x, y);
}
