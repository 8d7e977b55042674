/**
 * Documents of stored assessments state what the store records for them, in every format: the
 * version number, the status and its date, and for an approved version each approver's name,
 * role, decision and date — in the ordinary downloads, not only in the kept signed PDF. A
 * later draft reads as a draft while the approved version can still be fetched as approved.
 * The organisation's branding (name, logo, colour) given to the server is on every format.
 * Through the API in-process, on PGlite in a temporary directory.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assessment } from "../src/core/schema/index.ts";
import { readLogo } from "../src/render/branding.ts";
import type { REGISTER_COLUMNS } from "../src/render/register-rows.ts";
import { buildServer } from "../src/server/build-server.ts";
import { renderSignedPdf } from "../src/server/signed-pdf.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";

const NOW = new Date("2026-11-22T09:00:00Z");
const LOGO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAEElEQVR4nGOQt4qHIwZkDgBI2gXB6y5eIwAAAABJRU5ErkJggg==",
  "base64",
);
const REQUIRE_ALL = process.env.BASIS_REQUIRE_ALL === "1";
const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const TOOLS = has("pdftotext") && has("unzip");
const withTools = TOOLS || REQUIRE_ALL ? it : it.skip;

const dir = mkdtempSync(join(tmpdir(), "basis-records-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text of a downloaded document, whatever its format. */
function textOf(format: string, body: Buffer): string {
  if (format === "md" || format === "html") return body.toString("utf8");
  const file = join(dir, `doc.${format}`);
  writeFileSync(file, body);
  const r =
    format === "pdf"
      ? spawnSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })
      : spawnSync("unzip", ["-p", file, "word/document.xml", "word/header1.xml"], {
          encoding: "utf8",
        });
  expect(r.status, r.stderr).toBe(0);
  const text = format === "docx" ? r.stdout.replace(/<[^>]+>/g, " ") : r.stdout;
  return text.replace(/\u200B/g, "").replace(/\s+/g, " ");
}

describe("documents of stored assessments", () => {
  let store: Store;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  let id = "";

  beforeAll(async () => {
    store = await openStore({
      dataDir: join(dir, "data"),
      databaseUrl: "",
      renderSigned: renderSignedPdf,
    });
    const logo = readLogo(new Uint8Array(LOGO));
    if (typeof logo === "string") throw new Error(logo);
    app = await buildServer({
      store,
      now: () => NOW,
      branding: { name: "Example Brand", colour: "#7A1F5C", logo },
    });
    for (const [name, role] of [
      ["editor", "editor"],
      ["Dana Okafor", "approver"],
      ["viewer", "viewer"],
    ] as const)
      tokens[name] = (await store.accounts.createApiToken({ name, role }, null, "test", NOW)).token;
    const doc = anAssessment()
      .with((a) => {
        a.id = "records";
        a.status = "approved"; // what the file claims; an editor's import arrives as a draft
      })
      .build();
    const r = await call("editor", "POST", "/api/assessments", { document: doc });
    expect(r.statusCode, r.body).toBe(201);
    id = (r.json() as { id: string }).id;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  function call(who: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) {
    return app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload ? { payload } : {}),
    });
  }
  const download = async (query: string) => {
    const r = await call("viewer", "GET", `/api/assessments/${id}/document?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.rawPayload;
  };

  it("names each download by its id, document kind and version", async () => {
    const slug = (
      (await call("viewer", "GET", `/api/assessments/${id}`)).json() as { slug: string }
    ).slug;
    for (const [query, name] of [
      ["format=pdf&document=lia", `${slug}-lia-v1.pdf`],
      ["format=docx&document=lawful-basis", `${slug}-lawful-basis-v1.docx`],
      ["format=md&document=lia&version=1", `${slug}-lia-v1.md`],
      ["format=notice&document=lia", `${slug}-notice-v1.txt`],
    ] as const) {
      const r = await call("viewer", "GET", `/api/assessments/${id}/document?${query}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers["content-disposition"], query).toBe(`attachment; filename="${name}"`);
    }
  });

  it("reads Draft with its stored version before anyone approves it, whatever the file says", async () => {
    const md = (await download("format=md")).toString("utf8");
    expect(md).toContain("**Version:** 1 (the file calls it 1.0)");
    expect(md).toContain("**Status:** Draft");
    expect(md).toContain("**Status since:** 22 November 2026");
    expect(md).not.toMatch(/Status:\*\* Approved/);
  });

  withTools(
    "shows version, status and each approver's name, role, decision and date in every format once approved",
    async () => {
      expect(TOOLS, "pdftotext and unzip are needed").toBe(true);
      expect(
        (await call("editor", "POST", `/api/assessments/${id}/submit`, { baseVersion: 1 }))
          .statusCode,
      ).toBe(200);
      const approved = await call("Dana Okafor", "POST", `/api/assessments/${id}/decisions`, {
        version: 1,
        role: "dpo",
        decision: "approve",
        comment: "Safeguards checked",
      });
      expect(approved.statusCode, approved.body).toBe(200);
      for (const format of ["md", "html", "pdf", "docx"]) {
        const text = textOf(format, await download(`format=${format}`));
        for (const fact of [
          "Approved",
          "Dana Okafor",
          "Data protection officer",
          "22 November 2026",
          "Safeguards checked",
          "Example Brand",
        ])
          expect(text, `${format}: ${fact}`).toContain(fact);
        expect(text, format).not.toContain("Made from an assessment file");
      }
      const signed = await call("viewer", "GET", `/api/assessments/${id}/signed/1`);
      expect(signed.headers["content-disposition"]).toMatch(/-signed-off-v1\.pdf"$/);
      const kept = textOf("pdf", signed.rawPayload);
      expect(kept).toContain("Dana Okafor");
      expect(kept).toContain("Approved");
    },
    120_000,
  );

  it("reads the next draft as a draft, while the approved version can still be fetched as approved", async () => {
    const current = (await call("viewer", "GET", `/api/assessments/${id}`)).json() as {
      version: number;
      document: Assessment;
    };
    const changed = { ...current.document, notes: "Retention reviewed." };
    const edit = await call("editor", "PUT", `/api/assessments/${id}`, {
      baseVersion: current.version,
      document: changed,
      reason: "Yearly review",
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const draft = (await download("format=md")).toString("utf8");
    expect(draft).toContain("**Version:** 2 (the file calls it 1.0)");
    expect(draft).toContain("**Status:** Draft");
    const v1 = (await download("format=md&version=1")).toString("utf8");
    if (TOOLS) {
      expect(v1).toContain("**Status:** Approved");
      expect(v1).toContain("Dana Okafor (Data protection officer), 22 November 2026");
    }
    expect(v1).toContain("**Version:** 1 (the file calls it 1.0)");
  });

  it("puts the organisation's logo and colour on the HTML, and the name on every format", async () => {
    const html = (await download("format=html")).toString("utf8");
    expect(html).toContain(`src="data:image/png;base64,${LOGO.toString("base64")}"`);
    expect(html).toContain("--brand: #7A1F5C");
    expect(html).toContain("img-src data:");
  });

  it("gives the register each record's status, last change and a link to its LIA", async () => {
    const csv = await call("viewer", "GET", "/api/register/export?format=csv");
    const rows = parseCsv(csv.body, { bom: true }) as string[][];
    const header = rows[0] ?? [];
    const row = rows.find((r) => r.includes("Portal security logging")) ?? [];
    const cell = (name: (typeof REGISTER_COLUMNS)[number]) => row[header.indexOf(name)];
    expect(cell("Version and status")).toBe("2 (the file calls it 1.0), Draft");
    expect(cell("Last changed")).toBe("22 November 2026");
    expect(cell("LIA and DPIA")).toMatch(
      /^LIA: http:\/\/localhost(:\d+)?\/api\/assessments\/records\/document\?format=pdf&document=lia; DPIA: /,
    );
    const xlsx = await call("viewer", "GET", "/api/register/export?format=xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const about = workbook.getWorksheet("About");
    expect(about?.getImages()).toHaveLength(1);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).fill).toMatchObject({ fgColor: { argb: "FF7A1F5C" } });
  });
});
