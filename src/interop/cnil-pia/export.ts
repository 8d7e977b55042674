/**
 * @module interop/cnil-pia/export
 * A Basis assessment's DPIA → the JSON file the CNIL's PIA software imports. Every field with
 * a place in the CNIL questionnaire goes there (`mapping.ts`); what has none is listed by its
 * path in the assessment. Rich-text answers are written as escaped HTML, so no text from
 * Basis becomes markup in the CNIL software. Pure: the time stamps come from `now`.
 */
import { type Assessment, type DpiaRisk, ProcessingActivity } from "../../core/schema/index.ts";
import { textToHtml } from "./html.ts";
import {
  EVALUATION_STATUS,
  FIRST_PURPOSE,
  gaugeOf,
  idsFor,
  PIA_STATUS,
  RISK_ITEMS,
  SYSTEMS_QUESTION,
  TEXT_QUESTIONS,
} from "./mapping.ts";

/** A field of the assessment the CNIL format has no place for, or carries only in part. */
export interface NotCarried {
  /** Path in the Basis assessment, e.g. `dpia.priorConsultation`. */
  path: string;
  reason: string;
}

export interface CnilExportOptions {
  /** ISO time stamp written as the rows' `created_at` and `updated_at`. */
  now: string;
}

export type CnilExportResult =
  | { ok: true; file: CnilExportFile; notCarried: NotCarried[] }
  | { ok: false; message: string };

interface AnswerRow {
  id: number;
  pia_id: number;
  reference_to: number;
  data: { text: string | null; gauge: number | null; list: string[] };
  created_at: string;
  updated_at: string;
}

interface EvaluationRow {
  id: number;
  pia_id: number;
  reference_to: string;
  status: number;
  gauges: { x: number; y: number };
  evaluation_comment: null;
  action_plan_comment: null;
  person_in_charge: string | null;
  estimated_implementation_date: string | null;
  global_status: number;
  created_at: string;
  updated_at: string;
}

/** The shape of the software's `exportData`, as Basis writes it. */
export interface CnilExportFile {
  pia: Record<string, string | number | boolean | null>;
  answers: AnswerRow[];
  measures: {
    id: number;
    pia_id: number;
    title: string;
    content: string;
    placeholder: string;
    created_at: string;
    updated_at: string;
  }[];
  evaluations: EvaluationRow[];
  comments: never[];
}

const PIA_ID = 1;

/** Export the DPIA of an assessment to the CNIL PIA format. */
export function exportCnilPia(a: Assessment, options: CnilExportOptions): CnilExportResult {
  const dpia = a.dpia;
  if (!dpia) return { ok: false, message: "the assessment holds no DPIA (no dpia section)" };
  const now = options.now;
  const out: NotCarried[] = [];
  const skip = (path: string, reason: string) => out.push({ path, reason });
  const answers: AnswerRow[] = [];
  const answer = (q: number, data: Partial<AnswerRow["data"]>) =>
    answers.push({
      id: answers.length + 1,
      pia_id: PIA_ID,
      reference_to: q,
      data: { text: null, gauge: null, list: [], ...data },
      created_at: now,
      updated_at: now,
    });

  for (const q of TEXT_QUESTIONS) {
    const text = q.get(a) ?? derived(q.id, a, skip);
    if (text !== undefined) answer(q.id, { text: textToHtml(text), gauge: 0 });
  }
  const systems = a.activity.systems ?? [];
  if (systems.length > 0) {
    const list = systems.length > 1 && systems.every((s) => !s.includes("\n"));
    if (systems.length > 1 && !list)
      skip(
        SYSTEMS_QUESTION.basis,
        "an asset described on several lines: the assets go as one text",
      );
    answer(SYSTEMS_QUESTION.id, {
      text: textToHtml(list ? systems.map((s) => `- ${s}`).join("\n") : systems.join("\n\n")),
      gauge: 0,
    });
  }

  const measureIds = new Map<string, number>();
  const expectedIds = idsFor(dpia.measures.map((m) => m.title));
  const measures = dpia.measures.map((m, i) => {
    measureIds.set(m.id, i + 1);
    if (m.id !== expectedIds[i])
      skip(
        `dpia.measures[${i}].id`,
        `the CNIL PIA names measures by title: the id comes back as ${expectedIds[i]}`,
      );
    if (m.status === "in-progress")
      skip(`dpia.measures[${i}].status`, 'the CNIL PIA has no "in progress": it goes as planned');
    return {
      id: i + 1,
      pia_id: PIA_ID,
      title: m.title,
      content: m.description === undefined ? "" : textToHtml(m.description),
      placeholder: "measures.default_placeholder",
      created_at: now,
      updated_at: now,
    };
  });

  const evaluations: EvaluationRow[] = [];
  const evaluation = (ref: string, fields: Partial<EvaluationRow>) =>
    evaluations.push({
      id: evaluations.length + 1,
      pia_id: PIA_ID,
      reference_to: ref,
      status: EVALUATION_STATUS.pending,
      gauges: { x: 0, y: 0 },
      evaluation_comment: null,
      action_plan_comment: null,
      person_in_charge: null,
      estimated_implementation_date: null,
      global_status: 0,
      created_at: now,
      updated_at: now,
      ...fields,
    });
  dpia.measures.forEach((m, i) => {
    const plan = {
      person_in_charge: m.owner ?? null,
      estimated_implementation_date: m.due === undefined ? null : `${m.due}T00:00:00.000Z`,
    };
    // Done is the evaluator's "acceptable"; a planned measure with an owner or a date is an
    // "improvable" one, the only kind whose owner and date the software's action plan shows.
    if (m.status === "done")
      evaluation(`3.1.${i + 1}`, { status: EVALUATION_STATUS.acceptable, ...plan });
    else if (m.owner !== undefined || m.due !== undefined)
      evaluation(`3.1.${i + 1}`, { status: EVALUATION_STATUS.improvable, ...plan });
  });

  dpia.risks.forEach((r, i) => {
    const item = RISK_ITEMS.find((x) => x.kind === r.kind);
    const at = `dpia.risks[${i}]`;
    if (!item) {
      skip(
        at,
        `a risk of kind ${r.kind}: the CNIL PIA assesses three risks only (access, modification, disappearance)`,
      );
      return;
    }
    const first = dpia.risks.findIndex((x) => x.kind === r.kind);
    if (first !== i) {
      skip(at, `a second ${r.kind} risk: the CNIL PIA has one; dpia.risks[${first}] was written`);
      return;
    }
    if (r.id !== item.kind)
      skip(
        `${at}.id`,
        `the CNIL PIA knows the risk by its kind: the id comes back as ${item.kind}`,
      );
    if (r.title !== item.title) skip(`${at}.title`, `the CNIL PIA names this risk "${item.title}"`);
    writeRisk(r, item, at);
  });

  function writeRisk(r: DpiaRisk, item: (typeof RISK_ITEMS)[number], at: string) {
    if (r.impactsOnPeople?.length) answer(item.impacts, { list: r.impactsOnPeople });
    if (r.threats?.length) answer(item.threats, { list: r.threats });
    if (r.sources?.length) answer(item.sources, { list: r.sources });
    const titles = (r.measures ?? []).flatMap((id, j) => {
      const n = measureIds.get(id);
      if (n === undefined) {
        skip(`${at}.measures[${j}]`, `no measure has the id ${id}`);
        return [];
      }
      const title = dpia?.measures[n - 1]?.title ?? "";
      const first = dpia?.measures.findIndex((m) => m.title === title) ?? -1;
      if (first !== n - 1)
        skip(
          `${at}.measures[${j}]`,
          `the CNIL PIA links measures by title, and dpia.measures[${first}] has the same title: it comes back as that one`,
        );
      return [title];
    });
    if (titles.length) answer(item.measures, { list: titles });
    if (r.before) {
      const b = r.before;
      answer(item.severity, {
        text: b.severityReason === undefined ? null : textToHtml(b.severityReason),
        gauge: gaugeOf(b.severity),
      });
      answer(item.likelihood, {
        text: b.likelihoodReason === undefined ? null : textToHtml(b.likelihoodReason),
        gauge: gaugeOf(b.likelihood),
      });
    }
    if (r.after) {
      evaluation(item.item, {
        gauges: { x: gaugeOf(r.after.severity), y: gaugeOf(r.after.likelihood) },
      });
      if (r.after.severityReason !== undefined || r.after.likelihoodReason !== undefined)
        skip(
          `${at}.after`,
          "the reasons for the rating after measures: the CNIL PIA keeps levels only there",
        );
    } else if (r.before)
      skip(
        `${at}.after`,
        "no rating after measures: the CNIL software will show the author's rating as the residual one",
      );
  }

  const d = dpia;
  const completed = a.activity.dpia?.status === "completed";
  const pia: CnilExportFile["pia"] = {
    id: PIA_ID,
    name: a.title,
    status: completed ? PIA_STATUS.validated : PIA_STATUS.doing,
    author_name: a.author ?? "",
    evaluator_name: "",
    validator_name: d.conclusion?.decidedBy ?? "",
    dpo_status: d.dpoAdvice?.favourable === undefined ? null : d.dpoAdvice.favourable ? 1 : 0,
    dpo_opinion: d.dpoAdvice?.advice ?? null,
    dpos_names: d.dpoAdvice?.by ?? null,
    concerned_people_searched_opinion: d.dataSubjectViews?.sought ?? null,
    concerned_people_searched_content: d.dataSubjectViews?.reasonNotSought ?? null,
    people_names: d.dataSubjectViews?.by ?? null,
    concerned_people_status:
      d.dataSubjectViews?.favourable === undefined ? null : d.dataSubjectViews.favourable ? 1 : 0,
    concerned_people_opinion: d.dataSubjectViews?.summary ?? null,
    rejected_reason: "",
    applied_adjustements: "",
    category: "",
    is_example: 0,
    is_archive: 0,
    created_at: now,
    updated_at: now,
  };
  notCarriedOf(a, skip);
  return {
    ok: true,
    file: { pia, answers, measures, evaluations, comments: [] },
    notCarried: out,
  };
}

/** Text for a question the assessment answers elsewhere: the basis per purpose, the LIA's necessity. */
function derived(
  q: number,
  a: Assessment,
  skip: (path: string, reason: string) => void,
): string | undefined {
  const purposes = a.activity.purposes;
  const standIn =
    purposes.length === 1 &&
    purposes[0]?.id === FIRST_PURPOSE &&
    purposes[0].description === a.title;
  if (q === 211 && !standIn) {
    skip("activity.purposes", "written as text into 2.1.1 (no dpia.description.purposes)");
    return a.activity.purposes
      .map((p) => (a.activity.purposes.length > 1 ? `- ${p.description}` : p.description))
      .join("\n");
  }
  if (q === 212 && a.decisions.length > 0) {
    skip("decisions", "written as text into 2.1.2 (no dpia.necessity.lawfulBasis)");
    return a.decisions
      .map(
        (d) =>
          `- ${d.purpose}: ${d.basis === undefined ? "no basis chosen" : d.basis.replace(/-/g, " ")}`,
      )
      .join("\n");
  }
  if (q === 213 && a.dpia?.necessity?.reusesLia && (a.lia?.necessity?.length ?? 0) > 0) {
    skip("dpia.necessity.reusesLia", "the LIA's minimisation is written as text into 2.1.3");
    const lines = new Set<string>();
    for (const n of a.lia?.necessity ?? [])
      for (const m of n.minimisation ?? []) lines.add(`- ${m}`);
    return lines.size > 0 ? [...lines].join("\n") : undefined;
  }
  return undefined;
}

/** What the CNIL format has no place for at all. */
function notCarriedOf(a: Assessment, skip: (path: string, reason: string) => void): void {
  const d = a.dpia;
  if (!d) return;
  if (d.description?.context)
    skip("dpia.description.context", "the CNIL PIA has no question on the context");
  if (d.necessity?.reusesLia && d.necessity.notes !== undefined)
    skip("dpia.necessity.reusesLia", "the CNIL PIA has no LIA to refer to");
  if (d.dpoAdvice?.on) skip("dpia.dpoAdvice.on", "the CNIL PIA does not date the DPO's opinion");
  if (d.dpoAdvice?.followed !== undefined || d.dpoAdvice?.reasonNotFollowed)
    skip("dpia.dpoAdvice.followed", "the CNIL PIA does not record whether the advice was followed");
  if (d.priorConsultation)
    skip("dpia.priorConsultation", "the CNIL PIA does not record the Art. 36 consultation");
  if (d.conclusion?.summary)
    skip("dpia.conclusion.summary", "the CNIL PIA has no written conclusion");
  if (d.conclusion?.decidedOn)
    skip("dpia.conclusion.decidedOn", "the CNIL PIA does not date its validation");
  if (d.conclusion?.decidedBy && a.activity.dpia?.status !== "completed")
    skip(
      "dpia.conclusion.decidedBy",
      "written as the validator of a PIA still in progress (activity.dpia.status is not completed)",
    );
  if (a.activity.name !== a.title)
    skip("activity.name", "the CNIL PIA has one name: the title was written");
  const activityCarried = new Set([
    "name",
    "description",
    "purposes",
    "retention",
    "systems",
    "dpia",
  ]);
  // In the schema's order, whatever order the stored document has its keys in.
  for (const key of Object.keys(ProcessingActivity.shape))
    if (key in a.activity && !activityCarried.has(key))
      skip(`activity.${key}`, "the CNIL PIA keeps no Art. 30 record");
  if (a.activity.dpia?.reference || a.activity.dpia?.completedOn || a.activity.dpia?.residualRisk)
    skip(
      "activity.dpia",
      "only whether the DPIA is completed is carried (as the PIA's validation)",
    );
  const top: Record<string, string> = {
    organisation: "the CNIL PIA does not name the controller",
    lia: "the CNIL PIA has no LIA",
    review: "the CNIL PIA has no review schedule",
    signOff: "Basis's sign-off stays in Basis",
    history: "the CNIL PIA has no version table",
    screening: "the CNIL PIA has no screening questionnaire",
    notes: "the CNIL PIA has no free notes",
  };
  for (const [key, reason] of Object.entries(top)) if (key in a) skip(key, reason);
  if (a.decisions.length > 0 && a.dpia?.necessity?.lawfulBasis !== undefined)
    skip(
      "decisions",
      "the CNIL PIA keeps the lawful basis in words (2.1.2 has dpia.necessity.lawfulBasis)",
    );
}
