/**
 * @module core/rules/types
 * What the rules engine returns. Findings are data: a stable code, a severity, the path in the
 * assessment they are about and the reference ids they rest on. Sentences come from the
 * message catalogue (`core/messages`), never from the rules.
 */

export type FindingSeverity = "blocker" | "warning" | "info";

/**
 * How a finding bears on the outcome:
 * - `fails`: the basis cannot stand as recorded (e.g. balancing overridden) -> not-appropriate
 * - `incomplete`: something must still be supplied or fixed -> incomplete
 * - `condition`: the basis stands, on a condition (e.g. carry out a DPIA)
 * - `none`: information only
 */
export type FindingEffect = "fails" | "incomplete" | "condition" | "none";

export interface Finding {
  code: string;
  severity: FindingSeverity;
  effect: FindingEffect;
  /** Path into the assessment, e.g. `lia.balancing[0].safeguards`. */
  path: string;
  /** Reference ids in the knowledge base. */
  refs: string[];
  /** Values the message catalogue fills into its sentences. */
  params: Record<string, string | number>;
}

export type Outcome =
  | "appropriate"
  | "appropriate-with-conditions"
  | "not-appropriate"
  | "incomplete";

export interface InterestOutcome {
  interest: string;
  purposeTest: "met" | "not-met" | "incomplete";
  necessity: "met" | "not-met" | "incomplete" | "not-required";
  balancing: "met" | "not-met" | "incomplete" | "not-required";
  outcome: Outcome;
}

export interface DecisionOutcome {
  purpose: string;
  basis: string | null;
  outcome: Outcome;
}

export interface TraceChange {
  /** What the user would change, as a finding code resolved or an answer altered. */
  change: string;
  /** The codes or path the change concerns. */
  codes: string[];
  path?: string;
  /** The outcome the assessment would then have. */
  outcome: Outcome;
}

export interface Trace {
  /** Findings that decided the outcome, by code and path. */
  decidedBy: { code: string; path: string; effect: FindingEffect }[];
  /** Conditions the outcome carries (from findings and the recorded conclusion). */
  conditions: string[];
  /** Changes that would give a different outcome. */
  wouldChange: TraceChange[];
  decisions: DecisionOutcome[];
  interests: InterestOutcome[];
  /** Facts the engine derived, e.g. review due date and DPIA indicators. */
  facts: Record<string, string | number | boolean | string[]>;
}

export interface Evaluation {
  outcome: Outcome;
  findings: Finding[];
  trace: Trace;
}

export interface EvaluateOptions {
  /** Today's date, YYYY-MM-DD. The engine has no clock of its own. */
  today: string;
  /** Known reference ids; when given, unknown citations in the assessment are reported. */
  knownRefs?: ReadonlySet<string>;
}
