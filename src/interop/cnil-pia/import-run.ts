/**
 * @module interop/cnil-pia/import-run
 * The state of one import — errors, what did not map, notes, which answers were read — and
 * the helpers every part of the importer uses to read a field and account for the rest.
 */
import type { LocatedError } from "../../core/parse.ts";
import type { Assessment, DpiaSection } from "../../core/schema/index.ts";
import type { CnilAnswer, CnilEvaluation, Locate } from "./format.ts";
import { htmlToText } from "./html.ts";
import { ROW_BOOKKEEPING } from "./mapping.ts";

/** A field of the source file with content that has no home in Basis. */
export interface Unmapped {
  /** Path in the CNIL file, e.g. `evaluations[4].evaluation_comment`. */
  path: string;
  reason: string;
}

/** Something the import inferred or stood in for, by its path in the Basis assessment. */
export interface ImportNote {
  path: string;
  note: string;
}

/** The assessment being built: its DPIA section is there from the start. */
export type Draft = Assessment & { dpia: DpiaSection };

/** The file's answers by question id, with their index in the file. */
export type Answers = Map<number, { answer: CnilAnswer; index: number }>;

const MAX_TEXT = 20_000;
const STATUS_WORDS: Record<number, string> = { 1: "to be fixed", 2: "improvable", 3: "acceptable" };

export function num(v: number | string | null | undefined): number | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Whether a value carries anything: not empty, blank, zero, false or null. */
export function filled(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0) return false;
  if (typeof v === "string") return v.trim() !== "";
  if (Array.isArray(v)) return v.some(filled);
  if (typeof v === "object") return Object.values(v).some(filled);
  return true;
}

export class ImportRun {
  readonly errors: LocatedError[] = [];
  readonly unmapped: Unmapped[] = [];
  readonly notes: ImportNote[] = [];
  /** Question ids whose answer was read. */
  readonly consumed = new Set<number>();

  constructor(private readonly locate: Locate) {}

  fail(path: (string | number)[], message: string): void {
    const text = path.reduce<string>(
      (acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc === "" ? k : `${acc}.${k}`),
      "",
    );
    this.errors.push({ ...this.locate(path), path: text, message });
  }

  skip(path: string, reason: string): void {
    this.unmapped.push({ path, reason });
  }

  note(path: string, note: string): void {
    this.notes.push({ path, note });
  }

  /** Rich text from the editor, as plain text. */
  rich(html: string | null | undefined, path: (string | number)[]): string | undefined {
    return this.bounded(htmlToText(html), path);
  }

  /** A plain textarea value: trimmed, line breaks kept. */
  plain(s: string | null | undefined, path: (string | number)[]): string | undefined {
    const t = s?.replace(/\r\n?/g, "\n").trim();
    return this.bounded(t === "" ? undefined : t, path);
  }

  bounded(t: string | undefined, path: (string | number)[]): string | undefined {
    if (t !== undefined && t.length > MAX_TEXT) {
      this.fail(path, `is ${t.length} characters as text; Basis keeps at most ${MAX_TEXT}`);
      return undefined;
    }
    return t;
  }

  date(value: string | null | undefined, path: (string | number)[]): string | undefined {
    if (!filled(value)) return undefined;
    const ms = Date.parse(String(value));
    if (Number.isNaN(ms)) {
      this.fail(path, `"${value}" is not a date`);
      return undefined;
    }
    // A date picked in a browser is local midnight: the nearest UTC midnight is that day.
    return new Date(Math.round(ms / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
  }

  /** Report a row's fields that are neither read nor bookkeeping. */
  leftovers(row: Record<string, unknown>, path: string, read: readonly string[]): void {
    for (const [key, value] of Object.entries(row))
      if (!read.includes(key) && !ROW_BOOKKEEPING.has(key) && filled(value))
        this.skip(`${path}.${key}`, "not a field Basis knows");
  }

  indexAnswers(list: CnilAnswer[]): Answers {
    const map: Answers = new Map();
    list.forEach((answer, index) => {
      const q = num(answer.reference_to) ?? -1;
      const first = map.get(q);
      if (first) {
        this.skip(
          `answers[${index}]`,
          `a second answer to question ${q}; answers[${first.index}] was used`,
        );
        return;
      }
      map.set(q, { answer, index });
      this.leftovers(answer, `answers[${index}]`, ["reference_to", "data"]);
      this.leftovers(answer.data, `answers[${index}].data`, ["text", "gauge", "list"]);
    });
    return map;
  }

  /** The answer to question `q`, marked as read; reports the parts of it `use` leaves. */
  answer(
    answers: Answers,
    q: number,
    use: { text?: boolean; list?: boolean; gauge?: boolean },
  ): { data: CnilAnswer["data"]; path: (string | number)[] } | undefined {
    const hit = answers.get(q);
    if (!hit) return undefined;
    this.consumed.add(q);
    const path = ["answers", hit.index, "data"];
    const at = `answers[${hit.index}].data`;
    const { text, list, gauge } = hit.answer.data;
    if (!use.text && filled(htmlToText(text)))
      this.skip(`${at}.text`, `question ${q} takes no text`);
    if (!use.list && filled(list)) this.skip(`${at}.list`, `question ${q} takes no list`);
    if (!use.gauge && (num(gauge) ?? 0) > 0)
      this.skip(`${at}.gauge`, `question ${q} takes no level`);
    return { data: hit.answer.data, path };
  }

  comments(ev: CnilEvaluation, at: string): void {
    if (filled(htmlToText(ev.evaluation_comment)))
      this.skip(
        `${at}.evaluation_comment`,
        "the evaluator's comment; Basis keeps review comments in its database",
      );
    if (filled(htmlToText(ev.action_plan_comment)))
      this.skip(
        `${at}.action_plan_comment`,
        "the evaluator's corrective action in words; Basis's action plan is its measures",
      );
  }

  /** An evaluation Basis has no place for: report whatever the evaluator wrote in it. */
  evaluatorOnly(ev: CnilEvaluation, at: string, what: string): void {
    const status = num(ev.status) ?? 0;
    if (status > 0)
      this.skip(
        `${at}.status`,
        `${what}: the evaluator's verdict (${STATUS_WORDS[status] ?? status})`,
      );
    this.comments(ev, at);
    if (filled(ev.person_in_charge))
      this.skip(`${at}.person_in_charge`, `${what}: who is in charge of the correction`);
    if (filled(ev.estimated_implementation_date))
      this.skip(`${at}.estimated_implementation_date`, `${what}: when the correction is due`);
  }
}
