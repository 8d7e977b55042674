/**
 * @module render/dpia-screening
 * The DPIA screening of an assessment as people read it: the verdict, each criterion that
 * applies with its list, title and the facts that made it apply (in words), its references,
 * and whether the assessment holds a DPIA and has concluded it. One presentation for the
 * CLI (`basis dpia screen`) and the API (`GET /api/assessments/:id/dpia/screening`).
 */
import type { Evaluation } from "../core/rules/types.ts";
import type { Assessment } from "../core/schema/index.ts";
import { DPIA_FACT_LABELS, DPIA_LIST_LABELS, DPIA_VERDICT_LABELS, labelOf } from "./labels.ts";

export interface ScreeningView {
  id: string;
  title: string;
  verdict: Evaluation["dpia"]["screening"]["verdict"];
  /** The verdict in words. */
  summary: string;
  nationalList: "cnil" | "ico" | null;
  criteria: {
    id: string;
    list: Evaluation["dpia"]["screening"]["criteria"][number]["list"];
    listLabel: string;
    title: string;
    /** The screening facts that made it apply; empty when declared by hand. */
    facts: string[];
    /** The same facts in words, or that the criterion was declared. */
    because: string[];
    refs: string[];
  }[];
  dpia: {
    /** The file carries a `dpia` section. */
    held: boolean;
    /** Concluded: cited as completed, or the section's conclusion is dated. */
    completed: boolean;
    residualRisk: "high" | "low" | null;
  };
}

/** A DPIA is completed when the activity cites it as completed or the section's conclusion is dated. */
export function dpiaCompleted(a: Assessment): boolean {
  return a.activity.dpia?.status === "completed" || a.dpia?.conclusion?.decidedOn !== undefined;
}

export function screeningView(a: Assessment, e: Evaluation): ScreeningView {
  const s = e.dpia.screening;
  return {
    id: a.id,
    title: a.title,
    verdict: s.verdict,
    summary: DPIA_VERDICT_LABELS[s.verdict],
    nationalList: s.nationalList ?? null,
    criteria: s.criteria.map((c) => ({
      id: c.id,
      list: c.list,
      listLabel: DPIA_LIST_LABELS[c.list],
      title: c.title,
      facts: c.facts,
      because:
        c.facts.length > 0
          ? c.facts.map((f) => labelOf(DPIA_FACT_LABELS, f))
          : ["declared in activity.dpiaIndicators"],
      refs: c.refs,
    })),
    dpia: {
      held: a.dpia !== undefined,
      completed: dpiaCompleted(a),
      residualRisk: e.dpia.residualRisk ?? null,
    },
  };
}

/** The screening as a few lines of text for a terminal. */
export function screeningText(v: ScreeningView, bold: (s: string) => string = (s) => s): string {
  const national = v.nationalList
    ? `national list: ${DPIA_LIST_LABELS[v.nationalList]}`
    : "no national list applies";
  const n = v.criteria.length;
  const lines = [
    bold(`${v.title} (${v.id})`),
    `${v.summary} (${national}); ${n === 0 ? "no criterion applies" : n === 1 ? "1 criterion applies:" : `${n} criteria apply:`}`,
  ];
  for (const c of v.criteria) {
    lines.push(`  ${c.listLabel}: ${c.title} [${c.id}]`);
    lines.push(`    because: ${c.because.join("; ")}`);
    lines.push(`    refs: ${c.refs.join(", ")}`);
  }
  const held = v.dpia.held
    ? `held in this file, ${v.dpia.completed ? "concluded" : "not concluded yet"}`
    : v.dpia.completed
      ? "cited as completed (activity.dpia)"
      : "none held or cited";
  lines.push(`DPIA: ${held}${v.dpia.residualRisk ? `; residual risk ${v.dpia.residualRisk}` : ""}`);
  return `${lines.join("\n")}\n`;
}
