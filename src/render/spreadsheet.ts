/**
 * @module render/spreadsheet
 * The register as CSV (RFC 4180) and as XLSX (exceljs). Both neutralise spreadsheet formula
 * injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or their
 * full-width forms, which some spreadsheets also read as formulas) gets a leading `'`, so a
 * spreadsheet shows it as text and never evaluates it. In the XLSX every cell is also written
 * as a string in a text-formatted column.
 */
import { cleanText } from "./text.ts";

// Also a formula character after leading whitespace: some spreadsheets trim before parsing.
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** A cell's text as it is safe to hand to a spreadsheet. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Control characters go (they are not text; line breaks and tabs stay), then the formula
 * check runs on both the text as given and as cleaned, so that neither a leading carriage
 * return nor a control character hiding a leading `=` gets through.
 */
export function cellText(value: string): string {
  const clean = cleanText(value);
  return FORMULA_START.test(value) || FORMULA_START.test(clean) ? `'${clean}` : clean;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * RFC 4180 CSV: CRLF between records, fields quoted when they hold a comma, quote or line
 * break, quotes doubled. Starts with a UTF-8 byte-order mark so spreadsheets read the text as
 * UTF-8 (without it Excel shows accented and non-Latin text garbled).
 */
export function toCsv(columns: readonly string[], rows: readonly string[][]): string {
  const lines = [columns, ...rows].map((row) =>
    columns.map((_, i) => csvField(cellText(row[i] ?? ""))).join(","),
  );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** An XLSX workbook with one sheet: a bold, frozen header row and wrapped text cells. */
export async function toXlsx(
  columns: readonly string[],
  rows: readonly string[][],
  sheetName = "Register",
): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Basis";
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: cellText(c),
    width: Math.min(60, Math.max(14, c.length + 2)),
    style: { numFmt: "@", alignment: { wrapText: true, vertical: "top" } },
  }));
  for (const row of rows) {
    sheet.addRow(columns.map((_, i) => cellText(row[i] ?? "")));
  }
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
