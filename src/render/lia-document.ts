/**
 * @module render/lia-document
 * Builds the Legitimate Interests Assessment as a format-neutral document, in the structure
 * of a full multi-interest LIA (scope and exclusions; purpose, necessity and balancing per
 * interest; minimisation specification; objection route; conclusion; review, versions and
 * sign-off), followed by the rules engine's open findings and every reference cited.
 * Pure: the evaluation, the message catalogue, the knowledge base and today's date are given.
 * The sections live in `lia-purpose.ts`, `lia-tests.ts` and `lia-closing.ts`.
 */
import type { FindingSeverity } from "../core/rules/types.ts";
import type { Assessment } from "../core/schema/index.ts";
import {
  dateOr,
  type LiaDocumentContext,
  NOT_RECORDED,
  nextReviewText,
} from "./document-context.ts";
import { formatDate, JURISDICTION_LABELS, OUTCOME_LABELS, STATUS_LABELS } from "./labels.ts";
import type { Builder } from "./lia-builder.ts";
import {
  conclusion,
  minimisation,
  objection,
  openFindings,
  referencesCited,
  review,
  signOff,
  versionHistory,
} from "./lia-closing.ts";
import { purposeTest, scope } from "./lia-purpose.ts";
import { balancingTest, necessityTest } from "./lia-tests.ts";
import type { Block, Doc } from "./model.ts";

export type { LiaDocumentContext, ReferenceEntry } from "./document-context.ts";

const SEVERITY_ORDER: Record<FindingSeverity, number> = { blocker: 0, warning: 1, info: 2 };

/**
 * Build the LIA document for one assessment. Sections without content say so ("Not recorded",
 * "None") rather than disappear, except optional details such as prohibited fields.
 */
export function buildLiaDocument(assessment: Assessment, ctx: LiaDocumentContext): Doc {
  const b: Builder = {
    a: assessment,
    ctx,
    interests: assessment.lia?.interests ?? [],
    cited: new Set(),
  };
  const findings = [...ctx.evaluation.findings].sort(
    (x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity],
  );
  const blocks: Block[] = [
    ...scope(b),
    ...purposeTest(b),
    ...necessityTest(b),
    ...balancingTest(b),
    ...minimisation(b),
    ...objection(b),
    ...conclusion(b),
    ...review(b),
    ...versionHistory(b),
    ...signOff(b),
    ...openFindings(b, findings),
    ...referencesCited(b),
  ];
  return {
    title: "Legitimate Interests Assessment",
    subtitle: assessment.title,
    meta: titleBlock(b),
    blocks,
  };
}

function titleBlock({ a, ctx }: Builder): [string, string][] {
  return [
    ["Organisation", a.organisation.name ?? NOT_RECORDED],
    ["Jurisdiction", JURISDICTION_LABELS[a.organisation.jurisdiction]],
    ["Processing activity", a.activity.name],
    ["Version", a.version ?? NOT_RECORDED],
    ["Assessment date", dateOr(a.assessedOn)],
    ["Author", a.author ?? NOT_RECORDED],
    ["Status", a.status ? STATUS_LABELS[a.status] : NOT_RECORDED],
    ["Next review", nextReviewText(a, ctx.evaluation, ctx.today)],
    ["Outcome", OUTCOME_LABELS[ctx.evaluation.outcome]],
    ["Document date", formatDate(ctx.today)],
  ];
}
