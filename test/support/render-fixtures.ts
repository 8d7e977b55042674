/**
 * @module test/support/render-fixtures
 * Fixtures for renderer tests: a small, complete assessment (security logging and product
 * analytics, with a consent-based newsletter as the exclusion), a hand-built evaluation of it,
 * and a reader of GFM table shapes. Each call returns fresh objects, so a test may change them.
 */
import type { Evaluation, Finding } from "../../src/core/rules/types.ts";
import type { Assessment } from "../../src/core/schema/index.ts";
import type { LiaDocumentContext, ReferenceEntry } from "../../src/render/lia-document.ts";

/** A valid assessment exercising every part of the LIA document. */
export function testAssessment(): Assessment {
  return {
    format: "basis/v1",
    kind: "assessment",
    id: "web-platform-logging",
    title: "Security logging and product analytics",
    version: "1.1",
    status: "in_review",
    assessedOn: "2026-01-15",
    author: "Privacy team",
    organisation: { name: "Example Learning Ltd", jurisdiction: "UK", country: "GB" },
    activity: {
      name: "Web platform logging",
      description: "Request logs and product events from the learning platform.",
      purposes: [
        { id: "security", description: "Detect and investigate unauthorised access" },
        { id: "analytics", description: "Understand which features are used" },
        { id: "newsletter", description: "Send the monthly product newsletter" },
      ],
      dataCategories: [
        { name: "IP address" },
        { name: "Account identifier" },
        { name: "Email address" },
      ],
      dataSubjects: [{ name: "Platform users", children: true, youngestAge: 13 }],
      retention: "90 days for raw logs",
    },
    decisions: [
      { purpose: "security", basis: "legitimate-interests", interests: ["security-monitoring"] },
      { purpose: "analytics", basis: "legitimate-interests", interests: ["product-analytics"] },
      {
        purpose: "newsletter",
        basis: "consent",
        justification: "Electronic marketing needs consent under PECR regulation 22.",
      },
    ],
    lia: {
      interests: [
        {
          id: "security-monitoring",
          title: "Security monitoring",
          description: "Detect brute-force attempts and trace incidents.",
          benefits: ["Accounts protected from takeover", "Incidents contained quickly"],
          beneficiaries: ["Users", "The controller"],
          kind: ["controller", "third-party"],
          recognisedBy: ["gdpr-recital-49"],
          checks: { lawful: true, specific: true, realAndPresent: true },
          statedInPrivacyNotice: true,
        },
        {
          id: "product-analytics",
          title: "Product analytics",
          description: "Count feature use to decide what to build.",
          kind: ["controller"],
          recognisedBy: ["gdpr-recital-47", "cjeu-c-621-22"],
          checks: { lawful: true, specific: true },
        },
      ],
      necessity: [
        {
          interest: "security-monitoring",
          processing: "Log IP address, timestamp and authentication events.",
          whyNecessary: ["Brute-force attacks cannot be detected without login logs."],
          alternatives: [
            {
              alternative: "Aggregate counts only",
              assessment: "Cannot trace a specific incident",
              rejectedBecause: "Loses the ability to contain an account takeover",
              evidence: "Incident review 2025-07",
            },
          ],
          minimisation: ["IPv4 addresses truncated to /24 after 7 days"],
          necessary: true,
        },
        {
          interest: "product-analytics",
          processing: "Record feature events with a pseudonymous identifier.",
          necessary: true,
        },
      ],
      balancing: [
        {
          interest: "security-monitoring",
          natureOfData: [
            { element: "IP address", sensitivity: "moderate", assessment: "Truncated" },
          ],
          reasonableExpectations: {
            relationship: "Account holders",
            whatTheyWereTold: "Privacy notice, security section",
            expected: "yes",
          },
          impacts: [
            {
              kind: "Surveillance",
              description: "Feeling watched",
              likelihood: "remote",
              severity: "minimal",
            },
          ],
          safeguards: [
            { measure: "Access restricted to the security team", kind: "baseline" },
            {
              measure: "Logs deleted after 90 days",
              implementation: "Nightly job",
              kind: "additional",
            },
          ],
          optOut: { available: false, reason: "Security logging protects every account" },
          childrenConsidered: "No profiling; logs are never used to assess a child.",
          interestWeight: "high",
          impactLevel: "low",
          overridden: false,
          reasoning: "Low impact, strong benefit to users.",
        },
      ],
      minimisation: {
        fields: [
          {
            name: "ip_address",
            type: "string",
            purpose: "Detect attacks",
            retention: "90 days",
            transformation: "ipv4-truncate-24",
          },
          {
            name: "user_agent",
            type: "string",
            purpose: "Spot bots",
            retentionDays: 30,
            transformation: "user-agent-browser-major",
          },
        ],
        prohibited: [
          { name: "email", reason: "Not needed to detect attacks" },
          { name: "request_body" },
        ],
        rule: "No field may be added without a new or updated LIA.",
      },
      objection: {
        route: "Email the privacy team",
        responseDays: 28,
        outcomeIfUpheld: "Processing stops for that person",
      },
      conclusion: {
        summary: "Legitimate interests can be relied on with the safeguards above.",
        conditions: ["Keep the 90-day deletion job running"],
        decidedBy: "Data protection officer",
        decidedOn: "2026-01-20",
      },
    },
    review: {
      cadenceMonths: 12,
      nextReview: "2027-01-15",
      owner: "Privacy team",
      triggers: ["A new field is logged", "An objection is upheld"],
      history: [{ date: "2026-01-15", by: "Privacy team", summary: "First assessment" }],
    },
    signOff: {
      required: ["privacy-officer", "dpo", "legal-counsel"],
      records: [
        {
          role: "privacy-officer",
          name: "Privacy officer on duty",
          decision: "approved",
          date: "2026-01-18",
        },
      ],
    },
    history: [
      { version: "1.0", date: "2026-01-15", changes: "First version", author: "Privacy team" },
      { version: "1.1", date: "2026-01-18", changes: "Added user agent field" },
    ],
  };
}

/** A finding of the engine, as the tests want it. */
export function testFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    code: "lia-balancing-incomplete",
    severity: "warning",
    effect: "incomplete",
    path: "lia.balancing",
    refs: ["edpb-guidelines-1-2024"],
    params: { interest: "product-analytics" },
    ...overrides,
  };
}

/** A hand-built evaluation of `testAssessment()`: analytics lacks its balancing test. */
export function testEvaluation(): Evaluation {
  return {
    outcome: "incomplete",
    findings: [testFinding()],
    trace: {
      decidedBy: [
        { code: "lia-balancing-incomplete", path: "lia.balancing", effect: "incomplete" },
      ],
      conditions: ["Keep the 90-day deletion job running"],
      wouldChange: [],
      decisions: [
        {
          purpose: "security",
          basis: "legitimate-interests",
          outcome: "appropriate",
          merits: "stands",
        },
        {
          purpose: "analytics",
          basis: "legitimate-interests",
          outcome: "incomplete",
          merits: "stands",
        },
        { purpose: "newsletter", basis: "consent", outcome: "appropriate", merits: "stands" },
      ],
      interests: [
        {
          interest: "security-monitoring",
          purposeTest: "met",
          necessity: "met",
          balancing: "met",
          outcome: "appropriate",
        },
        {
          interest: "product-analytics",
          purposeTest: "incomplete",
          necessity: "met",
          balancing: "incomplete",
          outcome: "incomplete",
        },
      ],
      // As the engine reports it for testAssessment(): the review date the file states.
      facts: { nextReview: "2027-01-15" },
    },
    weighing: [],
    dpia: { screening: { verdict: "not-needed", criteria: [] } },
  };
}

const REFERENCES: Readonly<Record<string, ReferenceEntry>> = {
  "gdpr-recital-47": { title: "GDPR Recital 47", citation: "Regulation (EU) 2016/679, recital 47" },
  "gdpr-recital-49": { title: "GDPR Recital 49", citation: "Regulation (EU) 2016/679, recital 49" },
  "edpb-guidelines-1-2024": {
    title: "EDPB Guidelines 1/2024",
    citation: "Guidelines 1/2024 on processing of personal data based on Article 6(1)(f) GDPR",
    url: "https://example.org/edpb-1-2024",
  },
};

/** The document context for tests: this evaluation, a plain catalogue, a tiny knowledge base. */
export function testContext(overrides: Partial<LiaDocumentContext> = {}): LiaDocumentContext {
  return {
    evaluation: testEvaluation(),
    describe: (f) => ({ message: `Message for ${f.code}`, fix: `Fix for ${f.code}` }),
    reference: (id) => REFERENCES[id],
    today: "2026-02-01",
    ...overrides,
  };
}

/**
 * The shape of every GFM table in a Markdown text: for each table, the number of cells in
 * each row (header and delimiter rows included). Reads rows as GFM does: a `|` directly after
 * a backslash is part of the cell, any other `|` separates cells.
 */
export function tableShapes(markdown: string): number[][] {
  const tables: number[][] = [];
  let current: number[] | undefined;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) {
      current = undefined;
      continue;
    }
    if (!current) {
      current = [];
      tables.push(current);
    }
    const pipes = line.split("").filter((c, i) => c === "|" && line[i - 1] !== "\\").length;
    current.push(pipes - 1);
  }
  return tables;
}
