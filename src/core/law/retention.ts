/**
 * @module core/law/retention
 * Storage limitation (Art. 5(1)(e)): reading a retention period out of what an assessment
 * says, and the yardsticks regulators have published for how long common purposes need data.
 *
 * A retention must be a period, or a rule with a maximum ("until the account closes, at most
 * 3 years"). Wording that sets no end ("indefinitely", "as long as useful") is not a period.
 * The parser reads durations written as numbers or as number words ("two years"), and takes
 * the longest one stated as the maximum.
 */
import type { PurposeCategory } from "../schema/common.ts";

const UNIT_DAYS: Readonly<Record<string, number>> = {
  hour: 1 / 24,
  day: 1,
  week: 7,
  month: 30.4375,
  year: 365.25,
};

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  "twenty-four": 24,
  "twenty-five": 25,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};

const DURATION =
  /\b(\d+(?:[.,]\d+)?|one|an?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|eighteen|twenty(?:-four|-five)?|thirty|sixty|ninety)[\s-]*(hours?|h|days?|d|weeks?|wk|months?|mo|years?|yrs?|y)\b/gi;

/** Words that say a retention has no end. */
const NO_END =
  /\b(indefinite(?:ly)?|forever|permanent(?:ly)?|no (?:fixed |set )?(?:limit|end|period)|unlimited|as long as (?:useful|needed|necessary|required|possible|relevant)|until no longer (?:needed|useful|required))\b/i;

export type RetentionReading = Readonly<
  { kind: "period"; days: number } | { kind: "no-end" } | { kind: "unclear" }
>;

/**
 * Readings already made, by text: one evaluation reads the same retention once per interest
 * and per "what would change the outcome" variant, and the pattern is the costliest step of
 * it. Bounded, so a long-running server reading many texts keeps a fixed amount.
 */
const READINGS = new Map<string, RetentionReading>();
const MAX_READINGS = 2000;

/** Read the longest period a retention text states, or say it has none. */
export function readRetention(text: string): RetentionReading {
  let reading = READINGS.get(text);
  if (reading === undefined) {
    reading = readRetentionText(text);
    if (READINGS.size >= MAX_READINGS) READINGS.clear();
    READINGS.set(text, reading);
  }
  return reading;
}

function readRetentionText(text: string): RetentionReading {
  let longest = 0;
  for (const m of text.matchAll(DURATION)) {
    const amountText = (m[1] ?? "").toLowerCase().replace(",", ".");
    const amount = NUMBER_WORDS[amountText] ?? Number(amountText);
    const unit = unitOf((m[2] ?? "").toLowerCase());
    if (!Number.isFinite(amount) || unit === undefined) continue;
    longest = Math.max(longest, amount * (UNIT_DAYS[unit] ?? 0));
  }
  if (longest > 0) return { kind: "period", days: Math.ceil(longest) };
  if (NO_END.test(text)) return { kind: "no-end" };
  return { kind: "unclear" };
}

function unitOf(u: string): string | undefined {
  if (u.startsWith("h")) return "hour";
  if (u.startsWith("d")) return "day";
  if (u.startsWith("w")) return "week";
  if (u.startsWith("mo")) return "month";
  if (u.startsWith("y")) return "year";
  return undefined;
}

export interface RetentionNorm {
  days: number;
  /** The published yardstick. */
  ref: string;
}

/**
 * Published yardsticks per purpose: how long regulators say such data is normally needed.
 * A purpose without an entry has no general yardstick (its need depends on a contract or a
 * law), and only "no end" weighs then.
 */
export const RETENTION_NORMS: Readonly<Partial<Record<PurposeCategory, RetentionNorm>>> =
  Object.freeze({
    // CNIL recommendation on logging (2021): six months to a year for security logs.
    security: { days: 365, ref: "cnil-logging-recommendation-2021" },
    "incident-response": { days: 365, ref: "cnil-logging-recommendation-2021" },
    // EDPB Guidelines 3/2019, para. 121: a few days; beyond 72 hours needs argument.
    "video-surveillance": { days: 3, ref: "edpb-guidelines-3-2019" },
    // CNIL audience-measurement conditions: statistics kept at most 25 months.
    analytics: { days: 760, ref: "cnil-audience-measurement" },
    "product-improvement": { days: 760, ref: "cnil-audience-measurement" },
    // CNIL: prospects' data three years from the last contact.
    "direct-marketing": { days: 1096, ref: "cnil-commercial-prospecting" },
    // CNIL: unsuccessful candidates' files two years from the last contact.
    recruitment: { days: 731, ref: "cnil-recruitment" },
  });

/** How far beyond its norm a retention is: 0 within twice, 1 beyond twice, 2 beyond five times. */
export function retentionExcessLevel(days: number, normDays: number): 0 | 1 | 2 {
  if (days > normDays * 5) return 2;
  if (days > normDays * 2) return 1;
  return 0;
}
