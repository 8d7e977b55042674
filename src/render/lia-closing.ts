/**
 * @module render/lia-closing
 * The LIA's closing sections: the data-minimisation specification, the objection route, the
 * conclusion, the review (with process warnings such as an overdue review, which are not
 * conditions), the assessor's notes, version history and sign-off; then the appendices: the
 * findings worded for people, and every reference cited anywhere in the document.
 */
import type { Finding } from "../core/rules/types.ts";
import {
  DEFAULT_CADENCE_MONTHS,
  dateOr,
  NOT_RECORDED,
  nextReviewText,
} from "./document-context.ts";
import { findingWords, processWarningsOf } from "./finding-words.ts";
import {
  formatDate,
  OUTCOME_LABELS,
  ROLE_LABELS,
  TEST_RESULT_LABELS,
  TRANSFORMATION_LABELS,
} from "./labels.ts";
import { type Builder, cite, interestTitle, type Section } from "./lia-builder.ts";
import { conditionsList, outcomeNotes } from "./lia-summary.ts";
import type { Block } from "./model.ts";
import { heading, keyValue, list, note, paragraph, table } from "./model.ts";

export function minimisationSection(b: Builder): Section {
  return {
    title: "Data-minimisation specification",
    blocks: () => {
      const spec = b.a.lia?.minimisation;
      if (!spec) return [paragraph("No data-minimisation specification is recorded.")];
      const blocks: Block[] = [];
      if (spec.rule !== undefined) blocks.push(note("info", spec.rule));
      blocks.push(
        spec.fields.length > 0
          ? table(
              ["Field", "Type", "Purpose", "Retention", "Transformation", "Notes"],
              spec.fields.map((f) => [
                f.name,
                f.type ?? NOT_RECORDED,
                f.purpose ?? NOT_RECORDED,
                f.retention ??
                  (f.retentionDays === undefined ? NOT_RECORDED : `${f.retentionDays} days`),
                f.transformation ? TRANSFORMATION_LABELS[f.transformation] : NOT_RECORDED,
                f.notes ?? "",
              ]),
            )
          : paragraph("No fields are specified."),
      );
      const prohibited = spec.prohibited ?? [];
      blocks.push(
        heading(4, "Prohibited fields"),
        prohibited.length > 0
          ? table(
              ["Field", "Why it is prohibited"],
              prohibited.map((p) => [p.name, p.reason ?? NOT_RECORDED]),
            )
          : paragraph("None recorded."),
      );
      return blocks;
    },
  };
}

export function objectionSection(b: Builder): Section {
  return {
    title: "Right to object (Art. 21)",
    blocks: () => {
      cite(b, "gdpr-art-21-1");
      const route = b.a.lia?.objection;
      return [
        route
          ? keyValue([
              ["How to object", route.route ?? NOT_RECORDED],
              [
                "Response time",
                route.responseDays === undefined ? NOT_RECORDED : `${route.responseDays} days`,
              ],
              ["If an objection is upheld", route.outcomeIfUpheld ?? NOT_RECORDED],
            ])
          : paragraph("No objection route is recorded."),
      ];
    },
  };
}

export function conclusionSection(b: Builder): Section {
  return {
    title: "Conclusion",
    blocks: () => {
      const { evaluation } = b.ctx;
      const recorded = b.a.lia?.conclusion;
      const results = evaluation.trace.interests;
      return [
        results.length > 0
          ? table(
              ["Interest", "Purpose test", "Necessity", "Balancing", "Outcome"],
              results.map((r) => [
                interestTitle(b, r.interest),
                TEST_RESULT_LABELS[r.purposeTest],
                TEST_RESULT_LABELS[r.necessity],
                TEST_RESULT_LABELS[r.balancing],
                OUTCOME_LABELS[r.outcome],
              ]),
            )
          : paragraph("No result per interest is available."),
        keyValue([
          ["Overall outcome", OUTCOME_LABELS[evaluation.outcome]],
          ...outcomeNotes(b).map((t) => ["Why", t] as [string, string]),
          ["Summary", recorded?.summary ?? NOT_RECORDED],
        ]),
        heading(4, "Conditions the outcome depends on"),
        ...conditionsList(b),
        keyValue([
          ["Decided by", recorded?.decidedBy ?? NOT_RECORDED],
          ["Decided on", dateOr(recorded?.decidedOn)],
        ]),
      ];
    },
  };
}

export function reviewSection(b: Builder): Section {
  return {
    title: "Review",
    blocks: () => {
      const r = b.a.review;
      const cadence = r?.cadenceMonths;
      const history = r?.history ?? [];
      const warnings = processWarningsOf(b.a, b.ctx.evaluation.findings, b.ctx.describe);
      return [
        keyValue([
          [
            "Cadence",
            cadence === undefined
              ? `Every ${DEFAULT_CADENCE_MONTHS} months (default)`
              : `Every ${cadence} months`,
          ],
          ["Next review", nextReviewText(b.a, b.ctx.evaluation, b.ctx.today)],
          ["Owner", r?.owner ?? NOT_RECORDED],
        ]),
        ...warnings.map((w) => note("warning", w)),
        heading(4, "Triggers for an early review"),
        (r?.triggers ?? []).length > 0 ? list(r?.triggers ?? []) : paragraph("None recorded."),
        heading(4, "Review history"),
        history.length > 0
          ? table(
              ["Date", "By", "Summary"],
              history.map((h) => [formatDate(h.date), h.by ?? NOT_RECORDED, h.summary]),
            )
          : paragraph("No review has been recorded yet."),
      ];
    },
  };
}

/** The assessor's own notes: scope remarks, exclusions, disclaimers, country layers. */
export function notesSection(b: Builder): Section | undefined {
  const notes = b.a.notes;
  if (notes === undefined) return undefined;
  return {
    title: "Notes and remarks on scope",
    blocks: () => [
      paragraph(
        "Recorded by the assessor with this assessment, as written: remarks on scope, exclusions, limits and sources.",
      ),
      ...notes
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter((p) => p !== "")
        .map((p) => paragraph(p)),
    ],
  };
}

export function versionSection(b: Builder): Section {
  return {
    title: "Version history",
    blocks: () => {
      const history = b.a.history ?? [];
      const blocks: Block[] = [
        keyValue([
          ["This document", `Version ${b.standing.version}, ${b.standing.status}`],
          ...(b.standing.fromRecord
            ? [["Saved or status reached on", b.standing.date] as [string, string]]
            : []),
        ]),
      ];
      blocks.push(
        history.length > 0
          ? table(
              ["Version", "Date", "Changes", "Author"],
              history.map((v) => [v.version, formatDate(v.date), v.changes, v.author ?? ""]),
            )
          : paragraph("No version history is recorded in the assessment."),
      );
      return blocks;
    },
  };
}

export function signOffSection(b: Builder): Section {
  return {
    title: "Sign-off",
    blocks: () => {
      const { required, signOffRows, fromRecord } = b.standing;
      const blocks: Block[] = [];
      if (required.length > 0)
        blocks.push(
          paragraph(`Required: ${required.map((role) => ROLE_LABELS[role]).join(", ")}.`),
        );
      if (!fromRecord && signOffRows.length > 0)
        blocks.push(
          note(
            "info",
            "As the assessment file states it: these entries were not made through Basis's sign-off and are not verified.",
          ),
        );
      blocks.push(
        signOffRows.length > 0
          ? table(["Role", "Name", "Decision", "Date", "Comment"], signOffRows)
          : paragraph("No sign-off is required or recorded."),
      );
      return blocks;
    },
  };
}

const SEVERITY_ORDER = { blocker: 0, warning: 1, info: 2 } as const;

/** The findings appendix: every finding, worded for people, overridden ones marked. */
export function findingsSection(b: Builder): Section {
  return {
    title: "Findings",
    blocks: () => {
      const findings: Finding[] = [...b.ctx.evaluation.findings].sort(
        (x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity],
      );
      if (findings.length === 0)
        return [paragraph("The rules engine raised no finding on this assessment.")];
      return [
        paragraph(
          "What the rules engine found, most serious first. A blocker must be resolved before the assessment can be relied on; a warning should be; information needs no action. A finding an officer has overridden stays here with the justification.",
        ),
        table(
          ["Severity", "Finding", "About", "How to resolve", "Status", "References"],
          findings.map((f) => {
            const w = findingWords(f, b.a, b.ctx.describe);
            return [
              w.severity,
              w.message,
              w.about,
              w.fix,
              w.status,
              f.refs.map((id) => cite(b, id)).join("; "),
            ];
          }),
        ),
      ];
    },
  };
}

/** Every reference cited anywhere in the document, with its full citation. */
export function referencesSection(b: Builder): Section {
  return { title: "References cited", blocks: () => referencesBlocks(b.cited, b.ctx.reference) };
}

/** The references table of the `cited` ids, known ones by title first, with a note on the GDPR. */
export function referencesBlocks(
  cited: ReadonlySet<string>,
  reference: Builder["ctx"]["reference"],
): Block[] {
  const rows = [...cited]
    .map((id) => {
      const ref = reference(id);
      return ref ? [ref.title, ref.citation, ref.url ?? ""] : [id, "Not in the knowledge base", ""];
    })
    .sort(byKnownThenTitle);
  if (rows.length === 0) return [paragraph("None.")];
  const gdpr = rows.some((r) => (r[1] ?? "").includes("2016/679"));
  return [
    table(["Reference", "Full citation", "Source"], rows),
    ...(gdpr
      ? [
          paragraph(
            "Regulation (EU) 2016/679 is the General Data Protection Regulation (GDPR); in the United Kingdom it applies as retained in UK law (the UK GDPR).",
          ),
        ]
      : []),
  ];
}

/** Known references by title, then ids the knowledge base does not have. */
export function byKnownThenTitle(x: string[], y: string[]): number {
  const unknown = (r: string[]) => (r[1] === "Not in the knowledge base" ? 1 : 0);
  return unknown(x) - unknown(y) || (x[0] ?? "").localeCompare(y[0] ?? "");
}
