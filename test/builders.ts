/**
 * Test builders: a complete, clean assessment relying on legitimate interests, which each test
 * changes in the one place it is about. `anAssessment().with((a) => ...).build()`.
 */
import { Assessment } from "../src/core/schema/index.ts";

export function cleanLiAssessment(): Assessment {
  return {
    format: "basis/v1",
    kind: "assessment",
    id: "web-security",
    title: "Security logging for the customer portal",
    version: "1.0",
    assessedOn: "2026-03-01",
    organisation: { name: "Example Controller Ltd", jurisdiction: "EU", country: "IE" },
    activity: {
      name: "Portal security logging",
      description: "Login and access events are logged to detect attacks on customer accounts.",
      purposes: [
        {
          id: "security",
          description: "Detect and stop attacks on customer accounts",
          category: "security",
        },
      ],
      dataCategories: [{ name: "IP address (truncated)" }, { name: "Account id" }],
      dataSubjects: [{ name: "Customers using the portal" }],
      retention: "90 days",
    },
    decisions: [
      {
        purpose: "security",
        basis: "legitimate-interests",
        justification: "Protecting accounts is a recognised interest and the logging is limited.",
        alternatives: [
          { basis: "consent", rejectedBecause: "Attackers would simply refuse consent." },
        ],
        necessity: {
          necessary: true,
          explanation: "Attacks cannot be detected without login events.",
        },
        interests: ["account-security"],
      },
    ],
    lia: {
      interests: [
        {
          id: "account-security",
          title: "Keeping customer accounts secure",
          description: "Detect credential stuffing and account takeover.",
          benefits: ["Fewer compromised accounts"],
          beneficiaries: ["Customers", "The controller"],
          kind: ["controller", "third-party"],
          recognisedBy: ["gdpr-recital-49"],
          checks: { lawful: true, specific: true, realAndPresent: true },
          statedInPrivacyNotice: true,
        },
      ],
      necessity: [
        {
          interest: "account-security",
          processing: "Login events with truncated IP",
          whyNecessary: ["Brute-force attempts are visible only in login events"],
          alternatives: [
            {
              alternative: "Aggregate counts only",
              rejectedBecause: "Cannot tell which account is attacked",
              rejectedFor: ["ineffective"],
            },
          ],
          minimisation: ["IPv4 truncated to /24 at ingest"],
          necessary: true,
        },
      ],
      balancing: [
        {
          interest: "account-security",
          natureOfData: [{ element: "Truncated IP", sensitivity: "low" }],
          reasonableExpectations: { relationship: "Customers", expected: "yes" },
          impacts: [{ kind: "Surveillance", likelihood: "remote", severity: "minimal" }],
          safeguards: [
            { measure: "Access limited to the security team", kind: "baseline" },
            { measure: "IP truncated at ingest", kind: "additional" },
          ],
          optOut: {
            available: false,
            reason: "Security logging cannot be switched off per person.",
          },
          interestWeight: "high",
          impactLevel: "low",
          overridden: false,
          reasoning: "Low impact, strong benefit to the same people.",
        },
      ],
      minimisation: {
        fields: [
          {
            name: "ip_address",
            type: "IPv4 /24",
            purpose: "Spot attack sources",
            retention: "90 days",
            retentionDays: 90,
            transformation: "ipv4-truncate-24",
          },
          {
            name: "account_id",
            type: "UUID",
            purpose: "Which account is attacked",
            retention: "90 days",
            retentionDays: 90,
          },
        ],
        prohibited: [{ name: "password" }],
      },
      objection: { route: "Email the privacy team", responseDays: 28 },
      conclusion: { decidedBy: "Data Protection Officer", decidedOn: "2026-03-01" },
    },
    review: { cadenceMonths: 12 },
  };
}

export class AssessmentBuilder {
  private value: Assessment;
  constructor(base: Assessment = cleanLiAssessment()) {
    this.value = structuredClone(base);
  }
  with(change: (a: Assessment) => void): this {
    change(this.value);
    return this;
  }
  build(): Assessment {
    return Assessment.parse(structuredClone(this.value));
  }
}

export const anAssessment = (base?: Assessment) => new AssessmentBuilder(base);
