/**
 * @module core/field-path
 * The order of field paths such as `lia.interests[10].title`: segment by segment, list
 * indexes by number (so `[2]` comes before `[10]`) and names without regard to case. A plain
 * comparison, not `localeCompare`: the first `localeCompare` of a process loads the ICU
 * collator, about 10 ms of a one-shot command's start.
 */

const SEGMENT = /[^.[\]]+/g;

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

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
