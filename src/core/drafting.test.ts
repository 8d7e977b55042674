import { describe, expect, it } from "vitest";
import { cleanLiAssessment } from "../../test/builders.ts";
import { appendIn, getIn, newDecision, newInterest, newLia, removeIn, setIn } from "./drafting.ts";
import { evaluate } from "./evaluate.ts";
import { Assessment } from "./schema/index.ts";

/** An activity as the web app creates it from scratch: one purpose, no decision, no LIA. */
function fromScratch(): Assessment {
  const a = cleanLiAssessment();
  const { lia: _lia, ...rest } = a;
  return { ...rest, decisions: [] };
}
const codes = (a: Assessment) => evaluate(a, { today: "2026-06-01" }).findings.map((f) => f.code);

describe("a decision created from scratch", () => {
  it("takes the necessity answers the basis wizard writes, whichever comes first", () => {
    let doc = appendIn(fromScratch(), "decisions", newDecision("security"));
    doc = setIn(doc, "decisions.0.necessity.explanation", "Attacks cannot be seen otherwise.");
    doc = setIn(doc, "decisions.0.necessity.necessary", true);
    expect(doc.decisions[0]?.necessity).toEqual({
      necessary: true,
      explanation: "Attacks cannot be seen otherwise.",
    });
    expect(Assessment.safeParse(doc).success).toBe(true);
  });

  it("reads an unanswered necessity as missing, not as a failed necessity test", () => {
    let doc = appendIn(fromScratch(), "decisions", newDecision("security"));
    doc = setIn(doc, "decisions.0.basis", "contract");
    doc = setIn(doc, "decisions.0.necessity.explanation", "Needed to deliver the service.");
    expect(codes(doc)).toContain("BASIS_NECESSITY_MISSING");
    expect(codes(doc)).not.toContain("BASIS_NOT_NECESSARY");
    doc = setIn(doc, "decisions.0.necessity.necessary", false);
    expect(codes(doc)).toContain("BASIS_NOT_NECESSARY");
  });

  it("creates the missing parents of an answer even on a decision made without them", () => {
    const doc = { ...fromScratch(), decisions: [{ purpose: "security" }] };
    const after = setIn(doc, "decisions.0.consent.freelyGiven", true);
    expect(after.decisions[0]).toEqual({ purpose: "security", consent: { freelyGiven: true } });
  });
});

describe("an LIA interest created from scratch", () => {
  it("takes the interest checks the purpose step writes", () => {
    let doc: Assessment = { ...fromScratch(), lia: newLia() };
    doc = setIn(doc, "lia.interests.0.checks.lawful", true);
    doc = appendIn(doc, "lia.interests", newInterest("fraud", "Preventing fraud"));
    doc = setIn(doc, "lia.interests.1.checks.realAndPresent", true);
    expect(doc.lia?.interests.map((i) => i.checks)).toEqual([
      { lawful: true },
      { realAndPresent: true },
    ]);
  });

  it("starts a missing LIA and list when an interest's answer is written first", () => {
    const doc = setIn(fromScratch(), "lia.interests.0.checks.lawful", true);
    expect(doc.lia).toEqual({ interests: [{ id: "", title: "", checks: { lawful: true } }] });
  });
});

describe("setIn, appendIn and removeIn", () => {
  it("copy the path they change and leave the original as it was", () => {
    const before = cleanLiAssessment();
    const snapshot = structuredClone(before);
    const after = setIn(before, "lia.interests.0.title", "Renamed");
    expect(before).toEqual(snapshot);
    expect(getIn(after, "lia.interests.0.title")).toBe("Renamed");
    expect(after.activity).toBe(before.activity);
  });

  it("remove a key set to undefined and an item by index", () => {
    const a = cleanLiAssessment();
    expect(getIn(setIn(a, "activity.retention", undefined), "activity")).not.toHaveProperty(
      "retention",
    );
    const two = appendIn(a, "activity.dataSubjects", { name: "Staff" });
    expect(removeIn(two, "activity.dataSubjects", 0).activity.dataSubjects).toEqual([
      { name: "Staff" },
    ]);
  });
});
