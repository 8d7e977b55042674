/**
 * @module render/lia-summary
 * Page one of the LIA: the executive summary a board or a regulator reads first — the outcome
 * per interest and overall (and, where they differ, why), the key safeguards, the conditions
 * the outcome depends on, the blockers still open, who approved it and when it is next
 * reviewed. Also the wording of conditions and of a divergent outcome, shared with the
 * conclusion so that both say the same.
 */
import type { Finding, Outcome } from "../core/rules/types.ts";
import { joinOr, LI_BASES, nextReviewText } from "./document-context.ts";
import { conditionsOf, findingWords, isProcessWarning } from "./finding-words.ts";
import { BASIS_LABELS, OUTCOME_LABELS } from "./labels.ts";
import { type Builder, interestTitle } from "./lia-builder.ts";
import type { Block } from "./model.ts";
import { heading, keyValue, list, paragraph, richParagraph, table } from "./model.ts";

const MAX_REASONS = 3;

function words(b: Builder, f: Finding): string {
  return findingWords(f, b.a, b.ctx.describe).message;
}

function some(items: string[]): string {
  if (items.length <= MAX_REASONS) return items.join("; ");
  return `${items.slice(0, MAX_REASONS).join("; ")}; and ${items.length - MAX_REASONS} more (Appendix A)`;
}

/** The findings that decided the overall outcome, as the engine's trace names them. */
function decisive(b: Builder): Finding[] {
  const { findings, trace } = b.ctx.evaluation;
  return trace.decidedBy.flatMap((d) => {
    const f = findings.find((x) => x.code === d.code && x.path === d.path);
    return f ? [f] : [];
  });
}

/**
 * Why the overall outcome reads as it does where that is not self-evident: when an interest's
 * own outcome differs from it, and when "with conditions" comes only from process warnings.
 */
export function outcomeNotes(b: Builder): string[] {
  const e = b.ctx.evaluation;
  const overall = e.outcome;
  const notes: string[] = [];
  const conditions = conditionsOf(b.a, e.findings, b.ctx.describe);
  const process = e.findings.filter(
    (f) => f.effect === "condition" && isProcessWarning(f) && f.override === undefined,
  );
  if (overall === "appropriate-with-conditions" && conditions.length === 0 && process.length > 0) {
    notes.push(
      `The rules engine gives "with conditions" only because of process warnings (${some([
        ...new Set(process.map((f) => words(b, f))),
      ])}). They are listed under the review, not as conditions of lawfulness.`,
    );
  }
  const byOutcome = new Map<Outcome, string[]>();
  for (const r of e.trace.interests) {
    if (r.outcome === overall) continue;
    byOutcome.set(r.outcome, [...(byOutcome.get(r.outcome) ?? []), interestTitle(b, r.interest)]);
  }
  for (const [outcome, titles] of byOutcome) {
    const reasons =
      overall === "appropriate-with-conditions" && conditions.length > 0
        ? "the conditions attached to the activity as a whole"
        : some([...new Set(decisive(b).map((f) => words(b, f)))]) ||
          "findings about the activity as a whole (Appendix A)";
    const subject =
      titles.length === 1
        ? `The interest "${titles[0]}" is`
        : `The interests ${titles.map((t) => `"${t}"`).join(", ")} are`;
    notes.push(
      `${subject} ${OUTCOME_LABELS[outcome].toLowerCase()} on ${titles.length === 1 ? "its" : "their"} own; the overall outcome is ${OUTCOME_LABELS[overall].toLowerCase()} because of ${reasons}.`,
    );
  }
  return notes;
}

/** The conditions as a list, or "None". */
export function conditionsList(b: Builder): Block[] {
  const conditions = conditionsOf(b.a, b.ctx.evaluation.findings, b.ctx.describe);
  return conditions.length > 0 ? [list(conditions)] : [paragraph("None.")];
}

/** The additional safeguards across the balancing tests, each named once. */
function keySafeguards(b: Builder): string[] {
  const seen = new Set<string>();
  for (const t of b.a.lia?.balancing ?? [])
    for (const s of t.safeguards ?? []) if (s.kind === "additional") seen.add(s.measure);
  return [...seen];
}

export function summaryBlocks(b: Builder): Block[] {
  const e = b.ctx.evaluation;
  const blockers = e.findings.filter((f) => f.severity === "blocker" && f.override === undefined);
  const safeguards = keySafeguards(b);
  const excluded = b.a.decisions.flatMap((d) => {
    if (d.basis === undefined || LI_BASES.has(d.basis)) return [];
    const p = b.a.activity.purposes.find((x) => x.id === d.purpose);
    return p ? [`${p.description.trim().replace(/[.;:]+$/, "")}: ${BASIS_LABELS[d.basis]}`] : [];
  });
  const blocks: Block[] = [
    heading(2, "Summary"),
    richParagraph(
      { text: "Overall outcome: ", bold: true },
      { text: `${OUTCOME_LABELS[e.outcome]}.` },
    ),
    ...outcomeNotes(b).map((t) => paragraph(t)),
  ];
  if (e.trace.interests.length > 0) {
    blocks.push(
      table(
        ["Interest", "Outcome"],
        e.trace.interests.map((r) => [interestTitle(b, r.interest), OUTCOME_LABELS[r.outcome]]),
      ),
    );
  }
  const conditions = conditionsOf(b.a, e.findings, b.ctx.describe);
  blocks.push(
    keyValue([
      [
        "Key safeguards",
        safeguards.length > 0
          ? safeguards.join("; ")
          : "No safeguard beyond what the law already requires is recorded.",
      ],
      ["Conditions", conditions.length > 0 ? conditions.join("\n") : "None."],
      [
        "Open blockers",
        blockers.length > 0
          ? `${blockers.length}: ${some([...new Set(blockers.map((f) => words(b, f)))])}`
          : "None.",
      ],
      [
        "Approved by",
        joinOr(
          b.standing.approvers,
          b.standing.fromRecord ? "Nobody yet." : "None on record (made from a file).",
        ),
      ],
      ["Next review", nextReviewText(b.a, e, b.ctx.today)],
      ...(excluded.length > 0
        ? [["Not based on legitimate interests", excluded.join("\n")] as [string, string]]
        : []),
    ]),
  );
  return blocks;
}
