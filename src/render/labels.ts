/**
 * @module render/labels
 * Human-friendly words for the model's enumeration tokens, shared by every document. Each
 * table is checked against its schema enum (`satisfies Record<…>`), so adding a token to the
 * schema without a label fails the type check instead of printing a raw token to an auditor.
 */

import type { z } from "zod";
import type { DpiaFact } from "../core/law/dpia-criteria.ts";
import type { DpiaScreening, FindingSeverity, InterestOutcome } from "../core/rules/types.ts";
import type { DpiaMeasure, DpiaRisk, RiskLevel } from "../core/schema/dpia.ts";
import type {
  Assessment,
  BalancingTest,
  Interest,
  Jurisdiction,
  LawfulBasis,
  Level,
  Likelihood,
  Severity,
  SignOffRole,
  SpecialCategory,
  Status,
  Transformation,
} from "../core/schema/index.ts";
import type { Outcome } from "../core/vocabulary.ts";

type Safeguard = NonNullable<BalancingTest["safeguards"]>[number];
type Approval = NonNullable<NonNullable<Assessment["signOff"]>["records"]>[number];
type Sensitivity = NonNullable<NonNullable<BalancingTest["natureOfData"]>[number]["sensitivity"]>;
type Expected = NonNullable<NonNullable<BalancingTest["reasonableExpectations"]>["expected"]>;

export const BASIS_LABELS = {
  consent: "Consent (Art. 6(1)(a))",
  contract: "Contract (Art. 6(1)(b))",
  "legal-obligation": "Legal obligation (Art. 6(1)(c))",
  "vital-interests": "Vital interests (Art. 6(1)(d))",
  "public-task": "Public task (Art. 6(1)(e))",
  "legitimate-interests": "Legitimate interests (Art. 6(1)(f))",
  "recognised-legitimate-interest": "Recognised legitimate interest (UK Art. 6(1)(ea))",
} as const satisfies Record<LawfulBasis, string>;

/** The knowledge-base entry each basis cites. */
export const BASIS_REFERENCES = {
  consent: "gdpr-art-6-1-a",
  contract: "gdpr-art-6-1-b",
  "legal-obligation": "gdpr-art-6-1-c",
  "vital-interests": "gdpr-art-6-1-d",
  "public-task": "gdpr-art-6-1-e",
  "legitimate-interests": "gdpr-art-6-1-f",
  "recognised-legitimate-interest": "uk-gdpr-art-6-1-ea",
} as const satisfies Record<LawfulBasis, string>;

export const SPECIAL_CATEGORY_LABELS = {
  "racial-ethnic-origin": "Racial or ethnic origin",
  "political-opinions": "Political opinions",
  "religious-philosophical-beliefs": "Religious or philosophical beliefs",
  "trade-union-membership": "Trade union membership",
  genetic: "Genetic data",
  "biometric-identification": "Biometric data for identification",
  health: "Health",
  "sex-life-orientation": "Sex life or sexual orientation",
} as const satisfies Record<z.infer<typeof SpecialCategory>, string>;

export const TRANSFORMATION_LABELS = {
  none: "None",
  "ipv4-truncate-24": "IPv4 truncated to /24",
  "ipv6-truncate-48": "IPv6 truncated to /48",
  "ip-truncate": "IP address truncated",
  "daily-salted-hash": "Hashed with a salt rotated daily",
  "keyed-hash": "Keyed hash",
  "pseudonymous-id": "Pseudonymous identifier",
  "user-agent-browser-major": "User agent reduced to browser and major version",
  "user-agent-reduced": "User agent reduced",
  "referrer-host-only": "Referrer reduced to its host",
  "url-path-only": "URL path only, no query string",
  aggregate: "Aggregated",
  enumeration: "Limited to a fixed set of values",
  "coarse-location": "Coarse location only",
} as const satisfies Record<Transformation, string>;

export const INTEREST_KIND_LABELS = {
  controller: "The controller's own interest",
  "third-party": "A third party's interest",
  public: "A wider public interest",
} as const satisfies Record<NonNullable<Interest["kind"]>[number], string>;

export const SAFEGUARD_KIND_LABELS = {
  baseline: "Baseline (required by law)",
  additional: "Additional (beyond the law)",
} as const satisfies Record<Safeguard["kind"], string>;

export const LEVEL_LABELS = {
  negligible: "Negligible",
  low: "Low",
  moderate: "Moderate",
  high: "High",
} as const satisfies Record<z.infer<typeof Level>, string>;

export const SENSITIVITY_LABELS = {
  low: "Low",
  moderate: "Moderate",
  high: "High",
} as const satisfies Record<Sensitivity, string>;

export const LIKELIHOOD_LABELS = {
  remote: "Remote",
  possible: "Possible",
  probable: "Probable",
} as const satisfies Record<z.infer<typeof Likelihood>, string>;

export const SEVERITY_LABELS = {
  minimal: "Minimal",
  significant: "Significant",
  severe: "Severe",
} as const satisfies Record<z.infer<typeof Severity>, string>;

export const EXPECTED_LABELS = {
  yes: "Yes",
  partly: "Partly",
  no: "No",
} as const satisfies Record<Expected, string>;

export const STATUS_LABELS = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  superseded: "Superseded",
  retired: "Retired",
} as const satisfies Record<z.infer<typeof Status>, string>;

export const ROLE_LABELS = {
  "privacy-officer": "Privacy officer",
  dpo: "Data protection officer",
  "legal-counsel": "Legal counsel",
  "product-owner": "Product owner",
  "security-lead": "Security lead",
  other: "Other",
} as const satisfies Record<z.infer<typeof SignOffRole>, string>;

export const APPROVAL_DECISION_LABELS = {
  approved: "Approved",
  rejected: "Rejected",
} as const satisfies Record<NonNullable<Approval["decision"]>, string>;

export const OUTCOME_LABELS = {
  appropriate: "Appropriate",
  "appropriate-with-conditions": "Appropriate with conditions",
  "not-appropriate": "Not appropriate",
  incomplete: "Incomplete",
} as const satisfies Record<Outcome, string>;

export const TEST_RESULT_LABELS = {
  met: "Met",
  "not-met": "Not met",
  incomplete: "Incomplete",
  "not-required": "Not required",
} as const satisfies Record<InterestOutcome["necessity"], string>;

export const FINDING_SEVERITY_LABELS = {
  blocker: "Blocker",
  warning: "Warning",
  info: "Info",
} as const satisfies Record<FindingSeverity, string>;

export const JURISDICTION_LABELS = {
  EU: "EU GDPR",
  UK: "UK GDPR",
} as const satisfies Record<z.infer<typeof Jurisdiction>, string>;

/** A country's English name from its ISO code ("DE" -> "Germany"); the code when unknown. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "EU GDPR (main establishment: Germany)": the law an assessment was made under. */
export function jurisdictionText(org: {
  jurisdiction: "EU" | "UK";
  country?: string | undefined;
}): string {
  const law = JURISDICTION_LABELS[org.jurisdiction];
  return org.country === undefined
    ? law
    : `${law} (main establishment: ${countryName(org.country)})`;
}

/** What each screening fact means, as the reason a DPIA criterion applies. */
export const DPIA_FACT_LABELS = {
  profiling: "people are profiled",
  scoring: "people are scored (credit or profiling purpose)",
  automatedDecision: "solely automated decisions with legal or similar effects",
  systematicMonitoring: "people are systematically monitored",
  monitorsEmployees: "staff are monitored",
  monitorsEmployeesContinuously: "staff are monitored continuously or in fine detail",
  monitorsPublicSpaces: "publicly accessible places are monitored",
  specialCategory: "special-category data",
  healthData: "health data",
  geneticData: "genetic data",
  biometricData: "biometric data used to identify people",
  criminalData: "criminal-offence data",
  highlyPersonal: "highly personal data (location, financial, communications)",
  largeScale: "large scale",
  combinesSources: "data sets are matched or combined",
  externalSources: "data comes from other sources than the person",
  vulnerable: "vulnerable people",
  children: "children",
  employees: "employees or job applicants",
  patients: "patients",
  newTechnology: "new or innovative technology",
  preventsServiceOrRight: "it can stop someone using a service or exercising a right",
  locationData: "location data",
  tracking: "location or behaviour is tracked",
  invisible: "data obtained from others without telling the people",
  physicalHarm: "a breach could endanger someone's safety",
  purposes: "the purpose is one the list names",
} as const satisfies Record<DpiaFact, string>;

export const DPIA_LIST_LABELS = {
  "art-35-3": "Art. 35(3) GDPR",
  wp248: "WP248 criteria (EDPB)",
  cnil: "CNIL list (France)",
  ico: "ICO list (UK)",
} as const satisfies Record<DpiaScreening["criteria"][number]["list"], string>;

export const DPIA_VERDICT_LABELS = {
  required: "DPIA required",
  likely: "DPIA likely required",
  "not-needed": "DPIA not needed on these facts",
} as const satisfies Record<DpiaScreening["verdict"], string>;

/** The four levels of likelihood and severity of a DPIA risk (CNIL PIA method). */
export const RISK_LEVEL_LABELS = {
  negligible: "Negligible",
  limited: "Limited",
  significant: "Significant",
  maximum: "Maximum",
} as const satisfies Record<RiskLevel, string>;

export const DPIA_RISK_KIND_LABELS = {
  "illegitimate-access": "Illegitimate access",
  "unwanted-modification": "Unwanted modification",
  disappearance: "Disappearance",
  "lia-impact": "Impact from the LIA",
  other: "Other",
} as const satisfies Record<DpiaRisk["kind"], string>;

export const MEASURE_STATUS_LABELS = {
  planned: "Planned",
  "in-progress": "In progress",
  done: "Done",
} as const satisfies Record<DpiaMeasure["status"], string>;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/**
 * The label for a token that may come from outside the typed model (e.g. a basis in the
 * engine's trace); an unknown token is shown as it is rather than hidden.
 */
export function labelOf(table: Readonly<Record<string, string>>, token: string): string {
  return Object.hasOwn(table, token) ? (table[token] ?? token) : token;
}

/** "Yes", "No" or the given wording for an unanswered question. */
export function yesNo(value: boolean | undefined, unanswered = "Not answered"): string {
  if (value === undefined) return unanswered;
  return value ? "Yes" : "No";
}

/** `2025-11-14` -> `14 November 2025`. Anything that is not such a date is returned as it is. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const month = MONTHS[Number(match[2]) - 1];
  if (month === undefined) return iso;
  return `${Number(match[3])} ${month} ${match[1]}`;
}
