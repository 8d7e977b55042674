/**
 * @module core/rules/context
 * What every rule needs to look at an assessment: lookup tables built once, the jurisdiction
 * profile, today's date, and `emit` to raise a finding with its registry metadata.
 */
import { ageOfDigitalConsent } from "../law/art8-ages.ts";
import type { Assessment, BasisDecision, Interest } from "../schema/index.ts";
import { RULES, type RuleCode, ruleRefs } from "./registry.ts";
import type { Finding } from "./types.ts";

/** UK GDPR Art. 6(1)(ea) and most DUAA 2025 changes to the UK GDPR commenced on this day. */
export const UK_DUAA_COMMENCEMENT = "2026-02-05";

export interface RuleContext {
  a: Assessment;
  today: string;
  jurisdiction: "EU" | "UK";
  /** UK profile in force on `today` (recognised LI, Arts. 22A–22D). */
  ukReformInForce: boolean;
  knownRefs: ReadonlySet<string> | undefined;
  purposeIds: Set<string>;
  interestIndex: Map<string, number>;
  /** Interest id -> indexes of decisions that rely on it, by basis. */
  liInterests: Set<string>;
  rliInterests: Set<string>;
  hasChildren: boolean;
  hasVulnerable: boolean;
  art8: { age: number; source: string };
  findings: Finding[];
  emit(code: RuleCode, path: string, params?: Record<string, string | number>): void;
}

export const LI_BASES = new Set(["legitimate-interests", "recognised-legitimate-interest"]);

export function buildContext(
  a: Assessment,
  today: string,
  knownRefs: ReadonlySet<string> | undefined,
): RuleContext {
  const jurisdiction = a.organisation.jurisdiction;
  const interestIndex = new Map<string, number>();
  a.lia?.interests.forEach((interest, i) => {
    if (!interestIndex.has(interest.id)) interestIndex.set(interest.id, i);
  });
  const liInterests = new Set<string>();
  const rliInterests = new Set<string>();
  for (const d of a.decisions) {
    for (const id of d.interests ?? []) {
      if (d.basis === "legitimate-interests") liInterests.add(id);
      if (d.basis === "recognised-legitimate-interest") rliInterests.add(id);
    }
  }
  const findings: Finding[] = [];
  return {
    a,
    today,
    jurisdiction,
    ukReformInForce: jurisdiction === "UK" && today >= UK_DUAA_COMMENCEMENT,
    knownRefs,
    purposeIds: new Set(a.activity.purposes.map((p) => p.id)),
    interestIndex,
    liInterests,
    rliInterests,
    hasChildren: a.activity.dataSubjects.some((s) => s.children === true),
    hasVulnerable: a.activity.dataSubjects.some((s) => s.vulnerable === true),
    art8: strictestAge(a, jurisdiction),
    findings,
    emit(code, path, params = {}) {
      const meta = RULES[code];
      findings.push({
        code,
        severity: meta.severity,
        effect: meta.effect,
        path,
        refs: ruleRefs(code, jurisdiction, jurisdiction === "UK" && today >= UK_DUAA_COMMENCEMENT),
        params,
      });
    },
  };
}

/**
 * The Art. 8 age that applies: the controller's country, raised to the highest age of any
 * country where a group containing children is reached (a service offered in several member
 * states must meet each one's age; EDPB Guidelines 05/2020).
 */
function strictestAge(a: Assessment, jurisdiction: "EU" | "UK"): { age: number; source: string } {
  let best = ageOfDigitalConsent(jurisdiction, a.organisation.country);
  if (jurisdiction !== "EU") return best;
  for (const g of a.activity.dataSubjects) {
    if (g.children !== true) continue;
    for (const c of g.countries ?? []) {
      const candidate = ageOfDigitalConsent("EU", c);
      if (candidate.age > best.age) best = candidate;
    }
  }
  return best;
}

/** Data categories a purpose uses: those naming it, plus those naming no purpose at all. */
export function categoriesFor(a: Assessment, purpose: string) {
  return a.activity.dataCategories.filter(
    (c) => c.purposes === undefined || c.purposes.includes(purpose),
  );
}

export function decisionPath(i: number): string {
  return `decisions[${i}]`;
}

/** Interests a decision relies on that exist in the LIA, with their index. */
export function linkedInterests(
  ctx: RuleContext,
  d: BasisDecision,
): { interest: Interest; index: number }[] {
  const out: { interest: Interest; index: number }[] = [];
  for (const id of d.interests ?? []) {
    const index = ctx.interestIndex.get(id);
    const interest = index === undefined ? undefined : ctx.a.lia?.interests[index];
    if (interest && index !== undefined) out.push({ interest, index });
  }
  return out;
}

/** True when a string is present and not blank. */
export function given(value: string | undefined | null): value is string {
  return typeof value === "string" && value.trim() !== "";
}
