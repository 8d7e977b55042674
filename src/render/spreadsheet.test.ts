/**
 * CSV and XLSX cells: RFC 4180 quoting and formula-injection neutralisation; the XLSX laid out
 * to be printed and read (widths, row heights, landscape one page wide, header repeated).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  cellText,
  columnWidth,
  neutraliseCell,
  rowHeight,
  toCsv,
  toXlsx,
  wrappedLines,
} from "./spreadsheet.ts";

describe("neutraliseCell", () => {
  it("prefixes a quote to every cell a spreadsheet could read as a formula", () => {
    for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", " =1", "＝1"]) {
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    }
  });

  it("leaves ordinary text alone", () => {
    for (const cell of ["IP address", "a=b", "90 days", "", "'quoted"]) {
      expect(neutraliseCell(cell)).toBe(cell);
    }
  });

  it("neutralises a formula hidden behind a control character", () => {
    expect(cellText("\u0000=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
  });
});

describe("toCsv", () => {
  it("quotes commas, quotes and line breaks, and ends records with CRLF", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        ["x,y", 'say "hi"'],
        ["line\nbreak", "plain"],
      ],
    );
    expect(csv).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",plain\r\n');
  });

  it("pads a short row so every record has every column", () => {
    expect(toCsv(["a", "b", "c"], [["1"]])).toBe("\uFEFFa,b,c\r\n1,,\r\n");
  });
});

describe("toXlsx", () => {
  const long = "Fraud data only as long as necessary; logs 90 days. ".repeat(6).trim();
  const columns = ["Activity", "Retention", "Volume"];
  const rows = [
    ["Fraud detection", long, "All users (100,000+)"],
    ["Account management", "For the life of the account", "100,000 users"],
  ];

  async function read(bytes: Uint8Array) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook;
  }

  it("prints landscape on A4, one page wide, with the header row repeated on every page", async () => {
    const book = await read(
      await toXlsx(columns, rows, { organisation: "Example Ltd", today: "2026-11-22" }),
    );
    const sheet = book.worksheets[0];
    expect(sheet?.pageSetup).toMatchObject({
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
    });
    expect(sheet?.headerFooter.oddFooter).toContain("Page &P of &N");
    expect(sheet?.headerFooter.oddHeader).toContain("Example Ltd");
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("makes a row tall enough for its most wrapped cell, and a short row one line high", async () => {
    const sheet = (await read(await toXlsx(columns, rows))).worksheets[0];
    const width = sheet?.getColumn(2).width ?? 0;
    expect(width).toBeGreaterThanOrEqual(12);
    expect(width).toBeLessThanOrEqual(60);
    const tall = sheet?.getRow(2).height ?? 0;
    const short = sheet?.getRow(3).height ?? 0;
    expect(tall).toBeGreaterThanOrEqual(wrappedLines(long, width) * 15);
    expect(short).toBeLessThan(tall);
    expect(short).toBeGreaterThanOrEqual(15);
  });

  it("sizes a column to its header's longest word and its typical text, within bounds", () => {
    expect(columnWidth("Categories of data subjects", ["Customers"])).toBe(12);
    expect(columnWidth("Description", ["x".repeat(400)])).toBe(41);
    expect(rowHeight(["a", "b"], [20, 20])).toBe(18);
  });

  it("says whose register it is on an About sheet", async () => {
    const book = await read(
      await toXlsx(columns, rows, { organisation: "Example Ltd", today: "2026-11-22" }),
    );
    const about = book.getWorksheet("About");
    expect(about?.getRow(1).getCell(2).value).toBe("Example Ltd");
    expect(about?.getRow(4).getCell(2).value).toBe("2");
  });
});
