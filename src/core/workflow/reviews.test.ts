import { describe, expect, it } from "vitest";
import { classifyReviews, objectionResponseDue, responseOverdue, reviewState } from "./reviews.ts";

describe("reviewState", () => {
  it("calls a date before today overdue, and today itself due soon", () => {
    expect(reviewState("2026-11-21", "2026-11-22", 30)).toBe("overdue");
    expect(reviewState("2026-11-22", "2026-11-22", 30)).toBe("due-soon");
  });
  it("counts the last day of the window as due soon and the day after as later", () => {
    expect(reviewState("2026-12-22", "2026-11-22", 30)).toBe("due-soon");
    expect(reviewState("2026-12-23", "2026-11-22", 30)).toBe("later");
  });
  it("treats a missing date as later", () => {
    expect(reviewState(null, "2026-11-22", 30)).toBe("later");
  });
});

describe("classifyReviews", () => {
  it("sorts overdue and due-soon items by date with their distance in days", () => {
    const items = [
      { id: "c", nextReview: "2026-12-01" },
      { id: "a", nextReview: "2026-10-01" },
      { id: "x", nextReview: "2027-06-01" },
      { id: "n", nextReview: null },
      { id: "b", nextReview: "2026-11-20" },
    ];
    const r = classifyReviews(items, "2026-11-22", 30);
    expect(r.overdue.map((i) => [i.id, i.days])).toEqual([
      ["a", -52],
      ["b", -2],
    ]);
    expect(r.dueSoon.map((i) => [i.id, i.days])).toEqual([["c", 9]]);
  });
});

describe("objectionResponseDue", () => {
  it("is one calendar month by default, clamped to a shorter month", () => {
    expect(objectionResponseDue("2026-03-15")).toBe("2026-04-15");
    expect(objectionResponseDue("2027-01-31")).toBe("2027-02-28");
  });
  it("is the configured number of days when one is set", () => {
    expect(objectionResponseDue("2026-03-15", { days: 28 })).toBe("2026-04-12");
    expect(objectionResponseDue("2026-12-20", { days: 28 })).toBe("2027-01-17");
  });
});

describe("responseOverdue", () => {
  it("flags a pending objection after its due date, not on it, and never a decided one", () => {
    expect(responseOverdue({ responseDue: "2026-11-21", decision: "pending" }, "2026-11-22")).toBe(
      true,
    );
    expect(responseOverdue({ responseDue: "2026-11-22", decision: "pending" }, "2026-11-22")).toBe(
      false,
    );
    expect(responseOverdue({ responseDue: "2026-11-01", decision: "upheld" }, "2026-11-22")).toBe(
      false,
    );
  });
});
