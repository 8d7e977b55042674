/**
 * Typed places in the draft. A `Lens<V>` names one place of the assessment being edited and
 * the type of the value held there: `draft.at("lia", "interests", 0, "title")` is a
 * `Lens<string>`, and a key the model does not have, or an input bound to a value of another
 * type (a checkbox on a text), is a TypeScript error instead of a silent write to a path the
 * schema rejects. The keys are the ones the core's `getIn`/`setIn` read, so reading and
 * writing stay the core's (a write creates the objects it lives in).
 */
import { type DraftKey, getIn, setIn } from "../../src/core/drafting.ts";
import type { DraftValues, Updater } from "./draft-state.ts";

/** A value that is there (the model has no nulls; `T & {}` keeps a generic `T` as it is). */
type Defined<T> = NonNullable<T>;

/** The keys that step into a value of type V: an index into a list, a property of an object. */
export type KeyOf<V> =
  Defined<V> extends readonly unknown[]
    ? number
    : Defined<V> extends object
      ? Extract<keyof Defined<V>, string>
      : never;

/** The type of the value at key K of a V (never undefined: a missing value reads as such). */
export type At<V, K> =
  Defined<V> extends readonly (infer E)[]
    ? Defined<E>
    : K extends keyof Defined<V>
      ? Defined<Defined<V>[K]>
      : never;

/**
 * One place of the draft holding a value of type V. It reads as `V | undefined` (an answer
 * may be missing, or anything above it), and writing `undefined` removes the answer. V is
 * invariant: a `Lens<string>` is not a `Lens<"low" | "high">`, nor the reverse.
 */
export interface Lens<V> {
  /** The keys from the document to this place. */
  readonly keys: readonly DraftKey[];
  /** Where the engine's findings put this place: `lia.interests[0].title`. */
  readonly where: string;
  /** The value here, or undefined when it or anything above it is missing. */
  readonly get: (doc: DraftValues) => V | undefined;
  /** The change that writes `value` here (undefined removes it). */
  readonly set: (value: V | undefined) => Updater;
  /** A place inside this one, one to five keys further down. */
  at<K1 extends KeyOf<V>>(k1: K1): Lens<At<V, K1>>;
  at<K1 extends KeyOf<V>, K2 extends KeyOf<At<V, K1>>>(k1: K1, k2: K2): Lens<At<At<V, K1>, K2>>;
  at<K1 extends KeyOf<V>, K2 extends KeyOf<At<V, K1>>, K3 extends KeyOf<At<At<V, K1>, K2>>>(
    k1: K1,
    k2: K2,
    k3: K3,
  ): Lens<At<At<At<V, K1>, K2>, K3>>;
  at<
    K1 extends KeyOf<V>,
    K2 extends KeyOf<At<V, K1>>,
    K3 extends KeyOf<At<At<V, K1>, K2>>,
    K4 extends KeyOf<At<At<At<V, K1>, K2>, K3>>,
  >(k1: K1, k2: K2, k3: K3, k4: K4): Lens<At<At<At<At<V, K1>, K2>, K3>, K4>>;
  at<
    K1 extends KeyOf<V>,
    K2 extends KeyOf<At<V, K1>>,
    K3 extends KeyOf<At<At<V, K1>, K2>>,
    K4 extends KeyOf<At<At<At<V, K1>, K2>, K3>>,
    K5 extends KeyOf<At<At<At<At<V, K1>, K2>, K3>, K4>>,
  >(k1: K1, k2: K2, k3: K3, k4: K4, k5: K5): Lens<At<At<At<At<At<V, K1>, K2>, K3>, K4>, K5>>;
}

/** The engine's way of writing a place: keys joined by dots, list indexes in brackets. */
export function whereOf(keys: readonly DraftKey[]): string {
  return keys.reduce<string>(
    (at, k) => (typeof k === "number" ? `${at}[${k}]` : at === "" ? k : `${at}.${k}`),
    "",
  );
}

function lensAt<V>(keys: readonly DraftKey[]): Lens<V> {
  return {
    keys,
    where: whereOf(keys),
    get: (doc) => getIn(doc, keys) as V | undefined,
    set: (value) => (doc) => setIn(doc, keys, value),
    // The overloads above give each place its type; the keys are all the value needs.
    at: ((...more: DraftKey[]) => lensAt([...keys, ...more])) as Lens<V>["at"],
  };
}

/** The whole draft: every place the editor binds an input to starts here. */
export const draft: Lens<DraftValues> = lensAt<DraftValues>([]);

/** A change that adds `item` at the end of the list at `list` (created when missing). */
export function appendTo<E>(list: Lens<E[]>, item: NoInfer<E>): Updater {
  return (doc) => {
    const items = list.get(doc);
    return list.set(items ? [...items, item] : [item])(doc);
  };
}

/** A change that removes the item at `index` of the list at `list`. */
export function removeFrom<E>(list: Lens<E[]>, index: number): Updater {
  return (doc) => {
    const items = list.get(doc);
    return items ? list.set(items.filter((_, n) => n !== index))(doc) : doc;
  };
}
