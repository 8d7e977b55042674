/**
 * @module core/workflow/recorded-status
 * An assessment's workflow status is kept by the store on its version rows, not in the
 * document. A file may still record a status (`status:`), reached elsewhere or exported from
 * Basis: on import that is only a hint for the state a new assessment starts in; on export
 * the stored status is written back beside the content.
 */
import type { Assessment } from "../schema/index.ts";
import type { WorkflowState } from "../vocabulary.ts";

/** An assessment document as a version stores it: its content, without a recorded status. */
export type AssessmentContent = Omit<Assessment, "status">;

/** The document without its recorded status. */
export function contentOf(doc: Assessment): AssessmentContent {
  const { status: _recorded, ...content } = doc;
  return content;
}

/**
 * The state a new assessment starts in, from the status its file records (the caller decides
 * whether to trust it): as recorded, a draft when none. A file recorded as approved starts
 * with its first version in force.
 */
export function initialState(recorded: Assessment["status"]): {
  state: WorkflowState;
  inForce: boolean;
} {
  const state = recorded ?? "draft";
  return { state, inForce: state === "approved" };
}

/**
 * The document as a file: the content with the stored status written in. A draft is written
 * without one, since a file with no status is a draft, so a draft round-trips unchanged.
 */
export function asFile(content: AssessmentContent, state: WorkflowState): Assessment {
  const { status: _stale, ...rest } = content as Assessment;
  return state === "draft" ? rest : { ...rest, status: state };
}
