/**
 * @module render/basis-labels
 * Words for the tokens the lawful-basis assessment and the Art. 30 register show besides
 * those in `labels.ts`: Chapter V safeguards, Art. 9(2) conditions, UK recognised interests
 * and the ePrivacy layer. Each table is checked against its schema enum.
 */
import type { z } from "zod";
import type {
  Article9Condition,
  DpiaIndicator,
  ElectronicMarketing,
  RecognisedInterest,
  TerminalAccess,
  TransferMechanism,
} from "../core/schema/index.ts";

export const TRANSFER_MECHANISM_LABELS = {
  adequacy: "Adequacy decision (Art. 45)",
  "standard-contractual-clauses": "Standard contractual clauses (Art. 46(2)(c))",
  "binding-corporate-rules": "Binding corporate rules (Art. 47)",
  "other-article-46": "Other appropriate safeguard (Art. 46)",
  "article-49-derogation": "Derogation (Art. 49)",
  none: "No safeguard in place",
} as const satisfies Record<z.infer<typeof TransferMechanism>, string>;

export const ARTICLE9_LABELS = {
  a: "Explicit consent (Art. 9(2)(a))",
  b: "Employment, social security and social protection law (Art. 9(2)(b))",
  c: "Vital interests (Art. 9(2)(c))",
  d: "Not-for-profit body, members only (Art. 9(2)(d))",
  e: "Made public by the data subject (Art. 9(2)(e))",
  f: "Legal claims or courts (Art. 9(2)(f))",
  g: "Substantial public interest (Art. 9(2)(g))",
  h: "Health or social care (Art. 9(2)(h))",
  i: "Public health (Art. 9(2)(i))",
  j: "Archiving, research or statistics (Art. 9(2)(j))",
} as const satisfies Record<z.infer<typeof Article9Condition>, string>;

export const RECOGNISED_INTEREST_LABELS = {
  "public-task-disclosure": "Disclosure to a body that needs it for a public task",
  "national-security-defence": "National security, public security or defence",
  emergencies: "Emergencies",
  crime: "Detecting, investigating or preventing crime",
  "safeguarding-vulnerable": "Safeguarding vulnerable individuals",
} as const satisfies Record<z.infer<typeof RecognisedInterest>, string>;

export const TERMINAL_TECHNOLOGY_LABELS = {
  cookies: "Cookies",
  "local-storage": "Local storage",
  fingerprinting: "Device fingerprinting",
  pixels: "Tracking pixels",
  "tracking-links": "Tracking links",
  "ip-tracking": "Tracking by IP address",
  "local-processing": "Processing on the device",
  sdk: "Software development kit",
  other: "Other",
} as const satisfies Record<z.infer<typeof TerminalAccess>["technologies"][number], string>;

export const MARKETING_CHANNEL_LABELS = {
  email: "Email",
  sms: "SMS",
  phone: "Phone (live calls)",
  "phone-automated": "Automated calls",
  fax: "Fax",
  post: "Post",
  "in-app": "In-app messages",
  "display-advertising": "Display or in-feed advertising",
  "social-media": "Social-media advertising",
  other: "Other",
} as const satisfies Record<z.infer<typeof ElectronicMarketing>["channels"][number], string>;

export const MARKETING_ROUTE_LABELS = {
  consent: "Consent",
  "soft-opt-in": "Soft opt-in (existing customers)",
  "charity-soft-opt-in": "Charity soft opt-in (supporters)",
  none: "None",
} as const satisfies Record<NonNullable<z.infer<typeof ElectronicMarketing>["route"]>, string>;

export const DPIA_INDICATOR_LABELS = {
  "evaluation-scoring": "evaluation or scoring",
  "automated-decision-legal-effect": "automated decisions with legal or similar effect",
  "systematic-monitoring": "systematic monitoring",
  "sensitive-data": "sensitive or highly personal data",
  "large-scale": "large scale",
  "matching-combining": "matching or combining data sets",
  "vulnerable-subjects": "vulnerable people",
  "innovative-technology": "innovative technology",
  "prevents-rights-or-service": "processing that keeps people from a right or a service",
} as const satisfies Record<DpiaIndicator, string>;
