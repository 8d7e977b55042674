/**
 * @module core/schema/assessment
 * The assessment file: one processing activity, its basis decisions, its LIA, its review
 * and sign-off records. A register file holds several of them for one organisation.
 */
import { z } from "zod";
import { DEFAULT_REVIEW_MONTHS, SIGN_OFF_ROLES, WorkflowStateSchema } from "../vocabulary.ts";
import { Organisation, ProcessingActivity } from "./activity.ts";
import { Id, IsoDate, Text } from "./common.ts";
import { BasisDecision } from "./decision.ts";
import { DpiaSection } from "./dpia.ts";
import { Lia } from "./lia.ts";

export const ASSESSMENT_FORMAT = "basis/v1";

export const Review = z.strictObject({
  cadenceMonths: z
    .number()
    .int()
    .min(1)
    .max(60)
    .optional()
    .describe(`Default ${DEFAULT_REVIEW_MONTHS}`),
  nextReview: IsoDate.optional().describe("Overrides the date computed from the cadence"),
  owner: Text.optional(),
  triggers: z.array(Text).optional(),
  history: z
    .array(z.strictObject({ date: IsoDate, by: Text.optional(), summary: Text }))
    .optional(),
});
export type Review = z.infer<typeof Review>;

export const SignOffRole = z.enum(SIGN_OFF_ROLES);

export const Approval = z.strictObject({
  role: SignOffRole,
  name: Text.optional(),
  decision: z.enum(["approved", "rejected"]).optional(),
  date: IsoDate.optional(),
  comment: Text.optional(),
});

export const VersionEntry = z.strictObject({
  version: z.string().min(1).max(20),
  date: IsoDate,
  changes: Text,
  author: Text.optional(),
});

export const Status = WorkflowStateSchema;

export const Screening = z.strictObject({
  questionnaire: Id,
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  assessor: Text.optional().describe("Who answered the screening"),
  date: IsoDate.optional().describe("When it was answered"),
});

const assessmentShape = {
  $schema: z.string().optional(),
  format: z.literal(ASSESSMENT_FORMAT).describe("File format version"),
  id: Id,
  title: Text,
  version: z.string().min(1).max(20).optional(),
  status: Status.optional(),
  template: Id.optional().describe("The template this assessment started from"),
  assessedOn: IsoDate.optional().describe("When the assessment was carried out"),
  author: Text.optional(),
  organisation: Organisation,
  activity: ProcessingActivity,
  decisions: z.array(BasisDecision),
  lia: Lia.optional(),
  dpia: DpiaSection.optional(),
  review: Review.optional(),
  signOff: z
    .strictObject({
      required: z.array(SignOffRole).optional(),
      records: z.array(Approval).optional(),
    })
    .optional(),
  history: z.array(VersionEntry).optional(),
  screening: Screening.optional(),
  notes: Text.optional(),
};

export const Assessment = z
  .strictObject({ ...assessmentShape, kind: z.literal("assessment") })
  .describe("A Basis assessment: one processing activity with its lawful-basis decisions and LIA");
export type Assessment = z.infer<typeof Assessment>;

const { organisation: _org, format: _format, $schema: _schema, ...entryShape } = assessmentShape;

/** One activity in a register: an assessment without the file header and organisation. */
export const RegisterEntry = z.strictObject(entryShape);
export type RegisterEntry = z.infer<typeof RegisterEntry>;

export const Register = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(ASSESSMENT_FORMAT),
    kind: z.literal("register"),
    title: Text,
    organisation: Organisation,
    activities: z.array(RegisterEntry).min(1),
  })
  .describe("A register of processing activities (Art. 30) for one organisation");
export type Register = z.infer<typeof Register>;

/** Either kind of Basis file. */
export const BasisFile = z.discriminatedUnion("kind", [Assessment, Register]);
export type BasisFile = z.infer<typeof BasisFile>;

/** Expand a register into the assessments it holds, each carrying the organisation. */
export function registerAssessments(register: Register): Assessment[] {
  return register.activities.map((entry) => ({
    ...entry,
    format: ASSESSMENT_FORMAT,
    kind: "assessment" as const,
    organisation: register.organisation,
  }));
}
