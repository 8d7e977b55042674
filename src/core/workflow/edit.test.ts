/**
 * The edit decision: what saving a change does to each workflow state, and which minimisation
 * fields a change adds to the version in force.
 */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../schema/index.ts";
import { decideEdit, fieldsAdded } from "./edit.ts";

const fields = (...names: string[]): Pick<Assessment, "lia"> => ({
  lia: {
    interests: [],
    minimisation: {
      fields: names.map((name) => ({ name, type: "text", purpose: "p", retention: "90 days" })),
    },
  } as unknown as Assessment["lia"],
});

describe("decideEdit", () => {
  it("saves an edit of a draft as a draft, with or without a reason", () => {
    expect(decideEdit({ state: "draft", approvedVersion: null }, undefined)).toEqual({
      ok: true,
      next: "draft",
      withdrawsReview: false,
    });
  });

  it("withdraws a review in progress: the reviewers were shown the text being replaced", () => {
    expect(decideEdit({ state: "in_review", approvedVersion: null }, undefined)).toEqual({
      ok: true,
      next: "draft",
      withdrawsReview: true,
    });
  });

  it("refuses to change an approved version without a reason, and starts a draft with one", () => {
    const refused = decideEdit({ state: "approved", approvedVersion: 2 }, "  ");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe("reason_required");
    expect(decideEdit({ state: "approved", approvedVersion: 2 }, "Yearly review")).toEqual({
      ok: true,
      next: "draft",
      withdrawsReview: false,
    });
  });

  it("lets a draft under an approved version change without a reason", () => {
    expect(decideEdit({ state: "draft", approvedVersion: 2 }, undefined).ok).toBe(true);
  });

  it("refuses any edit of a retired or superseded assessment", () => {
    for (const state of ["retired", "superseded"] as const) {
      const r = decideEdit({ state, approvedVersion: 1 }, "Again");
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("transition_not_allowed");
    }
  });
});

describe("fieldsAdded", () => {
  it("names the fields the new version adds to the approved one, in its order", () => {
    expect(fieldsAdded(fields("ip"), fields("ip"), fields("ua", "ip", "referrer"))).toEqual([
      "ua",
      "referrer",
    ]);
  });

  it("leaves out fields the base version already added (their trigger was raised then)", () => {
    expect(fieldsAdded(fields("ip"), fields("ip", "ua"), fields("ip", "ua", "referrer"))).toEqual([
      "referrer",
    ]);
  });

  it("finds nothing added when fields are only removed, or when there is no specification", () => {
    expect(fieldsAdded(fields("ip", "ua"), fields("ip", "ua"), fields("ip"))).toEqual([]);
    expect(fieldsAdded(undefined, undefined, {})).toEqual([]);
  });
});
