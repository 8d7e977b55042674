/**
 * @module render/lawful-basis-document
 * Builds the lawful-basis assessment of a register (or of any set of assessments) as a
 * format-neutral document, in the structure of a lawful-basis assessment template: document
 * control (version, status, owner, related documents); purpose and regulatory basis; for each
 * processing activity its attributes (data classification included), the basis chosen for
 * each purpose with the alternatives rejected, and where they apply the Art. 9(2) checklist,
 * Art. 10, Art. 8 (only where a child's consent is relied on), the consent checklist and the
 * ePrivacy layer; the summary table; change management; the Art. 30 checklist; review,
 * sign-off, version history, findings and references cited. Each activity's LIA is annexed to
 * it (an activity without one gets no LIA). Pure: the evaluations, the records, the message
 * catalogue and today's date are given.
 */
import { type Assessment, type Register, registerAssessments } from "../core/schema/index.ts";
import {
  DEFAULT_CADENCE_MONTHS,
  dateOr,
  type MultiDocumentContext,
  NOT_RECORDED,
  nextReviewText,
} from "./document-context.ts";
import { standingOf } from "./document-record.ts";
import { findingWords } from "./finding-words.ts";
import {
  BASIS_LABELS,
  formatDate,
  jurisdictionText,
  OUTCOME_LABELS,
  ROLE_LABELS,
} from "./labels.ts";
import { activitySection, summaryRows } from "./lawful-basis-activity.ts";
import type { Builder } from "./lia-builder.ts";
import { cite } from "./lia-builder.ts";
import { referencesBlocks } from "./lia-closing.ts";
import { citeInText, liaBodySections, liaBuilder } from "./lia-document.ts";
import type { Block, Doc } from "./model.ts";
import { heading, list, note, paragraph, table } from "./model.ts";

export type LawfulBasisContext = MultiDocumentContext;

/** The items of an Art. 30(1) record and how to tell each is recorded. */
const ART30_ITEMS: [string, (a: Assessment) => boolean][] = [
  [
    "Name and contact details of the controller (and DPO)",
    (a) =>
      a.organisation.name !== undefined &&
      (a.organisation.address !== undefined || a.organisation.dpoContact !== undefined),
  ],
  ["Purposes of the processing", (a) => a.activity.purposes.length > 0],
  [
    "Categories of data subjects and of personal data",
    (a) => a.activity.dataSubjects.length > 0 && a.activity.dataCategories.length > 0,
  ],
  [
    "Lawful basis for each purpose",
    (a) => a.activity.purposes.every((p) => a.decisions.some((d) => d.purpose === p.id && d.basis)),
  ],
  ["Categories of recipients", (a) => a.activity.recipients !== undefined],
  [
    "International transfers and their safeguards",
    (a) => a.activity.transfers?.every((t) => t.mechanism !== undefined) === true,
  ],
  ["Retention periods", (a) => a.activity.retention !== undefined],
  ["Security measures", (a) => a.activity.securityMeasures !== undefined],
];

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
  const cited = new Set<string>();
  // One builder per activity, sharing the document's citations; LIAs are annexed in order.
  const builders = assessments.map((a) => {
    const b = liaBuilder(a, { ...ctx, evaluation: ctx.evaluationOf(a) });
    b.cited = cited;
    return b;
  });
  const annexOf = new Map<Assessment, string>();
  let annexes = 0;
  for (const b of builders) if (b.a.lia !== undefined) annexOf.set(b.a, `A${++annexes}`);
  const root = builders[0] as Builder | undefined;
  const citeRef = (id: string) => (root ? cite(root, id) : id);

  const blocks: Block[] = [
    ...[...new Set(assessments.flatMap((a) => standingOf(a, ctx.recordOf?.(a)).caveats))].map((c) =>
      note("info", c),
    ),
    ...summarySection(assessments, ctx),
    heading(2, "1. Purpose and regulatory basis"),
    paragraph(
      `This document identifies and justifies the lawful basis of each processing activity under ${citeRef("gdpr-art-6-1")} and, where they apply, Article 9 (special-category data), Article 10 (criminal-offence data) and Article 8 (a child's consent to an online service). Processing is lawful only where at least one of these bases applies:`,
    ),
    list([
      "(a) Consent: the person has agreed to the processing for one or more specific purposes.",
      "(b) Contract: the processing is necessary to perform a contract with the person, or to take steps they asked for before entering one.",
      "(c) Legal obligation: the processing is necessary to comply with a legal obligation of the controller.",
      "(d) Vital interests: the processing is necessary to protect someone's life.",
      "(e) Public task: the processing is necessary for a task in the public interest or in the exercise of official authority.",
      "(f) Legitimate interests: the processing is necessary for a legitimate interest of the controller or a third party, unless the person's interests, rights and freedoms override it.",
    ]),
    paragraph(
      `Special-category data needs a condition of ${citeRef("gdpr-art-9-2")} in addition to the Art. 6 basis. The controller must be able to show that each basis was chosen, and why, before the processing began (${citeRef("gdpr-art-5-2")}).`,
    ),
    heading(2, "2. Processing activities"),
  ];
  assessments.forEach((a, i) => {
    blocks.push(
      ...activitySection(a, ctx.evaluationOf(a), `2.${i + 1}`, {
        annex: annexOf.get(a),
        cite: citeRef,
      }),
    );
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
    ...changeManagement(assessments, citeRef),
    ...art30Checklist(assessments, citeRef),
    ...reviewSection(assessments, ctx),
    ...signOffSection(assessments, many, ctx),
    ...versionSection(assessments, many),
    ...findingsSection(assessments, ctx),
  );
  for (const b of builders) {
    const annex = annexOf.get(b.a);
    if (annex === undefined) continue;
    blocks.push(
      heading(2, `Annex ${annex}. Legitimate Interests Assessment: ${b.a.activity.name}`),
      paragraph(
        "The LIA of this activity, annexed to it: the interests, the necessity and balancing tests, the minimisation specification, the objection route and the conclusion.",
      ),
      ...liaBodySections(b).flatMap((s, i) => {
        const n = `${annex}.${i + 1}`;
        return [heading(3, `${n} ${s.title}`), ...demote(s.blocks(n))];
      }),
    );
  }
  const withCitations = root ? citeInText(root, blocks) : blocks;
  withCitations.push(heading(2, "References cited"), ...referencesBlocks(cited, ctx.reference));
  const organisation = ctx.branding?.name ?? first?.organisation.name ?? NOT_RECORDED;
  const standing = first ? standingOf(first, ctx.recordOf?.(first)) : undefined;
  return {
    title: "Lawful Basis Assessment",
    subtitle,
    meta: documentControl(assessments, ctx, annexOf),
    blocks: withCitations,
    running: {
      organisation,
      title: "Lawful Basis Assessment",
      version: many ? "" : (standing?.version.replace(/ \(.*\)$/, "") ?? ""),
      status: statusSummary(assessments, ctx),
    },
  };
}

/**
 * Page one: each activity's basis, outcome and standing, the blockers still open, who approved
 * and when each is next reviewed. The full table per purpose follows in section 3.
 */
function summarySection(assessments: Assessment[], ctx: LawfulBasisContext): Block[] {
  const rows = assessments.map((a) => {
    const e = ctx.evaluationOf(a);
    const s = standingOf(a, ctx.recordOf?.(a));
    const bases = [
      ...new Set(a.decisions.flatMap((d) => (d.basis ? [BASIS_LABELS[d.basis]] : []))),
    ];
    const blockers = e.findings.filter((f) => f.severity === "blocker" && !f.override).length;
    return [
      a.activity.name,
      bases.join("; ") || "Not decided",
      OUTCOME_LABELS[e.outcome],
      blockers === 0 ? "None" : String(blockers),
      s.status.replace(/ on .*$/, ""),
      s.approvers.join("; ") || "Nobody on record",
      nextReviewText(a, e, ctx.today),
    ];
  });
  return [
    heading(2, "Summary"),
    table(
      [
        "Processing activity",
        "Lawful basis",
        "Outcome",
        "Open blockers",
        "Status",
        "Approved by",
        "Next review",
      ],
      rows,
    ),
  ];
}

/** Headings one level down (an LIA's sections inside an annex), level 4 at most. */
function demote(blocks: Block[]): Block[] {
  return blocks.map((b) =>
    b.kind === "heading" ? { ...b, level: Math.min(4, b.level + 1) as 1 | 2 | 3 | 4 } : b,
  );
}

function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v.trim() !== ""))];
}

/** "Draft" or, over several activities, "Approved: 2; Draft: 2". */
function statusSummary(assessments: Assessment[], ctx: LawfulBasisContext): string {
  const counts = new Map<string, number>();
  for (const a of assessments) {
    const s = standingOf(a, ctx.recordOf?.(a)).status.replace(/ on .*$/, "");
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  if (counts.size <= 1) return [...counts.keys()][0] ?? "Draft";
  return [...counts].map(([s, n]) => `${s}: ${n}`).join("; ");
}

function documentControl(
  assessments: Assessment[],
  ctx: LawfulBasisContext,
  annexOf: Map<Assessment, string>,
): [string, string][] {
  const first = assessments[0];
  const dates = distinct(assessments.map((a) => a.assessedOn)).sort();
  const latest = dates.at(-1);
  const reviewers = distinct(
    assessments.flatMap((a) =>
      standingOf(a, ctx.recordOf?.(a)).required.map((r) => ROLE_LABELS[r]),
    ),
  );
  const versions = assessments.map((a) => {
    const s = standingOf(a, ctx.recordOf?.(a));
    const since = s.fromRecord ? `, ${s.status.replace(/ on .*$/, "")} since ${s.date}` : "";
    return assessments.length > 1
      ? `${a.activity.name}: ${s.version}${since}`
      : `${s.version}${since}`;
  });
  const dpias = distinct(assessments.map((a) => a.activity.dpia?.reference));
  const owners = distinct(assessments.map((a) => a.review?.owner));
  const screenings = assessments.filter((a) => a.screening !== undefined).length;
  return [
    ["Document type", "Lawful basis assessment"],
    ["Organisation", first?.organisation.name ?? NOT_RECORDED],
    ["Assessed under", first ? jurisdictionText(first.organisation) : NOT_RECORDED],
    ["Contact", first?.organisation.dpoContact ?? NOT_RECORDED],
    ["Processing activities", String(assessments.length)],
    ["Version", versions.join("\n") || NOT_RECORDED],
    ["Status", statusSummary(assessments, ctx)],
    ["Assessment date", latest === undefined ? NOT_RECORDED : dateOr(latest)],
    ["Author", distinct(assessments.map((a) => a.author)).join("; ") || NOT_RECORDED],
    ["Owner", owners.join("; ") || NOT_RECORDED],
    ["Reviewers", reviewers.join("; ") || NOT_RECORDED],
    [
      "Related documents",
      [
        ...[...annexOf].map(
          ([a, annex]) => `Legitimate Interests Assessment: ${a.activity.name} (Annex ${annex})`,
        ),
        ...dpias.map((d) => `DPIA: ${d}`),
        ...(screenings > 0 ? [`Screening record (${screenings})`] : []),
      ].join("\n") || "None recorded",
    ],
    ["Document date", formatDate(ctx.today)],
  ];
}

function changeManagement(assessments: Assessment[], citeRef: (id: string) => string): Block[] {
  const changed = assessments.flatMap((a) =>
    a.decisions.flatMap((d) => {
      const p = d.previousBasis;
      if (!p) return [];
      const purpose =
        a.activity.purposes.find((x) => x.id === d.purpose)?.description ?? a.activity.name;
      return [
        [
          purpose,
          p.basis.replace(/-/g, " "),
          (d.basis ?? "not decided").replace(/-/g, " "),
          p.until ? formatDate(p.until) : NOT_RECORDED,
          p.reason ?? NOT_RECORDED,
        ],
      ];
    }),
  );
  return [
    heading(2, "4. Changing a lawful basis"),
    paragraph(
      "A basis may need to change when the first assessment proves wrong, when the business model changes (for example a free service funded by advertising), or when guidance clarifies the right basis. A change is handled in this order:",
    ),
    list(
      [
        "Assess whether the new basis can apply to data already collected; for consent it generally cannot apply retroactively.",
        "Obtain the new basis: where consent is needed, ask the people concerned.",
        "Give them reasonable time to respond.",
        "Delete the data of those who do not consent where no other basis applies.",
        "Update the privacy notice to say what changed.",
        "Update the DPIA and this assessment.",
      ],
      true,
    ),
    note(
      "warning",
      `A controller cannot move from consent to legitimate interests after the fact, for instance when consent is withdrawn (${citeRef("edpb-guidelines-05-2020")}).`,
    ),
    changed.length > 0
      ? table(
          ["Purpose", "Previous basis", "Basis now", "Relied on until", "Why it changed"],
          changed,
        )
      : paragraph("No change of basis is recorded for these activities."),
  ];
}

function art30Checklist(assessments: Assessment[], citeRef: (id: string) => string): Block[] {
  const rows = ART30_ITEMS.map(([item, has]) => {
    const missing = assessments.filter((a) => !has(a)).map((a) => a.activity.name);
    return [
      item,
      missing.length === 0 ? "Yes" : missing.length === assessments.length ? "No" : "Partly",
      missing.length === 0 ? "" : missing.join("; "),
    ];
  });
  return [
    heading(2, "5. Record of processing activities"),
    paragraph(
      `For each activity the record of processing (${citeRef("gdpr-art-30")}) holds the items below; this assessment supplies the lawful basis for it.`,
    ),
    table(["Item", "Recorded for every activity", "Missing for"], rows),
  ];
}

function reviewSection(assessments: Assessment[], ctx: LawfulBasisContext): Block[] {
  const triggers = distinct(assessments.flatMap((a) => a.review?.triggers ?? []));
  return [
    heading(2, "6. Review"),
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

function signOffSection(
  assessments: Assessment[],
  many: boolean,
  ctx: LawfulBasisContext,
): Block[] {
  const rows: string[][] = [];
  const caveats = new Set<string>();
  for (const a of assessments) {
    const s = standingOf(a, ctx.recordOf?.(a));
    if (!s.fromRecord && s.signOffRows.length > 0)
      caveats.add(
        'Entries marked "as the file states" come from the assessment files, not from Basis\'s sign-off, and are not verified.',
      );
    for (const row of s.signOffRows) rows.push(many ? [a.activity.name, ...row] : row);
  }
  const columns = ["Role", "Name", "Decision", "Date", "Comment"];
  return [
    heading(2, "7. Approval and sign-off"),
    ...[...caveats].map((c) => note("info", c)),
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
    heading(2, "8. Version history"),
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
        const w = findingWords(f, a, ctx.describe);
        return [
          a.activity.name,
          w.severity,
          w.message,
          w.about,
          w.fix,
          w.overridden ? w.status : "",
        ];
      }),
  );
  return [
    heading(2, "9. Findings"),
    rows.length > 0
      ? table(
          ["Processing activity", "Severity", "Finding", "About", "How to resolve", "Override"],
          rows,
        )
      : paragraph("The rules engine raised no finding."),
  ];
}
