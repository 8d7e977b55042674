/**
 * The runner over the built-in seed-000 screening: every stop, jump and pending branch, the
 * scoring of Q13's multi-select, the findings, the threshold boundary and answer errors.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../parse.ts";
import { parseAnswers } from "./answers.ts";
import { type Answer, type QuestionnaireRun, runQuestionnaire } from "./run.ts";
import { Questionnaire, type QuestionnaireInput } from "./schema.ts";

// Tests may read the shipped content; the module under test never reads anything.
const content = (name: string) =>
  readFileSync(new URL(`../../content/questionnaires/${name}`, import.meta.url), "utf8");

const loaded = parseYaml(content("lia-screening-2018.yaml"), Questionnaire);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const screening = loaded.value;

const seedFile = parseAnswers(content("seed-000-answers.yaml"));
if (!seedFile.ok) throw new Error(JSON.stringify(seedFile.errors));
/** Seed 000's own answers, as shipped in seed-000-answers.yaml: total 11. */
const SEED: Readonly<Record<string, Answer>> = seedFile.value.answers;

/** Seed 000's answers with some changed; `undefined` removes an answer. */
function seedWith(changes: Record<string, Answer | undefined>): Record<string, Answer> {
  const answers: Record<string, Answer> = { ...SEED };
  for (const [id, answer] of Object.entries(changes)) {
    if (answer === undefined) delete answers[id];
    else answers[id] = answer;
  }
  return answers;
}

function run(answers: Record<string, Answer>, q: Questionnaire = screening): QuestionnaireRun {
  const outcome = runQuestionnaire(q, answers);
  if (!outcome.ok) throw new Error(`unexpected answer errors: ${JSON.stringify(outcome.errors)}`);
  return outcome.run;
}

function errorsOf(answers: Record<string, Answer>) {
  const outcome = runQuestionnaire(screening, answers);
  if (outcome.ok) throw new Error(`expected answer errors, got result ${outcome.run.result}`);
  return outcome.errors;
}

describe("seed 000's worked example", () => {
  it("totals 11 and is likely, carrying the threshold's message", () => {
    const r = run(SEED);
    expect(r.total).toBe(11);
    expect(r.result).toBe("likely");
    expect(r.message).toMatch(/closer the score is to 1/);
    expect(r.findings).toEqual([]);
    expect(r.ignored).toEqual([]);
  });

  it("follows Q11's yes past Q12 to the end of the questions", () => {
    const r = run(SEED);
    expect(r.path).toEqual([
      ...["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q11"],
      ...["Q13", "Q14", "Q15", "Q16", "Q17", "Q18", "Q19", "Q20"],
    ]);
    expect(r.stoppedAt).toBeUndefined();
  });

  it("scores the same when the purpose is guaranteed rather than probable", () => {
    expect(run(seedWith({ Q9: "guaranteed" })).total).toBe(11);
  });
});

describe("stops", () => {
  const stops: [string, Answer, RegExp][] = [
    ["Q1", "no", /nothing to\s+assess/],
    ["Q6", "yes", /unlawful or unethical/],
    ["Q9", "possibly", /not enough/],
    ["Q9", "no", /not necessary/],
    ["Q10", "yes", /revise the plan/],
  ];
  for (const [question, answer, reason] of stops) {
    it(`ends the screening at ${question} when the answer is ${String(answer)}`, () => {
      const r = run(seedWith({ [question]: answer }));
      expect(r.result).toBe("stopped");
      expect(r.stoppedAt?.question).toBe(question);
      expect(r.stoppedAt?.reason).toMatch(reason);
      expect(r.path.at(-1)).toBe(question);
      expect(r.message).toBeUndefined();
    });
  }

  it("ends at Q12 when the notice is silent and there is no emergency", () => {
    const r = run(seedWith({ Q11: "no", Q12: "no" }));
    expect(r.result).toBe("stopped");
    expect(r.stoppedAt?.question).toBe("Q12");
    expect(r.path.slice(-2)).toEqual(["Q11", "Q12"]);
  });

  it("reports the answers after a stop as ignored and counts only the points before it", () => {
    const r = run(seedWith({ Q10: "yes" }));
    expect(r.total).toBe(5);
    expect(r.ignored).toEqual(["Q11", "Q13", "Q14", "Q15", "Q16", "Q17", "Q18", "Q19", "Q20"]);
    expect(Object.keys(r.answers)).toEqual(r.path);
  });

  it("goes on through Q12 when the notice is silent but it is an emergency", () => {
    const r = run(seedWith({ Q11: "no", Q12: "yes" }));
    expect(r.result).toBe("likely");
    expect(r.path).toContain("Q12");
    expect(r.total).toBe(11);
  });
});

describe("jumps", () => {
  it("skips Q8 to Q10 after Q7 yes, scoring them 0 and listing them as ignored", () => {
    // Unskipped, these answers would add 10 points and then stop the screening at Q9.
    const r = run(seedWith({ Q7: "yes", Q8: "really", Q9: "no", Q10: "yes" }));
    expect(r.path).not.toContain("Q8");
    expect(r.path.slice(6, 8)).toEqual(["Q7", "Q11"]);
    expect(r.total).toBe(6);
    expect(r.result).toBe("likely");
    expect(r.ignored).toEqual(["Q8", "Q9", "Q10"]);
  });

  it("does not ask for the skipped questions: a run without them is complete", () => {
    const r = run(seedWith({ Q7: "yes", Q8: undefined, Q9: undefined, Q10: undefined }));
    expect(r.result).toBe("likely");
    expect(r.ignored).toEqual([]);
  });

  it("skips Q12 after Q11 yes, even when Q12 is answered with its stopping answer", () => {
    const r = run(seedWith({ Q12: "no" }));
    expect(r.result).toBe("likely");
    expect(r.path).not.toContain("Q12");
    expect(r.ignored).toEqual(["Q12"]);
  });
});

describe("pending", () => {
  it("parks the run at Q11 when nobody knows what the privacy notice says", () => {
    const r = run(seedWith({ Q11: "unknown" }));
    expect(r.result).toBe("pending");
    expect(r.pendingAt).toEqual({
      question: "Q11",
      reason: expect.stringMatching(/privacy notice/),
    });
    expect(r.path.at(-1)).toBe("Q11");
    expect(r.total).toBe(5);
    expect(r.ignored[0]).toBe("Q13");
    expect(r.stoppedAt).toBeUndefined();
  });
});

describe("Q13, the data subjects (multi-select)", () => {
  // The seed's answers without Q13's points: 11 - (-1) = 12.
  const base = 12;
  const cases: [string[], number][] = [
    [["staff"], -2],
    [["consumers"], -2],
    [["web-users"], -1],
    [["business"], 0],
    [["staff", "consumers", "web-users", "business"], -5],
    [["consumers", "web-users"], -3],
  ];
  for (const [chosen, points] of cases) {
    it(`scores ${points} for ${chosen.join(" + ")}`, () => {
      expect(run(seedWith({ Q13: chosen })).total).toBe(base + points);
    });
  }

  it("counts an option listed twice once", () => {
    const r = run(seedWith({ Q13: ["staff", "staff"] }));
    expect(r.total).toBe(base - 2);
    expect(r.answers.Q13).toEqual(["staff"]);
  });

  it("records the choices in the questionnaire's order", () => {
    expect(run(seedWith({ Q13: ["business", "staff"] })).answers.Q13).toEqual([
      "staff",
      "business",
    ]);
  });

  it("accepts a single value written without a list", () => {
    expect(run(seedWith({ Q13: "consumers" })).total).toBe(base - 2);
  });

  it("refuses an empty choice: every screening concerns somebody", () => {
    expect(errorsOf(seedWith({ Q13: [] }))).toEqual([
      {
        path: "answers.Q13",
        message: "choose at least one of: staff, consumers, web-users, business",
      },
    ]);
  });

  it("names the position of an unknown value in the list", () => {
    expect(errorsOf(seedWith({ Q13: ["staff", "visitors"] }))[0]?.path).toBe("answers.Q13[1]");
  });
});

describe("findings", () => {
  it("raises the special-category blocker on Q2 yes and carries on", () => {
    const r = run(seedWith({ Q2: "yes" }));
    expect(r.findings).toEqual([
      { code: "SCREENING_SPECIAL_DATA", severity: "blocker", question: "Q2" },
    ]);
    expect(r.result).toBe("likely");
    expect(r.total).toBe(11);
  });

  it("keeps the finding when the run stops later", () => {
    const r = run(seedWith({ Q2: "yes", Q6: "yes" }));
    expect(r.result).toBe("stopped");
    expect(r.findings.map((f) => f.code)).toEqual(["SCREENING_SPECIAL_DATA"]);
  });
});

describe("outcome threshold", () => {
  it("is likely at a total of 1", () => {
    const r = run(seedWith({ Q8: "quite", Q14: "yes", Q16: "yes" }));
    expect(r.total).toBe(1);
    expect(r.result).toBe("likely");
  });

  it("is unlikely at a total of 0", () => {
    const r = run(seedWith({ Q8: "quite", Q14: "yes", Q16: "yes", Q13: ["staff"] }));
    expect(r.total).toBe(0);
    expect(r.result).toBe("unlikely");
    expect(r.message).toMatch(/unlikely/);
  });

  it("is unlikely well below 0", () => {
    const r = run(seedWith({ Q14: "yes", Q15: "yes", Q18: "no", Q19: "no", Q20: "definitely-no" }));
    expect(r.total).toBe(11 - 4 - 4 - 4 - 4 - 3);
    expect(r.result).toBe("unlikely");
  });
});

describe("incomplete runs", () => {
  it("names the first unanswered question on the path and keeps the total so far", () => {
    const r = run(seedWith({ Q14: undefined }));
    expect(r.result).toBe("incomplete");
    expect(r.nextQuestion).toBe("Q14");
    expect(r.path.at(-1)).toBe("Q13");
    expect(r.total).toBe(4);
    expect(r.ignored).toEqual(["Q15", "Q16", "Q17", "Q18", "Q19", "Q20"]);
    expect(r.message).toBeUndefined();
  });

  it("starts at Q1 with no answers", () => {
    const r = run({});
    expect(r).toMatchObject({ result: "incomplete", nextQuestion: "Q1", path: [], total: 0 });
  });

  it("asks for Q12 only once Q11 is answered no", () => {
    expect(run(seedWith({ Q11: "no" })).nextQuestion).toBe("Q12");
  });
});

describe("answer errors", () => {
  it("refuses a value that is not one of the options and lists the options", () => {
    expect(errorsOf(seedWith({ Q8: "very" }))).toEqual([
      { path: "answers.Q8", message: "must be one of: quite, important, really" },
    ]);
  });

  it("checks answers the walk would skip, so a typo never passes silently", () => {
    expect(errorsOf(seedWith({ Q7: "yes", Q8: "very" }))[0]?.path).toBe("answers.Q8");
  });

  it("refuses an answer to a question the questionnaire does not have", () => {
    expect(errorsOf(seedWith({ Q21: "yes" }))[0]).toMatchObject({
      path: "answers.Q21",
      message: expect.stringMatching(/no such question in lia-screening-2018/),
    });
  });

  it("refuses a list for a single-choice question", () => {
    expect(errorsOf(seedWith({ Q1: ["yes"] }))[0]?.message).toMatch(
      /choose one answer, not a list/,
    );
  });

  it("refuses blank text and trims the text it keeps", () => {
    expect(errorsOf(seedWith({ Q3: "   " }))).toEqual([
      { path: "answers.Q3", message: "must not be empty" },
    ]);
    expect(run(seedWith({ Q3: "  plan  " })).answers.Q3).toBe("plan");
  });

  it("reports every bad answer at once", () => {
    expect(errorsOf(seedWith({ Q1: "maybe", Q20: "perhaps" })).map((e) => e.path)).toEqual([
      "answers.Q1",
      "answers.Q20",
    ]);
  });
});

describe("multi-select actions", () => {
  const q: QuestionnaireInput = {
    id: "actions",
    version: 1,
    title: "Actions",
    questions: [
      {
        id: "A",
        text: "Pick",
        type: "multi",
        options: [
          { value: "go", label: "Go", points: 1 },
          { value: "far", label: "Far", action: "jump", to: "D", points: 1 },
          { value: "near", label: "Near", action: "jump", to: "C", points: 1 },
          { value: "check", label: "Check", action: "pending", reason: "check it" },
          { value: "halt", label: "Halt", action: "stop", reason: "halted" },
        ],
      },
      { id: "B", text: "B", type: "text" },
      { id: "C", text: "C", type: "text" },
      { id: "D", text: "D", type: "text" },
    ],
    outcome: {
      thresholds: [
        { max: 0, result: "unlikely", message: "no" },
        { min: 1, result: "likely", message: "yes" },
      ],
    },
  };
  const parsed = Questionnaire.parse(q);
  const withA = (chosen: string[]) => run({ A: chosen, B: "b", C: "c", D: "d" }, parsed);

  it("stops when any chosen option stops, whatever else is chosen", () => {
    expect(withA(["go", "far", "check", "halt"]).stoppedAt).toEqual({
      question: "A",
      reason: "halted",
    });
  });

  it("prefers pending to a jump", () => {
    expect(withA(["far", "check"]).result).toBe("pending");
  });

  it("takes the nearer of two jumps and sums every chosen option's points", () => {
    const r = withA(["far", "near", "go"]);
    expect(r.path).toEqual(["A", "C", "D"]);
    expect(r.total).toBe(3);
    expect(r.ignored).toEqual(["B"]);
  });
});
