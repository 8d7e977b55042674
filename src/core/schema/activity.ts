/**
 * @module core/schema/activity
 * The controller and one Article 30 record of processing.
 */
import { z } from "zod";
import {
  CountryCode,
  DataNature,
  DataSource,
  DpiaIndicator,
  Id,
  IsoDate,
  Jurisdiction,
  PurposeCategory,
  Relationship,
  Scale,
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
    establishedIn: z
      .enum(["eu", "uk", "eu-and-uk", "outside"])
      .optional()
      .describe("Where the controller has an establishment (Art. 3)"),
    targetsOrMonitors: z
      .boolean()
      .optional()
      .describe(
        "A controller established outside: it offers goods or services to, or monitors, people in the EU/UK (Art. 3(2))",
      ),
    representative: Text.optional().describe("The Art. 27 representative, when Art. 3(2) applies"),
    notForProfit: z
      .boolean()
      .optional()
      .describe("A foundation, association or other not-for-profit body (Art. 9(2)(d))"),
    charity: z.boolean().optional().describe("A charity (UK PECR reg. 22(3A) soft opt-in)"),
    dominantPosition: z
      .boolean()
      .optional()
      .describe("The controller holds a dominant position over the people concerned (C-252/21)"),
  })
  .describe("The controller");
export type Organisation = z.infer<typeof Organisation>;

export const Purpose = z.strictObject({
  id: Id,
  description: Text,
  category: PurposeCategory.optional().describe(
    "What kind of purpose this is; sets retention norms and which Art. 9(2) conditions can fit",
  ),
});
export type Purpose = z.infer<typeof Purpose>;

export const DataCategory = z.strictObject({
  name: Text.describe("e.g. IP address, email address, health symptoms"),
  specialCategory: SpecialCategory.optional().describe("Set when this is Art. 9 data"),
  criminalOffence: z.boolean().optional().describe("True for Art. 10 data"),
  nature: z
    .array(DataNature)
    .optional()
    .describe("What the data is: financial, location, communications, national id…"),
  source: DataSource.optional().describe(
    "Where it comes from: the person, observation, inference, a third party, or made public by the person",
  ),
  sourceRetentionDays: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("How long the source keeps the data, e.g. a public register (C-26/22 SCHUFA)"),
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
  relationship: Relationship.optional().describe("Their relationship with the controller"),
  purposes: z
    .array(Id)
    .optional()
    .describe("Purposes that concern this group; omitted means every purpose"),
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
  residualRisk: z
    .enum(["low", "medium", "high"])
    .optional()
    .describe("The risk that remains after the DPIA's measures"),
  priorConsultation: z
    .strictObject({ date: IsoDate.optional(), outcome: Text.optional() })
    .optional()
    .describe("Art. 36 consultation of the supervisory authority, when high risk remains"),
});

export const JointController = z.strictObject({
  name: Text,
  arrangement: z
    .boolean()
    .optional()
    .describe("An Art. 26 arrangement sets out each controller's responsibilities"),
  interest: Text.optional().describe(
    "This controller's own legitimate interest, when legitimate interests are relied on (C-40/17)",
  ),
});

export const Collection = z.strictObject({
  fromDataSubject: z.boolean().optional().describe("Collected from the person (Art. 13)"),
  fromOthers: z.boolean().optional().describe("Obtained from others (Art. 14)"),
  sources: z.array(Text).optional(),
  informedOfIndirect: z
    .boolean()
    .optional()
    .describe("People are given the Art. 14 information about data obtained from others"),
});

/** How the processing works, where it intrudes: the facts behind intrusiveness and WP248. */
export const Characteristics = z.strictObject({
  profiling: z.boolean().optional().describe("Evaluates or predicts aspects of people (Art. 4(4))"),
  combinesSources: z.boolean().optional().describe("Matches or combines data from several sources"),
  tracksAcrossSites: z.boolean().optional().describe("Follows people across other sites or apps"),
  tracksAcrossDevices: z.boolean().optional(),
  behaviouralAdvertising: z.boolean().optional().describe("Targets advertising on behaviour"),
  monitoring: z
    .array(z.enum(["employees", "public-spaces", "online-behaviour", "location", "communications"]))
    .optional()
    .describe("What is systematically monitored"),
  monitoringGranularity: z
    .enum(["continuous", "fine-grained", "periodic", "on-incident"])
    .optional(),
  covert: z.boolean().optional().describe("People are not told when they are monitored"),
  newTechnology: z.boolean().optional().describe("New or innovative technology or use"),
  infersSensitive: z
    .boolean()
    .optional()
    .describe("Infers health, beliefs, sexuality or other special-category traits"),
  sharesWithThirdParties: z
    .boolean()
    .optional()
    .describe("Discloses the data to others for their own purposes"),
  sellsData: z.boolean().optional(),
  preventsServiceOrRight: z
    .boolean()
    .optional()
    .describe("Can stop someone using a service or exercising a right"),
  breachEndangersSafety: z
    .boolean()
    .optional()
    .describe("A breach of this data could put someone's physical health or safety at risk"),
});
export type Characteristics = z.infer<typeof Characteristics>;

export const Employment = z.strictObject({
  worksCouncil: z
    .enum(["agreed", "consulted", "not-consulted", "none-exists"])
    .optional()
    .describe("Employee representatives: agreement, consultation or none"),
  nationalLaw: Text.optional().describe(
    "The national employment-data law relied on (Art. 88), e.g. a section of a labour code",
  ),
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
    retention: Text.optional().describe(
      "Overall retention as a period or a rule with a maximum; fields may set their own",
    ),
    retentionDays: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("The longest retention in days, when the text does not state it"),
    retentionReason: z
      .strictObject({
        kind: z.enum(["legal-obligation", "limitation-period", "purpose"]),
        reference: Text.optional().describe("The law or the limitation period relied on"),
      })
      .optional()
      .describe("Why the data is kept as long as it is"),
    securityMeasures: z.array(Text).optional(),
    systems: z.array(Text).optional(),
    volume: Text.optional(),
    subjectCount: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe("About how many people the processing concerns"),
    scale: Scale.optional().describe("How widely the processing reaches, when no count is known"),
    collection: Collection.optional(),
    characteristics: Characteristics.optional(),
    jointControllers: z.array(JointController).optional(),
    employment: Employment.optional().describe(
      "For processing about staff: representatives and law",
    ),
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
