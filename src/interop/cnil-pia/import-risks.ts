/**
 * @module interop/cnil-pia/import-risks
 * The three feared events of a CNIL PIA (items 3.2, 3.3, 3.4): impacts, threats, sources, the
 * measures that treat them, the author's rating and the evaluator's re-rating.
 */
import type { DpiaRisk, RiskRating } from "../../core/schema/index.ts";
import type { CnilEvaluation } from "./format.ts";
import type { Answers, Draft, ImportRun } from "./import-run.ts";
import { num } from "./import-run.ts";
import { levelOf, type RiskItem } from "./mapping.ts";

/** One of the three risks, from its answers and its evaluation; absent when nothing is rated or listed. */
export function readRisk(
  run: ImportRun,
  item: RiskItem,
  answers: Answers,
  evaluation: { ev: CnilEvaluation; index: number } | undefined,
  a: Draft,
): void {
  const list = (q: number) => {
    const hit = run.answer(answers, q, { list: true });
    return (hit?.data.list ?? []).flatMap((x, j) => {
      const t = x?.trim() ?? "";
      return t === "" ? [] : [run.bounded(t, [...(hit?.path ?? []), "list", j]) ?? ""];
    });
  };
  const risk: DpiaRisk = { id: item.kind, kind: item.kind, title: item.title };
  const impacts = list(item.impacts);
  const threats = list(item.threats);
  const sources = list(item.sources);
  if (impacts.length) risk.impactsOnPeople = impacts;
  if (threats.length) risk.threats = threats;
  if (sources.length) risk.sources = sources;
  const measureHit = run.answer(answers, item.measures, { list: true });
  const measures: string[] = [];
  (measureHit?.data.list ?? []).forEach((title, j) => {
    const t = title?.trim() ?? "";
    if (t === "") return;
    const m = a.dpia.measures.find((x) => x.title === t);
    if (m) {
      if (!measures.includes(m.id)) measures.push(m.id);
    } else
      run.skip(
        `answers[${answers.get(item.measures)?.index}].data.list[${j}]`,
        `no measure is titled "${t}"`,
      );
  });
  if (measures.length) risk.measures = measures;
  const before = rating(run, item, answers);
  if (before) risk.before = before;
  const after = evaluation ? evaluatorRating(run, evaluation, item) : undefined;
  if (after) risk.after = after;
  else if (before) {
    risk.after = { likelihood: before.likelihood, severity: before.severity };
    run.notes.push({
      path: `dpia.risks[${a.dpia.risks.length}].after`,
      note: "the evaluator did not re-rate this risk: the rating after measures is the author's, which the CNIL method makes with the existing and planned measures (the CNIL's risk map draws it so)",
    });
  }
  const present =
    impacts.length + threats.length + sources.length + measures.length > 0 || before || after;
  if (present) a.dpia.risks.push(risk);
}

function rating(run: ImportRun, item: RiskItem, answers: Answers): RiskRating | undefined {
  const sev = run.answer(answers, item.severity, { text: true, gauge: true });
  const lik = run.answer(answers, item.likelihood, { text: true, gauge: true });
  const severity = levelOf(num(sev?.data.gauge) ?? 0);
  const likelihood = levelOf(num(lik?.data.gauge) ?? 0);
  const severityReason = sev && run.rich(sev.data.text, [...sev.path, "text"]);
  const likelihoodReason = lik && run.rich(lik.data.text, [...lik.path, "text"]);
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
    if (level) run.skip(`${at}.gauge`, `a ${what} without the other level; a rating needs both`);
    if (reason) run.skip(`${at}.text`, `the ${what} justification of an incomplete rating`);
  }
  return undefined;
}

function evaluatorRating(
  run: ImportRun,
  { ev, index }: { ev: CnilEvaluation; index: number },
  item: RiskItem,
): RiskRating | undefined {
  const at = `evaluations[${index}]`;
  run.evaluatorOnly(ev, at, `the evaluation of the risk "${item.title}"`);
  const severity = levelOf(num(ev.gauges?.x) ?? 0);
  const likelihood = levelOf(num(ev.gauges?.y) ?? 0);
  if (severity && likelihood) return { likelihood, severity };
  if (severity || likelihood)
    run.skip(`${at}.gauges`, "the evaluator set one level only; a rating needs both");
  return undefined;
}
