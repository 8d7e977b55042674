/**
 * @module render/finding-words
 * Findings as people read them in a document: the message catalogue's sentences with the
 * identifiers in their values replaced by what they stand for (a purpose's description, an
 * interest's title, a basis's name), the place in the assessment named in words rather than
 * as a field path, and an officer's override shown with its justification. Also which
 * findings are conditions the outcome depends on and which are process warnings (an overdue
 * review, an assessment written late), so that only the first are printed as conditions.
 */
import { fieldLabel, replaceFieldPaths, shorten } from "../core/messages/field-labels.ts";
import { RULES } from "../core/rules/registry.ts";
import type { Finding } from "../core/rules/types.ts";
import type { Assessment } from "../core/schema/index.ts";
import { DPIA_INDICATOR_LABELS } from "./basis-labels.ts";
import type { DocumentContext } from "./document-context.ts";
import { BASIS_LABELS, FINDING_SEVERITY_LABELS, formatDate, labelOf } from "./labels.ts";

export interface FindingWords {
  severity: string;
  message: string;
  fix: string;
  /** The part of the assessment it is about, in words. */
  about: string;
  /** "Open", or who overrode it, when and why. */
  status: string;
  overridden: boolean;
}

/** The finding's values with identifiers replaced by the words they stand for. */
function humanParams(f: Finding, a: Assessment): Finding["params"] {
  const params = { ...f.params };
  const purpose = params.purpose;
  if (typeof purpose === "string") {
    const p = a.activity.purposes.find((x) => x.id === purpose);
    if (p) params.purpose = shorten(p.description, 80);
  }
  const interest = params.interest;
  if (typeof interest === "string") {
    const i = a.lia?.interests.find((x) => x.id === interest);
    if (i) params.interest = i.title;
  }
  if (typeof params.basis === "string") params.basis = labelOf(BASIS_LABELS, params.basis);
  if (typeof params.indicators === "string")
    params.indicators = params.indicators
      .split(/,\s*/)
      .map((t) => labelOf(DPIA_INDICATOR_LABELS, t))
      .join(", ");
  // Dates as every other date of the document reads ("14 November 2026"), not as ISO text.
  for (const [key, value] of Object.entries(params))
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value))
      params[key] = formatDate(value);
  return params;
}

/** A finding worded for a reader of `a`'s documents. */
export function findingWords(
  f: Finding,
  a: Assessment,
  describe: DocumentContext["describe"],
): FindingWords {
  const { message, fix } = describe({ ...f, params: humanParams(f, a) });
  const o = f.override;
  const status = o
    ? `Overridden${o.by ? ` by ${o.by}` : ""}${o.on ? ` on ${formatDate(o.on)}` : ""}: ${o.justification}`
    : "Open";
  return {
    severity: `${FINDING_SEVERITY_LABELS[f.severity]}${o ? " (overridden)" : ""}`,
    message: replaceFieldPaths(message, a),
    fix: replaceFieldPaths(fix, a),
    about: fieldLabel(f.path, a),
    status,
    overridden: o !== undefined,
  };
}

/**
 * Process warnings: what says how the assessment is kept (its review is overdue, it was
 * written after the processing began, it cites an unknown source), not on what terms the
 * processing is lawful. The engine may give them the `condition` effect; documents print them
 * under the review, never as conditions of the outcome.
 */
export function isProcessWarning(f: Finding): boolean {
  const meta = (RULES as Record<string, { area: string } | undefined>)[f.code];
  if (meta === undefined) return false;
  return (
    meta.area === "review" || meta.area === "structure" || f.code === "LIA_AFTER_PROCESSING_START"
  );
}

/** Conditions the outcome depends on: recorded ones, then the engine's (never process warnings). */
export function conditionsOf(
  a: Assessment,
  findings: readonly Finding[],
  describe: DocumentContext["describe"],
): string[] {
  const out = [...(a.lia?.conclusion?.conditions ?? [])];
  for (const f of findings) {
    if (f.effect !== "condition" || isProcessWarning(f) || f.override) continue;
    const text = findingWords(f, a, describe).message;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** Process warnings among the findings, worded. */
export function processWarningsOf(
  a: Assessment,
  findings: readonly Finding[],
  describe: DocumentContext["describe"],
): string[] {
  return [
    ...new Set(
      findings
        .filter((f) => f.severity !== "blocker" && isProcessWarning(f))
        .map((f) => findingWords(f, a, describe).message),
    ),
  ];
}
