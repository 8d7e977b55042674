/**
 * @module core/messages/value-labels
 * Words for the model's enumeration tokens that both the documents and the web app show:
 * the options of every choice the editor offers (marketing channels, device access, Art. 9(2)
 * letters, staff representation, scale…). Each table is checked against its schema enum
 * (`satisfies Record<…>`), so a token added to the schema without words fails the type check
 * instead of reaching a person raw. `render/basis-labels` re-exports the ones documents use.
 */
import type { z } from "zod";
import type { InterestWeighing, WeighingSide } from "../rules/types.ts";
import type {
  Article9Condition,
  AutomatedDecision,
  Characteristics,
  ChildMeasure,
  ConsentChecklist,
  DataNature,
  DataSource,
  Dpia,
  DpiaIndicator,
  ElectronicMarketing,
  Employment,
  FurtherProcessing,
  Interest,
  Organisation,
  ProcessingActivity,
  PurposeCategory,
  RecognisedInterest,
  RejectionReason,
  Relationship,
  Scale,
  TerminalAccess,
  TransferMechanism,
} from "../schema/index.ts";

type Marketing = z.infer<typeof ElectronicMarketing>;
type Terminal = z.infer<typeof TerminalAccess>;

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
} as const satisfies Record<Terminal["technologies"][number], string>;

export const TERMINAL_EXEMPTION_LABELS = {
  "audience-measurement": "Audience measurement (national exemption)",
  "statistical-analytics": "Statistical analytics (UK reg. 6)",
  "appearance-functionality": "Appearance or functionality the user chose (UK reg. 6)",
  security: "Security of the service (UK reg. 6)",
  transmission: "Only to carry the communication",
  other: "Another exemption",
} as const satisfies Record<NonNullable<Terminal["exemptionKind"]>, string>;

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
} as const satisfies Record<Marketing["channels"][number], string>;

export const MARKETING_ROUTE_LABELS = {
  consent: "Consent",
  "soft-opt-in": "Soft opt-in (existing customers)",
  "charity-soft-opt-in": "Charity soft opt-in (supporters)",
  none: "None",
} as const satisfies Record<NonNullable<Marketing["route"]>, string>;

export const MARKETING_RECIPIENT_LABELS = {
  individuals: "Individuals (consumers, sole traders)",
  corporate: "Staff of companies, at work addresses",
  both: "Both",
} as const satisfies Record<Marketing["recipients"], string>;

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

export const CONSENT_HOW_GIVEN_LABELS = {
  "active-opt-in": "An active opt-in (unticked box, button)",
  "written-statement": "A written statement",
  verbal: "Said aloud, and recorded",
  "pre-ticked-box": "A pre-ticked box",
  "acceptance-of-terms": "Accepting the terms of service",
  "continued-use": "Continuing to use the service",
  other: "Another way",
} as const satisfies Record<NonNullable<ConsentChecklist["howGiven"]>, string>;

export const PURPOSE_CATEGORY_LABELS = {
  "service-delivery": "Delivering the service",
  "customer-communications": "Communications with customers",
  security: "Security of systems and networks",
  "fraud-prevention": "Fraud prevention",
  "incident-response": "Incident response",
  "legal-compliance": "Complying with the law",
  "legal-claims": "Legal claims",
  analytics: "Analytics and measurement",
  "product-improvement": "Product improvement",
  "direct-marketing": "Direct marketing",
  "personalised-advertising": "Personalised advertising",
  profiling: "Profiling",
  "credit-assessment": "Credit assessment",
  "debt-collection": "Debt collection",
  "employee-administration": "Staff administration",
  "employee-monitoring": "Monitoring of staff",
  recruitment: "Recruitment",
  "video-surveillance": "Video surveillance",
  "disclosure-to-third-party": "Disclosure to a third party",
  "data-sale": "Sale of data",
  research: "Research",
  "ai-development": "Developing AI models",
  "health-care": "Health care",
  "intra-group-administration": "Administration within a group of companies",
  "membership-administration": "Membership administration",
  whistleblowing: "Whistleblowing",
  "social-care": "Social care",
  "social-housing": "Social housing",
  "public-interest": "A task in the public interest",
  other: "Other",
} as const satisfies Record<PurposeCategory, string>;

export const SCALE_LABELS = {
  individual: "A few individuals",
  small: "Small (up to about a thousand people)",
  medium: "Medium (thousands)",
  large: "Large (a significant share of a population)",
  "very-large": "Very large (millions)",
} as const satisfies Record<Scale, string>;

export const DATA_NATURE_LABELS = {
  contact: "Contact details",
  identifiers: "Identifiers (names, account numbers)",
  "online-identifiers": "Online identifiers (IP address, cookie id)",
  financial: "Financial data",
  location: "Precise location",
  "coarse-location": "Coarse location (city, region)",
  communications: "Content of communications",
  "national-id": "National identification number",
  behavioural: "Behaviour (what people do, view or buy)",
  images: "Images or video",
  voice: "Voice recordings",
  employment: "Employment data",
  education: "Education data",
  credit: "Creditworthiness",
  "inferred-characteristics": "Characteristics inferred about people",
} as const satisfies Record<DataNature, string>;

export const DATA_SOURCE_LABELS = {
  "data-subject": "The people themselves",
  observed: "Observed by the controller",
  inferred: "Inferred or computed",
  "third-party": "A third party",
  "publicly-available": "Publicly available",
  "made-public-by-subject": "Made public by the people themselves",
} as const satisfies Record<DataSource, string>;

export const RELATIONSHIP_LABELS = {
  customer: "Customers",
  prospect: "Prospective customers",
  user: "Users of a service",
  member: "Members",
  employee: "Employees or workers",
  "job-applicant": "Job applicants",
  student: "Students",
  patient: "Patients",
  resident: "Residents",
  visitor: "Visitors",
  supporter: "Supporters",
  "business-contact": "Business contacts",
  none: "No relationship",
} as const satisfies Record<Relationship, string>;

export const CHILD_MEASURE_LABELS = {
  "children-excluded": "Children are excluded",
  "no-profiling": "No profiling of children",
  "no-marketing-to-children": "No marketing to children",
  "age-assurance": "Age assurance",
  "high-privacy-by-default": "High privacy by default",
  "child-friendly-information": "Information children can understand",
  "parental-involvement": "Parents are involved",
  "minimised-data-for-children": "Less data collected about children",
  "no-precise-location": "No precise location of children",
} as const satisfies Record<ChildMeasure, string>;

export const REJECTION_REASON_LABELS = {
  cost: "Cost",
  convenience: "Convenience",
  profit: "Profit",
  "less-detail": "It gives less detail",
  ineffective: "It would not achieve the purpose",
  "not-feasible": "It is not feasible",
  "legal-requirement": "The law requires this processing",
  "more-intrusive": "It would be more intrusive",
  "security-risk": "It would create a security risk",
} as const satisfies Record<RejectionReason, string>;

type Monitoring = NonNullable<z.infer<typeof Characteristics>["monitoring"]>[number];
type Granularity = NonNullable<z.infer<typeof Characteristics>["monitoringGranularity"]>;

export const MONITORING_LABELS = {
  employees: "Staff",
  "public-spaces": "Public or shared spaces",
  "online-behaviour": "Online behaviour",
  location: "Location",
  communications: "Communications",
} as const satisfies Record<Monitoring, string>;

export const MONITORING_GRANULARITY_LABELS = {
  continuous: "Continuous",
  "fine-grained": "Fine-grained (keystrokes, screens, minute by minute)",
  periodic: "Periodic checks",
  "on-incident": "Only when an incident is suspected",
} as const satisfies Record<Granularity, string>;

export const WORKS_COUNCIL_LABELS = {
  agreed: "An agreement with staff representatives is in place",
  consulted: "Staff representatives were consulted",
  "not-consulted": "Staff representatives were not consulted",
  "none-exists": "There are no staff representatives",
} as const satisfies Record<NonNullable<z.infer<typeof Employment>["worksCouncil"]>, string>;

export const RETENTION_REASON_LABELS = {
  "legal-obligation": "A law requires keeping it",
  "limitation-period": "A limitation period for claims",
  purpose: "The purpose needs it",
} as const satisfies Record<NonNullable<ProcessingActivity["retentionReason"]>["kind"], string>;

export const ESTABLISHED_IN_LABELS = {
  eu: "In the EU",
  uk: "In the UK",
  "eu-and-uk": "In the EU and the UK",
  outside: "Outside the EU and the UK",
} as const satisfies Record<NonNullable<Organisation["establishedIn"]>, string>;

export const ADM_EXCEPTION_LABELS = {
  contract: "Necessary for a contract (Art. 22(2)(a))",
  "authorised-by-law": "Authorised by law (Art. 22(2)(b))",
  "explicit-consent": "Explicit consent (Art. 22(2)(c))",
} as const satisfies Record<NonNullable<z.infer<typeof AutomatedDecision>["exception"]>, string>;

export const DPIA_STATUS_LABELS = {
  "not-needed": "Not needed",
  planned: "Planned",
  completed: "Completed",
} as const satisfies Record<z.infer<typeof Dpia>["status"], string>;

export const RESIDUAL_RISK_LABELS = {
  low: "Low",
  medium: "Medium",
  high: "High",
} as const satisfies Record<NonNullable<z.infer<typeof Dpia>["residualRisk"]>, string>;

export const ANNEX2_LABELS = {
  "public-task-request": "A request from a body with a public task",
  "public-security": "Public security",
  emergencies: "Emergencies",
  crime: "Crime",
  safeguarding: "Safeguarding",
  "vital-interests": "Vital interests",
  taxation: "Taxation",
  "legal-obligation": "A legal obligation",
  other: "Other",
} as const satisfies Record<NonNullable<z.infer<typeof FurtherProcessing>["annex2"]>, string>;

export const CONSEQUENCE_SEVERITY_LABELS = {
  minor: "Minor",
  significant: "Significant",
  severe: "Severe",
} as const satisfies Record<NonNullable<Interest["consequenceIfNot"]>["severity"], string>;

/** The computed balance of one interest, as a sentence. */
export const BALANCE_VERDICT_LABELS = {
  "favours-interest": "The balance favours the interest",
  "finely-balanced": "Finely balanced",
  against: "The balance is against the interest",
} as const satisfies Record<InterestWeighing["verdict"], string>;

/** The officer's own conclusion on the balance, as recorded. */
export const OFFICER_CONCLUSION_LABELS = {
  "not-overridden": "the people's interests do not override the interest",
  overridden: "the people's interests override the interest",
  unanswered: "no conclusion recorded",
} as const satisfies Record<InterestWeighing["officerConclusion"], string>;

/** Which side of the balance a fact weighs on. */
export const WEIGHING_SIDE_LABELS = {
  against: "Against the interest",
  for: "For the interest",
} as const satisfies Record<WeighingSide, string>;
