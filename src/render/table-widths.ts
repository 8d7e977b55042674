/**
 * @module render/table-widths
 * Column widths for the paged formats (PDF, DOCX), where a table must fit the page width.
 * Every column first gets room for its longest word (up to a limit, after long addresses and
 * identifiers have been given break opportunities, see `softBreaks`), so no word is split
 * between letters where it could fit; what is left is shared in proportion to each column's
 * typical text, damped so that one long column cannot starve the others.
 */
import { longestUnbreakable } from "./text.ts";

/** The longest word a column must hold whole, in characters. */
const WORD_LIMIT = 24;

/**
 * Shares of the table width, one per column, summing to 1. `capacity` is how many average
 * characters fit across the whole table at its font size.
 */
export function columnWeights(
  columns: readonly string[],
  rows: readonly string[][],
  capacity = 110,
): number[] {
  const n = columns.length;
  if (n === 0) return [];
  const longest = columns.map((header, i) => {
    let word = longestUnbreakable(header);
    for (const row of rows) word = Math.max(word, longestUnbreakable(row[i] ?? ""));
    return Math.min(WORD_LIMIT, word);
  });
  // Room for the longest word, plus the cell padding.
  const floors = longest.map((w) => (w + 2.5) / capacity);
  const floorSum = floors.reduce((s, f) => s + f, 0);
  if (floorSum >= 1) return floors.map((f) => f / floorSum);
  const raw = columns.map((_, i) => {
    const lengths = rows.map((r) => (r[i] ?? "").length).sort((a, b) => a - b);
    const typical = lengths.length > 0 ? (lengths[Math.floor(lengths.length * 0.75)] ?? 0) : 0;
    return Math.sqrt(Math.max(Math.min(typical, 300), 6));
  });
  const rawSum = raw.reduce((s, w) => s + w, 0);
  // Each column's share by its text, but never below the room its longest word needs.
  let shares = raw.map((w) => w / rawSum);
  const fixed = new Set<number>();
  for (let pass = 0; pass < n; pass++) {
    const newlyShort = shares.flatMap((s, i) => (!fixed.has(i) && s < (floors[i] ?? 0) ? [i] : []));
    if (newlyShort.length === 0) break;
    for (const i of newlyShort) fixed.add(i);
    const fixedShare = [...fixed].reduce((s, i) => s + (floors[i] ?? 0), 0);
    const freeRaw = raw.reduce((s, w, i) => s + (fixed.has(i) ? 0 : w), 0);
    shares = shares.map((_, i) =>
      fixed.has(i) ? (floors[i] ?? 0) : ((raw[i] ?? 0) / freeRaw) * (1 - fixedShare),
    );
  }
  const sum = shares.reduce((s, w) => s + w, 0);
  return shares.map((w) => w / sum);
}
