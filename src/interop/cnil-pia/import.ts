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
import {
  ASSESSMENT_FORMAT,
  Assessment,
  type DpiaMeasure,
  type DpiaRisk,
  type DpiaSection,
  type RiskRating,
} from "../../core/schema/index.ts";
import {
  type CnilAnswer,
  type CnilEvaluation,
  type CnilPiaFile,
  type Locate,
  readCnilPia,
} from "./format.ts";
import { htmlToText } from "./html.ts";
import {
  EVALUATION_STATUS,
  FIRST_PURPOSE,
  idsFor,
  levelOf,
  PIA_BOOKKEEPING,
  PIA_STATUS,
  RISK_ITEMS,
  type RiskItem,
  ROW_BOOKKEEPING,
  SYSTEMS_QUESTION,
  slugOf,
  TEXT_QUESTIONS,
} from "./mapping.ts";

export interface CnilImportOptions {
  /** The new assessment's id; by default made from the PIA's name. */
  id?: string;
  /** EU unless told: the CNIL file does not say which GDPR applies. */
  jurisdiction?: "EU" | "UK";
  /** ISO country of the controller's main establishment (FR brings in the CNIL's list). */
  country?: string;
}

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

export type CnilImportResult =
  | { ok: true; assessment: Assessment; unmapped: Unmapped[]; notes: ImportNote[] }
  | { ok: false; errors: LocatedError[] };

const MAX_TEXT = 20_000;
export const NO_CATEGORIES = "Not itemised in the CNIL PIA (see dpia.description.scope)";
export const NO_SUBJECTS = "Not identified in the CNIL PIA";

type Draft = Assessment & { dpia: DpiaSection };

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
  const assessment = run.build(file, options);
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

function num(v: number | string | null | undefined): number | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function filled(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0) return false;
  if (typeof v === "string") return v.trim() !== "";
  if (Array.isArray(v)) return v.some(filled);
  if (typeof v === "object") return Object.values(v).some(filled);
  return true;
}

class ImportRun {
  readonly errors: LocatedError[] = [];
  readonly unmapped: Unmapped[] = [];
  readonly notes: ImportNote[] = [];

  constructor(private readonly locate: Locate) {}

  private fail(path: (string | number)[], message: string): void {
    const text = path.reduce<string>(
      (acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc === "" ? k : `${acc}.${k}`),
      "",
    );
    this.errors.push({ ...this.locate(path), path: text, message });
  }

  private skip(path: string, reason: string): void {
    this.unmapped.push({ path, reason });
  }

  /** Rich text from the editor, as plain text. */
  private rich(html: string | null | undefined, path: (string | number)[]): string | undefined {
    return this.bounded(htmlToText(html), path);
  }

  /** A plain textarea value: trimmed, line breaks kept. */
  private plain(s: string | null | undefined, path: (string | number)[]): string | undefined {
    const t = s?.replace(/\r\n?/g, "\n").trim();
    return this.bounded(t === "" ? undefined : t, path);
  }

  private bounded(t: string | undefined, path: (string | number)[]): string | undefined {
    if (t !== undefined && t.length > MAX_TEXT) {
      this.fail(path, `is ${t.length} characters as text; Basis keeps at most ${MAX_TEXT}`);
      return undefined;
    }
    return t;
  }

  private date(value: string | null | undefined, path: (string | number)[]): string | undefined {
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
  private leftovers(row: Record<string, unknown>, path: string, read: readonly string[]): void {
    for (const [key, value] of Object.entries(row))
      if (!read.includes(key) && !ROW_BOOKKEEPING.has(key) && filled(value))
        this.skip(`${path}.${key}`, "not a field Basis knows");
  }

  build(file: CnilPiaFile, options: CnilImportOptions): Draft {
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
    this.readPia(file, a);
    const answers = this.indexAnswers(file.answers);
    this.readTextAnswers(answers, a);
    const measureIds = this.readMeasures(file, a);
    const evaluations = this.indexEvaluations(file.evaluations, measureIds, a);
    for (const item of RISK_ITEMS) this.readRisk(item, answers, evaluations.get(item.item), a);
    for (const [q, { index }] of answers)
      if (!this.consumed.has(q))
        this.skip(
          `answers[${index}]`,
          `question ${q} is not one of the CNIL questionnaire's (a custom structure?)`,
        );
    (file.comments ?? []).forEach((c, i) => {
      if (filled(c.description))
        this.skip(
          `comments[${i}]`,
          `a comment${c.reference_to === null || c.reference_to === undefined ? "" : ` on ${c.for_measure ? "measure" : "question"} ${c.reference_to}`}; Basis keeps comments in its database, not in the file`,
        );
    });
    for (const [key, value] of Object.entries(file))
      if (!["pia", "answers", "measures", "evaluations", "comments"].includes(key) && filled(value))
        this.skip(key, "not a part of the PIA export Basis knows");
    this.standIns(a, answers, options);
    return a;
  }

  private readonly consumed = new Set<number>();

  private indexAnswers(list: CnilAnswer[]): Map<number, { answer: CnilAnswer; index: number }> {
    const map = new Map<number, { answer: CnilAnswer; index: number }>();
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
  private answer(
    answers: Map<number, { answer: CnilAnswer; index: number }>,
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

  private readTextAnswers(answers: Map<number, { answer: CnilAnswer; index: number }>, a: Draft) {
    for (const q of TEXT_QUESTIONS) {
      const hit = this.answer(answers, q.id, { text: true });
      const t = hit && this.rich(hit.data.text, [...hit.path, "text"]);
      if (t !== undefined) q.set(a, t);
    }
    const systems = this.answer(answers, SYSTEMS_QUESTION.id, { text: true });
    const t = systems && this.rich(systems.data.text, [...systems.path, "text"]);
    if (t !== undefined) {
      const lines = t.split("\n");
      // A plain list of two or more assets is one asset each; anything else is one text.
      a.activity.systems =
        lines.length >= 2 && lines.every((l) => /^- \S/.test(l))
          ? lines.map((l) => l.slice(2))
          : [t];
    }
  }

  private readMeasures(file: CnilPiaFile, a: Draft): Map<string, number> {
    const kept = file.measures
      .map((m, i) => ({ m, i, title: m.title?.trim() ?? "" }))
      .filter(({ m, i, title }) => {
        if (title !== "" || filled(htmlToText(m.content))) return true;
        this.skip(`measures[${i}]`, "an empty measure (no title, no content)");
        return false;
      });
    const ids = idsFor(kept.map((k) => k.title));
    const byCnilId = new Map<string, number>();
    kept.forEach(({ m, i, title }, k) => {
      const description = this.rich(m.content, ["measures", i, "content"]);
      const measure: DpiaMeasure = {
        id: ids[k] as string,
        title: title === "" ? `Measure ${k + 1}` : title,
        ...(description ? { description } : {}),
        status: "planned",
      };
      if (title === "")
        this.notes.push({ path: `dpia.measures[${k}].title`, note: "the measure had no title" });
      this.leftovers(m, `measures[${i}]`, ["title", "content"]);
      byCnilId.set(String(num(m.id)), a.dpia.measures.length);
      a.dpia.measures.push(measure);
    });
    if (a.dpia.measures.length > 0)
      this.notes.push({
        path: "dpia.measures",
        note: "the CNIL PIA does not say which measures are in place: a measure its evaluator found acceptable is recorded as done, every other one as planned",
      });
    return byCnilId;
  }

  /** Measure evaluations are applied here; risk evaluations are returned by item. */
  private indexEvaluations(
    list: CnilEvaluation[],
    measures: Map<string, number>,
    a: Draft,
  ): Map<string, { ev: CnilEvaluation; index: number }> {
    const risks = new Map<string, { ev: CnilEvaluation; index: number }>();
    const seen = new Map<string, number>();
    list.forEach((ev, index) => {
      const at = `evaluations[${index}]`;
      const ref = String(ev.reference_to).trim();
      const first = seen.get(ref);
      if (first !== undefined) {
        if (filled({ ...ev, reference_to: null }))
          this.skip(at, `a second evaluation of ${ref}; evaluations[${first}] was used`);
        return;
      }
      seen.set(ref, index);
      this.leftovers(ev, at, [
        "reference_to",
        "status",
        "gauges",
        "evaluation_comment",
        "action_plan_comment",
        "person_in_charge",
        "estimated_implementation_date",
      ]);
      const measureRef = /^3\.1\.(\d+)$/.exec(ref);
      if (measureRef) {
        const k = measures.get(String(Number(measureRef[1])));
        if (k === undefined) {
          if (filled({ ...ev, reference_to: null }))
            this.skip(at, `evaluates measure ${measureRef[1]}, which the file does not hold`);
          return;
        }
        this.applyMeasureEvaluation(ev, index, a.dpia.measures[k] as DpiaMeasure);
        return;
      }
      if (RISK_ITEMS.some((r) => r.item === ref)) {
        risks.set(ref, { ev, index });
        return;
      }
      this.evaluatorOnly(ev, at, `the evaluation of ${ref}`);
    });
    return risks;
  }

  private applyMeasureEvaluation(ev: CnilEvaluation, index: number, m: DpiaMeasure): void {
    const at = ["evaluations", index];
    if (num(ev.status) === EVALUATION_STATUS.acceptable) m.status = "done";
    const owner = this.plain(ev.person_in_charge, [...at, "person_in_charge"]);
    if (owner) m.owner = owner;
    const due = this.date(ev.estimated_implementation_date, [
      ...at,
      "estimated_implementation_date",
    ]);
    if (due) m.due = due;
    this.comments(ev, `evaluations[${index}]`);
    if ((num(ev.gauges?.x) ?? 0) > 0 || (num(ev.gauges?.y) ?? 0) > 0)
      this.skip(`evaluations[${index}].gauges`, "a measure has no levels");
  }

  private comments(ev: CnilEvaluation, at: string): void {
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
  private evaluatorOnly(ev: CnilEvaluation, at: string, what: string): void {
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

  private readRisk(
    item: RiskItem,
    answers: Map<number, { answer: CnilAnswer; index: number }>,
    evaluation: { ev: CnilEvaluation; index: number } | undefined,
    a: Draft,
  ): void {
    const list = (q: number) => {
      const hit = this.answer(answers, q, { list: true });
      return (hit?.data.list ?? []).flatMap((x, j) => {
        const t = x?.trim() ?? "";
        return t === "" ? [] : [this.bounded(t, [...(hit?.path ?? []), "list", j]) ?? ""];
      });
    };
    const risk: DpiaRisk = { id: item.kind, kind: item.kind, title: item.title };
    const impacts = list(item.impacts);
    const threats = list(item.threats);
    const sources = list(item.sources);
    if (impacts.length) risk.impactsOnPeople = impacts;
    if (threats.length) risk.threats = threats;
    if (sources.length) risk.sources = sources;
    const measureHit = this.answer(answers, item.measures, { list: true });
    const measures: string[] = [];
    (measureHit?.data.list ?? []).forEach((title, j) => {
      const t = title?.trim() ?? "";
      if (t === "") return;
      const m = a.dpia.measures.find((x) => x.title === t);
      if (m) {
        if (!measures.includes(m.id)) measures.push(m.id);
      } else
        this.skip(
          `answers[${answers.get(item.measures)?.index}].data.list[${j}]`,
          `no measure is titled "${t}"`,
        );
    });
    if (measures.length) risk.measures = measures;
    const before = this.rating(item, answers);
    if (before) risk.before = before;
    const after = evaluation ? this.evaluatorRating(evaluation, item) : undefined;
    if (after) risk.after = after;
    else if (before) {
      risk.after = { likelihood: before.likelihood, severity: before.severity };
      this.notes.push({
        path: `dpia.risks[${a.dpia.risks.length}].after`,
        note: "the evaluator did not re-rate this risk: the rating after measures is the author's, which the CNIL method makes with the existing and planned measures (the CNIL's risk map draws it so)",
      });
    }
    const present =
      impacts.length + threats.length + sources.length + measures.length > 0 || before || after;
    if (present) a.dpia.risks.push(risk);
  }

  /** The author's severity (x5) and likelihood (x6), with their justifications. */
  private rating(
    item: RiskItem,
    answers: Map<number, { answer: CnilAnswer; index: number }>,
  ): RiskRating | undefined {
    const sev = this.answer(answers, item.severity, { text: true, gauge: true });
    const lik = this.answer(answers, item.likelihood, { text: true, gauge: true });
    const severity = levelOf(num(sev?.data.gauge) ?? 0);
    const likelihood = levelOf(num(lik?.data.gauge) ?? 0);
    const severityReason = sev && this.rich(sev.data.text, [...sev.path, "text"]);
    const likelihoodReason = lik && this.rich(lik.data.text, [...lik.path, "text"]);
    if (severity && likelihood)
      return {
        likelihood,
        severity,
        ...(severityReason ? { severityReason } : {}),
        ...(likelihoodReason ? { likelihoodReason } : {}),
      };
    for (const [hit, level, reason, what] of [
      [sev, severity, severityReason, "severity"],
      [lik, likelihood, likelihoodReason, "likelihood"],
    ] as const) {
      const at = hit ? `answers[${hit.path[1]}].data` : "";
      if (level) this.skip(`${at}.gauge`, `a ${what} without the other level; a rating needs both`);
      if (reason) this.skip(`${at}.text`, `the ${what} justification of an incomplete rating`);
    }
    return undefined;
  }

  private evaluatorRating(
    { ev, index }: { ev: CnilEvaluation; index: number },
    item: RiskItem,
  ): RiskRating | undefined {
    const at = `evaluations[${index}]`;
    this.evaluatorOnly(ev, at, `the evaluation of the risk "${item.title}"`);
    const severity = levelOf(num(ev.gauges?.x) ?? 0);
    const likelihood = levelOf(num(ev.gauges?.y) ?? 0);
    if (severity && likelihood) return { likelihood, severity };
    if (severity || likelihood)
      this.skip(`${at}.gauges`, "the evaluator set one level only; a rating needs both");
    return undefined;
  }

  private readPia(file: CnilPiaFile, a: Draft): void {
    const pia = file.pia;
    const at = (k: string) => ["pia", k];
    const status = num(pia.status) ?? PIA_STATUS.doing;
    const validated = status === PIA_STATUS.validated || status === PIA_STATUS.signed;
    a.activity.dpia = { status: validated ? "completed" : "planned" };
    if (status === PIA_STATUS.signed)
      this.skip(
        "pia.status",
        "signed validation: Basis records signatures through its own sign-off",
      );
    if (status === PIA_STATUS.refused)
      this.skip("pia.status", "the PIA was refused by its validator");
    if (status === PIA_STATUS.archived) this.skip("pia.status", "the PIA is archived");

    const author = this.plain(pia.author_name, at("author_name"));
    if (author) a.author = author;
    if (filled(pia.evaluator_name))
      this.skip(
        "pia.evaluator_name",
        "Basis has no evaluator on a DPIA; reviewers approve it through sign-off",
      );
    const validator = this.plain(pia.validator_name, at("validator_name"));
    if (validator && validated) a.dpia.conclusion = { decidedBy: validator };
    else if (validator)
      this.skip("pia.validator_name", "the PIA was not validated, so nobody decided yet");

    const advice = this.plain(pia.dpo_opinion, at("dpo_opinion"));
    const dpo = this.plain(pia.dpos_names, at("dpos_names"));
    const dpoStatus = num(pia.dpo_status);
    if (advice)
      a.dpia.dpoAdvice = {
        advice,
        ...(dpoStatus === 0 || dpoStatus === 1 ? { favourable: dpoStatus === 1 } : {}),
        ...(dpo ? { by: dpo } : {}),
      };
    else {
      if (dpo)
        this.skip(
          "pia.dpos_names",
          "a DPO named without an opinion; Basis records advice, not a name alone",
        );
      if (dpoStatus !== undefined && dpoStatus !== null && (dpo || dpoStatus === 1))
        this.skip("pia.dpo_status", "the DPO's verdict without the opinion it belongs to");
    }

    const searched = pia.concerned_people_searched_opinion;
    const people = this.plain(pia.people_names, at("people_names"));
    const opinion = this.plain(pia.concerned_people_opinion, at("concerned_people_opinion"));
    const reason = this.plain(
      pia.concerned_people_searched_content,
      at("concerned_people_searched_content"),
    );
    const peopleStatus = num(pia.concerned_people_status);
    if (searched === true) {
      a.dpia.dataSubjectViews = {
        sought: true,
        ...(people ? { by: people } : {}),
        ...((people || opinion) && (peopleStatus === 0 || peopleStatus === 1)
          ? { favourable: peopleStatus === 1 }
          : {}),
        ...(opinion ? { summary: opinion } : {}),
      };
      if (reason)
        this.skip(
          "pia.concerned_people_searched_content",
          "a reason for not seeking views, yet views were sought",
        );
    } else if (searched === false) {
      a.dpia.dataSubjectViews = { sought: false, ...(reason ? { reasonNotSought: reason } : {}) };
      if (people) this.skip("pia.people_names", "people named, yet their views were not sought");
      if (opinion)
        this.skip("pia.concerned_people_opinion", "an opinion, yet views were not sought");
    } else {
      if (people) this.skip("pia.people_names", "the file does not say whether views were sought");
      if (opinion)
        this.skip(
          "pia.concerned_people_opinion",
          "the file does not say whether views were sought",
        );
      if (reason)
        this.skip(
          "pia.concerned_people_searched_content",
          "the file does not say whether views were sought",
        );
    }

    const structure = num(pia.structure_id);
    const orgName = this.plain(pia.structure_name, at("structure_name"));
    // The software keeps a structure (the organisation) only together with its id.
    if (structure !== undefined && orgName) a.organisation.name = orgName;
    if (filled(pia.structure_sector_name))
      this.skip("pia.structure_sector_name", "the sector of the CNIL software's structure");
    if (filled(pia.structure_data))
      this.skip(
        "pia.structure_data",
        "the questionnaire of a CNIL software structure; its answers are matched by question id",
      );

    const known = new Set([
      "name",
      "status",
      "author_name",
      "evaluator_name",
      "validator_name",
      "dpo_status",
      "dpo_opinion",
      "dpos_names",
      "concerned_people_opinion",
      "concerned_people_status",
      "concerned_people_searched_opinion",
      "concerned_people_searched_content",
      "people_names",
    ]);
    const words: Record<string, string> = {
      rejected_reason: "the validator's reason for refusing the PIA",
      rejection_reason: "the validator's reason for refusing the PIA",
      applied_adjustements: "the adjustments made after a refusal",
      applied_adjustments: "the adjustments made after a refusal",
      category: "the software's category of the PIA",
      user_pias: "accounts of a CNIL PIA server; Basis has its own users",
      authors: "accounts of a CNIL PIA server; Basis has its own users",
      evaluators: "accounts of a CNIL PIA server; Basis has its own users",
      validators: "accounts of a CNIL PIA server; Basis has its own users",
      guests: "accounts of a CNIL PIA server; Basis has its own users",
    };
    for (const [key, value] of Object.entries(pia))
      if (!known.has(key) && !PIA_BOOKKEEPING.has(key) && filled(value))
        this.skip(`pia.${key}`, words[key] ?? "not a field Basis knows");
  }

  /** Required Basis fields the questionnaire does not fill, with a note for each. */
  private standIns(
    a: Draft,
    answers: Map<number, { answer: CnilAnswer; index: number }>,
    options: CnilImportOptions,
  ): void {
    const purposes = a.dpia.description?.purposes;
    a.activity.purposes = [{ id: FIRST_PURPOSE, description: purposes ?? a.title }];
    const note = (path: string, text: string) => this.notes.push({ path, note: text });
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

const STATUS_WORDS: Record<number, string> = { 1: "to be fixed", 2: "improvable", 3: "acceptable" };
