/**
 * The DPIA routes in-process: screening a stored assessment, importing a CNIL PIA as a new
 * draft, exporting a stored DPIA for the CNIL software. (The role matrix for these routes is
 * walked with every other route in api.test.ts.)
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CnilPiaFile } from "../src/interop/cnil-pia/format.ts";
import { buildServer } from "../src/server/build-server.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { cleanLiAssessment } from "./builders.ts";

const PIA = fileURLToPath(
  new URL("fixtures/cnil-pia/edusphere-audit-logging.json", import.meta.url),
);
const NOW = new Date("2026-11-22T09:00:00Z");
let dir: string;
let store: Store;
let app: FastifyInstance;
let editor: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "basis-dpia-api-"));
  store = await openStore({ dataDir: dir, databaseUrl: "" });
  app = await buildServer({ store, now: () => NOW });
  const token = await store.accounts.createApiToken(
    { name: "ed", role: "editor" },
    null,
    "test",
    NOW,
  );
  editor = { authorization: `Bearer ${token.token}` };
}, 60_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const pia = () => JSON.parse(readFileSync(PIA, "utf8"));
const count = async () => (await store.assessments.allDocuments()).length;
const importPia = (query: string, payload: object) =>
  app.inject({ method: "POST", url: `/api/dpia/import${query}`, headers: editor, payload });

describe("POST /api/dpia/import", () => {
  it("creates a draft assessment with the PIA's DPIA and lists what did not map", async () => {
    const r = await importPia("?id=edusphere-dpia&country=FR", pia());
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.assessment.status).toBe("draft");
    expect(body.assessment.document.organisation).toEqual({ jurisdiction: "EU", country: "FR" });
    expect(body.assessment.document.dpia.risks.map((x: { kind: string }) => x.kind)).toEqual([
      "illegitimate-access",
      "unwanted-modification",
      "disappearance",
    ]);
    expect(body.unmapped).toHaveLength(14);
    expect(body.notes.map((n: { path: string }) => n.path)).toContain("activity.dataSubjects");
    const stored = await app.inject({
      method: "GET",
      url: "/api/assessments/edusphere-dpia",
      headers: editor,
    });
    expect(stored.json().version).toBe(1);
  });

  it("decodes a body whose text the CNIL software's download encoded twice", async () => {
    const twice = String.fromCharCode(...new TextEncoder().encode(readFileSync(PIA, "utf8")));
    const r = await app.inject({
      method: "POST",
      url: "/api/dpia/import?id=double-encoded",
      headers: { ...editor, "content-type": "application/json" },
      payload: twice,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().notes[0].note).toContain("encoded twice");
    const stored = await store.assessments.get("double-encoded");
    expect(stored.document.dpia?.dpoAdvice?.by).toBe("Hélène Roux, Data Protection Officer");
  });

  it("refuses a file of the wrong shape or with an answer too long, naming the field, and creates nothing", async () => {
    const before = await count();
    const wrong = await importPia("", {
      ...pia(),
      evaluations: [{ reference_to: "3.2", gauges: { x: 9 } }],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(
      "body.evaluations[0].gauges.x",
    );
    const long = pia();
    long.answers[0].data.text = `<p>${"x".repeat(20_001)}</p>`;
    const tooLong = await importPia("", long);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details.issues[0].path).toBe("body.answers[0].data.text");
    expect(await count()).toBe(before);
  });
});

describe("GET /api/assessments/:id/dpia/export", () => {
  it("returns the CNIL file, names what it cannot carry in a header, and records the export", async () => {
    await importPia("?id=to-export", pia());
    const r = await app.inject({
      method: "GET",
      url: "/api/assessments/to-export/dpia/export",
      headers: editor,
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-disposition"]).toBe('attachment; filename="pia-to-export.json"');
    expect(r.headers["x-basis-not-carried"]).toBe(
      "activity.dataCategories, activity.dataSubjects, organisation",
    );
    const file = JSON.parse(r.body);
    expect(CnilPiaFile.safeParse(file).success).toBe(true);
    expect(file.pia.name).toBe("EduSphere audit logging of platform actions");
    const events = (await store.audit.list(0, 10_000)).filter(
      (e) => e.action === "assessment.export",
    );
    expect(events.at(-1)?.data).toMatchObject({ format: "cnil-pia", version: 1 });
    const again = await importPia("?id=re-imported", file);
    expect(again.statusCode).toBe(201);
    const { id: _a, ...first } = (await store.assessments.get("to-export")).document;
    const { id: _b, ...second } = (await store.assessments.get("re-imported")).document;
    expect(second).toEqual(first);
  });

  it("answers 404 for an assessment that holds no DPIA", async () => {
    const rec = await store.assessments.create(
      { ...cleanLiAssessment(), id: "no-dpia" },
      { actor: "test", now: NOW, today: "2026-11-22" },
    );
    const r = await app.inject({
      method: "GET",
      url: `/api/assessments/${rec.id}/dpia/export`,
      headers: editor,
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.message).toContain("holds no DPIA");
  });
});

describe("GET /api/assessments/:id/dpia/screening", () => {
  it("gives the verdict and each criterion with the facts behind it and its references", async () => {
    const a = cleanLiAssessment();
    a.id = "health-at-scale";
    a.activity.dataCategories.push({ name: "Symptoms", specialCategory: "health" });
    a.activity.scale = "large";
    await store.assessments.create(a, { actor: "test", now: NOW, today: "2026-11-22" });
    const r = await app.inject({
      method: "GET",
      url: "/api/assessments/health-at-scale/dpia/screening",
      headers: editor,
    });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({
      id: "health-at-scale",
      version: 1,
      verdict: "required",
      nationalList: null,
    });
    expect(body.criteria[0]).toEqual({
      id: "art35-3-b",
      list: "art-35-3",
      listLabel: "Art. 35(3) GDPR",
      title: "Special-category or criminal-offence data on a large scale",
      facts: ["specialCategory", "largeScale"],
      because: ["special-category data", "large scale"],
      refs: ["gdpr-art-35"],
    });
    expect(body.dpia).toEqual({ held: false, completed: false, residualRisk: null });
  });
});

describe("GET /api/dpia/measures and the DPIA document", () => {
  const ctx = { actor: "test", now: NOW, today: "2026-11-22" };
  const withPlan = (id: string, measures: object[]) => {
    const a = cleanLiAssessment();
    a.id = id;
    a.dpia = { risks: [], measures } as unknown as NonNullable<typeof a.dpia>;
    return a;
  };

  it("lists the open measures of every current DPIA soonest due first, leaving out done ones", async () => {
    await store.assessments.create(
      withPlan("plan-a", [
        { id: "later", title: "Hash chain", status: "planned", owner: "Lead", due: "2027-01-10" },
        { id: "done", title: "Masking", status: "done" },
        { id: "undated", title: "Training", status: "planned" },
      ]),
      ctx,
    );
    await store.assessments.create(
      withPlan("plan-b", [
        { id: "late", title: "MFA", status: "in-progress", owner: "IT", due: "2026-11-01" },
      ]),
      ctx,
    );
    const r = await app.inject({ method: "GET", url: "/api/dpia/measures", headers: editor });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.today).toBe("2026-11-22");
    const mine = body.items.filter((i: { slug: string }) => i.slug.startsWith("plan-"));
    expect(
      mine.map((i: { measure: string; due: string | null; days: number | null }) => [
        i.measure,
        i.due,
        i.days,
      ]),
    ).toEqual([
      ["MFA", "2026-11-01", -21],
      ["Hash chain", "2027-01-10", 49],
      ["Training", null, null],
    ]);
    expect(mine[0]).toMatchObject({ slug: "plan-b", owner: "IT", status: "in-progress" });
    const dues = body.items.map((i: { due: string | null }) => i.due ?? "9999");
    expect(dues).toEqual([...dues].sort());
  });

  it("serves the DPIA as a PDF through the document route, and 404 for an assessment without one", async () => {
    const rec = await store.assessments.create(
      withPlan("plan-doc", [
        { id: "m", title: "MFA", status: "planned", owner: "IT", due: "2027-01-01" },
      ]),
      ctx,
    );
    const pdf = await app.inject({
      method: "GET",
      url: `/api/assessments/${rec.id}/document?document=dpia&format=pdf`,
      headers: editor,
    });
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const md = await app.inject({
      method: "GET",
      url: `/api/assessments/${rec.id}/document?document=dpia&format=md`,
      headers: editor,
    });
    expect(md.body).toContain("# Data Protection Impact Assessment");
    expect(md.body).toContain("| MFA | Planned | IT | 1 January 2027 |");
    const none = await app.inject({
      method: "GET",
      url: "/api/assessments/no-dpia/document?document=dpia&format=md",
      headers: editor,
    });
    expect(none.statusCode).toBe(404);
  });
});
