/**
 * @module core/api/dpia
 * The answers of the DPIA routes: the screening of a stored assessment as people read it, and
 * the result of importing a file from another tool (what was created, what did not map).
 */
import { z } from "zod";
import { AssessmentView } from "./assessments.ts";

const List = z.enum(["wp248", "cnil", "ico", "art-35-3"]);

export const DpiaScreeningAnswer = z.strictObject({
  assessmentId: z.string(),
  version: z.number().int(),
  id: z.string(),
  title: z.string(),
  verdict: z.enum(["required", "likely", "not-needed"]),
  /** The verdict in words. */
  summary: z.string(),
  nationalList: z.enum(["cnil", "ico"]).nullable(),
  criteria: z.array(
    z.strictObject({
      id: z.string(),
      list: List,
      listLabel: z.string(),
      title: z.string(),
      facts: z.array(z.string()),
      because: z.array(z.string()),
      refs: z.array(z.string()),
    }),
  ),
  dpia: z.strictObject({
    held: z.boolean(),
    completed: z.boolean(),
    residualRisk: z.enum(["high", "low"]).nullable(),
  }),
});
export type DpiaScreeningAnswer = z.infer<typeof DpiaScreeningAnswer>;

export const DpiaImportAnswer = z.strictObject({
  assessment: AssessmentView,
  /** What the source file held that has no home in Basis, by its path in the source. */
  unmapped: z.array(z.strictObject({ path: z.string(), reason: z.string() })),
  notes: z.array(z.strictObject({ path: z.string(), note: z.string() })),
});

/** The open measures of every DPIA's action plan, soonest due first (the dashboard's list). */
export const DpiaMeasureList = z.strictObject({
  today: z.string(),
  items: z.array(
    z.strictObject({
      assessmentId: z.string(),
      slug: z.string(),
      title: z.string(),
      measureId: z.string(),
      measure: z.string(),
      status: z.enum(["planned", "in-progress"]),
      owner: z.string().nullable(),
      due: z.string().nullable(),
      /** Days from today to the due date, negative when overdue; null when undated. */
      days: z.number().int().nullable(),
    }),
  ),
});
export type DpiaMeasureList = z.infer<typeof DpiaMeasureList>;
