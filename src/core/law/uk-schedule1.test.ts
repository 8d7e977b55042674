import { describe, expect, it } from "vitest";
import {
  ARTICLE_9_NEEDS_SCHEDULE_1,
  findSchedule1,
  SCHEDULE_1,
  SCHEDULE_1_PART_FOR_ARTICLE_9,
} from "./uk-schedule1.ts";

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("SCHEDULE_1", () => {
  it("gives every condition a unique id built from its paragraph", () => {
    const ids = SCHEDULE_1.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of SCHEDULE_1) expect(c.id).toBe(`sch1-para-${c.paragraph}`);
  });

  it("lists Part 1 paras 1–4, Part 2 paras 6–28 and Part 3 paras 29–37, in order", () => {
    const paras = (part: number) =>
      SCHEDULE_1.filter((c) => c.part === part).map((c) => c.paragraph);
    expect(paras(1)).toEqual(range(1, 4));
    expect(paras(2)).toEqual(range(6, 28));
    expect(paras(3)).toEqual(range(29, 37));
  });

  it("does not treat para 5, the Part 2 policy-document rule, as a condition", () => {
    expect(findSchedule1("sch1-para-5")).toBeUndefined();
  });

  it("requires an appropriate policy document for employment (para 1)", () => {
    expect(findSchedule1("sch1-para-1")?.policyDocumentRequired).toBe(true);
  });

  it.each([2, 3, 4])("does not require one for Part 1 para %i", (n) => {
    expect(findSchedule1(`sch1-para-${n}`)?.policyDocumentRequired).toBe(false);
  });

  it("requires one for every Part 2 condition except journalism (para 13)", () => {
    const without = SCHEDULE_1.filter((c) => c.part === 2 && !c.policyDocumentRequired);
    expect(without.map((c) => c.paragraph)).toEqual([13]);
  });

  it("notes the partial carve-out for disclosures to a competent authority (para 10)", () => {
    const para10 = findSchedule1("sch1-para-10");
    expect(para10?.policyDocumentRequired).toBe(true);
    expect(para10?.apdCarveOut).toMatch(/competent authority/);
  });

  it("requires one in Part 3 only for paras 35, 36 and 37", () => {
    const needing = SCHEDULE_1.filter((c) => c.part === 3 && c.policyDocumentRequired);
    expect(needing.map((c) => c.paragraph)).toEqual([35, 36, 37]);
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(SCHEDULE_1)).toBe(true);
    const first = SCHEDULE_1[0];
    expect(first && Object.isFrozen(first)).toBe(true);
  });
});

describe("findSchedule1", () => {
  it("finds a condition by id", () => {
    expect(findSchedule1("sch1-para-18")).toMatchObject({ part: 2, paragraph: 18 });
  });

  it("returns undefined for an unknown id", () => {
    expect(findSchedule1("sch1-para-99")).toBeUndefined();
    expect(findSchedule1("")).toBeUndefined();
  });
});

describe("ARTICLE_9_NEEDS_SCHEDULE_1", () => {
  it("is exactly points (b), (g), (h), (i) and (j)", () => {
    expect([...ARTICLE_9_NEEDS_SCHEDULE_1]).toEqual(["b", "g", "h", "i", "j"]);
  });

  it("sends (g) to Part 2 and the others to Part 1", () => {
    for (const letter of ARTICLE_9_NEEDS_SCHEDULE_1) {
      expect(SCHEDULE_1_PART_FOR_ARTICLE_9[letter]).toBe(letter === "g" ? 2 : 1);
    }
    expect(SCHEDULE_1_PART_FOR_ARTICLE_9.a).toBeUndefined();
  });
});
