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
    const words = [header, ...rows.map((r) => r[i] ?? "")].flatMap((t) => t.split(/\s+/));
    const longestWord = Math.min(24, Math.max(0, ...words.map((w) => w.length)));
    return Math.sqrt(Math.max(Math.min(typical, 300), longestWord * 1.4, 6));
  });
  const floor = Math.min(0.1, 0.6 / n);
  const total = raw.reduce((s, w) => s + w, 0);
  const shares = raw.map((w) => Math.max(w / total, floor));
  const sum = shares.reduce((s, w) => s + w, 0);
  return shares.map((w) => w / sum);
}
