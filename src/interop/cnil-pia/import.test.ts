/**
 * Importing a PIA exported by the CNIL's PIA software. The fixture is a DPIA of EduSphere's
 * audit logging written for these tests in the software's export format; its import is kept
 * as a golden file (regenerate with UPDATE_GOLDEN=1 after checking the change).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { assessmentJsonSchema } from "../../core/json-schema.ts";
import { toYaml } from "../../core/serialize.ts";
import { type CnilPiaFile, firstJsonError } from "./format.ts";
import { importCnilPia, importCnilPiaText, NO_CATEGORIES } from "./import.ts";
import { SYSTEMS_QUESTION, TEXT_QUESTIONS } from "./mapping.ts";

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const FIXTURE = root("test/fixtures/cnil-pia/edusphere-audit-logging.json");
const GOLDEN = root("test/golden/edusphere-audit-logging.cnil-import.golden.yaml");
const text = () => readFileSync(FIXTURE, "utf8");
const file = (): CnilPiaFile => JSON.parse(text());

function imported(f: CnilPiaFile = file()) {
  const r = importCnilPia(f);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

/** A minimal export: the PIA and the given rows. */
function pia(parts: { pia?: Record<string, unknown>; [part: string]: unknown } = {}): CnilPiaFile {
  return {
    answers: [],
    measures: [],
    evaluations: [],
    ...parts,
    pia: { name: "Test PIA", ...parts.pia },
  } as CnilPiaFile;
}

describe("importing the EduSphere PIA", () => {
  it("gives the golden assessment", () => {
    const r = importCnilPiaText(text());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const yaml = toYaml(r.assessment, "../../schema/assessment.schema.json");
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, yaml);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run UPDATE_GOLDEN=1`).toBe(true);
    expect(yaml).toBe(readFileSync(GOLDEN, "utf8"));
  });

  it("gives a file that validates against the published JSON Schema", () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
      assessmentJsonSchema(),
    );
    expect(
      validate(JSON.parse(JSON.stringify(imported().assessment))),
      JSON.stringify(validate.errors),
    ).toBe(true);
  });

  it("reports each field with content that has no home in Basis, by its path in the file", () => {
    expect(imported().unmapped.map((u) => u.path)).toEqual([
      "pia.evaluator_name",
      "answers[21].data.list[4]",
      "evaluations[0].status",
      "evaluations[1].status",
      "evaluations[2].status",
      "evaluations[2].evaluation_comment",
      "evaluations[2].action_plan_comment",
      "evaluations[2].person_in_charge",
      "evaluations[5].evaluation_comment",
      "evaluations[9].action_plan_comment",
      "evaluations[11].status",
      "evaluations[11].evaluation_comment",
      "evaluations[12].status",
      "comments[0]",
    ]);
    const why = Object.fromEntries(imported().unmapped.map((u) => [u.path, u.reason]));
    expect(why["answers[21].data.list[4]"]).toBe('no measure is titled "Staff awareness training"');
    expect(why["comments[0]"]).toContain("a comment on question 215");
  });

  it("notes what it inferred and what Basis needs that the CNIL file does not hold", () => {
    const notes = imported().notes.map((n) => n.path);
    expect(notes).toEqual([
      "dpia.measures",
      "dpia.risks[1].after",
      "dpia.risks[2].after",
      "activity.purposes",
      "activity.dataCategories",
      "activity.dataSubjects",
      "decisions",
      "dpia.description.context",
      "organisation.jurisdiction",
    ]);
    const a = imported().assessment;
    expect(a.status).toBe("draft");
    expect(a.activity.dataCategories).toEqual([{ name: NO_CATEGORIES }]);
    expect(a.decisions).toEqual([]);
  });
});

describe("importing the parts of a PIA", () => {
  const gauge = (ref: number, g: number, text: string | null = null) => ({
    reference_to: ref,
    data: { text, gauge: g, list: [] },
  });

  it("reads the gauges 1-4 as the four CNIL levels, and the evaluator's gauges (x severity, y likelihood) as the rating after measures", () => {
    const r = imported(
      pia({
        answers: [gauge(325, 4, "<p>Very <b>serious</b></p>"), gauge(326, 3)],
        evaluations: [{ reference_to: "3.2", status: 2, gauges: { x: 2, y: 1 } }],
      }),
    );
    expect(r.assessment.dpia?.risks).toEqual([
      {
        id: "illegitimate-access",
        kind: "illegitimate-access",
        title: "Illegitimate access to data",
        before: { likelihood: "significant", severity: "maximum", severityReason: "Very serious" },
        after: { likelihood: "negligible", severity: "limited" },
      },
    ]);
  });

  it("takes the author's rating as the one after measures when the evaluator did not re-rate, and says so", () => {
    const r = imported(pia({ answers: [gauge(345, 2), gauge(346, 1)] }));
    const risk = r.assessment.dpia?.risks[0];
    expect(risk?.kind).toBe("disappearance");
    expect(risk?.after).toEqual({ likelihood: "negligible", severity: "limited" });
    expect(r.notes.map((n) => n.path)).toContain("dpia.risks[0].after");
  });

  it("reports a rating with one level only instead of guessing the other", () => {
    const r = imported(pia({ answers: [gauge(335, 3, "<p>why</p>")] }));
    expect(r.assessment.dpia?.risks).toEqual([]);
    expect(r.unmapped).toEqual([
      {
        path: "answers[0].data.gauge",
        reason: "a severity without the other level; a rating needs both",
      },
      {
        path: "answers[0].data.text",
        reason: "the severity justification of an incomplete rating",
      },
    ]);
  });

  it("records a measure the evaluator found acceptable as done, any other as planned, with the owner and the day the browser picked", () => {
    const r = imported(
      pia({
        measures: [
          { id: 9, title: "Encryption", content: "<p>AES</p>" },
          { id: 12, title: "Encryption", content: "<p>TLS</p>" },
          { id: 13, title: "Training", content: null },
        ],
        evaluations: [
          { reference_to: "3.1.9", status: 3 },
          {
            reference_to: "3.1.12",
            status: 2,
            person_in_charge: "CISO",
            // Local midnight of 1 June in Paris, as a browser there stores it.
            estimated_implementation_date: "2026-05-31T22:00:00.000Z",
          },
        ],
      }),
    );
    expect(r.assessment.dpia?.measures).toEqual([
      { id: "encryption", title: "Encryption", description: "AES", status: "done" },
      {
        id: "encryption-2",
        title: "Encryption",
        description: "TLS",
        status: "planned",
        owner: "CISO",
        due: "2026-06-01",
      },
      { id: "training", title: "Training", status: "planned" },
    ]);
  });

  it("maps the DPO's opinion and verdict, and the people's views or why they were not sought", () => {
    const sought = imported(
      pia({
        pia: {
          dpos_names: "Jane DPO",
          dpo_status: 0,
          dpo_opinion: "Do not go ahead.",
          concerned_people_searched_opinion: true,
          people_names: "Works council",
          concerned_people_status: 1,
          concerned_people_opinion: "Agreed.",
        },
      }),
    ).assessment.dpia;
    expect(sought?.dpoAdvice).toEqual({
      advice: "Do not go ahead.",
      favourable: false,
      by: "Jane DPO",
    });
    expect(sought?.dataSubjectViews).toEqual({
      sought: true,
      by: "Works council",
      favourable: true,
      summary: "Agreed.",
    });
    const notSought = imported(
      pia({
        pia: {
          concerned_people_searched_opinion: false,
          concerned_people_searched_content: "Asking would alert fraudsters.",
          people_names: "Nobody",
        },
      }),
    );
    expect(notSought.assessment.dpia?.dataSubjectViews).toEqual({
      sought: false,
      reasonNotSought: "Asking would alert fraudsters.",
    });
    expect(notSought.unmapped.map((u) => u.path)).toEqual(["pia.people_names"]);
  });

  it("takes a validated PIA as a completed DPIA decided by its validator, yet imports it as a draft", () => {
    const r = imported(pia({ pia: { status: 3, validator_name: "CEO" } }));
    expect(r.assessment.status).toBe("draft");
    expect(r.assessment.activity.dpia).toEqual({ status: "completed" });
    expect(r.assessment.dpia?.conclusion).toEqual({ decidedBy: "CEO" });
    expect(r.unmapped.map((u) => u.path)).toEqual(["pia.status"]);
    const doing = imported(pia({ pia: { status: 0, validator_name: "CEO" } }));
    expect(doing.assessment.activity.dpia).toEqual({ status: "planned" });
    expect(doing.assessment.dpia?.conclusion).toBeUndefined();
  });

  it("reports answers outside the CNIL questionnaire, second answers and unknown fields", () => {
    const r = imported(
      pia({
        pia: { favourite_colour: "blue", category: "" },
        answers: [
          { reference_to: "111", data: { text: "<p>First</p>" } },
          { reference_to: 111, data: { text: "<p>Second</p>" } },
          { reference_to: 999, data: { text: "<p>Custom</p>" } },
          { reference_to: 121, data: { text: "<p>Data</p>", list: ["stray"] }, extra: "x" },
        ],
        attachments: [{ name: "flow.png" }],
      }),
    );
    expect(r.assessment.activity.description).toBe("First");
    expect(r.unmapped.map((u) => u.path)).toEqual([
      "pia.favourite_colour",
      "answers[1]",
      "answers[2]",
      "answers[3].extra",
      "answers[3].data.list",
      "attachments",
    ]);
  });

  it("keeps a list of supporting assets as one system each, other text as one", () => {
    const list = imported(
      pia({
        answers: [{ reference_to: 123, data: { text: "<ul><li>DB</li><li>Backups</li></ul>" } }],
      }),
    );
    expect(list.assessment.activity.systems).toEqual(["DB", "Backups"]);
    const prose = imported(
      pia({
        answers: [{ reference_to: 123, data: { text: "<p>Servers:</p><ul><li>DB</li></ul>" } }],
      }),
    );
    expect(prose.assessment.activity.systems).toEqual(["Servers:\n\n- DB"]);
  });

  it("reads an evaluation reference sent as a number", () => {
    const r = imported(
      pia({
        measures: [{ id: 4, title: "Backups", content: null }],
        evaluations: [
          { reference_to: 3.1, status: 3 },
          { reference_to: "3.1.4", status: 3 },
        ],
      }),
    );
    expect(r.assessment.dpia?.measures[0]?.status).toBe("done");
    expect(r.unmapped.map((u) => u.path)).toEqual(["evaluations[0].status"]);
  });

  it("takes the id, jurisdiction and country it is given", () => {
    const a = importCnilPia(pia(), { id: "my-dpia", jurisdiction: "UK", country: "GB" });
    if (!a.ok) throw new Error("refused");
    expect([a.assessment.id, a.assessment.organisation]).toEqual([
      "my-dpia",
      { jurisdiction: "UK", country: "GB" },
    ]);
    expect(a.notes.map((n) => n.path)).not.toContain("organisation.jurisdiction");
  });
});

describe("the mapping table in README.md", () => {
  it("names every question the importer maps, with the Basis field it goes to", () => {
    const readme = readFileSync(root("src/interop/cnil-pia/README.md"), "utf8");
    for (const q of [...TEXT_QUESTIONS, SYSTEMS_QUESTION]) {
      const n = String(q.id);
      const row = readme.split("\n").find((l) => l.startsWith(`| ${n[0]}.${n[1]}.${n[2]} `));
      expect(row, `question ${q.id}`).toContain(`\`${q.basis}\``);
    }
  });
});

describe("reading a PIA file", () => {
  it("repairs a file whose text was UTF-8 encoded twice, as the CNIL software's download writes it", () => {
    const twice = String.fromCharCode(...new TextEncoder().encode(text()));
    expect(twice).toContain("HÃ©lÃ¨ne");
    const r = importCnilPiaText(twice);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.assessment.dpia?.dpoAdvice?.by).toBe("Hélène Roux, Data Protection Officer");
    expect(r.assessment).toEqual(imported().assessment);
    expect(r.notes[0]?.note).toContain("encoded twice");
  });

  it("refuses a malformed file with the line and column of the JSON error", () => {
    const r = importCnilPiaText('{\n  "pia": {\n    "name": "x",\n  }\n}');
    expect(r).toEqual({
      ok: false,
      errors: [{ line: 4, col: 3, path: "", message: expect.stringContaining("not valid JSON") }],
    });
  });

  it("finds the first JSON error itself where Node does not say where it is", () => {
    const cases: [string, number][] = [
      ['{"a": }', 6],
      ["[1 2]", 3],
      ['{"a": [}', 7],
      ['{"a": "x', 8],
      ['{"a": 1} x', 9],
      ['{"a": tru}', 6],
      ["[1,]", 3],
    ];
    for (const [json, offset] of cases) expect(firstJsonError(json), json).toBe(offset);
    const r = importCnilPiaText('{\n  "pia": {},\n  "answers": [}\n}');
    expect(r.ok ? [] : r.errors.map((e) => [e.line, e.col, e.message])).toEqual([
      [3, 15, "not valid JSON: Unexpected token '}'"],
    ]);
  });

  it("refuses a file of the wrong shape with the path and line of each wrong field", () => {
    const r = importCnilPiaText(
      '{\n  "pia": { "name": "" },\n  "answers": [\n    { "reference_to": "x", "data": { "gauge": 7 } }\n  ],\n  "measures": []\n}',
    );
    if (r.ok) throw new Error("accepted");
    expect(r.errors.map((e) => [e.path, e.line])).toEqual([
      ["evaluations", 1],
      ["pia.name", 2],
      ["answers[0].data.gauge", 4],
      ["answers[0].reference_to", 4],
    ]);
  });

  it("refuses an answer longer than Basis keeps, naming it", () => {
    const r = importCnilPia(
      pia({ answers: [{ reference_to: 122, data: { text: `<p>${"x".repeat(20_001)}</p>` } }] }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.path).toBe("answers[0].data.text");
  });
});
