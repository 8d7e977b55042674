/**
 * @module cli/commands/check-server
 * `basis check --server URL --token T`: the same gate over the register a running server
 * holds. One `GET /api/export` (through the CLI's one server client) fetches every
 * assessment's current document; each is gated as if it were a file named by its API URL,
 * since a stored document has no YAML lines to point at.
 */
import { type CheckedFile, checkAssessmentData, type GateOptions } from "../../check/gate.ts";
import { CliError, EXIT } from "../io.ts";
import { call, type Remote } from "../remote.ts";

export async function checkServer(remote: Remote, options: GateOptions): Promise<CheckedFile[]> {
  const body = await call(remote, "GET", "/api/export");
  const docs = (body as { assessments?: unknown } | null)?.assessments;
  if (!Array.isArray(docs))
    throw new CliError(`${remote.url}/api/export did not answer with a list of assessments`);
  if (docs.length === 0) throw new CliError(`no assessments to check on ${remote.url}`, EXIT.usage);
  return docs.map((doc, i) => checkAssessmentData(sourceOf(remote, doc, i), doc, options));
}

/** Where a person finds the assessment: its API URL by slug (the file's id). */
function sourceOf(remote: Remote, doc: unknown, index: number): string {
  const id = (doc as { id?: unknown } | null)?.id;
  return typeof id === "string" && /^[a-z0-9][a-z0-9-]{0,99}$/.test(id)
    ? `${remote.url}/api/assessments/${id}`
    : `${remote.url}/api/export#assessments[${index}]`;
}
