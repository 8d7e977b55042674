/**
 * What a person reads in the editor, in words: where a value lives ("Basis decision for purpose
 * 'Fraud detection' — lawful basis", never `decisions[0].basis`), what is wrong with it
 * ("Needs an answer", never zod's `Invalid input: expected string…`), and what would change
 * the outcome (never a rule code). The places and the sentences come from the core's message
 * catalogue, so the editor and the documents say the same thing.
 */
import { describeChange } from "../../src/core/messages/en.ts";
import { fieldLabel, replaceFieldPaths } from "../../src/core/messages/field-labels.ts";
import type { TraceChange } from "../../src/core/rules/types.ts";
import type { Assessment } from "../../src/core/schema/index.ts";

/** The parts of a zod 4 issue that decide its wording. */
export interface SchemaIssue {
  code: string;
  message: string;
  path: ReadonlyArray<PropertyKey>;
  input?: unknown;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  values?: unknown;
  keys?: unknown;
  format?: unknown;
}

/** zod's own default wordings: anything else is a sentence the schema wrote for people. */
const ZOD_DEFAULT =
  /^(Invalid input|Invalid option|Invalid string|Invalid element|Invalid key|Too small|Too big|Unrecognized key|Expected |Required$)/i;

/** A schema problem in words a person can act on. */
export function issueMessage(issue: SchemaIssue): string {
  if (issue.message !== "" && !ZOD_DEFAULT.test(issue.message))
    return sentence(replaceFieldPaths(issue.message));
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return "Needs an answer.";
      if (issue.expected === "number") return "Enter a number.";
      if (issue.expected === "boolean") return "Answer yes or no.";
      if (issue.expected === "array") return "Add at least one item.";
      return "This answer has the wrong form.";
    case "too_small":
      if (issue.origin === "array" || issue.origin === "set")
        return issue.minimum === 1
          ? "Add at least one item."
          : `Add at least ${String(issue.minimum)} items.`;
      if (issue.origin === "string") return "Must not be empty.";
      return `Must be at least ${String(issue.minimum)}.`;
    case "too_big":
      if (issue.origin === "string") return "Too long: shorten it.";
      if (issue.origin === "array") return `At most ${String(issue.maximum)} items.`;
      return `Must be at most ${String(issue.maximum)}.`;
    case "invalid_value":
    case "invalid_enum_value":
    case "invalid_union":
      return "Choose one of the options offered.";
    case "unrecognized_keys":
      return "Holds an answer this version of Basis does not know; remove it from the file.";
    case "invalid_format":
      return "This answer has the wrong form.";
    default:
      return "This answer is not valid yet.";
  }
}

function sentence(text: string): string {
  const t = text.trim();
  if (t === "") return t;
  const upper = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(upper) ? upper : `${upper}.`;
}

/** Where a value lives, in words; list items named by what they are about when the document is valid. */
export function placeLabel(path: string, document?: Assessment | null): string {
  return fieldLabel(path, document ?? undefined);
}

/** A "what would change the outcome" line: a sentence, never a rule code or a path. */
export function changeText(change: TraceChange, document?: Assessment | null): string {
  return replaceFieldPaths(describeChange(change), document ?? undefined);
}

/** Rule codes (`PURPOSE_WITHOUT_DECISION`) as they must never appear in a visible sentence. */
export const RULE_CODE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/;
/** A path into an assessment (`decisions[0].basis`, `lia.interests.0.title`) as it must never appear. */
export const FIELD_PATH = /\b[a-z][A-Za-z]*(?:\[\d+\]|\.\d+|\.[a-z][A-Za-z]*[A-Z][A-Za-z]*)+/;
