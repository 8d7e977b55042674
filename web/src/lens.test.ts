/**
 * The draft's places are typed on the assessment model: the `@ts-expect-error` lines below
 * are compiled by `npm run typecheck`, which fails if any of them stops being an error (a
 * wrong key or a value of the wrong type accepted again). The runtime tests check that a
 * place reads and writes where the engine's findings point.
 */
import { describe, expect, it } from "vitest";
import { newDecision } from "../../src/core/drafting.ts";
import { contentOf } from "../../src/core/workflow/recorded-status.ts";
import { cleanLiAssessment } from "../../test/builders.ts";
import type { DraftValues } from "./draft-state.ts";
import { appendTo, draft, type Lens, removeFrom } from "./lens.ts";

const doc = (): DraftValues => contentOf(cleanLiAssessment());

/** Compiles only when the place holds exactly a V. */
const holds = <V>(_lens: Lens<V>) => true;

describe("typed places of the draft", () => {
  it("refuses a key the model does not have", () => {
    // @ts-expect-error: an assessment has no "titel"
    draft.at("titel");
    // @ts-expect-error: an interest has no "name" (it has a title)
    draft.at("lia", "interests", 0, "name");
    // @ts-expect-error: a list is stepped into by index, not by name
    draft.at("decisions", "basis");
    // @ts-expect-error: a text has nothing inside it
    draft.at("title").at("length");
    expect(draft.at("lia", "interests", 0, "title").where).toBe("lia.interests[0].title");
  });

  it("refuses a value of the wrong type", () => {
    // @ts-expect-error: the title is text, not a yes/no answer
    draft.at("title").set(true);
    // @ts-expect-error: "lawful" is a yes/no answer
    draft.at("lia", "interests", 0, "checks").at("lawful").set("yes");
    // @ts-expect-error: the review cadence is a number of months
    draft.at("review", "cadenceMonths").set("12");
    // @ts-expect-error: a basis is one of the lawful bases, not any text
    draft.at("decisions", 0, "basis").set("because");
    // @ts-expect-error: a checkbox place (boolean) is not a text place
    holds<string>(draft.at("lia", "interests", 0, "checks", "lawful"));
    // @ts-expect-error: a text place is not a place for a choice among fixed values
    holds<"low" | "medium" | "high">(draft.at("title"));
    expect(holds<boolean>(draft.at("lia", "interests", 0, "checks", "lawful"))).toBe(true);
    expect(holds<string[]>(draft.at("activity", "recipients"))).toBe(true);
  });

  it("reads and writes the model where the engine's findings point", () => {
    const title = draft.at("lia", "interests", 0).at("title");
    expect(title.where).toBe("lia.interests[0].title");
    const changed = title.set("Fraud prevention")(doc());
    expect(title.get(changed)).toBe("Fraud prevention");
    expect(draft.at("decisions", 0).where).toBe("decisions[0]");
    expect(draft.where).toBe("");
  });

  it("creates what an answer lives in when it is missing, and removes an emptied answer", () => {
    const decisions = draft.at("decisions");
    let d = appendTo(decisions, newDecision("extra"))(doc());
    const n = (decisions.get(d)?.length ?? 0) - 1;
    d = decisions.at(n, "consent", "freelyGiven").set(true)(d);
    expect(decisions.at(n).get(d)).toMatchObject({
      purpose: "extra",
      consent: { freelyGiven: true },
    });
    d = decisions.at(n, "justification").set(undefined)(d);
    expect(decisions.at(n).get(d)).not.toHaveProperty("justification");
    d = removeFrom(decisions, n)(d);
    expect(decisions.get(d)?.some((x) => x.purpose === "extra")).toBe(false);
  });
});
