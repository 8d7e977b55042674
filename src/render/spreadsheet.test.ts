/**
 * CSV and XLSX cells: RFC 4180 quoting and formula-injection neutralisation.
 */
import { describe, expect, it } from "vitest";
import { cellText, neutraliseCell, toCsv } from "./spreadsheet.ts";

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
