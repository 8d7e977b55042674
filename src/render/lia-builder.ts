/**
 * @module render/lia-builder
 * The state the LIA's section builders share (the assessment, its context, its interests and
 * the references cited so far) and the helpers they have in common.
 */
import type { Assessment, BalancingTest, Interest, NecessityTest } from "../core/schema/index.ts";
import type { LiaDocumentContext } from "./document-context.ts";
import type { Block } from "./model.ts";
import { heading, list, paragraph } from "./model.ts";

export const NO_LIA = "No legitimate interest is recorded: this assessment has no LIA.";

/** State shared by the section builders: lookups, and the references cited so far. */
export interface Builder {
  a: Assessment;
  ctx: LiaDocumentContext;
  interests: Interest[];
  cited: Set<string>;
}

/**
 * One subsection per interest, in the order of the interests, then one for each test that names
 * an interest the LIA does not have, so that nothing recorded is silently left out.
 */
export function perInterest<T extends NecessityTest | BalancingTest>(
  b: Builder,
  section: number,
  title: string,
  tests: T[],
  render: (test: T | undefined, interestId: string) => Block[],
): Block[] {
  const blocks: Block[] = [heading(2, `${section}. ${title}`)];
  if (b.interests.length === 0 && tests.length === 0) return [...blocks, paragraph(NO_LIA)];
  const ids = b.interests.map((i) => i.id);
  for (const t of tests) if (!ids.includes(t.interest)) ids.push(t.interest);
  ids.forEach((id, i) => {
    blocks.push(
      heading(3, `${section}.${i + 1} ${interestTitle(b, id)}`),
      ...render(
        tests.find((t) => t.interest === id),
        id,
      ),
    );
  });
  return blocks;
}

/** A level-4 heading and a bullet list, or nothing when there are no items. */
export function labelledList(label: string, items: string[] | undefined): Block[] {
  return items && items.length > 0 ? [heading(4, label), list(items)] : [];
}

export function interestTitle(b: Builder, id: string): string {
  return b.interests.find((i) => i.id === id)?.title ?? `Unknown interest "${id}"`;
}

/** Record a citation and return the reference's title (its id when unknown). */
export function cite(b: Builder, id: string): string {
  b.cited.add(id);
  return b.ctx.reference(id)?.title ?? id;
}
