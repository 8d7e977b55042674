/**
 * The lawful-basis assessment: the structure of the template, a summary row per purpose, and
 * the Art. 9 / Art. 8 / consent sections only where they apply.
 */
import { describe, expect, it } from "vitest";
import { anAssessment } from "../../test/builders.ts";
import { testAssessment, testContext } from "../../test/support/render-fixtures.ts";
import { evaluate } from "../core/evaluate.ts";
import { describeFinding } from "../core/messages/en.ts";
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
      "4. Changing a lawful basis",
      "5. Record of processing activities",
      "6. Review",
      "7. Approval and sign-off",
      "8. Version history",
      "9. Findings",
    ]);
    expect(headings(doc)).toContain("2.2 Symptom tracker");
    expect(headings(doc).at(-1)).toBe("References cited");
  });

  it("keeps document control: version, status, owner, related documents and the annexed LIA", () => {
    const doc = buildLawfulBasisDocument([testAssessment(), healthTracker()], ctx());
    const meta = Object.fromEntries(doc.meta);
    expect(meta).toMatchObject({
      Status: "Draft",
      Owner: "Privacy team",
      "Related documents": "Legitimate Interests Assessment: Web platform logging (Annex A1)",
    });
    expect(meta.Version).toContain("Web platform logging: 1.1 (as the file states it)");
    expect(headings(doc)).toContain(
      "Annex A1. Legitimate Interests Assessment: Web platform logging",
    );
    expect(headings(doc)).toContain("A1.3 Balancing test");
    // An activity without an LIA gets none: no empty LIA concluding "Appropriate".
    expect(headings(doc).filter((h) => h.startsWith("Annex"))).toHaveLength(1);
  });

  it("opens with a summary per activity and takes version, status and approvers from the record", () => {
    const record = {
      version: 4,
      status: "approved",
      date: "2026-02-02",
      decisions: [
        {
          role: "dpo" as const,
          name: "Dana Okafor",
          decision: "approved" as const,
          date: "2026-02-02",
        },
      ],
    };
    const doc = buildLawfulBasisDocument([testAssessment()], { ...ctx(), recordOf: () => record });
    expect(headings(doc)[0]).toBe("Summary");
    const first = doc.blocks.find((b): b is TableBlock => b.kind === "table");
    expect(first?.rows[0]).toEqual([
      "Web platform logging",
      "Legitimate interests (Art. 6(1)(f)); Consent (Art. 6(1)(a))",
      "Incomplete",
      "None",
      "Approved",
      "Dana Okafor (Data protection officer), 2 February 2026",
      "15 January 2027",
    ]);
    expect(Object.fromEntries(doc.meta).Version).toBe(
      "4 (the file calls it 1.1), Approved since 2 February 2026",
    );
  });

  it("gives every Art. 30(1) item of the record and says for which activity it is missing", () => {
    const doc = buildLawfulBasisDocument([testAssessment(), healthTracker()], ctx());
    const table = doc.blocks.find(
      (b): b is TableBlock => b.kind === "table" && b.columns[0] === "Item",
    );
    expect(table?.rows.find((r) => r[0] === "Categories of recipients")).toEqual([
      "Categories of recipients",
      "No",
      "Web platform logging; Symptom tracker",
    ]);
    expect(table?.rows.find((r) => r[0] === "Purposes of the processing")?.[1]).toBe("Yes");
  });

  it("keeps a balance the facts tip against in the findings, marked overridden with the officer's justification", () => {
    const a = anAssessment()
      .with((x) => {
        x.activity.scale = "very-large";
        x.activity.characteristics = {
          profiling: true,
          combinesSources: true,
          tracksAcrossSites: true,
        };
        const b = x.lia?.balancing?.[0];
        if (b)
          b.override = {
            justification: "Tracking runs only on our own sites under a joint arrangement.",
            by: "DPO",
            on: "2026-03-02",
          };
      })
      .build();
    const evaluation = evaluate(a, { today: "2026-06-01" });
    const doc = buildLawfulBasisDocument([a], {
      ...ctx(),
      evaluationOf: () => evaluation,
      describe: describeFinding,
    });
    const findings = doc.blocks.find(
      (b): b is TableBlock => b.kind === "table" && b.columns.at(-1) === "Override",
    );
    const row = findings?.rows.find((r) => r[2]?.startsWith("Weighed on the facts recorded"));
    expect(row?.[1]).toBe("Warning (overridden)");
    expect(row?.[5]).toBe(
      "Overridden by DPO on 2 March 2026: Tracking runs only on our own sites under a joint arrangement.",
    );
    // Without the justification the same finding blocks, and no override is shown.
    const bare = anAssessment()
      .with((x) => {
        x.activity.scale = "very-large";
        x.activity.characteristics = {
          profiling: true,
          combinesSources: true,
          tracksAcrossSites: true,
        };
      })
      .build();
    const open = buildLawfulBasisDocument([bare], {
      ...ctx(),
      evaluationOf: () => evaluate(bare, { today: "2026-06-01" }),
      describe: describeFinding,
    }).blocks.find(
      (b): b is TableBlock =>
        b.kind === "table" && b.columns[0] === "Processing activity" && b.columns[2] === "Finding",
    );
    const openRow = open?.rows.find((r) => r[2]?.startsWith("Weighed on the facts recorded"));
    expect(openRow?.[1]).toBe("Blocker");
    expect(open?.columns).not.toContain("Override");
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
    const checklist = withHealth.blocks.find(
      (b): b is TableBlock => b.kind === "table" && b.columns[0] === "Art. 9(2) condition",
    );
    expect(checklist?.rows).toHaveLength(10);
    expect(checklist?.rows.filter((r) => r[1] === "Yes")).toEqual([
      ["Explicit consent (Art. 9(2)(a))", "Yes"],
    ]);
    expect(headings(without)).not.toContain("Special category data (Art. 9)");
  });

  it("shows the Art. 8 block only where a child's consent is relied on", () => {
    // The test assessment's users include children; its newsletter relies on consent.
    const doc = buildLawfulBasisDocument([testAssessment()], ctx());
    expect(headings(doc).filter((h) => h === "Children's data (Art. 8)")).toHaveLength(1);
    const noConsent = testAssessment();
    noConsent.decisions = noConsent.decisions.filter((d) => d.basis !== "consent");
    noConsent.activity.purposes = noConsent.activity.purposes.filter((p) => p.id !== "newsletter");
    const without = buildLawfulBasisDocument([noConsent], ctx());
    expect(headings(without)).not.toContain("Children's data (Art. 8)");
    expect(JSON.stringify(without.blocks)).toContain("no child's consent is relied on");
  });
});

describe("buildNoticeDocument", () => {
  it("states every purpose with its basis, and each legitimate interest", () => {
    const text = toPlainText(buildNoticeDocument([testAssessment()], { today: "2026-02-01" }));
    expect(text).toContain("Our interest: Security monitoring. Detect brute-force attempts");
    expect(text).toContain("Detect and investigate unauthorised access");
    expect(text).toContain("Send the monthly product newsletter");
    expect(text).toContain("Why we may: your consent (Article 6(1)(a) of the UK GDPR)");
    expect(text).toContain("How we weighed our interests against yours");
    expect(text).toContain("Information Commissioner's Office");
  });

  it("uses the EU wording on an EU notice: no UK recognised legitimate interests, no ICO", () => {
    const eu = testAssessment();
    eu.organisation = { name: "Example SA", jurisdiction: "EU" };
    const text = toPlainText(buildNoticeDocument([eu], { today: "2026-02-01" }));
    expect(text).toContain("Article 6(1)(f) of the GDPR");
    expect(text).not.toMatch(/recognised legitimate interest|UK GDPR|Information Commissioner/);
  });
});
