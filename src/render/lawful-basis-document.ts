/**
 * @module render/lawful-basis-document
 * Builds the lawful-basis assessment of a register (or of any set of assessments) as a
 * format-neutral document, in the structure of a lawful-basis assessment template: document
 * control; purpose and regulatory basis; for each processing activity its attributes, the
 * basis chosen for each purpose with its justification and the alternatives rejected, and
 * where they apply the Art. 9, Art. 10 and Art. 8 sections, the consent checklist and the
 * ePrivacy layer; then the summary table, review, sign-off, version history and the rules
 * engine's open findings. Each activity's full LIA is a document of its own (`lia-document`).
 * Pure: the evaluations, the message catalogue and today's date are given.
 */
import { type Assessment, type Register, registerAssessments } from "../core/schema/index.ts";
import {
  DEFAULT_CADENCE_MONTHS,
  dateOr,
  type MultiDocumentContext,
  NOT_RECORDED,
  nextReviewText,
} from "./document-context.ts";
import {
  APPROVAL_DECISION_LABELS,
  FINDING_SEVERITY_LABELS,
  formatDate,
  JURISDICTION_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
} from "./labels.ts";
import { activitySection, summaryRows } from "./lawful-basis-activity.ts";
import type { Block, Doc } from "./model.ts";
import { heading, list, paragraph, table } from "./model.ts";

export type LawfulBasisContext = MultiDocumentContext;

/**
 * Build the lawful-basis assessment of a register, or of assessments given one by one (for
 * example every assessment file in a folder). Activities keep the order they are given in.
 */
export function buildLawfulBasisDocument(
  input: Register | readonly Assessment[],
  ctx: LawfulBasisContext,
): Doc {
  const isRegister = !Array.isArray(input) && (input as Register).kind === "register";
  const assessments: Assessment[] = isRegister
    ? registerAssessments(input as Register)
    : [...(input as readonly Assessment[])];
  const first = assessments[0];
  const subtitle = isRegister
    ? (input as Register).title
    : assessments.length === 1 && first
      ? first.title
      : `${first?.organisation.name ?? "Processing activities"}: ${assessments.length} processing activities`;
  const many = assessments.length > 1;
  const blocks: Block[] = [
    heading(2, "1. Purpose and regulatory basis"),
    paragraph(
      "This document identifies and justifies the lawful basis for each processing activity under Article 6 and, where they apply, Article 9 (special-category data), Article 10 (criminal-offence data) and Article 8 (children's consent to information-society services). The controller must be able to demonstrate that each basis was chosen before the processing began (Art. 5(2), accountability).",
    ),
    heading(2, "2. Processing activities"),
  ];
  assessments.forEach((a, i) => {
    blocks.push(...activitySection(a, ctx.evaluationOf(a), `2.${i + 1}`));
  });
  blocks.push(
    heading(2, "3. Lawful basis summary"),
    table(
      [
        "Processing activity",
        "Art. 6 lawful basis",
        "Art. 9 basis",
        "Consent required",
        "LIA required",
      ],
      assessments.flatMap(summaryRows),
    ),
    ...reviewSection(assessments, ctx),
    ...signOffSection(assessments, many),
    ...versionSection(assessments, many),
    ...findingsSection(assessments, ctx),
  );
  return {
    title: "Lawful Basis Assessment",
    subtitle,
    meta: documentControl(assessments, ctx),
    blocks,
  };
}

function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v.trim() !== ""))];
}

function documentControl(assessments: Assessment[], ctx: LawfulBasisContext): [string, string][] {
  const first = assessments[0];
  const dates = distinct(assessments.map((a) => a.assessedOn)).sort();
  const latest = dates.at(-1);
  const reviewers = distinct(
    assessments.flatMap((a) => (a.signOff?.required ?? []).map((r) => ROLE_LABELS[r])),
  );
  const statuses = distinct(
    assessments.map((a) => (a.status ? STATUS_LABELS[a.status] : undefined)),
  );
  const liaCount = assessments.filter((a) => a.lia !== undefined).length;
  const dpias = distinct(assessments.map((a) => a.activity.dpia?.reference));
  return [
    ["Document type", "Lawful basis assessment"],
    ["Organisation", first?.organisation.name ?? NOT_RECORDED],
    ["Jurisdiction", first ? JURISDICTION_LABELS[first.organisation.jurisdiction] : NOT_RECORDED],
    ["DPO contact", first?.organisation.dpoContact ?? NOT_RECORDED],
    ["Processing activities", String(assessments.length)],
    ["Assessment date", latest === undefined ? NOT_RECORDED : dateOr(latest)],
    ["Author", distinct(assessments.map((a) => a.author)).join("; ") || NOT_RECORDED],
    ["Reviewers", reviewers.join("; ") || NOT_RECORDED],
    ["Status", statuses.join("; ") || NOT_RECORDED],
    [
      "Related documents",
      [
        liaCount > 0
          ? `Legitimate Interests Assessment (${liaCount} ${liaCount === 1 ? "activity" : "activities"})`
          : "",
        ...dpias.map((d) => `DPIA: ${d}`),
      ]
        .filter((x) => x !== "")
        .join("; ") || "None recorded",
    ],
    ["Document date", formatDate(ctx.today)],
  ];
}

function reviewSection(assessments: Assessment[], ctx: LawfulBasisContext): Block[] {
  const triggers = distinct(assessments.flatMap((a) => a.review?.triggers ?? []));
  return [
    heading(2, "4. Review"),
    table(
      ["Processing activity", "Cadence", "Next review", "Owner"],
      assessments.map((a) => [
        a.activity.name,
        `Every ${a.review?.cadenceMonths ?? DEFAULT_CADENCE_MONTHS} months${a.review?.cadenceMonths === undefined ? " (default)" : ""}`,
        nextReviewText(a, ctx.evaluationOf(a), ctx.today),
        a.review?.owner ?? NOT_RECORDED,
      ]),
    ),
    heading(4, "Triggers for an early review"),
    triggers.length > 0 ? list(triggers) : paragraph("None recorded."),
  ];
}

function signOffSection(assessments: Assessment[], many: boolean): Block[] {
  const rows: string[][] = [];
  for (const a of assessments) {
    const records = a.signOff?.records ?? [];
    const recorded = records.map((r) => [
      ROLE_LABELS[r.role],
      r.name ?? "",
      r.decision ? APPROVAL_DECISION_LABELS[r.decision] : "",
      "",
      r.date ? formatDate(r.date) : "",
    ]);
    for (const role of new Set(a.signOff?.required ?? [])) {
      if (!records.some((r) => r.role === role)) recorded.push([ROLE_LABELS[role], "", "", "", ""]);
    }
    for (const row of recorded) rows.push(many ? [a.activity.name, ...row] : row);
  }
  const columns = ["Role", "Name", "Approval", "Signature", "Date"];
  return [
    heading(2, "5. Approval and sign-off"),
    rows.length > 0
      ? table(many ? ["Processing activity", ...columns] : columns, rows)
      : paragraph("No sign-off is required or recorded."),
  ];
}

function versionSection(assessments: Assessment[], many: boolean): Block[] {
  const rows = assessments.flatMap((a) =>
    (a.history ?? []).map((v) => {
      const row = [v.version, formatDate(v.date), v.changes, v.author ?? ""];
      return many ? [a.activity.name, ...row] : row;
    }),
  );
  const columns = ["Version", "Date", "Changes", "Author"];
  return [
    heading(2, "6. Version history"),
    rows.length > 0
      ? table(many ? ["Processing activity", ...columns] : columns, rows)
      : paragraph("No version history is recorded."),
  ];
}

function findingsSection(assessments: Assessment[], ctx: LawfulBasisContext): Block[] {
  const order = { blocker: 0, warning: 1, info: 2 } as const;
  const rows = assessments.flatMap((a) =>
    [...ctx.evaluationOf(a).findings]
      .sort((x, y) => order[x.severity] - order[y.severity])
      .map((f) => {
        const { message, fix } = ctx.describe(f);
        return [a.activity.name, FINDING_SEVERITY_LABELS[f.severity], message, fix];
      }),
  );
  return [
    heading(2, "7. Open findings"),
    rows.length > 0
      ? table(["Processing activity", "Severity", "Finding", "How to resolve"], rows)
      : paragraph("None."),
  ];
}
