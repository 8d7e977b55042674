/**
 * Tests for the LIA document: its structure follows the multi-interest LIA, every value is
 * labelled for people, gaps are stated rather than hidden, and hostile user text stays text.
 */
import { describe, expect, it } from "vitest";
import {
  tableShapes,
  testAssessment,
  testContext,
  testEvaluation,
  testFinding,
} from "../../test/support/render-fixtures.ts";
import { Assessment } from "../core/schema/index.ts";
import { buildLiaDocument } from "./lia-document.ts";
import { toMarkdown } from "./markdown.ts";
import type { Block, Doc, TableBlock } from "./model.ts";

const SECTIONS = [
  "1. Scope",
  "2. Purpose test",
  "3. Necessity test",
  "4. Balancing test",
  "5. Data-minimisation specification",
  "6. Right to object (Art. 21)",
  "7. Conclusion",
  "8. Review",
  "9. Version history",
  "10. Sign-off",
  "11. Open findings",
  "12. References cited",
];

/** The blocks from a level-2 heading up to the next one. */
function section(doc: Doc, title: string): Block[] {
  const start = doc.blocks.findIndex(
    (b) => b.kind === "heading" && b.level === 2 && b.text === title,
  );
  if (start < 0) throw new Error(`no section ${title}`);
  const rest = doc.blocks.slice(start + 1);
  const end = rest.findIndex((b) => b.kind === "heading" && b.level === 2);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The table in a section whose header starts with the given column. */
function tableIn(blocks: Block[], firstColumn: string): TableBlock {
  const found = blocks.find(
    (b): b is TableBlock => b.kind === "table" && b.columns[0] === firstColumn,
  );
  if (!found) throw new Error(`no table starting with ${firstColumn}`);
  return found;
}

function texts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => ("text" in b ? [b.text] : []));
}

describe("buildLiaDocument", () => {
  it("is built from an assessment that the schema accepts", () => {
    expect(() => Assessment.parse(testAssessment())).not.toThrow();
  });

  it("renders every section heading, in order", () => {
    const doc = buildLiaDocument(testAssessment(), testContext());
    const headings = doc.blocks.flatMap((b) =>
      b.kind === "heading" && b.level === 2 ? [b.text] : [],
    );
    expect(headings).toEqual(SECTIONS);
    const markdown = toMarkdown(doc);
    const positions = [
      "1\\. Scope",
      "2\\. Purpose test",
      "7\\. Conclusion",
      "12\\. References cited",
    ].map((h) => markdown.indexOf(`\n## ${h}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  it("fills the title block with the organisation, activity, dates and the computed outcome", () => {
    const doc = buildLiaDocument(testAssessment(), testContext());
    expect(doc.title).toBe("Legitimate Interests Assessment");
    expect(doc.subtitle).toBe("Security logging and product analytics");
    expect(Object.fromEntries(doc.meta)).toMatchObject({
      Organisation: "Example Learning Ltd",
      "Processing activity": "Web platform logging",
      Version: "1.1",
      "Assessment date": "15 January 2026",
      Author: "Privacy team",
      Status: "In review",
      "Next review": "15 January 2027",
      Outcome: "Incomplete",
    });
  });

  it("marks the next review as overdue once today is past it", () => {
    const doc = buildLiaDocument(testAssessment(), testContext({ today: "2027-03-01" }));
    expect(Object.fromEntries(doc.meta)["Next review"]).toBe("15 January 2027 (overdue)");
  });

  it("takes the next review from the engine when the file does not set one", () => {
    const assessment = testAssessment();
    delete assessment.review?.nextReview;
    const evaluation = testEvaluation();
    evaluation.trace.facts.nextReview = "2027-01-20";
    const doc = buildLiaDocument(assessment, testContext({ evaluation }));
    expect(Object.fromEntries(doc.meta)["Next review"]).toBe("20 January 2027");
  });

  it("lists the purposes relying on legitimate interests and the others as exclusions with their basis", () => {
    const scope = section(buildLiaDocument(testAssessment(), testContext()), "1. Scope");
    expect(tableIn(scope, "Purpose").rows).toEqual([
      [
        "Detect and investigate unauthorised access",
        "Legitimate interests (Art. 6(1)(f))",
        "Security monitoring",
      ],
      [
        "Understand which features are used",
        "Legitimate interests (Art. 6(1)(f))",
        "Product analytics",
      ],
    ]);
    const exclusions = scope.filter((b): b is TableBlock => b.kind === "table")[1];
    expect(exclusions?.rows).toEqual([
      [
        "Send the monthly product newsletter",
        "Consent (Art. 6(1)(a))",
        "Electronic marketing needs consent under PECR regulation 22.",
      ],
    ]);
  });

  it("warns when a purpose has no lawful basis decided", () => {
    const assessment = testAssessment();
    assessment.decisions = assessment.decisions.filter((d) => d.purpose !== "newsletter");
    const scope = section(buildLiaDocument(assessment, testContext()), "1. Scope");
    expect(scope).toContainEqual({
      kind: "note",
      tone: "warning",
      text: "No lawful basis has been decided for: Send the monthly product newsletter.",
    });
  });

  it("names the references that recognise an interest by their title", () => {
    const purpose = section(buildLiaDocument(testAssessment(), testContext()), "2. Purpose test");
    const rows = purpose.flatMap((b) => (b.kind === "keyValue" ? b.rows : []));
    expect(rows).toContainEqual(["Recognised by", "GDPR Recital 49"]);
    expect(rows).toContainEqual([
      "Kind",
      "The controller's own interest; A third party's interest",
    ]);
    expect(rows).toContainEqual(["Real and present", "Not answered"]);
  });

  it("tabulates the alternatives considered with why each was rejected and the evidence", () => {
    const necessity = section(
      buildLiaDocument(testAssessment(), testContext()),
      "3. Necessity test",
    );
    expect(tableIn(necessity, "Alternative").rows).toEqual([
      [
        "Aggregate counts only",
        "Cannot trace a specific incident",
        "Loses the ability to contain an account takeover",
        "Incident review 2025-07",
      ],
    ]);
    expect(texts(necessity)).toContain("No alternative is recorded.");
  });

  it("shows each safeguard with its kind, baseline or additional", () => {
    const balancing = section(
      buildLiaDocument(testAssessment(), testContext()),
      "4. Balancing test",
    );
    expect(tableIn(balancing, "Safeguard")).toEqual({
      kind: "table",
      columns: ["Safeguard", "Implementation", "Kind"],
      rows: [
        ["Access restricted to the security team", "", "Baseline (required by law)"],
        ["Logs deleted after 90 days", "Nightly job", "Additional (beyond the law)"],
      ],
    });
    expect(tableIn(balancing, "Impact").rows).toEqual([
      ["Surveillance", "Feeling watched", "Remote", "Minimal"],
    ]);
  });

  it("says so when an interest has no balancing test, or when none is required", () => {
    const missing = section(buildLiaDocument(testAssessment(), testContext()), "4. Balancing test");
    expect(texts(missing)).toContain("No balancing test is recorded for this interest.");
    const evaluation = testEvaluation();
    const analytics = evaluation.trace.interests[1];
    if (analytics) analytics.balancing = "not-required";
    const recognised = section(
      buildLiaDocument(testAssessment(), testContext({ evaluation })),
      "4. Balancing test",
    );
    expect(
      recognised.some((b) => b.kind === "note" && b.text.includes("No balancing test is required")),
    ).toBe(true);
  });

  it("labels each field's transformation and lists the prohibited fields under the rule", () => {
    const spec = section(
      buildLiaDocument(testAssessment(), testContext()),
      "5. Data-minimisation specification",
    );
    expect(tableIn(spec, "Field").rows).toEqual([
      ["ip_address", "string", "Detect attacks", "90 days", "IPv4 truncated to /24"],
      [
        "user_agent",
        "string",
        "Spot bots",
        "30 days",
        "User agent reduced to browser and major version",
      ],
    ]);
    expect(spec).toContainEqual({
      kind: "list",
      items: ["email: Not needed to detect attacks", "request_body"],
    });
    expect(spec[0]).toEqual({
      kind: "note",
      tone: "info",
      text: "No field may be added without a new or updated LIA.",
    });
  });

  it("leaves out the prohibited fields when there are none", () => {
    const assessment = testAssessment();
    delete assessment.lia?.minimisation?.prohibited;
    const spec = section(
      buildLiaDocument(assessment, testContext()),
      "5. Data-minimisation specification",
    );
    expect(texts(spec)).not.toContain("Prohibited fields");
  });

  it("builds the conclusion table from the engine's result per interest", () => {
    const conclusion = section(buildLiaDocument(testAssessment(), testContext()), "7. Conclusion");
    expect(tableIn(conclusion, "Interest").rows).toEqual([
      ["Security monitoring", "Met", "Met", "Met", "Appropriate"],
      ["Product analytics", "Incomplete", "Met", "Incomplete", "Incomplete"],
    ]);
    expect(conclusion).toContainEqual({
      kind: "list",
      items: ["Keep the 90-day deletion job running"],
    });
  });

  it("words a condition the engine gives as a finding code through the message catalogue", () => {
    const evaluation = testEvaluation();
    evaluation.findings.push(
      testFinding({ code: "dpia-likely-required", severity: "info", effect: "condition" }),
    );
    evaluation.trace.conditions = ["dpia-likely-required"];
    const conclusion = section(
      buildLiaDocument(testAssessment(), testContext({ evaluation })),
      "7. Conclusion",
    );
    expect(conclusion).toContainEqual({
      kind: "list",
      items: ["Message for dpia-likely-required", "Keep the 90-day deletion job running"],
    });
  });

  it("keeps required sign-off roles without a record in the table, with empty cells", () => {
    const signOff = section(buildLiaDocument(testAssessment(), testContext()), "10. Sign-off");
    expect(tableIn(signOff, "Role").rows).toEqual([
      ["Privacy officer", "Privacy officer on duty", "Approved", "18 January 2026", ""],
      ["Data protection officer", "", "", "", ""],
      ["Legal counsel", "", "", "", ""],
    ]);
  });

  it("shows None under open findings when the engine found nothing", () => {
    const evaluation = testEvaluation();
    evaluation.findings = [];
    const findings = section(
      buildLiaDocument(testAssessment(), testContext({ evaluation })),
      "11. Open findings",
    );
    expect(findings).toEqual([{ kind: "paragraph", text: "None." }]);
  });

  it("lists open findings blockers first, in the catalogue's words, with where and references", () => {
    const evaluation = testEvaluation();
    evaluation.findings.push(
      testFinding({
        code: "lia-no-objection-route",
        severity: "blocker",
        path: "lia.objection",
        refs: ["gdpr-art-21"],
      }),
    );
    const findings = section(
      buildLiaDocument(testAssessment(), testContext({ evaluation })),
      "11. Open findings",
    );
    expect(tableIn(findings, "Severity").rows).toEqual([
      [
        "Blocker",
        "Message for lia-no-objection-route",
        "lia.objection",
        "Fix for lia-no-objection-route",
        "gdpr-art-21",
      ],
      [
        "Warning",
        "Message for lia-balancing-incomplete",
        "lia.balancing",
        "Fix for lia-balancing-incomplete",
        "EDPB Guidelines 1/2024",
      ],
    ]);
  });

  it("cites every reference used by an interest or a finding, and marks unknown ones", () => {
    const refs = section(buildLiaDocument(testAssessment(), testContext()), "12. References cited");
    expect(tableIn(refs, "Reference").rows).toEqual([
      ["GDPR Recital 49", "Regulation (EU) 2016/679, recital 49", ""],
      ["GDPR Recital 47", "Regulation (EU) 2016/679, recital 47", ""],
      ["cjeu-c-621-22", "Not in the knowledge base", ""],
      [
        "EDPB Guidelines 1/2024",
        "Guidelines 1/2024 on processing of personal data based on Article 6(1)(f) GDPR",
        "https://example.org/edpb-1-2024",
      ],
    ]);
  });

  it("still renders every section, stating the gaps, for an assessment without an LIA", () => {
    const assessment = testAssessment();
    delete assessment.lia;
    assessment.decisions = assessment.decisions.map((d) => ({ ...d, basis: "consent" as const }));
    expect(() => Assessment.parse(assessment)).not.toThrow();
    const evaluation = testEvaluation();
    evaluation.trace.interests = [];
    const doc = buildLiaDocument(assessment, testContext({ evaluation }));
    expect(doc.blocks.filter((b) => b.kind === "heading" && b.level === 2)).toHaveLength(
      SECTIONS.length,
    );
    expect(texts(section(doc, "2. Purpose test"))).toContain(
      "No legitimate interest is recorded: this assessment has no LIA.",
    );
    expect(texts(section(doc, "7. Conclusion"))).toContain("No result per interest is available.");
  });

  it("renders hostile text from the assessment as literal text that cannot break a table", () => {
    const hostile = [
      "<script>alert(1)</script>",
      "[x](javascript:alert(1))",
      "| a | b |",
      "# heading",
      "**bold**",
      "x".repeat(5000),
      "שלום 🙂 中文",
      "line one\nline | two",
    ];
    const assessment = testAssessment();
    const lia = assessment.lia;
    const balancing = lia?.balancing?.[0];
    const field = lia?.minimisation?.fields[0];
    if (!lia || !balancing || !field) throw new Error("fixture changed");
    hostile.forEach((text, i) => {
      const interest = lia.interests[i % lia.interests.length];
      if (interest) interest.title = `${interest.title} ${text}`;
      balancing.safeguards?.push({ measure: text, implementation: text, kind: "additional" });
      lia.minimisation?.fields.push({
        name: `f${i} ${text.slice(0, 150)}`,
        purpose: text,
        type: text,
      });
    });
    assessment.activity.description = hostile.join("\n");
    field.purpose = hostile.join("\n");
    expect(() => Assessment.parse(assessment)).not.toThrow();

    const markdown = toMarkdown(buildLiaDocument(assessment, testContext()));
    expect(markdown).not.toMatch(/<script/i);
    expect(markdown).not.toMatch(/(?<!\\)\]\(/);
    expect(markdown).toContain("\\[x\\]\\(javascript\\:alert\\(1\\)\\)");
    expect(markdown).toContain("\\*\\*bold\\*\\*");
    expect(markdown).toContain("שלום 🙂 中文");
    expect(markdown).toContain("\n\\# heading\\\n");
    expect(markdown).not.toMatch(/^#{1,6} heading$/m);
    const shapes = tableShapes(markdown);
    expect(shapes.length).toBeGreaterThan(10);
    for (const shape of shapes) {
      const [header] = shape;
      expect(shape.every((cells) => cells === header)).toBe(true);
    }
  });
});
