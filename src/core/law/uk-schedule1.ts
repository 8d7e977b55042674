/**
 * @module core/law/uk-schedule1
 * The conditions of Data Protection Act 2018 Schedule 1 as data, for the UK profile. Under
 * DPA 2018 s. 10, special-category data processed under Art. 9(2)(b), (h), (i) or (j) also
 * needs a Part 1 condition, under Art. 9(2)(g) a Part 2 condition, and criminal-offence data
 * (Art. 10) a condition in Part 1, 2 or 3. Some conditions are met only while the controller
 * has an appropriate policy document (APD, Part 4 paras. 38–41).
 *
 * Numbering: Part 1 paras. 1–4, Part 2 paras. 6–28 (para. 5 is the Part 2 APD rule, not a
 * condition), Part 3 paras. 29–37. No inserted paragraphs (e.g. "21A") were found in the
 * revised text or ICO guidance consulted; re-check when the Act is amended.
 *
 * APD rules:
 * - Part 1: only para. 1 (employment, social security, social protection) requires one.
 * - Part 2: every condition does (para. 5(1)) unless the paragraph says otherwise. Para. 13
 *   (journalism) says otherwise in full (para. 13(3)); para. 10 does for disclosures to a
 *   competent authority only (para. 10(2)), recorded in `apdCarveOut`.
 * - Part 3: para. 35 requires one itself; paras. 36 and 37 work by reference to Part 2
 *   conditions, so the Part 2 APD rule comes with them; paras. 29–34 need none.
 */
import type { Article9Condition } from "../schema/common.ts";

export interface Schedule1Condition {
  /** Stable id: `sch1-para-N`. */
  id: string;
  /** Part 1 (employment, health, research), 2 (substantial public interest), 3 (criminal data). */
  part: 1 | 2 | 3;
  paragraph: number;
  /** Short label in our own words. */
  title: string;
  /** Whether the condition is met only with an appropriate policy document in place. */
  policyDocumentRequired: boolean;
  /** Where the Act lifts the APD requirement for part of the condition only. */
  apdCarveOut?: string;
}

function condition(
  part: 1 | 2 | 3,
  paragraph: number,
  title: string,
  policyDocumentRequired: boolean,
  apdCarveOut?: string,
): Schedule1Condition {
  const c: Schedule1Condition = {
    id: `sch1-para-${paragraph}`,
    part,
    paragraph,
    title,
    policyDocumentRequired,
  };
  if (apdCarveOut !== undefined) c.apdCarveOut = apdCarveOut;
  return Object.freeze(c);
}

/** Every Schedule 1 condition of Parts 1–3, in paragraph order. */
export const SCHEDULE_1: readonly Schedule1Condition[] = Object.freeze([
  // Part 1 — employment, health and research
  condition(1, 1, "Employment, social security and social protection obligations", true),
  condition(1, 2, "Health or social care", false),
  condition(1, 3, "Public health", false),
  condition(1, 4, "Archiving, research and statistics", false),
  // Part 2 — substantial public interest (para. 5 is the APD rule, not a condition)
  condition(2, 6, "Statutory and government purposes", true),
  condition(2, 7, "Administration of justice and parliamentary functions", true),
  condition(2, 8, "Monitoring equality of opportunity or treatment", true),
  condition(2, 9, "Racial and ethnic diversity at senior levels", true),
  condition(
    2,
    10,
    "Preventing or detecting unlawful acts",
    true,
    "No APD needed for a disclosure to a competent authority, or processing in preparation for one (para. 10(2)).",
  ),
  condition(2, 11, "Protecting the public from dishonesty, malpractice and similar", true),
  condition(2, 12, "Meeting regulatory requirements on unlawful acts and dishonesty", true),
  condition(2, 13, "Journalism and similar purposes about unlawful acts and dishonesty", false),
  condition(2, 14, "Preventing fraud through anti-fraud organisations", true),
  condition(2, 15, "Reporting suspected terrorist financing or money laundering", true),
  condition(2, 16, "Support for people with a particular disability or medical condition", true),
  condition(2, 17, "Counselling, advice and support", true),
  condition(2, 18, "Safeguarding children and individuals at risk", true),
  condition(2, 19, "Safeguarding the economic well-being of certain individuals", true),
  condition(2, 20, "Insurance", true),
  condition(2, 21, "Occupational pensions", true),
  condition(2, 22, "Political parties' activities", true),
  condition(2, 23, "Elected representatives acting on requests", true),
  condition(2, 24, "Disclosures to elected representatives", true),
  condition(2, 25, "Informing elected representatives about prisoners", true),
  condition(2, 26, "Publishing legal judgments", true),
  condition(2, 27, "Anti-doping in sport", true),
  condition(2, 28, "Standards of behaviour in sport", true),
  // Part 3 — additional conditions for criminal convictions etc
  condition(3, 29, "Consent", false),
  condition(3, 30, "Vital interests of someone unable to consent", false),
  condition(3, 31, "Not-for-profit bodies and their members", false),
  condition(3, 32, "Data manifestly made public by the data subject", false),
  condition(3, 33, "Legal claims and legal advice", false),
  condition(3, 34, "Courts and tribunals acting judicially", false),
  condition(3, 35, "Payment card accounts used in child indecency offences", true),
  condition(3, 36, "Part 2 conditions without the substantial public interest test", true),
  condition(3, 37, "Insurance condition extended", true),
]);

/** Look a condition up by id (`sch1-para-N`); undefined when there is no such condition. */
export function findSchedule1(id: string): Schedule1Condition | undefined {
  return SCHEDULE_1.find((c) => c.id === id);
}

/**
 * The Art. 9(2) points for which DPA 2018 s. 10 requires a Schedule 1 condition in the UK:
 * (b), (h), (i) and (j) need a Part 1 condition, (g) a Part 2 condition. The other points
 * ((a), (c), (d), (e), (f)) need none.
 */
export const ARTICLE_9_NEEDS_SCHEDULE_1: readonly Article9Condition[] = Object.freeze([
  "b",
  "g",
  "h",
  "i",
  "j",
]);

/** Which Schedule 1 Part supplies the condition for each point in {@link ARTICLE_9_NEEDS_SCHEDULE_1}. */
export const SCHEDULE_1_PART_FOR_ARTICLE_9: Readonly<Partial<Record<Article9Condition, 1 | 2>>> =
  Object.freeze({ b: 1, g: 2, h: 1, i: 1, j: 1 });
