/**
 * @module render/lia-closing
 * The LIA's closing sections: the data-minimisation specification, the objection route, the
 * conclusion, review, version history, sign-off, the rules engine's open findings and the
 * references cited.
 */
import type { Finding } from "../core/rules/types.ts";
import {
  DEFAULT_CADENCE_MONTHS,
  dateOr,
  NOT_RECORDED,
  nextReviewText,
} from "./document-context.ts";
import {
  APPROVAL_DECISION_LABELS,
  FINDING_SEVERITY_LABELS,
  formatDate,
  OUTCOME_LABELS,
  ROLE_LABELS,
  TEST_RESULT_LABELS,
  TRANSFORMATION_LABELS,
} from "./labels.ts";
import { type Builder, cite, interestTitle } from "./lia-builder.ts";
import type { Block } from "./model.ts";
import { heading, keyValue, list, note, paragraph, table } from "./model.ts";

export function minimisation(b: Builder): Block[] {
  const spec = b.a.lia?.minimisation;
  const blocks: Block[] = [heading(2, "5. Data-minimisation specification")];
  if (!spec) return [...blocks, paragraph("No data-minimisation specification is recorded.")];
  if (spec.rule !== undefined) blocks.push(note("info", spec.rule));
  blocks.push(
    spec.fields.length > 0
      ? table(
          ["Field", "Type", "Purpose", "Retention", "Transformation"],
          spec.fields.map((f) => [
            f.name,
            f.type ?? "",
            f.purpose ?? "",
            f.retention ?? (f.retentionDays === undefined ? "" : `${f.retentionDays} days`),
            f.transformation ? TRANSFORMATION_LABELS[f.transformation] : "",
          ]),
        )
      : paragraph("No fields are specified."),
  );
  const prohibited = spec.prohibited ?? [];
  if (prohibited.length > 0) {
    blocks.push(
      heading(4, "Prohibited fields"),
      list(prohibited.map((p) => (p.reason === undefined ? p.name : `${p.name}: ${p.reason}`))),
    );
  }
  return blocks;
}

export function objection(b: Builder): Block[] {
  const route = b.a.lia?.objection;
  return [
    heading(2, "6. Right to object (Art. 21)"),
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
}

export function conclusion(b: Builder): Block[] {
  const { evaluation, describe } = b.ctx;
  const recorded = b.a.lia?.conclusion;
  const results = evaluation.trace.interests;
  // The engine may carry a condition as a finding code; say it in words when it does.
  const conditions = evaluation.trace.conditions.map((c) => {
    const finding = evaluation.findings.find((f) => f.code === c);
    return finding ? describe(finding).message : c;
  });
  for (const c of recorded?.conditions ?? []) if (!conditions.includes(c)) conditions.push(c);
  return [
    heading(2, "7. Conclusion"),
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
      ["Summary", recorded?.summary ?? NOT_RECORDED],
    ]),
    heading(4, "Conditions"),
    conditions.length > 0 ? list(conditions) : paragraph("None."),
    keyValue([
      ["Decided by", recorded?.decidedBy ?? NOT_RECORDED],
      ["Decided on", dateOr(recorded?.decidedOn)],
    ]),
  ];
}

export function review(b: Builder): Block[] {
  const r = b.a.review;
  const cadence = r?.cadenceMonths;
  const history = r?.history ?? [];
  return [
    heading(2, "8. Review"),
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
    heading(4, "Triggers for an early review"),
    (r?.triggers ?? []).length > 0 ? list(r?.triggers ?? []) : paragraph("None recorded."),
    heading(4, "Review history"),
    history.length > 0
      ? table(
          ["Date", "By", "Summary"],
          history.map((h) => [formatDate(h.date), h.by ?? "", h.summary]),
        )
      : paragraph("No review has been recorded yet."),
  ];
}

export function versionHistory(b: Builder): Block[] {
  const history = b.a.history ?? [];
  return [
    heading(2, "9. Version history"),
    history.length > 0
      ? table(
          ["Version", "Date", "Changes", "Author"],
          history.map((v) => [v.version, formatDate(v.date), v.changes, v.author ?? ""]),
        )
      : paragraph("No version history is recorded."),
  ];
}

export function signOff(b: Builder): Block[] {
  const required = [...new Set(b.a.signOff?.required ?? [])];
  const records = b.a.signOff?.records ?? [];
  const rows = records.map((r) => [
    ROLE_LABELS[r.role],
    r.name ?? "",
    r.decision ? APPROVAL_DECISION_LABELS[r.decision] : "",
    r.date ? formatDate(r.date) : "",
    r.comment ?? "",
  ]);
  for (const role of required) {
    if (!records.some((r) => r.role === role)) rows.push([ROLE_LABELS[role], "", "", "", ""]);
  }
  const blocks: Block[] = [heading(2, "10. Sign-off")];
  if (required.length > 0) {
    blocks.push(paragraph(`Required: ${required.map((role) => ROLE_LABELS[role]).join(", ")}.`));
  }
  blocks.push(
    rows.length > 0
      ? table(["Role", "Name", "Decision", "Date", "Comment"], rows)
      : paragraph("No sign-off is required or recorded."),
  );
  return blocks;
}

export function openFindings(b: Builder, findings: Finding[]): Block[] {
  return [
    heading(2, "11. Open findings"),
    findings.length > 0
      ? table(
          ["Severity", "Finding", "Where", "How to resolve", "References"],
          findings.map((f) => {
            const { message, fix } = b.ctx.describe(f);
            return [
              FINDING_SEVERITY_LABELS[f.severity],
              message,
              f.path,
              fix,
              f.refs.map((id) => cite(b, id)).join("; "),
            ];
          }),
        )
      : paragraph("None."),
  ];
}

export function referencesCited(b: Builder): Block[] {
  const rows = [...b.cited].map((id) => {
    const ref = b.ctx.reference(id);
    return ref ? [ref.title, ref.citation, ref.url ?? ""] : [id, "Not in the knowledge base", ""];
  });
  return [
    heading(2, "12. References cited"),
    rows.length > 0 ? table(["Reference", "Citation", "Link"], rows) : paragraph("None."),
  ];
}
