/**
 * @module render/table-widths
 * Column widths for the paged formats (PDF, DOCX), where a table must fit the page width: each
 * column gets a share that grows with the length of its text, damped so that one long column
 * cannot starve the others, and never less than a floor that keeps a short header legible.
 */

/** Shares of the table width, one per column, summing to 1. */
export function columnWeights(columns: readonly string[], rows: readonly string[][]): number[] {
  const n = columns.length;
  if (n === 0) return [];
  const raw = columns.map((header, i) => {
    const lengths = rows.map((r) => (r[i] ?? "").length).sort((a, b) => a - b);
    const typical = lengths.length > 0 ? (lengths[Math.floor(lengths.length * 0.75)] ?? 0) : 0;
    // The longest word (up to 24 characters) should fit on one line: it cannot wrap.
    let longestWord = longestWordIn(header);
    for (const row of rows) longestWord = Math.max(longestWord, longestWordIn(row[i] ?? ""));
    return Math.sqrt(Math.max(Math.min(typical, 300), Math.min(24, longestWord) * 1.4, 6));
  });
  const floor = Math.min(0.1, 0.6 / n);
  const total = raw.reduce((s, w) => s + w, 0);
  const shares = raw.map((w) => Math.max(w / total, floor));
  const sum = shares.reduce((s, w) => s + w, 0);
  return shares.map((w) => w / sum);
}

/** The length of the longest run of non-space characters (without splitting the text up). */
function longestWordIn(text: string): number {
  let longest = 0;
  let start = 0;
  for (const space of text.matchAll(/\s+/g)) {
    longest = Math.max(longest, space.index - start);
    start = space.index + space[0].length;
  }
  return Math.max(longest, text.length - start);
}
