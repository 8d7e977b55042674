/**
 * @module render/spreadsheet
 * The register as CSV (RFC 4180) and as XLSX (exceljs). Both neutralise spreadsheet formula
 * injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or their
 * full-width forms, which some spreadsheets also read as formulas) gets a leading `'`, so a
 * spreadsheet shows it as text and never evaluates it. In the XLSX every cell is also written
 * as a string in a text-formatted column. The XLSX is laid out to be printed and read: see
 * `toXlsx`.
 */
import { type Branding, brandColour, fitLogo } from "./branding.ts";
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

/** What the workbook says about itself: whose register it is, when, and in whose colours. */
export interface XlsxOptions {
  organisation?: string;
  /** YYYY-MM-DD. */
  today?: string;
  title?: string;
  branding?: Branding | undefined;
}

/** Excel's widths are in characters of the default font; these bound every column. */
const MIN_WIDTH = 12;
const MAX_WIDTH = 60;
/** Points per line of 11-point text, and Excel's largest row height. */
const LINE_HEIGHT = 15;
const MAX_ROW_HEIGHT = 409;

/**
 * A column's width from its text: wide enough for its header's longest word and for the
 * typical (75th percentile) cell up to a limit, so a long text wraps instead of widening.
 */
export function columnWidth(header: string, cells: readonly string[]): number {
  const longestWord = Math.max(...header.split(/\s+/).map((w) => w.length));
  const lengths = cells.map((c) => c.length).sort((a, b) => a - b);
  const typical = lengths[Math.floor(lengths.length * 0.75)] ?? 0;
  const want = Math.max(longestWord + 2, Math.min(typical, 45) * 0.9);
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, want)));
}

/** Lines a text takes when wrapped at `width` characters (explicit line breaks counted). */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.05));
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

/** A row's height in points: enough for its most wrapped cell. */
export function rowHeight(cells: readonly string[], widths: readonly number[]): number {
  const lines = Math.max(1, ...cells.map((c, i) => wrappedLines(c, widths[i] ?? MIN_WIDTH)));
  return Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3);
}

/** Text for an Excel page header or footer, where `&` starts a code. */
function headerText(text: string): string {
  return cleanText(text).replace(/\s+/g, " ").replace(/&/g, "&&").slice(0, 80);
}

/**
 * An XLSX workbook: the register sheet (a bold header row in the brand colour, frozen and
 * repeated on every printed page, wrapped text in rows tall enough to show it, landscape A4
 * fitted to one page wide) and an "About" sheet with the organisation, date and logo.
 */
export async function toXlsx(
  columns: readonly string[],
  rows: readonly string[][],
  options: XlsxOptions = {},
  sheetName = "Register",
): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Basis";
  const title = options.title ?? "Record of processing activities (Art. 30)";
  const colour = brandColour(options.branding).slice(1);
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L${headerText(options.organisation ?? "")}&C&B${headerText(title)}&R${headerText(
        options.today ?? "",
      )}`,
      oddFooter: "&LMade with Basis&RPage &P of &N",
    },
  });
  const texts = rows.map((row) => columns.map((_, i) => cellText(row[i] ?? "")));
  const widths = columns.map((c, i) =>
    columnWidth(
      c,
      texts.map((r) => r[i] ?? ""),
    ),
  );
  sheet.columns = columns.map((c, i) => ({
    header: cellText(c),
    width: widths[i] ?? MIN_WIDTH,
    style: { numFmt: "@", alignment: { wrapText: true, vertical: "top" } },
  }));
  for (const row of texts) {
    const added = sheet.addRow(row);
    added.height = rowHeight(row, widths);
  }
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${colour}` } };
  header.height = rowHeight(
    columns.map((c) => cellText(c)),
    widths,
  );
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  const about = workbook.addWorksheet("About");
  about.columns = [{ width: 22 }, { width: 80 }];
  const logo = options.branding?.logo;
  let top = 1;
  if (logo) {
    const id = workbook.addImage({
      buffer: Buffer.from(logo.bytes) as never,
      extension: logo.type,
    });
    const size = fitLogo(logo, 200, 60);
    about.addImage(id, { tl: { col: 0, row: 0 }, ext: size });
    about.getRow(1).height = size.height * 0.8;
    top = 2;
  }
  const facts: [string, string][] = [
    ["Organisation", options.organisation || "Not recorded"],
    ["Document", title],
    ["Date", options.today ?? "Not recorded"],
    ["Activities", String(rows.length)],
    ["Sheet", `"${sheetName}" holds one row per processing activity.`],
  ];
  facts.forEach(([k, v], i) => {
    const row = about.getRow(top + i);
    row.getCell(1).value = cellText(k);
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = cellText(v);
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
