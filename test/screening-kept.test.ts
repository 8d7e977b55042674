/**
 * A screening kept with an activity, as the web app keeps it: written into the working draft
 * like any other answer, made a version with a note, and from then on in that version's LIA,
 * screening record and lawful-basis assessment, while the version before it still has none. Over HTTP, on PGlite.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildServer } from "../src/server/build-server.ts";
import { openStore } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";

const NOW = new Date("2026-12-01T10:00:00Z");
const TODAY = "2026-12-01";
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The worked example's answers (total 11: likely), as the runner in the browser keeps them. */
const SEED_ANSWERS = (
  parse(
    readFileSync(
      new URL("../src/content/questionnaires/seed-000-answers.yaml", import.meta.url),
      "utf8",
    ),
  ) as { answers: Record<string, string | string[]> }
).answers;

describe("a screening kept with an activity", () => {
  it("appears in the documents of the version that keeps it, not in those before", async () => {
    const dir = mkdtempSync(join(tmpdir(), "basis-screening-kept-"));
    dirs.push(dir);
    const store = await openStore({ dataDir: dir, databaseUrl: "" });
    const editor = await store.accounts.createApiToken(
      { name: "Ana Editor", role: "editor" },
      null,
      "test",
      NOW,
    );
    const app = await buildServer({ store, now: () => NOW });
    const headers = { authorization: `Bearer ${editor.token}` };
    const rec = await store.assessments.create(
      anAssessment()
        .with((a) => (a.id = "screened-later"))
        .build(),
      { actor: "test", now: NOW, today: TODAY },
    );
    const doc = (document: string, version?: number) =>
      app.inject({
        method: "GET",
        url: `/api/assessments/${rec.slug}/document?format=md&document=${document}${version ? `&version=${version}` : ""}`,
        headers,
      });
    expect(rec.document.screening).toBeUndefined();
    try {
      const before = await doc("lia");
      expect(before.statusCode, before.body).toBe(200);
      expect(before.body).not.toMatch(/## \d+\. Screening/);
      expect((await doc("screening")).statusCode).toBe(404);
      expect((await doc("lawful-basis")).body).not.toContain("Screening record");

      const screening = {
        questionnaire: "lia-screening-2018",
        answers: SEED_ANSWERS,
        assessor: "Ana Editor",
        date: TODAY,
      };
      const draft = await app.inject({
        method: "PUT",
        url: `/api/assessments/${rec.slug}/draft`,
        headers,
        payload: { baseVersion: 1, revision: 0, document: { ...rec.document, screening } },
      });
      expect(draft.statusCode, draft.body).toBe(200);
      // Autosave made no version: the documents are still those of version 1.
      expect((await doc("lia")).body).not.toMatch(/## \d+\. Screening/);

      const saved = await app.inject({
        method: "PUT",
        url: `/api/assessments/${rec.slug}`,
        headers,
        payload: {
          baseVersion: 1,
          document: { ...rec.document, screening },
          reason: "Screening kept with the activity",
          draftRevision: 1,
        },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ version: 2, document: { screening } });

      const lia = await doc("lia");
      expect(lia.statusCode).toBe(200);
      const section = lia.body.slice(lia.body.search(/## \d+\. Screening/));
      expect(section).toMatch(/^## \d+\. Screening/);
      expect(section).toContain("**Screened by:** Ana Editor");
      expect(section).toContain("**Total:** 11 points");
      const record = await doc("screening");
      expect(record.statusCode, record.body).toBe(200);
      expect(record.body).toContain("# Screening record");
      expect(record.body).toContain("Likely: legitimate interests is likely to be available");
      // The lawful-basis assessment lists the screening record among its related documents.
      expect((await doc("lawful-basis")).body).toContain("Screening record (1)");
      // Version 1 stays as it was signed: without the screening.
      expect((await doc("lia", 1)).body).not.toMatch(/## \d+\. Screening/);
      expect((await doc("screening", 1)).statusCode).toBe(404);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
