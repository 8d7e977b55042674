/**
 * The register's downloads hold what the register page shows: the Art. 30 record as CSV and
 * XLSX, and the register's documents, take the page's search, filters and sort, and name the
 * file as the whole register or a filtered view of it. A filtered export keeps formula-like
 * cells neutralised; a bad filter is refused with a coded 400 and exports nothing. Through
 * the API in-process, on PGlite in a temporary directory.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseYaml } from "../src/core/parse.ts";
import { BasisFile, registerAssessments } from "../src/core/schema/index.ts";
import { REGISTER_COLUMNS } from "../src/render/register-rows.ts";
import { buildServer } from "../src/server/build-server.ts";
import { openStore, type Store } from "../src/store/index.ts";

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const NOW = new Date("2026-11-22T09:00:00Z");
const ACTIVITY = REGISTER_COLUMNS.indexOf("Activity");

let dir: string;
let store: Store;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "basis-register-export-"));
  store = await openStore({ dataDir: dir, databaseUrl: "" });
  app = await buildServer({ store, now: () => NOW });
  const docs = [
    "fixtures/lawful-basis-register.yaml",
    "fixtures/levqor-platform-lia.yaml",
    "test/fixtures/hostile-register.yaml",
  ].flatMap((f) => {
    const parsed = parseYaml(readFileSync(root(f), "utf8"), BasisFile);
    if (!parsed.ok) throw new Error(f);
    return parsed.value.kind === "register" ? registerAssessments(parsed.value) : [parsed.value];
  });
  await store.assessments.importDocuments(docs, { actor: "test", now: NOW, today: "2026-11-22" });
  token = (await store.accounts.createApiToken({ name: "v", role: "viewer" }, null, "test", NOW))
    .token;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) =>
  app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });

/** The activity names the register page lists for a view, in its order. */
async function listed(view: string): Promise<string[]> {
  const r = await get(`/api/activities?${view}&pageSize=500`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as { name: string }[]).map((i) => i.name);
}

async function xlsxRows(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= REGISTER_COLUMNS.length; c++) {
      const v = row.getCell(c).value;
      cells.push(v === null ? "" : String(v));
    }
    rows.push(cells);
  });
  return rows;
}

const csvRows = (body: string) => parseCsv(body, { bom: true }) as string[][];
/** The activity column of an export's rows, as the page shows it (without the quote a formula-like cell gets). */
const activities = (rows: string[][]) =>
  rows.slice(1).map((r) => (r[ACTIVITY] ?? "").replace(/^'(?=[=+\-@\t\r])/, ""));

describe("register exports of the page's view", () => {
  it("holds the activities the page lists for a filter and sort, in the same order, as CSV and XLSX", async () => {
    const view = "children=true&sort=title";
    const expected = await listed(view);
    const all = await listed("sort=title");
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);

    const csv = await get(`/api/register/export?format=csv&${view}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(activities(csvRows(csv.body))).toEqual(expected);

    const xlsx = await get(`/api/register/export?format=xlsx&${view}`);
    expect(xlsx.statusCode).toBe(200);
    const rows = await xlsxRows(xlsx.rawPayload);
    expect(rows[0]).toEqual([...REGISTER_COLUMNS]);
    expect(activities(rows)).toEqual(expected);
  });

  it("follows the search and the sort the page uses", async () => {
    const byReview = await listed("sort=next-review");
    const csv = await get("/api/register/export?sort=next-review");
    expect(activities(csvRows(csv.body))).toEqual(byReview);

    const searched = await listed("q=fraud");
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.length).toBeLessThan(byReview.length);
    const found = await get("/api/register/export?q=fraud");
    expect(activities(csvRows(found.body))).toEqual(searched);
  });

  it("keeps every formula-like cell neutralised in a filtered export", async () => {
    const view = "q=hostile&children=true";
    expect(await listed(view)).toHaveLength(1);
    const csv = csvRows((await get(`/api/register/export?format=csv&${view}`)).body);
    const xlsx = await xlsxRows((await get(`/api/register/export?format=xlsx&${view}`)).rawPayload);
    for (const rows of [csv, xlsx]) {
      expect(rows).toHaveLength(2);
      const cells = rows.flat();
      expect(cells).toContain(`'=HYPERLINK("http://x","y")`);
      expect(cells).toContain("'@SUM(A1)");
      expect(cells).toContain("'-2+3");
      for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it("names the whole register and a filtered view apart, with the day", async () => {
    const disposition = async (url: string) => (await get(url)).headers["content-disposition"];
    expect(await disposition("/api/register/export?format=csv&sort=title")).toBe(
      'attachment; filename="register-art30-2026-11-22.csv"',
    );
    expect(await disposition("/api/register/export?format=xlsx&outcome=appropriate")).toBe(
      'attachment; filename="register-art30-filtered-2026-11-22.xlsx"',
    );
    expect(
      await disposition("/api/register/document?format=md&document=lawful-basis&q=fraud"),
    ).toBe('attachment; filename="register-lawful-basis-filtered-2026-11-22.md"');
  });

  it("gives the register's lawful-basis assessment of the same view, and as a PDF", async () => {
    const view = "q=fraud&sort=title";
    const md = await get(`/api/register/document?format=md&document=lawful-basis&${view}`);
    expect(md.statusCode, md.body).toBe(200);
    // One section per activity of the view, in its order: the register's others are not in it.
    const names = await listed(view);
    expect(md.body.match(/^### 2\.\d+ .*$/gm)).toEqual(names.map((n, i) => `### 2.${i + 1} ${n}`));
    const pdf = await get("/api/register/document?format=pdf&document=lawful-basis&q=symptom");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  }, 60_000);

  it("records the view an export was taken of in the audit trail", async () => {
    await get("/api/register/export?format=csv&basis=consent&sort=outcome");
    const events = await store.audit.list(0, 100_000);
    const last = events.filter((e) => e.action === "register.export").at(-1);
    expect(last?.data).toMatchObject({
      format: "csv",
      view: { basis: "consent", sort: "outcome" },
    });
  });

  it("refuses a bad filter, an unknown sort and paging with a coded 400, and records nothing", async () => {
    const before = (await store.audit.list(0, 100_000)).length;
    for (const [query, path] of [
      ["outcome=maybe", "query.outcome"],
      ["sort=colour", "query.sort"],
      ["children=yes", "query.children"],
      ["reviewDueBefore=tomorrow", "query.reviewDueBefore"],
      ["pageSize=10", ""],
    ] as const) {
      for (const url of ["/api/register/export", "/api/register/document"]) {
        const r = await get(`${url}?${query}`);
        expect(r.statusCode, `${url}?${query}`).toBe(400);
        const error = r.json().error;
        expect(error.code).toBe("validation_failed");
        if (path) expect(error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
      }
    }
    expect((await store.audit.list(0, 100_000)).length).toBe(before);
  });
});
