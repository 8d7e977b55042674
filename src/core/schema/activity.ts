/**
 * @module core/schema/activity
 * The controller and one Article 30 record of processing.
 */
import { z } from "zod";
import {
  CountryCode,
  DpiaIndicator,
  Id,
  IsoDate,
  Jurisdiction,
  SpecialCategory,
  Text,
  TransferMechanism,
} from "./common.ts";

export const Organisation = z
  .strictObject({
    name: Text.optional().describe("Legal name of the controller"),
    address: Text.optional(),
    dpoContact: Text.optional().describe("How to reach the DPO or privacy lead"),
    jurisdiction: Jurisdiction,
    country: CountryCode.optional().describe(
      "Country of main establishment; in the EU it sets the Art. 8 age of digital consent",
    ),
    publicAuthority: z
      .boolean()
      .optional()
      .describe("True for a public authority or body (Art. 6(1) last subparagraph)"),
  })
  .describe("The controller");
export type Organisation = z.infer<typeof Organisation>;

export const Purpose = z.strictObject({
  id: Id,
  description: Text,
});
export type Purpose = z.infer<typeof Purpose>;

export const DataCategory = z.strictObject({
  name: Text.describe("e.g. IP address, email address, health symptoms"),
  specialCategory: SpecialCategory.optional().describe("Set when this is Art. 9 data"),
  criminalOffence: z.boolean().optional().describe("True for Art. 10 data"),
  purposes: z
    .array(Id)
    .optional()
    .describe("Purposes that use this category; omitted means every purpose"),
});
export type DataCategory = z.infer<typeof DataCategory>;

export const DataSubjectGroup = z.strictObject({
  name: Text.describe("e.g. website visitors, employees, customers"),
  children: z.boolean().optional().describe("True when the group includes children"),
  youngestAge: z
    .number()
    .int()
    .min(0)
    .max(17)
    .optional()
    .describe("Youngest age that can be in the group, when children are included"),
  vulnerable: z.boolean().optional().describe("True for vulnerable people or a power imbalance"),
  countries: z
    .array(CountryCode)
    .optional()
    .describe("Countries where the service reaches this group; each country's Art. 8 age applies"),
});
export type DataSubjectGroup = z.infer<typeof DataSubjectGroup>;

export const Transfer = z.strictObject({
  destination: Text.describe("Country or territory outside the EEA/UK"),
  recipient: Text.optional(),
  mechanism: TransferMechanism.optional().describe("The Chapter V safeguard relied on"),
  details: Text.optional(),
});
export type Transfer = z.infer<typeof Transfer>;

export const AutomatedDecision = z.strictObject({
  description: Text,
  solelyAutomated: z.boolean(),
  legalOrSimilarEffect: z.boolean(),
  exception: z
    .enum(["contract", "authorised-by-law", "explicit-consent"])
    .optional()
    .describe("Art. 22(2) exception relied on"),
  safeguards: z.array(Text).optional().describe("Human intervention, contesting, explanation"),
});
export type AutomatedDecision = z.infer<typeof AutomatedDecision>;

export const Dpia = z.strictObject({
  status: z.enum(["not-needed", "planned", "completed"]),
  reference: Text.optional(),
  completedOn: IsoDate.optional(),
});

export const ProcessingActivity = z
  .strictObject({
    name: Text,
    description: Text,
    purposes: z.array(Purpose).min(1, "name at least one purpose"),
    dataCategories: z.array(DataCategory).min(1, "name at least one category of data"),
    dataSubjects: z.array(DataSubjectGroup).min(1, "name at least one group of data subjects"),
    recipients: z.array(Text).optional(),
    transfers: z.array(Transfer).optional(),
    retention: Text.optional().describe("Overall retention; fields may set their own"),
    securityMeasures: z.array(Text).optional(),
    systems: z.array(Text).optional(),
    volume: Text.optional(),
    classification: Text.optional().describe(
      "The organisation's data classification, e.g. restricted, confidential",
    ),
    startsOn: IsoDate.optional().describe("When the processing started or will start"),
    dpiaIndicators: z
      .array(DpiaIndicator)
      .optional()
      .describe("WP248 criteria that apply; some are also derived from the data"),
    dpia: Dpia.optional(),
    automatedDecisions: z.array(AutomatedDecision).optional(),
  })
  .describe("One record of processing (Art. 30)");
export type ProcessingActivity = z.infer<typeof ProcessingActivity>;
