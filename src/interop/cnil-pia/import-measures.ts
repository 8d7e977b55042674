/**
 * @module interop/cnil-pia/import-measures
 * The measures of a CNIL PIA and the evaluations: a measure's evaluation gives its status,
 * owner and due date; a risk's is handed to the risks; the rest are the evaluator's own.
 */
import type { DpiaMeasure } from "../../core/schema/index.ts";
import type { CnilEvaluation, CnilPiaFile } from "./format.ts";
import { htmlToText } from "./html.ts";
import { type Draft, filled, type ImportRun, num } from "./import-run.ts";
import { EVALUATION_STATUS, idsFor, RISK_ITEMS } from "./mapping.ts";

/** The measures, with ids made from their titles; returns each CNIL measure id's index. */
export function readMeasures(run: ImportRun, file: CnilPiaFile, a: Draft): Map<string, number> {
  const kept = file.measures
    .map((m, i) => ({ m, i, title: m.title?.trim() ?? "" }))
    .filter(({ m, i, title }) => {
      if (title !== "" || filled(htmlToText(m.content))) return true;
      run.skip(`measures[${i}]`, "an empty measure (no title, no content)");
      return false;
    });
  const ids = idsFor(kept.map((k) => k.title));
  const byCnilId = new Map<string, number>();
  kept.forEach(({ m, i, title }, k) => {
    const description = run.rich(m.content, ["measures", i, "content"]);
    const measure: DpiaMeasure = {
      id: ids[k] as string,
      title: title === "" ? `Measure ${k + 1}` : title,
      ...(description ? { description } : {}),
      status: "planned",
    };
    if (title === "")
      run.notes.push({ path: `dpia.measures[${k}].title`, note: "the measure had no title" });
    run.leftovers(m, `measures[${i}]`, ["title", "content"]);
    byCnilId.set(String(num(m.id)), a.dpia.measures.length);
    a.dpia.measures.push(measure);
  });
  if (a.dpia.measures.length > 0)
    run.notes.push({
      path: "dpia.measures",
      note: "the CNIL PIA does not say which measures are in place: a measure its evaluator found acceptable is recorded as done, every other one as planned",
    });
  return byCnilId;
}

export function indexEvaluations(
  run: ImportRun,
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
        run.skip(at, `a second evaluation of ${ref}; evaluations[${first}] was used`);
      return;
    }
    seen.set(ref, index);
    run.leftovers(ev, at, [
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
          run.skip(at, `evaluates measure ${measureRef[1]}, which the file does not hold`);
        return;
      }
      applyMeasureEvaluation(run, ev, index, a.dpia.measures[k] as DpiaMeasure);
      return;
    }
    if (RISK_ITEMS.some((r) => r.item === ref)) {
      risks.set(ref, { ev, index });
      return;
    }
    run.evaluatorOnly(ev, at, `the evaluation of ${ref}`);
  });
  return risks;
}

function applyMeasureEvaluation(
  run: ImportRun,
  ev: CnilEvaluation,
  index: number,
  m: DpiaMeasure,
): void {
  const at = ["evaluations", index];
  if (num(ev.status) === EVALUATION_STATUS.acceptable) m.status = "done";
  const owner = run.plain(ev.person_in_charge, [...at, "person_in_charge"]);
  if (owner) m.owner = owner;
  const due = run.date(ev.estimated_implementation_date, [...at, "estimated_implementation_date"]);
  if (due) m.due = due;
  run.comments(ev, `evaluations[${index}]`);
  if ((num(ev.gauges?.x) ?? 0) > 0 || (num(ev.gauges?.y) ?? 0) > 0)
    run.skip(`evaluations[${index}].gauges`, "a measure has no levels");
}
