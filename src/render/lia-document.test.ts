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
import type { DocumentRecord } from "./document-record.ts";
import { buildLiaDocument } from "./lia-document.ts";
import { toMarkdown } from "./markdown.ts";
import type { Block, Doc, TableBlock } from "./model.ts";

const SECTIONS = [
  "Summary",
  "1. Scope",
  "2. Purpose test: the interests and who benefits",
  "3. Necessity test",
  "4. Balancing test",
  "5. Data-minimisation specification",
  "6. Right to object (Art. 21)",
  "7. Conclusion",
  "8. Review",
  "9. Version history",
  "10. Sign-off",
  "Appendix A. Findings",
  "Appendix B. References cited",
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
function tableIn(blocks: Block[], firstColumn: string, secondColumn?: string): TableBlock {
  const found = blocks.find(
    (b): b is TableBlock =>
      b.kind === "table" &&
      b.columns[0] === firstColumn &&
      (secondColumn === undefined || b.columns[1] === secondColumn),
  );
  if (!found) throw new Error(`no table starting with ${firstColumn}`);
  return found;
}

function texts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => {
    if ("text" in b) return [b.text];
    if (b.kind === "paragraph") return [b.runs.map((r) => r.text).join("")];
    return [];
  });
}

function kv(blocks: Block[]): Record<string, string> {
  return Object.fromEntries(blocks.flatMap((b) => (b.kind === "keyValue" ? b.rows : [])));
}

const RECORD: DocumentRecord = {
  version: 3,
  status: "approved",
  date: "2026-02-02",
  decisions: [
    { role: "dpo", name: "Dana Okafor", decision: "approved", date: "2026-02-02", comment: "Fine" },
  ],
  required: ["dpo"],
};

describe("buildLiaDocument", () => {
  it("is built from an assessment that the schema accepts", () => {
    expect(() => Assessment.parse(testAssessment())).not.toThrow();
  });

  it("renders the summary first, then every numbered section and the appendices, in order", () => {
    const doc = buildLiaDocument(testAssessment(), testContext());
    const headings = doc.blocks.flatMap((b) =>
      b.kind === "heading" && b.level === 2 ? [b.text] : [],
    );
    expect(headings).toEqual(SECTIONS);
    const markdown = toMarkdown(doc);
    const positions = ["Summary", "1. Scope", "7. Conclusion", "Appendix B. References cited"].map(
      (h) => markdown.indexOf(`\n## ${h}\n`),
    );
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  it("fills the cover with the organisation, activity, dates and the computed outcome", () => {
    const doc = buildLiaDocument(testAssessment(), testContext());
    expect(doc.title).toBe("Legitimate Interests Assessment");
    expect(doc.subtitle).toBe("Security logging and product analytics");
    expect(Object.fromEntries(doc.meta)).toMatchObject({
      Organisation: "Example Learning Ltd",
      "Processing activity": "Web platform logging",
      "Assessed under": "UK GDPR (main establishment: United Kingdom)",
      "Assessment date": "15 January 2026",
      Author: "Privacy team",
      "Next review": "15 January 2027",
      "Overall outcome": "Incomplete",
    });
  });

  it("reads Draft for a plain file, whatever status it claims, and says it is not from a record", () => {
    const assessment = testAssessment();
    assessment.status = "approved";
    const doc = buildLiaDocument(assessment, testContext());
    const meta = Object.fromEntries(doc.meta);
    expect(meta.Status).toBe("Draft");
    expect(meta.Version).toBe("1.1 (as the file states it)");
    expect(doc.running).toMatchObject({ version: "1.1", status: "Draft" });
    expect(doc.blocks[0]).toMatchObject({ kind: "note", tone: "info" });
    expect(texts([doc.blocks[0] as Block])[0]).toContain('the file itself says "Approved"');
    expect(toMarkdown(doc)).not.toMatch(/\*\*Status:\*\* Approved/);
  });

  it("takes version, status, its date and the approvers from the stored record", () => {
    const doc = buildLiaDocument(testAssessment(), testContext({ recordOf: () => RECORD }));
    const meta = Object.fromEntries(doc.meta);
    expect(meta).toMatchObject({
      Version: "3 (the file calls it 1.1)",
      Status: "Approved",
      "Status since": "2 February 2026",
    });
    expect(doc.running).toMatchObject({ version: "3", status: "Approved" });
    expect(kv(section(doc, "Summary"))["Approved by"]).toBe(
      "Dana Okafor (Data protection officer), 2 February 2026",
    );
    expect(tableIn(section(doc, "10. Sign-off"), "Role").rows).toEqual([
      ["Data protection officer", "Dana Okafor", "Approved", "2 February 2026", "Fine"],
    ]);
    expect(doc.blocks.some((b) => b.kind === "note" && b.text.startsWith("Made from"))).toBe(false);
  });

  it("never prints Approved without a named approver, and reads Draft for an unknown status", () => {
    const unnamed: DocumentRecord = {
      ...RECORD,
      decisions: [{ role: "dpo", name: null, decision: "approved", date: "2026-02-02" }],
    };
    const doc = buildLiaDocument(testAssessment(), testContext({ recordOf: () => unnamed }));
    expect(Object.fromEntries(doc.meta).Status).toBe("Draft");
    const rows = tableIn(section(doc, "10. Sign-off"), "Role").rows;
    expect(rows[0]?.[2]).toBe("Not counted: no approver named");
    expect(toMarkdown(doc)).not.toMatch(/\| Approved \|/);
    const odd = buildLiaDocument(
      testAssessment(),
      testContext({ recordOf: () => ({ ...RECORD, status: "archived-somehow" }) }),
    );
    expect(Object.fromEntries(odd.meta).Status).toBe("Draft");
  });

  it("shows a file's approval without a name as not counted, never as Approved", () => {
    const assessment = testAssessment();
    assessment.signOff = { required: ["dpo"], records: [{ role: "dpo", decision: "approved" }] };
    const rows = tableIn(
      section(buildLiaDocument(assessment, testContext()), "10. Sign-off"),
      "Role",
    ).rows;
    expect(rows).toEqual([
      ["Data protection officer", "Not recorded", "Not counted: no approver named"],
    ]);
  });

  it("summarises outcome per interest, safeguards, conditions, blockers, approvers and review on page one", () => {
    const summary = section(buildLiaDocument(testAssessment(), testContext()), "Summary");
    expect(tableIn(summary, "Interest").rows).toEqual([
      ["Security monitoring", "Appropriate"],
      ["Product analytics", "Incomplete"],
    ]);
    expect(kv(summary)).toMatchObject({
      "Key safeguards": "Logs deleted after 90 days",
      Conditions: "Keep the 90-day deletion job running",
      "Open blockers": "None.",
      "Approved by": "None on record (made from a file).",
      "Next review": "15 January 2027",
      "Not based on legitimate interests":
        "Send the monthly product newsletter: Consent (Art. 6(1)(a))",
    });
  });

  it("says why an interest's own outcome differs from the overall one", () => {
    const summary = section(buildLiaDocument(testAssessment(), testContext()), "Summary");
    expect(texts(summary)).toContain(
      'The interest "Security monitoring" is appropriate on its own; the overall outcome is incomplete because of Message for lia-balancing-incomplete.',
    );
  });

  it("prints only what the outcome depends on as a condition, never an overdue review", () => {
    const evaluation = testEvaluation();
    evaluation.findings.push(
      testFinding({
        code: "DPIA_LIKELY",
        severity: "warning",
        effect: "condition",
        path: "activity",
      }),
      testFinding({
        code: "REVIEW_OVERDUE",
        severity: "warning",
        effect: "condition",
        path: "review.nextReview",
      }),
    );
    const doc = buildLiaDocument(testAssessment(), testContext({ evaluation }));
    const conclusion = section(doc, "7. Conclusion");
    expect(conclusion).toContainEqual({
      kind: "list",
      items: ["Keep the 90-day deletion job running", "Message for DPIA_LIKELY"],
    });
    expect(JSON.stringify(conclusion)).not.toContain("REVIEW_OVERDUE");
    expect(section(doc, "8. Review")).toContainEqual({
      kind: "note",
      tone: "warning",
      text: "Message for REVIEW_OVERDUE",
    });
  });

  it("explains an outcome 'with conditions' that comes only from a process warning", () => {
    const assessment = testAssessment();
    delete assessment.lia?.conclusion?.conditions;
    const evaluation = testEvaluation();
    evaluation.outcome = "appropriate-with-conditions";
    evaluation.findings = [
      testFinding({
        code: "REVIEW_OVERDUE",
        severity: "warning",
        effect: "condition",
        path: "review",
      }),
    ];
    evaluation.trace.interests = evaluation.trace.interests.map((r) => ({
      ...r,
      outcome: "appropriate",
    }));
    const summary = section(buildLiaDocument(assessment, testContext({ evaluation })), "Summary");
    expect(texts(summary).join(" ")).toContain(
      'The rules engine gives "with conditions" only because of process warnings (Message for REVIEW_OVERDUE)',
    );
    expect(kv(summary).Conditions).toBe("None.");
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

  it("keeps the compact interests-and-stakeholders table, and names recognising references by title", () => {
    const purpose = section(
      buildLiaDocument(testAssessment(), testContext()),
      "2. Purpose test: the interests and who benefits",
    );
    expect(tableIn(purpose, "Interest").rows[0]).toEqual([
      "Security monitoring",
      "Detect brute-force attempts and trace incidents.",
      "Accounts protected from takeover; Incidents contained quickly",
      "Users; The controller",
    ]);
    const recognised = purpose.filter((b): b is TableBlock => b.kind === "table")[2];
    expect(recognised?.rows[0]).toEqual([
      "Security monitoring",
      "The controller's own interest; A third party's interest",
      "GDPR Recital 49",
    ]);
    const checks = purpose.filter((b): b is TableBlock => b.kind === "table")[1];
    expect(checks?.rows[1]).toEqual([
      "Product analytics",
      "Yes",
      "Yes",
      "Not answered",
      "Not answered",
    ]);
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

  it("writes a test shared by several interests once, marked with the interests it applies to", () => {
    const assessment = testAssessment();
    const lia = assessment.lia;
    if (!lia?.necessity?.[0] || !lia.balancing?.[0]) throw new Error("fixture changed");
    lia.necessity[1] = { ...lia.necessity[0], interest: "product-analytics" };
    lia.balancing[1] = {
      ...lia.balancing[0],
      interest: "product-analytics",
      reasoning: "Own reasons.",
    };
    const doc = buildLiaDocument(assessment, testContext());
    const necessity = section(doc, "3. Necessity test");
    expect(
      necessity.filter((b) => b.kind === "table" && b.columns[0] === "Alternative"),
    ).toHaveLength(1);
    expect(texts(necessity)).toContain(
      "Applies to: every interest (Security monitoring; Product analytics)",
    );
    const balancing = section(doc, "4. Balancing test");
    expect(
      balancing.filter((b) => b.kind === "table" && b.columns[0] === "Safeguard"),
    ).toHaveLength(1);
    expect(tableIn(balancing, "Interest").rows.map((r) => r[4])).toEqual([
      "Low impact, strong benefit to users.",
      "Own reasons.",
    ]);
  });

  it("shows each safeguard with its kind, additional ones first, and the impact as rated", () => {
    const balancing = section(
      buildLiaDocument(testAssessment(), testContext()),
      "4. Balancing test",
    );
    expect(tableIn(balancing, "Safeguard")).toEqual({
      kind: "table",
      columns: ["Safeguard", "Kind", "Implementation"],
      rows: [
        ["Logs deleted after 90 days", "Additional (beyond the law)", "Nightly job"],
        ["Access restricted to the security team", "Baseline (required by law)", ""],
      ],
    });
    expect(tableIn(balancing, "Impact").rows).toEqual([
      ["Surveillance", "Remote", "Minimal", "Feeling watched"],
    ]);
  });

  it("says so when an interest has no balancing test, or when none is required", () => {
    const missing = section(buildLiaDocument(testAssessment(), testContext()), "4. Balancing test");
    expect(missing).toContainEqual({
      kind: "note",
      tone: "warning",
      text: "No balancing test is recorded for: Product analytics.",
    });
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

  it("shows the ratings as recorded until the engine reports a weighing", () => {
    const balancing = section(
      buildLiaDocument(testAssessment(), testContext()),
      "4. Balancing test",
    );
    expect(texts(balancing).join(" ")).toContain(
      "No computed weighing is available for this assessment.",
    );
  });

  it("tabulates the engine's weighing per interest, with an officer's override and its justification", () => {
    const evaluation = testEvaluation();
    evaluation.weighing = [
      {
        interest: "security-monitoring",
        factors: [
          {
            factor: "children",
            side: "against",
            weight: 3,
            offsetBy: [
              { safeguard: "No profiling", amount: 0.5 },
              {
                safeguard: "no-marketing-to-children",
                amount: 0.5,
                childMeasure: "no-marketing-to-children",
              },
            ],
            residual: 2,
            counts: 2,
            decisive: false,
            path: "activity.dataSubjects[0]",
            refs: [],
            params: { group: "Platform users" },
          },
          {
            factor: "recognised-interest",
            side: "for",
            weight: 4,
            offsetBy: [],
            residual: 4,
            counts: 4,
            decisive: false,
            path: "lia.interests[0]",
            refs: [],
            params: {},
          },
        ],
        against: 2,
        for: 4,
        verdict: "finely-balanced",
        officerConclusion: "not-overridden",
        override: {
          justification: "Logs are kept short.",
          by: "Data Protection Officer",
          on: "2026-02-01",
        },
      },
    ];
    const balancing = section(
      buildLiaDocument(testAssessment(), testContext({ evaluation })),
      "4. Balancing test",
    );
    expect(tableIn(balancing, "Factor").rows).toEqual([
      [
        "Children are among the people concerned: Platform users",
        "Against the interest",
        "3",
        // a measure protecting children in words, never its id
        "No profiling (−0.5); Measure protecting children: no marketing to children (−0.5)",
        "2",
        "2",
        "No",
      ],
      ["An interest the law recognises", "For the interest", "4", "Nothing", "4", "4", "No"],
    ]);
    expect(tableIn(balancing, "Interest", "For").rows).toEqual([
      [
        expect.any(String),
        "4",
        "2",
        "Finely balanced",
        "the people's interests do not override the interest",
      ],
    ]);
    expect(Object.entries(kv(balancing))).toContainEqual([
      expect.stringMatching(/^Officer's override: /),
      "Logs are kept short. (Data Protection Officer, 1 February 2026)",
    ]);
  });

  it("labels each field's transformation and tabulates the prohibited fields under the rule", () => {
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
    expect(tableIn(spec.slice(2), "Field").rows).toEqual([
      ["email", "Not needed to detect attacks"],
      ["request_body", "Not recorded"],
    ]);
    expect(spec[0]).toEqual({
      kind: "note",
      tone: "info",
      text: "No field may be added without a new or updated LIA.",
    });
  });

  it("says so when no prohibited field is recorded", () => {
    const assessment = testAssessment();
    delete assessment.lia?.minimisation?.prohibited;
    const spec = section(
      buildLiaDocument(assessment, testContext()),
      "5. Data-minimisation specification",
    );
    expect(texts(spec)).toContain("None recorded.");
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

  it("prints the assessor's notes in a section of their own, with reference ids turned into titles", () => {
    const assessment = testAssessment();
    assessment.notes = "Out of scope: marketing (gdpr-recital-47).\n\nNot legal advice.";
    const doc = buildLiaDocument(assessment, testContext());
    const notes = section(doc, "9. Notes and remarks on scope");
    expect(texts(notes)).toContain("Out of scope: marketing (GDPR Recital 47).");
    expect(texts(notes)).toContain("Not legal advice.");
    const refs = tableIn(section(doc, "Appendix B. References cited"), "Reference").rows.map(
      (r) => r[0],
    );
    expect(refs).toContain("GDPR Recital 47");
  });

  it("keeps required sign-off roles without a decision in the table as awaiting one", () => {
    const signOff = section(buildLiaDocument(testAssessment(), testContext()), "10. Sign-off");
    expect(tableIn(signOff, "Role").rows).toEqual([
      [
        "Privacy officer",
        "Privacy officer on duty",
        "Approved (as the file states)",
        "18 January 2026",
      ],
      ["Data protection officer", "", "Awaiting decision", ""],
      ["Legal counsel", "", "Awaiting decision", ""],
    ]);
  });

  it("says so in the appendix when the engine found nothing", () => {
    const evaluation = testEvaluation();
    evaluation.findings = [];
    const findings = section(
      buildLiaDocument(testAssessment(), testContext({ evaluation })),
      "Appendix A. Findings",
    );
    expect(findings).toEqual([
      { kind: "paragraph", text: "The rules engine raised no finding on this assessment." },
    ]);
  });

  it("words findings for people: blockers first, field labels not paths, overrides shown", () => {
    const evaluation = testEvaluation();
    evaluation.findings.push(
      testFinding({
        code: "lia-no-objection-route",
        severity: "blocker",
        path: "lia.objection",
        refs: ["gdpr-art-21"],
      }),
      testFinding({
        code: "lia-high-impact",
        path: "lia.balancing[0].impacts",
        override: { justification: "Impact is contained.", by: "Dana Okafor", on: "2026-02-01" },
      }),
    );
    const findings = section(
      buildLiaDocument(testAssessment(), testContext({ evaluation })),
      "Appendix A. Findings",
    );
    expect(tableIn(findings, "Severity").rows).toEqual([
      [
        "Blocker",
        "Message for lia-no-objection-route",
        "LIA — right to object",
        "Fix for lia-no-objection-route",
        "Open",
        "gdpr-art-21",
      ],
      [
        "Warning",
        "Message for lia-balancing-incomplete",
        "LIA — balancing tests",
        "Fix for lia-balancing-incomplete",
        "Open",
        "EDPB Guidelines 1/2024",
      ],
      [
        "Warning (overridden)",
        "Message for lia-high-impact",
        "LIA — Balancing test for 'Security monitoring' — impacts",
        "Fix for lia-high-impact",
        "Overridden by Dana Okafor on 1 February 2026: Impact is contained.",
        "EDPB Guidelines 1/2024",
      ],
    ]);
    for (const row of tableIn(findings, "Severity").rows) expect(row[2]).not.toMatch(/[[\].]\w/);
  });

  it("passes identifiers to the catalogue as the words they stand for", () => {
    const evaluation = testEvaluation();
    const seen: Record<string, unknown>[] = [];
    buildLiaDocument(
      testAssessment(),
      testContext({
        evaluation,
        describe: (f) => {
          seen.push(f.params);
          return { message: "m", fix: "f" };
        },
      }),
    );
    expect(seen).toContainEqual({ interest: "Product analytics" });
  });

  it("cites every reference used anywhere in the document, and marks unknown ones", () => {
    const refs = section(
      buildLiaDocument(testAssessment(), testContext()),
      "Appendix B. References cited",
    );
    expect(tableIn(refs, "Reference").rows).toEqual([
      [
        "EDPB Guidelines 1/2024",
        "Guidelines 1/2024 on processing of personal data based on Article 6(1)(f) GDPR",
        "https://example.org/edpb-1-2024",
      ],
      ["GDPR Recital 47", "Regulation (EU) 2016/679, recital 47", ""],
      ["GDPR Recital 49", "Regulation (EU) 2016/679, recital 49", ""],
      ["cjeu-c-621-22", "Not in the knowledge base", ""],
      ["gdpr-art-21-1", "Not in the knowledge base", ""],
      ["gdpr-art-6-1-a", "Not in the knowledge base", ""],
      ["gdpr-art-6-1-f", "Not in the knowledge base", ""],
      ["ico-legitimate-interests", "Not in the knowledge base", ""],
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
    expect(texts(section(doc, "2. Purpose test: the interests and who benefits"))).toContain(
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
    expect(markdown).toContain("\\[x\\](javascript:alert(1))");
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
