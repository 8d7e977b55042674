/**
 * Generated assessments for benchmarks: a complete LIA with N interests, each with its own
 * necessity and balancing test, varied by a seed so no two are the same object.
 */
import type { Assessment } from "../src/core/schema/index.ts";

export function generatedLia(interests: number, seed: number): Assessment {
  const ids = Array.from({ length: interests }, (_, i) => `interest-${seed}-${i}`);
  return {
    format: "basis/v1",
    kind: "assessment",
    id: `bench-${seed}`,
    title: `Generated assessment ${seed}`,
    assessedOn: "2026-03-01",
    organisation: { name: "Bench Ltd", jurisdiction: seed % 2 === 0 ? "EU" : "UK", country: "IE" },
    activity: {
      name: `Activity ${seed}`,
      description: "Generated for benchmarking the rules engine.",
      purposes: ids.map((id) => ({ id, description: `Purpose for ${id}` })),
      dataCategories: [{ name: "IP address" }, { name: "Account id" }, { name: "Event" }],
      dataSubjects: [{ name: "Customers", children: seed % 3 === 0, youngestAge: 13 }],
      transfers: [{ destination: "United States", mechanism: "standard-contractual-clauses" }],
      dpiaIndicators: ["large-scale"],
    },
    decisions: ids.map((id) => ({
      purpose: id,
      basis: "legitimate-interests" as const,
      justification: "Generated justification.",
      alternatives: [{ basis: "consent" as const, rejectedBecause: "Generated." }],
      necessity: { necessary: true },
      interests: [id],
    })),
    lia: {
      interests: ids.map((id) => ({
        id,
        title: `Interest ${id}`,
        recognisedBy: ["gdpr-recital-47"],
        checks: { lawful: true, specific: true, realAndPresent: true },
        statedInPrivacyNotice: true,
      })),
      necessity: ids.map((id) => ({
        interest: id,
        alternatives: [{ alternative: "Aggregate only", rejectedBecause: "Too coarse" }],
        necessary: true,
      })),
      balancing: ids.map((id, i) => ({
        interest: id,
        natureOfData: [{ element: "IP", sensitivity: "low" as const }],
        reasonableExpectations: { expected: "yes" as const },
        impacts: [
          { kind: "Surveillance", likelihood: "remote" as const, severity: "minimal" as const },
        ],
        safeguards: [
          { measure: "Truncation", kind: "additional" as const },
          { measure: "Access control", kind: "baseline" as const },
        ],
        childrenConsidered: "Generated.",
        overridden: i === seed % interests && seed % 7 === 0,
      })),
      minimisation: {
        fields: Array.from({ length: 12 }, (_, i) => ({
          name: `field_${i}`,
          purpose: "x",
          retention: "90 days",
        })),
        prohibited: [{ name: "email" }],
      },
      objection: { route: "Email" },
      conclusion: { decidedBy: "DPO", decidedOn: "2026-03-01" },
    },
  };
}
