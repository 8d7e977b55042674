/**
 * @module render/dpia-risks
 * The DPIA's risks to people and its action plan as document blocks: each risk with its
 * likelihood and severity before and after the measures, the risk map (the grid of severity
 * against likelihood that the web app draws, here as a table so every format can carry it),
 * and the measures with owner, status and due date, open ones first by due date. Pure.
 */
import type { DpiaMeasure, DpiaRisk, DpiaSection, RiskRating } from "../core/schema/index.ts";
import { isHighRisk, RiskLevel } from "../core/schema/index.ts";
import { NOT_RECORDED } from "./document-context.ts";
import {
  DPIA_RISK_KIND_LABELS,
  formatDate,
  MEASURE_STATUS_LABELS,
  RISK_LEVEL_LABELS,
} from "./labels.ts";
import type { Block } from "./model.ts";
import { heading, keyValue, note, paragraph, table } from "./model.ts";

/** "R1", "R2"…: how the risk map and the tables name a risk. */
export function riskLabel(index: number): string {
  return `R${index + 1}`;
}

/** "Significant likelihood, limited severity (high)", or "Not rated". */
export function ratingText(r: RiskRating | undefined): string {
  if (r === undefined) return "Not rated";
  const high = isHighRisk(r) ? " (high risk)" : "";
  return `${RISK_LEVEL_LABELS[r.likelihood]} likelihood, ${RISK_LEVEL_LABELS[r.severity].toLowerCase()} severity${high}`;
}

function measureTitle(d: DpiaSection, id: string): string {
  return d.measures.find((m) => m.id === id)?.title ?? `Measure not in the action plan ("${id}")`;
}

/** The risks in one table, then the map, then each risk's reasons. */
export function riskBlocks(d: DpiaSection, n: string): Block[] {
  if (d.risks.length === 0) return [note("warning", "No risk to people is recorded.")];
  const blocks: Block[] = [
    paragraph(
      "Each risk is rated for likelihood and severity on four levels (negligible, limited, significant, maximum), first without the measures and then with them in place. A risk is high when both are significant or maximum.",
    ),
    table(
      ["Ref.", "Risk", "Kind", "Before the measures", "With the measures", "Measures"],
      d.risks.map((r, i) => [
        riskLabel(i),
        r.title,
        DPIA_RISK_KIND_LABELS[r.kind],
        ratingText(r.before),
        ratingText(r.after),
        (r.measures ?? []).map((m) => measureTitle(d, m)).join("; ") || "None",
      ]),
    ),
    heading(3, `${n}.1 Risk map`),
    paragraph(
      "Where each risk sits before and with the measures: severity down the side, likelihood across. The high-risk zone is the four cells where both are significant or maximum.",
    ),
    riskMap(d.risks),
  ];
  const details = d.risks.filter(
    (r) =>
      (r.impactsOnPeople?.length ?? 0) > 0 ||
      (r.threats?.length ?? 0) > 0 ||
      (r.sources?.length ?? 0) > 0 ||
      r.before?.likelihoodReason !== undefined ||
      r.before?.severityReason !== undefined ||
      r.after?.likelihoodReason !== undefined ||
      r.after?.severityReason !== undefined,
  );
  if (details.length > 0) blocks.push(heading(3, `${n}.2 Each risk`));
  for (const r of details) {
    const i = d.risks.indexOf(r);
    const rows: [string, string][] = [];
    const add = (label: string, value: string | undefined) => {
      if (value !== undefined && value.trim() !== "") rows.push([label, value]);
    };
    add("Impacts on people", r.impactsOnPeople?.join("\n"));
    add("Threats", r.threats?.join("\n"));
    add("Sources of risk", r.sources?.join("\n"));
    add("Likelihood before, why", r.before?.likelihoodReason);
    add("Severity before, why", r.before?.severityReason);
    add("Likelihood after, why", r.after?.likelihoodReason);
    add("Severity after, why", r.after?.severityReason);
    blocks.push(heading(4, `${riskLabel(i)}. ${r.title}`), keyValue(rows));
  }
  return blocks;
}

const DOWN = [...RiskLevel.options].reverse();

/**
 * The grid of severity (rows, highest first) against likelihood (columns). Every column stays,
 * empty or not: the grid is the scale (so not `table()`, which drops empty columns).
 */
export function riskMap(risks: readonly DpiaRisk[]): Block {
  const cell = (severity: RiskLevel, likelihood: RiskLevel) => {
    const at = (r: RiskRating | undefined) =>
      r !== undefined && r.severity === severity && r.likelihood === likelihood;
    const here = risks.flatMap((r, i) => [
      ...(at(r.before) ? [`${riskLabel(i)} before`] : []),
      ...(at(r.after) ? [`${riskLabel(i)} after`] : []),
    ]);
    return here.join("; ");
  };
  return {
    kind: "table",
    columns: ["Severity / likelihood", ...RiskLevel.options.map((l) => RISK_LEVEL_LABELS[l])],
    rows: DOWN.map((s) => [RISK_LEVEL_LABELS[s], ...RiskLevel.options.map((l) => cell(s, l))]),
  };
}

/** Open measures first, by due date (undated last), then done ones in their order. */
export function actionPlanOrder(measures: readonly DpiaMeasure[]): DpiaMeasure[] {
  const open = measures.filter((m) => m.status !== "done");
  const done = measures.filter((m) => m.status === "done");
  open.sort((x, y) => (x.due ?? "9999-99-99").localeCompare(y.due ?? "9999-99-99"));
  return [...open, ...done];
}

/** The action plan: every measure with owner, status and due date, and the risks it treats. */
export function actionPlanBlocks(d: DpiaSection, today: string): Block[] {
  if (d.measures.length === 0) return [note("warning", "No measure is recorded.")];
  const treats = (id: string) =>
    d.risks.flatMap((r, i) => ((r.measures ?? []).includes(id) ? [riskLabel(i)] : [])).join(", ");
  const due = (m: DpiaMeasure) => {
    if (m.due === undefined) return m.status === "done" ? "" : NOT_RECORDED;
    const late = m.status !== "done" && m.due < today ? " (overdue)" : "";
    return `${formatDate(m.due)}${late}`;
  };
  const open = d.measures.filter((m) => m.status !== "done").length;
  return [
    paragraph(
      open === 0
        ? "Every measure is in place."
        : `${open} of ${d.measures.length} measures are still to be completed.`,
    ),
    table(
      ["Measure", "Status", "Owner", "Due", "Risks", "Description"],
      actionPlanOrder(d.measures).map((m) => [
        m.title,
        MEASURE_STATUS_LABELS[m.status],
        m.owner ?? (m.status === "done" ? "" : NOT_RECORDED),
        due(m),
        treats(m.id),
        m.description ?? "",
      ]),
    ),
  ];
}
