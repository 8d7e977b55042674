/**
 * @module core/rules/context
 * What every rule needs to look at an assessment: lookup tables built once, the jurisdiction
 * profile, today's date, and `emit` to raise a finding with its registry metadata.
 */
import { ageOfDigitalConsent } from "../law/art8-ages.ts";
import type {
  Assessment,
  BasisDecision,
  DataSubjectGroup,
  Interest,
  PurposeCategory,
} from "../schema/index.ts";
import { RULES, type RuleCode, type RuleMeta, ruleRefs } from "./registry.ts";
import type { Finding, InterestWeighing, Override } from "./types.ts";

/** UK GDPR Art. 6(1)(ea) and most DUAA 2025 changes to the UK GDPR commenced on this day. */
export const UK_DUAA_COMMENCEMENT = "2026-02-05";

/** The EU GDPR applied in the UK until the end of the transition period, 31 December 2020. */
export const UK_GDPR_FROM = "2021-01-01";

export interface RuleContext {
  a: Assessment;
  today: string;
  /**
   * The profile the assessment is judged on: the organisation's, except that a UK assessment
   * dated before 2021 is judged under the EU GDPR, which applied in the UK until then.
   */
  jurisdiction: "EU" | "UK";
  /** True when a UK organisation's assessment is judged on the EU profile because of its date. */
  ukBeforeUkGdpr: boolean;
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
  /** The groups of people a purpose concerns: those naming it, plus those naming none. */
  groupsFor(purpose: string): DataSubjectGroup[];
  /** The purposes whose decisions rely on an interest under Art. 6(1)(f) or (ea). */
  purposesOf(interest: string): string[];
  /** The category recorded for a purpose, if any. */
  categoryOf(purpose: string): PurposeCategory | undefined;
  art8: { age: number; source: string };
  findings: Finding[];
  /** The balance of each interest relying on Art. 6(1)(f), as the LIA rules weighed it. */
  weighings: InterestWeighing[];
  emit(
    code: RuleCode,
    path: string,
    params?: Record<string, string | number>,
    override?: Override,
  ): Finding;
}

export const LI_BASES = new Set(["legitimate-interests", "recognised-legitimate-interest"]);

export function buildContext(
  a: Assessment,
  today: string,
  knownRefs: ReadonlySet<string> | undefined,
): RuleContext {
  const ukBeforeUkGdpr =
    a.organisation.jurisdiction === "UK" &&
    a.assessedOn !== undefined &&
    a.assessedOn < UK_GDPR_FROM;
  const jurisdiction = ukBeforeUkGdpr ? "EU" : a.organisation.jurisdiction;
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
  const categories = new Map(a.activity.purposes.map((p) => [p.id, p.category]));
  return {
    a,
    today,
    jurisdiction,
    ukBeforeUkGdpr,
    ukReformInForce: jurisdiction === "UK" && today >= UK_DUAA_COMMENCEMENT,
    knownRefs,
    purposeIds: new Set(a.activity.purposes.map((p) => p.id)),
    interestIndex,
    liInterests,
    rliInterests,
    hasChildren: a.activity.dataSubjects.some(includesChildren),
    hasVulnerable: a.activity.dataSubjects.some((s) => s.vulnerable === true),
    groupsFor: (purpose) =>
      a.activity.dataSubjects.filter(
        (g) => g.purposes === undefined || g.purposes.includes(purpose),
      ),
    purposesOf: (interest) =>
      a.decisions
        .filter((d) => d.basis !== undefined && LI_BASES.has(d.basis))
        .filter((d) => d.interests?.includes(interest))
        .map((d) => d.purpose),
    categoryOf: (purpose) => categories.get(purpose),
    art8: strictestAge(a, jurisdiction),
    findings,
    weighings: [],
    emit(code, path, params = {}, override) {
      const meta: RuleMeta = RULES[code];
      // Sentences name an interest by its title, not its id.
      const index =
        typeof params.interest === "string" ? interestIndex.get(params.interest) : undefined;
      const title = index === undefined ? undefined : a.lia?.interests[index]?.title;
      if (title !== undefined && params.interestTitle === undefined)
        params = { ...params, interestTitle: title };
      // An overridden finding stays in the list, but no longer blocks: what it decided becomes
      // a condition of the outcome, the officer's written justification, shown wherever the
      // finding is.
      const overridden = override !== undefined && meta.overridable === true;
      const finding: Finding = {
        code,
        severity: overridden && meta.severity === "blocker" ? "warning" : meta.severity,
        effect: overridden ? "condition" : meta.effect,
        path,
        refs: ruleRefs(code, jurisdiction, jurisdiction === "UK" && today >= UK_DUAA_COMMENCEMENT),
        params,
      };
      if (overridden) finding.override = override;
      findings.push(finding);
      return finding;
    },
  };
}

/** A group includes children when it says so, or when its youngest age is under 18. */
export function includesChildren(g: DataSubjectGroup): boolean {
  return g.children === true || (g.youngestAge !== undefined && g.youngestAge < 18);
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
    if (!includesChildren(g)) continue;
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
