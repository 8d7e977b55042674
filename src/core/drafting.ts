/**
 * @module core/drafting
 * What an editor adds to an assessment while it is being written: a new basis decision, a new
 * LIA interest, and the objects a nested answer lives in. Every editor builds them here, so a
 * decision or an interest created from scratch has the same nested objects as one from a
 * template, and an answer set deep in a document (`decisions.0.necessity.necessary`) creates
 * whatever is missing above it instead of failing on it.
 */
import type { BasisDecision, Interest, Lia } from "./schema/index.ts";

/** A path into a document: object keys and array indexes. */
export type DraftKey = string | number;

/** A new basis decision for one purpose, with the nested objects its questions write into. */
export function newDecision(purpose: string): BasisDecision {
  return { purpose, alternatives: [], necessity: {} };
}

/** A new LIA interest, with the object its three checks (lawful, specific, real) write into. */
export function newInterest(id: string, title = ""): Interest {
  return { id, title, checks: {} };
}

/** A new LIA with one interest, for an assessment that has none yet. */
export function newLia(): Lia {
  return { interests: [newInterest("interest-1")] };
}

/**
 * What a missing object starts as when an answer is written under it: a decision or an
 * interest as the functions above make them, otherwise an empty list before an index and an
 * empty object before a key.
 */
function seed(parent: readonly DraftKey[], next: DraftKey): unknown {
  const at = parent.join(".").replace(/\.\d+(?=\.|$)/g, ".#");
  if (at === "decisions.#") return newDecision("");
  if (at === "lia.interests.#") return newInterest("");
  if (at === "lia") return { interests: [] };
  return typeof next === "number" ? [] : {};
}

/** Splits a dotted form path (`lia.interests.0.title`) into keys, indexes as numbers. */
export function splitPath(path: string): DraftKey[] {
  if (path === "") return [];
  return path.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/** The value at `path`, or undefined when anything on the way is missing. */
export function getIn(value: unknown, path: string | readonly DraftKey[]): unknown {
  let v = value;
  for (const key of typeof path === "string" ? splitPath(path) : path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[String(key)];
  }
  return v;
}

/**
 * A copy of `doc` with `value` at `path`; `undefined` removes the key. The objects on the way
 * are copied, never changed in place, and any that is missing is created (see `seed`). An
 * index past the end of a list appends.
 */
export function setIn<T>(doc: T, path: string | readonly DraftKey[], value: unknown): T {
  const keys = typeof path === "string" ? splitPath(path) : path;
  return setAt(doc, keys, 0, value) as T;
}

function setAt(node: unknown, keys: readonly DraftKey[], i: number, value: unknown): unknown {
  if (i === keys.length) return value;
  const key = keys[i] as DraftKey;
  const container = node !== null && typeof node === "object" ? node : seed(keys.slice(0, i), key);
  const next = setAt((container as Record<string, unknown>)[String(key)], keys, i + 1, value);
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[Number(key)] = next;
    return copy;
  }
  const copy: Record<string, unknown> = { ...(container as Record<string, unknown>) };
  if (next === undefined) delete copy[String(key)];
  else copy[String(key)] = next;
  return copy;
}

/** A copy of `doc` with `item` added at the end of the list at `path` (created if missing). */
export function appendIn<T>(doc: T, path: string, item: unknown): T {
  const list = getIn(doc, path);
  return setIn(doc, path, Array.isArray(list) ? [...list, item] : [item]);
}

/** A copy of `doc` without the item at `index` of the list at `path`. */
export function removeIn<T>(doc: T, path: string, index: number): T {
  const list = getIn(doc, path);
  if (!Array.isArray(list)) return doc;
  return setIn(
    doc,
    path,
    list.filter((_, n) => n !== index),
  );
}
