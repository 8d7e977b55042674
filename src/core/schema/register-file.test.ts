/**
 * One register file from several assessments of one controller, the inverse of
 * registerAssessments.
 */
import { describe, expect, it } from "vitest";
import { type Assessment, registerAssessments } from "./assessment.ts";
import { registerFile } from "./register-file.ts";

const assessment = (id: string, name = "Example Ltd"): Assessment =>
  ({
    format: "basis/v1",
    kind: "assessment",
    id,
    title: id,
    organisation: { name, jurisdiction: "EU" },
    activity: { name: id, purposes: [], dataCategories: [], dataSubjects: [] },
    decisions: [],
  }) as unknown as Assessment;

describe("registerFile", () => {
  it("holds every assessment once, under the one organisation, and expands back to them", () => {
    const docs = [assessment("logs"), assessment("email")];
    const register = registerFile(docs);
    expect(register.title).toBe("Register of processing activities of Example Ltd");
    expect(register.activities.map((a) => a.id)).toEqual(["logs", "email"]);
    expect(registerAssessments(register)).toEqual(docs);
  });

  it("treats the same organisation written in another key order as the same controller", () => {
    const other = {
      ...assessment("email"),
      organisation: { jurisdiction: "EU", name: "Example Ltd" },
    };
    expect(registerFile([assessment("logs"), other as Assessment]).activities).toHaveLength(2);
  });

  it("refuses assessments of different controllers, and an empty register", () => {
    expect(() => registerFile([assessment("a"), assessment("b", "Other plc")])).toThrow(
      expect.objectContaining({ code: "conflict" }),
    );
    expect(() => registerFile([])).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});
