/**
 * @module check/messages
 * Words for what only the CI gate says: its own codes beside the rules engine's catalogue.
 * Codes are stable, like the engine's.
 */

type P = Record<string, string | number>;

export const GATE_MESSAGES = {
  CHECK_LIA_NOT_APPROVED: {
    title: "Legitimate interests without an approved LIA",
    message: (p: P) =>
      `Purpose${String(p.purposes).includes(",") ? "s" : ""} ${p.purposes} rel${String(p.purposes).includes(",") ? "y" : "ies"} on legitimate interests, but the assessment is ${p.status}, not approved.`,
    fix: (_p: P) =>
      "Complete the sign-off and set status: approved; until then the processing has no documented balancing test.",
    refs: ["gdpr-art-6-1-f", "gdpr-art-5-2", "edpb-guidelines-1-2024"],
  },
  CHECK_FILE_INVALID: {
    title: "Not a valid Basis file",
    message: (p: P) => `${p.file} cannot be checked: ${p.problem}`,
    fix: (_p: P) => "Run basis validate on the file and correct what it reports.",
    refs: [] as string[],
  },
  REVIEW_OVERDUE_GATE: "The CI gate treats an overdue review as a failure.",
} as const;
