/**
 * @module core/questionnaire/schema
 * The shape of a screening questionnaire file. Questionnaires are data, never code: each
 * question's options carry the points they score and the action they take (continue, stop,
 * jump ahead, or "pending: go and check"). The refinements here make a questionnaire that
 * validates safe to run: every jump lands on a later question, every total has one outcome.
 */
import { z } from "zod";
import { Id, Text } from "../schema/common.ts";

/** A question id such as `Q1` or `special-data`: letters, digits, `_` and `-`. */
export const QuestionId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "start with a letter; use letters, digits, _ and -, e.g. Q7")
  .max(40)
  .describe("Question id, e.g. Q7");

export const OptionAction = z
  .enum(["continue", "stop", "jump", "pending"])
  .describe(
    "continue: next question; stop: the screening ends here; jump: go to `to`; pending: go and check, then answer again",
  );
export type OptionAction = z.infer<typeof OptionAction>;

export const ScreeningSeverity = z.enum(["blocker", "warning", "info"]);

export const OptionFinding = z
  .strictObject({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, "finding codes are UPPER_SNAKE_CASE, e.g. SCREENING_SPECIAL_DATA")
      .max(80),
    severity: ScreeningSeverity,
  })
  .describe("A finding raised whenever this option is chosen");

export const QuestionOption = z.strictObject({
  value: Id.describe("The value written in answer files, e.g. probably-yes"),
  label: Text.describe("What the person answering sees"),
  points: z.number().int().default(0).describe("Points added to the total when chosen"),
  action: OptionAction.default("continue"),
  to: QuestionId.optional().describe("For action jump: the (later) question to go to"),
  reason: Text.optional().describe("Why the screening stops, or what to go and check"),
  finding: OptionFinding.optional(),
});
export type QuestionOption = z.infer<typeof QuestionOption>;

export const QuestionType = z
  .enum(["single", "multi", "text"])
  .describe("single: one option; multi: every option that applies; text: free text, scores 0");

export const Question = z.strictObject({
  id: QuestionId,
  section: Text.optional(),
  text: Text,
  help: Text.optional(),
  type: QuestionType,
  options: z.array(QuestionOption).min(1).optional(),
});
export type Question = z.infer<typeof Question>;

export const Threshold = z.strictObject({
  min: z.number().int().optional().describe("Lowest total for this result (inclusive)"),
  max: z.number().int().optional().describe("Highest total for this result (inclusive)"),
  result: z.enum(["likely", "unlikely"]),
  message: Text,
});
export type Threshold = z.infer<typeof Threshold>;

export const Questionnaire = z
  .strictObject({
    id: Id,
    version: z.number().int().positive(),
    title: Text,
    description: Text.optional(),
    source: Text.optional().describe('Where it comes from, e.g. "scored LIA screening, 2018"'),
    questions: z.array(Question).min(1),
    outcome: z.strictObject({ thresholds: z.array(Threshold).min(1) }),
  })
  .superRefine((q, ctx) => {
    const index = new Map<string, number>();
    q.questions.forEach((question, i) => {
      if (index.has(question.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["questions", i, "id"],
          message: `duplicate question id ${question.id}; each id may appear once`,
        });
      } else {
        index.set(question.id, i);
      }
    });
    q.questions.forEach((question, i) => {
      checkQuestion(question, i, index, (path, message) =>
        ctx.addIssue({ code: "custom", path: ["questions", i, ...path], message }),
      );
    });
    checkThresholds(q.outcome.thresholds, (path, message) =>
      ctx.addIssue({ code: "custom", path: ["outcome", "thresholds", ...path], message }),
    );
  })
  .describe("A Basis screening questionnaire");
export type Questionnaire = z.infer<typeof Questionnaire>;
/** A questionnaire as written in a file, before defaults (points 0, action continue) apply. */
export type QuestionnaireInput = z.input<typeof Questionnaire>;

type Report = (path: (string | number)[], message: string) => void;

function checkQuestion(
  question: Question,
  position: number,
  index: ReadonlyMap<string, number>,
  report: Report,
): void {
  if (question.type === "text") {
    if (question.options !== undefined) report(["options"], "text questions take no options");
    return;
  }
  if (question.options === undefined) {
    report(["options"], `${question.type} questions need options`);
    return;
  }
  const seen = new Set<string>();
  question.options.forEach((option, j) => {
    const at = (field: string) => ["options", j, field];
    if (seen.has(option.value)) report(at("value"), `duplicate option value ${option.value}`);
    seen.add(option.value);
    if (option.action === "jump") {
      if (option.to === undefined) {
        report(at("to"), "a jump needs `to`: the question to go to");
      } else {
        const target = index.get(option.to);
        if (target === undefined) report(at("to"), `no question ${option.to} to jump to`);
        else if (target <= position)
          report(at("to"), `jumps must go forward; ${option.to} is not after ${question.id}`);
      }
    } else if (option.to !== undefined) {
      report(at("to"), "`to` is only for action jump");
    }
    if ((option.action === "stop" || option.action === "pending") && option.reason === undefined) {
      report(at("reason"), `a ${option.action} option needs a reason: say why, or what to check`);
    }
  });
}

/** Thresholds must give every integer total exactly one result: no gaps, no overlaps. */
function checkThresholds(thresholds: readonly Threshold[], report: Report): void {
  const ranges = thresholds
    .map((t, i) => ({
      i,
      lo: t.min ?? Number.NEGATIVE_INFINITY,
      hi: t.max ?? Number.POSITIVE_INFINITY,
    }))
    .sort((a, b) => a.lo - b.lo);
  let expected = Number.NEGATIVE_INFINITY;
  for (const r of ranges) {
    if (r.lo > r.hi) {
      report([r.i], "min is greater than max");
      return;
    }
    if (r.lo !== expected) {
      const problem = r.lo < expected ? "overlaps the threshold below it" : "leaves a gap below it";
      report([r.i], `${problem}; thresholds must cover every total exactly once`);
      return;
    }
    expected = r.hi + 1;
  }
  if (expected !== Number.POSITIVE_INFINITY) {
    report([], "no threshold covers the highest totals; leave out max on the top one");
  }
}
