/**
 * @module verify/rules
 * What `basis verify` can report, as data: a stable code per rule, whether it is a violation of
 * the minimisation specification or a problem with the input, the sentence that explains it
 * and the references it rests on. Reports and SARIF take their words from here.
 */

export type VerifyRuleKind = "violation" | "input";

export interface VerifyRule {
  kind: VerifyRuleKind;
  title: string;
  /** One sentence for a group of occurrences; `field` is the field the group is about. */
  message: (field: string) => string;
  help: string;
  refs: readonly string[];
}

export const VERIFY_RULES = {
  FIELD_NOT_IN_SPEC: {
    kind: "violation",
    title: "Field not in the specification",
    message: (f) =>
      `Field "${f}" is collected but the minimisation specification does not list it.`,
    help: "Stop collecting the field, or add it to lia.minimisation.fields with its purpose and retention in a new or updated LIA.",
    refs: ["gdpr-art-5-1-c", "gdpr-art-5-1-b"],
  },
  FIELD_PROHIBITED: {
    kind: "violation",
    title: "Prohibited field collected",
    message: (f) => `Field "${f}" is listed as prohibited in the specification but is collected.`,
    help: "Remove the field at the source and delete what was stored; the specification rules it out.",
    refs: ["gdpr-art-5-1-c"],
  },
  IPV4_NOT_TRUNCATED: {
    kind: "violation",
    title: "Full IPv4 address where a truncated one was promised",
    message: (f) =>
      `Field "${f}" holds full IPv4 addresses although the specification promises truncation to /24.`,
    help: "Set the last octet to 0 (a /24 network) before the value is written.",
    refs: ["gdpr-art-5-1-c", "cjeu-c-582-14-breyer"],
  },
  IPV6_NOT_TRUNCATED: {
    kind: "violation",
    title: "Full IPv6 address where a truncated one was promised",
    message: (f) =>
      `Field "${f}" holds IPv6 addresses with bits beyond /48 although the specification promises truncation.`,
    help: "Zero every bit after the first 48 (keep the first three groups) before the value is written.",
    refs: ["gdpr-art-5-1-c", "cjeu-c-582-14-breyer"],
  },
  EMAIL_ADDRESS: {
    kind: "violation",
    title: "Email address in a field that does not promise one",
    message: (f) =>
      `Field "${f}" contains email addresses; the specification does not allow them there.`,
    help: "Find where the address enters the field (often a URL parameter or free text) and strip it before storage.",
    refs: ["gdpr-art-5-1-c"],
  },
  USER_AGENT_RAW: {
    kind: "violation",
    title: "Raw user agent where a reduced one was promised",
    message: (f) =>
      `Field "${f}" holds full user-agent strings although the specification promises a reduced form.`,
    help: "Reduce the user agent to device type, browser and major versions before storage; discard the raw string.",
    refs: ["gdpr-art-5-1-c"],
  },
  QUERY_STRING: {
    kind: "violation",
    title: "Query string where path or host only was promised",
    message: (f) =>
      `Field "${f}" contains query strings although the specification promises the path or host only.`,
    help: "Cut everything from the first ? before storage; query strings often carry identifiers and emails.",
    refs: ["gdpr-art-5-1-c"],
  },
  REFERRER_NOT_HOST_ONLY: {
    kind: "violation",
    title: "Referrer with a path where the host only was promised",
    message: (f) =>
      `Field "${f}" contains referrer paths although the specification promises the host only.`,
    help: "Keep only the host of the referring URL before storage.",
    refs: ["gdpr-art-5-1-c"],
  },
  RETENTION_EXCEEDED: {
    kind: "violation",
    title: "Record kept longer than its retention",
    message: (f) =>
      `Records holding "${f}" are older than the retention the specification sets for it.`,
    help: "Delete (or aggregate) records once the retention period ends; check that the deletion job runs.",
    refs: ["gdpr-art-5-1-e"],
  },
  LINE_TOO_LONG: {
    kind: "input",
    title: "Line too long",
    message: () => "A line is longer than the scanner reads in one piece; it was skipped unread.",
    help: "Check the file is line-delimited text; raise --max-line if records really are this long.",
    refs: [],
  },
  MALFORMED_RECORD: {
    kind: "input",
    title: "Malformed record",
    message: () => "A record could not be parsed in the input's format; it was skipped.",
    help: "Repair or remove the record; a truncated last line usually means the file was copied while being written.",
    refs: [],
  },
  INVALID_UTF8: {
    kind: "input",
    title: "Invalid UTF-8",
    message: () => "A line is not valid UTF-8 text; it was skipped.",
    help: "Re-encode the file as UTF-8, or find what writes binary data into it.",
    refs: [],
  },
  UNREADABLE_INPUT: {
    kind: "input",
    title: "Input could not be read to the end",
    message: () =>
      "The input stopped being readable (a corrupt compressed stream or a read error).",
    help: "Check the file: a truncated .gz usually means an interrupted copy.",
    refs: [],
  },
} as const satisfies Record<string, VerifyRule>;

export type VerifyRuleCode = keyof typeof VERIFY_RULES;

export function ruleOf(code: VerifyRuleCode): VerifyRule {
  return VERIFY_RULES[code];
}
