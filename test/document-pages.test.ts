/**
 * Looks at the pages. Each seed fixture's LIA (and the register's lawful-basis assessment, and
 * the EduSphere DPIA) is
 * rendered to PDF, and to Word converted by LibreOffice; every page is rasterised with pdftoppm
 * and its text read with pdftotext. Checked: the page count stays where it is for each seed
 * (shared tests are written once), page one holds the cover and the summary, every page has
 * its header (organisation, version, status) and "Page X of Y", no page but a document's last
 * is left half empty, nothing is drawn outside the page margins, no page ends on a heading,
 * and no word of a table is split between two letters.
 *
 * pdftoppm, pdftotext (poppler-utils) and LibreOffice are needed. Without them the tests are
 * skipped with a warning, unless BASIS_REQUIRE_ALL=1, when they fail.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRender } from "../src/cli/commands/render.ts";
import { bufferIo } from "../src/cli/io.ts";
import { convertToPdf, SOFFICE } from "./support/office.ts";

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const TODAY = "2026-11-22";
const REQUIRE_ALL = process.env.BASIS_REQUIRE_ALL === "1";
const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const POPPLER = has("pdftoppm") && has("pdftotext");
const READY = POPPLER && SOFFICE !== undefined;
if (!READY)
  console.warn(
    `\n*** poppler-utils or LibreOffice missing: the page tests ${REQUIRE_ALL ? "FAIL" : "are SKIPPED"} ***\n`,
  );
const test = READY || REQUIRE_ALL ? it : it.skip;

/** Each seed's document, the organisation its header names, and how many pages it may take. */
const CASES = [
  { name: "levqor", file: "fixtures/levqor-platform-lia.yaml", org: "Levqor", pages: [10, 15] },
  {
    name: "edusphere",
    file: "fixtures/edusphere-audit-logging-lia.yaml",
    org: "EduSphere Technologies Ltd.",
    pages: [6, 10],
  },
  {
    name: "statnive",
    file: "fixtures/statnive-cookieless-analytics-lia.yaml",
    org: "Statnive",
    pages: [5, 9],
  },
  {
    name: "register-lia",
    file: "fixtures/lawful-basis-register.yaml",
    org: "Example Controller Ltd",
    pages: [4, 8],
  },
  {
    name: "lawful-basis",
    file: "fixtures/lawful-basis-register.yaml",
    org: "Example Controller Ltd",
    pages: [9, 15],
    document: "lawful-basis" as const,
  },
  {
    name: "edusphere-dpia",
    file: "fixtures/edusphere-audit-logging-lia.yaml",
    org: "EduSphere Technologies Ltd.",
    pages: [7, 12],
    document: "dpia" as const,
  },
] as const;

const dir = mkdtempSync(join(tmpdir(), "basis-pages-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One page as pdftoppm draws it in grey (PGM): width, height and one byte per pixel. */
interface Page {
  width: number;
  height: number;
  pixels: Buffer;
}

function readPgm(file: string): Page {
  const bytes = readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString("latin1"));
  if (!header) throw new Error(`${file} is not a PGM`);
  const [whole, w, h] = header as unknown as [string, string, string];
  return { width: Number(w), height: Number(h), pixels: bytes.subarray(whole.length) };
}

/** The pages of a PDF, drawn at a low resolution (enough to see where the ink is). */
function rasterise(pdf: string, prefix: string): Page[] {
  const r = spawnSync("pdftoppm", ["-r", "24", "-gray", pdf, join(dir, prefix)], {
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  const count = pageCount(pdf);
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) =>
    readPgm(join(dir, `${prefix}-${String(i + 1).padStart(width, "0")}.pgm`)),
  );
}

function pageCount(pdf: string): number {
  const r = spawnSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(r.stdout)?.[1] ?? 0);
}

/** The text of each page (pdftotext separates pages with a form feed). */
function pageTexts(pdf: string, raw = false): string[] {
  const r = spawnSync("pdftotext", [...(raw ? ["-raw"] : []), "-enc", "UTF-8", pdf, "-"], {
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .replace(/\u200B/g, "")
    .split("\f")
    .slice(0, -1);
}

/** Rows (as a share of the page height) and columns (of the width) that hold any ink. */
function inkBounds(page: Page) {
  let top = page.height;
  let bottom = -1;
  let left = page.width;
  let right = -1;
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      if ((page.pixels[y * page.width + x] ?? 255) < 200) {
        if (y < top) top = y;
        if (y > bottom) bottom = y;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  return { top, bottom, left, right };
}

/** The lowest ink of the body: above the footer band (the last 8 % of the page). */
function bodyBottom(page: Page): number {
  const limit = Math.floor(page.height * 0.9);
  for (let y = limit; y >= 0; y--) {
    for (let x = 0; x < page.width; x++) {
      if ((page.pixels[y * page.width + x] ?? 255) < 200) return y / page.height;
    }
  }
  return 0;
}

/** Words of at least 5 letters split over two lines where neither part is itself a word. */
function splitWords(text: string, vocabulary: Set<string>): string[] {
  const found: string[] = [];
  const lines = text.split("\n").map((l) => l.trim());
  for (let i = 0; i + 1 < lines.length; i++) {
    const end = /([A-Za-z]{2,})$/.exec(lines[i] ?? "")?.[1];
    const start = /^([a-z]{1,})/.exec(lines[i + 1] ?? "")?.[1];
    if (!end || !start) continue;
    const joined = end + start;
    if (joined.length < 5 || !vocabulary.has(joined.toLowerCase())) continue;
    if (vocabulary.has(end.toLowerCase()) || vocabulary.has(start.toLowerCase())) continue;
    found.push(`${end}|${start}`);
  }
  return found;
}

async function render(c: (typeof CASES)[number], format: "pdf" | "docx"): Promise<string> {
  const out = join(dir, `${c.name}.${format}`);
  const opts: Parameters<typeof runRender>[2] = { format, output: out, today: TODAY };
  if ("document" in c) opts.document = c.document;
  expect(await runRender(bufferIo(), root(c.file), opts)).toBe(0);
  return out;
}

const made = new Map<string, { pdf: string; word: string }>();
/** The headings of each document, from its Markdown. */
const headingsOf = new Map<string, Set<string>>();

beforeAll(async () => {
  if (!READY) return;
  const docx: string[] = [];
  for (const c of CASES) {
    const io = bufferIo();
    const md: Parameters<typeof runRender>[2] = { format: "md", today: TODAY };
    if ("document" in c) md.document = c.document;
    expect(await runRender(io, root(c.file), md)).toBe(0);
    headingsOf.set(
      c.name,
      new Set(
        io.stdout
          .split("\n")
          .filter((l) => /^#{2,4} /.test(l))
          .slice(1) // the first is the subtitle, which the footer repeats on every page
          .map((l) => l.replace(/^#+ /, "").replace(/\\(.)/g, "$1")),
      ),
    );
    const pdf = await render(c, "pdf");
    docx.push(await render(c, "docx"));
    made.set(c.name, { pdf, word: join(dir, "lo", `${c.name}.pdf`) });
  }
  convertToPdf(dir, docx);
}, 300_000);

const vocabulary = (() => {
  const words = new Set<string>();
  for (const c of CASES) {
    for (const w of readFileSync(root(c.file), "utf8").match(/[A-Za-z]{2,}/g) ?? [])
      words.add(w.toLowerCase());
  }
  return words;
})();

describe.each(CASES)("the pages of $name", (c) => {
  for (const kind of ["pdf", "word"] as const) {
    test(`${kind === "pdf" ? "as PDF" : "as Word (opened by LibreOffice)"}: fit in ${c.pages[0]}–${c.pages[1]} pages, page one holds the summary`, () => {
      expect(READY, "poppler-utils and LibreOffice are needed").toBe(true);
      const file = made.get(c.name)?.[kind] as string;
      const count = pageCount(file);
      expect(count).toBeGreaterThanOrEqual(c.pages[0]);
      expect(count).toBeLessThanOrEqual(c.pages[1]);
      const first = (pageTexts(file)[0] ?? "").replace(/\s+/g, " ");
      expect(first).toMatch(/Version/);
      expect(first).toMatch(/Status/);
      if (!("document" in c)) {
        expect(first).toContain("Summary");
        expect(first).toContain("Overall outcome");
        expect(first).toContain("Key safeguards");
        expect(first).toContain("Next review");
      } else if (c.document === "dpia") {
        for (const cover of [
          "Summary",
          "Residual risk",
          "Prior consultation (Art. 36)",
          "DPO's advice",
          "Action plan",
        ])
          expect(first).toContain(cover);
      } else expect(first).toContain("Related documents");
    });

    test(`${kind}: every page has its header and "Page X of Y", and no page ends on a heading`, () => {
      expect(READY).toBe(true);
      const file = made.get(c.name)?.[kind] as string;
      const texts = pageTexts(file);
      const headings = headingsOf.get(c.name) ?? new Set<string>();
      texts.forEach((text, i) => {
        const flat = text.replace(/\s+/g, " ");
        expect(flat, `page ${i + 1}`).toContain(`Page ${i + 1} of ${texts.length}`);
        expect(flat, `page ${i + 1}`).toContain(c.org);
        if (i === texts.length - 1) return;
        const lines = text
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== "" && !/Page \d+ of \d+/.test(l));
        const last = lines.at(-1) ?? "";
        expect(headings.has(last), `page ${i + 1} ends on the heading "${last}"`).toBe(false);
      });
    });

    test(`${kind}: no page but the last is half empty, and nothing crosses the margins`, () => {
      expect(READY).toBe(true);
      const file = made.get(c.name)?.[kind] as string;
      const pages = rasterise(file, `${c.name}-${kind}`);
      pages.forEach((page, i) => {
        const ink = inkBounds(page);
        expect(ink.left / page.width, `page ${i + 1} left margin`).toBeGreaterThan(0.04);
        expect(ink.right / page.width, `page ${i + 1} right margin`).toBeLessThan(0.96);
        if (i < pages.length - 1)
          expect(bodyBottom(page), `page ${i + 1} is half empty`).toBeGreaterThan(0.55);
      });
    });

    test(`${kind}: no word in a table is split between two letters`, () => {
      expect(READY).toBe(true);
      const file = made.get(c.name)?.[kind] as string;
      const text = pageTexts(file, true).join("\n");
      expect(splitWords(text, vocabulary)).toEqual([]);
    });
  }
});

describe("the page checks themselves", () => {
  it("find a word split between two letters, and not two words on two lines", () => {
    const words = new Set(["transformation", "limited", "fixed"]);
    expect(splitWords("| Transformatio\nn |", words)).toEqual(["Transformatio|n"]);
    expect(splitWords("Limited\nfixed", words)).toEqual([]);
  });

  it("see how far down a page the ink goes", () => {
    const width = 10;
    const height = 100;
    const pixels = Buffer.alloc(width * height, 255);
    pixels[30 * width + 5] = 0;
    expect(bodyBottom({ width, height, pixels })).toBeCloseTo(0.3);
  });
});
