/**
 * @module core/schema/decision
 * The basis decision for one purpose: the Art. 6 basis and every extra layer that the data
 * or the channel brings in (Art. 9, Art. 10, Art. 8, consent quality, ePrivacy/PECR).
 */
import { z } from "zod";
import {
  AlternativeMeans,
  Article9Condition,
  CountryCode,
  Id,
  IsoDate,
  LawfulBasis,
  RecognisedInterest,
  Text,
} from "./common.ts";

export const AlternativeBasis = z.strictObject({
  basis: LawfulBasis,
  rejectedBecause: Text,
});

export const Necessity = z.strictObject({
  necessary: z
    .boolean()
    .optional()
    .describe(
      "Is the processing necessary (not merely useful) for the purpose? Unanswered counts as missing",
    ),
  explanation: Text.optional(),
  alternatives: z
    .array(AlternativeMeans)
    .optional()
    .describe("Less intrusive ways of achieving the purpose that were considered"),
});

export const SpecialCategoryCondition = z.strictObject({
  condition: Article9Condition.describe("Art. 9(2) condition, (a) to (j)"),
  justification: Text.optional(),
  memberStateLaw: Text.optional().describe("The law relied on, for (b), (g), (h), (i), (j)"),
  schedule1: z
    .strictObject({
      condition: Id.describe("DPA 2018 Schedule 1 paragraph id, e.g. sch1-para-1 (employment)"),
      appropriatePolicyDocument: z.boolean().optional(),
    })
    .optional()
    .describe("UK: the DPA 2018 Schedule 1 condition"),
});

export const CriminalOffenceAuthority = z.strictObject({
  officialAuthority: z.boolean().optional(),
  legalAuthorisation: Text.optional().describe("The law that authorises the processing"),
  schedule1: z
    .strictObject({
      condition: Id,
      appropriatePolicyDocument: z.boolean().optional(),
      disclosureToCompetentAuthority: z.boolean().optional(),
    })
    .optional(),
  safeguards: z.array(Text).optional(),
});

export const ConsentChecklist = z.strictObject({
  freelyGiven: z.boolean().optional(),
  specific: z.boolean().optional(),
  informed: z.boolean().optional(),
  unambiguous: z.boolean().optional(),
  withdrawable: z.boolean().optional(),
  explicit: z.boolean().optional().describe("An express statement, needed for Art. 9(2)(a)"),
  howGiven: z
    .enum([
      "active-opt-in",
      "written-statement",
      "verbal",
      "pre-ticked-box",
      "acceptance-of-terms",
      "continued-use",
      "other",
    ])
    .optional()
    .describe("How people give it: an act of their own, or something presumed from them"),
  separateFromOtherMatters: z
    .boolean()
    .optional()
    .describe("Asked separately from terms and from other purposes (Art. 7(2))"),
  refusalHasDetriment: z
    .boolean()
    .optional()
    .describe("Refusing costs the person the service or another detriment (Art. 7(4))"),
  mechanism: Text.optional().describe("How consent is asked, recorded and withdrawn"),
});
export type ConsentChecklist = z.infer<typeof ConsentChecklist>;

export const ChildConsent = z.strictObject({
  informationSocietyService: z
    .boolean()
    .describe("Is an information-society service offered directly to a child?"),
  parentalConsent: z.boolean().optional(),
  ageVerification: Text.optional(),
  parentalConsentMechanism: Text.optional(),
});

export const TerminalAccess = z.strictObject({
  technologies: z
    .array(
      z.enum([
        "cookies",
        "local-storage",
        "fingerprinting",
        "pixels",
        "tracking-links",
        "ip-tracking",
        "local-processing",
        "sdk",
        "other",
      ]),
    )
    .min(1)
    .describe("How the device is accessed (EDPB Guidelines 2/2023)"),
  strictlyNecessary: z.boolean().describe("Strictly necessary for the service the user asked for"),
  consent: z.boolean().optional(),
  exemption: Text.optional().describe(
    "A recognised exemption relied on, e.g. CNIL audience measurement",
  ),
  exemptionKind: z
    .enum([
      "audience-measurement",
      "statistical-analytics",
      "appearance-functionality",
      "security",
      "transmission",
      "other",
    ])
    .optional()
    .describe("Which exemption: national audience measurement, UK reg. 6 exemptions…"),
  clearInformation: z.boolean().optional().describe("Clear information is given about the access"),
  easyToObject: z.boolean().optional().describe("A simple, free way to object is offered"),
});

/** Direct-marketing channels and, for electronic ones, the ePrivacy / PECR route. */
export const ElectronicMarketing = z.strictObject({
  channels: z
    .array(
      z.enum([
        "email",
        "sms",
        "phone",
        "phone-automated",
        "fax",
        "post",
        "in-app",
        "display-advertising",
        "social-media",
        "other",
      ]),
    )
    .min(1)
    .describe("phone = live calls; display-advertising and social-media are not electronic mail"),
  recipients: z.enum(["individuals", "corporate", "both"]),
  countries: z
    .array(CountryCode)
    .optional()
    .describe("Where the recipients are; each country's marketing law applies"),
  route: z.enum(["consent", "soft-opt-in", "charity-soft-opt-in", "none"]).optional(),
  softOptIn: z
    .strictObject({
      existingCustomer: z
        .boolean()
        .describe("Details obtained in a sale or negotiation (a free account can count: C-654/23)"),
      similarProducts: z.boolean(),
      optOutAtCollection: z.boolean(),
      optOutInEveryMessage: z.boolean(),
    })
    .optional(),
  charitySoftOptIn: z
    .strictObject({
      supporterOrInterested: z
        .boolean()
        .describe("The person gave support or expressed interest in the charity"),
      charitablePurposesOnly: z.boolean(),
      optOutAtCollection: z.boolean(),
      optOutInEveryMessage: z.boolean(),
    })
    .optional()
    .describe("UK PECR reg. 22(3A), from 5 February 2026"),
  callScreening: z
    .boolean()
    .optional()
    .describe("Live calls are screened against the national opt-out register (e.g. TPS, Bloctel)"),
});

/** Data collected for one purpose and used for another (Art. 6(4); UK Art. 8A). */
export const FurtherProcessing = z.strictObject({
  originalPurpose: Text.describe("What the data was first collected for"),
  compatibility: z
    .strictObject({
      link: Text.optional(),
      context: Text.optional(),
      natureOfData: Text.optional(),
      consequences: Text.optional(),
      safeguards: Text.optional(),
    })
    .optional()
    .describe("The Art. 6(4) factors"),
  compatible: z.boolean().optional().describe("The conclusion of the compatibility test"),
  annex2: z
    .enum([
      "public-task-request",
      "public-security",
      "emergencies",
      "crime",
      "safeguarding",
      "vital-interests",
      "taxation",
      "legal-obligation",
      "other",
    ])
    .optional()
    .describe("UK: the Annex 2 purpose that is treated as compatible"),
});

export const BasisDecision = z
  .strictObject({
    purpose: Id.describe("The purpose this decision is for"),
    basis: LawfulBasis.optional(),
    justification: Text.optional(),
    alternatives: z.array(AlternativeBasis).optional(),
    necessity: Necessity.optional(),
    interests: z
      .array(Id)
      .optional()
      .describe("LIA interests this purpose relies on (legitimate interests only)"),
    recognisedInterest: RecognisedInterest.optional().describe("UK Annex 1 condition, for (ea)"),
    previousBasis: z
      .strictObject({ basis: LawfulBasis, until: IsoDate.optional(), reason: Text.optional() })
      .optional()
      .describe("The basis relied on before this one, if the basis was changed"),
    outsidePublicTasks: z
      .boolean()
      .optional()
      .describe("Public authorities: this processing is outside the performance of their tasks"),
    directMarketing: z.boolean().optional(),
    specialCategory: SpecialCategoryCondition.optional(),
    criminalOffence: CriminalOffenceAuthority.optional(),
    children: ChildConsent.optional(),
    consent: ConsentChecklist.optional(),
    terminalAccess: TerminalAccess.optional(),
    electronicMarketing: ElectronicMarketing.optional(),
    furtherProcessing: FurtherProcessing.optional(),
  })
  .describe("The lawful basis chosen for one purpose");
export type BasisDecision = z.infer<typeof BasisDecision>;
