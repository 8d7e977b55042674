/**
 * @module render/document-record
 * What a document says about its own standing: version, status, the date of that status and
 * who signed it off. A stored assessment has a record (the store's version row and the
 * approvers' decisions), and that record is the only thing that can make a document read
 * "Approved". A plain file has none: its document says so, shows the version the file gives
 * as the file's own, reads "Draft", and prints the file's sign-off entries as written and
 * unverified. An approval without a named approver is never shown as an approval.
 */
import type { Assessment } from "../core/schema/index.ts";
import type { SignOffRole } from "../core/vocabulary.ts";
import { APPROVAL_DECISION_LABELS, formatDate, ROLE_LABELS, STATUS_LABELS } from "./labels.ts";

/** One approver's decision on a stored version, as the sign-off record keeps it. */
export interface RecordedDecision {
  role: SignOffRole;
  /** The approver's name when they decided; null when the record has none. */
  name: string | null;
  decision: "approved" | "rejected";
  /** YYYY-MM-DD. */
  date: string;
  comment?: string | null;
}

/**
 * The stored record of the version a document is made from. Built by the caller from the
 * store (the server), never from the assessment file.
 */
export interface DocumentRecord {
  /** The stored version number. */
  version: number;
  /** The workflow status of that version as stored (`draft`, `in_review`, `approved`, …). */
  status: string;
  /** YYYY-MM-DD: when the version was saved or reached its status. */
  date: string;
  /** Every sign-off decision on this version, oldest first. */
  decisions: RecordedDecision[];
  /** The roles that must approve (the organisation's setting), when known. */
  required?: SignOffRole[];
  /** How the assessment was retired, when it was. */
  retired?: { on: string; by: string; reason: string };
}

/** How a document states its standing. */
export interface Standing {
  /** True when it comes from a stored record, false for a plain file. */
  fromRecord: boolean;
  version: string;
  status: string;
  /** "14 November 2025", or "Not recorded". */
  date: string;
  /** Named approvals, e.g. "Jane Doe (Data protection officer), 14 November 2025". */
  approvers: string[];
  /** Rows of the sign-off table: role, name, decision, date, comment. */
  signOffRows: string[][];
  /** Roles that must approve. */
  required: SignOffRole[];
  /** Said on the cover when the standing needs explaining (a plain file, an unnamed approval). */
  caveats: string[];
}

const KNOWN_STATUSES = new Set(Object.keys(STATUS_LABELS));

function named(name: string | null | undefined): name is string {
  return typeof name === "string" && name.trim() !== "";
}

/** "Draft" for any status that is not a known one. */
function statusLabel(status: string | undefined): string {
  return status !== undefined && KNOWN_STATUSES.has(status)
    ? STATUS_LABELS[status as keyof typeof STATUS_LABELS]
    : STATUS_LABELS.draft;
}

/** The standing of a document made from `a`, with its stored `record` when there is one. */
export function standingOf(a: Assessment, record: DocumentRecord | undefined): Standing {
  return record ? fromRecord(a, record) : fromFile(a);
}

function fromRecord(a: Assessment, r: DocumentRecord): Standing {
  const caveats: string[] = [];
  const approvals = r.decisions.filter((d) => d.decision === "approved" && named(d.name));
  let status = statusLabel(r.status);
  if (r.status === "approved" && approvals.length === 0) {
    status = STATUS_LABELS.draft;
    caveats.push(
      "The record marks this version approved, but no approval names its approver; it is shown as a draft until a named approver signs it off.",
    );
  }
  if (r.status === "retired" && r.retired) {
    status = `Retired on ${formatDate(r.retired.on)} by ${r.retired.by}: ${r.retired.reason}`;
  }
  const rows = r.decisions.map((d) => [
    ROLE_LABELS[d.role],
    named(d.name) ? d.name : "Not recorded",
    d.decision === "approved" && !named(d.name)
      ? "Not counted: no approver named"
      : APPROVAL_DECISION_LABELS[d.decision],
    formatDate(d.date),
    d.comment ?? "",
  ]);
  const required = [...new Set(r.required ?? [])];
  for (const role of required) {
    if (!r.decisions.some((d) => d.role === role))
      rows.push([ROLE_LABELS[role], "", "Awaiting decision", "", ""]);
  }
  const fileVersion = a.version === undefined ? "" : ` (the file calls it ${a.version})`;
  return {
    fromRecord: true,
    version: `${r.version}${fileVersion}`,
    status,
    date: formatDate(r.date),
    approvers: approvals.map((d) => `${d.name} (${ROLE_LABELS[d.role]}), ${formatDate(d.date)}`),
    signOffRows: rows,
    required,
    caveats,
  };
}

function fromFile(a: Assessment): Standing {
  const records = a.signOff?.records ?? [];
  const rows = records.map((r) => [
    ROLE_LABELS[r.role],
    named(r.name) ? r.name : "Not recorded",
    r.decision === undefined
      ? "No decision recorded"
      : r.decision === "approved" && !named(r.name)
        ? "Not counted: no approver named"
        : `${APPROVAL_DECISION_LABELS[r.decision]} (as the file states)`,
    r.date ? formatDate(r.date) : "",
    r.comment ?? "",
  ]);
  const required = [...new Set(a.signOff?.required ?? [])];
  for (const role of required) {
    if (!records.some((r) => r.role === role))
      rows.push([ROLE_LABELS[role], "", "Awaiting decision", "", ""]);
  }
  const claimed = a.status !== undefined && a.status !== "draft" ? statusLabel(a.status) : "";
  return {
    fromRecord: false,
    version: a.version === undefined ? "Not recorded" : `${a.version} (as the file states it)`,
    status: STATUS_LABELS.draft,
    date: "Not recorded",
    approvers: [],
    signOffRows: rows,
    required,
    caveats: [
      `Made from an assessment file, not from a version stored and signed off in Basis: it is shown as a draft${
        claimed === "" ? "" : ` (the file itself says "${claimed}")`
      }, and any sign-off below is as the file states it, not verified.`,
    ],
  };
}

/**
 * When the assessment was last changed: the stored record's date, or for a file the latest
 * date it records (assessed, a version, a review, the conclusion, a sign-off); undefined when
 * it records none.
 */
export function lastChangedOf(
  a: Assessment,
  record: DocumentRecord | undefined,
): string | undefined {
  if (record) return record.date;
  const dates = [
    a.assessedOn,
    ...(a.history ?? []).map((h) => h.date),
    ...(a.review?.history ?? []).map((h) => h.date),
    a.lia?.conclusion?.decidedOn,
    ...(a.signOff?.records ?? []).map((r) => r.date),
    a.screening?.date,
  ].filter((d): d is string => d !== undefined);
  return dates.sort().at(-1);
}
