/**
 * @module interop/cnil-pia/format
 * The JSON file the CNIL's PIA software exports for one PIA (its `exportData`: `pia`,
 * `answers`, `measures`, `evaluations`, `comments`), as a zod schema, and reading such a file
 * from text with located errors. The schema checks the types of what Basis reads and lets
 * every other field through, so the importer can report, by path, what it did not map.
 *
 * Read from the software's public source (LINCnil/pia): `models/pia.model.ts`,
 * `answer.model.ts`, `measure.model.ts`, `evaluation.model.ts`, `services/pia.service.ts`
 * (`exportData`, `importData`) and `assets/files/pia_architecture.json` (question ids).
 */
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { type LocatedError, locatePath, validateData } from "../../core/parse.ts";

const Str = z.string().nullable().optional();
/** A whole number the software may have written as a number or as digits in a string. */
const Int = z.union([z.number().int(), z.string().regex(/^-?\d+$/, "expected a whole number")]);
/** A gauge: 0 (not set) or 1–4 (negligible, limited, significant, maximum). */
const Gauge = z.union([
  z.number().int().min(0).max(4),
  z.string().regex(/^[0-4]$/, "expected a level from 0 to 4"),
]);

export const CnilPia = z.looseObject({
  name: z.string().trim().min(1, "the PIA has no name"),
  status: Int.nullable().optional(),
  author_name: Str,
  evaluator_name: Str,
  validator_name: Str,
  dpo_status: Int.nullable().optional(),
  dpo_opinion: Str,
  dpos_names: Str,
  concerned_people_opinion: Str,
  concerned_people_status: Int.nullable().optional(),
  concerned_people_searched_opinion: z.boolean().nullable().optional(),
  concerned_people_searched_content: Str,
  people_names: Str,
  structure_id: Int.nullable().optional(),
  structure_name: Str,
});
export type CnilPia = z.infer<typeof CnilPia>;

export const CnilAnswer = z.looseObject({
  reference_to: Int,
  data: z.looseObject({
    text: Str,
    gauge: Gauge.nullable().optional(),
    list: z.array(z.string().nullable()).nullable().optional(),
  }),
});
export type CnilAnswer = z.infer<typeof CnilAnswer>;

export const CnilMeasure = z.looseObject({
  id: Int,
  title: Str,
  content: Str,
});
export type CnilMeasure = z.infer<typeof CnilMeasure>;

export const CnilEvaluation = z.looseObject({
  /** "2.1.213", "3.1.<measure id>", "3.2"…; a server may send a bare number. */
  reference_to: z.union([z.string().trim().min(1), z.number()]),
  /** 0 pending, 1 to be fixed, 2 improvable, 3 acceptable. */
  status: Int.nullable().optional(),
  gauges: z
    .looseObject({ x: Gauge.nullable().optional(), y: Gauge.nullable().optional() })
    .nullable()
    .optional(),
  evaluation_comment: Str,
  action_plan_comment: Str,
  person_in_charge: Str,
  estimated_implementation_date: Str,
});
export type CnilEvaluation = z.infer<typeof CnilEvaluation>;

export const CnilComment = z.looseObject({
  reference_to: z.union([z.number(), z.string()]).nullable().optional(),
  description: Str,
  for_measure: z.boolean().nullable().optional(),
});

export const CnilPiaFile = z
  .looseObject({
    pia: CnilPia,
    answers: z.array(CnilAnswer),
    measures: z.array(CnilMeasure),
    evaluations: z.array(CnilEvaluation),
    comments: z.array(CnilComment).nullable().optional(),
  })
  .describe("A PIA exported as JSON by the CNIL's PIA software");
export type CnilPiaFile = z.infer<typeof CnilPiaFile>;

export type Locate = (path: ReadonlyArray<PropertyKey>) => { line?: number; col?: number };

export type ReadResult =
  | { ok: true; value: CnilPiaFile; locate: Locate; repairedEncoding: boolean }
  | { ok: false; errors: LocatedError[] };

/**
 * Read the text of an exported PIA: JSON syntax errors with line and column, schema errors by
 * field path and line. The software's single-file JSON download encodes the text as UTF-8
 * twice (`unescape(encodeURIComponent(…))` written into a UTF-8 blob); such a file is
 * recognised and repaired, and `repairedEncoding` says so.
 */
export function readCnilPia(text: string): ReadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return { ok: false, errors: [{ path: "", message: "file is empty" }] };
  const fixed = undoDoubleUtf8(body);
  const json = fixed ?? body;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return {
      ok: false,
      errors: [
        { ...jsonErrorPosition(json, e as Error), path: "", message: jsonMessage(e as Error) },
      ],
    };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return {
      ok: false,
      errors: [
        {
          line: 1,
          col: 1,
          path: "",
          message: "expected a JSON object with pia, answers, measures and evaluations",
        },
      ],
    };
  const locate = locator(json);
  const checked = validateData(data, CnilPiaFile, locate);
  if (!checked.ok) return checked;
  return { ok: true, value: checked.value, locate, repairedEncoding: fixed !== undefined };
}

/** Find paths in the JSON text through the YAML parser (JSON is YAML); best effort. */
function locator(json: string): Locate {
  let cached: { doc: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined;
  return (path) => {
    if (!cached) {
      const lines = new LineCounter();
      cached = { doc: parseDocument(json, { lineCounter: lines, prettyErrors: false }), lines };
    }
    return locatePath(cached.doc, cached.lines, path);
  };
}

/**
 * The original text when `s` is UTF-8 decoded once too often: every character is a byte
 * (≤ U+00FF), at least one is not ASCII, and the bytes are valid UTF-8. Real Latin-1 text
 * almost never forms valid multi-byte UTF-8 sequences, so the test does not misfire.
 */
export function undoDoubleUtf8(s: string): string | undefined {
  let nonAscii = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return undefined;
    if (c > 0x7f) nonAscii = true;
  }
  if (!nonAscii) return undefined;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function jsonMessage(e: Error): string {
  const first = e.message
    .replace(/^(Unexpected token '[^']*'),[\s\S]*$/, "$1")
    .replace(/ in JSON at position \d+[\s\S]*$/, "")
    .replace(/^JSON\.parse: /, "");
  return `not valid JSON: ${first}`;
}

/** Line and column of the first JSON syntax error: Node does not always say where it is. */
function jsonErrorPosition(text: string, e: Error): { line?: number; col?: number } {
  const at = /position (\d+)/.exec(e.message);
  const offset = at ? Number(at[1]) : firstJsonError(text);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - before.lastIndexOf("\n") };
}

/** The offset of the first character that is not valid JSON (a small recursive scanner). */
export function firstJsonError(text: string): number {
  let i = 0;
  const at = (k = i) => text.charAt(k);
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(at())) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const expect = (c: string) => {
    if (at() !== c) fail();
    i++;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, i)) fail();
    i += word.length;
  };
  const string = () => {
    expect('"');
    while (at() !== '"') {
      if (i >= text.length || at() < " ") fail();
      if (at() !== "\\") i++;
      else if (at(i + 1) === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else if (at(i + 1) !== "" && '"\\/bfnrt'.includes(at(i + 1))) i += 2;
      else {
        i++;
        fail();
      }
    }
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m?.[0].length ?? 0;
  };
  /** Members of an object or items of an array, up to the closing bracket. */
  const members = (close: string, member: () => void) => {
    i++;
    ws();
    if (at() === close) {
      i++;
      return;
    }
    for (;;) {
      member();
      ws();
      if (at() === close) break;
      expect(",");
    }
    i++;
  };
  const value = (): void => {
    ws();
    const c = at();
    if (c === "{")
      members("}", () => {
        ws();
        string();
        ws();
        expect(":");
        value();
      });
    else if (c === "[") members("]", value);
    else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else number();
  };
  try {
    value();
    ws();
    return Math.min(i, text.length);
  } catch (offset) {
    return typeof offset === "number" ? offset : 0;
  }
}
