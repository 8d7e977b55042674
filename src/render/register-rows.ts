/**
 * @module render/register-rows
 * The record of processing activities (Art. 30(1)) as rows: one row per activity, every
 * value plain text, lists joined with "; ". The CSV and XLSX writers take these rows as they
 * are, so both files say the same thing. Where the assessment records nothing the cell says
 * "Not recorded"; "None" only where "none" was recorded (an empty list).
 */
import type { Assessment } from "../core/schema/index.ts";
import { ARTICLE9_LABELS, TRANSFER_MECHANISM_LABELS } from "./basis-labels.ts";
import {
  LI_BASES,
  type MultiDocumentContext,
  NOT_RECORDED,
  nextReviewDate,
} from "./document-context.ts";
import { lastChangedOf, standingOf } from "./document-record.ts";
import { BASIS_LABELS, formatDate, OUTCOME_LABELS, SPECIAL_CATEGORY_LABELS } from "./labels.ts";

export const REGISTER_COLUMNS = [
  "Controller",
  "Controller contact details",
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
  "Data classification",
  "LIA and DPIA",
  "Outcome",
  "Version and status",
  "Next review",
  "Last changed",
] as const;

/** What the register needs from the context: the engine's result, records and links. */
export type RegisterContext = Pick<MultiDocumentContext, "evaluationOf"> &
  Partial<Pick<MultiDocumentContext, "recordOf" | "documentLink">>;

const SEP = "; ";

/** One row per assessment, in the order of `REGISTER_COLUMNS`. */
export function registerRows(assessments: readonly Assessment[], ctx: RegisterContext): string[][] {
  return assessments.map((a) => registerRow(a, ctx));
}

/** A recorded list: "Not recorded" when absent, "None" when recorded empty. */
function listed(items: readonly string[] | undefined): string {
  if (items === undefined) return NOT_RECORDED;
  return items.length > 0 ? items.join(SEP) : "None";
}

function orNot(value: string | undefined): string {
  return value === undefined || value.trim() === "" ? NOT_RECORDED : value;
}

function registerRow(a: Assessment, ctx: RegisterContext): string[] {
  const { organisation: org, activity } = a;
  const evaluation = ctx.evaluationOf(a);
  const record = ctx.recordOf?.(a);
  const standing = standingOf(a, record);
  const purposeText = (id: string) => activity.purposes.find((p) => p.id === id)?.description ?? id;
  const bases = activity.purposes.map((p) => {
    const d = a.decisions.find((x) => x.purpose === p.id);
    return `${p.description}: ${d?.basis ? BASIS_LABELS[d.basis] : "Not decided"}`;
  });
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
  const transfers = activity.transfers?.map((t) =>
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
  const changed = lastChangedOf(a, record);
  return [
    orNot(org.name),
    orNot(org.address),
    orNot(org.dpoContact),
    activity.name,
    activity.description,
    activity.purposes.map((p) => p.description).join(SEP),
    bases.join(SEP),
    extra.length > 0
      ? extra.join(SEP)
      : flagged.length > 0
        ? "Not recorded"
        : "Not applicable: no such data flagged",
    activity.dataCategories.map((c) => c.name).join(SEP),
    flagged.length > 0 ? flagged.join(SEP) : "None flagged",
    activity.dataSubjects.map((s) => s.name).join(SEP),
    subjectsFlagged.length > 0 ? subjectsFlagged.join(SEP) : "None flagged",
    listed(activity.recipients),
    listed(transfers),
    orNot(activity.retention),
    listed(activity.securityMeasures),
    listed(activity.systems),
    orNot(activity.volume),
    orNot(activity.classification),
    liaAndDpia(a, ctx),
    OUTCOME_LABELS[evaluation.outcome],
    `${standing.version}, ${standing.status}`,
    next === undefined ? NOT_RECORDED : formatDate(next),
    changed === undefined ? NOT_RECORDED : formatDate(changed),
  ];
}

/** Where the activity's LIA and DPIA are: a link when the caller has one, else what is recorded. */
function liaAndDpia(a: Assessment, ctx: RegisterContext): string {
  const link = ctx.documentLink?.(a);
  const reliesOnLi = a.decisions.some((d) => d.basis !== undefined && LI_BASES.has(d.basis));
  const lia =
    a.lia !== undefined
      ? `LIA: ${link ?? `recorded with the assessment "${a.title}"`}`
      : reliesOnLi
        ? "LIA: required, not recorded"
        : "LIA: not required (no purpose relies on legitimate interests)";
  const d = a.activity.dpia;
  const dpia =
    d === undefined
      ? "DPIA: not recorded"
      : `DPIA: ${d.status.replace(/-/g, " ")}${d.reference ? `, ${d.reference}` : ""}${
          d.completedOn ? `, completed ${formatDate(d.completedOn)}` : ""
        }`;
  return `${lia}${SEP}${dpia}`;
}
