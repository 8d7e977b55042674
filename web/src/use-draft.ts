/**
 * The draft of one assessment, so that no keystroke is lost. Every change is written to this
 * browser's storage at once (a reload restores it), then saved to the server a moment later
 * on top of the version it was based on. A stale save gets 409: the user then sees both
 * versions and chooses; the local draft stays until the server has acknowledged a choice.
 */
import { type UseFormReturnType, useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useEffect, useRef, useState } from "react";
import { appendIn, removeIn, setIn } from "../../src/core/drafting.ts";
import { ApiError, api } from "./api.ts";
import { clean, liveEvaluate, todayIso } from "./live.ts";
import type { AssessmentView } from "./types.ts";

export type DraftValues = Record<string, unknown>;
/**
 * The draft as the inputs see it. Every write goes through `setIn`, which creates the objects
 * an answer lives in when they are missing (a decision or interest made from scratch has no
 * `necessity` or `checks` until its first answer).
 */
export interface DraftForm {
  values: DraftValues;
  getValues(): DraftValues;
  setValues(values: DraftValues): void;
  setFieldValue(path: string, value: unknown): void;
  insertListItem(path: string, item: unknown): void;
  removeListItem(path: string, index: number): void;
  getInputProps(
    path: string,
    options?: { type?: "checkbox" | "input" },
  ): ReturnType<UseFormReturnType<DraftValues>["getInputProps"]>;
}

/** An input's change: an event from a native input, or the value from a Mantine one. */
function changed(e: unknown, checkbox: boolean): unknown {
  if (e && typeof e === "object" && "currentTarget" in e) {
    const target = (e as ChangeEvent<HTMLInputElement>).currentTarget;
    return checkbox ? target.checked : target.value;
  }
  return e;
}

function bind(form: UseFormReturnType<DraftValues>): DraftForm {
  const replace = (next: DraftValues) => form.setValues(() => next);
  const setFieldValue = (path: string, value: unknown) =>
    replace(setIn(form.getValues(), path, value));
  return {
    values: form.values,
    getValues: form.getValues,
    setValues: replace,
    setFieldValue,
    insertListItem: (path, item) => replace(appendIn(form.getValues(), path, item)),
    removeListItem: (path, index) => replace(removeIn(form.getValues(), path, index)),
    getInputProps: (path, options) => ({
      ...form.getInputProps(path, options),
      onChange: (e: unknown) => setFieldValue(path, changed(e, options?.type === "checkbox")),
    }),
  };
}
export type SaveStatus = "saved" | "pending" | "saving" | "invalid" | "conflict" | "error";

interface StoredDraft {
  baseVersion: number;
  document: DraftValues;
  changedAt: string;
}

const SAVE_DELAY_MS = 800;
const storageKey = (id: string) => `basis:draft:${id}`;

function readStored(id: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(storageKey(id));
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    return null;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(clean(a)) === JSON.stringify(clean(b));

export interface Draft {
  form: DraftForm;
  baseVersion: number;
  status: SaveStatus;
  message: string | null;
  /** Set when the server holds a newer version than the one this draft was based on. */
  conflict: AssessmentView | null;
  restored: boolean;
  /** An approved version cannot change: editing starts a new version, with this reason. */
  locked: boolean;
  reason: string | null;
  startNewVersion(reason: string): void;
  keepMine(): void;
  takeTheirs(): void;
  saveNow(): void;
}

export function useDraft(view: AssessmentView): Draft {
  const queryClient = useQueryClient();
  const [initial] = useState(() => {
    const stored = readStored(view.id);
    if (!stored || same(stored.document, view.document))
      return {
        values: view.document as DraftValues,
        base: view.version,
        restored: false,
        stale: false,
      };
    return {
      values: stored.document,
      base: stored.baseVersion,
      restored: true,
      stale: stored.baseVersion !== view.version,
    };
  });
  const [baseVersion, setBaseVersion] = useState(initial.base);
  const [status, setStatus] = useState<SaveStatus>(initial.restored ? "pending" : "saved");
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<AssessmentView | null>(initial.stale ? view : null);
  const [serverStatus, setServerStatus] = useState(view.status);
  const [reason, setReason] = useState<string | null>(null);
  const reasonRef = useRef<string | null>(null);
  const base = useRef(initial.base);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const conflicted = useRef(initial.stale);
  /** What the server holds for `base`: a draft equal to it needs no save. */
  const lastSaved = useRef<unknown>(view.document);

  const mantine = useForm<DraftValues>({
    mode: "controlled",
    initialValues: initial.values,
    onValuesChange: (values) => {
      localStorage.setItem(
        storageKey(view.id),
        JSON.stringify({
          baseVersion: base.current,
          document: values,
          changedAt: new Date().toISOString(),
        }),
      );
      schedule();
    },
  });
  const form = bind(mantine);

  const save = async () => {
    if (conflicted.current) return;
    if (inFlight.current) return schedule();
    const values = form.getValues();
    if (same(values, lastSaved.current)) {
      localStorage.removeItem(storageKey(view.id));
      setStatus("saved");
      setMessage(null);
      return;
    }
    const live = liveEvaluate(values, todayIso());
    if (!live.document) {
      setStatus("invalid");
      setMessage(
        `Kept in this browser, not saved yet: ${live.issues[0]?.path}: ${live.issues[0]?.message}`,
      );
      return;
    }
    inFlight.current = true;
    setStatus("saving");
    try {
      const saved = await api.put<AssessmentView>(`/api/assessments/${view.id}`, {
        baseVersion: base.current,
        document: live.document,
        ...(reasonRef.current ? { reason: reasonRef.current } : {}),
      });
      reasonRef.current = null;
      setReason(null);
      setServerStatus(saved.status);
      base.current = saved.version;
      lastSaved.current = saved.document;
      setBaseVersion(saved.version);
      queryClient.setQueryData(["assessment", view.slug], saved);
      void queryClient.invalidateQueries({ queryKey: ["versions", view.id] });
      void queryClient.invalidateQueries({ queryKey: ["sign-off", view.id] });
      void queryClient.invalidateQueries({ queryKey: ["register"] });
      if (same(form.getValues(), values)) {
        localStorage.removeItem(storageKey(view.id));
        setStatus("saved");
        setMessage(null);
      } else setStatus("pending");
    } catch (e) {
      if (e instanceof ApiError && e.code === "stale_version") {
        conflicted.current = true;
        setConflict(e.details.current as AssessmentView);
        setStatus("conflict");
        setMessage(e.message);
      } else {
        setStatus("error");
        setMessage(e instanceof Error ? e.message : String(e));
      }
    } finally {
      inFlight.current = false;
    }
  };

  const saveRef = useRef(save);
  saveRef.current = save;
  function schedule() {
    setStatus((s) => (s === "conflict" ? s : "pending"));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveRef.current(), SAVE_DELAY_MS);
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount: save a restored draft
  useEffect(() => {
    if (initial.restored && !initial.stale) schedule();
    return () => clearTimeout(timer.current);
  }, []);

  return {
    form,
    baseVersion,
    status,
    message,
    conflict,
    restored: initial.restored,
    locked: serverStatus === "approved" && reason === null,
    reason,
    startNewVersion(r: string) {
      reasonRef.current = r;
      setReason(r);
    },
    keepMine() {
      if (!conflict) return;
      base.current = conflict.version;
      lastSaved.current = conflict.document;
      setBaseVersion(conflict.version);
      conflicted.current = false;
      setConflict(null);
      void save();
    },
    takeTheirs() {
      if (!conflict) return;
      base.current = conflict.version;
      setBaseVersion(conflict.version);
      conflicted.current = false;
      setConflict(null);
      lastSaved.current = conflict.document;
      setServerStatus(conflict.status);
      form.setValues(conflict.document as DraftValues);
      localStorage.removeItem(storageKey(view.id));
      queryClient.setQueryData(["assessment", view.slug], conflict);
      clearTimeout(timer.current);
      setStatus("saved");
      setMessage(null);
    },
    saveNow() {
      clearTimeout(timer.current);
      void save();
    },
  };
}
