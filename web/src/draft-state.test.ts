import { describe, expect, it } from "vitest";
import { newDecision } from "../../src/core/drafting.ts";
import { contentOf } from "../../src/core/workflow/recorded-status.ts";
import { cleanLiAssessment } from "../../test/builders.ts";
import { draftReducer, initialDraft } from "./draft-state.ts";
import { appendTo, draft } from "./lens.ts";
import type { AssessmentView, WorkingDraftView } from "./types.ts";

const doc = contentOf(cleanLiAssessment());
const view = (version: number, title = doc.title): AssessmentView => ({
  id: "00000000-0000-4000-8000-000000000001",
  slug: doc.id,
  title,
  status: "draft",
  version,
  outcome: "appropriate",
  updatedAt: "2026-11-22T10:00:00Z",
  document: { ...doc, title },
  evaluation: { outcome: "appropriate", findings: [], trace: {} as never },
});
const serverDraft = (revision: number, title: string, baseVersion = 1): WorkingDraftView => ({
  baseVersion,
  revision,
  document: { ...doc, title },
  updatedBy: "user:x",
  updatedByName: "Ana",
  updatedAt: "2026-11-22T10:00:00Z",
});

describe("autosave", () => {
  it("marks an edit pending, then saved once the server holds what was sent", () => {
    let s = initialDraft(view(1), null, null);
    expect(s.status).toBe("saved");
    s = draftReducer(s, { type: "edit", update: draft.at("title").set("Typed") });
    expect(s.status).toBe("pending");
    const sent = s.values;
    s = draftReducer(s, { type: "saving" });
    s = draftReducer(s, { type: "draft-saved", sent, draft: serverDraft(1, "Typed") });
    expect(s).toMatchObject({ status: "saved", revision: 1, baseVersion: 1 });
  });

  it("stays pending when the user typed on while a save was in flight", () => {
    let s = draftReducer(initialDraft(view(1), null, null), {
      type: "edit",
      update: draft.at("title").set("One"),
    });
    const sent = s.values;
    s = draftReducer(s, { type: "saving" });
    s = draftReducer(s, { type: "edit", update: draft.at("title").set("One and two") });
    s = draftReducer(s, { type: "draft-saved", sent, draft: serverDraft(1, "One") });
    expect(s).toMatchObject({ status: "pending", revision: 1 });
  });

  it("writes an answer into a decision created from scratch without failing", () => {
    let s = initialDraft(view(1), null, null);
    s = draftReducer(s, {
      type: "edit",
      update: appendTo(draft.at("decisions"), newDecision("extra")),
    });
    s = draftReducer(s, {
      type: "edit",
      update: draft.at("decisions", 1, "necessity", "necessary").set(true),
    });
    s = draftReducer(s, {
      type: "edit",
      update: draft.at("decisions", 1, "consent", "freelyGiven").set(true),
    });
    expect(s.values.decisions[1]).toMatchObject({
      purpose: "extra",
      necessity: { necessary: true },
      consent: { freelyGiven: true },
    });
  });

  it("makes the saved version the new base after Save version", () => {
    let s = initialDraft(view(1), serverDraft(3, "Ready"), null);
    expect(s).toMatchObject({ revision: 3, status: "saved" });
    s = draftReducer(s, { type: "version-saved", view: view(2, "Ready") });
    expect(s).toMatchObject({ baseVersion: 2, revision: 0, status: "saved" });
  });

  it("is saved after Save version when the stored document lists its keys in another order", () => {
    let s = draftReducer(initialDraft(view(1), null, null), {
      type: "edit",
      update: draft.at("title").set("Ready"),
    });
    expect(s.status).toBe("pending");
    // The database (jsonb) hands the document back with its keys in its own order.
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const stored = view(2, "Ready");
    s = draftReducer(s, {
      type: "version-saved",
      view: { ...stored, document: reversed(stored.document) as AssessmentView["document"] },
    });
    expect(s).toMatchObject({ baseVersion: 2, revision: 0, status: "saved" });
    // A real difference still counts.
    s = draftReducer(s, { type: "edit", update: draft.at("title").set("Changed") });
    expect(s.status).toBe("pending");
  });
});

describe("a conflict (409)", () => {
  it("on a newer version: keeping mine writes it on top of theirs", () => {
    let s = draftReducer(initialDraft(view(1), null, null), {
      type: "edit",
      update: draft.at("title").set("Mine"),
    });
    s = draftReducer(s, {
      type: "conflict",
      conflict: { kind: "version", theirs: view(2, "Theirs") },
      message: "stale",
    });
    expect(s.status).toBe("conflict");
    // Typing on during a conflict keeps the conflict until the user chooses.
    s = draftReducer(s, { type: "edit", update: draft.at("title").set("Mine, still") });
    expect(s.status).toBe("conflict");
    s = draftReducer(s, { type: "keep-mine" });
    expect(s).toMatchObject({ status: "pending", baseVersion: 2, revision: 0, conflict: null });
    expect(s.values.title).toBe("Mine, still");
  });

  it("on the working draft: taking theirs replaces mine with their draft", () => {
    let s = draftReducer(initialDraft(view(1), serverDraft(1, "Base"), null), {
      type: "edit",
      update: draft.at("title").set("Mine"),
    });
    s = draftReducer(s, {
      type: "conflict",
      conflict: { kind: "draft", theirs: serverDraft(2, "Ben's") },
      message: "stale_draft",
    });
    s = draftReducer(s, { type: "take-theirs", version: view(1) });
    expect(s).toMatchObject({ status: "saved", revision: 2, conflict: null });
    expect(s.values.title).toBe("Ben's");
  });
});

describe("restore", () => {
  const stored = (title: string, baseVersion = 1, revision = 0) => ({
    baseVersion,
    revision,
    document: { ...doc, title },
    changedAt: "2026-11-22T10:00:00Z",
  });

  it("restores this browser's unsaved text and saves it", () => {
    const s = initialDraft(view(1), null, stored("Unsaved"));
    expect(s).toMatchObject({ restored: true, status: "pending" });
    expect(s.values.title).toBe("Unsaved");
  });

  it("drops a stored copy equal to what the server holds", () => {
    const s = initialDraft(view(1), serverDraft(2, "Same"), stored("Same", 1, 2));
    expect(s).toMatchObject({ restored: false, status: "saved", revision: 2 });
  });

  it("opens on the working draft when this browser kept nothing", () => {
    const s = initialDraft(view(1), serverDraft(4, "Shared draft"), null);
    expect(s.values.title).toBe("Shared draft");
    expect(s.saved.title).toBe("Shared draft");
  });

  it("shows a conflict at once when the stored text was written on an older version", () => {
    const s = initialDraft(view(2, "Newer"), null, stored("Old edit", 1));
    expect(s).toMatchObject({ restored: true, status: "conflict", baseVersion: 1 });
    expect(s.conflict?.kind).toBe("version");
  });
});
