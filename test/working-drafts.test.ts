/**
 * Working drafts, on both backends: autosave keeps one shared draft per assessment and makes
 * no version; a version is made only when someone saves one with a note or submits; stale
 * saves and discards are refused with what is there now (409 `stale_draft`, `stale_version`);
 * the history names who saved each version. Through the store and through the API.
 */
import { describe, expect, it } from "vitest";
import type { DomainError } from "../src/core/errors.ts";
import { buildServer } from "../src/server/build-server.ts";
import type { Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";
import { storeBackends } from "./support/backends.ts";

const NOW = new Date("2026-11-22T10:00:00Z");
const TODAY = "2026-11-22";
const backends = storeBackends("basis-drafts-");
let n = 0;

async function people(store: Store) {
  const make = async (name: string) => {
    const u = await store.accounts.createUser(
      { email: `${name.toLowerCase()}${++n}@example.org`, name, role: "editor", passwordHash: "x" },
      "test",
      NOW,
    );
    const actor = `user:${u.id}`;
    return { actor, now: NOW, today: TODAY, role: "admin" as const, name };
  };
  return { ana: await make("Ana Editor"), ben: await make("Ben Editor") };
}

const fresh = (store: Store) =>
  store.assessments.create(
    anAssessment()
      .with((a) => (a.id = `draft-${++n}`))
      .build(),
    { actor: "test", now: NOW, today: TODAY },
  );

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    return e as DomainError;
  }
  throw new Error("expected a refusal");
}

describe.each(backends.list)("working drafts on $name", ({ open }) => {
  it("autosave keeps one draft with its author's name and adds no version", async () => {
    const store = await open();
    const { ana, ben } = await people(store);
    const rec = await fresh(store);
    const first = await store.drafts.save(
      rec.id,
      { baseVersion: 1, revision: 0, document: { ...rec.document, title: "Typing" } },
      ana,
    );
    expect(first).toMatchObject({ baseVersion: 1, revision: 1, updatedByName: "Ana Editor" });
    const second = await store.drafts.save(
      rec.slug,
      { baseVersion: 1, revision: 1, document: { ...rec.document, title: "Typing more" } },
      ben,
    );
    expect(second).toMatchObject({ revision: 2, updatedByName: "Ben Editor" });
    expect((await store.drafts.get(rec.id))?.document.title).toBe("Typing more");
    expect(await store.assessments.versions(rec.id)).toHaveLength(1);
    expect((await store.assessments.get(rec.id)).document.title).toBe(rec.document.title);
    await store.close();
  });

  it("refuses a save or discard on a revision someone else replaced, keeping theirs", async () => {
    const store = await open();
    const { ana, ben } = await people(store);
    const rec = await fresh(store);
    const doc = (title: string) => ({ ...rec.document, title });
    await store.drafts.save(rec.id, { baseVersion: 1, revision: 0, document: doc("Ana's") }, ana);
    const stale = await refusal(
      store.drafts.save(rec.id, { baseVersion: 1, revision: 0, document: doc("Ben's") }, ben),
    );
    expect(stale.code).toBe("stale_draft");
    expect(stale.message).toContain("Ana Editor");
    expect((stale.details.current as { document: { title: string } }).document.title).toBe("Ana's");
    expect((await refusal(store.drafts.discard(rec.id, 0, ben))).code).toBe("stale_draft");
    expect((await store.drafts.get(rec.id))?.document.title).toBe("Ana's");
    await store.drafts.discard(rec.id, 1, ben);
    expect(await store.drafts.get(rec.id)).toBeNull();
    await store.close();
  });

  it("refuses a draft written on a version that is no longer the current one", async () => {
    const store = await open();
    const { ana } = await people(store);
    const rec = await fresh(store);
    await store.assessments.update(rec.id, 1, { ...rec.document, title: "Two" }, ana, "a note");
    const stale = await refusal(
      store.drafts.save(rec.id, { baseVersion: 1, revision: 0, document: rec.document }, ana),
    );
    expect(stale.code).toBe("stale_version");
    expect((stale.details.current as { version: number }).version).toBe(2);
    expect(await store.drafts.get(rec.id)).toBeNull();
    await store.close();
  });

  it("saves a version from the draft with its note, naming who saved it", async () => {
    const store = await open();
    const { ana, ben } = await people(store);
    const rec = await fresh(store);
    const typed = { ...rec.document, title: "Ready" };
    await store.drafts.save(rec.id, { baseVersion: 1, revision: 0, document: typed }, ana);
    const stale = await refusal(
      store.assessments.update(rec.id, 1, typed, ben, "Reviewed wording", 0),
    );
    expect(stale.code).toBe("stale_draft");
    expect(await store.assessments.versions(rec.id)).toHaveLength(1);
    const saved = await store.assessments.update(rec.id, 1, typed, ben, "Reviewed wording", 1);
    expect(saved.version).toBe(2);
    expect(await store.drafts.get(rec.id)).toBeNull();
    const versions = await store.assessments.versions(rec.id);
    expect(versions.at(-1)).toMatchObject({
      version: 2,
      reason: "Reviewed wording",
      createdBy: ben.actor,
      createdByName: "Ben Editor",
    });
    // An actor that is no account (the CLI, a test) has no name.
    expect(versions[0]?.createdByName).toBeNull();
    await store.close();
  });

  it("submitting saves the working draft as a version first and submits that one", async () => {
    const store = await open();
    const { ana } = await people(store);
    const rec = await fresh(store);
    const typed = { ...rec.document, title: "Submitted text" };
    await store.drafts.save(rec.id, { baseVersion: 1, revision: 0, document: typed }, ana);
    // A draft the submitter did not name is never submitted in their name.
    expect((await refusal(store.signOff.submit(rec.id, 1, ana))).code).toBe("stale_draft");
    expect((await store.assessments.get(rec.id)).status).toBe("draft");
    await store.signOff.submit(rec.id, 1, ana, { revision: 1, note: "Ready for the DPO" });
    const now = await store.assessments.get(rec.id);
    expect(now).toMatchObject({ version: 2, status: "in_review" });
    expect(now.document.title).toBe("Submitted text");
    expect((await store.assessments.versions(rec.id)).at(-1)?.reason).toBe("Ready for the DPO");
    expect(await store.drafts.get(rec.id)).toBeNull();
    await store.close();
  });

  it("submitting a draft equal to the current version makes no new version", async () => {
    const store = await open();
    const { ana } = await people(store);
    const rec = await fresh(store);
    await store.drafts.save(rec.id, { baseVersion: 1, revision: 0, document: rec.document }, ana);
    await store.signOff.submit(rec.id, 1, ana, { revision: 1 });
    expect(await store.assessments.get(rec.id)).toMatchObject({ version: 1, status: "in_review" });
    expect(await store.drafts.get(rec.id)).toBeNull();
    await store.close();
  });

  it("answers the draft routes over HTTP with 409 codes a client can act on", async () => {
    const store = await open();
    const editor = await store.accounts.createApiToken(
      { name: "Editing token", role: "editor" },
      null,
      "test",
      NOW,
    );
    const viewer = await store.accounts.createApiToken(
      { name: "Reading token", role: "viewer" },
      null,
      "test",
      NOW,
    );
    const app = await buildServer({ store, now: () => NOW });
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const rec = await fresh(store);
    const url = `/api/assessments/${rec.slug}/draft`;
    const body = (revision: number, title: string) => ({
      baseVersion: 1,
      revision,
      document: { ...rec.document, title },
    });
    try {
      expect((await app.inject({ method: "GET", url, headers: as(editor.token) })).json()).toEqual({
        draft: null,
      });
      const put = await app.inject({
        method: "PUT",
        url,
        headers: as(editor.token),
        payload: body(0, "From the API"),
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().draft).toMatchObject({ revision: 1, updatedByName: "Editing token" });
      const denied = await app.inject({
        method: "PUT",
        url,
        headers: as(viewer.token),
        payload: body(1, "Not mine to write"),
      });
      expect(denied.statusCode).toBe(403);
      const stale = await app.inject({
        method: "PUT",
        url,
        headers: as(editor.token),
        payload: body(0, "Stale"),
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe("stale_draft");
      expect(stale.json().error.details.current.document.title).toBe("From the API");
      const version = await app.inject({
        method: "PUT",
        url: `/api/assessments/${rec.slug}`,
        headers: as(editor.token),
        payload: {
          baseVersion: 1,
          document: { ...rec.document, title: "From the API" },
          reason: "First full draft",
          draftRevision: 1,
        },
      });
      expect(version.statusCode, version.body).toBe(200);
      expect(version.json().version).toBe(2);
      const history = await app.inject({
        method: "GET",
        url: `/api/assessments/${rec.slug}/versions`,
        headers: as(viewer.token),
      });
      expect(history.json().versions.at(-1)).toMatchObject({
        reason: "First full draft",
        createdByName: "Editing token",
      });
      const old = await app.inject({
        method: "PUT",
        url,
        headers: as(editor.token),
        payload: body(0, "Written on version 1"),
      });
      expect(old.statusCode).toBe(409);
      expect(old.json().error.code).toBe("stale_version");
      const gone = await app.inject({
        method: "DELETE",
        url: `${url}?revision=0`,
        headers: as(editor.token),
      });
      expect(gone.statusCode).toBe(204);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
