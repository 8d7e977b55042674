/**
 * @module cli/commands/reviews
 * `basis reviews`: overdue reviews, reviews due in the next N days and assessments that need
 * a review, from the embedded store or a server. On a terminal the next N days are drawn as
 * a small calendar. Exits 1 while a review is overdue, so a CI job can fail on it.
 */
import { Command } from "commander";
import { addDays } from "../../core/dates.ts";
import { DomainError } from "../../core/errors.ts";
import type { ReviewOverview } from "../../store/index.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { call, remoteOf } from "../remote.ts";
import { todayLocal } from "../today.ts";

export interface ReviewsOptions {
  days: string;
  format: string;
  server?: string;
  token?: string;
  dataDir?: string;
}

const WEEKDAYS = "Mo  Tu  We  Th  Fr  Sa  Su";
const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

function weekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
}

/**
 * The days from `today` to `today + days` as weeks of a calendar: `>` marks today, `*` a day
 * with a review due. Overdue reviews lie before the first day and are listed separately.
 */
export function calendar(today: string, days: number, due: ReadonlySet<string>): string[] {
  const last = addDays(today, days);
  const lines = [`         ${WEEKDAYS}`];
  let day = addDays(today, -weekday(today));
  while (day <= last) {
    const month = MONTHS[Number(day.slice(5, 7)) - 1] ?? "";
    let line = `${month} ${day.slice(8, 10)}  `;
    for (let i = 0; i < 7; i++) {
      const d = addDays(day, i);
      const inRange = d >= today && d <= last;
      const mark = d === today ? ">" : " ";
      const cell = inRange ? `${mark}${d.slice(8, 10)}${due.has(d) ? "*" : " "}` : "    ";
      line += i < 6 ? cell : cell.trimEnd();
    }
    lines.push(line.trimEnd());
    day = addDays(day, 7);
  }
  return lines;
}

export function formatReviews(r: ReviewOverview, tty: boolean): string[] {
  const out: string[] = [];
  const row = (i: { nextReview: string | null; title: string; slug: string }) =>
    `  ${i.nextReview ?? "-"}  ${i.title} (${i.slug})`;
  out.push(`Overdue: ${r.overdue.length}`);
  for (const i of r.overdue) out.push(`${row(i)}  ${-i.days} day(s) late`);
  out.push(`Due within ${r.days} days of ${r.today}: ${r.dueSoon.length}`);
  for (const i of r.dueSoon) out.push(`${row(i)}  in ${i.days} day(s)`);
  out.push(`Review needed: ${r.reviewNeeded.length}`);
  for (const i of r.reviewNeeded) {
    out.push(`  ${i.title} (${i.slug})`);
    for (const t of i.triggers) out.push(`    - ${t.kind}: ${t.reason}`);
  }
  if (tty && r.days > 0) {
    out.push("", ...calendar(r.today, r.days, new Set(r.dueSoon.map((i) => i.nextReview ?? ""))));
    out.push("  > today   * review due");
  }
  return out;
}

async function localOverview(opts: ReviewsOptions, days: number): Promise<ReviewOverview> {
  // Loaded on use, so other commands do not pay for the database at start.
  const { openStore } = await import("../../store/index.ts");
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({ dataDir: opts.dataDir, command: "basis reviews" });
  } catch (e) {
    if (e instanceof DomainError) throw new CliError(e.message);
    throw e;
  }
  try {
    return await store.reviews.overview(todayLocal(), days);
  } finally {
    await store.close();
  }
}

export async function runReviews(io: Io, opts: ReviewsOptions): Promise<number> {
  const days = Number(opts.days);
  if (!Number.isInteger(days) || days < 0 || days > 366)
    throw new CliError(`--days "${opts.days}": use a whole number from 0 to 366`, EXIT.usage);
  if (opts.format !== "text" && opts.format !== "json")
    throw new CliError(`--format "${opts.format}": use text or json`, EXIT.usage);
  const remote = remoteOf(opts);
  const overview = remote
    ? ((await call(remote, "GET", `/api/reviews?days=${days}`)) as ReviewOverview)
    : await localOverview(opts, days);
  if (opts.format === "json") io.out(JSON.stringify(overview, null, 2));
  else io.out(formatReviews(overview, io.isTTY).join("\n"));
  return overview.overdue.length > 0 ? EXIT.failed : EXIT.ok;
}

export function reviewsCommand(io: Io): Command {
  return new Command("reviews")
    .description("overdue and upcoming reviews, and assessments needing one; exit 1 when overdue")
    .option("--days <n>", "how far ahead to look", "30")
    .option("--format <format>", "text or json", "text")
    .option("--server <url>", "a running Basis server instead of the embedded store")
    .option("--token <token>", "API token for --server (or BASIS_TOKEN)")
    .option("--data-dir <dir>", "embedded database directory (default ./data or BASIS_DATA_DIR)")
    .action(async (opts: ReviewsOptions) => io.exit(await runReviews(io, opts)));
}
