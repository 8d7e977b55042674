/**
 * The shared vocabulary is the engine's (core/rules imports its outcomes and review cadence
 * from it), and an assessment with no stated cadence is due for
 * review after the default number of months.
 */
import { describe, expect, it } from "vitest";
import { addMonths } from "./dates.ts";
import { evaluate } from "./evaluate.ts";
import type { Assessment } from "./schema/index.ts";
import { Status } from "./schema/index.ts";
import {
  DEFAULT_REVIEW_MONTHS,
  hasRole,
  OUTCOMES,
  type Outcome,
  ROLES,
  WORKFLOW_STATES,
} from "./vocabulary.ts";

describe("the shared vocabulary", () => {
  it("names the outcomes the engine computes, each once", () => {
    const computed: Outcome = evaluate(
      {
        format: "basis/v1",
        kind: "assessment",
        id: "x",
        title: "x",
        organisation: { jurisdiction: "EU" },
        activity: { name: "x", purposes: [], dataCategories: [], dataSubjects: [] },
        decisions: [],
      } as unknown as Assessment,
      { today: "2026-02-01" },
    ).outcome;
    expect(OUTCOMES).toContain(computed);
    expect(new Set(OUTCOMES).size).toBe(OUTCOMES.length);
  });

  it("gives the file format's status the workflow's states", () => {
    expect(Status.options).toEqual([...WORKFLOW_STATES]);
  });

  it("ranks roles so that each includes the ones below it", () => {
    expect(ROLES.filter((r) => hasRole(r, "approver"))).toEqual(["approver", "admin"]);
    expect(hasRole("viewer", "editor")).toBe(false);
  });

  it("has the engine fall a review due the default number of months after the assessment", () => {
    const a = {
      format: "basis/v1",
      kind: "assessment",
      id: "cadence",
      title: "Cadence",
      assessedOn: "2026-01-31",
      organisation: { jurisdiction: "EU" },
      activity: { name: "x", purposes: [], dataCategories: [], dataSubjects: [] },
      decisions: [],
    } as unknown as Assessment;
    const e = evaluate(a, { today: "2026-02-01" });
    expect(e.trace.facts.nextReview).toBe(addMonths("2026-01-31", DEFAULT_REVIEW_MONTHS));
  });
});
