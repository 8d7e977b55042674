/**
 * @module render/lia-document
 * Builds the Legitimate Interests Assessment as a format-neutral document. Page one is a cover
 * block (organisation, activity, version, status and its date from the stored record, the
 * approvers) and an executive summary; then the body in the structure of a full multi-interest
 * LIA (scope and exclusions; the interests and who benefits; necessity and balancing, each
 * shared test written once; the weighing; minimisation specification; objection route;
 * conclusion; review; the assessor's notes; the screening; versions and sign-off), and two
 * appendices: the findings worded for people and every reference cited. Pure: the evaluation,
 * the record, the message catalogue, the knowledge base and today's date are given.
 */
import type { Assessment } from "../core/schema/index.ts";
import {
  dateOr,
  type LiaDocumentContext,
  NOT_RECORDED,
  nextReviewText,
} from "./document-context.ts";
import { standingOf } from "./document-record.ts";
import { formatDate, jurisdictionText, OUTCOME_LABELS } from "./labels.ts";
import { type Builder, cite, type Section } from "./lia-builder.ts";
import {
  conclusionSection,
  findingsSection,
  minimisationSection,
  notesSection,
  objectionSection,
  referencesSection,
  reviewSection,
  signOffSection,
  versionSection,
} from "./lia-closing.ts";
import { interestsSection, scopeSection } from "./lia-purpose.ts";
import { summaryBlocks } from "./lia-summary.ts";
import { balancingSection, necessitySection } from "./lia-tests.ts";
import type { Block, Doc } from "./model.ts";
import { heading, note, paragraph } from "./model.ts";
import { screeningBlocks, screeningOf } from "./screening-document.ts";

export type { LiaDocumentContext, ReferenceEntry } from "./document-context.ts";

/** A builder for `assessment`, with its standing from the stored record (if any). */
export function liaBuilder(assessment: Assessment, ctx: LiaDocumentContext): Builder {
  return {
    a: assessment,
    ctx,
    interests: assessment.lia?.interests ?? [],
    cited: new Set(),
    standing: standingOf(assessment, ctx.recordOf?.(assessment)),
  };
}

/** The three-step body of an LIA, for annexing it to another document. */
export function liaBodySections(b: Builder): Section[] {
  return [
    interestsSection(b),
    necessitySection(b),
    balancingSection(b),
    minimisationSection(b),
    objectionSection(b),
    conclusionSection(b),
  ];
}

/** Sections numbered 1, 2, … with level-2 headings. */
export function numbered(sections: Section[], prefix = ""): Block[] {
  return sections.flatMap((s, i) => {
    const n = `${prefix}${i + 1}`;
    return [heading(2, `${n}. ${s.title}`), ...s.blocks(n)];
  });
}

function screeningSection(b: Builder): Section | undefined {
  const found = screeningOf(b.a, b.ctx.questionnaire);
  if (found === undefined) return undefined;
  return {
    title: "Screening",
    blocks: () =>
      typeof found === "string"
        ? [paragraph(found)]
        : screeningBlocks(
            found.q,
            found.run,
            { assessor: b.a.screening?.assessor, date: b.a.screening?.date },
            b.ctx.describe,
            2,
          ),
  };
}

/**
 * Build the LIA document for one assessment. Sections without content say so ("Not
 * recorded", "None") rather than disappear.
 */
export function buildLiaDocument(assessment: Assessment, ctx: LiaDocumentContext): Doc {
  const b = liaBuilder(assessment, ctx);
  const body: Section[] = [
    scopeSection(b),
    ...liaBodySections(b),
    reviewSection(b),
    ...[notesSection(b), screeningSection(b)].filter((s): s is Section => s !== undefined),
    versionSection(b),
    signOffSection(b),
  ];
  const blocks: Block[] = [
    ...b.standing.caveats.map((c) => note("info", c)),
    ...summaryBlocks(b),
    ...numbered(body),
  ];
  // The appendices come last: the findings cite references, and the references list must
  // hold every citation in the document, including those named in the assessor's own text.
  const findings = findingsSection(b);
  blocks.push(heading(2, `Appendix A. ${findings.title}`), ...findings.blocks("A"));
  const cited = citeInText(b, blocks);
  const references = referencesSection(b);
  cited.push(heading(2, `Appendix B. ${references.title}`), ...references.blocks("B"));
  const organisation = ctx.branding?.name ?? assessment.organisation.name ?? NOT_RECORDED;
  return {
    title: "Legitimate Interests Assessment",
    subtitle: assessment.title,
    meta: coverBlock(b),
    blocks: cited,
    running: {
      organisation,
      title: "Legitimate Interests Assessment",
      version: b.standing.version.replace(/ \(.*\)$/, ""),
      status: b.standing.status.replace(/ on .*$/, ""),
    },
  };
}

function coverBlock(b: Builder): [string, string][] {
  const { a, ctx, standing } = b;
  return [
    ["Organisation", a.organisation.name ?? NOT_RECORDED],
    ["Processing activity", a.activity.name],
    ["Assessed under", jurisdictionText(a.organisation)],
    ["Version", standing.version],
    ["Status", standing.status],
    ...(standing.fromRecord ? [["Status since", standing.date] as [string, string]] : []),
    ["Assessment date", dateOr(a.assessedOn)],
    ["Author", a.author ?? NOT_RECORDED],
    ["Contact", a.organisation.dpoContact ?? NOT_RECORDED],
    ["Next review", nextReviewText(a, ctx.evaluation, ctx.today)],
    ["Overall outcome", OUTCOME_LABELS[ctx.evaluation.outcome]],
    ["Document date", formatDate(ctx.today)],
  ];
}

/** Knowledge-base ids written in the assessor's text: "(eprivacy-art-5-3)". */
const ID_IN_TEXT = /\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g;

/**
 * Every reference id written in the text of the blocks becomes the reference's title and is
 * cited, so that no internal identifier is printed and References cited misses nothing.
 */
export function citeInText(b: Builder, blocks: Block[]): Block[] {
  const swap = (text: string) =>
    text.replace(ID_IN_TEXT, (id) => (b.ctx.reference(id) ? cite(b, id) : id));
  return blocks.map((block): Block => {
    switch (block.kind) {
      case "heading":
        return block;
      case "paragraph":
        return "runs" in block
          ? { ...block, runs: block.runs.map((r) => ({ ...r, text: swap(r.text) })) }
          : { ...block, text: swap(block.text) };
      case "list":
        return { ...block, items: block.items.map(swap) };
      case "table":
        return { ...block, rows: block.rows.map((r) => r.map(swap)) };
      case "keyValue":
        return { ...block, rows: block.rows.map(([k, v]) => [k, swap(v)] as [string, string]) };
      case "note":
        return { ...block, text: swap(block.text) };
      default:
        return block;
    }
  });
}
