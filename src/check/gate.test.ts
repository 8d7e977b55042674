import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { anAssessment } from "../../test/builders.ts";
import type { Assessment } from "../core/schema/index.ts";
import { checkFileText, pathSegments } from "./gate.ts";
import { checkJunit } from "./junit.ts";
import { checkExitCode, checkReport } from "./report.ts";

const TODAY = "2026-11-22";
// assessedOn 2026-03-01 with a 12-month cadence: the review falls due on 2027-03-01.
const approved = (change: (a: Assessment) => void = () => {}) =>
  anAssessment()
    .with((a) => {
      a.status = "approved";
      change(a);
    })
    .build();

function gate(a: unknown, today = TODAY) {
  const text = stringify(a);
  const result = checkFileText("lia.yaml", text, { today });
  return { result, text, a: result.assessments[0] };
}

const lineOf = (text: string, needle: string) =>
  text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("the CI gate", () => {
  it("passes an approved, complete LIA whose review is not yet due", () => {
    const { a } = gate(approved());
    expect(a?.passed).toBe(true);
    expect(a?.findings.filter((f) => f.gate)).toEqual([]);
  });

  it("fails a legitimate-interests purpose while the assessment is not approved, at the status line", () => {
    const { a, text } = gate(approved((x) => (x.status = "in_review")));
    expect(a?.passed).toBe(false);
    const f = a?.findings.find((g) => g.code === "CHECK_LIA_NOT_APPROVED");
    expect(f).toMatchObject({
      gate: true,
      level: "error",
      path: "status",
      line: lineOf(text, "status: in_review"),
    });
    expect(f?.message).toContain("security");
  });

  it("lets a purpose on another basis through without an approval", () => {
    const { a } = gate(
      approved((x) => {
        x.status = "draft";
        const d = x.decisions[0];
        if (d) {
          d.basis = "contract";
          delete d.interests;
          d.necessity = {
            necessary: true,
            alternatives: [
              { alternative: "Guest checkout", rejectedBecause: "No account to serve" },
            ],
          };
        }
        delete x.lia;
      }),
    );
    expect(a?.findings.filter((f) => f.gate)).toEqual([]);
    expect(a?.passed).toBe(true);
  });

  it("turns an overdue review into a failure, though evaluate only warns", () => {
    const { a } = gate(approved(), "2027-03-02");
    const f = a?.findings.find((g) => g.code === "REVIEW_OVERDUE");
    expect(f).toMatchObject({ gate: true, level: "error" });
    expect(a?.passed).toBe(false);
    // the day it falls due is still in date
    expect(gate(approved(), "2027-03-01").a?.passed).toBe(true);
  });

  it("fails a specification field without purpose or retention, located at that field", () => {
    const { a, text } = gate(
      approved((x) => {
        const field = x.lia?.minimisation?.fields[1];
        if (field) {
          delete field.purpose;
          delete field.retention;
          delete field.retentionDays;
        }
      }),
    );
    const codes = a?.findings.filter((f) => f.gate).map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(["FIELD_NO_PURPOSE", "FIELD_NO_RETENTION"]));
    const f = a?.findings.find((g) => g.code === "FIELD_NO_PURPOSE");
    expect(f?.path).toBe("lia.minimisation.fields[1].purpose");
    // the purpose is missing, so the location is the field entry that lacks it
    expect(f?.line).toBe(lineOf(text, "name: account_id"));
  });

  it("fails on any open blocker", () => {
    const { a } = gate(approved((x) => delete x.organisation.name));
    expect(a?.findings.find((f) => f.code === "ORGANISATION_NAME_MISSING")?.gate).toBe(true);
    expect(a?.passed).toBe(false);
  });

  it("reports a retired assessment without gating it", () => {
    const { a } = gate(
      approved((x) => (x.status = "retired")),
      "2030-01-01",
    );
    expect(a?.skipped).toContain("retired");
    expect(a?.findings.length).toBeGreaterThan(0);
    expect(a?.findings.every((f) => !f.gate)).toBe(true);
    expect(a?.passed).toBe(true);
  });

  it("gates each activity of a register and locates findings inside its activity", () => {
    const one = approved();
    const two = approved((x) => {
      x.id = "second";
      x.status = "draft";
    });
    const strip = ({ organisation: _o, format: _f, kind: _k, ...rest }: Assessment) => rest;
    const register = {
      format: "basis/v1",
      kind: "register",
      title: "Register",
      organisation: one.organisation,
      activities: [strip(one), strip(two)],
    };
    const { result, text } = gate(register);
    expect(result.assessments.map((x) => [x.id, x.passed])).toEqual([
      ["web-security", true],
      ["second", false],
    ]);
    const f = result.assessments[1]?.findings.find((g) => g.code === "CHECK_LIA_NOT_APPROVED");
    expect(f?.path).toBe("activities[1].status");
    expect(f?.line).toBe(lineOf(text, "status: draft"));
  });

  it("fails a file that is not valid YAML or not a Basis file, with located errors", () => {
    const broken = checkFileText("x.yaml", "format: basis/v1\nkind: [\n", { today: TODAY });
    expect(broken.errors[0]?.line).toBeGreaterThan(0);
    const wrong = checkFileText("x.yaml", "format: basis/v1\nkind: assessment\nid: x\n", {
      today: TODAY,
    });
    expect(wrong.errors.length).toBeGreaterThan(0);
    const report = checkReport(TODAY, [wrong]);
    expect(checkExitCode(report)).toBe(1);
  });
});

describe("paths", () => {
  it("splits a finding path into the keys and indexes the YAML walk needs", () => {
    expect(pathSegments("lia.minimisation.fields[10].purpose")).toEqual([
      "lia",
      "minimisation",
      "fields",
      10,
      "purpose",
    ]);
    expect(pathSegments("decisions[0]")).toEqual(["decisions", 0]);
  });
});

describe("JUnit XML", () => {
  it("escapes every character that could break the document or its attributes", () => {
    const hostile = `A&B <x> "quoted" 'single' \u0001 ]]></failure>`;
    const { result } = gate(
      approved((x) => {
        x.title = hostile;
        x.status = "draft";
      }),
    );
    const xml = checkJunit(checkReport(TODAY, [result]));
    expect(xml).not.toContain("]]></failure>");
    expect(xml).not.toContain("\u0001");
    expect(xml).toContain("A&amp;B &lt;x&gt; &quot;quoted&quot; &apos;single&apos;");
    expect(xml).toMatch(
      /<failure type="CHECK_LIA_NOT_APPROVED" message="1 gate violation: CHECK_LIA_NOT_APPROVED">/,
    );
    expect(xml.match(/<testcase /g)?.length).toBe(1);
    expect(xml.match(/<\/testcase>/g)?.length).toBe(1);
  });
});
