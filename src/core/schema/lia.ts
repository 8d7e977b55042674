/**
 * @module core/schema/lia
 * The Legitimate Interests Assessment: EDPB 1/2024's three cumulative steps (interest,
 * necessity, balancing), the data-minimisation specification and the recorded conclusion.
 */
import { z } from "zod";
import {
  AlternativeMeans,
  ChildMeasure,
  FactorId,
  Id,
  IsoDate,
  Level,
  Likelihood,
  RefId,
  Severity,
  Text,
  Transformation,
} from "./common.ts";

export const InterestChecks = z.strictObject({
  lawful: z.boolean().optional().describe("Lawful under EU or national law"),
  specific: z.boolean().optional().describe("Clearly and precisely articulated"),
  realAndPresent: z.boolean().optional().describe("Real and present, not speculative"),
});

export const Interest = z.strictObject({
  id: Id,
  title: Text,
  description: Text.optional(),
  benefits: z.array(Text).optional(),
  beneficiaries: z.array(Text).optional(),
  kind: z.array(z.enum(["controller", "third-party", "public"])).optional(),
  recognisedBy: z.array(RefId).optional().describe("Recitals, cases or guidance recognising it"),
  checks: InterestChecks.optional(),
  statedInPrivacyNotice: z.boolean().optional().describe("Art. 13(1)(d) / 14(2)(b)"),
  servesDataSubjects: z
    .boolean()
    .optional()
    .describe("The processing improves a service the people use or is in their interest"),
  consequenceIfNot: z
    .strictObject({
      description: Text.optional(),
      severity: z.enum(["minor", "significant", "severe"]),
    })
    .optional()
    .describe("What happens if the interest is not pursued (ICO: impact of not going ahead)"),
});
export type Interest = z.infer<typeof Interest>;

export const NecessityTest = z.strictObject({
  interest: Id,
  processing: Text.optional().describe("What is processed for this interest"),
  whyNecessary: z.array(Text).optional(),
  alternatives: z.array(AlternativeMeans).optional(),
  minimisation: z.array(Text).optional(),
  necessary: z.boolean().optional().describe("Conclusion: necessary, not merely useful"),
});
export type NecessityTest = z.infer<typeof NecessityTest>;

export const DataElement = z.strictObject({
  element: Text,
  assessment: Text.optional(),
  sensitivity: z.enum(["low", "moderate", "high"]).optional(),
});

export const Impact = z.strictObject({
  kind: Text.describe("e.g. surveillance, discrimination, chilling effect, re-identification"),
  description: Text.optional(),
  likelihood: Likelihood.optional(),
  severity: Severity.optional(),
  fromOwnUnlawfulConduct: z
    .boolean()
    .optional()
    .describe(
      "The impact is the legal consequence of the person's own unlawful act (a claim, a sanction for proven misconduct)",
    ),
});

export const Safeguard = z.strictObject({
  measure: Text,
  implementation: Text.optional(),
  kind: z
    .enum(["baseline", "additional"])
    .describe("baseline: the law already requires it; additional: goes beyond (EDPB 1/2024)"),
  offsets: z
    .array(FactorId)
    .optional()
    .describe("The factors of the balance this additional safeguard reduces"),
});

/** An officer's written reason for concluding against the computed balance. */
export const Override = z.strictObject({
  justification: Text,
  by: Text.optional(),
  on: IsoDate.optional(),
});

export const BalancingTest = z.strictObject({
  interest: Id,
  natureOfData: z.array(DataElement).optional(),
  reasonableExpectations: z
    .strictObject({
      relationship: Text.optional(),
      whatTheyWereTold: Text.optional(),
      context: Text.optional(),
      expected: z.enum(["yes", "partly", "no"]).optional(),
      toldAtCollection: z
        .boolean()
        .optional()
        .describe("People were told of this use when their data was collected"),
      noticeContradicts: z
        .boolean()
        .optional()
        .describe("What people were told rules this use out (e.g. a promise not to share)"),
      evidence: Text.optional().describe("Evidence about expectations: research, complaints"),
      likelyToObject: z.boolean().optional(),
      happyToExplain: z
        .boolean()
        .optional()
        .describe("Would you be comfortable explaining the processing to the people concerned?"),
    })
    .optional(),
  impacts: z.array(Impact).optional(),
  safeguards: z.array(Safeguard).optional(),
  optOut: z
    .strictObject({ available: z.boolean(), route: Text.optional(), reason: Text.optional() })
    .optional(),
  childrenConsidered: Text.optional().describe(
    "How the balance protects children, when they are in scope",
  ),
  children: z
    .strictObject({ measures: z.array(ChildMeasure), explanation: Text.optional() })
    .optional()
    .describe("The measures that protect children, when they are among the people concerned"),
  interestWeight: z.enum(["low", "moderate", "high"]).optional(),
  impactLevel: Level.optional(),
  overridden: z
    .boolean()
    .optional()
    .describe("Judgement: do the data subjects' interests or rights override the interest?"),
  reasoning: Text.optional(),
  override: Override.optional().describe(
    "Required when the conclusion goes against the balance the facts give: why",
  ),
});
export type BalancingTest = z.infer<typeof BalancingTest>;

export const SpecField = z.strictObject({
  name: z.string().min(1).max(200),
  type: Text.optional(),
  purpose: Text.optional(),
  retention: Text.optional().describe("e.g. 90 days, 7 years"),
  retentionDays: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("Retention as a number of days, for verify"),
  transformation: Transformation.optional(),
  notes: Text.optional(),
});
export type SpecField = z.infer<typeof SpecField>;

export const MinimisationSpec = z.strictObject({
  fields: z.array(SpecField),
  prohibited: z
    .array(z.strictObject({ name: z.string().min(1).max(200), reason: Text.optional() }))
    .optional(),
  rule: Text.optional().describe("e.g. no field may be added without a new or updated LIA"),
});
export type MinimisationSpec = z.infer<typeof MinimisationSpec>;

export const Objection = z.strictObject({
  route: Text.optional().describe("How a person objects under Art. 21"),
  responseDays: z.number().int().positive().max(92).optional(),
  outcomeIfUpheld: Text.optional(),
});

export const Conclusion = z.strictObject({
  summary: Text.optional(),
  conditions: z.array(Text).optional(),
  decidedBy: Text.optional(),
  decidedOn: IsoDate.optional(),
});

export const Lia = z
  .strictObject({
    interests: z.array(Interest).min(1, "an LIA names at least one interest"),
    necessity: z.array(NecessityTest).optional(),
    balancing: z.array(BalancingTest).optional(),
    minimisation: MinimisationSpec.optional(),
    objection: Objection.optional(),
    conclusion: Conclusion.optional(),
  })
  .describe("Legitimate Interests Assessment");
export type Lia = z.infer<typeof Lia>;
