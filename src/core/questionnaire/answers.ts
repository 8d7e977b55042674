/**
 * @module core/questionnaire/answers
 * The answers file given to `basis screen --answers`: YAML or JSON, either a bare mapping of
 * question id to answer (`Q1: "yes"`) or `{ questionnaire?, answers: {...} }`. Parsing keeps
 * the document so that a bad answer found later by the runner can still be shown with its
 * line and column. Pure: takes text, returns data.
 */
import { z } from "zod";
import {
  type LocatedError,
  locatePath,
  type ParseResult,
  parseYamlText,
  validateData,
} from "../parse.ts";
import { Id, IsoDate, Text } from "../schema/common.ts";
import type { Answer } from "./run.ts";

export const AnswerValue = z
  .union([z.string(), z.array(z.string())])
  .describe("An option value, a list of option values (multi), or free text");

export const AnswerMap = z.record(z.string(), AnswerValue);

export const WrappedAnswers = z.strictObject({
  questionnaire: Id.optional().describe("The questionnaire these answers are for"),
  assessor: Text.optional().describe("Who answered"),
  date: IsoDate.optional().describe("When, YYYY-MM-DD"),
  answers: AnswerMap,
});

export interface AnswersDocument {
  /** The questionnaire id the file names, when it names one. */
  questionnaire?: string;
  /** Who answered and when, when the file says. */
  assessor?: string;
  date?: string;
  answers: Record<string, Answer>;
  /** Line and column of `questionnaire` or of a runner error path such as `answers.Q13[1]`. */
  locate(path: string): { line?: number; col?: number };
}

/** Parse the text of an answers file; errors carry line, column and field path. */
export function parseAnswers(text: string): ParseResult<AnswersDocument> {
  const parsed = parseYamlText(text);
  if (!parsed.ok) return parsed;
  const wrapped = isMapping(parsed.data) && Object.hasOwn(parsed.data, "answers");
  const locateSegments = (path: ReadonlyArray<PropertyKey>) =>
    locatePath(parsed.doc, parsed.lines, path);
  let questionnaire: string | undefined;
  let answers: Record<string, Answer>;
  let who: { assessor?: string; date?: string } = {};
  if (wrapped) {
    const validated = validateData(parsed.data, WrappedAnswers, locateSegments);
    if (!validated.ok) return validated;
    ({ questionnaire, answers } = validated.value);
    const { assessor, date } = validated.value;
    who = {
      ...(assessor === undefined ? {} : { assessor }),
      ...(date === undefined ? {} : { date }),
    };
  } else {
    const validated = validateData(parsed.data, AnswerMap, locateSegments);
    if (!validated.ok) return { ok: false, errors: validated.errors.map(prefixAnswers) };
    answers = validated.value;
  }
  const locate = (path: string) => {
    if (path === "questionnaire") return wrapped ? locateSegments(["questionnaire"]) : {};
    const segments = answerPathSegments(path);
    return segments === undefined
      ? {}
      : locateSegments(wrapped ? ["answers", ...segments] : segments);
  };
  const doc: AnswersDocument = { answers, locate, ...who };
  if (questionnaire !== undefined) doc.questionnaire = questionnaire;
  return { ok: true, value: doc };
}

/** A bare mapping's errors are named as if wrapped, so every message says `answers.Q8`. */
function prefixAnswers(error: LocatedError): LocatedError {
  return { ...error, path: error.path === "" ? "" : `answers.${error.path}` };
}

/** `answers.Q13[1]` -> `["Q13", 1]`; undefined for paths outside the answers. */
function answerPathSegments(path: string): (string | number)[] | undefined {
  const match = /^answers\.([^.[\]]+)((?:\[\d+\])*)$/.exec(path);
  if (match === null) return undefined;
  const indices = [...(match[2] ?? "").matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  return [match[1] ?? "", ...indices];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
