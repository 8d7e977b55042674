/**
 * @module core/rules/registry
 * Every finding code the engine can raise, with its severity, its effect on the outcome and
 * the references it rests on (per jurisdiction where the law differs). Codes are stable:
 * they are stored with each decision, so never rename or reuse one.
 */
import type { FindingEffect, FindingSeverity } from "./types.ts";

export interface RuleMeta {
  severity: FindingSeverity;
  effect: FindingEffect;
  /** Reference ids; `uk` replaces `eu` under the UK profile when given. */
  eu: readonly string[];
  uk?: readonly string[];
  /** The part of the assessment the rule is about, for grouping in the UI and documents. */
  area:
    | "structure"
    | "basis"
    | "lia"
    | "consent"
    | "special-data"
    | "children"
    | "eprivacy"
    | "risk"
    | "dpia"
    | "data"
    | "review";
  /** The LIA step a rule tests, for the per-interest outcome of the trace. */
  step?: "interest" | "necessity" | "balancing";
  /** A finding of the step's test failing: the step is then "not met". */
  failsStep?: true;
  /** An officer may override it with a written justification (judgement, not law). */
  overridable?: true;
}

const B = (effect: FindingEffect = "incomplete") => ({ severity: "blocker" as const, effect });
const W = (effect: FindingEffect = "condition") => ({ severity: "warning" as const, effect });
const I = { severity: "info" as const, effect: "none" as const };

export const RULES = {
  // Structure
  ORGANISATION_NAME_MISSING: { ...B(), area: "structure", eu: ["gdpr-art-30"] },
  ASSESSMENT_DATE_MISSING: {
    ...B(),
    area: "structure",
    eu: ["gdpr-art-5-2", "edpb-guidelines-1-2024"],
  },
  PURPOSE_WITHOUT_DECISION: { ...B(), area: "structure", eu: ["gdpr-art-6-1", "gdpr-art-5-1-b"] },
  DECISION_UNKNOWN_PURPOSE: { ...B(), area: "structure", eu: ["gdpr-art-5-1-b"] },

  // The Art. 6 basis
  BASIS_MISSING: { ...B(), area: "basis", eu: ["gdpr-art-6-1"] },
  BASIS_NOT_JUSTIFIED: { ...B(), area: "basis", eu: ["gdpr-art-5-2", "ico-lawful-basis"] },
  BASIS_NECESSITY_NO_ALTERNATIVES: {
    ...B(),
    area: "basis",
    eu: ["cjeu-c-252-21-meta", "gdpr-art-5-1-c"],
  },
  BASIS_NO_ALTERNATIVES: { ...W("none"), area: "basis", eu: ["gdpr-art-5-2", "ico-lawful-basis"] },
  BASIS_NECESSITY_MISSING: { ...B(), area: "basis", eu: ["gdpr-art-6-1", "ico-lawful-basis"] },
  BASIS_NOT_NECESSARY: { ...B("fails"), area: "basis", eu: ["gdpr-art-6-1", "ico-lawful-basis"] },
  BASIS_SWITCHED_FROM_CONSENT: {
    ...B("fails"),
    area: "basis",
    eu: ["edpb-guidelines-05-2020", "gdpr-art-7"],
  },

  // Legitimate interests: the basis decision
  LI_WITHOUT_LIA: {
    ...B(),
    area: "lia",
    eu: ["gdpr-art-6-1-f", "gdpr-art-5-2", "edpb-guidelines-1-2024"],
  },
  LI_INTEREST_UNKNOWN: { ...B(), area: "lia", eu: ["gdpr-art-6-1-f"] },
  LI_PUBLIC_AUTHORITY: {
    ...B("fails"),
    area: "basis",
    eu: ["gdpr-art-6-1-public-authorities", "edpb-guidelines-1-2024"],
    uk: ["gdpr-art-6-1-public-authorities", "uk-gdpr"],
  },
  DIRECT_MARKETING_NO_OPT_OUT: { ...B(), area: "lia", eu: ["gdpr-art-21-2-3", "gdpr-recital-47"] },
  UK_LI_NAMED_EXAMPLE: { ...I, area: "lia", eu: ["uk-gdpr-art-6-examples", "uk-duaa-2025"] },

  // LIA step 1: the interest
  LIA_INTEREST_CHECK_MISSING: {
    ...B(),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "cjeu-c-621-22-knltb"],
    step: "interest",
  },
  LIA_INTEREST_NOT_LAWFUL: {
    ...B("fails"),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "cjeu-c-621-22-knltb"],
    step: "interest",
    failsStep: true,
  },
  LIA_INTEREST_NOT_SPECIFIC: {
    ...B("fails"),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "wp29-opinion-06-2014"],
    step: "interest",
    failsStep: true,
  },
  LIA_INTEREST_SPECULATIVE: {
    ...B("fails"),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "wp29-opinion-06-2014"],
    step: "interest",
    failsStep: true,
  },
  LIA_INTEREST_NOT_IN_NOTICE: { ...B(), area: "lia", eu: ["gdpr-art-13-1-d", "gdpr-art-14-2-b"] },

  // LIA step 2: necessity
  LIA_NECESSITY_MISSING: {
    ...B(),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "gdpr-art-5-1-c"],
    step: "necessity",
  },
  LIA_NECESSITY_NO_ALTERNATIVES: {
    ...B(),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "cjeu-c-252-21-meta", "gdpr-art-5-1-c"],
    step: "necessity",
  },
  LIA_NECESSITY_UNANSWERED: {
    ...B(),
    area: "lia",
    eu: ["edpb-guidelines-1-2024"],
    step: "necessity",
  },
  LIA_NOT_NECESSARY: {
    ...B("fails"),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "cjeu-c-252-21-meta"],
    step: "necessity",
    failsStep: true,
  },

  // LIA step 3: balancing
  LIA_BALANCING_MISSING: {
    ...B(),
    area: "lia",
    eu: ["gdpr-art-6-1-f", "edpb-guidelines-1-2024"],
    step: "balancing",
  },
  LIA_BALANCING_NO_NATURE_OF_DATA: {
    ...B(),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "wp29-opinion-06-2014"],
    step: "balancing",
  },
  LIA_BALANCING_NO_EXPECTATIONS: {
    ...B(),
    area: "lia",
    eu: ["gdpr-recital-47", "edpb-guidelines-1-2024", "cjeu-c-252-21-meta"],
    step: "balancing",
  },
  LIA_BALANCING_NO_IMPACT: {
    ...B(),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "wp29-opinion-06-2014"],
    step: "balancing",
  },
  LIA_BALANCING_NO_SAFEGUARDS: {
    ...B(),
    area: "lia",
    eu: ["edpb-guidelines-1-2024"],
    step: "balancing",
  },
  LIA_BALANCING_UNANSWERED: {
    ...B(),
    area: "lia",
    eu: ["gdpr-art-6-1-f", "edpb-guidelines-1-2024"],
    step: "balancing",
  },
  LIA_BALANCING_OVERRIDDEN: {
    ...B("fails"),
    area: "lia",
    eu: ["gdpr-art-6-1-f", "cjeu-c-252-21-meta"],
    step: "balancing",
    failsStep: true,
  },
  LIA_ONLY_BASELINE_SAFEGUARDS: {
    ...W("none"),
    area: "lia",
    eu: ["edpb-guidelines-1-2024"],
    step: "balancing",
  },
  LIA_EXPECTATIONS_NOT_MET: {
    ...W("none"),
    area: "lia",
    eu: ["gdpr-recital-47", "cjeu-c-252-21-meta"],
    step: "balancing",
  },
  LIA_HIGH_IMPACT: {
    ...W("none"),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "gdpr-art-35"],
    step: "balancing",
  },
  LIA_CHILDREN_NOT_ADDRESSED: {
    ...B(),
    area: "children",
    eu: ["gdpr-art-6-1-f", "gdpr-recital-38", "edpb-guidelines-1-2024"],
    step: "balancing",
  },
  LIA_BALANCE_AGAINST: {
    ...B("fails"),
    area: "lia",
    eu: ["gdpr-art-6-1-f", "gdpr-recital-47", "cjeu-c-252-21-meta", "edpb-guidelines-1-2024"],
    step: "balancing",
    failsStep: true,
    overridable: true,
  },
  LIA_BALANCE_FINE: {
    ...W(),
    area: "lia",
    eu: ["gdpr-art-6-1-f", "edpb-guidelines-1-2024"],
    step: "balancing",
  },
  LIA_CONCLUSION_CONTRADICTS_BALANCE: {
    ...B(),
    area: "lia",
    eu: ["gdpr-art-5-2", "edpb-guidelines-1-2024"],
    step: "balancing",
  },
  LIA_NOT_NECESSARY_LESS_INTRUSIVE: {
    ...B("fails"),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "cjeu-c-252-21-meta", "cjeu-c-394-23-mousse", "gdpr-art-5-1-c"],
    step: "necessity",
    failsStep: true,
  },
  LIA_ALTERNATIVE_REASON_UNCLASSIFIED: {
    ...I,
    area: "lia",
    eu: ["edpb-guidelines-1-2024"],
    step: "necessity",
  },
  EMPLOYEE_MONITORING_NOT_STRICTLY_NECESSARY: {
    ...B("fails"),
    area: "lia",
    eu: ["gdpr-art-88", "cjeu-c-65-23-k-gmbh", "edpb-guidelines-1-2024"],
    step: "necessity",
    failsStep: true,
  },
  LIA_NO_OBJECTION_ROUTE: { ...B(), area: "lia", eu: ["gdpr-art-21-1", "edpb-guidelines-1-2024"] },
  LIA_CONCLUSION_MISSING: { ...B(), area: "lia", eu: ["gdpr-art-5-2", "edpb-guidelines-1-2024"] },
  LIA_AFTER_PROCESSING_START: {
    ...W(),
    area: "lia",
    eu: ["edpb-guidelines-1-2024", "gdpr-art-5-2"],
  },
  LIA_INTEREST_UNUSED: { ...I, area: "lia", eu: ["edpb-guidelines-1-2024"] },

  // UK recognised legitimate interests
  RLI_NOT_AVAILABLE: { ...B("fails"), area: "basis", eu: ["uk-gdpr-art-6-1-ea", "uk-duaa-2025"] },
  RLI_PUBLIC_AUTHORITY: { ...B("fails"), area: "basis", eu: ["uk-gdpr-art-6-1-ea"] },
  RLI_CONDITION_MISSING: {
    ...B(),
    area: "basis",
    eu: ["uk-gdpr-annex-1", "uk-gdpr-art-6-1-ea", "ico-recognised-legitimate-interests"],
  },
  RLI_NO_BALANCING: {
    ...I,
    area: "basis",
    eu: ["uk-gdpr-art-6-1-ea", "uk-gdpr-annex-1", "ico-recognised-legitimate-interests"],
  },

  // Consent
  CONSENT_CHECKLIST_INCOMPLETE: {
    ...B(),
    area: "consent",
    eu: ["gdpr-art-7", "edpb-guidelines-05-2020"],
  },
  CONSENT_CONDITION_NOT_MET: {
    ...B("fails"),
    area: "consent",
    eu: ["gdpr-art-7", "edpb-guidelines-05-2020"],
  },
  ART9_CONSENT_IMBALANCE: {
    ...B("fails"),
    area: "special-data",
    eu: ["gdpr-art-9-2", "gdpr-recital-43", "edpb-guidelines-05-2020"],
  },
  CONSENT_INVALID_ON_FACTS: {
    ...B("fails"),
    area: "consent",
    eu: ["gdpr-art-7", "edpb-guidelines-05-2020", "cjeu-c-673-17-planet49"],
  },
  CONSENT_POWER_IMBALANCE: {
    ...W(),
    area: "consent",
    eu: ["gdpr-recital-43", "edpb-guidelines-05-2020"],
  },

  // Special-category and criminal-offence data
  SPECIAL_CATEGORY_NO_CONDITION: {
    ...B(),
    area: "special-data",
    eu: ["gdpr-art-9-1", "gdpr-art-9-2"],
  },
  ART9_CONDITION_NOT_APPLICABLE: {
    ...B("fails"),
    area: "special-data",
    eu: ["gdpr-art-9-1", "gdpr-art-9-2"],
  },
  ART9_E_SOURCE_UNKNOWN: {
    ...B(),
    area: "special-data",
    eu: ["gdpr-art-9-2", "cjeu-c-252-21-meta"],
  },
  ART9_NO_CONDITION_POSSIBLE: {
    ...B("fails"),
    area: "special-data",
    eu: ["gdpr-art-9-1", "gdpr-art-9-2", "cjeu-c-252-21-meta"],
  },
  SPECIAL_CATEGORY_EXPLICIT_CONSENT: {
    ...B(),
    area: "special-data",
    eu: ["gdpr-art-9-2", "edpb-guidelines-05-2020"],
  },
  SPECIAL_CATEGORY_LAW_NOT_NAMED: { ...W(), area: "special-data", eu: ["gdpr-art-9-2"] },
  UK_SCHEDULE1_WRONG_PART: {
    ...B(),
    area: "special-data",
    eu: ["uk-dpa-2018-s10", "uk-dpa-2018-sch1"],
  },
  UK_SCHEDULE1_MISSING: {
    ...B(),
    area: "special-data",
    eu: ["uk-dpa-2018-s10", "uk-dpa-2018-sch1"],
  },
  UK_SCHEDULE1_UNKNOWN: { ...B(), area: "special-data", eu: ["uk-dpa-2018-sch1"] },
  UK_POLICY_DOCUMENT_MISSING: {
    ...B(),
    area: "special-data",
    eu: ["uk-dpa-2018-appropriate-policy-document", "uk-dpa-2018-sch1"],
  },
  CRIMINAL_DATA_NO_AUTHORITY: {
    ...B(),
    area: "special-data",
    eu: ["gdpr-art-10"],
    uk: ["gdpr-art-10", "uk-dpa-2018-s10", "uk-dpa-2018-sch1"],
  },

  // Children and Art. 8
  CHILDREN_PROFILED_FOR_MARKETING: {
    ...B("fails"),
    area: "children",
    eu: ["gdpr-recital-38", "gdpr-recital-71", "eu-dsa-art-28"],
    uk: ["gdpr-recital-38", "gdpr-recital-71", "ico-childrens-code"],
  },
  CHILD_NO_PARENTAL_AUTHORISATION: {
    ...B("fails"),
    area: "children",
    eu: ["gdpr-art-8", "gdpr-recital-38"],
    uk: ["uk-gdpr-art-8", "uk-dpa-2018-s9", "gdpr-recital-38"],
  },
  CHILD_ISS_UNANSWERED: { ...B(), area: "children", eu: ["gdpr-art-8"], uk: ["uk-gdpr-art-8"] },
  CHILD_CONSENT_NO_PARENTAL: {
    ...B(),
    area: "children",
    eu: ["gdpr-art-8", "gdpr-recital-38"],
    uk: ["uk-gdpr-art-8", "gdpr-recital-38"],
  },

  // ePrivacy and PECR
  EPRIVACY_TERMINAL_ACCESS: {
    ...B("fails"),
    area: "eprivacy",
    eu: ["eprivacy-art-5-3", "cjeu-c-673-17-planet49"],
    uk: ["pecr-reg-6", "cjeu-c-673-17-planet49"],
  },
  EPRIVACY_EXEMPTION_CLAIMED: {
    ...W(),
    area: "eprivacy",
    eu: ["eprivacy-art-5-3", "cnil-audience-measurement", "de-tdddg-25"],
    uk: ["pecr-reg-6", "uk-duaa-2025"],
  },
  PECR_MARKETING_NO_CONSENT: {
    ...B("fails"),
    area: "eprivacy",
    eu: ["eprivacy-art-13"],
    uk: ["pecr-reg-22", "pecr-reg-22-3"],
  },
  MARKETING_CHANNELS_UNANSWERED: {
    ...B(),
    area: "eprivacy",
    eu: ["gdpr-art-21-2-3", "eprivacy-art-13"],
    uk: ["gdpr-art-21-2-3", "pecr-reg-22"],
  },
  AUTOMATED_CALLS_NO_CONSENT: {
    ...B("fails"),
    area: "eprivacy",
    eu: ["eprivacy-art-13"],
    uk: ["pecr-reg-19"],
  },
  PHONE_MARKETING_NO_CONSENT: { ...B("fails"), area: "eprivacy", eu: ["eprivacy-art-13"] },
  PHONE_MARKETING_NOT_SCREENED: {
    ...B(),
    area: "eprivacy",
    eu: ["eprivacy-art-13"],
    uk: ["pecr-reg-21"],
  },
  PHONE_MARKETING_LAW_UNKNOWN: { ...W("none"), area: "eprivacy", eu: ["eprivacy-art-13"] },
  ADVERTISING_TRACKING_UNRECORDED: {
    ...B(),
    area: "eprivacy",
    eu: ["eprivacy-art-5-3", "edpb-guidelines-2-2023"],
    uk: ["pecr-reg-6"],
  },
  SOFT_OPT_IN_NO_SEPARATE_BASIS: {
    ...I,
    area: "eprivacy",
    eu: ["cjeu-c-654-23-inteligo", "eprivacy-art-13"],
  },
  CHARITY_SOFT_OPT_IN_INVALID: {
    ...B("fails"),
    area: "eprivacy",
    eu: ["eprivacy-art-13"],
    uk: ["pecr-reg-22-3a", "uk-duaa-2025"],
  },
  UK_PECR_EXEMPTION_MET: { ...I, area: "eprivacy", eu: ["pecr-reg-6", "uk-duaa-2025"] },
  EPRIVACY_CORPORATE_MARKETING: { ...W("none"), area: "eprivacy", eu: ["eprivacy-art-13"] },
  PECR_MARKETING_UNANSWERED: {
    ...B(),
    area: "eprivacy",
    eu: ["eprivacy-art-13"],
    uk: ["pecr-reg-22", "pecr-reg-22-3"],
  },

  // Risk: automated decisions, DPIA, transfers
  ADM_NO_EXCEPTION: { ...B(), area: "risk", eu: ["gdpr-art-22"], uk: ["uk-gdpr-art-22a-22d"] },
  ADM_ON_RECOGNISED_INTEREST: {
    ...B("fails"),
    area: "risk",
    eu: ["uk-gdpr-art-22a-22d", "uk-gdpr-art-6-1-ea"],
  },
  ADM_SAFEGUARDS_MISSING: {
    ...B(),
    area: "risk",
    eu: ["gdpr-art-22"],
    uk: ["uk-gdpr-art-22a-22d"],
  },
  DPIA_LIKELY: { ...W(), area: "risk", eu: ["gdpr-art-35", "wp29-wp248-dpia"] },
  DPIA_REQUIRED: { ...W(), area: "risk", eu: ["gdpr-art-35"], uk: ["gdpr-art-35", "uk-gdpr"] },
  DPIA_PRIOR_CONSULTATION: {
    ...B(),
    area: "risk",
    eu: ["gdpr-art-36", "gdpr-art-35"],
  },
  DPIA_MISSING_AFTER_START: { ...B(), area: "risk", eu: ["gdpr-art-35", "wp29-wp248-dpia"] },
  DPIA_DESCRIPTION_MISSING: { ...B(), area: "dpia", eu: ["gdpr-art-35"] },
  DPIA_NECESSITY_MISSING: { ...B(), area: "dpia", eu: ["gdpr-art-35", "edpb-guidelines-1-2024"] },
  DPIA_CORE_RISK_MISSING: {
    ...B(),
    area: "dpia",
    eu: ["gdpr-art-35", "gdpr-art-32", "cnil-pia-method"],
  },
  DPIA_RISK_UNRATED: { ...B(), area: "dpia", eu: ["gdpr-art-35", "cnil-pia-method"] },
  DPIA_MEASURE_UNKNOWN: { ...B(), area: "dpia", eu: ["gdpr-art-35"] },
  DPIA_LIA_IMPACT_NOT_CARRIED: {
    ...W("none"),
    area: "dpia",
    eu: ["gdpr-art-35", "wp29-wp248-dpia"],
  },
  DPIA_ACTION_PLAN_INCOMPLETE: {
    ...W("none"),
    area: "dpia",
    eu: ["gdpr-art-35", "cnil-pia-method"],
  },
  DPIA_MEASURE_OVERDUE: { ...W("none"), area: "dpia", eu: ["gdpr-art-35"] },
  DPIA_DPO_ADVICE_MISSING: { ...B(), area: "dpia", eu: ["gdpr-art-35"] },
  DPIA_DPO_ADVICE_NOT_FOLLOWED: { ...B(), area: "dpia", eu: ["gdpr-art-35", "wp29-wp248-dpia"] },
  DPIA_VIEWS_NOT_ADDRESSED: { ...B(), area: "dpia", eu: ["gdpr-art-35", "wp29-wp248-dpia"] },
  DPIA_CONCLUSION_MISSING: { ...B(), area: "dpia", eu: ["gdpr-art-35", "gdpr-art-5-2"] },
  TRANSFER_NO_MECHANISM: {
    ...B(),
    area: "risk",
    eu: ["gdpr-art-44", "gdpr-art-45", "gdpr-art-46"],
    uk: ["uk-gdpr", "gdpr-art-44", "gdpr-art-46"],
  },
  TRANSFER_DEROGATION: { ...W("none"), area: "risk", eu: ["gdpr-art-49"] },

  // Who is responsible, where the data comes from, what the notice said
  REPRESENTATIVE_MISSING: {
    ...B(),
    area: "structure",
    eu: ["gdpr-art-3-2", "gdpr-art-27"],
  },
  JOINT_CONTROLLER_NO_ARRANGEMENT: { ...B(), area: "structure", eu: ["gdpr-art-26"] },
  JOINT_CONTROLLER_NO_INTEREST: {
    ...B(),
    area: "lia",
    eu: ["gdpr-art-26", "cjeu-c-40-17-fashion-id"],
  },
  INDIRECT_COLLECTION_NOT_INFORMED: { ...B(), area: "structure", eu: ["gdpr-art-14-2-b"] },
  NATIONAL_ID_CONDITIONS: { ...W("none"), area: "data", eu: ["gdpr-art-87"] },
  NOTICE_CONTRADICTED: {
    ...B(),
    area: "lia",
    eu: ["gdpr-art-5-1-a", "gdpr-art-13-1-d", "gdpr-recital-47"],
  },
  FURTHER_PROCESSING_NO_TEST: {
    ...B(),
    area: "basis",
    eu: ["gdpr-art-6-4", "gdpr-art-5-1-b"],
    uk: ["uk-gdpr-art-8a", "ico-purpose-limitation", "gdpr-art-5-1-b"],
  },
  FURTHER_PROCESSING_INCOMPATIBLE: {
    ...B("fails"),
    area: "basis",
    eu: ["gdpr-art-6-4", "gdpr-art-5-1-b", "cjeu-c-77-21-digi"],
    uk: ["uk-gdpr-art-8a", "gdpr-art-5-1-b"],
  },
  EMPLOYEE_REPRESENTATION_UNANSWERED: {
    ...W("none"),
    area: "basis",
    eu: ["gdpr-art-88", "cjeu-c-65-23-k-gmbh"],
  },
  EMPLOYEE_LAW_NOT_NAMED: { ...W("none"), area: "basis", eu: ["gdpr-art-88"] },
  UK_JUDGED_ON_EU_GDPR: { ...I, area: "structure", eu: ["uk-gdpr"] },
  BASIS_NOT_NECESSARY_LESS_INTRUSIVE: {
    ...B("fails"),
    area: "basis",
    eu: ["gdpr-art-6-1", "cjeu-c-252-21-meta", "cjeu-c-394-23-mousse"],
  },

  // Storage limitation
  RETENTION_NOT_A_PERIOD: { ...B(), area: "data", eu: ["gdpr-art-5-1-e", "gdpr-art-30"] },
  RETENTION_BEYOND_NORM: {
    ...W("none"),
    area: "data",
    eu: ["gdpr-art-5-1-e", "cjeu-c-446-21-schrems"],
  },
  FIELD_RETENTION_NOT_A_PERIOD: { ...B(), area: "data", eu: ["gdpr-art-5-1-e"] },

  // Data-minimisation specification
  FIELD_NO_PURPOSE: { ...B(), area: "data", eu: ["gdpr-art-5-1-b", "gdpr-art-5-1-c"] },
  FIELD_NO_RETENTION: { ...B(), area: "data", eu: ["gdpr-art-5-1-e"] },
  FIELD_PROHIBITED_IN_SPEC: { ...B(), area: "data", eu: ["gdpr-art-5-1-c"] },
  ACTIVITY_NO_RETENTION: { ...B(), area: "data", eu: ["gdpr-art-5-1-e", "gdpr-art-30"] },

  // Review
  REVIEW_OVERDUE: { ...W("none"), area: "review", eu: ["gdpr-art-5-2", "edpb-guidelines-1-2024"] },
  REVIEW_DUE_SOON: { ...I, area: "review", eu: ["gdpr-art-5-2"] },
  UNKNOWN_REFERENCE: { ...W("none"), area: "structure", eu: [] },
} as const satisfies Record<string, RuleMeta>;

export type RuleCode = keyof typeof RULES;
export const RULE_CODES = Object.keys(RULES) as RuleCode[];

/**
 * The references a rule cites under a jurisdiction profile. `ukReformInForce` is false for a
 * UK assessment dated before the Data (Use and Access) Act changes commenced: references to
 * provisions not yet in force are not cited then. Under the UK profile, LIA rules also cite
 * the ICO's guidance, since EDPB guidelines do not bind there.
 */
export function ruleRefs(
  code: RuleCode,
  jurisdiction: "EU" | "UK",
  ukReformInForce = true,
): string[] {
  const meta: RuleMeta = RULES[code];
  if (jurisdiction !== "UK") return [...meta.eu];
  const refs = [...(meta.uk ?? meta.eu)].filter((r) => ukReformInForce || !UK_REFORM_REFS.has(r));
  if (meta.area === "lia" && refs.includes("edpb-guidelines-1-2024"))
    refs.push("ico-legitimate-interests");
  return refs.length > 0 ? refs : [...meta.eu];
}

const UK_REFORM_REFS = new Set([
  "ico-recognised-legitimate-interests",
  "ico-purpose-limitation",
  "uk-gdpr-art-8a",
  "pecr-reg-22-3a",
  "uk-gdpr-art-22a-22d",
  "uk-gdpr-art-6-examples",
  "uk-gdpr-art-6-1-ea",
  "uk-gdpr-annex-1",
]);
