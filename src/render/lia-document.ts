/**
 * @module render/lia-document
 * Builds the Legitimate Interests Assessment as a format-neutral document, in the structure
 * of a full multi-interest LIA (scope and exclusions; purpose, necessity and balancing per
 * interest; minimisation specification; objection route; conclusion; review, versions and
 * sign-off), followed by the rules engine's open findings and every reference cited.
 * Pure: the evaluation, the message catalogue, the knowledge base and today's date are given.
 */
import type { Evaluation, Finding, FindingSeverity } from "../core/rules/types.ts";
import type { Assessment, BalancingTest, Interest, NecessityTest } from "../core/schema/index.ts";
import {
  APPROVAL_DECISION_LABELS,
  BASIS_LABELS,
  EXPECTED_LABELS,
  FINDING_SEVERITY_LABELS,
  formatDate,
  INTEREST_KIND_LABELS,
  JURISDICTION_LABELS,
  LEVEL_LABELS,
  LIKELIHOOD_LABELS,
  OUTCOME_LABELS,
  ROLE_LABELS,
  SAFEGUARD_KIND_LABELS,
  SENSITIVITY_LABELS,
  SEVERITY_LABELS,
  SPECIAL_CATEGORY_LABELS,
  STATUS_LABELS,
  TEST_RESULT_LABELS,
  TRANSFORMATION_LABELS,
  yesNo,
} from "./labels.ts";
import type { Block, Doc } from "./model.ts";
import { heading, keyValue, list, note, paragraph, table } from "./model.ts";

/** A knowledge-base entry as the document needs it. */
export interface ReferenceEntry {
  title: string;
  citation: string;
  url?: string;
}

/** Everything the LIA document needs besides the assessment itself. */
export interface LiaDocumentContext {
  /** The rules engine's result for this assessment. */
  evaluation: Evaluation;
  /** The message catalogue: a finding's sentence and how to resolve it. */
  describe: (finding: Finding) => { message: string; fix: string };
  /** The knowledge base: a reference id's title, citation and link, if known. */
  reference: (id: string) => ReferenceEntry | undefined;
  /** Today's date, YYYY-MM-DD: the document's date and the yardstick for an overdue review. */
  today: string;
}

const NOT_RECORDED = "Not recorded";
const LI_BASES: ReadonlySet<string> = new Set([
  "legitimate-interests",
  "recognised-legitimate-interest",
]);
const SEVERITY_ORDER: Record<FindingSeverity, number> = { blocker: 0, warning: 1, info: 2 };
const DEFAULT_CADENCE_MONTHS = 12;
const NO_LIA = "No legitimate interest is recorded: this assessment has no LIA.";

/** State shared by the section builders: lookups, and the references cited so far. */
interface Builder {
  a: Assessment;
  ctx: LiaDocumentContext;
  interests: Interest[];
  cited: Set<string>;
}

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
    ["Next review", nextReviewText(a, ctx)],
    ["Outcome", OUTCOME_LABELS[ctx.evaluation.outcome]],
    ["Document date", formatDate(ctx.today)],
  ];
}

function scope(b: Builder): Block[] {
  const { activity, decisions } = b.a;
  const inScope: string[][] = [];
  const excluded: string[][] = [];
  const undecided: string[] = [];
  for (const purpose of activity.purposes) {
    const decision = decisions.find((d) => d.purpose === purpose.id);
    if (decision?.basis === undefined) undecided.push(purpose.description);
    else if (LI_BASES.has(decision.basis)) {
      const relied = (decision.interests ?? []).map((id) => interestTitle(b, id));
      inScope.push([
        purpose.description,
        BASIS_LABELS[decision.basis],
        joinOr(relied, "None named"),
      ]);
    } else {
      excluded.push([
        purpose.description,
        BASIS_LABELS[decision.basis],
        decision.justification ?? "",
      ]);
    }
  }
  const subjects = activity.dataSubjects.map((s) => {
    const flags = [
      s.children
        ? `includes children${s.youngestAge === undefined ? "" : ` from age ${s.youngestAge}`}`
        : "",
      s.vulnerable ? "vulnerable" : "",
    ].filter((f) => f !== "");
    return flags.length > 0 ? `${s.name} (${flags.join(", ")})` : s.name;
  });
  const categories = activity.dataCategories.map((c) => {
    if (c.specialCategory)
      return `${c.name} (special category: ${SPECIAL_CATEGORY_LABELS[c.specialCategory]})`;
    return c.criminalOffence ? `${c.name} (criminal-offence data)` : c.name;
  });
  return [
    heading(2, "1. Scope"),
    paragraph(activity.description),
    keyValue([
      ["Data subjects", subjects.join("; ")],
      ["Data categories", categories.join("; ")],
      ["Retention", activity.retention ?? NOT_RECORDED],
    ]),
    heading(3, "1.1 Purposes relying on legitimate interests"),
    inScope.length > 0
      ? table(["Purpose", "Lawful basis", "Interests relied on"], inScope)
      : paragraph("No purpose of this activity relies on legitimate interests."),
    ...(excluded.length > 0
      ? [
          heading(3, "1.2 Purposes not relying on legitimate interests"),
          paragraph("These purposes rely on another lawful basis and are outside this assessment."),
          table(["Purpose", "Lawful basis", "Justification"], excluded),
        ]
      : []),
    ...(undecided.length > 0
      ? [note("warning", `No lawful basis has been decided for: ${undecided.join("; ")}.`)]
      : []),
  ];
}

function purposeTest(b: Builder): Block[] {
  const blocks: Block[] = [heading(2, "2. Purpose test")];
  if (b.interests.length === 0) return [...blocks, paragraph(NO_LIA)];
  b.interests.forEach((interest, i) => {
    const recognised = (interest.recognisedBy ?? []).map((id) => cite(b, id));
    blocks.push(
      heading(3, `2.${i + 1} ${interest.title}`),
      keyValue([
        ["Description", interest.description ?? NOT_RECORDED],
        [
          "Kind",
          joinOr(
            (interest.kind ?? []).map((k) => INTEREST_KIND_LABELS[k]),
            NOT_RECORDED,
          ),
        ],
        ["Recognised by", joinOr(recognised, "None cited")],
        ["Lawful", yesNo(interest.checks?.lawful)],
        ["Specific and clearly articulated", yesNo(interest.checks?.specific)],
        ["Real and present", yesNo(interest.checks?.realAndPresent)],
        ["Stated in the privacy notice", yesNo(interest.statedInPrivacyNotice)],
      ]),
      ...labelledList("Benefits", interest.benefits),
      ...labelledList("Who benefits", interest.beneficiaries),
    );
  });
  return blocks;
}

function necessityTest(b: Builder): Block[] {
  const tests = b.a.lia?.necessity ?? [];
  return perInterest(b, 3, "Necessity test", tests, (test) => {
    if (!test) return [paragraph("No necessity test is recorded for this interest.")];
    const alternatives = test.alternatives ?? [];
    return [
      keyValue([
        ["Processing", test.processing ?? NOT_RECORDED],
        [
          "Conclusion",
          test.necessary === undefined
            ? "Not concluded"
            : test.necessary
              ? "Necessary"
              : "Not necessary",
        ],
      ]),
      ...labelledList("Why the processing is necessary", test.whyNecessary),
      heading(4, "Less intrusive alternatives considered"),
      alternatives.length > 0
        ? table(
            ["Alternative", "Assessment", "Why rejected", "Evidence"],
            alternatives.map((alt) => [
              alt.alternative,
              alt.assessment ?? "",
              alt.rejectedBecause ?? "",
              alt.evidence ?? "",
            ]),
          )
        : paragraph("No alternative is recorded."),
      ...labelledList("Minimisation measures", test.minimisation),
    ];
  });
}

function balancingTest(b: Builder): Block[] {
  const tests = b.a.lia?.balancing ?? [];
  const hasChildren = b.a.activity.dataSubjects.some((s) => s.children === true);
  return perInterest(b, 4, "Balancing test", tests, (test, interestId) => {
    if (!test) {
      const result = b.ctx.evaluation.trace.interests.find((r) => r.interest === interestId);
      return result?.balancing === "not-required"
        ? [
            note(
              "info",
              "No balancing test is required for a recognised legitimate interest (UK Art. 6(1)(ea)).",
            ),
          ]
        : [paragraph("No balancing test is recorded for this interest.")];
    }
    return balancingBlocks(test, hasChildren);
  });
}

function balancingBlocks(test: BalancingTest, hasChildren: boolean): Block[] {
  const nature = test.natureOfData ?? [];
  const expectations = test.reasonableExpectations;
  const impacts = test.impacts ?? [];
  const safeguards = test.safeguards ?? [];
  const blocks: Block[] = [
    heading(4, "Nature of the data"),
    nature.length > 0
      ? table(
          ["Data element", "Sensitivity", "Assessment"],
          nature.map((d) => [
            d.element,
            d.sensitivity ? SENSITIVITY_LABELS[d.sensitivity] : "",
            d.assessment ?? "",
          ]),
        )
      : paragraph(NOT_RECORDED),
    heading(4, "Reasonable expectations"),
    expectations
      ? keyValue([
          ["Relationship", expectations.relationship ?? NOT_RECORDED],
          ["What they were told", expectations.whatTheyWereTold ?? NOT_RECORDED],
          ["Context", expectations.context ?? NOT_RECORDED],
          [
            "Would they expect it",
            expectations.expected ? EXPECTED_LABELS[expectations.expected] : NOT_RECORDED,
          ],
        ])
      : paragraph(NOT_RECORDED),
    heading(4, "Impact on data subjects"),
    impacts.length > 0
      ? table(
          ["Impact", "Description", "Likelihood", "Severity"],
          impacts.map((i) => [
            i.kind,
            i.description ?? "",
            i.likelihood ? LIKELIHOOD_LABELS[i.likelihood] : "",
            i.severity ? SEVERITY_LABELS[i.severity] : "",
          ]),
        )
      : paragraph(NOT_RECORDED),
    heading(4, "Safeguards"),
    safeguards.length > 0
      ? table(
          ["Safeguard", "Implementation", "Kind"],
          safeguards.map((s) => [s.measure, s.implementation ?? "", SAFEGUARD_KIND_LABELS[s.kind]]),
        )
      : paragraph(NOT_RECORDED),
    heading(4, "Opt-out"),
    test.optOut
      ? keyValue([
          ["Available", yesNo(test.optOut.available)],
          ["Route", test.optOut.route ?? NOT_RECORDED],
          ...(test.optOut.reason === undefined
            ? []
            : [["Reason", test.optOut.reason] as [string, string]]),
        ])
      : paragraph(NOT_RECORDED),
  ];
  if (test.childrenConsidered !== undefined || hasChildren) {
    blocks.push(heading(4, "Children"), paragraph(test.childrenConsidered ?? NOT_RECORDED));
  }
  blocks.push(
    heading(4, "Judgement"),
    keyValue([
      [
        "Weight of the interest",
        test.interestWeight ? LEVEL_LABELS[test.interestWeight] : NOT_RECORDED,
      ],
      ["Impact on individuals", test.impactLevel ? LEVEL_LABELS[test.impactLevel] : NOT_RECORDED],
      [
        "Overridden by the data subjects' interests or rights",
        yesNo(test.overridden, "Not decided"),
      ],
      ["Reasoning", test.reasoning ?? NOT_RECORDED],
    ]),
  );
  return blocks;
}

function minimisation(b: Builder): Block[] {
  const spec = b.a.lia?.minimisation;
  const blocks: Block[] = [heading(2, "5. Data-minimisation specification")];
  if (!spec) return [...blocks, paragraph("No data-minimisation specification is recorded.")];
  if (spec.rule !== undefined) blocks.push(note("info", spec.rule));
  blocks.push(
    spec.fields.length > 0
      ? table(
          ["Field", "Type", "Purpose", "Retention", "Transformation"],
          spec.fields.map((f) => [
            f.name,
            f.type ?? "",
            f.purpose ?? "",
            f.retention ?? (f.retentionDays === undefined ? "" : `${f.retentionDays} days`),
            f.transformation ? TRANSFORMATION_LABELS[f.transformation] : "",
          ]),
        )
      : paragraph("No fields are specified."),
  );
  const prohibited = spec.prohibited ?? [];
  if (prohibited.length > 0) {
    blocks.push(
      heading(4, "Prohibited fields"),
      list(prohibited.map((p) => (p.reason === undefined ? p.name : `${p.name}: ${p.reason}`))),
    );
  }
  return blocks;
}

function objection(b: Builder): Block[] {
  const route = b.a.lia?.objection;
  return [
    heading(2, "6. Right to object (Art. 21)"),
    route
      ? keyValue([
          ["How to object", route.route ?? NOT_RECORDED],
          [
            "Response time",
            route.responseDays === undefined ? NOT_RECORDED : `${route.responseDays} days`,
          ],
          ["If an objection is upheld", route.outcomeIfUpheld ?? NOT_RECORDED],
        ])
      : paragraph("No objection route is recorded."),
  ];
}

function conclusion(b: Builder): Block[] {
  const { evaluation, describe } = b.ctx;
  const recorded = b.a.lia?.conclusion;
  const results = evaluation.trace.interests;
  // The engine may carry a condition as a finding code; say it in words when it does.
  const conditions = evaluation.trace.conditions.map((c) => {
    const finding = evaluation.findings.find((f) => f.code === c);
    return finding ? describe(finding).message : c;
  });
  for (const c of recorded?.conditions ?? []) if (!conditions.includes(c)) conditions.push(c);
  return [
    heading(2, "7. Conclusion"),
    results.length > 0
      ? table(
          ["Interest", "Purpose test", "Necessity", "Balancing", "Outcome"],
          results.map((r) => [
            interestTitle(b, r.interest),
            TEST_RESULT_LABELS[r.purposeTest],
            TEST_RESULT_LABELS[r.necessity],
            TEST_RESULT_LABELS[r.balancing],
            OUTCOME_LABELS[r.outcome],
          ]),
        )
      : paragraph("No result per interest is available."),
    keyValue([
      ["Overall outcome", OUTCOME_LABELS[evaluation.outcome]],
      ["Summary", recorded?.summary ?? NOT_RECORDED],
    ]),
    heading(4, "Conditions"),
    conditions.length > 0 ? list(conditions) : paragraph("None."),
    keyValue([
      ["Decided by", recorded?.decidedBy ?? NOT_RECORDED],
      ["Decided on", dateOr(recorded?.decidedOn)],
    ]),
  ];
}

function review(b: Builder): Block[] {
  const r = b.a.review;
  const cadence = r?.cadenceMonths;
  const history = r?.history ?? [];
  return [
    heading(2, "8. Review"),
    keyValue([
      [
        "Cadence",
        cadence === undefined
          ? `Every ${DEFAULT_CADENCE_MONTHS} months (default)`
          : `Every ${cadence} months`,
      ],
      ["Next review", nextReviewText(b.a, b.ctx)],
      ["Owner", r?.owner ?? NOT_RECORDED],
    ]),
    heading(4, "Triggers for an early review"),
    (r?.triggers ?? []).length > 0 ? list(r?.triggers ?? []) : paragraph("None recorded."),
    heading(4, "Review history"),
    history.length > 0
      ? table(
          ["Date", "By", "Summary"],
          history.map((h) => [formatDate(h.date), h.by ?? "", h.summary]),
        )
      : paragraph("No review has been recorded yet."),
  ];
}

function versionHistory(b: Builder): Block[] {
  const history = b.a.history ?? [];
  return [
    heading(2, "9. Version history"),
    history.length > 0
      ? table(
          ["Version", "Date", "Changes", "Author"],
          history.map((v) => [v.version, formatDate(v.date), v.changes, v.author ?? ""]),
        )
      : paragraph("No version history is recorded."),
  ];
}

function signOff(b: Builder): Block[] {
  const required = [...new Set(b.a.signOff?.required ?? [])];
  const records = b.a.signOff?.records ?? [];
  const rows = records.map((r) => [
    ROLE_LABELS[r.role],
    r.name ?? "",
    r.decision ? APPROVAL_DECISION_LABELS[r.decision] : "",
    r.date ? formatDate(r.date) : "",
    r.comment ?? "",
  ]);
  for (const role of required) {
    if (!records.some((r) => r.role === role)) rows.push([ROLE_LABELS[role], "", "", "", ""]);
  }
  const blocks: Block[] = [heading(2, "10. Sign-off")];
  if (required.length > 0) {
    blocks.push(paragraph(`Required: ${required.map((role) => ROLE_LABELS[role]).join(", ")}.`));
  }
  blocks.push(
    rows.length > 0
      ? table(["Role", "Name", "Decision", "Date", "Comment"], rows)
      : paragraph("No sign-off is required or recorded."),
  );
  return blocks;
}

function openFindings(b: Builder, findings: Finding[]): Block[] {
  return [
    heading(2, "11. Open findings"),
    findings.length > 0
      ? table(
          ["Severity", "Finding", "Where", "How to resolve", "References"],
          findings.map((f) => {
            const { message, fix } = b.ctx.describe(f);
            return [
              FINDING_SEVERITY_LABELS[f.severity],
              message,
              f.path,
              fix,
              f.refs.map((id) => cite(b, id)).join("; "),
            ];
          }),
        )
      : paragraph("None."),
  ];
}

function referencesCited(b: Builder): Block[] {
  const rows = [...b.cited].map((id) => {
    const ref = b.ctx.reference(id);
    return ref ? [ref.title, ref.citation, ref.url ?? ""] : [id, "Not in the knowledge base", ""];
  });
  return [
    heading(2, "12. References cited"),
    rows.length > 0 ? table(["Reference", "Citation", "Link"], rows) : paragraph("None."),
  ];
}

/**
 * One subsection per interest, in the order of the interests, then one for each test that names
 * an interest the LIA does not have, so that nothing recorded is silently left out.
 */
function perInterest<T extends NecessityTest | BalancingTest>(
  b: Builder,
  section: number,
  title: string,
  tests: T[],
  render: (test: T | undefined, interestId: string) => Block[],
): Block[] {
  const blocks: Block[] = [heading(2, `${section}. ${title}`)];
  if (b.interests.length === 0 && tests.length === 0) return [...blocks, paragraph(NO_LIA)];
  const ids = b.interests.map((i) => i.id);
  for (const t of tests) if (!ids.includes(t.interest)) ids.push(t.interest);
  ids.forEach((id, i) => {
    blocks.push(
      heading(3, `${section}.${i + 1} ${interestTitle(b, id)}`),
      ...render(
        tests.find((t) => t.interest === id),
        id,
      ),
    );
  });
  return blocks;
}

function labelledList(label: string, items: string[] | undefined): Block[] {
  return items && items.length > 0 ? [heading(4, label), list(items)] : [];
}

function interestTitle(b: Builder, id: string): string {
  return b.interests.find((i) => i.id === id)?.title ?? `Unknown interest "${id}"`;
}

/** Record a citation and return the reference's title (its id when unknown). */
function cite(b: Builder, id: string): string {
  b.cited.add(id);
  return b.ctx.reference(id)?.title ?? id;
}

function nextReviewText(a: Assessment, ctx: LiaDocumentContext): string {
  const fact = ctx.evaluation.trace.facts.nextReview;
  const next = a.review?.nextReview ?? (typeof fact === "string" ? fact : undefined);
  if (next === undefined) return NOT_RECORDED;
  return next < ctx.today ? `${formatDate(next)} (overdue)` : formatDate(next);
}

function dateOr(date: string | undefined): string {
  return date === undefined ? NOT_RECORDED : formatDate(date);
}

function joinOr(items: string[], empty: string): string {
  return items.length > 0 ? items.join("; ") : empty;
}
