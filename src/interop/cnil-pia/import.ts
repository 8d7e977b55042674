/**
 * @module interop/cnil-pia/import
 * A PIA exported by the CNIL's PIA software → a draft Basis assessment carrying its `dpia`
 * section. What has a home in Basis is mapped (`mapping.ts` says where); everything else with
 * content is listed by its path in the source file, so nothing is dropped silently. Fields
 * Basis requires that the CNIL questionnaire does not ask (data categories, data subjects,
 * the basis chosen per purpose) get an explicit stand-in and a note saying what to fill in.
 * Pure: takes the parsed file, returns data; nothing is written here.
 */
import type { LocatedError } from "../../core/parse.ts";
import { ASSESSMENT_FORMAT, Assessment } from "../../core/schema/index.ts";
import { type CnilPiaFile, type Locate, readCnilPia } from "./format.ts";
import { indexEvaluations, readMeasures } from "./import-measures.ts";
import { readPia } from "./import-pia.ts";
import { readRisk } from "./import-risks.ts";
import {
  type Answers,
  type Draft,
  filled,
  type ImportNote,
  ImportRun,
  type Unmapped,
} from "./import-run.ts";
import { FIRST_PURPOSE, RISK_ITEMS, SYSTEMS_QUESTION, slugOf, TEXT_QUESTIONS } from "./mapping.ts";

export type { ImportNote, Unmapped } from "./import-run.ts";

export interface CnilImportOptions {
  /** The new assessment's id; by default made from the PIA's name. */
  id?: string;
  /** EU unless told: the CNIL file does not say which GDPR applies. */
  jurisdiction?: "EU" | "UK";
  /** ISO country of the controller's main establishment (FR brings in the CNIL's list). */
  country?: string;
}

export type CnilImportResult =
  | { ok: true; assessment: Assessment; unmapped: Unmapped[]; notes: ImportNote[] }
  | { ok: false; errors: LocatedError[] };

export const NO_CATEGORIES = "Not itemised in the CNIL PIA (see dpia.description.scope)";
export const NO_SUBJECTS = "Not identified in the CNIL PIA";

export const DOUBLE_UTF8_NOTE =
  "the file's text was UTF-8 encoded twice, as the CNIL software's JSON download writes it; it was decoded back";

/** Read the text of an exported PIA and import it; errors are located in the text. */
export function importCnilPiaText(text: string, options: CnilImportOptions = {}): CnilImportResult {
  const read = readCnilPia(text);
  if (!read.ok) return read;
  const result = importCnilPia(read.value, options, read.locate);
  if (result.ok && read.repairedEncoding)
    result.notes.unshift({ path: "", note: DOUBLE_UTF8_NOTE });
  return result;
}

/** Map a parsed CNIL PIA export to a draft assessment with its DPIA section. */
export function importCnilPia(
  file: CnilPiaFile,
  options: CnilImportOptions = {},
  locate: Locate = () => ({}),
): CnilImportResult {
  const run = new ImportRun(locate);
  const assessment = build(run, file, options);
  if (run.errors.length > 0) return { ok: false, errors: run.errors };
  const checked = Assessment.safeParse(assessment);
  if (!checked.success)
    return {
      ok: false,
      errors: checked.error.issues.map((i) => ({
        path: "",
        message: `the assessment made from this file is not valid at ${i.path.join(".")}: ${i.message}`,
      })),
    };
  // Header first, as Basis writes its files; the rest in the schema's order.
  const { format, kind, ...rest } = checked.data;
  return {
    ok: true,
    assessment: { format, kind, ...rest },
    unmapped: run.unmapped.sort(bySourceOrder),
    notes: run.notes,
  };
}

function build(run: ImportRun, file: CnilPiaFile, options: CnilImportOptions): Draft {
  const pia = file.pia;
  const name = pia.name.trim();
  const a: Draft = {
    format: ASSESSMENT_FORMAT,
    kind: "assessment",
    id: options.id ?? (slugOf(name) || "cnil-pia"),
    title: name,
    status: "draft",
    organisation: {
      jurisdiction: options.jurisdiction ?? "EU",
      ...(options.country ? { country: options.country } : {}),
    },
    activity: {
      name,
      description: name,
      purposes: [],
      dataCategories: [{ name: NO_CATEGORIES }],
      dataSubjects: [{ name: NO_SUBJECTS }],
    },
    decisions: [],
    dpia: { risks: [], measures: [] },
  };
  readPia(run, file, a);
  const answers = run.indexAnswers(file.answers);
  readTextAnswers(run, answers, a);
  const measureIds = readMeasures(run, file, a);
  const evaluations = indexEvaluations(run, file.evaluations, measureIds, a);
  for (const item of RISK_ITEMS) readRisk(run, item, answers, evaluations.get(item.item), a);
  for (const [q, { index }] of answers)
    if (!run.consumed.has(q))
      run.skip(
        `answers[${index}]`,
        `question ${q} is not one of the CNIL questionnaire's (a custom structure?)`,
      );
  (file.comments ?? []).forEach((c, i) => {
    if (filled(c.description))
      run.skip(
        `comments[${i}]`,
        `a comment${c.reference_to === null || c.reference_to === undefined ? "" : ` on ${c.for_measure ? "measure" : "question"} ${c.reference_to}`}; Basis keeps comments in its database, not in the file`,
      );
  });
  for (const [key, value] of Object.entries(file))
    if (!["pia", "answers", "measures", "evaluations", "comments"].includes(key) && filled(value))
      run.skip(key, "not a part of the PIA export Basis knows");
  standIns(run, a, answers, options);
  return a;
}

function readTextAnswers(run: ImportRun, answers: Answers, a: Draft) {
  for (const q of TEXT_QUESTIONS) {
    const hit = run.answer(answers, q.id, { text: true });
    const t = hit && run.rich(hit.data.text, [...hit.path, "text"]);
    if (t !== undefined) q.set(a, t);
  }
  const systems = run.answer(answers, SYSTEMS_QUESTION.id, { text: true });
  const t = systems && run.rich(systems.data.text, [...systems.path, "text"]);
  if (t !== undefined) {
    const lines = t.split("\n");
    // A plain list of two or more assets is one asset each; anything else is one text.
    a.activity.systems =
      lines.length >= 2 && lines.every((l) => /^- \S/.test(l)) ? lines.map((l) => l.slice(2)) : [t];
  }
}

/** Required Basis fields the questionnaire does not fill, with a note for each. */
function standIns(run: ImportRun, a: Draft, answers: Answers, options: CnilImportOptions): void {
  const purposes = a.dpia.description?.purposes;
  a.activity.purposes = [{ id: FIRST_PURPOSE, description: purposes ?? a.title }];
  const note = (path: string, text: string) => run.note(path, text);
  if (!answers.has(111))
    note("activity.description", "the PIA has no overview (1.1.1): the name stands in");
  note(
    "activity.purposes",
    purposes
      ? "one purpose holding the text of 2.1.1; split it into purposes and give each a category"
      : "the PIA states no purposes (2.1.1): the name stands in",
  );
  note(
    "activity.dataCategories",
    "the CNIL PIA describes the data in free text (1.2.1, kept in dpia.description.scope): list the categories, marking special-category and criminal-offence data",
  );
  note(
    "activity.dataSubjects",
    "the CNIL PIA does not ask who the data subjects are: name the groups, marking children and vulnerable people",
  );
  note(
    "decisions",
    "the CNIL PIA gives the lawful basis in words (2.1.2, kept in dpia.necessity.lawfulBasis): record the basis chosen for each purpose",
  );
  note(
    "dpia.description.context",
    "the CNIL PIA has no question on the context (relationship, expectations, concerns): write it",
  );
  if (!options.jurisdiction)
    note("organisation.jurisdiction", "the file does not say which GDPR applies: EU assumed");
}

const PARTS = ["pia", "answers", "measures", "evaluations", "comments"];

/** Paths in the order of the file: its parts, then rows by index. */
function bySourceOrder(x: Unmapped, y: Unmapped): number {
  const key = (p: string) => {
    const m = /^([A-Za-z_]+)(?:\[(\d+)\])?(.*)$/.exec(p);
    const part = PARTS.indexOf(m?.[1] ?? "");
    return [part === -1 ? PARTS.length : part, Number(m?.[2] ?? -1), m?.[3] ?? ""] as const;
  };
  const [a, b] = [key(x.path), key(y.path)];
  return a[0] - b[0] || a[1] - b[1] || 0;
}
