/**
 * @module core/schema/decision
 * The basis decision for one purpose: the Art. 6 basis and every extra layer that the data
 * or the channel brings in (Art. 9, Art. 10, Art. 8, consent quality, ePrivacy/PECR).
 */
import { z } from "zod";
import { Article9Condition, Id, IsoDate, LawfulBasis, RecognisedInterest, Text } from "./common.ts";

export const AlternativeBasis = z.strictObject({
  basis: LawfulBasis,
  rejectedBecause: Text,
});

export const Necessity = z.strictObject({
  necessary: z
    .boolean()
    .describe("Is the processing necessary (not merely useful) for the purpose?"),
  explanation: Text.optional(),
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
    .array(z.enum(["cookies", "local-storage", "fingerprinting", "pixels", "sdk", "other"]))
    .min(1),
  strictlyNecessary: z.boolean().describe("Strictly necessary for the service the user asked for"),
  consent: z.boolean().optional(),
  exemption: Text.optional().describe(
    "A recognised exemption relied on, e.g. CNIL audience measurement",
  ),
});

export const ElectronicMarketing = z.strictObject({
  channels: z.array(z.enum(["email", "sms", "phone", "post", "other"])).min(1),
  recipients: z.enum(["individuals", "corporate", "both"]),
  route: z.enum(["consent", "soft-opt-in", "none"]).optional(),
  softOptIn: z
    .strictObject({
      existingCustomer: z.boolean(),
      similarProducts: z.boolean(),
      optOutAtCollection: z.boolean(),
      optOutInEveryMessage: z.boolean(),
    })
    .optional(),
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
  })
  .describe("The lawful basis chosen for one purpose");
export type BasisDecision = z.infer<typeof BasisDecision>;
