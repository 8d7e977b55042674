/**
 * The lawful-basis assessment: the structure of the template, a summary row per purpose, and
 * the Art. 9 / Art. 8 / consent sections only where they apply.
 */
import { describe, expect, it } from "vitest";
import { testAssessment, testContext } from "../../test/support/render-fixtures.ts";
import type { Assessment } from "../core/schema/index.ts";
import { buildLawfulBasisDocument } from "./lawful-basis-document.ts";
import type { Block, Doc, TableBlock } from "./model.ts";
import { buildNoticeDocument } from "./notice-document.ts";
import { toPlainText } from "./plain-text.ts";

function ctx() {
  const { evaluation, ...rest } = testContext();
  return { ...rest, evaluationOf: () => evaluation };
}

function healthTracker(): Assessment {
  const a = testAssessment();
  return {
    ...a,
    id: "health",
    lia: undefined,
    activity: {
      ...a.activity,
      name: "Symptom tracker",
      purposes: [{ id: "tracking", description: "Track symptoms" }],
      dataCategories: [{ name: "Symptoms", specialCategory: "health" }],
      dataSubjects: [{ name: "App users" }],
    },
    decisions: [
      {
        purpose: "tracking",
        basis: "consent",
        specialCategory: { condition: "a", justification: "Optional feature." },
        consent: { freelyGiven: true, specific: true, explicit: true },
      },
    ],
  } as Assessment;
}

const headings = (doc: Doc) => doc.blocks.flatMap((b) => (b.kind === "heading" ? [b.text] : []));
const summary = (doc: Doc) =>
  doc.blocks.find(
    (b): b is TableBlock =>
      b.kind === "table" &&
      b.columns[0] === "Processing activity" &&
      b.columns[1] === "Art. 6 lawful basis",
  );

describe("buildLawfulBasisDocument", () => {
  it("follows the template: purpose, activities, summary, review, sign-off, versions, findings", () => {
    const doc = buildLawfulBasisDocument([testAssessment(), healthTracker()], ctx());
    expect(headings(doc).filter((h) => /^\d\. /.test(h))).toEqual([
      "1. Purpose and regulatory basis",
      "2. Processing activities",
      "3. Lawful basis summary",
      "4. Review",
      "5. Approval and sign-off",
      "6. Version history",
      "7. Open findings",
    ]);
    expect(headings(doc)).toContain("2.2 Symptom tracker");
  });

  it("has one summary row per purpose, saying when consent or an LIA is required", () => {
    const rows = summary(
      buildLawfulBasisDocument([testAssessment(), healthTracker()], ctx()),
    )?.rows;
    expect(rows).toEqual([
      [
        "Web platform logging: Detect and investigate unauthorised access",
        "Legitimate interests (Art. 6(1)(f))",
        "N/A",
        "No",
        "Yes",
      ],
      [
        "Web platform logging: Understand which features are used",
        "Legitimate interests (Art. 6(1)(f))",
        "N/A",
        "No",
        "Yes",
      ],
      [
        "Web platform logging: Send the monthly product newsletter",
        "Consent (Art. 6(1)(a))",
        "N/A",
        "Yes",
        "No",
      ],
      [
        "Symptom tracker",
        "Consent (Art. 6(1)(a))",
        "Explicit consent (Art. 9(2)(a))",
        "Yes (explicit)",
        "No",
      ],
    ]);
  });

  it("adds the Art. 9 section and the explicit-consent line only for special-category data", () => {
    const texts = (blocks: Block[]) => JSON.stringify(blocks);
    const withHealth = buildLawfulBasisDocument([healthTracker()], ctx());
    const without = buildLawfulBasisDocument([testAssessment()], ctx());
    expect(headings(withHealth)).toContain("Special category data (Art. 9)");
    expect(texts(withHealth.blocks)).toContain("Explicit (an express statement, Art. 9(2)(a))");
    expect(headings(without)).not.toContain("Special category data (Art. 9)");
    expect(headings(without)).toContain("Children's data (Art. 8)"); // its users include children
  });
});

describe("buildNoticeDocument", () => {
  it("states each legitimate interest for the privacy notice, and nothing for consent", () => {
    const text = toPlainText(buildNoticeDocument([testAssessment()], { today: "2026-02-01" }));
    expect(text).toContain("Our interest: Security monitoring. Detect brute-force attempts");
    expect(text).toContain("Detect and investigate unauthorised access");
    expect(text).not.toContain("Send the monthly product newsletter");
    expect(text).toContain("How we balanced our interests against yours");
  });
});
