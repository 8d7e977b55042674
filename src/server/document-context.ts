/**
 * @module server/document-context
 * What the server's documents know that a file does not: the stored record of the version a
 * document is made from (its number, its workflow status and when it was saved or reached it,
 * every approver's decision with name, role, date and comment, and the retirement), the
 * organisation's branding, the screening questionnaires, and a link to each activity's LIA.
 * Read-only: everything comes from `store.signOff.overviews`, which reads the assessment rows,
 * their version rows, the approvals and the required-roles setting, a few queries for them all.
 */
import type { FastifyRequest } from "fastify";
import { loadNamedQuestionnaires } from "../content/questionnaires.ts";
import { loadReferences } from "../content/references.ts";
import type { Assessment } from "../core/schema/index.ts";
import type { MultiDocumentContext } from "../render/document-context.ts";
import type { DocumentRecord } from "../render/document-record.ts";
import { documentContext } from "../render/publish.ts";
import type { SignOffOverview, Store } from "../store/index.ts";
import type { ServerDeps } from "./route.ts";

/**
 * The record of `version` as the sign-off overview holds it. Its date is when the version
 * reached its status: the last approval for an approved version, the retirement for a retired
 * one, otherwise when the version was saved.
 */
export function recordFromOverview(o: SignOffOverview, version: number): DocumentRecord {
  const v = o.versions.find((x) => x.version === version);
  const decisions = (v?.decisions ?? []).map((d) => ({
    role: d.role,
    name: d.signerName,
    decision: d.decision === "approve" ? ("approved" as const) : ("rejected" as const),
    date: d.at.slice(0, 10),
    comment: d.comment,
  }));
  const status = v?.status ?? "draft";
  const approvals = decisions.filter((d) => d.decision === "approved").map((d) => d.date);
  const retired = status === "retired" && o.retired ? o.retired : undefined;
  const date =
    retired?.at.slice(0, 10) ??
    (status === "approved" || status === "superseded" ? approvals.sort().at(-1) : undefined) ??
    v?.createdAt.slice(0, 10) ??
    "";
  return {
    version,
    status,
    date,
    decisions,
    required: o.required,
    ...(retired
      ? { retired: { on: retired.at.slice(0, 10), by: retired.by, reason: retired.reason } }
      : {}),
  };
}

/** Where this server is reached, for links in documents. */
function origin(deps: ServerDeps, request: FastifyRequest): string {
  return (deps.publicUrl ?? `${request.protocol}://${request.headers.host ?? "localhost"}`).replace(
    /\/$/,
    "",
  );
}

/**
 * The document context for assessments stored in this server. Each document reads the record
 * of the stored version it is: `versions` names it where it is not the current one.
 */
export async function storedDocumentContext(
  store: Store,
  deps: ServerDeps,
  request: FastifyRequest,
  today: string,
  docs: readonly Assessment[],
  versions: ReadonlyMap<Assessment, number> = new Map(),
): Promise<MultiDocumentContext> {
  const records = new Map<Assessment, DocumentRecord>();
  const overviews = await store.signOff.overviews(docs.map((doc) => doc.id));
  for (const doc of docs) {
    const overview = overviews.get(doc.id);
    if (overview)
      records.set(doc, recordFromOverview(overview, versions.get(doc) ?? overview.currentVersion));
  }
  const base = origin(deps, request);
  return documentContext(today, loadReferences().references, {
    recordOf: (a) => records.get(a),
    branding: deps.branding,
    questionnaires: await loadNamedQuestionnaires(
      docs.flatMap((a) => (a.screening ? [a.screening.questionnaire] : [])),
    ),
    documentLink: (a) =>
      a.lia === undefined
        ? undefined
        : `${base}/api/assessments/${encodeURIComponent(a.id)}/document?format=pdf&document=lia`,
  });
}
