/**
 * The documents in every format, end to end through the CLI: golden HTML for the seed
 * fixtures; the PDF read back with pdftotext and the Word file opened by LibreOffice, each
 * holding every heading and table cell of the document model; the register read back from
 * CSV and XLSX with real parsers; and a hostile register that must stay text in every format.
 *
 * pdftotext (poppler-utils) and LibreOffice are needed for the PDF and Word checks. Without
 * them those tests are skipped with a warning, unless BASIS_REQUIRE_ALL=1, when they fail.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExportRegister } from "../src/cli/commands/export-register.ts";
import { type BinaryIo, documentContext, runRender } from "../src/cli/commands/render.ts";
import { bufferIo } from "../src/cli/io.ts";
import { assessmentsOf, loadBasisFile } from "../src/cli/load-file.ts";
import type { Assessment, BasisFile } from "../src/core/schema/index.ts";
import { buildLiaDocument } from "../src/render/lia-document.ts";
import type { Doc } from "../src/render/model.ts";
import { REGISTER_COLUMNS, registerRows } from "../src/render/register-rows.ts";
import { cellText } from "../src/render/spreadsheet.ts";
import { convertToPdf, SOFFICE } from "./support/office.ts";

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const TODAY = "2026-11-22";
const LEVQOR = root("fixtures/levqor-platform-lia.yaml");
const HOSTILE = root("test/fixtures/hostile-register.yaml");
const INSTALL = "apt-get install -y poppler-utils libreoffice-writer-nogui";
const REQUIRE_ALL = process.env.BASIS_REQUIRE_ALL === "1";
/** PDF rendering and text extraction take seconds on a busy two-core machine. */
const SLOW = 60_000;

function hasTool(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}
const PDFTOTEXT = hasTool("pdftotext");

for (const [tool, ok] of [
  ["pdftotext", PDFTOTEXT],
  ["LibreOffice (soffice)", SOFFICE !== undefined && PDFTOTEXT],
] as const) {
  if (!ok) {
    console.warn(
      `\n*** ${tool} is not installed: the ${tool === "pdftotext" ? "PDF" : "Word"} document tests ${REQUIRE_ALL ? "FAIL (BASIS_REQUIRE_ALL=1)" : "are SKIPPED"}. Install with: ${INSTALL} ***\n`,
    );
  }
}
/** A test that needs external tools: skipped without them, failing without them under REQUIRE_ALL. */
function withTools(available: boolean) {
  return available || REQUIRE_ALL ? it : it.skip;
}
function requireTools(available: boolean, what: string): void {
  expect(available, `${what} is not installed: ${INSTALL}`).toBe(true);
}

const dir = mkdtempSync(join(tmpdir(), "basis-documents-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(file: string): BasisFile {
  const loaded = loadBasisFile(file);
  if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.errors)}`);
  return loaded.value;
}

function liaDocs(file: string): Doc[] {
  const ctx = documentContext(TODAY);
  return assessmentsOf(load(file)).map((a) =>
    buildLiaDocument(a, { ...ctx, evaluation: ctx.evaluationOf(a) }),
  );
}

/** Render through the CLI into a file; returns its path. */
async function renderTo(file: string, format: string, name: string, extra: string[] = []) {
  const out = join(dir, name);
  const io = bufferIo();
  const opts = { format, output: out, today: TODAY } as Parameters<typeof runRender>[2];
  if (extra.includes("lawful-basis")) opts.document = "lawful-basis";
  expect(await runRender(io, file, opts)).toBe(0);
  return out;
}

/**
 * Text for comparison: no whitespace, hyphens or direction marks, since text extraction moves
 * all three (lines wrap, pdftotext joins a word hyphenated at a line end, bidi marks appear).
 */
function squash(text: string): string {
  return text.replace(/[\s\u00AD\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069-]+/g, "");
}

/**
 * The text of a PDF without its running header ("<organisation> Legitimate Interests
 * Assessment · Version 1.0 · Draft") and footers ("<title> Page 3 of 9"). `raw` keeps the
 * order the text was drawn in, which for LibreOffice's tables is cell by cell (its default
 * reading order interleaves the lines of neighbouring cells).
 */
function pdfText(pdf: string, running?: string, raw = false): string {
  const args = [...(raw ? ["-raw"] : []), "-enc", "UTF-8", pdf, "-"];
  const r = spawnSync("pdftotext", args, { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  const title = (running ?? "")
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+");
  const footer = new RegExp(`${title ? `(?:${title})?\\s*` : ""}Page \\d+ of \\d+`, "g");
  const header =
    /(?:Hostile <script>alert\(1\)<\/script> & Co|Levqor|Example Controller Ltd)?\s*(?:Legitimate Interests Assessment|Lawful Basis Assessment) · Version [^\n]*/g;
  return r.stdout
    .replace(/\u200B/g, "")
    .replace(header, "\n")
    .replace(footer, "\n");
}

/** Every heading and every table cell (and column name) of the documents. */
/** The running footer title of a file's documents: its first assessment's title. */
function running(file: string, lawfulBasis = false): string {
  const f = load(file);
  const title = lawfulBasis && f.kind === "register" ? f.title : (assessmentsOf(f)[0]?.title ?? "");
  return title.replace(/\s+/g, " ").slice(0, 90);
}

function headingsAndCells(docs: Doc[]): string[] {
  const out: string[] = [];
  for (const doc of docs) {
    out.push(doc.title);
    for (const block of doc.blocks) {
      if (block.kind === "heading") out.push(block.text);
      if (block.kind === "table") out.push(...block.columns, ...block.rows.flat());
    }
  }
  return out.filter((t) => t.trim() !== "");
}

function missingFrom(text: string, wanted: string[]): string[] {
  const hay = squash(text);
  return wanted.filter((w) => !hay.includes(squash(w)));
}

describe("golden HTML of the seed fixtures", () => {
  const fixtures = readdirSync(root("fixtures")).filter((f) => f.endsWith(".yaml"));
  const cases = [
    ...fixtures.map((f) => ({
      file: `fixtures/${f}`,
      golden: f.replace(/\.yaml$/, ".golden.html"),
      doc: "lia",
    })),
    {
      file: "fixtures/lawful-basis-register.yaml",
      golden: "lawful-basis-register.basis.golden.html",
      doc: "lawful-basis",
    },
    {
      file: "fixtures/lawful-basis-register.yaml",
      golden: "lawful-basis-register.basis.golden.md",
      doc: "lawful-basis",
    },
  ];
  for (const c of cases) {
    it(`${c.golden} matches the rendering of ${c.file}`, async () => {
      const io = bufferIo();
      const format = c.golden.endsWith(".md") ? "md" : "html";
      const code = await runRender(io, root(c.file), {
        format,
        today: TODAY,
        document: c.doc as "lia" | "lawful-basis",
      });
      expect(code).toBe(0);
      const golden = root(`test/golden/${c.golden}`);
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, io.stdout);
      expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npm test`).toBe(true);
      expect(io.stdout).toBe(readFileSync(golden, "utf8"));
    });
  }
});

describe("PDF", () => {
  withTools(PDFTOTEXT)(
    "of the Levqor LIA holds every section heading and table cell",
    async () => {
      requireTools(PDFTOTEXT, "pdftotext");
      const pdf = await renderTo(LEVQOR, "pdf", "levqor.pdf");
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
      const wanted = headingsAndCells(liaDocs(LEVQOR));
      expect(wanted.length).toBeGreaterThan(100);
      expect(missingFrom(pdfText(pdf, running(LEVQOR), true), wanted)).toEqual([]);
    },
    SLOW,
  );
});

describe("Word (.docx), opened by LibreOffice", () => {
  const converted = new Map<string, string>();
  beforeAll(async () => {
    if (!SOFFICE || !PDFTOTEXT) return;
    const files = [
      await renderTo(LEVQOR, "docx", "levqor.docx"),
      await renderTo(HOSTILE, "docx", "hostile.docx"),
    ];
    convertToPdf(dir, files, 120_000);
    for (const f of files) {
      const name = f.replace(/^.*\//, "").replace(/\.docx$/, "");
      const source = name === "levqor" ? LEVQOR : HOSTILE;
      converted.set(name, pdfText(join(dir, "lo", `${name}.pdf`), running(source), true));
    }
  }, 180_000);

  withTools(SOFFICE !== undefined && PDFTOTEXT)(
    "of the Levqor LIA opens and holds every section heading and table cell",
    () => {
      requireTools(SOFFICE !== undefined && PDFTOTEXT, "LibreOffice and pdftotext");
      const text = converted.get("levqor") ?? "";
      expect(missingFrom(text, headingsAndCells(liaDocs(LEVQOR)))).toEqual([]);
    },
  );

  withTools(SOFFICE !== undefined && PDFTOTEXT)(
    "of the hostile register shows its text literally",
    () => {
      requireTools(SOFFICE !== undefined && PDFTOTEXT, "LibreOffice and pdftotext");
      const text = converted.get("hostile") ?? "";
      expect(missingFrom(text, HOSTILE_LITERALS)).toEqual([]);
      expect(squash(text)).toContain(squash(longAnswer()));
    },
  );
});

describe("the register as CSV and XLSX", () => {
  const register = root("fixtures/lawful-basis-register.yaml");
  const expected = () =>
    registerRows(assessmentsOf(load(register)), documentContext(TODAY)).map((r) => r.map(cellText));

  it("reads back from CSV, with a real CSV parser, as the register rows", async () => {
    const io = bufferIo();
    expect(await runExportRegister(io, register, { format: "csv", today: TODAY })).toBe(0);
    const rows = parseCsv(io.stdout, { bom: true, relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual([...REGISTER_COLUMNS]);
    expect(rows.slice(1)).toEqual(expected());
    expect(rows.length).toBe(5);
  });

  it(
    "reads back from XLSX, with a real workbook reader, as the register rows",
    async () => {
      const out = join(dir, "register.xlsx");
      expect(
        await runExportRegister(bufferIo(), register, {
          format: "xlsx",
          output: out,
          today: TODAY,
        }),
      ).toBe(0);
      const rows = await readXlsx(out);
      expect(rows[0]).toEqual([...REGISTER_COLUMNS]);
      expect(rows.slice(1)).toEqual(expected());
    },
    SLOW,
  );

  it("reads every Basis file of a folder, one row per activity", async () => {
    const io = bufferIo();
    expect(await runExportRegister(io, root("fixtures"), { format: "csv", today: TODAY })).toBe(0);
    const rows = parseCsv(io.stdout, { bom: true }) as string[][];
    const activities = readdirSync(root("fixtures"))
      .filter((f) => f.endsWith(".yaml"))
      .flatMap((f) => assessmentsOf(load(root(`fixtures/${f}`))));
    const activity = REGISTER_COLUMNS.indexOf("Activity");
    expect(rows.slice(1).map((r) => r[activity])).toEqual(activities.map((a) => a.activity.name));
  });
});

async function readXlsx(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= REGISTER_COLUMNS.length; c++) {
      const cell = row.getCell(c);
      expect(cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.Null).toBe(
        true,
      );
      cells.push(cell.value === null ? "" : String(cell.value));
    }
    rows.push(cells);
  });
  return rows;
}

/** The hostile fixture's strings that every format must show as they are. */
const HOSTILE_LITERALS = [
  "Hostile <script>alert(1)</script> & Co",
  '=HYPERLINK("http://x","y")',
  "@SUM(A1)",
  "<script>alert(4)</script>",
  "**Bold** [click](javascript:alert(1)) <img src=x onerror=alert(2)>",
  "</td></tr></table><script>alert(3)</script>",
  "数据保护 データ保護",
  "🔒🚀",
  "שלום",
  "עולם",
  "مرحبا",
  "بالعالم",
];

function longAnswer(): string {
  const file = load(HOSTILE);
  const a = assessmentsOf(file)[0] as Assessment;
  const description = a.lia?.interests[0]?.description ?? "";
  expect(description.length).toBeGreaterThanOrEqual(5000);
  return description;
}

describe("a hostile register", () => {
  it("renders as HTML with no markup of its own: every tag and quote is escaped", async () => {
    const html = readFileSync(await renderTo(HOSTILE, "html", "hostile.html"), "utf8");
    const basis = readFileSync(
      await renderTo(HOSTILE, "html", "hostile-basis.html", ["lawful-basis"]),
      "utf8",
    );
    for (const page of [html, basis]) {
      expect(page).not.toMatch(/<script|<img|<iframe|<svg|<b>|javascript:alert\(1\)\)"/i);
      expect(page).toContain("Hostile &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
      expect(page).toContain("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;");
      expect(page).not.toContain("\u202e");
    }
  });

  it("renders as Markdown with the tags escaped, never as raw HTML", async () => {
    const md = readFileSync(await renderTo(HOSTILE, "md", "hostile.md"), "utf8");
    expect(md).not.toMatch(/<script|<img|<iframe|<svg/i);
    expect(md).toContain("&lt;script&gt;");
  });

  it("exports CSV and XLSX with every formula-like cell neutralised", async () => {
    const io = bufferIo();
    expect(await runExportRegister(io, HOSTILE, { format: "csv", today: TODAY })).toBe(0);
    const csv = parseCsv(io.stdout, { bom: true }) as string[][];
    const out = join(dir, "hostile.xlsx");
    expect(
      await runExportRegister(bufferIo(), HOSTILE, { format: "xlsx", output: out, today: TODAY }),
    ).toBe(0);
    const xlsx = await readXlsx(out);
    for (const rows of [csv, xlsx]) {
      const cells = rows.flat();
      expect(cells).toContain(`'=HYPERLINK("http://x","y")`);
      expect(cells).toContain("'@SUM(A1)");
      expect(cells).toContain("'-2+3");
      expect(cells).toContain("'=1+1"); // written as "\r=1+1": the schema trims the return
      for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  withTools(PDFTOTEXT)(
    "renders as PDF holding the literal strings, the long answer whole",
    async () => {
      requireTools(PDFTOTEXT, "pdftotext");
      const text = pdfText(await renderTo(HOSTILE, "pdf", "hostile.pdf"), running(HOSTILE));
      expect(missingFrom(text, HOSTILE_LITERALS)).toEqual([]);
      expect(squash(text)).toContain(squash(longAnswer()));
      const basis = pdfText(
        await renderTo(HOSTILE, "pdf", "hostile-basis.pdf", ["lawful-basis"]),
        running(HOSTILE, true),
      );
      expect(missingFrom(basis, HOSTILE_LITERALS.slice(0, 3))).toEqual([]);
    },
    SLOW,
  );

  it("gives the privacy-notice text without control characters", async () => {
    const io = bufferIo();
    expect(await runRender(io, HOSTILE, { format: "notice", today: TODAY })).toBe(0);
    expect(io.stdout).toContain("Hostile <script>alert(1)</script> & Co");
    expect(io.stdout).toContain("@SUM(A1)");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(io.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u202E]/);
  });
});

describe("binary output on the command line", () => {
  it("refuses to write a PDF to a terminal, and says how to write it instead", async () => {
    const io = bufferIo(true);
    await expect(runRender(io, LEVQOR, { format: "pdf", today: TODAY })).rejects.toThrow(
      /refusing to write a PDF to a terminal: add -o/,
    );
  });

  it(
    "writes the Word document to standard output when that is not a terminal",
    async () => {
      const chunks: Uint8Array[] = [];
      const io: BinaryIo = { ...bufferIo(false), outBytes: (b) => chunks.push(b) };
      expect(await runRender(io, LEVQOR, { format: "docx", today: TODAY })).toBe(0);
      const bytes = Buffer.concat(chunks);
      expect(bytes.subarray(0, 2).toString()).toBe("PK"); // a zip, as every .docx is
      expect(bytes.length).toBeGreaterThan(5000);
    },
    SLOW,
  );
});

describe("branding and the screening record from the command line", () => {
  const logo = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAEElEQVR4nGOQt4qHIwZkDgBI2gXB6y5eIwAAAABJRU5ErkJggg==",
    "base64",
  );
  const brandFile = () => {
    writeFileSync(join(dir, "logo.png"), logo);
    const file = join(dir, "brand.yaml");
    writeFileSync(file, "name: Levqor Ltd\ncolour: '#0B6E4F'\nlogo: logo.png\n");
    return file;
  };

  withTools(PDFTOTEXT)(
    "puts the brand's name and logo on the PDF and the Word file, and its colour on both",
    async () => {
      requireTools(PDFTOTEXT, "pdftotext");
      const brand = brandFile();
      const pdf = join(dir, "brand.pdf");
      const docx = join(dir, "brand.docx");
      for (const [format, output] of [
        ["pdf", pdf],
        ["docx", docx],
      ] as const)
        expect(await runRender(bufferIo(), LEVQOR, { format, output, today: TODAY, brand })).toBe(
          0,
        );
      const bytes = readFileSync(pdf).toString("latin1");
      expect(bytes).toMatch(/\/Subtype\s*\/Image/);
      expect(pdfText(pdf)).toContain("Levqor Ltd");
      const listing = spawnSync("unzip", ["-l", docx], { encoding: "utf8" }).stdout;
      expect(listing).toMatch(/word\/media\/\S+\.png/);
      const styles = spawnSync("unzip", ["-p", docx, "word/styles.xml"], { encoding: "utf8" });
      expect(styles.stdout).toContain("0B6E4F");
    },
    SLOW,
  );

  it("refuses a brand file with a bad colour or a logo that is not an image, before any work", async () => {
    const bad = join(dir, "bad-brand.yaml");
    writeFileSync(bad, "colour: teal\n");
    await expect(
      runRender(bufferIo(), LEVQOR, { format: "md", today: TODAY, brand: bad }),
    ).rejects.toThrow(/colour: write the colour as #RRGGBB/);
    writeFileSync(join(dir, "not-a-logo.png"), "hello");
    writeFileSync(bad, "logo: not-a-logo.png\n");
    await expect(
      runRender(bufferIo(), LEVQOR, { format: "md", today: TODAY, brand: bad }),
    ).rejects.toThrow(/logo: the logo must be a PNG or JPEG image/);
  });

  it("renders the screening attached to an assessment as its own record, and within the LIA", async () => {
    const answers = readFileSync(
      root("src/content/questionnaires/seed-000-answers.yaml"),
      "utf8",
    ).replace(/^#.*\n/gm, "");
    const seed = readFileSync(root("fixtures/statnive-cookieless-analytics-lia.yaml"), "utf8");
    const withScreening = `${seed}\nscreening:\n  assessor: Strategy lead\n  date: 2026-05-01\n${answers
      .split("\n")
      .map((l) => (l === "" ? l : `  ${l}`))
      .join("\n")}`;
    const file = join(dir, "screened.yaml");
    writeFileSync(file, withScreening);
    const record = bufferIo();
    expect(
      await runRender(record, file, { format: "md", document: "screening", today: TODAY }),
    ).toBe(0);
    expect(record.stdout).toContain("# Screening record");
    expect(record.stdout).toContain("**Total:** 11 points");
    expect(record.stdout).toContain("**Screened by:** Strategy lead");
    const lia = bufferIo();
    expect(await runRender(lia, file, { format: "md", today: TODAY })).toBe(0);
    expect(lia.stdout).toMatch(/## \d+\. Screening/);
    const none = bufferIo();
    await expect(
      runRender(none, LEVQOR, { format: "md", document: "screening", today: TODAY }),
    ).rejects.toThrow(/no screening is attached/);
  });
});
