/**
 * One figure of `npm run bench`, and the table they are printed in. A figure names the
 * reference it is compared with, measured in the same run on the same machine (ripgrep,
 * a bare Fastify route, `node -e 0`, LibreOffice…), so the ratio between the two says more
 * than either alone on a busy or a different machine.
 */

export interface Reference {
  /** What was measured as the reference, e.g. "node -e 0, median"; in the unit of its figure. */
  figure: string;
  value: number;
}

export interface Row {
  figure: string;
  value: number;
  unit: string;
  reference?: Reference;
  /** The goal an issue or the README sets, as it reads, e.g. "<= 300 ms" or "ratio >= 0.5". */
  goal?: string;
}

/** `value / reference`, or undefined without a reference. */
export function ratioOf(row: Row): number | undefined {
  if (!row.reference || row.reference.value === 0) return undefined;
  return row.value / row.reference.value;
}

/** Whole numbers from 100 up, two decimals below, two significant digits under 0.1. */
const round = (n: number) => {
  const a = Math.abs(n);
  if (a >= 100) return String(Math.round(n));
  if (a >= 0.1 || a === 0) return String(Math.round(n * 100) / 100);
  return String(Number(n.toPrecision(2)));
};

/** The rows as one plain-text table: figure, value, reference, ratio, goal. */
export function table(rows: readonly (Row & { section: string })[]): string {
  const cells = rows.map((r) => {
    const ratio = ratioOf(r);
    return [
      r.section,
      r.figure,
      `${round(r.value)} ${r.unit}`,
      r.reference ? `${r.reference.figure}: ${round(r.reference.value)} ${r.unit}` : "-",
      ratio === undefined ? "-" : `${round(ratio)}x`,
      r.goal ?? "",
    ];
  });
  const head = ["section", "figure", "value", "reference (same run)", "ratio", "goal"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => (i === 2 || i === 4 ? x.padStart(widths[i] ?? 0) : x.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
