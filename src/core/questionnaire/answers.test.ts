/**
 * Answers files: both accepted shapes, located errors, and locating a runner's error path in
 * the text it came from.
 */
import { describe, expect, it } from "vitest";
import { parseAnswers } from "./answers.ts";

describe("answers files", () => {
  it("reads a bare mapping of question to answer", () => {
    const result = parseAnswers('Q1: "yes"\nQ13: [staff, web-users]\n');
    expect(result.ok && result.value.answers).toEqual({ Q1: "yes", Q13: ["staff", "web-users"] });
  });

  it("reads answers wrapped with the questionnaire they are for", () => {
    const result = parseAnswers("questionnaire: lia-screening-2018\nanswers:\n  Q1: no\n");
    expect(result.ok && result.value).toMatchObject({
      questionnaire: "lia-screening-2018",
      answers: { Q1: "no" },
    });
  });

  it("reads JSON as well as YAML", () => {
    const result = parseAnswers('{ "answers": { "Q8": "important" } }');
    expect(result.ok && result.value.answers).toEqual({ Q8: "important" });
  });

  it("places a syntax error by line and column", () => {
    expect(parseAnswers('Q1: "yes"\nQ2: [no\n')).toMatchObject({
      ok: false,
      errors: [{ line: 3, path: "" }],
    });
  });

  it("names a non-text answer by its answers path and line, in either shape", () => {
    const bare = parseAnswers('Q1: "yes"\nQ8: 5\n');
    expect(bare).toMatchObject({
      ok: false,
      errors: [{ line: 2, path: "answers.Q8", message: "expected string, found number 5" }],
    });
    const wrapped = parseAnswers("answers:\n  Q1: yes\n  Q3:\n");
    expect(wrapped).toMatchObject({ ok: false, errors: [{ line: 3, path: "answers.Q3" }] });
  });

  it("refuses unknown top-level fields beside answers", () => {
    const result = parseAnswers("answers: { Q1: yes }\nnotes: hello\n");
    expect(result).toMatchObject({ ok: false, errors: [{ line: 2, path: "notes" }] });
  });

  it("finds the line of a runner error path, including an item of a list", () => {
    const result = parseAnswers("answers:\n  Q1: yes\n  Q13:\n    - staff\n    - visitors\n");
    if (!result.ok) throw new Error("expected the file to parse");
    expect(result.value.locate("answers.Q1")).toMatchObject({ line: 2 });
    expect(result.value.locate("answers.Q13[1]")).toEqual({ line: 5, col: 7 });
    expect(result.value.locate("outcome.thresholds")).toEqual({});
  });
});
