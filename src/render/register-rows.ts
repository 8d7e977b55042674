/**
 * @module render/register-rows
 * The record of processing activities (Art. 30(1)) as rows: one row per activity, every
 * value plain text, lists joined with "; ". The CSV and XLSX writers take these rows as they
 * are, so both files say the same thing.
 */
import type { Assessment } from "../core/schema/index.ts";
import { ARTICLE9_LABELS, TRANSFER_MECHANISM_LABELS } from "./basis-labels.ts";
import { type MultiDocumentContext, nextReviewDate } from "./document-context.ts";
import { BASIS_LABELS, formatDate, OUTCOME_LABELS, SPECIAL_CATEGORY_LABELS } from "./labels.ts";

export const REGISTER_COLUMNS = [
  "Controller",
  "DPO contact",
  "Activity",
  "Description",
  "Purposes",
  "Lawful basis (Art. 6)",
  "Special-category condition (Art. 9) and criminal-offence authority (Art. 10)",
  "Categories of personal data",
  "Special-category or criminal-offence data",
  "Categories of data subjects",
  "Children or vulnerable people",
  "Recipients",
  "International transfers and safeguard",
  "Retention",
  "Security measures",
  "Systems",
  "Volume",
  "Outcome",
  "Next review",
] as const;

/** What the register needs from the context: the engine's result per assessment. */
export type RegisterContext = Pick<MultiDocumentContext, "evaluationOf">;

const SEP = "; ";

/** One row per assessment, in the order of `REGISTER_COLUMNS`. */
export function registerRows(assessments: readonly Assessment[], ctx: RegisterContext): string[][] {
  return assessments.map((a) => registerRow(a, ctx));
}

function registerRow(a: Assessment, ctx: RegisterContext): string[] {
  const { organisation: org, activity } = a;
  const evaluation = ctx.evaluationOf(a);
  const purposeText = (id: string) => activity.purposes.find((p) => p.id === id)?.description ?? id;
  const bases = a.decisions.map(
    (d) => `${purposeText(d.purpose)}: ${d.basis ? BASIS_LABELS[d.basis] : "Not decided"}`,
  );
  const extra = a.decisions.flatMap((d) => {
    const out: string[] = [];
    if (d.specialCategory) {
      out.push(`${purposeText(d.purpose)}: ${ARTICLE9_LABELS[d.specialCategory.condition]}`);
    }
    if (d.criminalOffence) {
      const by = d.criminalOffence.officialAuthority
        ? "under official authority"
        : (d.criminalOffence.legalAuthorisation ?? "authority not recorded");
      out.push(`${purposeText(d.purpose)}: Art. 10, ${by}`);
    }
    return out;
  });
  const flagged = activity.dataCategories.flatMap((c) => {
    if (c.specialCategory) return [`${c.name} (${SPECIAL_CATEGORY_LABELS[c.specialCategory]})`];
    return c.criminalOffence ? [`${c.name} (criminal-offence data)`] : [];
  });
  const subjectsFlagged = activity.dataSubjects.flatMap((s) => {
    const flags = [
      s.children
        ? `children${s.youngestAge === undefined ? "" : ` from age ${s.youngestAge}`}`
        : "",
      s.vulnerable ? "vulnerable" : "",
    ].filter((f) => f !== "");
    return flags.length > 0 ? [`${s.name} (${flags.join(", ")})`] : [];
  });
  const transfers = (activity.transfers ?? []).map((t) =>
    [
      t.destination,
      t.recipient,
      t.mechanism ? TRANSFER_MECHANISM_LABELS[t.mechanism] : "Safeguard not recorded",
      t.details,
    ]
      .filter((x): x is string => x !== undefined)
      .join(" - "),
  );
  const next = nextReviewDate(a, evaluation);
  return [
    [org.name, org.address].filter((x): x is string => x !== undefined).join(", "),
    org.dpoContact ?? "",
    activity.name,
    activity.description,
    activity.purposes.map((p) => p.description).join(SEP),
    bases.join(SEP),
    extra.length > 0 ? extra.join(SEP) : "None",
    activity.dataCategories.map((c) => c.name).join(SEP),
    flagged.length > 0 ? flagged.join(SEP) : "None",
    activity.dataSubjects.map((s) => s.name).join(SEP),
    subjectsFlagged.length > 0 ? subjectsFlagged.join(SEP) : "None",
    (activity.recipients ?? []).join(SEP),
    transfers.length > 0 ? transfers.join(SEP) : "None",
    activity.retention ?? "",
    (activity.securityMeasures ?? []).join(SEP),
    (activity.systems ?? []).join(SEP),
    activity.volume ?? "",
    OUTCOME_LABELS[evaluation.outcome],
    next === undefined ? "" : formatDate(next),
  ];
}
