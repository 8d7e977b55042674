/**
 * The questionnaire schema's refinements: a questionnaire that validates can always be run.
 */
import { describe, expect, it } from "vitest";
import { validateData } from "../parse.ts";
import { Questionnaire, type QuestionnaireInput } from "./schema.ts";

function aQuestionnaire(): QuestionnaireInput {
  return {
    id: "tiny",
    version: 1,
    title: "Tiny screening",
    questions: [
      {
        id: "Q1",
        text: "Personal data?",
        type: "single",
        options: [
          { value: "yes", label: "Yes", action: "jump", to: "Q3" },
          { value: "no", label: "No", action: "stop", reason: "Nothing to assess." },
        ],
      },
      { id: "Q2", text: "Why?", type: "text" },
      {
        id: "Q3",
        text: "Who?",
        type: "multi",
        options: [
          { value: "staff", label: "Staff", points: -2 },
          { value: "customers", label: "Customers", points: 1 },
        ],
      },
    ],
    outcome: {
      thresholds: [
        { max: 0, result: "unlikely", message: "Unlikely." },
        { min: 1, result: "likely", message: "Likely." },
      ],
    },
  };
}

function errors(change: (q: QuestionnaireInput) => void) {
  const q = aQuestionnaire();
  change(q);
  const result = validateData(q, Questionnaire);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

const option = (q: QuestionnaireInput, question: number, index: number) => {
  const found = q.questions[question]?.options?.[index];
  if (found === undefined) throw new Error("no such option in the test questionnaire");
  return found;
};

describe("questionnaire schema", () => {
  it("accepts a well-formed questionnaire and fills in default points and actions", () => {
    const result = validateData(aQuestionnaire(), Questionnaire);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.value.questions[2]?.options?.[1]).toMatchObject({
        points: 1,
        action: "continue",
      });
  });

  it("rejects a jump to a question that does not exist", () => {
    expect(errors((q) => Object.assign(option(q, 0, 0), { to: "Q9" }))).toEqual([
      "questions[0].options[0].to: no question Q9 to jump to",
    ]);
  });

  it("rejects a jump backwards or onto itself", () => {
    const q = aQuestionnaire();
    q.questions[2]?.options?.push({ value: "again", label: "Again", action: "jump", to: "Q1" });
    expect(validateData(q, Questionnaire)).toMatchObject({
      ok: false,
      errors: [
        {
          path: "questions[2].options[2].to",
          message: "jumps must go forward; Q1 is not after Q3",
        },
      ],
    });
    expect(errors((q) => Object.assign(option(q, 0, 0), { to: "Q1" }))[0]).toMatch(
      /must go forward/,
    );
  });

  it("rejects a jump without a target, and a target without a jump", () => {
    expect(errors((q) => delete option(q, 0, 0).to)).toEqual([
      "questions[0].options[0].to: a jump needs `to`: the question to go to",
    ]);
    expect(errors((q) => Object.assign(option(q, 2, 0), { to: "Q3" }))).toEqual([
      "questions[2].options[0].to: `to` is only for action jump",
    ]);
  });

  it("rejects duplicate question ids", () => {
    expect(errors((q) => Object.assign(q.questions[1] ?? {}, { id: "Q1" }))).toContain(
      "questions[1].id: duplicate question id Q1; each id may appear once",
    );
  });

  it("rejects duplicate option values within a question", () => {
    expect(errors((q) => Object.assign(option(q, 2, 1), { value: "staff" }))).toEqual([
      "questions[2].options[1].value: duplicate option value staff",
    ]);
  });

  it("requires options on choice questions and refuses them on text questions", () => {
    expect(errors((q) => delete q.questions[2]?.options)).toEqual([
      "questions[2].options: multi questions need options",
    ]);
    expect(
      errors((q) => Object.assign(q.questions[1] ?? {}, { options: [{ value: "x", label: "X" }] })),
    ).toEqual(["questions[1].options: text questions take no options"]);
  });

  it("requires a reason on stop and pending options", () => {
    expect(errors((q) => delete option(q, 0, 1).reason)).toEqual([
      "questions[0].options[1].reason: a stop option needs a reason: say why, or what to check",
    ]);
  });

  it("rejects thresholds that leave a total without a result", () => {
    expect(errors((q) => Object.assign(q.outcome.thresholds[1] ?? {}, { min: 2 }))[0]).toMatch(
      /leaves a gap/,
    );
    expect(errors((q) => Object.assign(q.outcome.thresholds[1] ?? {}, { max: 5 }))[0]).toMatch(
      /highest totals/,
    );
  });

  it("rejects thresholds that give a total two results", () => {
    expect(errors((q) => Object.assign(q.outcome.thresholds[1] ?? {}, { min: 0 }))[0]).toMatch(
      /overlaps/,
    );
  });

  it("rejects unknown fields, so a misspelt key is caught", () => {
    expect(errors((q) => Object.assign(option(q, 2, 0), { point: 3 }))).toEqual([
      "questions[2].options[0].point: unknown field (check the spelling)",
    ]);
  });
});
