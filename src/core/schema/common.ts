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
