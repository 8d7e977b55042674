/**
 * @module core/workflow/reviews
 * When reviews and objection responses fall due. Pure date arithmetic on YYYY-MM-DD strings:
 * today's date and the configured periods are arguments, so the server, the CLI and the
 * browser classify the same register the same way.
 */
import { addDays, addMonths, daysBetween } from "../dates.ts";

/** How a review date stands on a given day. */
export type ReviewState = "overdue" | "due-soon" | "later";

/**
 * Where a next-review date stands on `today`: before today is overdue; from today up to and
 * including `today + days` is due soon; anything later (or no date) is later.
 */
export function reviewState(
  nextReview: string | null | undefined,
  today: string,
  days: number,
): ReviewState {
  if (!nextReview) return "later";
  if (nextReview < today) return "overdue";
  return nextReview <= addDays(today, days) ? "due-soon" : "later";
}

export interface Classified<T> {
  /** Oldest first; `days` is negative: how many days late. */
  overdue: (T & { days: number })[];
  /** Soonest first; `days` is how many days are left (0 on the day). */
  dueSoon: (T & { days: number })[];
}

/**
 * Split items with a next-review date into overdue and due within `days` of `today`, each
 * sorted by date and carrying its distance from today in days.
 */
export function classifyReviews<T extends { nextReview: string | null | undefined }>(
  items: readonly T[],
  today: string,
  days: number,
): Classified<T> {
  const out: Classified<T> = { overdue: [], dueSoon: [] };
  const sorted = [...items].sort((a, b) => (a.nextReview ?? "").localeCompare(b.nextReview ?? ""));
  for (const item of sorted) {
    const state = reviewState(item.nextReview, today, days);
    if (state === "later") continue;
    const entry = { ...item, days: daysBetween(today, item.nextReview as string) };
    (state === "overdue" ? out.overdue : out.dueSoon).push(entry);
  }
  return out;
}

/**
 * The response period for an objection: a number of days where one is configured (the seed
 * LIAs commit to 28), otherwise one calendar month (Art. 12(3)).
 */
export interface ResponsePeriod {
  days?: number | null | undefined;
}

/**
 * The date a response to an objection received on `receivedOn` is due: `receivedOn` plus the
 * configured days, or plus one calendar month (31 January → 28/29 February).
 */
export function objectionResponseDue(receivedOn: string, period: ResponsePeriod = {}): string {
  return period.days ? addDays(receivedOn, period.days) : addMonths(receivedOn, 1);
}

/** An undecided objection whose response date is before today. */
export function responseOverdue(
  objection: { responseDue: string; decision: string },
  today: string,
): boolean {
  return objection.decision === "pending" && objection.responseDue < today;
}
