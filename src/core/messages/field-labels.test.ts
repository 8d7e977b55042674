import { describe, expect, it } from "vitest";
import type { Assessment } from "../schema/index.ts";
import { fieldLabel, pathSegments, replaceFieldPaths } from "./field-labels.ts";

const assessment = {
  format: "basis/v1",
  kind: "assessment",
  id: "fraud",
  title: "Fraud detection",
  organisation: { name: "Example Ltd", jurisdiction: "EU" },
  activity: {
    name: "Fraud detection and prevention",
    description: "Transactions are screened for fraud.",
    purposes: [
      { id: "fraud-prevention", description: "Fraud detection" },
      {
        id: "loss",
        description:
          "Prevention of financial loss for the business, its customers and the banks that settle their card payments",
      },
    ],
    dataCategories: [{ name: "IP address" }],
    dataSubjects: [{ name: "Customers" }],
  },
  decisions: [
    { purpose: "fraud-prevention", basis: "legitimate-interests", interests: ["fraud"] },
    { purpose: "loss", basis: "legitimate-interests" },
  ],
  lia: {
    interests: [{ id: "fraud", title: "Protecting users from fraud" }],
    balancing: [{ interest: "fraud" }],
    necessity: [{ interest: "fraud" }],
    minimisation: { fields: [{ name: "ip_address" }] },
  },
} satisfies Assessment;

describe("fieldLabel", () => {
  it("names a basis decision by the purpose it is for", () => {
    expect(fieldLabel("decisions[0].basis", assessment)).toBe(
      "Basis decision for purpose 'Fraud detection' — lawful basis",
    );
  });

  it("shortens a long purpose at a word boundary", () => {
    expect(fieldLabel("decisions[1].justification", assessment)).toBe(
      "Basis decision for purpose 'Prevention of financial loss for the business, its…' — justification",
    );
  });

  it("names LIA tests by the interest they weigh and fields by their name", () => {
    expect(fieldLabel("lia.balancing[0].safeguards", assessment)).toBe(
      "LIA — Balancing test for 'Protecting users from fraud' — safeguards",
    );
    expect(fieldLabel("lia.necessity[0].alternatives[1].rejectedBecause", assessment)).toBe(
      "LIA — Necessity test for 'Protecting users from fraud' — less intrusive alternatives, no. 2 — why rejected",
    );
    expect(fieldLabel("lia.minimisation.fields[0].retention", assessment)).toBe(
      "LIA — data-minimisation specification — Field 'ip_address' — retention",
    );
    expect(fieldLabel("lia.interests[0].checks.realAndPresent", assessment)).toBe(
      "LIA — Interest 'Protecting users from fraud' — legitimacy checks — real and present",
    );
  });

  it("reads the editor's dotted paths the same way as bracketed ones", () => {
    expect(fieldLabel("lia.interests.0.checks.lawful", assessment)).toBe(
      fieldLabel("lia.interests[0].checks.lawful", assessment),
    );
  });

  it("numbers list items when no assessment is given", () => {
    expect(fieldLabel("decisions[2].consent.freelyGiven")).toBe(
      "Basis decision 3 — consent checklist — freely given",
    );
    expect(fieldLabel("activity.dataCategories[0].specialCategory")).toBe(
      "Processing activity — Data category 1 — special category",
    );
  });

  it("labels top-level facts and names the whole assessment for an empty path", () => {
    expect(fieldLabel("review.nextReview")).toBe("Review — next review date");
    expect(fieldLabel("organisation.name")).toBe("Controller — name");
    expect(fieldLabel("assessedOn")).toBe("Assessment date");
    expect(fieldLabel("")).toBe("The assessment as a whole");
  });

  it("never returns brackets, dotted paths or camel-case names, even for unknown properties", () => {
    const paths = [
      "decisions[0].basis",
      "lia.balancing[3].someNewFact",
      "activity.transfers[0].mechanism",
      "x.y[2].zedQuux",
      "lia.balancing[0].impacts[1].likelihood",
    ];
    for (const path of paths) {
      for (const label of [fieldLabel(path), fieldLabel(path, assessment)]) {
        expect(label).not.toMatch(/[[\]]|\w\.\w|[a-z][A-Z]/);
      }
    }
    expect(fieldLabel("lia.balancing[3].someNewFact")).toBe(
      "LIA — Balancing test 4 — some new fact",
    );
  });
});

describe("pathSegments", () => {
  it("splits bracketed and dotted positions alike", () => {
    expect(pathSegments("lia.balancing[2].impacts[0]")).toEqual([
      "lia",
      "balancing",
      2,
      "impacts",
      0,
    ]);
    expect(pathSegments("lia.balancing.2.impacts.0")).toEqual([
      "lia",
      "balancing",
      2,
      "impacts",
      0,
    ]);
  });
});

describe("replaceFieldPaths", () => {
  it("puts the paths a sentence mentions in words, and leaves other dotted text alone", () => {
    expect(
      replaceFieldPaths(
        "Set organisation.name to the controller's legal name, e.g. as registered.",
        assessment,
      ),
    ).toBe(`Set "Controller — name" to the controller's legal name, e.g. as registered.`);
    expect(replaceFieldPaths("Answer necessity.necessary for decisions[0].", assessment)).toBe(
      `Answer "necessity — necessary" for "Basis decision for purpose 'Fraud detection'".`,
    );
    expect(replaceFieldPaths("See https://example.org/lia.interests for more.")).toBe(
      "See https://example.org/lia.interests for more.",
    );
  });
});
