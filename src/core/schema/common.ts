/**
 * @module core/schema/common
 * Shared building blocks of the assessment model: identifiers, dates and the enumerations
 * that the rules engine reasons about. Every value set here is a stable file-format token:
 * never rename one, add a new one instead.
 */
import { z } from "zod";

/** A stable identifier inside one file: lower-case letters, digits and dashes. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and dashes, e.g. fraud-detection")
  .max(80)
  .describe("Identifier: lower-case letters, digits and dashes");

/** A calendar date as written in files: YYYY-MM-DD, checked to be a real day. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "write dates as YYYY-MM-DD")
  .refine(isRealDate, "not a real calendar date")
  .describe("Calendar date, YYYY-MM-DD");

export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Non-empty prose. Whitespace-only answers count as missing. */
export const Text = z.string().trim().min(1, "must not be empty").max(20_000);

export const Jurisdiction = z.enum(["EU", "UK"]).describe("Which GDPR applies: EU GDPR or UK GDPR");

/** ISO 3166-1 alpha-2 country of main establishment (sets the Art. 8 age in the EU). */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, "use a two-letter ISO 3166 country code such as IE or DE");

/** Article 6(1) bases, plus the UK's Article 6(1)(ea) recognised legitimate interest. */
export const LawfulBasis = z.enum([
  "consent",
  "contract",
  "legal-obligation",
  "vital-interests",
  "public-task",
  "legitimate-interests",
  "recognised-legitimate-interest",
]);
export type LawfulBasis = z.infer<typeof LawfulBasis>;

/** Article 9(1) special categories. */
export const SpecialCategory = z.enum([
  "racial-ethnic-origin",
  "political-opinions",
  "religious-philosophical-beliefs",
  "trade-union-membership",
  "genetic",
  "biometric-identification",
  "health",
  "sex-life-orientation",
]);

/** Article 9(2) conditions (a)–(j). */
export const Article9Condition = z.enum(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
export type Article9Condition = z.infer<typeof Article9Condition>;

/** UK Article 6(1)(ea) / Annex 1 recognised legitimate interest conditions. */
export const RecognisedInterest = z.enum([
  "public-task-disclosure",
  "national-security-defence",
  "emergencies",
  "crime",
  "safeguarding-vulnerable",
]);

/** Chapter V transfer mechanisms; `none` records that nothing is in place yet. */
export const TransferMechanism = z.enum([
  "adequacy",
  "standard-contractual-clauses",
  "binding-corporate-rules",
  "other-article-46",
  "article-49-derogation",
  "none",
]);

/** WP248 rev.01 criteria for a DPIA. */
export const DpiaIndicator = z.enum([
  "evaluation-scoring",
  "automated-decision-legal-effect",
  "systematic-monitoring",
  "sensitive-data",
  "large-scale",
  "matching-combining",
  "vulnerable-subjects",
  "innovative-technology",
  "prevents-rights-or-service",
]);
export type DpiaIndicator = z.infer<typeof DpiaIndicator>;

/**
 * What a purpose is for, in the groups the law and regulators use: recitals 47–49 name some
 * (fraud prevention, direct marketing, intra-group administration, network security), Art. 9(2)
 * conditions fit only some, and regulators' retention norms are set per group.
 */
export const PurposeCategory = z.enum([
  "service-delivery",
  "customer-communications",
  "security",
  "fraud-prevention",
  "incident-response",
  "legal-compliance",
  "legal-claims",
  "analytics",
  "product-improvement",
  "direct-marketing",
  "personalised-advertising",
  "profiling",
  "credit-assessment",
  "debt-collection",
  "employee-administration",
  "employee-monitoring",
  "recruitment",
  "video-surveillance",
  "disclosure-to-third-party",
  "data-sale",
  "research",
  "ai-development",
  "health-care",
  "intra-group-administration",
  "membership-administration",
  "whistleblowing",
  "social-care",
  "social-housing",
  "public-interest",
  "other",
]);
export type PurposeCategory = z.infer<typeof PurposeCategory>;

/** How many people the processing reaches (WP248: number, proportion, extent, duration). */
export const Scale = z.enum(["individual", "small", "medium", "large", "very-large"]);
export type Scale = z.infer<typeof Scale>;

/** What a category of data is, beyond Art. 9 and Art. 10: what weighs in the balance. */
export const DataNature = z.enum([
  "contact",
  "identifiers",
  "online-identifiers",
  "financial",
  "location",
  "coarse-location",
  "communications",
  "national-id",
  "behavioural",
  "images",
  "voice",
  "employment",
  "education",
  "credit",
  "inferred-characteristics",
]);
export type DataNature = z.infer<typeof DataNature>;

/**
 * Where a category of data comes from. `made-public-by-subject` is data the person
 * deliberately made public themselves (Art. 9(2)(e)); data the controller observes, infers,
 * combines or computes is never that, even when its raw material was public.
 */
export const DataSource = z.enum([
  "data-subject",
  "observed",
  "inferred",
  "third-party",
  "publicly-available",
  "made-public-by-subject",
]);
export type DataSource = z.infer<typeof DataSource>;

/** The relationship between a group of people and the controller (recital 47). */
export const Relationship = z.enum([
  "customer",
  "prospect",
  "user",
  "member",
  "employee",
  "job-applicant",
  "student",
  "patient",
  "resident",
  "visitor",
  "supporter",
  "business-contact",
  "none",
]);
export type Relationship = z.infer<typeof Relationship>;

/** Measures that protect children in a balancing test (Art. 6(1)(f); recitals 38 and 71). */
export const ChildMeasure = z.enum([
  "children-excluded",
  "no-profiling",
  "no-marketing-to-children",
  "age-assurance",
  "high-privacy-by-default",
  "child-friendly-information",
  "parental-involvement",
  "minimised-data-for-children",
  "no-precise-location",
]);
export type ChildMeasure = z.infer<typeof ChildMeasure>;

/** Why a less intrusive alternative was rejected, as the controller stated it. */
export const RejectionReason = z.enum([
  "cost",
  "convenience",
  "profit",
  "less-detail",
  "ineffective",
  "not-feasible",
  "legal-requirement",
  "more-intrusive",
  "security-risk",
]);
export type RejectionReason = z.infer<typeof RejectionReason>;

/** A less intrusive way of reaching the purpose, and why it was not taken. */
export const AlternativeMeans = z.strictObject({
  alternative: Text,
  assessment: Text.optional(),
  rejectedBecause: Text.optional(),
  rejectedFor: z
    .array(RejectionReason)
    .optional()
    .describe(
      "The kinds of reason given; cost, convenience, profit or detail alone do not make processing necessary",
    ),
  lessIntrusive: z
    .boolean()
    .optional()
    .describe("Whether the alternative is less intrusive (assumed unless set to false)"),
  workable: z
    .boolean()
    .optional()
    .describe("Whether the alternative would achieve the purpose as well"),
  adopted: z.boolean().optional().describe("The alternative is what the processing now does"),
  evidence: Text.optional(),
});
export type AlternativeMeans = z.infer<typeof AlternativeMeans>;

/**
 * The facts weighed in a balancing test, by id. Additional safeguards name the factors they
 * offset; the weights live in `core/law/balancing-factors`.
 */
export const FactorId = z.enum([
  "special-category-data",
  "criminal-offence-data",
  "children",
  "vulnerable-people",
  "financial-data",
  "location-data",
  "communications-data",
  "national-id",
  "inferred-characteristics",
  "no-relationship",
  "indirect-collection",
  "not-told-at-collection",
  "notice-contradicts",
  "unexpected",
  "likely-to-object",
  "not-happy-to-explain",
  "further-processing",
  "impact",
  "scale",
  "profiling",
  "combining-sources",
  "cross-site-tracking",
  "cross-device-tracking",
  "behavioural-advertising",
  "employee-monitoring",
  "public-space-monitoring",
  "covert-monitoring",
  "new-technology",
  "sharing-with-third-parties",
  "sale-of-data",
  "automated-decisions",
  "power-imbalance",
  "retention",
  "dpia-high-risk",
  "children-profiled-for-marketing",
  "interest-exists",
  "recognised-interest",
  "benefits-people",
  "public-interest",
  "cost-of-not-pursuing",
]);
export type FactorId = z.infer<typeof FactorId>;

export const Level = z.enum(["negligible", "low", "moderate", "high"]);
export const Likelihood = z.enum(["remote", "possible", "probable"]);
export const Severity = z.enum(["minimal", "significant", "severe"]);

/** Transformations a minimisation field can promise; `basis verify` checks them in data. */
export const Transformation = z.enum([
  "none",
  "ipv4-truncate-24",
  "ipv6-truncate-48",
  "ip-truncate",
  "daily-salted-hash",
  "keyed-hash",
  "pseudonymous-id",
  "user-agent-browser-major",
  "user-agent-reduced",
  "referrer-host-only",
  "url-path-only",
  "aggregate",
  "enumeration",
  "coarse-location",
]);
export type Transformation = z.infer<typeof Transformation>;

/** A reference id into the knowledge base, e.g. `gdpr-art-6-1-f` or `cjeu-c-582-14`. */
export const RefId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "reference ids are lower-case with dashes, e.g. gdpr-recital-47");
