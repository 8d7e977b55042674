/**
 * @module core/rules/types
 * What the rules engine returns. Findings are data: a stable code, a severity, the path in the
 * assessment they are about and the reference ids they rest on. Sentences come from the
 * message catalogue (`core/messages`), never from the rules.
 */
import type { ChildMeasure, FactorId } from "../schema/common.ts";
import type { Outcome } from "../vocabulary.ts";

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
  /**
   * Set when the officer has overridden this finding with a written justification. The
   * finding stays in the list (and in every document) marked as overridden; only findings
   * whose rule allows an override can carry one.
   */
  override?: Override;
}

/** An officer's written override of a computed result: kept, dated and shown everywhere. */
export interface Override {
  justification: string;
  by?: string;
  on?: string;
}

/** Which side of the balance a factor weighs on: the people's (`against`) or the interest's. */
export type WeighingSide = "against" | "for";

/** One fact weighed in the balance of one interest, as the engine computed it. */
export interface WeighingFactor {
  /** The factor's id in the balancing table (`core/law/balancing-factors`). */
  factor: FactorId;
  side: WeighingSide;
  /** Weight before any safeguard offsets it. */
  weight: number;
  /**
   * Additional safeguards that offset the factor, and by how much each: the safeguard's
   * measure as recorded, or for the children factor a protective measure (`childMeasure`, its
   * id; the message catalogue's `describeOffset` words either).
   */
  offsetBy: { safeguard: string; amount: number; childMeasure?: ChildMeasure }[];
  /** Weight after the offsets. */
  residual: number;
  /**
   * What the factor adds to its side's total: its residual, or a share of it when a heavier
   * fact of the same group already counts (the same concern is not counted twice).
   */
  counts: number;
  /** Decisive factors settle the balance on their own and cannot be offset. */
  decisive: boolean;
  /** Where in the assessment the fact is recorded. */
  path: string;
  refs: string[];
  /** Values the message catalogue fills into the factor's sentence (e.g. the data named). */
  params: Record<string, string | number>;
}

/**
 * The computed balance of one interest: `against` when the people's side clearly outweighs the
 * interest (or a decisive factor applies), `finely-balanced` when the margin is small.
 */
export type BalanceVerdict = "favours-interest" | "finely-balanced" | "against";

export interface InterestWeighing {
  interest: string;
  factors: WeighingFactor[];
  /** Sum of the residual weights on the people's side. */
  against: number;
  /** Sum of the weights on the interest's side. */
  for: number;
  verdict: BalanceVerdict;
  /** The officer's own conclusion as recorded, shown beside the computed one. */
  officerConclusion: "not-overridden" | "overridden" | "unanswered";
  /** Present when the officer concluded against the computed verdict and wrote why. */
  override?: Override;
}

export type { Outcome } from "../vocabulary.ts";

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
  /**
   * Whether the basis stands on the merits of the facts recorded, setting aside what the
   * record still lacks: `fails` when a finding for this purpose fails the basis.
   */
  merits: "stands" | "fails";
}

export interface TraceChange {
  /** What the user would change, in a short phrase (the message catalogue words it better). */
  change: string;
  /**
   * `resolve` one finding, `resolve-all` of the decisive ones, change an `answer`, a balance
   * `factor` that no longer applies, the `balance-margin` left before a balance tips, or the
   * `review` date falling due.
   */
  kind: "resolve" | "resolve-all" | "answer" | "factor" | "balance-margin" | "review";
  factor?: FactorId;
  interest?: string;
  margin?: number;
  due?: string;
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

/** Whether a DPIA is needed, and which criteria of which list say so (and from which facts). */
export interface DpiaScreening {
  verdict: "required" | "likely" | "not-needed";
  criteria: {
    id: string;
    list: "wp248" | "cnil" | "ico" | "art-35-3";
    title: string;
    /** The screening facts that made the criterion apply; empty when declared by hand. */
    facts: string[];
    refs: string[];
  }[];
  /** The national list applied to the controller, if any. */
  nationalList?: "cnil" | "ico";
}

export interface DpiaEvaluation {
  screening: DpiaScreening;
  /** The risk left after the measures of the DPIA held or cited, when rated. */
  residualRisk?: "high" | "low";
}

export interface Evaluation {
  outcome: Outcome;
  findings: Finding[];
  trace: Trace;
  /** How the engine weighed the facts, per interest relying on Art. 6(1)(f). */
  weighing: InterestWeighing[];
  /** The DPIA screening and, where a DPIA is held or cited, its residual risk. */
  dpia: DpiaEvaluation;
}

export interface EvaluateOptions {
  /** Today's date, YYYY-MM-DD. The engine has no clock of its own. */
  today: string;
  /** Known reference ids; when given, unknown citations in the assessment are reported. */
  knownRefs?: ReadonlySet<string>;
}
