/**
 * The draft editor's state as a pure reducer: what the user is typing (typed on the
 * assessment model), the version and working-draft revision it is written on, and where
 * saving stands. `use-draft.ts` runs it with React and does the I/O; this file decides, so
 * autosave, conflicts and restore are tested without a browser.
 */
import type { AssessmentContent } from "../../src/core/workflow/recorded-status.ts";
import type { AssessmentView, WorkingDraftView } from "./types.ts";

/** The document being edited: the assessment model (answers may still be incomplete). */
export type DraftValues = AssessmentContent;
export type SaveStatus = "saved" | "pending" | "saving" | "invalid" | "conflict" | "error";

/** What the server holds that this draft is not based on, for the user to choose. */
export type Conflict =
  | { kind: "version"; theirs: AssessmentView }
  | { kind: "draft"; theirs: WorkingDraftView | null };

/** What this browser keeps between reloads until the server has it. */
export interface StoredDraft {
  baseVersion: number;
  revision: number;
  document: DraftValues;
  changedAt: string;
}

export interface DraftState {
  values: DraftValues;
  /** The version the draft is written on. */
  baseVersion: number;
  /** The working draft's revision on the server (0: none). */
  revision: number;
  /** What the server holds for this draft: equal values need no save. */
  saved: DraftValues;
  status: SaveStatus;
  message: string | null;
  conflict: Conflict | null;
  restored: boolean;
}

/** A typed change to the document. */
export type Updater = (doc: DraftValues) => DraftValues;

export type DraftAction =
  | { type: "edit"; update: Updater }
  | { type: "replace"; values: DraftValues }
  | { type: "saving" }
  | { type: "invalid"; message: string }
  /** The server acknowledged `sent` as the working draft at `revision`. */
  | { type: "draft-saved"; sent: DraftValues; draft: WorkingDraftView }
  /** A version was saved (or submitted) from the draft: the draft is now that version. */
  | { type: "version-saved"; view: AssessmentView }
  | { type: "conflict"; conflict: Conflict; message: string }
  | { type: "failed"; message: string }
  | { type: "keep-mine" }
  | { type: "take-theirs"; version: AssessmentView };

/**
 * Keys in a fixed order: the server's stored document (jsonb) does not keep the order the
 * browser wrote them in, and a saved version must compare equal to the text it was saved from.
 */
const json = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => {
    if (x === "") return undefined;
    if (x && typeof x === "object" && !Array.isArray(x))
      return Object.fromEntries(
        Object.entries(x as Record<string, unknown>).sort(([a], [b]) =>
          a < b ? -1 : a > b ? 1 : 0,
        ),
      );
    return x;
  });
/** Equal as saved: what an emptied input leaves behind does not count as a change. */
export const same = (a: unknown, b: unknown): boolean => json(a) === json(b);

/**
 * The state an editor opens on: this browser's unsaved text when it differs from the server
 * (restored; a conflict at once when it was written on an older version or draft), else the
 * working draft, else the current version.
 */
export function initialDraft(
  view: AssessmentView,
  draft: WorkingDraftView | null,
  stored: StoredDraft | null,
): DraftState {
  const usable = draft && draft.baseVersion === view.version ? draft : null;
  const server = usable ? usable.document : view.document;
  const base: DraftState = {
    values: server,
    baseVersion: view.version,
    revision: draft?.revision ?? 0,
    saved: server,
    status: "saved",
    message: null,
    conflict: null,
    restored: false,
  };
  if (draft && !usable)
    return {
      ...base,
      values: draft.document,
      baseVersion: draft.baseVersion,
      status: "conflict",
      message: `The working draft was written on version ${draft.baseVersion}; version ${view.version} was saved since.`,
      conflict: { kind: "version", theirs: view },
    };
  if (!stored || same(stored.document, server)) return base;
  const staleVersion = stored.baseVersion !== view.version;
  const staleDraft = stored.revision !== base.revision;
  if (!staleVersion && !staleDraft)
    return { ...base, values: stored.document, status: "pending", restored: true };
  return {
    ...base,
    values: stored.document,
    baseVersion: stored.baseVersion,
    revision: stored.revision,
    restored: true,
    status: "conflict",
    message: "Your unsaved changes were written on an older text.",
    conflict: staleVersion ? { kind: "version", theirs: view } : { kind: "draft", theirs: usable },
  };
}

export function draftReducer(state: DraftState, action: DraftAction): DraftState {
  switch (action.type) {
    case "edit":
    case "replace": {
      const values = action.type === "edit" ? action.update(state.values) : action.values;
      if (values === state.values) return state;
      const status =
        state.status === "conflict" ? "conflict" : same(values, state.saved) ? "saved" : "pending";
      return { ...state, values, status, message: status === "conflict" ? state.message : null };
    }
    case "saving":
      return { ...state, status: "saving", message: null };
    case "invalid":
      return { ...state, status: "invalid", message: action.message };
    case "draft-saved": {
      const caughtUp = same(state.values, action.sent);
      return {
        ...state,
        revision: action.draft.revision,
        baseVersion: action.draft.baseVersion,
        saved: action.sent,
        status: state.status === "conflict" ? "conflict" : caughtUp ? "saved" : "pending",
        message: null,
      };
    }
    case "version-saved": {
      const caughtUp = same(state.values, action.view.document);
      return {
        ...state,
        baseVersion: action.view.version,
        revision: 0,
        saved: action.view.document,
        status: caughtUp ? "saved" : "pending",
        message: null,
      };
    }
    case "conflict":
      return { ...state, status: "conflict", message: action.message, conflict: action.conflict };
    case "failed":
      return { ...state, status: "error", message: action.message };
    case "keep-mine": {
      const c = state.conflict;
      if (!c) return state;
      // Written again on top of what is there now: the next save replaces it.
      const onto =
        c.kind === "version"
          ? { baseVersion: c.theirs.version, revision: 0, saved: c.theirs.document }
          : c.theirs
            ? {
                baseVersion: c.theirs.baseVersion,
                revision: c.theirs.revision,
                saved: c.theirs.document,
              }
            : { revision: 0 };
      return { ...state, ...onto, conflict: null, status: "pending", message: null };
    }
    case "take-theirs": {
      const c = state.conflict;
      if (!c) return state;
      const theirs =
        c.kind === "draft" && c.theirs
          ? {
              values: c.theirs.document,
              baseVersion: c.theirs.baseVersion,
              revision: c.theirs.revision,
            }
          : {
              values: action.version.document,
              baseVersion: action.version.version,
              revision: c.kind === "draft" ? 0 : state.revision,
            };
      return {
        ...state,
        ...theirs,
        saved: theirs.values,
        conflict: null,
        status: "saved",
        message: null,
        restored: false,
      };
    }
  }
}
