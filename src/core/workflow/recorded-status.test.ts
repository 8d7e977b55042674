/**
 * A file's recorded status: a hint read on import, written back on export, never part of
 * the stored content.
 */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../schema/index.ts";
import { asFile, contentOf, initialState } from "./recorded-status.ts";

const file = (status?: Assessment["status"]): Assessment =>
  ({
    format: "basis/v1",
    kind: "assessment",
    id: "logs",
    title: "Logs",
    ...(status ? { status } : {}),
  }) as Assessment;

describe("recorded status", () => {
  it("stores a document without the status its file records", () => {
    expect(contentOf(file("approved"))).toEqual(file());
    expect("status" in contentOf(file("in_review"))).toBe(false);
  });

  it("starts a new assessment as its file records, a draft when it records none", () => {
    expect(initialState(undefined)).toEqual({ state: "draft", inForce: false });
    expect(initialState("in_review")).toEqual({ state: "in_review", inForce: false });
    expect(initialState("approved")).toEqual({ state: "approved", inForce: true });
  });

  it("writes the stored status into an exported file, and none for a draft", () => {
    expect(asFile(contentOf(file()), "approved")).toEqual(file("approved"));
    expect(asFile(contentOf(file()), "retired").status).toBe("retired");
    expect(asFile(contentOf(file()), "draft")).toEqual(file());
  });

  it("exports the stored status, not one a stale document still carries", () => {
    const stale = file("approved");
    expect(asFile(stale, "superseded").status).toBe("superseded");
    expect(asFile(stale, "draft").status).toBeUndefined();
  });
});
