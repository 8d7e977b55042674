/**
 * @module store/drafts/get-working-draft
 * The working draft of an assessment, read uncached: it changes with every autosave and
 * only its editors read it.
 */
import type { WorkingDraftView } from "../../core/api/assessments.ts";
import { idOf } from "../assessment-ref.ts";
import type { StoreDeps } from "../context.ts";
import { draftIn } from "./draft-row.ts";

/** The working draft of the assessment `ref` (id or slug), or null when it has none. */
export async function getWorkingDraft(
  { db }: StoreDeps,
  ref: string,
): Promise<WorkingDraftView | null> {
  return draftIn(db, await idOf(db, ref));
}
