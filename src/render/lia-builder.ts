/**
 * @module render/lia-builder
 * The state the LIA's section builders share (the assessment, its context, its standing, its
 * interests and the references cited so far) and the helpers they have in common: citing a
 * reference, naming an interest, and grouping tests that several interests share so that each
 * is written once, marked with the interests it applies to.
 */
import type { Assessment, Interest } from "../core/schema/index.ts";
import type { LiaDocumentContext } from "./document-context.ts";
import type { Standing } from "./document-record.ts";
import type { Block } from "./model.ts";
import { heading, list } from "./model.ts";

export const NO_LIA = "No legitimate interest is recorded: this assessment has no LIA.";

/** State shared by the section builders: lookups, and the references cited so far. */
export interface Builder {
  a: Assessment;
  ctx: LiaDocumentContext;
  interests: Interest[];
  cited: Set<string>;
  standing: Standing;
}

/** A numbered section's body; the heading is added when the document is assembled. */
export interface Section {
  title: string;
  blocks: (number: string) => Block[];
}

/** A level-4 heading and a bullet list, or nothing when there are no items. */
export function labelledList(label: string, items: string[] | undefined): Block[] {
  return items && items.length > 0 ? [heading(4, label), list(items)] : [];
}

export function interestTitle(b: Builder, id: string): string {
  return b.interests.find((i) => i.id === id)?.title ?? `Interest not in the LIA ("${id}")`;
}

/** Record a citation and return the reference's title (its id when unknown). */
export function cite(b: Builder, id: string): string {
  b.cited.add(id);
  return b.ctx.reference(id)?.title ?? id;
}

/** One test and the interests it applies to. */
export interface Shared<T> {
  interests: string[];
  test: T;
}

/**
 * Tests grouped by what they say (`shared` picks the parts that must be equal), in the order
 * of the interests, then of tests naming an interest the LIA does not have. Several interests
 * with the same test share one entry, written once.
 */
export function shareTests<T extends { interest: string }>(
  b: Builder,
  tests: readonly T[],
  shared: (test: T) => unknown,
): Shared<T>[] {
  const order = b.interests.map((i) => i.id);
  for (const t of tests) if (!order.includes(t.interest)) order.push(t.interest);
  const groups: (Shared<T> & { key: string })[] = [];
  for (const id of order) {
    const test = tests.find((t) => t.interest === id);
    if (!test) continue;
    const key = JSON.stringify(shared(test));
    const group = groups.find((g) => g.key === key);
    if (group) group.interests.push(id);
    else groups.push({ key, interests: [id], test });
  }
  return groups.map(({ interests, test }) => ({ interests, test }));
}

/** "Security monitoring; Fraud prevention" for the interests a test applies to. */
export function appliesTo(b: Builder, ids: readonly string[]): string {
  return ids.map((id) => interestTitle(b, id)).join("; ");
}

/** Interests that have no test of a kind, by title. */
export function withoutTest(b: Builder, tests: readonly { interest: string }[]): string[] {
  return b.interests.filter((i) => !tests.some((t) => t.interest === i.id)).map((i) => i.title);
}
