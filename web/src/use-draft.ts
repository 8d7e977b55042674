/**
 * The draft of one assessment, so that no keystroke is lost and autosave makes no version.
 * Every change is written to this browser's storage at once (a reload restores it), then
 * saved as the assessment's working draft a moment later, on top of the version and draft
 * revision it was written on. A stale save gets 409: the user then sees both texts and
 * chooses. A version is made only by "Save version" with a note, or by submitting. The
 * decisions are the pure reducer in `draft-state.ts`; this hook does the I/O.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { ApiError, api } from "./api.ts";
import {
  type Conflict,
  type DraftValues,
  draftReducer,
  initialDraft,
  type SaveStatus,
  type StoredDraft,
  type Updater,
} from "./draft-state.ts";
import { appendTo, type Lens, removeFrom } from "./lens.ts";
import { liveEvaluate } from "./live.ts";
import { todayIso } from "./today.ts";
import type { AssessmentView, WorkingDraftAnswer, WorkingDraftView } from "./types.ts";

export type { DraftValues, SaveStatus };

const SAVE_DELAY_MS = 800;
export const storageKey = (id: string) => `basis:draft:${id}`;

function readStored(id: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(storageKey(id));
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    return null;
  }
}

/**
 * The draft as the inputs see it: the document, and changes at typed places of it (see
 * `lens.ts`). Every write goes through core `setIn`, which creates the objects an answer
 * lives in when they are missing.
 */
export interface DraftForm {
  values: DraftValues;
  getValues(): DraftValues;
  update(updater: Updater): void;
  /** The value at a place, as this render shows it. */
  get<V>(at: Lens<V>): V | undefined;
  /** Writes a value at a place; undefined removes the answer. */
  set<V>(at: Lens<V>, value: NoInfer<V> | undefined): void;
  /** Adds an item at the end of a list (created when missing). */
  append<E>(list: Lens<E[]>, item: NoInfer<E>): void;
  remove<E>(list: Lens<E[]>, index: number): void;
}

export interface Draft {
  form: DraftForm;
  baseVersion: number;
  revision: number;
  status: SaveStatus;
  message: string | null;
  /** What the server holds that this draft was not written on. */
  conflict: Conflict | null;
  /** The other side of a conflict, as a document and a label. */
  theirs: { document: DraftValues; label: string } | null;
  restored: boolean;
  /** An approved version cannot change: editing starts a new version, with this reason. */
  locked: boolean;
  reason: string | null;
  startNewVersion(reason: string): void;
  keepMine(): void;
  takeTheirs(): void;
  saveNow(): void;
  /** Saves the draft as a new version with this note. */
  saveVersion(note: string): Promise<AssessmentView>;
}

export function useDraft(view: AssessmentView, serverDraft: WorkingDraftView | null): Draft {
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(draftReducer, null, () =>
    initialDraft(view, serverDraft, readStored(view.id)),
  );
  const current = useRef(state);
  current.current = state;
  const [reason, setReason] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);

  const remember = (s: typeof state) =>
    localStorage.setItem(
      storageKey(view.id),
      JSON.stringify({
        baseVersion: s.baseVersion,
        revision: s.revision,
        document: s.values,
        changedAt: new Date().toISOString(),
      } satisfies StoredDraft),
    );

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["versions", view.id] });
    void queryClient.invalidateQueries({ queryKey: ["sign-off", view.id] });
    void queryClient.invalidateQueries({ queryKey: ["register"] });
  };

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.code === "stale_version" && e.details.current)
      dispatch({
        type: "conflict",
        conflict: { kind: "version", theirs: e.details.current as AssessmentView },
        message: e.message,
      });
    else if (e instanceof ApiError && e.code === "stale_draft")
      dispatch({
        type: "conflict",
        conflict: { kind: "draft", theirs: (e.details.current as WorkingDraftView) ?? null },
        message: e.message,
      });
    else dispatch({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  };

  const save = async (): Promise<void> => {
    const s = current.current;
    if (s.status === "conflict" || s.status === "saved") return;
    if (inFlight.current) {
      await inFlight.current;
      return save();
    }
    const live = liveEvaluate(s.values, todayIso());
    if (!live.document) {
      dispatch({
        type: "invalid",
        message: `Kept in this browser, not saved yet: ${live.issues[0]?.path}: ${live.issues[0]?.message}`,
      });
      return;
    }
    const sent = s.values;
    dispatch({ type: "saving" });
    const run = api
      .put<WorkingDraftAnswer>(`/api/assessments/${view.id}/draft`, {
        baseVersion: s.baseVersion,
        revision: s.revision,
        document: live.document,
      })
      .then(({ draft }) => {
        if (draft) dispatch({ type: "draft-saved", sent, draft });
      }, fail);
    inFlight.current = run;
    await run;
    inFlight.current = null;
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  // Each change: kept in this browser at once, saved to the server after a pause.
  useEffect(() => {
    if (state.status === "saved") {
      localStorage.removeItem(storageKey(view.id));
      return;
    }
    remember(state);
    if (state.status !== "pending") return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveRef.current(), SAVE_DELAY_MS);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const update = useCallback((updater: Updater) => dispatch({ type: "edit", update: updater }), []);
  // One form for each state of the answers: a save's progress (saving, saved) changes the
  // draft but not its answers, and the editor's tabs, drawn from the form, are not drawn again.
  const values = state.values;
  const form: DraftForm = useMemo(
    () => ({
      values,
      getValues: () => current.current.values,
      update,
      get: (at) => at.get(values),
      set: (at, value) => update(at.set(value)),
      append: (list, item) => update(appendTo(list, item)),
      remove: (list, index) => update(removeFrom(list, index)),
    }),
    [values, update],
  );

  const c = state.conflict;
  return {
    form,
    baseVersion: state.baseVersion,
    revision: state.revision,
    status: state.status,
    message: state.message,
    conflict: c,
    theirs: !c
      ? null
      : c.kind === "version"
        ? { document: c.theirs.document, label: `version ${c.theirs.version}` }
        : {
            document: c.theirs?.document ?? view.document,
            label: c.theirs
              ? `the working draft ${c.theirs.updatedByName ? `by ${c.theirs.updatedByName}` : ""}`.trim()
              : `version ${view.version}`,
          },
    restored: state.restored,
    locked: view.status === "approved" && state.baseVersion === view.version && reason === null,
    reason,
    startNewVersion(r: string) {
      setReason(r);
    },
    keepMine() {
      dispatch({ type: "keep-mine" });
    },
    takeTheirs() {
      dispatch({ type: "take-theirs", version: view });
      if (c?.kind === "version") queryClient.setQueryData(["assessment", view.slug], c.theirs);
    },
    saveNow() {
      clearTimeout(timer.current);
      void save();
    },
    async saveVersion(note: string) {
      clearTimeout(timer.current);
      await save();
      const s = current.current;
      const live = liveEvaluate(s.values, todayIso());
      if (!live.document) throw new Error(s.message ?? "the draft is not valid yet");
      if (s.status === "conflict") throw new Error(s.message ?? "resolve the conflict first");
      try {
        const saved = await api.put<AssessmentView>(`/api/assessments/${view.id}`, {
          baseVersion: s.baseVersion,
          document: live.document,
          reason: note,
          draftRevision: s.revision,
        });
        dispatch({ type: "version-saved", view: saved });
        queryClient.setQueryData(["assessment", view.slug], saved);
        queryClient.setQueryData(["draft", view.id], { draft: null });
        refresh();
        return saved;
      } catch (e) {
        fail(e);
        throw e;
      }
    },
  };
}
