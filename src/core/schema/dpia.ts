/**
 * @module core/schema/dpia
 * The Data Protection Impact Assessment (Art. 35) kept with the activity and its LIA: the
 * systematic description, necessity and proportionality (reusing the LIA's), the risks to
 * people rated before and after their measures, the action plan, the DPO's advice, the views
 * of the people concerned and the Art. 36 consultation. Likelihood and severity use the four
 * levels of the CNIL's method, so DPIAs move to and from its PIA software.
 */
import { z } from "zod";
import { Id, IsoDate, Text } from "./common.ts";

/** Four levels for likelihood and severity (CNIL PIA method). */
export const RiskLevel = z.enum(["negligible", "limited", "significant", "maximum"]);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const RiskRating = z.strictObject({
  likelihood: RiskLevel,
  severity: RiskLevel,
  severityReason: Text.optional().describe(
    "Why this severity: the impacts on people, given the measures",
  ),
  likelihoodReason: Text.optional().describe(
    "Why this likelihood: the threats and sources of risk, given the measures",
  ),
});
export type RiskRating = z.infer<typeof RiskRating>;

/**
 * The kind of a risk. The first three are the feared events every DPIA assesses (a breach of
 * confidentiality, integrity or availability); `lia-impact` carries an impact from the LIA.
 */
export const DpiaRiskKind = z.enum([
  "illegitimate-access",
  "unwanted-modification",
  "disappearance",
  "lia-impact",
  "other",
]);

export const DpiaRisk = z.strictObject({
  id: Id,
  kind: DpiaRiskKind,
  title: Text,
  impactsOnPeople: z.array(Text).optional().describe("What it would mean for the people"),
  threats: z.array(Text).optional().describe("How it could happen"),
  sources: z.array(Text).optional().describe("Who or what could cause it"),
  before: RiskRating.optional().describe("Rated before the measures"),
  after: RiskRating.optional().describe("Rated with the measures in place"),
  measures: z.array(Id).optional().describe("Ids of the measures that address it"),
});
export type DpiaRisk = z.infer<typeof DpiaRisk>;

export const DpiaMeasure = z.strictObject({
  id: Id,
  title: Text,
  description: Text.optional(),
  status: z.enum(["planned", "in-progress", "done"]),
  owner: Text.optional(),
  due: IsoDate.optional(),
});
export type DpiaMeasure = z.infer<typeof DpiaMeasure>;

export const DpiaSection = z
  .strictObject({
    description: z
      .strictObject({
        nature: Text.optional().describe("How the data is collected, used, stored and deleted"),
        scope: Text.optional().describe("What data, how much, how often, for how long, how widely"),
        context: Text.optional().describe(
          "Relationship, expectations, concerns, the state of the art",
        ),
        purposes: Text.optional(),
        responsibilities: Text.optional().describe(
          "Who is responsible: the controller, processors and joint controllers",
        ),
        standards: Text.optional().describe(
          "Standards that apply: approved codes of conduct, certifications, sector rules",
        ),
      })
      .optional()
      .describe("Systematic description (Art. 35(7)(a)); pre-filled from the Art. 30 record"),
    necessity: z
      .strictObject({
        reusesLia: z
          .boolean()
          .optional()
          .describe("Necessity and proportionality are those of the LIA in this assessment"),
        notes: Text.optional().describe(
          "Why the data is adequate, relevant and limited to what is necessary (Art. 5(1)(c))",
        ),
        lawfulBasis: Text.optional().describe(
          "The lawful basis in words; the decisions hold the basis chosen for each purpose",
        ),
        accuracy: Text.optional().describe("How the data is kept accurate and up to date"),
        rights: z
          .strictObject({
            information: Text.optional().describe("How people are informed (Arts. 13 and 14)"),
            consent: Text.optional().describe("How consent is obtained, where it is relied on"),
            accessAndPortability: Text.optional().describe("Arts. 15 and 20"),
            rectificationAndErasure: Text.optional().describe("Arts. 16 and 17"),
            restrictionAndObjection: Text.optional().describe("Arts. 18 and 21"),
          })
          .optional()
          .describe("How people are told about the processing and exercise their rights"),
        processors: Text.optional().describe(
          "Processors and the contracts that bind them (Art. 28)",
        ),
        transfers: Text.optional().describe(
          "Transfers outside the EEA or the UK and their safeguards (Chapter V)",
        ),
      })
      .optional()
      .describe("Necessity and proportionality (Art. 35(7)(b)) and the measures for rights"),
    risks: z.array(DpiaRisk).describe("Risks to people (Art. 35(7)(c))"),
    measures: z.array(DpiaMeasure).describe("The measures and their action plan (Art. 35(7)(d))"),
    dpoAdvice: z
      .strictObject({
        advice: Text,
        favourable: z
          .boolean()
          .optional()
          .describe("The DPO advises that the processing may go ahead"),
        by: Text.optional(),
        on: IsoDate.optional(),
        followed: z.boolean().optional(),
        reasonNotFollowed: Text.optional(),
      })
      .optional()
      .describe("The DPO's advice (Art. 35(2))"),
    dataSubjectViews: z
      .strictObject({
        sought: z.boolean(),
        by: Text.optional().describe("Whose views: the people or representatives consulted"),
        favourable: z
          .boolean()
          .optional()
          .describe("They consider that the processing may go ahead"),
        summary: Text.optional(),
        reasonNotSought: Text.optional(),
      })
      .optional()
      .describe("The views of the people concerned or their representatives (Art. 35(9))"),
    priorConsultation: z
      .strictObject({ date: IsoDate.optional(), outcome: Text.optional() })
      .optional()
      .describe("Consultation of the supervisory authority when high risk remains (Art. 36)"),
    conclusion: z
      .strictObject({
        summary: Text.optional(),
        decidedBy: Text.optional(),
        decidedOn: IsoDate.optional(),
      })
      .optional(),
  })
  .describe("Data protection impact assessment (Art. 35)");
export type DpiaSection = z.infer<typeof DpiaSection>;

const ORDER: Readonly<Record<RiskLevel, number>> = {
  negligible: 1,
  limited: 2,
  significant: 3,
  maximum: 4,
};

/** A rating is high when both likelihood and severity are significant or maximum (CNIL). */
export function isHighRisk(r: RiskRating | undefined): boolean {
  return r !== undefined && ORDER[r.likelihood] >= 3 && ORDER[r.severity] >= 3;
}

export function riskOrder(level: RiskLevel): number {
  return ORDER[level];
}
